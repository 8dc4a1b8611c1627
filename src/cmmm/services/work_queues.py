"""The work queues and lists of the assessment body, its assessors and the expert committee: the body's inbox,
staff and certificates, "my assessments", one assessment's evidence and ratings, a stored evidence file, and
the review queue.

Every query checks a permission first (``require``) or filters by the actor's own organization or team, so
that a page can never list what its user may not see; an assessor sees only their own ratings (independent
grading), the lead sees every assessor's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from cmmm.services.actors import Actor, Resource, Role
from cmmm.services.certificates import CertificateStatus, effective_status
from cmmm.services.errors import PermissionDenied
from cmmm.services.permissions import Action, allows, require
from cmmm.services.platform import Platform, assessment_resource, load
from cmmm.services.workflow import State
from cmmm.store.assessments import (
    Assessment,
    EvidenceFile,
    EvidenceItem,
    FinalRating,
    Rating,
    TeamMember,
)
from cmmm.store.organizations import Enterprise, Organization, User, UserRole
from cmmm.store.records import Certificate, PublishedResult


@dataclass(frozen=True)
class ApplicationEntry:
    assessment_id: int
    enterprise_name: str
    credit_code: str
    target_level: int
    scope_kind: str
    scope_description: str
    path: str
    warnings: list[dict[str, str]]
    submitted_at: datetime


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str
    lead: bool
    high_maturity: bool


@dataclass(frozen=True)
class CertificateEntry:
    id: int
    number: str
    enterprise_name: str
    level: int
    level_name: str
    issued_on: date
    valid_until: date
    status: CertificateStatus
    verification_token: str


@dataclass(frozen=True)
class AssessmentEntry:
    assessment_id: int
    enterprise_name: str
    target_level: int
    state: State
    lead: bool


@dataclass(frozen=True)
class FileEntry:
    id: int
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True)
class EvidenceEntry:
    id: int
    requirement_id: str
    kind: str
    effective_on: date
    notes: str
    verified_by: str | None
    created_at: datetime
    files: list[FileEntry] = field(default_factory=list)


@dataclass(frozen=True)
class RatingEntry:
    requirement_id: str
    assessor_id: int
    assessor_name: str
    grade: str
    note: str
    version: int


@dataclass(frozen=True)
class FinalEntry:
    requirement_id: str
    grade: str
    reason: str
    version: int


@dataclass(frozen=True)
class TeamRatings:
    """The ratings an actor may see: all of them for the lead, only their own for an assessor."""

    ratings: list[RatingEntry]
    finals: dict[str, FinalEntry]
    complete: bool
    """True when the actor may see every assessor's ratings (the lead)."""

    def of(self, requirement_id: str) -> list[RatingEntry]:
        return [r for r in self.ratings if r.requirement_id == requirement_id]

    def mine(self, requirement_id: str, user_id: int) -> RatingEntry | None:
        return next((r for r in self.of(requirement_id) if r.assessor_id == user_id), None)

    def disagreement(self, requirement_id: str) -> bool:
        return len({r.grade for r in self.of(requirement_id)}) > 1


@dataclass(frozen=True)
class StoredFile:
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class ReviewEntry:
    assessment_id: int
    enterprise_name: str
    target_level: int
    level: int
    total_score: str
    revision: int
    published_at: datetime


def _body_of(actor: Actor, action: Action) -> int:
    """The body the actor administers, checked against ``action`` (body admins only)."""
    if actor.organization_id is None:
        raise PermissionDenied("仅评估机构管理员可使用", "only an assessment body's administrator may do this")
    require(actor, action, Resource(body_id=actor.organization_id))
    return actor.organization_id


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.display_name, User.username).where(User.id.in_(ids)))
    return {uid: display or username for uid, display, username in rows}


def body_inbox(platform: Platform, actor: Actor) -> list[ApplicationEntry]:
    """The applications submitted to the actor's body and not yet accepted or declined, oldest first."""
    body_id = _body_of(actor, Action.application_accept)
    query = (
        select(Assessment, Organization.name, Enterprise.credit_code)
        .join(Organization, Organization.id == Assessment.enterprise_id)
        .join(Enterprise, Enterprise.organization_id == Assessment.enterprise_id)
        .where(Assessment.body_id == body_id, Assessment.state == State.applied.value)
        .order_by(Assessment.created_at, Assessment.id)
    )
    with platform.db() as session:
        return [
            ApplicationEntry(a.id, name, code, a.target_level, a.scope_kind, a.scope_description, a.path,
                             list(a.warnings or []), a.created_at)
            for a, name, code in session.execute(query)
        ]  # fmt: skip


def body_staff(platform: Platform, actor: Actor) -> list[StaffMember]:
    """The body's active assessors and lead assessors, leads first, to choose a team from."""
    body_id = _body_of(actor, Action.application_accept)
    wanted = (Role.assessor.value, Role.lead_assessor.value)
    with platform.db() as session:
        users = session.scalars(
            select(User)
            .where(User.organization_id == body_id, User.is_active.is_(True))
            .where(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(wanted))))
            .order_by(User.id)
        )
        staff = [
            StaffMember(u.id, u.display_name or u.username, Role.lead_assessor.value in {r.role for r in u.roles},
                        u.high_maturity_qualified)
            for u in users
        ]  # fmt: skip
    return sorted(staff, key=lambda s: not s.lead)


def certificate_entry(certificate: Certificate, today: date) -> CertificateEntry:
    return CertificateEntry(
        id=certificate.id,
        number=certificate.number,
        enterprise_name=certificate.enterprise_name,
        level=certificate.level,
        level_name=certificate.level_name,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        status=effective_status(certificate, today),
        verification_token=certificate.verification_token,
    )


