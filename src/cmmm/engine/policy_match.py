"""Which policies an enterprise qualifies for now, and what its next maturity level would unlock.

Pure: facts about one enterprise and the policies in, matches out. A policy applies where its region contains
the enterprise's region (520102 lies in 520100 and 520000; 000000 is the whole country); the hierarchy is a
parameter (``within``) defaulting to the GB/T 2260 table of :mod:`cmmm.codes.regions`. A per-level table gives
the highest row the enterprise has reached and whose extra conditions hold, so a higher level never loses
an award whose other conditions hold. Every unmet condition is reported as a reason in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cmmm.codes.regions import is_within
from cmmm.engine.policy_conditions import (
    MAX_LEVEL,
    EnterpriseFacts,
    Reason,
    condition_reasons,
    outgrown,
    requirement_reasons,
)
from cmmm.model.policy_schema import Benefit, Policy, Tier

Within = Callable[[str, str], bool]
"""``within(code, ancestor)``: whether region ``code`` is ``ancestor`` or lies below it."""
Status = Literal["qualifies", "next_level", "not_qualified"]
ENTERPRISE_KINDS = frozenset({"award", "recognition", "eligibility", "programme"})


def prefix_within(code: str, ancestor: str) -> bool:
    """The fallback hierarchy from the shape of codes alone: XX0000 a province, XXXX00 a city, 000000 all."""
    if ancestor in ("000000", code):
        return True
    if ancestor.endswith("0000"):
        return code[:2] == ancestor[:2]
    return ancestor.endswith("00") and code[:4] == ancestor[:4]


@dataclass(frozen=True, order=True)
class YuanRange:
    """An amount in yuan: exact when ``min_yuan == max_yuan``, otherwise a range kept as stated."""

    min_yuan: int
    max_yuan: int

    @property
    def exact(self) -> bool:
        return self.min_yuan == self.max_yuan

    def __add__(self, other: YuanRange) -> YuanRange:
        return YuanRange(self.min_yuan + other.min_yuan, self.max_yuan + other.max_yuan)


ZERO = YuanRange(0, 0)


@dataclass(frozen=True)
class Grant:
    """One benefit of a policy at one level: its amount (None when not money, or the source states none)."""

    benefit_index: int
    benefit: Benefit
    level: int
    amount: YuanRange | None
    selective: bool

    @property
    def is_money(self) -> bool:
        return self.benefit.kind in ("award", "investment_share")


@dataclass(frozen=True)
class PolicyMatch:
    """One policy against one enterprise: what it gives now, at the next level, and what stands in the way."""

    policy: Policy
    facts: EnterpriseFacts
    status: Status
    grants: tuple[Grant, ...]
    next_grants: tuple[Grant, ...]
    reasons: tuple[Reason, ...] = field(default=())
    next_reasons: tuple[Reason, ...] = field(default=())
    """What would still be missing at the next level, beyond today's reasons (a recognition, a certificate)."""

    @property
    def unlocks(self) -> tuple[Grant, ...]:
        """The grants of the next level that are new or differ from today's (a larger amount, a new tier)."""
        now = {(g.benefit_index, g.amount, g.selective) for g in self.grants}
        return tuple(g for g in self.next_grants if (g.benefit_index, g.amount, g.selective) not in now)


def policies_for_region(policies: Iterable[Policy], region: str, within: Within = is_within) -> list[Policy]:
    """The policies whose region contains ``region``, in the order given."""
    return [policy for policy in policies if within(region, policy.region)]


