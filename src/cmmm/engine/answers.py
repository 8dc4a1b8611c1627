"""What an assessment gives the engine to score, and the checks of rule R3 on it.

The engine takes already-parsed values; edges turn files and forms into :class:`Answers`. Checking happens
here, once, so that the CLI, the API and batch scoring report the same problems at the same locations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from cmmm.errors import AnswersInvalid, Problem
from cmmm.model.schema import Model

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


@dataclass(frozen=True)
class Scope:
    """The checked, resolved scope of one assessment: what scoring iterates over (R2)."""

    model: Model
    answers: Answers
    domain_ids: tuple[str, ...]
    weights: Mapping[str, Fraction]
    weight_provenance: Mapping[str, str]
    points: Mapping[str, Fraction | None]


def _problem(location: str, zh: str, en: str) -> Problem:
    return Problem(location, zh, en)


def resolve_scope(model: Model, answers: Answers) -> Scope:
    """Check the answers against the model (R3), reporting every problem at once, and resolve weights."""
    problems = list(_answer_problems(model, answers))
    if problems:
        raise AnswersInvalid(
            f"评分输入有 {len(problems)} 处问题", f"the answers have {len(problems)} problem(s)", problems
        )
    excluded = set(answers.excluded_domains)
    domain_ids = tuple(d for d in model.index.domains if d not in excluded)
    template = model.template_for(answers.industry)
    assert template is not None  # checked above
    weights: dict[str, Fraction] = {}
    provenance: dict[str, str] = {}
    for domain_id in domain_ids:
        override = answers.weights.get(domain_id)
        weights[domain_id] = Fraction(override if override is not None else template.weights[domain_id])
        provenance[domain_id] = "override" if override is not None else "template"
    points = {g.id: (None if g.points is None else Fraction(g.points)) for g in model.method.grades}
    return Scope(model, answers, domain_ids, weights, provenance, points)


def _answer_problems(model: Model, answers: Answers) -> Iterator[Problem]:
    yield from _header_problems(model, answers)
    yield from _domain_problems(model, answers)
    yield from _rating_problems(model, answers)
    yield from _effort_problems(model, answers)


def _header_problems(model: Model, answers: Answers) -> Iterator[Problem]:
    paths = [p.id for p in model.paths]
    if answers.industry not in paths:
        yield _problem(
            "industry",
            f"未知的行业路径 {answers.industry!r}（可选：{', '.join(paths)}）",
            f"unknown industry path {answers.industry!r} (one of: {', '.join(paths)})",
        )
    top = len(model.levels)
    if not 1 <= answers.target_level <= top:
        yield _problem("target_level", f"目标等级应为 1 至 {top} 的整数", f"target_level must be 1 to {top}")


def _domain_problems(model: Model, answers: Answers) -> Iterator[Problem]:
    known = model.index.domains
    for i, domain_id in enumerate(answers.excluded_domains):
        if domain_id not in known:
            yield _problem(f"excluded_domains[{i}]", f"未知的能力域 {domain_id!r}", f"unknown domain {domain_id!r}")
    for domain_id, count in Counter(answers.excluded_domains).items():
        if count > 1:
            yield _problem(
                "excluded_domains",
                f"能力域 {domain_id} 重复裁剪 {count} 次",
                f"domain {domain_id} is excluded {count} times",
            )
    if known and set(answers.excluded_domains) >= set(known):
        yield _problem("excluded_domains", "不能裁剪全部能力域", "not every domain can be excluded")
    for domain_id, weight in answers.weights.items():
        where = f"weights.{domain_id}"
        if domain_id not in known:
            yield _problem(where, f"未知的能力域 {domain_id!r}", f"unknown domain {domain_id!r}")
        if isinstance(weight, bool) or not isinstance(weight, Fraction | Decimal | int) or weight <= 0:
            yield _problem(where, f"权重应为正数，实际为 {weight!r}", f"weights must be positive, got {weight!r}")


def _effort_problems(model: Model, answers: Answers) -> Iterator[Problem]:
    for requirement_id, effort in (answers.efforts or {}).items():
        where = f"efforts.{requirement_id}"
        if requirement_id not in model.index.requirements:
            yield _problem(where, f"未知的要求 {requirement_id}", f"unknown requirement {requirement_id}")
        if isinstance(effort, bool) or not isinstance(effort, Fraction | Decimal | int) or effort <= 0:
            yield _problem(
                where,
                f"工作量估计应为正数，实际为 {effort!r}",
                f"effort estimates must be positive, got {effort!r}",
            )


def _rating_problems(model: Model, answers: Answers) -> Iterator[Problem]:
    index = model.index
    grades = [g.id for g in model.method.grades]
    for requirement_id, grade in answers.ratings.items():
        where = f"ratings.{requirement_id}"
        if requirement_id not in index.requirements:
            yield _problem(where, f"未知的要求 {requirement_id}", f"unknown requirement {requirement_id}")
        if grade not in grades:
            yield _problem(
                where,
                f"未知的满足程度 {grade!r}（可选：{', '.join(grades)}）",
                f"unknown grade {grade!r} (one of: {', '.join(grades)})",
            )
    excluded = set(answers.excluded_domains)
    missing = [
        requirement_id
        for requirement_id, requirement in index.requirements.items()
        if requirement.level <= answers.target_level
        and index.domain_of_requirement(requirement_id) not in excluded
        and requirement_id not in answers.ratings
    ]
    for requirement_id in missing:
        yield _problem(
            f"ratings.{requirement_id}",
            f"缺少要求 {requirement_id} 的评分",
            f"requirement {requirement_id} has no rating",
        )


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
    problems = list(_shape_problems(data))
    if problems:
        raise AnswersInvalid(
            f"评分输入有 {len(problems)} 处问题", f"the answers have {len(problems)} problem(s)", problems
        )
    return Answers(
        industry=data["industry"],
        target_level=data["target_level"],
        ratings=data["ratings"],
        excluded_domains=tuple(data.get("excluded_domains", ())),
        weights=dict(data.get("weights", {})),
        efforts=dict(data["efforts"]) if "efforts" in data else None,
    )


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
    yield from _mapping(data.get("ratings", {}), "ratings", lambda v: isinstance(v, str), "字符串", "a string")
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
