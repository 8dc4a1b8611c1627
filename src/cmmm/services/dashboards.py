"""The regional dashboard of an official: the enterprises of their region and below, counted by level,
sub-region, industry, size and year; the region's sub-domain profile against the nation's; the enterprises
one level short and what holds them back; self-declared results and valid certificates told apart.

Every figure is a GROUP BY in the database over the standings and their sums (:mod:`cmmm.services.statistics`),
never rows loaded into Python; every call first checks that the region is within the actor's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmmm.errors import Problem
from cmmm.services.actors import Actor, Resource, Role
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform
from cmmm.services.statistics import NATIONAL, TOP_LEVEL, refresh_statistics, region_prefix, region_range
from cmmm.store.organizations import Organization
from cmmm.store.records import Certificate
from cmmm.store.statistics import EnterpriseStanding, StandingTotal

Counts = dict[str, dict[int, int]]
"""group -> level -> enterprises."""


@dataclass(frozen=True)
class ShortItem:
    item: str
    enterprises: int


@dataclass(frozen=True)
class NearMiss:
    """An enterprise one level below the target, and its sub-domains whose profile is below the target."""

    enterprise_id: int
    name: str
    region_code: str
    score: float
    short: tuple[str, ...]


@dataclass(frozen=True)
class RegionDashboard:
    region_code: str
    target_level: int
    by_level: dict[int, int]
    certified_by_level: dict[int, int]
    by_subregion: Counts
    by_industry: Counts
    by_size: Counts
    by_year: Counts
    profile: dict[str, float | None]
    national_profile: dict[str, float | None]
    one_short: int
    short_subdomains: list[ShortItem]
    short_requirements: list[ShortItem]
    near_misses: list[NearMiss]

    @property
    def enterprises(self) -> int:
        return sum(self.by_level.values())

    @property
    def certified(self) -> int:
        return sum(self.certified_by_level.values())


def dashboard_region(actor: Actor, region_code: str | None) -> str:
    """The region asked for (the actor's own by default), once the actor may view enterprises there."""
    code = region_code or actor.region_code
    if code is None:
        if Role.platform_admin in actor.roles:
            return NATIONAL
        raise PermissionDenied("仅主管部门用户可查看地区看板", "only officials can view a regional dashboard")
    if len(code) != 6 or not code.isdigit():
        raise InputInvalid(
            f"行政区划代码 {code!r} 无效", f"invalid region code {code!r}", [Problem("region", code, code)]
        )
    require(actor, Action.enterprise_view, Resource(region_code=code))
    return code


def region_dashboard(
    platform: Platform, actor: Actor, region_code: str | None = None, target_level: int = 3
) -> RegionDashboard:
    """Every figure of the dashboard; ``target_level`` is the level whose near-misses are analysed."""
    code = dashboard_region(actor, region_code)
    target = min(max(target_level, 1), TOP_LEVEL)
    refresh_statistics(platform)
    with platform.db() as session:
        return RegionDashboard(
            region_code=code,
            target_level=target,
            by_level=level_counts(session, code),
            certified_by_level=certified_counts(session, code, platform.today()),
            by_subregion=grouped_counts(session, code, "subregion"),
            by_industry=grouped_counts(session, code, "industry"),
            by_size=grouped_counts(session, code, "size"),
            by_year=grouped_counts(session, code, "year"),
            profile=profile_of(session, "region", code),
            national_profile=profile_of(session, "all", NATIONAL),
            one_short=sum(_short_counts(session, code, target, "count")),
            short_subdomains=short_items(session, code, target, "short:"),
            short_requirements=short_items(session, code, target, "unmet:", limit=15),
            near_misses=near_misses(session, code, target),
        )


def level_counts(session: Session, code: str) -> dict[int, int]:
    """Enterprises per level of their latest self-assessment (self-declared results)."""
    t = StandingTotal
    rows = session.execute(
        select(t.level, func.sum(t.enterprises))
        .where(t.dimension == "region", region_range(t.key, code), t.item == "count")
        .group_by(t.level)
    ).all()
    return {int(level): int(count) for level, count in rows if count}


def certified_counts(session: Session, code: str, today: date) -> dict[int, int]:
    """Enterprises per level of their valid certificates (the highest, when an enterprise holds several)."""
    c = Certificate
    best = (
        select(c.enterprise_id, func.max(c.level).label("level"))
        .join(Organization, Organization.id == c.enterprise_id)
        .where(c.status == "valid", c.valid_until >= today, region_range(Organization.region_code, code))
        .group_by(c.enterprise_id)
        .subquery()
    )
    rows = session.execute(select(best.c.level, func.count()).group_by(best.c.level)).all()
    return {int(level): int(count) for level, count in rows}


CROSSED = {"industry": "region_industry", "size": "region_size", "year": "region_year"}
"""The sums of a district crossed with a division, a size or a year, keyed ``320505:39``."""


def grouped_counts(session: Session, code: str, by: str) -> Counts:
    """Enterprises per group and level; sub-regions are the cities of a province, the districts of a city."""
    t = StandingTotal
    if by == "subregion":
        dimension, group = "region", func.substr(t.key, 1, min(len(region_prefix(code)) + 2, 6))
    else:
        dimension, group = CROSSED[by], func.substr(t.key, 8)
    rows = session.execute(
        select(group, t.level, func.sum(t.enterprises))
        .where(t.dimension == dimension, region_range(t.key, code), t.item == "count")
        .group_by(group, t.level)
    ).all()
    counts: Counts = {}
    for key, level, count in rows:
        if count:
            name = str(key).ljust(6, "0") if by == "subregion" else str(key)
            counts.setdefault(name, {})[int(level)] = int(count)
    return dict(sorted(counts.items()))


def profile_of(session: Session, dimension: str, key: str) -> dict[str, float | None]:
    """The mean sub-domain profile of a group: a district range for ``region``, one key otherwise."""
    t = StandingTotal
    where = region_range(t.key, key) if dimension == "region" else t.key == key
    rows = session.execute(
        select(t.item, func.sum(t.enterprises), func.sum(t.total))
        .where(t.dimension == dimension, where, t.item.like("profile:%"))
        .group_by(t.item)
    ).all()
    return {item.split(":", 1)[1]: (float(total) / int(n) if n else None) for item, n, total in rows}


def group_size(session: Session, dimension: str, key: str) -> int:
    t = StandingTotal
    where = region_range(t.key, key) if dimension == "region" else t.key == key
    found = session.scalar(select(func.sum(t.enterprises)).where(t.dimension == dimension, where, t.item == "count"))
    return int(found or 0)


def _short_counts(session: Session, code: str, target: int, item: str) -> list[int]:
    t = StandingTotal
    rows = session.scalars(
        select(t.enterprises).where(
            t.dimension == "region", region_range(t.key, code), t.level == target - 1, t.item == item
        )
    ).all()
    return [int(n) for n in rows]


def short_items(session: Session, code: str, target: int, prefix: str, limit: int = 20) -> list[ShortItem]:
    """Among the enterprises one level below ``target``: the sub-domains or clauses most often short of it."""
    t = StandingTotal
    total = func.sum(t.enterprises)
    rows = session.execute(
        select(t.item, total)
        .where(t.dimension == "region", region_range(t.key, code), t.level == target - 1, t.item.like(f"{prefix}%"))
        .group_by(t.item)
        .order_by(total.desc(), t.item)
        .limit(limit)
    ).all()
    return [ShortItem(item.split(":", 1)[1], int(n)) for item, n in rows if n]


def near_misses(session: Session, code: str, target: int, limit: int = 20) -> list[NearMiss]:
    """The enterprises closest to ``target``: one level below it, highest score first."""
    s = EnterpriseStanding
    rows = session.execute(
        select(s, Organization.name)
        .join(Organization, Organization.id == s.enterprise_id)
        .where(s.level == target - 1, region_range(s.region_code, code))
        .order_by(s.score.desc(), s.enterprise_id)
        .limit(limit)
    ).all()
    return [
        NearMiss(st.enterprise_id, name, st.region_code, st.score,
                 tuple(sub for sub, value in st.profile.items() if value is not None and value < target))
        for st, name in rows
    ]  # fmt: skip