def match_policies(
    policies: Iterable[Policy],
    facts: EnterpriseFacts,
    within: Within = is_within,
    list_names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[PolicyMatch]:
    """Every policy for enterprises of the enterprise's region, evaluated now and one level up.

    Targets and provider rules concern officials and service providers, so they are not matched here.
    """
    names = list_names or {}
    return [
        match_policy(policy, facts, names)
        for policy in policies_for_region(policies, facts.region, within)
        if policy.kind in ENTERPRISE_KINDS
    ]


def match_policy(policy: Policy, facts: EnterpriseFacts, list_names: Mapping[str, Mapping[str, str]]) -> PolicyMatch:
    grants, reasons = grants_at(policy, facts, list_names)
    next_grants: tuple[Grant, ...] = ()
    next_reasons: tuple[Reason, ...] = ()
    if facts.level < MAX_LEVEL:
        next_grants, later = grants_at(policy, facts.at_next_level(), list_names)
        next_reasons = tuple(reason for reason in later if reason not in reasons and not reason.about_level)
    status: Status = "qualifies" if grants else ("next_level" if next_grants else "not_qualified")
    return PolicyMatch(policy, facts, status, grants, next_grants, reasons, next_reasons)


def next_level_unlocks(
    policies: Iterable[Policy],
    facts: EnterpriseFacts,
    within: Within = is_within,
    list_names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[tuple[Policy, tuple[Grant, ...]]]:
    """For each policy, what reaching the next level would add or raise; policies with nothing new are left out."""
    return [(m.policy, m.unlocks) for m in match_policies(policies, facts, within, list_names) if m.unlocks]


def grants_at(
    policy: Policy, facts: EnterpriseFacts, list_names: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[tuple[Grant, ...], tuple[Reason, ...]]:
    """The benefits of ``policy`` granted to ``facts``, and the reasons for those withheld (deduplicated)."""
    names = list_names or {}
    blocking = [*_validity_reasons(policy, facts.on), *condition_reasons(policy.conditions, facts, names)]
    reasons = list(blocking)
    grants: list[Grant] = []
    for index, benefit in enumerate(policy.benefits):
        if outgrown(benefit.conditions, facts.level):
            continue  # a benefit for lower levels only (示范 at level 2) is no loss once a higher one applies
        own = condition_reasons(benefit.conditions, facts, names)
        grant, more = _benefit_grant(index, benefit, facts, names)
        reasons.extend([*own, *more])
        if grant is not None and not own and not blocking:
            grants.append(grant)
    return tuple(grants), tuple(dict.fromkeys(reasons))


def _validity_reasons(policy: Policy, on: date | None) -> tuple[Reason, ...]:
    if on is None:
        return ()
    if (policy.valid_from and on < policy.valid_from) or (policy.valid_to and on > policy.valid_to):
        start, end = policy.valid_from or "…", policy.valid_to or "…"
        return (
            Reason(
                f"政策在 {on} 不在有效期（{start} 至 {end}）内",
                f"the policy is not in force on {on} ({start} to {end})",
            ),
        )
    return ()


def _benefit_grant(
    index: int, benefit: Benefit, facts: EnterpriseFacts, names: Mapping[str, Mapping[str, str]]
) -> tuple[Grant | None, tuple[Reason, ...]]:
    """The grant of one benefit ignoring its conditions (checked by the caller), or why its amount is withheld."""
    if benefit.kind == "award" and benefit.per_level:
        return _tier_grant(index, benefit, facts, names)
    if benefit.kind == "investment_share":
        return _share_grant(index, benefit, facts)
    amount = _flat_amount(benefit)
    return Grant(index, benefit, facts.level, amount, benefit.selective), ()


def _flat_amount(benefit: Benefit) -> YuanRange | None:
    if benefit.amount_yuan is not None:
        return YuanRange(benefit.amount_yuan, benefit.amount_yuan)
    if benefit.max_yuan is not None:
        return YuanRange(benefit.min_yuan or 0, benefit.max_yuan)
    return None


def tier_amount(tier: Tier) -> YuanRange:
    if tier.amount_yuan is not None:
        return YuanRange(tier.amount_yuan, tier.amount_yuan)
    return YuanRange(tier.min_yuan or 0, tier.max_yuan or 0)


def _tier_grant(
    index: int, benefit: Benefit, facts: EnterpriseFacts, names: Mapping[str, Mapping[str, str]]
) -> tuple[Grant | None, tuple[Reason, ...]]:
    """The highest row reached whose extra conditions hold; rows reached but withheld give their reasons."""
    reached = [tier for tier in benefit.per_level if tier.level <= facts.level]
    if not reached:
        lowest = benefit.per_level[0].level
        return None, (
            Reason(
                f"需要成熟度等级达到 {lowest} 级及以上（当前 {facts.level} 级）",
                f"needs maturity level {lowest} or above (now {facts.level})",
                about_level=True,
            ),
        )
    reasons: list[Reason] = []
    for tier in reversed(reached):
        missing = requirement_reasons(tier.recognized_as, tier.member_of, facts, names)
        if not missing:
            return Grant(index, benefit, tier.level, tier_amount(tier), benefit.selective or tier.selective), tuple(
                reasons
            )
        reasons.extend(Reason(f"{tier.level} 级的金额{r.zh}", f"the level-{tier.level} amount {r.en}") for r in missing)
    return None, tuple(reasons)


def _share_grant(index: int, benefit: Benefit, facts: EnterpriseFacts) -> tuple[Grant | None, tuple[Reason, ...]]:
    """A share of the project's investment, at most the cap; "up to" a share starts at 0."""
    if facts.investment_yuan is None:
        return None, (
            Reason(
                "需要符合条件的项目及其总投资额",
                "needs a qualifying project and its total investment",
            ),
        )
    percent = benefit.percent or 0
    share = int(facts.investment_yuan * percent / 100)
    top = min(share, benefit.cap_yuan) if benefit.cap_yuan is not None else share
    amount = YuanRange(0 if benefit.up_to else top, top)
    return Grant(index, benefit, facts.level, amount, benefit.selective), ()


def total_money(grants: Sequence[Grant]) -> YuanRange:
    """The sum of the money grants; a selective (择优) grant may not come, so it adds to the maximum only."""
    total = ZERO
    for grant in grants:
        if grant.amount is not None:
            total += YuanRange(0, grant.amount.max_yuan) if grant.selective else grant.amount
    return total
