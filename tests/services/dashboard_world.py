"""A small known region for the dashboard tests: enterprises in Suzhou (320505, 320506) and Nanjing (320102),
self-assessments answered so that they reach chosen levels, a valid and an expired certificate, officials
of Suzhou and of Nanjing, two enterprise users, an investor and a supplier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from argon2 import PasswordHasher
from sqlalchemy import Engine

from cmmm.codes.credit_code import make_credit_code
from cmmm.engine.answers import Answers
from cmmm.engine.scoring import score
from cmmm.model.loader import default_model
from cmmm.model.schema import Model
from cmmm.services.accounts import EnterpriseDetails, create_organization, create_user, load_actor
from cmmm.services.actors import SYSTEM, Actor, OrganizationKind, Role
from cmmm.services.platform import Platform
from cmmm.services.self_assessment import answers_to_data
from cmmm.store.assessments import Assessment, SelfAssessment
from cmmm.store.records import Certificate, PublishedResult

TODAY = date(2026, 6, 1)
ENTERPRISES = (
    # key, region, industry, size, levels of its self-assessments in time order
    ("sz1", "320505", "34", "small", (1,)),
    ("sz2", "320505", "34", "medium", (2,)),
    ("sz3", "320505", "39", "small", (3,)),
    ("sz4", "320506", "39", "large", (1, 2)),
    ("nj1", "320102", "34", "small", (3,)),
    ("nj2", "320102", "39", "medium", (4,)),
)


def answers_at(model: Model, level: int) -> Answers:
    """Every clause of levels 1..level fully met and every higher one not met at all."""
    ratings = {rid: ("full" if r.level <= level else "none") for rid, r in model.index.requirements.items()}
    return Answers(industry="discrete", target_level=5, ratings=ratings)


@dataclass(frozen=True)
class DashboardWorld:
    platform: Platform
    model: Model
    orgs: dict[str, int]
    actors: dict[str, Actor]
    answers: dict[str, Answers]
    """The latest answers of each enterprise."""

    def __getitem__(self, name: str) -> Actor:
        return self.actors[name]


def build_dashboard_world(engine: Engine) -> DashboardWorld:
    platform = Platform.on(
        engine, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1), clock=lambda: _at(TODAY)
    )
    model = default_model()
    orgs: dict[str, int] = {}
    for number, (key, region, industry, size, _) in enumerate(ENTERPRISES, start=1):
        details = EnterpriseDetails(
            make_credit_code(region, number), industry, size, size != "small", "legal_entity", "discrete"
        )
        orgs[key] = create_organization(platform, SYSTEM, OrganizationKind.enterprise, f"企业{key}", region, details)
    for key, kind, region in (
        ("suzhou", OrganizationKind.department, "320500"),
        ("nanjing", OrganizationKind.department, "320100"),
        ("body", OrganizationKind.body, "320000"),
        ("investor", OrganizationKind.investor, None),
        ("supplier", OrganizationKind.supplier, None),
    ):
        orgs[key] = create_organization(platform, SYSTEM, kind, f"机构{key}", region)
    users = {
        "suzhou": (Role.government_official, "suzhou"),
        "nanjing": (Role.government_official, "nanjing"),
        "sz1-admin": (Role.enterprise_admin, "sz1"),
        "nj1-admin": (Role.enterprise_admin, "nj1"),
        "investor": (Role.investor_viewer, "investor"),
        "supplier": (Role.supplier_viewer, "supplier"),
        "body-admin": (Role.body_admin, "body"),
    }
    for username, (role, org) in users.items():
        create_user(platform, SYSTEM, username, "password-123456", [role], orgs[org], username)
    actors = {username: load_actor(platform, username) for username in users}
    answers = _self_assessments(platform, model, orgs)
    _certificate(platform, orgs["sz2"], orgs["body"], actors["body-admin"].user_id, 3, date(2027, 1, 1), "C-1")
    _certificate(platform, orgs["nj1"], orgs["body"], actors["body-admin"].user_id, 2, date(2026, 1, 1), "C-2")
    return DashboardWorld(platform, model, orgs, actors, answers)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC)


def _self_assessments(platform: Platform, model: Model, orgs: dict[str, int]) -> dict[str, Answers]:
    latest: dict[str, Answers] = {}
    with platform.db.begin() as session:
        for key, _, _, _, levels in ENTERPRISES:
            for year, level in enumerate(levels, start=2024):
                answers = answers_at(model, level)
                result = score(model, answers)
                assert result.maturity_level == level
                session.add(
                    SelfAssessment(
                        enterprise_id=orgs[key], created_by=None, created_at=_at(date(year, 3, 1)),
                        model_id=model.id, model_version=model.version, model_hash=model.content_hash,
                        industry="discrete", target_level=5, answers=answers_to_data(answers),
                        total_score_exact=str(result.total_score), level=level, result={"summary": True},
                    )
                )  # fmt: skip
                latest[key] = answers
    return latest


def _certificate(
    platform: Platform, enterprise: int, body: int, user: int, level: int, valid_until: date, number: str
) -> None:
    with platform.db.begin() as session:
        assessment = Assessment(
            enterprise_id=enterprise, body_id=body, state="certified", target_level=level, scope_kind="whole",
            path="discrete", model_id="m", model_version="1",
        )  # fmt: skip
        session.add(assessment)
        session.flush()
        result = PublishedResult(
            assessment_id=assessment.id, revision=1, model_id="m", model_version="1", model_hash="h", weights={},
            weight_provenance={}, ratings={}, total_score_exact="3", level=level, result={}, published_by=user,
        )  # fmt: skip
        session.add(result)
        session.flush()
        session.add(
            Certificate(
                number=number, assessment_id=assessment.id, result_id=result.id, enterprise_id=enterprise,
                enterprise_name="x", credit_code="x", scope="whole", level=level, level_name=str(level),
                total_score="3", issued_on=date(2024, 1, 1), valid_until=valid_until, status="valid",
                verification_token=number,
            )
        )  # fmt: skip
