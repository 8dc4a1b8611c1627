"""Editing an enterprise's profile: its own admin edits everything but the credit code, every problem is listed
at its field with nothing stored, each edit is audited, and the region dashboards follow the enterprise."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from cmmm.codes.credit_code import make_credit_code
from cmmm.services.accounts import create_user, load_actor
from cmmm.services.actors import SYSTEM, Actor, Role
from cmmm.services.dashboards import region_dashboard
from cmmm.services.enterprise_profile import ProfileChanges, enterprise_profile, update_enterprise_profile
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.statistics import expected_totals, refresh_statistics
from cmmm.store.audit import AuditEntry, verify_chain
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.records import Certificate
from cmmm.store.statistics import EnterpriseStanding, StandingTotal
from tests.services.dashboard_world import DashboardWorld, build_dashboard_world


@pytest.fixture
def dw(engine: Engine) -> DashboardWorld:
    world = build_dashboard_world(engine)
    refresh_statistics(world.platform)
    return world


def _user(dw: DashboardWorld, username: str, role: Role, organization: int | None) -> Actor:
    create_user(dw.platform, SYSTEM, username, "password-123456", [role], organization, username)
    return load_actor(dw.platform, username)


def _stored(dw: DashboardWorld, key: str) -> dict[str, Any]:
    with dw.platform.db() as session:
        organization = session.get(Organization, dw.orgs[key])
        enterprise = session.get(Enterprise, dw.orgs[key])
        assert organization is not None and enterprise is not None
        columns = [c.key for c in Enterprise.__table__.columns]
        return {"name": organization.name, "region_code": organization.region_code} | {
            column: getattr(enterprise, column) for column in columns
        }


def _sums(dw: DashboardWorld) -> dict[tuple[str, str, int, str], tuple[int, float]]:
    with dw.platform.db() as session:
        return {
            (row.dimension, row.key, row.level, row.item): (row.enterprises, row.total)
            for row in session.scalars(select(StandingTotal))
            if row.enterprises
        }


def _audit(dw: DashboardWorld, key: str) -> list[AuditEntry]:
    with dw.platform.db() as session:
        query = select(AuditEntry).where(
            AuditEntry.entity == "organization",
            AuditEntry.entity_id == str(dw.orgs[key]),
            AuditEntry.action == "update",
        )
        return list(session.scalars(query.order_by(AuditEntry.id)))


def assert_sums_match_a_recount(dw: DashboardWorld) -> None:
    with dw.platform.db() as session:
        expected = expected_totals(session.scalars(select(EnterpriseStanding)))
    stored = _sums(dw)
    assert stored.keys() == expected.keys()
    for key, (count, total) in expected.items():
        assert stored[key] == (count, pytest.approx(total)), key


def test_the_owner_moves_and_grows_and_both_regions_follow(dw: DashboardWorld) -> None:
    suzhou_before = region_dashboard(dw.platform, dw["suzhou"])
    nanjing_before = region_dashboard(dw.platform, dw["nanjing"])
    changes = ProfileChanges(region_code="320102", size_class="medium", above_designated_size=True)
    profile = update_enterprise_profile(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], changes)
    assert (profile.region_code, profile.size_class, profile.above_designated_size) == ("320102", "medium", True)

    suzhou = region_dashboard(dw.platform, dw["suzhou"])
    nanjing = region_dashboard(dw.platform, dw["nanjing"])
    assert suzhou.enterprises == suzhou_before.enterprises - 1
    assert nanjing.enterprises == nanjing_before.enterprises + 1
    assert suzhou.by_level.get(1, 0) == suzhou_before.by_level[1] - 1  # sz1 stands at level 1
    assert nanjing.by_level.get(1, 0) == nanjing_before.by_level.get(1, 0) + 1
    assert suzhou.by_size.get("small", {}).get(1, 0) == suzhou_before.by_size["small"][1] - 1
    assert nanjing.by_size["medium"].get(1, 0) == nanjing_before.by_size.get("medium", {}).get(1, 0) + 1
    assert suzhou.by_subregion.get("320505", {}).get(1, 0) == suzhou_before.by_subregion["320505"][1] - 1
    assert nanjing.by_subregion["320102"][1] == nanjing_before.by_subregion["320102"].get(1, 0) + 1
    with dw.platform.db() as session:
        standing = session.get(EnterpriseStanding, dw.orgs["sz1"])
        assert standing is not None
        assert (standing.region_code, standing.size_class, standing.above_designated_size) == ("320102", "medium", True)
    assert_sums_match_a_recount(dw)


def test_an_industry_change_moves_the_enterprise_between_divisions(dw: DashboardWorld) -> None:
    before = region_dashboard(dw.platform, dw["suzhou"]).by_industry
    update_enterprise_profile(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], ProfileChanges(industry_code="c3911"))
    after = region_dashboard(dw.platform, dw["suzhou"]).by_industry
    assert after.get("34", {}).get(1, 0) == before["34"][1] - 1
    assert after["39"].get(1, 0) == before["39"].get(1, 0) + 1
    assert _stored(dw, "sz1")["industry_code"] == "C3911"  # stored as codes are printed
    assert_sums_match_a_recount(dw)


def test_invalid_codes_list_every_problem_and_change_nothing(dw: DashboardWorld) -> None:
    stored, sums, audited = _stored(dw, "sz1"), _sums(dw), len(_audit(dw, "sz1"))
    changes = ProfileChanges(name=" ", region_code="999999", industry_code="9x", size_class="huge", path="hybrid")
    with pytest.raises(InputInvalid) as refused:
        update_enterprise_profile(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], changes)
    locations = [problem.location for problem in refused.value.problems]
    assert sorted(locations) == ["industry_code", "name", "path", "region_code", "size_class"]
    assert "999999" in next(p.en for p in refused.value.problems if p.location == "region_code")
    assert _stored(dw, "sz1") == stored
    assert _sums(dw) == sums
    assert len(_audit(dw, "sz1")) == audited


def test_the_profile_is_checked_as_a_whole(dw: DashboardWorld) -> None:
    parent = make_credit_code("320505", 77)
    owner = dw["sz1-admin"]
    update_enterprise_profile(
        dw.platform, owner, dw.orgs["sz1"], ProfileChanges(entity_kind="plant", parent_credit_code=parent)
    )
    assert enterprise_profile(dw.platform, owner, dw.orgs["sz1"]).parent_credit_code == parent
    with pytest.raises(InputInvalid) as refused:  # a legal entity has no parent, and the parent is still set
        update_enterprise_profile(dw.platform, owner, dw.orgs["sz1"], ProfileChanges(entity_kind="legal_entity"))
    assert [p.location for p in refused.value.problems] == ["parent_credit_code"]
    cleared = ProfileChanges(entity_kind="legal_entity", parent_credit_code="")
    assert update_enterprise_profile(dw.platform, owner, dw.orgs["sz1"], cleared).parent_credit_code == ""
    assert _stored(dw, "sz1")["parent_credit_code"] is None


def test_another_enterprises_admin_a_member_and_an_official_are_refused(dw: DashboardWorld) -> None:
    member = _user(dw, "sz1-member", Role.enterprise_member, dw.orgs["sz1"])
    stored = _stored(dw, "sz1")
    for actor in (dw["nj1-admin"], member, dw["suzhou"], dw["investor"]):
        with pytest.raises(PermissionDenied):
            enterprise_profile(dw.platform, actor, dw.orgs["sz1"])
        with pytest.raises(PermissionDenied):
            update_enterprise_profile(dw.platform, actor, dw.orgs["sz1"], ProfileChanges(name="改名"))
    assert _stored(dw, "sz1") == stored


def test_only_a_platform_admin_changes_the_credit_code(dw: DashboardWorld) -> None:
    new_code = make_credit_code("320505", 901)
    owner = dw["sz1-admin"]
    assert not enterprise_profile(dw.platform, owner, dw.orgs["sz1"]).credit_code_editable
    current = _stored(dw, "sz1")["credit_code"]
    update_enterprise_profile(dw.platform, owner, dw.orgs["sz1"], ProfileChanges(credit_code=current.lower()))  # same
    with pytest.raises(PermissionDenied) as refused:
        update_enterprise_profile(dw.platform, owner, dw.orgs["sz1"], ProfileChanges(name="新名", credit_code=new_code))
    assert [p.location for p in refused.value.problems] == ["credit_code"]
    assert _stored(dw, "sz1")["name"] == "企业sz1"

    admin = _user(dw, "platform-admin", Role.platform_admin, None)
    assert enterprise_profile(dw.platform, admin, dw.orgs["sz1"]).credit_code_editable
    with pytest.raises(InputInvalid) as invalid:
        update_enterprise_profile(dw.platform, admin, dw.orgs["sz1"], ProfileChanges(credit_code=new_code[:-1] + "0"))
    assert {p.location for p in invalid.value.problems} == {"credit_code"}
    update_enterprise_profile(dw.platform, admin, dw.orgs["sz1"], ProfileChanges(credit_code=f" {new_code.lower()} "))
    assert _stored(dw, "sz1")["credit_code"] == new_code


def test_an_edit_is_audited_with_the_values_before_and_after(dw: DashboardWorld) -> None:
    changes = ProfileChanges(name="企业sz1", region_code="320506", size_class="medium", in_operation=False)
    update_enterprise_profile(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], changes)
    [entry] = _audit(dw, "sz1")
    assert entry.actor_id == dw["sz1-admin"].user_id
    assert entry.before == {"region_code": "320505", "size_class": "small", "in_operation": True}  # not the name
    assert entry.after == {"region_code": "320506", "size_class": "medium", "in_operation": False}
    update_enterprise_profile(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], changes)  # nothing new: no entry
    assert len(_audit(dw, "sz1")) == 1
    with dw.platform.db() as session:
        assert verify_chain(session)[1] is None


def test_history_keeps_the_values_of_its_time(dw: DashboardWorld) -> None:
    """sz2 holds a valid certificate: it may still edit; the certificate keeps what it was issued to, and the
    certified counts follow the enterprise's current region."""
    admin = _user(dw, "platform-admin", Role.platform_admin, None)
    suzhou_before = region_dashboard(dw.platform, dw["suzhou"]).certified
    changes = ProfileChanges(name="新名称", region_code="320102", credit_code=make_credit_code("320102", 902))
    update_enterprise_profile(dw.platform, admin, dw.orgs["sz2"], changes)
    with dw.platform.db() as session:
        certificate = session.scalars(select(Certificate).where(Certificate.number == "C-1")).one()
        assert (certificate.enterprise_name, certificate.credit_code) == ("x", "x")
    assert region_dashboard(dw.platform, dw["suzhou"]).certified == suzhou_before - 1
    assert_sums_match_a_recount(dw)
