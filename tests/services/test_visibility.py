"""Lists follow the permission scopes: each role lists exactly the assessments the matrix lets it view."""

from __future__ import annotations

from sqlalchemy import update

from cmmm.engine.answers import Answers
from cmmm.services.accounts import create_organization, grant_share, load_actor, revoke_share
from cmmm.services.actors import SYSTEM, OrganizationKind
from cmmm.services.self_assessment import record_self_assessment
from cmmm.services.visibility import region_and_below, visible_assessments, visible_self_assessments
from cmmm.store.organizations import Organization
from tests.services.world import RATINGS, World, applied_and_accepted, enterprise_details


def listed(world: World, name: str) -> list[int]:
    return [a.id for a in visible_assessments(world.platform, world[name])]


def test_each_role_lists_what_it_may_view(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    expected = {
        "admin": [assessment_id], "ea": [assessment_id], "em": [assessment_id], "ba": [assessment_id],
        "as1": [assessment_id], "as2": [assessment_id], "lead": [assessment_id], "hlead": [],
        "reviewer": [assessment_id], "official": [assessment_id], "investor": [], "supplier": [],
    }  # fmt: skip
    assert {name: listed(world, name) for name in expected} == expected


def test_an_official_lists_only_the_region_and_below(world: World) -> None:
    applied_and_accepted(world)
    with world.platform.db.begin() as session:
        session.execute(
            update(Organization).where(Organization.id == world.orgs["department"]).values(region_code="320200")
        )
    wuxi = load_actor(world.platform, "official")
    assert wuxi.region_code == "320200" and visible_assessments(world.platform, wuxi) == []
    assert {"320200", "320214"} <= region_and_below("320200") and "320102" not in region_and_below("320200")


def test_viewers_list_self_assessments_while_shared(world: World) -> None:
    other = create_organization(
        world.platform, SYSTEM, OrganizationKind.enterprise, "另一家公司", "110101", enterprise_details(9)
    )
    record_self_assessment(world.platform, world["ea"], world.orgs["enterprise"], Answers("discrete", 2, dict(RATINGS)))
    assert visible_self_assessments(world.platform, world["investor"]) == []
    share = grant_share(world.platform, world["ea"], world.orgs["enterprise"], world.orgs["investor"])
    assert [s.enterprise_id for s in visible_self_assessments(world.platform, world["investor"])] == [
        world.orgs["enterprise"]
    ]
    assert len(visible_self_assessments(world.platform, world["official"])) == 1
    revoke_share(world.platform, world["ea"], share)
    assert visible_self_assessments(world.platform, world["investor"]) == []
    assert [s.enterprise_id for s in visible_self_assessments(world.platform, world["admin"])] == [
        world.orgs["enterprise"]
    ]  # the other enterprise has no self-assessment
    assert other not in [s.enterprise_id for s in visible_self_assessments(world.platform, world["official"])]
