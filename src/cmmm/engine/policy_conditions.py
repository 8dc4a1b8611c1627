"""The facts policies look at, and the conditions of the policy format checked against them.

Each unmet condition becomes a :class:`Reason` in Chinese and English, so an enterprise learns exactly what
stands between it and a benefit (a level, a certificate, 规上, a recognition, a list). Kinds of result are
ordered weakest first (self-declared, reviewed, certified, valid certificate): a stronger one always counts
where a weaker one is accepted. Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from cmmm.errors import Lang
from cmmm.model.policy_schema import RESULT_ORDER, Conditions, ResultKind

HeldResult = Literal["self_declared", "reviewed", "certified"]
MAX_LEVEL = 5

RESULT_NAMES: Mapping[str, tuple[str, str]] = {
    "self_declared": ("自评估结果", "a self-assessed result"),
    "reviewed": ("经评审的结果", "a reviewed result"),
    "certified": ("正式评估获证的结果", "a certified result"),
    "valid_certificate": ("有效且可查验的证书", "a certificate valid when looked up"),
}
RECOGNITION_NAMES: Mapping[str, tuple[str, str]] = {
    "benchmark": ("标杆企业", "a benchmark enterprise"),
    "demonstration": ("示范企业", "a demonstration enterprise"),
}


@dataclass(frozen=True)
class Reason:
    """Why a benefit is withheld, in both languages."""

    zh: str
    en: str
    about_level: bool = False
    """The level alone is short: such reasons are not repeated for the next level, which restates them."""

    def text(self, lang: Lang = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class EnterpriseFacts:
    """What policies look at: where the enterprise is, its level and how it was obtained, and its standing.

    ``level`` 0 means no level yet. ``first_time`` says this is the first pass at ``level``;
    ``investment_yuan`` is the total investment of a qualifying project, when there is one; ``on`` is the
    date at which policies' validity is checked (None: not checked).
    """

    region: str
    level: int
    result: HeldResult = "certified"
    certificate_valid: bool = False
    first_time: bool = False
    above_designated_size: bool = False
    manufacturing: bool = True
    recognitions: frozenset[str] = frozenset()
    lists: frozenset[str] = frozenset()
    investment_yuan: int | None = None
    on: date | None = None

    @property
    def result_kind(self) -> ResultKind:
        """The strongest kind of result held: a certified result with a valid certificate is the strongest."""
        if self.result == "certified" and self.certificate_valid:
            return "valid_certificate"
        return self.result

    def at_next_level(self) -> EnterpriseFacts:
        """The same enterprise one level up; reaching a new level is necessarily its first pass there.

        The kind of result is kept: a self-assessed enterprise is told what a certificate would add as a reason.
        """
        return replace(self, level=min(self.level + 1, MAX_LEVEL), first_time=True)


def outgrown(conditions: Conditions, level: int) -> bool:
    """Whether ``level`` is above every level the conditions allow (a benefit meant for lower levels only)."""
    if conditions.max_level is not None and level > conditions.max_level:
        return True
    return bool(conditions.levels) and level > max(conditions.levels or (0,))


def condition_reasons(
    conditions: Conditions, facts: EnterpriseFacts, list_names: Mapping[str, Mapping[str, str]]
) -> list[Reason]:
    """Every condition ``facts`` do not meet, in the order of the format."""
    reasons = _level_reasons(conditions, facts.level)
    if conditions.min_result is not None and _rank(facts.result_kind) < _rank(conditions.min_result):
        zh, en = RESULT_NAMES[conditions.min_result]
        held_zh, held_en = RESULT_NAMES[facts.result_kind]
        reasons.append(Reason(f"需要{zh}（当前为{held_zh}）", f"needs {en} (now {held_en})"))
    if conditions.first_time_only and not facts.first_time:
        reasons.append(Reason("仅限首次通过该等级的评估", "only a first pass at this level counts"))
    if conditions.above_designated_size and not facts.above_designated_size:
        reasons.append(Reason("仅限规模以上（规上）企业", "only for enterprises above designated size (规上)"))
    if conditions.manufacturing_only and not facts.manufacturing:
        reasons.append(Reason("仅限制造业（工业）企业", "only for manufacturing (industrial) enterprises"))
    reasons.extend(requirement_reasons(conditions.recognized_as, conditions.member_of, facts, list_names))
    return reasons


def requirement_reasons(
    recognized_as: tuple[str, ...],
    member_of: tuple[str, ...],
    facts: EnterpriseFacts,
    list_names: Mapping[str, Mapping[str, str]],
) -> list[Reason]:
    """Recognitions the enterprise lacks and named lists it is not on."""
    reasons = []
    for name in recognized_as:
        if name not in facts.recognitions:
            zh, en = RECOGNITION_NAMES[name]
            reasons.append(Reason(f"需要已被认定为{zh}", f"needs recognition as {en}"))
    for name in member_of:
        if name not in facts.lists:
            label = list_names.get(name, {})
            zh, en = label.get("zh", name), label.get("en", name)
            reasons.append(Reason(f"需要列入名单：{zh}", f"needs to be on the list: {en}"))
    return reasons


def _level_reasons(conditions: Conditions, level: int) -> list[Reason]:
    reasons = []
    if conditions.min_level is not None and level < conditions.min_level:
        reasons.append(
            Reason(
                f"需要成熟度等级达到 {conditions.min_level} 级及以上（当前 {level} 级）",
                f"needs maturity level {conditions.min_level} or above (now {level})",
                about_level=True,
            )
        )
    if conditions.max_level is not None and level > conditions.max_level:
        reasons.append(
            Reason(
                f"仅适用于 {conditions.max_level} 级及以下",
                f"only for level {conditions.max_level} or below",
                about_level=True,
            )
        )
    if conditions.levels is not None and level not in conditions.levels:
        shown = "、".join(str(n) for n in conditions.levels)
        listed = ", ".join(map(str, conditions.levels))
        reasons.append(Reason(f"仅适用于 {shown} 级", f"only for level {listed}", about_level=True))
    return reasons


def _rank(kind: ResultKind) -> int:
    return RESULT_ORDER.index(kind)
