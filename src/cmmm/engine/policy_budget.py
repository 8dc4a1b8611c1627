"""What policies mean for an official: budget exposure of a region's enterprises, progress towards targets,
and the tender points of service providers.

Exposure is a range in yuan: exact awards add to both ends, ranges keep their ends, and a selective (择优)
award adds to the maximum only, since it may not be granted; awards whose amount the source does not state
are counted apart. Pure: values in, values out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cmmm.codes.regions import is_within
from cmmm.engine.policy_conditions import EnterpriseFacts
from cmmm.engine.policy_match import (
    ENTERPRISE_KINDS,
    ZERO,
    Grant,
    Within,
    YuanRange,
    grants_at,
    total_money,
)
from cmmm.model.policy_schema import Policy, ProviderRule, Target


@dataclass(frozen=True)
class Exposure:
    """Money a policy would pay: ``enterprises`` with a money grant, their total, and grants of unstated amount."""

    enterprises: int = 0
    total: YuanRange = ZERO
    unquantified: int = 0

    def __add__(self, other: Exposure) -> Exposure:
        return Exposure(
            self.enterprises + other.enterprises, self.total + other.total, self.unquantified + other.unquantified
        )


@dataclass(frozen=True)
class PolicyExposure:
    policy: Policy
    current: Exposure
    next_level: Exposure


@dataclass(frozen=True)
class BudgetExposure:
    """Per policy and in total: at the enterprises' current levels, and if each reached its next level."""

    policies: tuple[PolicyExposure, ...]

    @property
    def current(self) -> Exposure:
        return sum((p.current for p in self.policies), Exposure())

    @property
    def next_level(self) -> Exposure:
        return sum((p.next_level for p in self.policies), Exposure())


def budget_exposure(
    policies: Iterable[Policy], enterprises: Sequence[EnterpriseFacts], within: Within = is_within
) -> BudgetExposure:
    """The money each policy would pay the given enterprises now and one level up (level 5 stays at 5).

    Only awards and shares of investment count; a policy none of the enterprises' regions lies in is left out.
    """
    rows = []
    for policy in policies:
        if policy.kind not in ENTERPRISE_KINDS or not any(policy.benefits):
            continue
        concerned = [facts for facts in enterprises if within(facts.region, policy.region)]
        if not concerned:
            continue
        current = sum((_exposure(policy, facts) for facts in concerned), Exposure())
        upper = sum((_exposure(policy, facts.at_next_level()) for facts in concerned), Exposure())
        if current.enterprises or upper.enterprises or current.unquantified or upper.unquantified:
            rows.append(PolicyExposure(policy, current, upper))
    return BudgetExposure(tuple(rows))


def _exposure(policy: Policy, facts: EnterpriseFacts) -> Exposure:
    grants, _ = grants_at(policy, facts)
    money: list[Grant] = [g for g in grants if g.is_money]
    stated = [g for g in money if g.amount is not None]
    return Exposure(1 if stated else 0, total_money(stated), len(money) - len(stated))


@dataclass(frozen=True)
class TargetProgress:
    """How far a region is towards one target: enterprises counted at the target's levels, and what remains."""

    target: Target
    actual: int

    @property
    def remaining(self) -> int:
        return max(0, self.target.count - self.actual)

    @property
    def reached(self) -> bool:
        return self.actual >= self.target.count

    @property
    def share(self) -> Decimal:
        """The fraction of the target reached, capped at 1."""
        return min(Decimal(1), Decimal(self.actual) / Decimal(self.target.count))


def target_progress(policy: Policy, counts_by_level: Mapping[int, int]) -> tuple[TargetProgress, ...]:
    """Progress of every target of ``policy`` given how many of the region's enterprises are at each level.

    The caller decides which results count (self-declared, certified ...) when it builds ``counts_by_level``.
    """
    progress = []
    for target in policy.targets:
        top = target.max_level or 5
        actual = sum(count for level, count in counts_by_level.items() if target.min_level <= level <= top)
        progress.append(TargetProgress(target, actual))
    return tuple(progress)


def policies_concerning(policies: Iterable[Policy], region: str, within: Within = is_within) -> list[Policy]:
    """The policies an official of ``region`` follows: those of the region, of the regions above it (including
    national ones) and of the regions below it (a province's official sees its cities' awards)."""
    return [p for p in policies if within(region, p.region) or within(p.region, region)]


def level_counts(enterprises: Iterable[EnterpriseFacts], region: str, within: Within = is_within) -> dict[int, int]:
    """How many enterprises of ``region`` (and the regions below it) are at each level."""
    return dict(Counter(facts.level for facts in enterprises if within(facts.region, region)))


def provider_points(rule: ProviderRule, certificates: int) -> Decimal:
    """Tender points for a provider whose team holds ``certificates`` of the rule's kind, capped when stated."""
    points = rule.points_per_certificate * max(0, certificates)
    return min(points, rule.max_points) if rule.max_points is not None else points
