"""What viewers see: a supplier, the anonymized demand of a region or an industry (the requirements most
often unmet at the enterprises' next level); an investor, the enterprises that shared their results with
it, with their levels and trend, until a share is revoked.

Demand is only ever a count over a group of at least ``min_group`` enterprises: a smaller group shows
nothing, so no single enterprise's gaps can be read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from cmmm.services.actors import Actor, Role
from cmmm.services.dashboards import group_size
from cmmm.services.errors import PermissionDenied
from cmmm.services.platform import Platform
from cmmm.services.statistics import refresh_statistics, region_range
from cmmm.store.assessments import SelfAssessment
from cmmm.store.organizations import Organization, Share
from cmmm.store.records import Certificate
from cmmm.store.statistics import StandingTotal


@dataclass(frozen=True)
class DemandItem:
    requirement_id: str
    enterprises: int


@dataclass(frozen=True)
class Demand:
    dimension: str
    key: str
    enterprises: int
    items: list[DemandItem] | None
    """None when the group is smaller than the minimum."""
    min_group: int


def supplier_demand(
    platform: Platform, actor: Actor, dimension: str, key: str, min_group: int | None = None, limit: int = 20
) -> Demand:
    """The requirements most often unmet in a region (and below) or an industry division; nothing for a group
    below ``min_group`` (the platform's setting unless given)."""
    min_group = platform.peer_min_group if min_group is None else min_group
    if not actor.roles & {Role.supplier_viewer, Role.platform_admin}:
        raise PermissionDenied("仅供应商用户可查看需求分析", "only suppliers can view the demand analysis")
    if dimension not in ("region", "industry"):
        dimension = "region"
    refresh_statistics(platform)
    t = StandingTotal
    where = region_range(t.key, key) if dimension == "region" else t.key == key
    with platform.db() as session:
        size = group_size(session, dimension, key)
        if size < min_group:
            return Demand(dimension, key, 0, None, min_group)
        total = func.sum(t.enterprises)
        rows = session.execute(
            select(t.item, total)
            .where(t.dimension == dimension, where, t.item.like("unmet:%"))
            .group_by(t.item)
            .order_by(total.desc(), t.item)
            .limit(limit)
        ).all()
    items = [DemandItem(item.split(":", 1)[1], int(n)) for item, n in rows if n]
    return Demand(dimension, key, size, items, min_group)


@dataclass(frozen=True)
class TrendPoint:
    on: datetime
    level: int


@dataclass(frozen=True)
class SharedEnterprise:
    enterprise_id: int
    name: str
    region_code: str | None
    level: int | None
    certified_level: int | None
    trend: list[TrendPoint]

    @property
    def direction(self) -> int:
        """+1 rising, -1 falling, 0 steady or unknown, from the first to the last self-assessment."""
        if len(self.trend) < 2:
            return 0
        first, last = self.trend[0].level, self.trend[-1].level
        return (last > first) - (last < first)


def shared_enterprises(platform: Platform, actor: Actor) -> list[SharedEnterprise]:
    """The enterprises whose share with the actor's organization is not revoked, with their history."""
    if Role.investor_viewer not in actor.roles or actor.organization_id is None:
        raise PermissionDenied("仅投资方用户可查看共享的企业", "only investors can view shared enterprises")
    shared = select(Share.enterprise_id).where(Share.viewer_id == actor.organization_id, Share.revoked_at.is_(None))
    today = platform.today()
    with platform.db() as session:
        organizations = session.execute(
            select(Organization.id, Organization.name, Organization.region_code)
            .where(Organization.id.in_(shared))
            .order_by(Organization.name)
        ).all()
        ids = [row[0] for row in organizations]
        history = session.execute(
            select(SelfAssessment.enterprise_id, SelfAssessment.created_at, SelfAssessment.level)
            .where(SelfAssessment.enterprise_id.in_(ids))
            .order_by(SelfAssessment.created_at, SelfAssessment.id)
        ).all()
        certified: dict[int, int] = {
            enterprise_id: level
            for enterprise_id, level in session.execute(
                select(Certificate.enterprise_id, func.max(Certificate.level))
                .where(
                    Certificate.enterprise_id.in_(ids), Certificate.status == "valid", Certificate.valid_until >= today
                )
                .group_by(Certificate.enterprise_id)
            )
        }
    trends: dict[int, list[TrendPoint]] = {}
    for enterprise_id, on, level in history:
        trends.setdefault(enterprise_id, []).append(TrendPoint(on, level))
    return [
        SharedEnterprise(i, name, region, trends[i][-1].level if trends.get(i) else None, certified.get(i),
                         trends.get(i, []))
        for i, name, region in organizations
    ]  # fmt: skip
