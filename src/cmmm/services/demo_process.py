"""Demo assessments at every step of the process (issue 4): applied, accepted, not ready, in formal
assessment with ratings and evidence files, published, returned, certified (one suspended), all made through
the real use cases, so that each one is exactly what a user would have produced, audit trail included.

The demo body's and the enterprises' accounts get random passwords: the process examples can be added to any
database without creating accounts anyone knows the password of.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from cmmm.services.accounts import add_trainee, create_organization, create_user, load_actor
from cmmm.services.actors import SYSTEM, Actor, OrganizationKind, Role
from cmmm.services.applications import ApplicationForm, accept_application, submit_application
from cmmm.services.certificates import CertificateStatus, set_certificate_status
from cmmm.services.evidence import Upload, add_evidence
from cmmm.services.platform import Platform
from cmmm.services.pre_assessment import PreAssessmentDecision, decide_pre_assessment
from cmmm.services.publication import publish_result, review_result
from cmmm.services.ratings import save_rating
from cmmm.services.self_assessment import answers_from_data
from cmmm.store.assessments import SelfAssessment
from cmmm.store.organizations import Organization
from cmmm.store.records import Certificate

STAGES = (
    "applied", "applied", "accepted", "not_ready", "in_assessment", "in_assessment",
    "published", "returned", "certified", "certified", "certified", "suspended",
)  # fmt: skip
"""The stage each process example stops at, in the order the enterprises are taken."""

ORDER = ("applied", "accepted", "not_ready", "in_assessment", "published", "returned", "certified", "suspended")


@dataclass(frozen=True)
class DemoTeam:
    body_id: int
    lead: Actor
    assessor: Actor
    expert: Actor


def _password() -> str:
    return secrets.token_urlsafe(18)


def demo_team(platform: Platform, suffix: str) -> DemoTeam:
    """A demo assessment body with a high-maturity lead and an assessor, and an expert committee."""
    body = create_organization(platform, SYSTEM, OrganizationKind.body, f"演示评估机构 {suffix}", "320000")
    committee = create_organization(platform, SYSTEM, OrganizationKind.committee, f"演示专家委员会 {suffix}")
    create_user(platform, SYSTEM, f"demo-lead-{suffix}", _password(), [Role.lead_assessor], body, "演示主任评估师",
                high_maturity=True)  # fmt: skip
    create_user(platform, SYSTEM, f"demo-assessor-{suffix}", _password(), [Role.assessor], body, "演示评估师")
    create_user(platform, SYSTEM, f"demo-expert-{suffix}", _password(), [Role.expert_reviewer], committee, "演示专家")
    return DemoTeam(
        body_id=body,
        lead=load_actor(platform, f"demo-lead-{suffix}"),
        assessor=load_actor(platform, f"demo-assessor-{suffix}"),
        expert=load_actor(platform, f"demo-expert-{suffix}"),
    )


def seed_process_examples(platform: Platform, count: int = len(STAGES), suffix: str | None = None) -> list[int]:
    """Take the first ``count`` enterprises that have a self-assessment and no account, and walk each through the
    process to its stage; returns the assessment ids."""
    suffix = suffix or secrets.token_hex(3)
    team = demo_team(platform, suffix)
    with platform.db() as session:
        rows = session.execute(
            select(SelfAssessment.enterprise_id, SelfAssessment.id)
            .join(Organization, Organization.id == SelfAssessment.enterprise_id)
            .where(SelfAssessment.level >= 2)
            .order_by(SelfAssessment.enterprise_id)
            .limit(count)
        ).all()
    assessment_ids = []
    for index, (enterprise_id, self_assessment_id) in enumerate(rows):
        stage = STAGES[index % len(STAGES)]
        assessment_ids.append(_walk(platform, team, enterprise_id, self_assessment_id, stage, f"{suffix}-{index}"))
    return assessment_ids


def _reached(stage: str, step: str) -> bool:
    return ORDER.index(stage) >= ORDER.index(step)


def _walk(platform: Platform, team: DemoTeam, enterprise_id: int, self_assessment_id: int, stage: str, tag: str) -> int:
    username = f"demo-enterprise-{tag}"
    create_user(platform, SYSTEM, username, _password(), [Role.enterprise_admin], enterprise_id, "演示企业管理员")
    owner = load_actor(platform, username)
    add_trainee(platform, owner, enterprise_id, "智能制造培训学员", date(2024, 5, 20))
    form = ApplicationForm(enterprise_id, team.body_id, target_level=2, scope_description="全厂（演示）")
    assessment_id = submit_application(platform, owner, form)
    if not _reached(stage, "accepted"):
        return assessment_id
    accept_application(platform, _body_admin(platform, team), assessment_id, team.lead.user_id,
                       [team.assessor.user_id], platform.today() - timedelta(days=30))  # fmt: skip
    if stage == "accepted":
        return assessment_id
    if stage == "not_ready":
        decision = PreAssessmentDecision("全厂", ready=False, reasons="MES 上线不足三个月，数据不完整（演示）")
        decide_pre_assessment(platform, team.lead, assessment_id, decision)
        return assessment_id
    decide_pre_assessment(platform, team.lead, assessment_id, PreAssessmentDecision("全厂", ready=True))
    _rate(platform, team, assessment_id, self_assessment_id, complete=_reached(stage, "published"))
    if not _reached(stage, "published"):
        return assessment_id
    publish_result(platform, team.lead, assessment_id)
    if stage == "returned":
        review_result(
            platform, team.expert, assessment_id, approve=False, comments="部分证据有效期早于评估周期（演示）"
        )
        return assessment_id
    if _reached(stage, "certified"):
        review_result(platform, team.expert, assessment_id, approve=True)
    if stage == "suspended":
        _suspend(platform, assessment_id)
    return assessment_id


_BODY_ADMINS: dict[int, Actor] = {}


def _body_admin(platform: Platform, team: DemoTeam) -> Actor:
    if team.body_id not in _BODY_ADMINS:
        username = f"demo-body-admin-{team.body_id}"
        create_user(platform, SYSTEM, username, _password(), [Role.body_admin], team.body_id, "演示机构管理员")
        _BODY_ADMINS[team.body_id] = load_actor(platform, username)
    return _BODY_ADMINS[team.body_id]


def _rate(platform: Platform, team: DemoTeam, assessment_id: int, self_assessment_id: int, complete: bool) -> None:
    """The assessor rates the clauses of levels 1-2 like the enterprise did, with evidence for a few."""
    with platform.db() as session:
        record = session.get_one(SelfAssessment, self_assessment_id)
        answers = answers_from_data(record.answers)
    model = platform.models(None)
    wanted = [rid for rid, r in model.index.requirements.items() if r.level <= 2]
    if not complete:
        wanted = wanted[: len(wanted) // 2]
    for index, requirement_id in enumerate(wanted):
        grade = answers.ratings.get(requirement_id, "partly")
        note = "不适用：企业无此业务（演示）" if grade == "na" else ""
        save_rating(platform, team.assessor, assessment_id, requirement_id, grade, None, note)
        if index % 25 == 0:
            upload = Upload(f"{requirement_id}.txt", "text/plain", f"演示证据：{requirement_id} 的记录摘录\n".encode())
            effective = platform.today() - timedelta(days=60)
            assessor = team.assessor
            add_evidence(platform, assessor, assessment_id, requirement_id, "record", effective, [upload], "现场核查")


def _suspend(platform: Platform, assessment_id: int) -> None:
    with platform.db() as session:
        certificate_id = session.scalar(select(Certificate.id).where(Certificate.assessment_id == assessment_id))
    assert certificate_id is not None
    set_certificate_status(platform, SYSTEM, certificate_id, CertificateStatus.suspended, "企业停产整顿（演示）")
