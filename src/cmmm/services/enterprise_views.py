"""What an enterprise's pages read: its profile and one of its self-assessments, each behind a permission
check, and a stored self-assessment turned back into an engine result (same model, same answers: R14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from cmmm.codes.industries import industry
from cmmm.codes.regions import full_name
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.errors import CmmmError, Lang
from cmmm.model.schema import Model
from cmmm.services.actors import Actor, OrganizationKind
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, enterprise_resource, load
from cmmm.services.self_assessment import answers_from_data
from cmmm.store.assessments import Assessment, SelfAssessment
from cmmm.store.organizations import Enterprise, Organization, Share
from cmmm.store.records import ImprovementPlan


@dataclass(frozen=True)
class EnterpriseProfile:
    id: int
    name: str
    credit_code: str
    region_code: str | None
    region_name: str
    industry_code: str
    industry_name: str
    size_class: str
    above_designated_size: bool
    entity_kind: str
    path: str


def _region_name(code: str | None, lang: Lang) -> str:
    if not code:
        return ""
    try:
        return full_name(code, lang)
    except CmmmError:
        return code


def _industry_name(code: str, lang: Lang) -> str:
    try:
        found = industry(code)
    except CmmmError:
        return code
    return found.zh if lang == "zh" else found.en


def enterprise_profile(platform: Platform, actor: Actor, enterprise_id: int, lang: Lang = "zh") -> EnterpriseProfile:
    with platform.db() as session:
        require(actor, Action.enterprise_view, enterprise_resource(session, enterprise_id))
        organization = load(session, Organization, enterprise_id)
        details = load(session, Enterprise, enterprise_id)
        return EnterpriseProfile(
            id=organization.id,
            name=organization.name,
            credit_code=details.credit_code,
            region_code=organization.region_code,
            region_name=_region_name(organization.region_code, lang),
            industry_code=details.industry_code,
            industry_name=_industry_name(details.industry_code, lang),
            size_class=details.size_class,
            above_designated_size=details.above_designated_size,
            entity_kind=details.entity_kind,
            path=details.path,
        )


def get_self_assessment(platform: Platform, actor: Actor, record_id: int) -> SelfAssessment:
    with platform.db() as session:
        record = load(session, SelfAssessment, record_id)
        require(actor, Action.self_assessment_view, enterprise_resource(session, record.enterprise_id))
        session.expunge(record)
        return record


def self_assessment_result(platform: Platform, record: SelfAssessment) -> tuple[Model, Result]:
    """The engine result of a stored self-assessment, rescored with the model it pinned."""
    model = platform.models(f"{record.model_id}@{record.model_version}")
    return model, score(model, answers_from_data(record.answers))


@dataclass(frozen=True)
class OrganizationChoice:
    id: int
    name: str
    kind: str


def organizations_of_kind(platform: Platform, actor: Actor, *kinds: OrganizationKind) -> list[OrganizationChoice]:
    """Assessment bodies, investors or suppliers an enterprise may choose: names are public, nothing more."""
    if not actor.roles:
        return []
    with platform.db() as session:
        rows = session.execute(
            select(Organization.id, Organization.name, Organization.kind)
            .where(Organization.kind.in_([k.value for k in kinds]))
            .order_by(Organization.name)
            .limit(500)
        )
        return [OrganizationChoice(i, n, k) for i, n, k in rows]


@dataclass(frozen=True)
class ShareView:
    id: int
    viewer_name: str
    viewer_kind: str
    granted_at: datetime
    revoked_at: datetime | None


def enterprise_shares(platform: Platform, actor: Actor, enterprise_id: int) -> list[ShareView]:
    with platform.db() as session:
        require(actor, Action.share_manage, enterprise_resource(session, enterprise_id))
        rows = session.execute(
            select(Share.id, Organization.name, Organization.kind, Share.granted_at, Share.revoked_at)
            .join(Organization, Organization.id == Share.viewer_id)
            .where(Share.enterprise_id == enterprise_id)
            .order_by(Share.granted_at.desc())
        )
        return [ShareView(*row) for row in rows]


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    state: str
    target_level: int
    body_name: str
    scope_description: str


def enterprise_assessments(platform: Platform, actor: Actor, enterprise_id: int) -> list[AssessmentSummary]:
    with platform.db() as session:
        require(actor, Action.assessment_view, enterprise_resource(session, enterprise_id))
        rows = session.execute(
            select(
                Assessment.id,
                Assessment.state,
                Assessment.target_level,
                Organization.name,
                Assessment.scope_description,
            )
            .join(Organization, Organization.id == Assessment.body_id)
            .where(Assessment.enterprise_id == enterprise_id)
            .order_by(Assessment.id.desc())
        )
        return [AssessmentSummary(*row) for row in rows]


def enterprise_plans(platform: Platform, actor: Actor, enterprise_id: int) -> list[ImprovementPlan]:
    with platform.db() as session:
        require(actor, Action.improvement_manage, enterprise_resource(session, enterprise_id))
        plans = list(
            session.scalars(
                select(ImprovementPlan)
                .where(ImprovementPlan.enterprise_id == enterprise_id)
                .order_by(ImprovementPlan.created_at.desc())
            )
        )
        session.expunge_all()
        return plans
