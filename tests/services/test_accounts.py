"""Organizations and users: identity codes checked on entry, roles tied to the kind of organization, argon2
passwords, and sharing with investors and suppliers until it is revoked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cmmm.services.accounts import (
    authenticate,
    create_organization,
    create_user,
    grant_share,
    revoke_share,
)
from cmmm.services.actors import SYSTEM, OrganizationKind, Role
from cmmm.services.errors import CredentialsInvalid, InputInvalid, PermissionDenied
from cmmm.services.permissions import Action, allows
from cmmm.services.platform import enterprise_resource
from cmmm.store.organizations import Enterprise, User
from tests.services.world import World, enterprise_details


def test_an_enterprise_with_a_wrong_check_character_is_refused_with_every_problem(world: World) -> None:
    good = enterprise_details(2)
    wrong = good.credit_code[:-1] + ("0" if good.credit_code[-1] != "0" else "1")
    details = replace(good, credit_code=wrong, industry_code="99X", size_class="huge", path="hybrid")
    with pytest.raises(InputInvalid) as refused:
        create_organization(world.platform, SYSTEM, OrganizationKind.enterprise, "某公司", "999999", details)
    locations = {p.location.split("[")[0] for p in refused.value.problems}
    assert {"region_code", "credit_code", "industry_code", "size_class", "path"} <= locations


def test_a_plant_names_its_legal_entity(world: World) -> None:
    parent = enterprise_details(1).credit_code
    plant = replace(enterprise_details(4), entity_kind="plant", parent_credit_code=parent.lower())
    plant_id = create_organization(world.platform, SYSTEM, OrganizationKind.enterprise, "某公司二厂", "320102", plant)
    with world.platform.db() as session:
        assert session.get_one(Enterprise, plant_id).parent_credit_code == parent
    wrong = replace(enterprise_details(5), parent_credit_code=parent)
    with pytest.raises(InputInvalid) as refused:
        create_organization(world.platform, SYSTEM, OrganizationKind.enterprise, "某公司", "320102", wrong)
    assert [p.location for p in refused.value.problems] == ["parent_credit_code"]


def test_a_non_manufacturer_may_register_though_not_apply(world: World) -> None:
    details = enterprise_details(3, industry="51")
    assert create_organization(world.platform, SYSTEM, OrganizationKind.enterprise, "某商贸公司", "320102", details)


def test_only_a_platform_admin_creates_organizations(world: World) -> None:
    with pytest.raises(PermissionDenied):
        create_organization(world.platform, world["ea"], OrganizationKind.body, "另一机构")


def test_roles_follow_the_kind_of_organization(world: World) -> None:
    with pytest.raises(InputInvalid) as refused:
        create_user(world.platform, world["admin"], "x1", "long-password", [Role.assessor], world.orgs["enterprise"])
    assert refused.value.problems[0].location == "roles"
    with pytest.raises(PermissionDenied):  # an enterprise admin creates users of its own enterprise only
        create_user(world.platform, world["ea"], "x2", "long-password", [Role.assessor], world.orgs["body"])
    user_id = create_user(
        world.platform, world["ea"], "x3", "long-password", [Role.enterprise_member], world.orgs["enterprise"]
    )
    assert user_id > 0


def test_passwords_are_stored_as_argon2_hashes_and_checked(world: World) -> None:
    with world.platform.db() as session:
        stored = session.get_one(User, world["ea"].user_id).password_hash
    assert stored.startswith("$argon2id$") and "password-ea" not in stored
    assert authenticate(world.platform, "ea", "password-ea").roles == {Role.enterprise_admin}
    for name, password in (("ea", "wrong-password"), ("nobody", "password-ea")):
        with pytest.raises(CredentialsInvalid) as refused:
            authenticate(world.platform, name, password)
        assert refused.value.en == "wrong user name or password"


def test_a_short_password_and_a_taken_name_are_refused(world: World) -> None:
    with pytest.raises(InputInvalid) as refused:
        create_user(world.platform, world["admin"], "ea", "short", [Role.enterprise_member], world.orgs["enterprise"])
    assert [p.location for p in refused.value.problems] == ["username", "password"]


def test_viewers_see_what_is_shared_until_it_is_revoked(world: World) -> None:
    enterprise = world.orgs["enterprise"]

    def sees() -> tuple[bool, bool]:
        with world.platform.db() as session:
            resource = enterprise_resource(session, enterprise)
        return (
            allows(world["investor"], Action.assessment_view, resource),
            allows(world["supplier"], Action.assessment_view, resource),
        )

    assert sees() == (False, False)
    share_id = grant_share(world.platform, world["ea"], enterprise, world.orgs["investor"])
    assert sees() == (True, False)
    with pytest.raises(PermissionDenied):
        revoke_share(world.platform, world["em"], share_id)
    revoke_share(world.platform, world["ea"], share_id)
    assert sees() == (False, False)
    with pytest.raises(InputInvalid):
        grant_share(world.platform, world["ea"], enterprise, world.orgs["body"])
