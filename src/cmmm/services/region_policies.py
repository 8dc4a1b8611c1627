"""What the policies mean for an official's region: the budget they would pay its enterprises now and if each
reached its next level, and progress towards the targets, counting self-declared and certified results apart.

Enterprises are grouped by district, level and 规上 (what the award rules look at; read from the sums of
:mod:`cmmm.services.statistics` and, for certificates, grouped in the database), and the engine evaluates
one representative of each group, scaled by the group's size: a province's hundreds of
thousands of enterprises make only a few thousand groups.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from cmmm.codes.regions import is_within
from cmmm.engine.policy_budget import (
    BudgetExposure,
    Exposure,
    PolicyExposure,
    TargetProgress,
    budget_exposure,
    policies_concerning,
    target_progress,
)
from cmmm.engine.policy_conditions import EnterpriseFacts, HeldResult
from cmmm.engine.policy_match import YuanRange
from cmmm.errors import RegionUnknown
from cmmm.model.policy_schema import Policy
from cmmm.services.actors import Actor
from cmmm.services.dashboards import certified_counts, dashboard_region, level_counts
from cmmm.services.platform import Platform
from cmmm.services.policy_editing import active_policies
from cmmm.services.statistics import refresh_statistics, region_range
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.records import Certificate
from cmmm.store.statistics import StandingTotal


@dataclass(frozen=True)
class PolicyTargets:
    policy: Policy
    self_declared: tuple[TargetProgress, ...]
    certified: tuple[TargetProgress, ...]


@dataclass(frozen=True)
class RegionPolicies:
    region_code: str
    self_declared: BudgetExposure
    certified: BudgetExposure
    targets: list[PolicyTargets]


def _within(code: str, ancestor: str) -> bool:
    try:
        return is_within(code, ancestor)
    except RegionUnknown:
        return False


def _scaled(exposure: Exposure, times: int) -> Exposure:
    total = YuanRange(exposure.total.min_yuan * times, exposure.total.max_yuan * times)
    return Exposure(exposure.enterprises * times, total, exposure.unquantified * times)


def region_policies(platform: Platform, actor: Actor, region_code: str | None = None) -> RegionPolicies:
    code = dashboard_region(actor, region_code)
    refresh_statistics(platform)
    policies = policies_concerning(active_policies(platform).policies, code, _within)
    today = platform.today()
    with platform.db() as session:
        crossed = StandingTotal.key
        self_groups = [
            (key[:6], level, key.endswith(":1"), count)
            for key, level, count in session.execute(
                select(crossed, StandingTotal.level, StandingTotal.enterprises).where(
                    StandingTotal.dimension == "region_above",
                    region_range(crossed, code),
                    StandingTotal.item == "count",
                    StandingTotal.enterprises > 0,
                )
            )
        ]
        best = (
            select(Certificate.enterprise_id, func.max(Certificate.level).label("level"))
            .where(Certificate.status == "valid", Certificate.valid_until >= today)
            .group_by(Certificate.enterprise_id)
            .subquery()
        )
        cert_groups = session.execute(
            select(Organization.region_code, best.c.level, Enterprise.above_designated_size, func.count())
            .join(Organization, Organization.id == best.c.enterprise_id)
            .join(Enterprise, Enterprise.organization_id == best.c.enterprise_id)
            .where(region_range(Organization.region_code, code))
            .group_by(Organization.region_code, best.c.level, Enterprise.above_designated_size)
        ).all()
        self_counts = level_counts(session, code)
        cert_counts = certified_counts(session, code, today)
    targets = [
        PolicyTargets(p, target_progress(p, Counter(self_counts)), target_progress(p, Counter(cert_counts)))
        for p in policies
        if p.targets
    ]
    return RegionPolicies(
        code,
        _exposure(policies, self_groups, "self_declared", today),
        _exposure(policies, [tuple(g) for g in cert_groups], "certified", today),
        targets,
    )


def _exposure(policies: list[Policy], groups: list[tuple[Any, ...]], result: HeldResult, on: date) -> BudgetExposure:
    """Each group's representative evaluated once, its exposure multiplied by the group's size."""
    totals: dict[str, tuple[Exposure, Exposure]] = {}
    for region, level, above, count in groups:
        facts = EnterpriseFacts(
            region=region or "000000",
            level=int(level),
            result=result,
            certificate_valid=result == "certified",
            above_designated_size=bool(above),
            on=on,
        )
        for row in budget_exposure(policies, [facts], _within).policies:
            now, upper = totals.get(row.policy.id, (Exposure(), Exposure()))
            totals[row.policy.id] = (now + _scaled(row.current, count), upper + _scaled(row.next_level, count))
    return BudgetExposure(tuple(PolicyExposure(p, *totals[p.id]) for p in policies if p.id in totals))