def body_certificates(platform: Platform, actor: Actor) -> list[CertificateEntry]:
    """The certificates granted on the body's assessments, newest first, with their status today."""
    body_id = _body_of(actor, Action.certificate_manage)
    query = (
        select(Certificate)
        .join(Assessment, Assessment.id == Certificate.assessment_id)
        .where(Assessment.body_id == body_id)
        .order_by(Certificate.id.desc())
    )
    with platform.db() as session:
        return [certificate_entry(c, platform.today()) for c in session.scalars(query)]


def my_assessments(platform: Platform, actor: Actor) -> list[AssessmentEntry]:
    """The assessments of a body's staff: all of the body's for its administrator, the team's for assessors."""
    conditions = []
    if Role.body_admin in actor.roles and actor.organization_id is not None:
        conditions.append(Assessment.body_id == actor.organization_id)
    if actor.roles & {Role.assessor, Role.lead_assessor}:
        conditions.append(
            Assessment.id.in_(select(TeamMember.assessment_id).where(TeamMember.user_id == actor.user_id))
        )
    if not conditions:
        raise PermissionDenied("仅评估机构人员可使用", "only the staff of an assessment body may do this")
    query = (
        select(Assessment, Organization.name)
        .join(Organization, Organization.id == Assessment.enterprise_id)
        .where(or_(false(), *conditions))
        .order_by(Assessment.id.desc())
    )
    with platform.db() as session:
        return [
            AssessmentEntry(a.id, name, a.target_level, State(a.state), a.lead_assessor_id == actor.user_id)
            for a, name in session.execute(query)
        ]


def evidence_index(
    platform: Platform, actor: Actor, assessment_id: int, requirement_ids: set[str] | None = None
) -> list[EvidenceEntry]:
    """The evidence items of an assessment (of some requirements only, if given) with their files."""
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.assessment_view, assessment_resource(session, assessment))
        query = select(EvidenceItem).where(EvidenceItem.assessment_id == assessment_id)
        if requirement_ids is not None:
            query = query.where(EvidenceItem.requirement_id.in_(requirement_ids))
        items = list(session.scalars(query.order_by(EvidenceItem.requirement_id, EvidenceItem.id)))
        files: dict[int, list[FileEntry]] = {}
        if items:
            rows = session.execute(
                select(EvidenceFile.evidence_id, EvidenceFile.id, EvidenceFile.filename, EvidenceFile.media_type,
                       EvidenceFile.size)
                .where(EvidenceFile.evidence_id.in_([i.id for i in items]))
                .order_by(EvidenceFile.id)
            )  # fmt: skip
            for evidence_id, file_id, filename, media_type, size in rows:
                files.setdefault(evidence_id, []).append(FileEntry(file_id, filename, media_type, size))
        names = user_names(session, {i.verified_by for i in items if i.verified_by is not None})
        return [
            EvidenceEntry(i.id, i.requirement_id, i.kind, i.effective_on, i.notes,
                          None if i.verified_by is None else names.get(i.verified_by, ""), i.created_at,
                          files.get(i.id, []))
            for i in items
        ]  # fmt: skip


def evidence_file(platform: Platform, actor: Actor, file_id: int) -> StoredFile:
    """The stored bytes of one evidence file, for whoever may view its assessment."""
    with platform.db() as session:
        stored = load(session, EvidenceFile, file_id)
        item = load(session, EvidenceItem, stored.evidence_id)
        assessment = load(session, Assessment, item.assessment_id)
        require(actor, Action.assessment_view, assessment_resource(session, assessment))
        return StoredFile(stored.filename, stored.media_type, stored.content)


def team_ratings(platform: Platform, actor: Actor, assessment_id: int) -> TeamRatings:
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        resource = assessment_resource(session, assessment)
        require(actor, Action.rating_save, resource)
        complete = allows(actor, Action.rating_finalize, resource)
        query = select(Rating).where(Rating.assessment_id == assessment_id)
        if not complete:
            query = query.where(Rating.assessor_id == actor.user_id)
        rows = list(session.scalars(query.order_by(Rating.requirement_id, Rating.assessor_id)))
        names = user_names(session, {r.assessor_id for r in rows})
        finals = session.scalars(select(FinalRating).where(FinalRating.assessment_id == assessment_id))
        return TeamRatings(
            ratings=[
                RatingEntry(r.requirement_id, r.assessor_id, names.get(r.assessor_id, ""), r.grade, r.note, r.version)
                for r in rows
            ],
            finals={f.requirement_id: FinalEntry(f.requirement_id, f.grade, f.reason, f.version) for f in finals},
            complete=complete,
        )


def review_queue(platform: Platform, actor: Actor) -> list[ReviewEntry]:
    """Published results awaiting the expert committee's review, oldest first (their latest revision)."""
    require(actor, Action.result_review, Resource())
    query = (
        select(Assessment, Organization.name, PublishedResult)
        .join(Organization, Organization.id == Assessment.enterprise_id)
        .join(PublishedResult, PublishedResult.assessment_id == Assessment.id)
        .where(Assessment.state == State.published.value)
        .order_by(PublishedResult.published_at, PublishedResult.revision.desc())
    )
    latest: dict[int, ReviewEntry] = {}
    with platform.db() as session:
        for a, name, result in session.execute(query):
            if a.id not in latest:
                total = str(result.result.get("total_score", ""))
                latest[a.id] = ReviewEntry(a.id, name, a.target_level, result.level, total, result.revision,
                                           result.published_at)  # fmt: skip
    return list(latest.values())
