"""Who acts: the roles of the platform and an :class:`Actor` (a user with roles, organization and region).

Roles are the ones of reference/process.md; a government official's region is the region of their
department, and it covers every region code below it (province > city > district).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    platform_admin = "platform_admin"
    enterprise_admin = "enterprise_admin"
    enterprise_member = "enterprise_member"
    body_admin = "body_admin"
    assessor = "assessor"
    lead_assessor = "lead_assessor"
    expert_reviewer = "expert_reviewer"
    government_official = "government_official"
    investor_viewer = "investor_viewer"
    supplier_viewer = "supplier_viewer"


class OrganizationKind(StrEnum):
    platform = "platform"
    enterprise = "enterprise"
    body = "body"
    committee = "committee"
    department = "department"
    investor = "investor"
    supplier = "supplier"


ROLE_ORGANIZATION: dict[Role, OrganizationKind] = {
    Role.platform_admin: OrganizationKind.platform,
    Role.enterprise_admin: OrganizationKind.enterprise,
    Role.enterprise_member: OrganizationKind.enterprise,
    Role.body_admin: OrganizationKind.body,
    Role.assessor: OrganizationKind.body,
    Role.lead_assessor: OrganizationKind.body,
    Role.expert_reviewer: OrganizationKind.committee,
    Role.government_official: OrganizationKind.department,
    Role.investor_viewer: OrganizationKind.investor,
    Role.supplier_viewer: OrganizationKind.supplier,
}
"""The kind of organization a user with each role belongs to (a platform admin may belong to none)."""


@dataclass(frozen=True)
class Actor:
    user_id: int
    username: str
    roles: frozenset[Role]
    organization_id: int | None = None
    region_code: str | None = None
    high_maturity: bool = False
    display_name: str = ""

    @property
    def label(self) -> str:
        return self.display_name or self.username


SYSTEM = Actor(user_id=0, username="system", roles=frozenset({Role.platform_admin}), display_name="system")
"""The actor of maintenance commands run by whoever operates the database (``cmmm demo seed``)."""


@dataclass(frozen=True)
class Resource:
    """What an action touches, reduced to the relations that permissions look at."""

    organization_id: int | None = None
    """The owning organization: the enterprise of an assessment, the organization of a new user."""
    body_id: int | None = None
    region_code: str | None = None
    team: frozenset[int] = field(default_factory=frozenset)
    lead_id: int | None = None
    shared_with: frozenset[int] = field(default_factory=frozenset)
