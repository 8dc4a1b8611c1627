"""The small world the use-case tests share (one organization of each kind, one user per role) and the steps
that bring an assessment of it to a given state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

from argon2 import PasswordHasher
from sqlalchemy import Engine

from cmmm.codes.credit_code import make_credit_code
from cmmm.engine.answers import Answers
from cmmm.model.schema import Model
from cmmm.services.accounts import EnterpriseDetails, create_organization, create_user, load_actor
from cmmm.services.actors import SYSTEM, Actor, OrganizationKind, Role
from cmmm.services.applications import ApplicationForm, accept_application, submit_application
from cmmm.services.evidence import Upload, add_evidence
from cmmm.services.platform import Platform
from cmmm.services.pre_assessment import PreAssessmentDecision, decide_pre_assessment
from cmmm.services.publication import publish_result, review_result
from cmmm.services.ratings import save_rating
from cmmm.services.self_assessment import record_self_assessment


@dataclass(frozen=True)
class World:
    """A platform with one organization of each kind and one user per role (names say the role)."""

    platform: Platform
    actors: dict[str, Actor]
    orgs: dict[str, int]
    clock: list[datetime]

    def __getitem__(self, name: str) -> Actor:
        return self.actors[name]

    def advance_days(self, days: int) -> None:
        self.clock[0] += timedelta(days=days)


CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
USERS = {
    "admin": ("platform", [Role.platform_admin], False),
    "ea": ("enterprise", [Role.enterprise_admin], False),
    "em": ("enterprise", [Role.enterprise_member], False),
    "ba": ("body", [Role.body_admin], False),
    "as1": ("body", [Role.assessor], False),
    "as2": ("body", [Role.assessor], False),
    "lead": ("body", [Role.lead_assessor], False),
    "hlead": ("body", [Role.lead_assessor], True),
    "reviewer": ("committee", [Role.expert_reviewer], False),
    "official": ("department", [Role.government_official], False),
    "investor": ("investor", [Role.investor_viewer], False),
    "supplier": ("supplier", [Role.supplier_viewer], False),
}


def enterprise_details(serial: int = 1, industry: str = "39") -> EnterpriseDetails:
    return EnterpriseDetails(
        credit_code=make_credit_code("320102", serial),
        industry_code=industry,
        size_class="medium",
        above_designated_size=True,
        entity_kind="legal_entity",
        path="discrete",
    )


def build_world(engine: Engine, model: Model) -> World:
    clock = [START]
    platform = Platform.on(engine, hasher=CHEAP_HASHER, clock=lambda: clock[0], models=_constant(model))
    orgs = {
        "platform": create_organization(platform, SYSTEM, OrganizationKind.platform, "平台运营方"),
        "enterprise": create_organization(
            platform, SYSTEM, OrganizationKind.enterprise, "南京示例机械有限公司", "320102", enterprise_details()
        ),
        "body": create_organization(platform, SYSTEM, OrganizationKind.body, "示例评估机构"),
        "committee": create_organization(platform, SYSTEM, OrganizationKind.committee, "专家委员会"),
        "department": create_organization(platform, SYSTEM, OrganizationKind.department, "江苏省工信厅", "320000"),
        "investor": create_organization(platform, SYSTEM, OrganizationKind.investor, "示例投资"),
        "supplier": create_organization(platform, SYSTEM, OrganizationKind.supplier, "示例方案商"),
    }
    actors = {}
    for name, (org, roles, high) in USERS.items():
        create_user(platform, SYSTEM, name, "password-" + name, roles, orgs[org], high_maturity=high)
        actors[name] = load_actor(platform, name)
    return World(platform, actors, orgs, clock)


def _constant(model: Model) -> Callable[[str | None], Model]:
    return lambda ref: model


RATINGS = {
    "s1.1.1": "full", "s1.1.2": "largely", "s2.1.1": "full", "s4.1.1": "largely",
    "s1.2.1": "full", "s1.2.2": "full", "s2.2.1": "largely", "s2.2.2": "largely", "s3.2.1": "full",
    "s4.2.1": "largely",
}  # fmt: skip
"""Levels 1 and 2 of the worked example; target level 2, no exclusions."""


def applied_and_accepted(world: World, target_level: int = 2, baseline_id: int | None = None) -> int:
    enterprise = world.orgs["enterprise"]
    record_self_assessment(world.platform, world["ea"], enterprise, Answers("discrete", 2, dict(RATINGS)))
    form = ApplicationForm(enterprise, world.orgs["body"], target_level, baseline_id=baseline_id)
    assessment_id = submit_application(world.platform, world["ea"], form)
    team = [world["as1"].user_id, world["as2"].user_id]
    accept_application(world.platform, world["ba"], assessment_id, world["lead"].user_id, team, date(2026, 3, 2))
    return assessment_id


def rated(world: World, assessment_id: int) -> None:
    decision = PreAssessmentDecision("整个企业", ready=True, weights={"d1": Fraction(3, 10)})
    decide_pre_assessment(world.platform, world["lead"], assessment_id, decision)
    for requirement_id, grade in RATINGS.items():
        save_rating(world.platform, world["as1"], assessment_id, requirement_id, grade, None)
        save_rating(world.platform, world["as2"], assessment_id, requirement_id, grade, None)


def certified(world: World) -> tuple[int, int]:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    upload = Upload("记录.csv", "text/csv", b"date,count\n2026-01-01,3\n")
    add_evidence(
        world.platform, world["as1"], assessment_id, "s1.1.1", "record", date(2026, 1, 5), [upload], verified=True
    )
    publish_result(world.platform, world["lead"], assessment_id)
    certificate_id = review_result(world.platform, world["reviewer"], assessment_id, approve=True)
    assert certificate_id is not None
    return assessment_id, certificate_id
