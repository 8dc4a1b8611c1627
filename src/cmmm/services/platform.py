"""The context every use case runs in: the database, the configurable rules and limits, the password hasher,
the clock and the model catalogue; plus the few steps every use case shares (load, audit).

Passing one :class:`Platform` instead of reading globals keeps the rules configurable (a test moves the clock
or lowers a limit) and keeps the edges thin: they build a Platform once and call use cases with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from argon2 import PasswordHasher
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from cmmm.errors import Problem
from cmmm.model.loader import get_model
from cmmm.model.schema import Model
from cmmm.services.actors import Actor, Resource
from cmmm.services.errors import RecordNotFound
from cmmm.services.gating import GatingRules
from cmmm.settings import DEFAULT_PEER_MIN_GROUP
from cmmm.store.assessments import Assessment, TeamMember
from cmmm.store.audit import append_entry
from cmmm.store.base import Base, utcnow
from cmmm.store.database import session_factory
from cmmm.store.organizations import Organization, Share


@dataclass(frozen=True)
class EvidenceLimits:
    max_file_bytes: int = 20 * 1024 * 1024
    max_files: int = 20
    media_types: frozenset[str] = frozenset(
        {
            "application/pdf",
            "image/png",
            "image/jpeg",
            "text/plain",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "video/mp4",
        }
    )


@dataclass(frozen=True)
class Platform:
    db: sessionmaker[Session]
    rules: GatingRules = field(default_factory=GatingRules)
    limits: EvidenceLimits = field(default_factory=EvidenceLimits)
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    clock: Callable[[], datetime] = utcnow
    models: Callable[[str | None], Model] = get_model
    peer_min_group: int = DEFAULT_PEER_MIN_GROUP
    """The fewest enterprises a peer or demand group needs to be shown (``Settings.peer_min_group``)."""

    @classmethod
    def on(cls, engine: Engine, **options: Any) -> Platform:
        return cls(db=session_factory(engine), **options)

    def today(self) -> date:
        return self.clock().date()


T = TypeVar("T", bound=Base)


def load(session: Session, table: type[T], key: object, *, for_update: bool = False) -> T:
    """A row by primary key, or :class:`RecordNotFound` naming the table and the key."""
    row = session.get(table, key, with_for_update=for_update)
    if row is None:
        name = table.__tablename__
        raise RecordNotFound(
            f"找不到记录 {name} {key}", f"no record {name} {key}", [Problem(f"{name}[{key}]", "不存在", "not found")]
        )
    return row


def audit(session: Session, actor: Actor, entity: str, entity_id: object, action: str, before: Any, after: Any) -> None:
    append_entry(
        session,
        actor_id=actor.user_id or None,
        actor_name=actor.label,
        entity=entity,
        entity_id=entity_id,
        action=action,
        before=before,
        after=after,
    )


def active_viewers(session: Session, enterprise_id: int) -> frozenset[int]:
    rows = session.scalars(
        select(Share.viewer_id).where(Share.enterprise_id == enterprise_id, Share.revoked_at.is_(None))
    )
    return frozenset(rows)


def enterprise_resource(session: Session, enterprise_id: int) -> Resource:
    organization = load(session, Organization, enterprise_id)
    return Resource(
        organization_id=enterprise_id,
        region_code=organization.region_code,
        shared_with=active_viewers(session, enterprise_id),
    )


def assessment_resource(session: Session, assessment: Assessment) -> Resource:
    """The relations of an assessment that permissions look at: enterprise, body, region, team, lead, shares."""
    team = frozenset(session.scalars(select(TeamMember.user_id).where(TeamMember.assessment_id == assessment.id)))
    base = enterprise_resource(session, assessment.enterprise_id)
    return Resource(
        organization_id=assessment.enterprise_id,
        body_id=assessment.body_id,
        region_code=base.region_code,
        team=team,
        lead_id=assessment.lead_assessor_id,
        shared_with=base.shared_with,
    )
