"""树标杆: ranking a region's (or an industry's) enterprises by level and score with an official's criteria,
shortlisting candidates for benchmark (标杆) or demonstration (示范) recognition, and recording recognitions,
which the policies then use (a tier that needs 标杆 looks them up in :func:`recognitions_of`).

Rankings are one ordered, limited query over the standings of the region; recording is for officials only,
within their region, and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmmm.errors import Problem
from cmmm.services.actors import Actor, Role
from cmmm.services.dashboards import dashboard_region
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit, enterprise_resource
from cmmm.services.statistics import TOP_LEVEL, refresh_statistics, region_range
from cmmm.store.organizations import Organization
from cmmm.store.records import Certificate
from cmmm.store.statistics import EnterpriseStanding, Recognition

KINDS = ("benchmark", "demonstration")
SHORTLIST_LEVEL = {"benchmark": 3, "demonstration": 2}
"""The lowest level a candidate needs by default; an official may raise it in the criteria."""


@dataclass(frozen=True)
class Criteria:
    region_code: str | None = None
    industry_division: str | None = None
    size_class: str | None = None
    min_level: int = 1
    above_designated_size: bool = False
    certified_only: bool = False
    limit: int = 50


@dataclass(frozen=True)
class Ranked:
    rank: int
    enterprise_id: int
    name: str
    region_code: str
    industry_division: str
    size_class: str
    level: int
    score: float
    certified_level: int | None
    recognitions: tuple[str, ...]


def rank_enterprises(platform: Platform, actor: Actor, criteria: Criteria) -> list[Ranked]:
    """The region's enterprises that meet the criteria, best first (level, then score, then the oldest id).

    Level by level from the top, so that each query sorts one level's enterprises of the region, not all."""
    code = dashboard_region(actor, criteria.region_code)
    refresh_statistics(platform)
    s = EnterpriseStanding
    limit = max(1, min(criteria.limit, 500))
    query = (
        select(s, Organization.name)
        .join(Organization, Organization.id == s.enterprise_id)
        .where(region_range(s.region_code, code))
        .order_by(s.score.desc(), s.enterprise_id)
    )
    if criteria.industry_division:
        query = query.where(s.industry_division == criteria.industry_division)
    if criteria.size_class:
        query = query.where(s.size_class == criteria.size_class)
    if criteria.above_designated_size:
        query = query.where(s.above_designated_size.is_(True))
    valid = (Certificate.status == "valid", Certificate.valid_until >= platform.today())
    if criteria.certified_only:
        query = query.where(select(Certificate.id).where(Certificate.enterprise_id == s.enterprise_id, *valid).exists())
    with platform.db() as session:
        rows: list[tuple[EnterpriseStanding, str]] = []
        for level in range(TOP_LEVEL, criteria.min_level - 1, -1):  # one level at a time: an index per level
            found = session.execute(query.where(s.level == level).limit(limit - len(rows))).all()
            rows.extend((standing, name) for standing, name in found)
            if len(rows) >= limit:
                break
        ids = [row[0].enterprise_id for row in rows]
        held = recognitions_of(session, ids)
        certified: dict[int, int] = {  # looked up for the ranked few only, not for every row of the region
            enterprise_id: level
            for enterprise_id, level in session.execute(
                select(Certificate.enterprise_id, func.max(Certificate.level))
                .where(Certificate.enterprise_id.in_(ids), *valid)
                .group_by(Certificate.enterprise_id)
            )
        }
    return [
        Ranked(i + 1, st.enterprise_id, name, st.region_code, st.industry_division, st.size_class, st.level,
               st.score, certified.get(st.enterprise_id), tuple(sorted(held.get(st.enterprise_id, ()))))
        for i, (st, name) in enumerate(rows)
    ]  # fmt: skip


def shortlist(platform: Platform, actor: Actor, criteria: Criteria, kind: str) -> list[Ranked]:
    """Candidates for a recognition: the ranking at the kind's lowest level, without those already recognized."""
    _check_kind(kind)
    floor = max(criteria.min_level, SHORTLIST_LEVEL[kind])
    wider = replace(criteria, min_level=floor, limit=criteria.limit * 2)
    return [r for r in rank_enterprises(platform, actor, wider) if kind not in r.recognitions][: criteria.limit]


def recognitions_of(session: Session, enterprise_ids: list[int]) -> dict[int, set[str]]:
    """The recognitions each enterprise holds (any date), for rankings and for policy matching."""
    found: dict[int, set[str]] = {}
    if not enterprise_ids:
        return found
    rows = session.execute(
        select(Recognition.enterprise_id, Recognition.kind).where(Recognition.enterprise_id.in_(enterprise_ids))
    )
    for enterprise_id, kind in rows:
        found.setdefault(enterprise_id, set()).add(kind)
    return found


def record_recognition(
    platform: Platform, actor: Actor, enterprise_id: int, kind: str, recognized_on: date, note: str = ""
) -> int:
    """An official's department recognizes an enterprise of its region (audited)."""
    _check_kind(kind)
    if Role.government_official not in actor.roles or actor.organization_id is None:
        raise PermissionDenied("仅主管部门用户可认定标杆或示范企业", "only officials can record a recognition")
    with platform.db.begin() as session:
        require(actor, Action.enterprise_view, enterprise_resource(session, enterprise_id))
        record = Recognition(
            enterprise_id=enterprise_id,
            kind=kind,
            department_id=actor.organization_id,
            recognized_on=recognized_on,
            note=note.strip()[:2000],
            recorded_by=actor.user_id or None,
            recorded_at=platform.clock(),
        )
        session.add(record)
        session.flush()
        audit(session, actor, "recognition", record.id, "create", None,
              {"enterprise_id": enterprise_id, "kind": kind, "on": recognized_on.isoformat()})  # fmt: skip
        return record.id


@dataclass(frozen=True)
class RecognitionView:
    id: int
    enterprise_id: int
    name: str
    kind: str
    recognized_on: date
    note: str


def list_recognitions(platform: Platform, actor: Actor, region_code: str | None = None) -> list[RecognitionView]:
    code = dashboard_region(actor, region_code)
    query = (
        select(Recognition, Organization.name)
        .join(Organization, Organization.id == Recognition.enterprise_id)
        .where(region_range(Organization.region_code, code))
        .order_by(Recognition.recognized_on.desc(), Recognition.id.desc())
        .limit(200)
    )
    with platform.db() as session:
        return [
            RecognitionView(r.id, r.enterprise_id, name, r.kind, r.recognized_on, r.note)
            for r, name in session.execute(query)
        ]


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputInvalid(
            f"认定类型 {kind!r} 无效",
            f"unknown recognition kind {kind!r}",
            [Problem("kind", "标杆或示范", "benchmark or demonstration")],
        )
