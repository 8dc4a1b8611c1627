"""Step 1, application (提交申请): an enterprise applies to an assessment body, which accepts (contract signed,
team and lead assigned) or declines; the enterprise may withdraw before the formal assessment.

Gating rules are checked on submission (all failures at once, in Chinese and English) and the high-maturity
lead rule when the lead is assigned; a re-assessment names an earlier assessment of the same enterprise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmmm.errors import Problem
from cmmm.services.actors import Actor, OrganizationKind, Role
from cmmm.services.errors import ApplicationRefused, InputInvalid
from cmmm.services.gating import (
    ApplicantFacts,
    HeldCertificate,
    application_problems,
    application_warnings,
    lead_problems,
)
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, assessment_resource, audit, enterprise_resource, load
from cmmm.services.workflow import State, Step, advance
from cmmm.store.assessments import Assessment, SelfAssessment, TeamMember
from cmmm.store.organizations import Enterprise, Organization, Trainee, User
from cmmm.store.records import Certificate

SCOPE_KINDS = ("enterprise", "plant", "workshop", "business_unit")


@dataclass(frozen=True)
class ApplicationForm:
    enterprise_id: int
    body_id: int
    target_level: int
    scope_kind: str = "enterprise"
    scope_description: str = ""
    model: str | None = None
    baseline_id: int | None = None


def held_certificates(session: Session, enterprise_id: int, today: date) -> tuple[HeldCertificate, ...]:
    rows = session.execute(
        select(Certificate.level, Certificate.issued_on).where(
            Certificate.enterprise_id == enterprise_id, Certificate.status == "valid", Certificate.valid_until >= today
        )
    )
    return tuple(HeldCertificate(level, issued_on) for level, issued_on in rows)


def _facts(session: Session, enterprise: Enterprise, target_level: int, today: date) -> ApplicantFacts:
    eid = enterprise.organization_id
    return ApplicantFacts(
        industry_code=enterprise.industry_code,
        in_operation=enterprise.in_operation,
        has_it_basis=enterprise.has_it_basis,
        self_assessments=session.scalar(select(func.count()).where(SelfAssessment.enterprise_id == eid)) or 0,
        trained_employees=session.scalar(select(func.count()).where(Trainee.enterprise_id == eid)) or 0,
        certificates=held_certificates(session, eid, today),
        target_level=target_level,
        today=today,
    )


def application_preview(
    platform: Platform, actor: Actor, enterprise_id: int, target_level: int
) -> tuple[list[Problem], list[Problem]]:
    """The gating rules an application would break, and the advice it would get, before it is submitted."""
    with platform.db() as session:
        require(actor, Action.application_submit, enterprise_resource(session, enterprise_id))
        enterprise = load(session, Enterprise, enterprise_id)
        facts = _facts(session, enterprise, target_level, platform.today())
        return application_problems(platform.rules, facts), application_warnings(platform.rules, facts)


def submit_application(platform: Platform, actor: Actor, form: ApplicationForm) -> int:
    """Create the assessment in state ``applied``, or refuse with every failed gating rule."""
    model = platform.models(form.model)
    with platform.db.begin() as session:
        require(actor, Action.application_submit, enterprise_resource(session, form.enterprise_id))
        enterprise = load(session, Enterprise, form.enterprise_id)
        _check_form(session, model.levels, form)
        facts = _facts(session, enterprise, form.target_level, platform.today())
        problems = application_problems(platform.rules, facts)
        if problems:
            raise ApplicationRefused(
                f"申请未通过 {len(problems)} 项准入条件", f"the application fails {len(problems)} rule(s)", problems
            )
        warnings = application_warnings(platform.rules, facts)
        assessment = Assessment(
            enterprise_id=form.enterprise_id,
            body_id=form.body_id,
            state=State.applied.value,
            target_level=form.target_level,
            scope_kind=form.scope_kind,
            scope_description=form.scope_description,
            path=enterprise.path,
            model_id=model.id,
            model_version=model.version,
            baseline_id=form.baseline_id,
            warnings=[{"location": w.location, "zh": w.zh, "en": w.en} for w in warnings],
            created_by=actor.user_id,
        )
        session.add(assessment)
        session.flush()
        after = {"state": State.applied.value, "target_level": form.target_level, "body_id": form.body_id}
        audit(session, actor, "assessment", assessment.id, "submit", None, after)
        return assessment.id


def _check_form(session: Session, levels: Iterable[object], form: ApplicationForm) -> None:
    problems = []
    top = len(tuple(levels))
    if not 1 <= form.target_level <= top:
        problems.append(Problem("target_level", f"目标等级应为 1 至 {top}", f"target level must be 1 to {top}"))
    if form.scope_kind not in SCOPE_KINDS:
        problems.append(Problem("scope_kind", f"范围应为 {SCOPE_KINDS} 之一", f"scope must be one of {SCOPE_KINDS}"))
    body = session.get(Organization, form.body_id)
    if body is None or body.kind != OrganizationKind.body:
        problems.append(Problem("body_id", f"{form.body_id} 不是评估机构", f"{form.body_id} is not an assessment body"))
    if form.baseline_id is not None:
        baseline = session.get(Assessment, form.baseline_id)
        if baseline is None or baseline.enterprise_id != form.enterprise_id or baseline.state != State.certified:
            problems.append(
                Problem(
                    "baseline_id", "基线须为本企业已发证的评估", "the baseline must be a certified assessment of it"
                )
            )
    if problems:
        raise InputInvalid("申请表有误", "the application form is invalid", problems)


def accept_application(
    platform: Platform,
    actor: Actor,
    assessment_id: int,
    lead_id: int,
    assessor_ids: Iterable[int],
    contract_signed_on: date,
) -> None:
    """The body accepts: the contract is signed and the team assigned; the lead's qualification is checked."""
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.application_accept, assessment_resource(session, assessment))
        lead = load(session, User, lead_id)
        others = dict.fromkeys(uid for uid in assessor_ids if uid != lead_id)
        team = [lead, *(load(session, User, uid) for uid in others)]
        problems = _team_problems(assessment, team)
        problems += lead_problems(platform.rules, assessment.target_level, lead.high_maturity_qualified)
        if problems:
            raise ApplicationRefused("评估组不符合要求", "the assessment team does not qualify", problems)
        assessment.lead_assessor_id = lead.id
        assessment.contract_signed_on = contract_signed_on
        for member in team:
            session.add(TeamMember(assessment_id=assessment.id, user_id=member.id, role=_team_role(member, lead)))
        advance(session, actor, assessment, Step.accept, f"lead={lead.id}; team={[m.id for m in team]}")


def _team_role(member: User, lead: User) -> str:
    return "lead" if member.id == lead.id else "assessor"


def _team_problems(assessment: Assessment, team: list[User]) -> list[Problem]:
    problems = []
    for i, member in enumerate(team):
        roles = {r.role for r in member.roles}
        wanted = Role.lead_assessor if i == 0 else Role.assessor
        if member.organization_id != assessment.body_id or not roles & {wanted.value, Role.lead_assessor.value}:
            problems.append(
                Problem(
                    f"team[{i}]",
                    f"用户 {member.username} 不是本机构的{'主任评估师' if i == 0 else '评估师'}",
                    f"user {member.username} is not a {wanted.value} of this body",
                )
            )
    return problems


def decline_application(platform: Platform, actor: Actor, assessment_id: int, reason: str) -> None:
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.application_accept, assessment_resource(session, assessment))
        advance(session, actor, assessment, Step.decline, reason)


def withdraw_application(platform: Platform, actor: Actor, assessment_id: int) -> None:
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.application_withdraw, assessment_resource(session, assessment))
        advance(session, actor, assessment, Step.withdraw)
