"""What an assessment gives the engine to score, and the JSON shape of an answers file.

The engine takes already-parsed values; edges turn files, forms and API bodies into :class:`Answers` with
:func:`answers_from_json`, so that all of them report the same problems at the same JSON paths. The rules
that relate answers to a model (R3) live in :mod:`cmmm.engine.scope`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from cmmm.errors import AnswersInvalid, Problem

Number = Fraction | Decimal | int


@dataclass(frozen=True)
class Answers:
    """One assessment's inputs (see reference/scoring.md, Inputs).

    ``weights`` overrides the path template per domain; ``excluded_domains`` are tailored out (裁剪).
    """

    industry: str
    target_level: int
    ratings: Mapping[str, str]
    excluded_domains: Sequence[str] = ()
    weights: Mapping[str, Number] = field(default_factory=dict)
    efforts: Mapping[str, Number] | None = None
    """Optional effort estimates per requirement, for the cheapest path; not used by scoring."""


def _problem(location: str, zh: str, en: str) -> Problem:
    return Problem(location, zh, en)


ANSWERS_KEYS = (
    "id",
    "model",
    "industry",
    "target_level",
    "excluded_domains",
    "weights",
    "ratings",
    "efforts",
    "enterprise",
)
"""Keys of an answers file (docs/answers-format.md); ``id`` and ``enterprise`` are carried, not scored."""


def answers_from_json(data: object) -> Answers:
    """Check the JSON shape of an answers object and build :class:`Answers`, reporting every problem.

    Numbers should have been parsed as Decimal (``json.loads(..., parse_float=Decimal)``) so that weights
    like 0.3 stay exact.
    """
    if not isinstance(data, dict):
        raise AnswersInvalid(
            "评分输入应为 JSON 对象",
            "the answers must be a JSON object",
            [_problem("$", "应为 JSON 对象", "must be a JSON object")],
        )
    problems = [] if _plainly_well_formed(data) else list(_shape_problems(data))
    if problems:
        raise AnswersInvalid(
            f"评分输入有 {len(problems)} 处问题", f"the answers have {len(problems)} problem(s)", problems
        )
    return Answers(
        industry=data["industry"],
        target_level=data["target_level"],
        ratings=data["ratings"],
        excluded_domains=tuple(data.get("excluded_domains", ())),
        weights=_exact_numbers(data.get("weights", {})),
        efforts=_exact_numbers(data["efforts"]) if "efforts" in data else None,
    )


_KEY_SET = frozenset(ANSWERS_KEYS)
_NUMBER_FIELDS = frozenset({"excluded_domains", "weights", "efforts"})


def _plainly_well_formed(data: dict[str, object]) -> bool:
    """The common shape (no tailoring, overrides or efforts), recognized in a few C-level operations so that
    batch scoring does not walk every answers object; anything else is examined in full. A grade that is not a
    string is then left to the model check (R3), which reports it as an unknown grade at ``ratings.<id>``."""
    return (
        data.keys() <= _KEY_SET
        and type(data.get("industry")) is str
        and type(data.get("target_level")) is int
        and type(data.get("ratings")) is dict
        and type(data.get("model", "")) is str
        and _NUMBER_FIELDS.isdisjoint(data)
    )


def _exact_numbers(values: dict[str, Any]) -> dict[str, Any]:
    """Binary floats (from a JSON parser without ``parse_float=Decimal``) become the decimals they print as."""
    return {key: Decimal(repr(value)) if isinstance(value, float) else value for key, value in values.items()}


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal | Fraction | float) and not isinstance(value, bool)


def _shape_problems(data: dict[str, object]) -> Iterator[Problem]:
    for key in data:
        if key not in ANSWERS_KEYS:
            yield _problem(key, f"未知字段 {key!r}", f"unknown field {key!r}")
    for key in ("industry", "target_level", "ratings"):
        if key not in data:
            yield _problem(key, "缺少必填字段", "required field is missing")
    if "industry" in data and not isinstance(data["industry"], str):
        yield _problem("industry", "应为字符串（discrete 或 process）", "must be a string (discrete or process)")
    level = data.get("target_level", 1)
    if isinstance(level, bool) or not isinstance(level, int):
        yield _problem("target_level", "应为 1 至 5 的整数", "must be an integer from 1 to 5")
    if "model" in data and not isinstance(data["model"], str):
        yield _problem("model", "应为 id@version 形式的字符串", "must be a string id@version")
    yield from _list_of_strings(data.get("excluded_domains", []), "excluded_domains")
    ratings = data.get("ratings", {})
    if not isinstance(ratings, dict) or not set(map(type, ratings.values())) <= {str}:  # checked item by item if not
        yield from _mapping(ratings, "ratings", lambda v: isinstance(v, str), "字符串", "a string")
    yield from _mapping(data.get("weights", {}), "weights", _is_number, "数字", "a number")
    yield from _mapping(data.get("efforts", {}), "efforts", _is_number, "数字", "a number")


def _list_of_strings(value: object, where: str) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield _problem(where, "应为字符串列表", "must be a list of strings")
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            yield _problem(f"{where}[{i}]", "应为字符串", "must be a string")


def _mapping(value: object, where: str, check: Callable[[object], bool], zh: str, en: str) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield _problem(where, "应为 JSON 对象", "must be a JSON object")
        return
    for key, item in value.items():
        if not check(item):
            yield _problem(f"{where}.{key}", f"应为{zh}，实际为 {item!r}", f"must be {en}, got {item!r}")
