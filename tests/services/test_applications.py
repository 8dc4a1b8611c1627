"""Applications through the service: gating against stored facts (self-assessments, trainees, certificates),
the high-maturity lead at acceptance, and the permission of each party."""

from __future__ import annotations

from datetime import date

import pytest

from cmmm.engine.answers import Answers
from cmmm.services.accounts import add_trainee
from cmmm.services.applications import ApplicationForm, accept_application, submit_application
from cmmm.services.errors import ApplicationRefused, InputInvalid, PermissionDenied
from cmmm.services.self_assessment import record_self_assessment
from cmmm.store.assessments import Assessment
from tests.services.world import RATINGS, World, certified


def form(world: World, level: int) -> ApplicationForm:
    return ApplicationForm(world.orgs["enterprise"], world.orgs["body"], level)


def test_a_refusal_lists_every_failed_rule_in_chinese_and_english(world: World) -> None:
    with pytest.raises(ApplicationRefused) as refused:
        submit_application(world.platform, world["ea"], form(world, 4))
    locations = [p.location for p in refused.value.problems]
    assert locations == ["self_assessments", "trained_employees", "certificates"]
    assert "3" in refused.value.zh and "rule" in refused.value.en


def test_trainees_and_a_self_assessment_open_level_3(world: World) -> None:
    record_self_assessment(world.platform, world["em"], world.orgs["enterprise"], Answers("discrete", 2, dict(RATINGS)))
    with pytest.raises(ApplicationRefused):
        submit_application(world.platform, world["ea"], form(world, 3))
    add_trainee(world.platform, world["ea"], world.orgs["enterprise"], "李四", date(2025, 11, 1))
    assessment_id = submit_application(world.platform, world["ea"], form(world, 3))
    with world.platform.db() as session:
        assert session.get_one(Assessment, assessment_id).warnings == []
    with pytest.raises(PermissionDenied):
        submit_application(world.platform, world["em"], form(world, 3))


def test_level_4_one_year_after_a_certificate_and_only_with_a_qualified_lead(world: World) -> None:
    certified(world)
    for name in ("甲", "乙"):
        add_trainee(world.platform, world["ea"], world.orgs["enterprise"], name, date(2025, 11, 1))
    with pytest.raises(ApplicationRefused) as too_early:
        submit_application(world.platform, world["ea"], form(world, 4))
    assert [p.location for p in too_early.value.problems] == ["certificates"]
    world.advance_days(365)
    assessment_id = submit_application(world.platform, world["ea"], form(world, 4))
    team, signed = [world["as1"].user_id], date(2027, 3, 2)
    with pytest.raises(ApplicationRefused) as unqualified:
        accept_application(world.platform, world["ba"], assessment_id, world["lead"].user_id, team, signed)
    assert [p.location for p in unqualified.value.problems] == ["lead_assessor"]
    accept_application(world.platform, world["ba"], assessment_id, world["hlead"].user_id, team, signed)


def test_the_team_must_belong_to_the_body(world: World) -> None:
    record_self_assessment(world.platform, world["ea"], world.orgs["enterprise"], Answers("discrete", 2, dict(RATINGS)))
    assessment_id = submit_application(world.platform, world["ea"], form(world, 2))
    with pytest.raises(ApplicationRefused) as refused:
        accept_application(
            world.platform, world["ba"], assessment_id, world["as1"].user_id, [world["ea"].user_id], date(2026, 3, 2)
        )
    assert [p.location for p in refused.value.problems] == ["team[0]", "team[1]"]


def test_the_form_is_checked(world: World) -> None:
    bad = ApplicationForm(world.orgs["enterprise"], world.orgs["investor"], 9, scope_kind="galaxy", baseline_id=99)
    with pytest.raises(InputInvalid) as invalid:
        submit_application(world.platform, world["ea"], bad)
    assert [p.location for p in invalid.value.problems] == ["target_level", "scope_kind", "body_id", "baseline_id"]
