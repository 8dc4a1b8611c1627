"""Rules that relate the parts of a policy file to each other, checked after its shape is valid.

Every rule runs and yields problems located by their path in the file (``policies[3].benefits[0].per_level[1]``)
so that an official editing policies sees everything wrong in one pass. Region codes are checked against the
GB/T 2260 table of :mod:`cmmm.codes.regions`: a mistyped code would otherwise silently match no enterprise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from cmmm.codes.regions import bundled_regions
from cmmm.errors import Problem, RegionUnknown
from cmmm.model.policy_schema import Benefit, Conditions, Policy, PolicySet, Tier

REQUIRED_LOCALES = ("zh", "en")

_KIND_FIELDS: Mapping[str, frozenset[str]] = {
    "award": frozenset({"per_level", "amount_yuan", "min_yuan", "max_yuan"}),
    "investment_share": frozenset({"percent", "cap_yuan", "up_to"}),
    "recognition": frozenset({"recognition"}),
    "eligibility": frozenset({"programme"}),
    "support": frozenset(),
}
_KIND_REQUIRED: Mapping[str, tuple[str, ...]] = {
    "investment_share": ("percent", "cap_yuan"),
    "recognition": ("recognition",),
    "eligibility": ("programme",),
    "support": ("description",),
}
_KIND_SPECIFIC_FIELDS = frozenset().union(*_KIND_FIELDS.values())


def policy_problems(policy_set: PolicySet) -> list[Problem]:
    lists = {item.id for item in policy_set.lists}
    problems = [*_envelope_problems(policy_set), *_locale_problems(policy_set)]
    for i, policy in enumerate(policy_set.policies):
        problems.extend(_policy_problems(policy, f"policies[{i}]", lists))
    return problems


def _envelope_problems(policy_set: PolicySet) -> Iterator[Problem]:
    missing = [code for code in REQUIRED_LOCALES if code not in policy_set.locales]
    if missing:
        yield Problem("locales", f"应包含 {', '.join(missing)}", f"must include {', '.join(missing)}")
    for name, ids in (("policies", [p.id for p in policy_set.policies]), ("lists", [x.id for x in policy_set.lists])):
        for i, key in enumerate(ids):
            if key in ids[:i]:
                first = ids.index(key)
                yield Problem(
                    f"{name}[{i}].id", f"标识 {key} 与 {name}[{first}] 重复", f"id {key} repeats {name}[{first}]"
                )
    for i, item in enumerate(policy_set.lists):
        yield from _region_problems(item.region, f"lists[{i}].region")


def _locale_problems(policy_set: PolicySet) -> Iterator[Problem]:
    """Every localized text carries every locale of the envelope (and at least zh and en)."""
    wanted = set(policy_set.locales) | set(REQUIRED_LOCALES)
    for location, text in _localized_texts(policy_set, ""):
        missing = sorted(wanted - set(text))
        if missing:
            joined = ", ".join(missing)
            yield Problem(location, f"缺少语言 {joined} 的文本", f"text missing for locale(s) {joined}")


def _localized_texts(value: Any, location: str) -> Iterator[tuple[str, Mapping[str, str]]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _localized_texts(getattr(value, name), f"{location}.{name}" if location else name)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _localized_texts(item, f"{location}[{i}]")
    elif isinstance(value, dict):
        yield location, value


def _region_problems(code: str, location: str) -> Iterator[Problem]:
    try:
        bundled_regions().region(code, location)
    except RegionUnknown as error:
        yield from error.problems


def _policy_problems(policy: Policy, where: str, lists: set[str]) -> Iterator[Problem]:
    yield from _region_problems(policy.region, f"{where}.region")
    if policy.valid_from and policy.valid_to and policy.valid_from > policy.valid_to:
        yield Problem(f"{where}.valid_to", "应不早于 valid_from", "must not be before valid_from")
    yield from _kind_problems(policy, where)
    yield from condition_problems(policy.conditions, f"{where}.conditions", lists)
    for i, benefit in enumerate(policy.benefits):
        yield from _benefit_problems(benefit, f"{where}.benefits[{i}]", lists)
    for i, target in enumerate(policy.targets):
        if target.max_level is not None and target.max_level < target.min_level:
            yield Problem(f"{where}.targets[{i}].max_level", "应不小于 min_level", "must not be below min_level")


def _kind_problems(policy: Policy, where: str) -> Iterator[Problem]:
    """Targets belong to target policies, provider rules to provider policies, benefits to the others."""
    parts = {"benefits": bool(policy.benefits), "targets": bool(policy.targets), "rules": bool(policy.provider_rules)}
    wanted = {"target": "targets", "provider_scoring": "rules"}.get(policy.kind, "benefits")
    field = {"benefits": "benefits", "targets": "targets", "rules": "provider_rules"}
    if not parts[wanted]:
        yield Problem(
            f"{where}.{field[wanted]}",
            f"类型为 {policy.kind} 的政策至少需要一项",
            f"a policy of kind {policy.kind} needs at least one entry here",
        )
    for part, present in parts.items():
        if present and part != wanted:
            yield Problem(
                f"{where}.{field[part]}",
                f"类型为 {policy.kind} 的政策不应有此项",
                f"a policy of kind {policy.kind} takes no {field[part]}",
            )


def condition_problems(conditions: Conditions, where: str, lists: set[str]) -> Iterator[Problem]:
    low, high = conditions.min_level, conditions.max_level
    if low is not None and high is not None and high < low:
        yield Problem(f"{where}.max_level", "应不小于 min_level", "must not be below min_level")
    if conditions.levels is not None and (low is not None or high is not None):
        yield Problem(
            f"{where}.levels",
            "levels 与 min_level/max_level 不能同时使用",
            "levels cannot be combined with min_level/max_level",
        )
    if conditions.levels is not None and not conditions.levels:
        yield Problem(f"{where}.levels", "不能为空", "must not be empty")
    yield from _list_problems(conditions.member_of, f"{where}.member_of", lists)


def _list_problems(names: tuple[str, ...], where: str, lists: set[str]) -> Iterator[Problem]:
    for i, name in enumerate(names):
        if name not in lists:
            yield Problem(f"{where}[{i}]", f"名单 {name} 未在 lists 中声明", f"list {name} is not declared in lists")


def _benefit_problems(benefit: Benefit, where: str, lists: set[str]) -> Iterator[Problem]:
    defaults = Benefit.model_fields
    given = {name for name in _KIND_SPECIFIC_FIELDS if getattr(benefit, name) != defaults[name].default}
    for name in sorted(given - _KIND_FIELDS[benefit.kind]):
        yield Problem(
            f"{where}.{name}", f"{benefit.kind} 类收益不使用此字段", f"a benefit of kind {benefit.kind} takes no {name}"
        )
    for name in _KIND_REQUIRED.get(benefit.kind, ()):
        if getattr(benefit, name) is None:
            yield Problem(
                f"{where}.{name}", f"{benefit.kind} 类收益缺少此字段", f"a benefit of kind {benefit.kind} needs {name}"
            )
    yield from condition_problems(benefit.conditions, f"{where}.conditions", lists)
    if benefit.kind == "award":
        yield from _award_problems(benefit, where, lists)


def _award_problems(benefit: Benefit, where: str, lists: set[str]) -> Iterator[Problem]:
    flat = benefit.amount_yuan is not None or benefit.max_yuan is not None or benefit.min_yuan is not None
    if benefit.per_level and flat:
        yield Problem(
            f"{where}.per_level",
            "per_level 与 amount_yuan/min_yuan/max_yuan 只能用其一",
            "use either per_level or amount_yuan/min_yuan/max_yuan, not both",
        )
    elif flat:
        yield from _money_problems(benefit.amount_yuan, benefit.min_yuan, benefit.max_yuan, where)
    elif not benefit.per_level and benefit.note is None:
        yield Problem(
            f"{where}.note",
            "未写金额的奖励需要说明（如“原文未写明金额”）",
            'an award without an amount needs a note (such as "the source states no amount")',
        )
    levels = [tier.level for tier in benefit.per_level]
    if levels != sorted(set(levels)):
        yield Problem(f"{where}.per_level", "各行等级应唯一且递增", "row levels must be unique and increasing")
    for i, tier in enumerate(benefit.per_level):
        yield from _tier_problems(tier, f"{where}.per_level[{i}]", lists)


def _tier_problems(tier: Tier, where: str, lists: set[str]) -> Iterator[Problem]:
    yield from _money_problems(tier.amount_yuan, tier.min_yuan, tier.max_yuan, where)
    yield from _list_problems(tier.member_of, f"{where}.member_of", lists)


def _money_problems(amount: int | None, low: int | None, high: int | None, where: str) -> Iterator[Problem]:
    """Exactly one of: an exact ``amount_yuan``; or ``max_yuan`` with an optional ``min_yuan`` not above it."""
    if amount is not None and (low is not None or high is not None):
        yield Problem(
            f"{where}.amount_yuan",
            "amount_yuan 与 min_yuan/max_yuan 只能用其一",
            "use either amount_yuan or min_yuan/max_yuan, not both",
        )
    elif amount is None and high is None:
        yield Problem(f"{where}.max_yuan", "需要 amount_yuan 或 max_yuan", "needs amount_yuan or max_yuan")
    elif low is not None and high is not None and low > high:
        yield Problem(f"{where}.min_yuan", "不应大于 max_yuan", "must not exceed max_yuan")
