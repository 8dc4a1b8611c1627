"""Shared steps of the body, assessment and review page tests: an application of the demo enterprise
``factory`` (self-assessment and trainee first, as the gating rules want), and the extra accounts the
permission tests need (an assessor outside the team, a lead not qualified for high maturity, another body)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from cmmm.engine.answers import answers_from_json
from cmmm.model.loader import default_model
from cmmm.services.accounts import add_trainee, create_organization, create_user, load_actor
from cmmm.services.actors import SYSTEM, OrganizationKind, Role
from cmmm.services.applications import ApplicationForm, accept_application, submit_application
from cmmm.services.demo_site import DEMO_PASSWORD
from cmmm.services.errors import CredentialsInvalid
from cmmm.services.gating import GatingRules
from cmmm.services.platform import Platform
from cmmm.services.pre_assessment import PreAssessmentDecision, decide_pre_assessment
from cmmm.services.publication import publish_result
from cmmm.services.ratings import save_rating
from cmmm.services.self_assessment import record_self_assessment
from tests.conftest import ROOT

KEPT_DOMAINS = ("integration", "security")
"""The pre-assessment keeps two domains in scope (15 clauses up to level 3), so the chain stays quick."""


def user_id(platform: Platform, username: str) -> int:
    return load_actor(platform, username).user_id


def apply(platform: Platform, target_level: int = 3, scope: str = "总装车间") -> int:
    """``factory`` applies to the demo body (a self-assessment and a trained employee come first)."""
    factory = load_actor(platform, "factory")
    enterprise_id = factory.organization_id
    assert enterprise_id is not None
    text = (ROOT / "examples" / "answers-discrete.json").read_text(encoding="utf-8")
    record_self_assessment(platform, factory, enterprise_id, answers_from_json(json.loads(text, parse_float=Decimal)))
    add_trainee(platform, factory, enterprise_id, "张伟", date(2026, 1, 10))
    body_id = load_actor(platform, "body").organization_id
    assert body_id is not None
    form = ApplicationForm(enterprise_id, body_id, target_level, "workshop", scope)
    if target_level >= 4:  # the one-year rule is not what these tests are about
        platform = replace(platform, rules=GatingRules(high_maturity_from=9, trained_employees={}))
    return submit_application(platform, factory, form)


def ensure_accounts(platform: Platform) -> None:
    """assessor3 (same body, not on any team), lead-plain (no high-maturity qualification), other-body."""
    if _exists(platform, "other-body"):
        return
    body_id = load_actor(platform, "body").organization_id
    other = create_organization(platform, SYSTEM, OrganizationKind.body, "另一评估机构（测试）", "320000")
    create_user(platform, SYSTEM, "assessor3", DEMO_PASSWORD, [Role.assessor], body_id, "评估师 钱三")
    create_user(platform, SYSTEM, "lead-plain", DEMO_PASSWORD, [Role.lead_assessor], body_id, "主任评估师 普通")
    create_user(platform, SYSTEM, "other-body", DEMO_PASSWORD, [Role.body_admin], other, "另一机构管理员")


def _exists(platform: Platform, username: str) -> bool:
    try:
        load_actor(platform, username)
    except CredentialsInvalid:
        return False
    return True


def token_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def in_scope(target_level: int) -> list[tuple[str, str]]:
    """(sub-domain, requirement) of the kept domains up to the target level, in the model's order."""
    model = default_model()
    return [
        (sub.id, r.id)
        for domain in KEPT_DOMAINS
        for sub in model.index.domains[domain].subdomains
        for r in sub.requirements
        if r.level <= target_level
    ]


def team_assessment(platform: Platform, publish: bool) -> int:
    """An accepted, pre-assessed application of ``factory`` (two domains in scope), rated and published if asked."""
    actor = {name: load_actor(platform, name) for name in ("body", "lead", "assessor1", "assessor2")}
    assessment_id = apply(platform)
    team = [actor["assessor1"].user_id, actor["assessor2"].user_id]
    accept_application(platform, actor["body"], assessment_id, actor["lead"].user_id, team, date(2026, 11, 20))
    domains = platform.models(None).index.domains
    excluded = {d: "不在本次评估范围" for d in domains if d not in KEPT_DOMAINS}
    decide_pre_assessment(platform, actor["lead"], assessment_id, PreAssessmentDecision("车间", True, excluded))
    if publish:
        for _, requirement in in_scope(3):
            for name in ("assessor1", "assessor2"):
                save_rating(platform, actor[name], assessment_id, requirement, "full", None)
        publish_result(platform, actor["lead"], assessment_id)
    return assessment_id
