"""Editing an enterprise's profile after registration: enterprises move district, grow from small to medium,
become 规上 (above designated size) or change their main industry, and the platform must follow them.

The enterprise's own admin edits everything but the unified social credit code, which is its identity and
only a platform admin may change. An edit is checked exactly as a registration is (every problem at once, each
naming its field), audited with the values before and after, and restated in the dashboards' standings and
sums in the same transaction, so that a region's figures never count an enterprise where it no longer is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from cmmm.codes.credit_code import normalize
from cmmm.errors import Problem
from cmmm.services.accounts import EnterpriseDetails
from cmmm.services.actors import Actor, Resource
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.identity import enterprise_problems
from cmmm.services.permissions import Action, allows, require
from cmmm.services.platform import Platform, audit, enterprise_resource, load
from cmmm.services.statistics import restate_enterprise
from cmmm.store.organizations import Enterprise, Organization

NAME_LENGTH = 200
ORGANIZATION_FIELDS = ("name", "region_code")
"""Fields kept on the organization row; every other field is on the enterprise row."""


@dataclass(frozen=True)
class ProfileChanges:
    """The fields to change; ``None`` leaves a field as it is, and ``""`` clears the parent credit code."""

    name: str | None = None
    region_code: str | None = None
    industry_code: str | None = None
    size_class: str | None = None
    above_designated_size: bool | None = None
    entity_kind: str | None = None
    path: str | None = None
    in_operation: bool | None = None
    has_it_basis: bool | None = None
    parent_credit_code: str | None = None
    credit_code: str | None = None
    """Only a platform admin may change it (:attr:`Action.enterprise_identity_edit`)."""


FIELDS = tuple(field.name for field in fields(ProfileChanges))


@dataclass(frozen=True)
class EditableProfile:
    """An enterprise's editable details as its edit form shows them (a missing code as ``""``)."""

    enterprise_id: int
    name: str
    region_code: str
    industry_code: str
    size_class: str
    above_designated_size: bool
    entity_kind: str
    path: str
    in_operation: bool
    has_it_basis: bool
    parent_credit_code: str
    credit_code: str
    credit_code_editable: bool
    """Whether this actor may change the credit code (a platform admin), so a form can offer the field."""


def enterprise_profile(platform: Platform, actor: Actor, enterprise_id: int) -> EditableProfile:
    """The profile for its edit form; refused to anyone who may not edit it (members, other enterprises)."""
    with platform.db() as session:
        resource = enterprise_resource(session, enterprise_id)
        require(actor, Action.enterprise_edit, resource)
        organization = load(session, Organization, enterprise_id)
        return _editable(actor, organization, load(session, Enterprise, enterprise_id))


def update_enterprise_profile(
    platform: Platform, actor: Actor, enterprise_id: int, changes: ProfileChanges
) -> EditableProfile:
    """Apply the changes that differ from the stored values, or refuse them all and store nothing.

    An enterprise in the middle of a formal assessment may still edit: the assessment recorded its path at
    application, a published result keeps its ratings and result, and a certificate keeps the name and credit
    code it was issued to, so history is never rewritten; the statistics follow the enterprise's current values.
    """
    with platform.db.begin() as session:
        resource = enterprise_resource(session, enterprise_id)
        require(actor, Action.enterprise_edit, resource)
        organization = load(session, Organization, enterprise_id, for_update=True)
        enterprise = load(session, Enterprise, enterprise_id, for_update=True)
        before = _values(organization, enterprise)
        wanted = {name: value for name, value in _normalized(changes).items() if value != before[name]}
        if "credit_code" in wanted and not allows(actor, Action.enterprise_identity_edit, resource):
            raise PermissionDenied(
                "仅平台管理员可更改统一社会信用代码",
                "only a platform admin may change the unified social credit code",
                [
                    Problem(
                        "credit_code", "企业的身份标识不可由企业自行更改", "an enterprise cannot change its identity"
                    )
                ],
            )
        after = before | wanted
        problems = _problems(after)
        if problems:
            raise InputInvalid("企业信息有误", "the enterprise's details are invalid", problems)
        if wanted:
            _store(session, actor, organization, enterprise, before, wanted)
        return _editable(actor, organization, enterprise)


def _store(
    session: Session,
    actor: Actor,
    organization: Organization,
    enterprise: Enterprise,
    before: dict[str, Any],
    wanted: dict[str, Any],
) -> None:
    """Set the new values, move the standing and its sums to them, and audit the fields that changed."""
    for name, value in wanted.items():
        setattr(organization if name in ORGANIZATION_FIELDS else enterprise, name, value)
    session.flush()
    restate_enterprise(session, enterprise, organization.region_code)
    old = {name: before[name] for name in wanted}
    audit(session, actor, "organization", organization.id, "update", old, wanted)


def _values(organization: Organization, enterprise: Enterprise) -> dict[str, Any]:
    return {name: getattr(organization if name in ORGANIZATION_FIELDS else enterprise, name) for name in FIELDS}


def _normalized(changes: ProfileChanges) -> dict[str, Any]:
    """The given fields as they would be stored: trimmed, codes in upper case, an empty parent as none."""
    given = {name: getattr(changes, name) for name in FIELDS if getattr(changes, name) is not None}
    for name in ("name", "region_code"):
        if name in given:
            given[name] = given[name].strip()
    for name in ("industry_code", "credit_code"):
        if name in given:
            given[name] = normalize(given[name])
    if "parent_credit_code" in given:
        given["parent_credit_code"] = normalize(given["parent_credit_code"]) or None
    return given


def _problems(values: dict[str, Any]) -> list[Problem]:
    """Every problem of the profile as it would be after the edit, each at its field (as on registration).

    The whole profile is checked, not only the changed fields, so that a rule across fields holds (a legal
    entity has no parent entity, whichever of the two fields was edited)."""
    problems = []
    name = values["name"]
    if not name:
        problems.append(Problem("name", "名称不能为空", "the name is empty"))
    elif len(name) > NAME_LENGTH:
        problems.append(
            Problem("name", f"名称最多 {NAME_LENGTH} 个字符", f"the name has at most {NAME_LENGTH} characters")
        )
    region = values["region_code"]
    if not region:
        problems.append(Problem("region_code", "须填写行政区划代码", "a region code is required"))
    details = EnterpriseDetails(**{name: values[name] for name in FIELDS if name not in ORGANIZATION_FIELDS})
    return problems + enterprise_problems(details, region or None)


def _editable(actor: Actor, organization: Organization, enterprise: Enterprise) -> EditableProfile:
    values = _values(organization, enterprise)
    values["region_code"] = values["region_code"] or ""
    values["parent_credit_code"] = values["parent_credit_code"] or ""
    identity = Resource(organization_id=organization.id, region_code=organization.region_code)
    editable = allows(actor, Action.enterprise_identity_edit, identity)
    return EditableProfile(enterprise_id=organization.id, credit_code_editable=editable, **values)
