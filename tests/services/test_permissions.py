"""The full permission matrix: every role against every action, written out, in scope and out of scope."""

from __future__ import annotations

import pytest

from cmmm.services.actors import Actor, Resource, Role
from cmmm.services.errors import PermissionDenied
from cmmm.services.permissions import POLICY, Action, allows, require

# Columns: PA platform admin, EA enterprise admin, EM enterprise member, BA body admin, AS assessor,
# LA lead assessor, ER expert reviewer, GO government official, IV investor viewer, SU supplier viewer.
# Y = allowed on a resource in the role's scope; . = denied.
EXPECTED = """
action                   PA EA EM BA AS LA ER GO IV SU
organization.create      Y  .  .  .  .  .  .  .  .  .
user.create              Y  Y  .  Y  .  .  .  .  .  .
enterprise.view          Y  Y  Y  .  .  .  .  Y  Y  Y
enterprise.edit          Y  Y  .  .  .  .  .  .  .  .
enterprise.identity_edit Y  .  .  .  .  .  .  .  .  .
trainee.manage           .  Y  .  .  .  .  .  .  .  .
share.manage             .  Y  .  .  .  .  .  .  .  .
self_assessment.create   .  Y  Y  .  .  .  .  .  .  .
self_assessment.view     Y  Y  Y  .  .  .  .  Y  Y  Y
application.submit       .  Y  .  .  .  .  .  .  .  .
application.withdraw     .  Y  .  .  .  .  .  .  .  .
application.accept       .  .  .  Y  .  .  .  .  .  .
pre_assessment.decide    .  .  .  .  .  Y  .  .  .  .
evidence.manage          .  .  .  .  Y  Y  .  .  .  .
rating.save              .  .  .  .  Y  Y  .  .  .  .
rating.finalize          .  .  .  .  .  Y  .  .  .  .
result.publish           .  .  .  .  .  Y  .  .  .  .
result.review            .  .  .  .  .  .  Y  .  .  .
assessment.view          Y  Y  Y  Y  Y  Y  Y  Y  Y  Y
certificate.manage       Y  .  .  Y  .  .  .  .  .  .
improvement.manage       .  Y  Y  .  .  .  .  .  .  .
audit.verify             Y  .  .  .  .  .  .  .  .  .
policy.edit              Y  .  .  .  .  .  .  Y  .  .
"""
COLUMNS = {
    "PA": Role.platform_admin, "EA": Role.enterprise_admin, "EM": Role.enterprise_member, "BA": Role.body_admin,
    "AS": Role.assessor, "LA": Role.lead_assessor, "ER": Role.expert_reviewer, "GO": Role.government_official,
    "IV": Role.investor_viewer, "SU": Role.supplier_viewer,
}  # fmt: skip


def _matrix() -> dict[tuple[Role, Action], bool]:
    header, *rows = EXPECTED.strip().splitlines()
    roles = [COLUMNS[c] for c in header.split()[1:]]
    matrix = {}
    for row in rows:
        name, *cells = row.split()
        for role, cell in zip(roles, cells, strict=True):
            matrix[role, Action(name)] = cell == "Y"
    return matrix


MATRIX = _matrix()
ORG, USER = 7, 70


def _actor(role: Role) -> Actor:
    return Actor(user_id=USER, username=f"u-{role}", roles=frozenset({role}), organization_id=ORG, region_code="320000")


IN_SCOPE = Resource(
    organization_id=ORG, body_id=ORG, region_code="320102", team=frozenset({USER}), lead_id=USER,
    shared_with=frozenset({ORG}),
)  # fmt: skip
OUT_OF_SCOPE = Resource(
    organization_id=8, body_id=9, region_code="110101", team=frozenset({71}), lead_id=71, shared_with=frozenset({10})
)


def test_the_written_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == {(role, action) for role in Role for action in Action}


@pytest.mark.parametrize(("role", "action"), sorted(MATRIX))
def test_each_role_can_do_exactly_what_the_matrix_says_in_its_scope(role: Role, action: Action) -> None:
    actor = _actor(role)
    assert allows(actor, action, IN_SCOPE) is MATRIX[role, action]
    if not MATRIX[role, action]:
        with pytest.raises(PermissionDenied) as denied:
            require(actor, action, IN_SCOPE)
        assert action.value in denied.value.zh and action.value in denied.value.en


@pytest.mark.parametrize(("role", "action"), sorted(k for k, allowed in MATRIX.items() if allowed))
def test_outside_its_scope_only_unscoped_grants_remain(role: Role, action: Action) -> None:
    unscoped = POLICY[role][action].value == "any"
    assert allows(_actor(role), action, OUT_OF_SCOPE) is unscoped


def test_an_official_sees_a_district_within_the_region_but_not_its_parent() -> None:
    official = Actor(1, "go", frozenset({Role.government_official}), organization_id=3, region_code="320100")
    assert allows(official, Action.assessment_view, Resource(region_code="320102"))
    assert not allows(official, Action.assessment_view, Resource(region_code="320000"))
    assert not allows(official, Action.assessment_view, Resource(region_code="320200"))


def test_a_user_with_two_roles_gets_the_union() -> None:
    both = Actor(USER, "both", frozenset({Role.assessor, Role.body_admin}), organization_id=ORG)
    assert allows(both, Action.application_accept, IN_SCOPE)
    assert allows(both, Action.rating_save, IN_SCOPE)
    assert not allows(both, Action.result_publish, IN_SCOPE)
