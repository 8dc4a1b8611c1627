"""One formal assessment as its team, body and reviewer read it: the overview (enterprise, scope, team, state,
pre-assessment, history of state changes, reviews, certificate) and its result scored by the engine, before
publication for the lead to read first, or as published (rescored from the stored ratings with the pinned model).

A published result is a historical record: once published (and when certified) the overview and the report show
the enterprise as the result recorded it, not as its profile reads after a later edit.

Each reader checks the permission first; scoring here is the same as :func:`cmmm.services.publication
.publish_result`, so what the lead reads is what gets published.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, assessment_resource, load
from cmmm.services.publication import assessment_answers, enterprise_snapshot, latest_result
from cmmm.services.ratings import effective_ratings
from cmmm.services.work_queues import CertificateEntry, certificate_entry, user_names
from cmmm.services.workflow import State
from cmmm.store.assessments import Assessment, PreAssessment, TeamMember
from cmmm.store.audit import AuditEntry
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.records import Certificate, PublishedResult, Review, newest_result


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor_name: str
    action: str
    before: Any
    after: Any


@dataclass(frozen=True)
class TeamLine:
    user_id: int
    name: str
    role: str


@dataclass(frozen=True)
class ReviewLine:
    decision: str
    comments: str
    decided_at: datetime


@dataclass(frozen=True)
class EnterpriseFacts:
    """Who a formal assessment is about, as a published result recorded it or as the profile reads now."""

    name: str
    credit_code: str
    region_code: str
    industry_code: str
    size_class: str
    above_designated_size: bool
    path: str
    recorded_at: datetime | None = None
    """When a published result recorded these values; ``None`` when they are the enterprise's current ones."""


SNAPSHOT_FIELDS = frozenset(f.name for f in fields(EnterpriseFacts)) - {"recorded_at"}
AS_PUBLISHED = frozenset({State.published, State.certified})
"""States whose overview shows the enterprise as the latest result recorded it (returned: the work goes on)."""


def as_published(record: PublishedResult, current: EnterpriseFacts) -> EnterpriseFacts:
    """The enterprise as ``record`` recorded it at publication; a result published before the enterprise was
    recorded (no snapshot) shows ``current``, as do any fields the snapshot lacks."""
    if not record.enterprise:
        return current
    recorded = {key: value for key, value in record.enterprise.items() if key in SNAPSHOT_FIELDS}
    return replace(current, **recorded, recorded_at=record.published_at)


@dataclass(frozen=True)
class AssessmentOverview:
    id: int
    enterprise: EnterpriseFacts
    target_level: int
    scope_kind: str
    scope_description: str
    path: str
    model_ref: str
    state: State
    contract_signed_on: date | None
    lead_id: int | None
    team: list[TeamLine]
    pre: PreAssessment | None
    history: list[HistoryLine]
    reviews: list[ReviewLine]
    certificate: CertificateEntry | None

    @property
    def enterprise_name(self) -> str:
        return self.enterprise.name

    @property
    def credit_code(self) -> str:
        return self.enterprise.credit_code


def assessment_overview(platform: Platform, actor: Actor, assessment_id: int) -> AssessmentOverview:
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.assessment_view, assessment_resource(session, assessment))
        organization = load(session, Organization, assessment.enterprise_id)
        enterprise = load(session, Enterprise, assessment.enterprise_id)
        members = list(session.scalars(select(TeamMember).where(TeamMember.assessment_id == assessment_id)))
        names = user_names(session, {m.user_id for m in members})
        pre = session.get(PreAssessment, assessment_id)
        if pre is not None:
            session.expunge(pre)
        history = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "assessment", AuditEntry.entity_id == str(assessment_id))
            .order_by(AuditEntry.id)
        )
        reviews = session.scalars(
            select(Review).where(Review.assessment_id == assessment_id).order_by(Review.id.desc())
        )
        certificate = session.scalar(
            select(Certificate).where(Certificate.assessment_id == assessment_id).order_by(Certificate.id.desc())
        )
        facts = EnterpriseFacts(**enterprise_snapshot(organization, enterprise))
        if State(assessment.state) in AS_PUBLISHED:
            latest = newest_result(session, assessment_id)
            facts = facts if latest is None else as_published(latest, facts)
        return AssessmentOverview(
            id=assessment.id,
            enterprise=facts,
            target_level=assessment.target_level,
            scope_kind=assessment.scope_kind,
            scope_description=assessment.scope_description,
            path=assessment.path,
            model_ref=f"{assessment.model_id}@{assessment.model_version}",
            state=State(assessment.state),
            contract_signed_on=assessment.contract_signed_on,
            lead_id=assessment.lead_assessor_id,
            team=[TeamLine(m.user_id, names.get(m.user_id, ""), m.role) for m in members],
            pre=pre,
            history=[HistoryLine(h.at, h.actor_name, h.action, h.before, h.after) for h in history],
            reviews=[ReviewLine(r.decision, r.comments, r.decided_at) for r in reviews],
            certificate=None if certificate is None else certificate_entry(certificate, platform.today()),
        )


def result_preview(platform: Platform, actor: Actor, assessment_id: int) -> tuple[Model, Result]:
    """The engine's result of the settled ratings, for the lead to read before publishing (the same scoring
    as :func:`cmmm.services.publication.publish_result`); unsettled ratings are refused, each named."""
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.result_publish, assessment_resource(session, assessment))
        model = platform.models(f"{assessment.model_id}@{assessment.model_version}")
        pre = load(session, PreAssessment, assessment_id)
        ratings, problems = effective_ratings(session, assessment_id)
        if problems:
            raise InputInvalid("仍有评分未确定", "some ratings are not settled", problems)
        return model, score(
            model, assessment_answers(assessment, pre.excluded_domains, pre.weights, pre.weight_provenance, ratings)
        )


def published_result(platform: Platform, actor: Actor, assessment_id: int) -> tuple[Model, Result, PublishedResult]:
    """The latest published revision, rescored from its stored ratings and weights with its pinned model."""
    record = latest_result(platform, actor, assessment_id)
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        pre = load(session, PreAssessment, assessment_id)
    model = platform.models(f"{record.model_id}@{record.model_version}")
    answers = assessment_answers(
        assessment, pre.excluded_domains, record.weights, record.weight_provenance, record.ratings
    )
    return model, score(model, answers), record
