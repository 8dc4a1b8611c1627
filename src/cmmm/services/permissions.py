"""The permission policy as one table (role x action -> scope) and :func:`require`, called by every use case.

A role grants an action only within a scope: anywhere, its own organization, the assessment body it works
for, the team or the lead of an assessment, its region and everything below it, or what an enterprise has
shared with it (until revoked). Anything not in the table is denied.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from cmmm.codes.regions import is_within
from cmmm.errors import Problem, RegionUnknown
from cmmm.services.actors import Actor, Resource, Role
from cmmm.services.errors import PermissionDenied


class Action(StrEnum):
    organization_create = "organization.create"
    user_create = "user.create"
    enterprise_view = "enterprise.view"
    enterprise_edit = "enterprise.edit"
    """Edit an enterprise's profile: name, region, industry, size, 规上, kind, path, operation, IT basis, parent."""
    enterprise_identity_edit = "enterprise.identity_edit"
    """Change an enterprise's unified social credit code, the identity its certificates were issued to."""
    trainee_manage = "trainee.manage"
    share_manage = "share.manage"
    self_assessment_create = "self_assessment.create"
    self_assessment_view = "self_assessment.view"
    application_submit = "application.submit"
    application_withdraw = "application.withdraw"
    application_accept = "application.accept"
    pre_assessment_decide = "pre_assessment.decide"
    evidence_manage = "evidence.manage"
    rating_save = "rating.save"
    rating_finalize = "rating.finalize"
    result_publish = "result.publish"
    result_review = "result.review"
    assessment_view = "assessment.view"
    certificate_manage = "certificate.manage"
    improvement_manage = "improvement.manage"
    audit_verify = "audit.verify"
    policy_edit = "policy.edit"


class Scope(StrEnum):
    any = "any"
    own = "own"
    body = "body"
    team = "team"
    lead = "lead"
    region = "region"
    shared = "shared"


A = Action
S = Scope
_VIEWER = {A.enterprise_view: S.shared, A.self_assessment_view: S.shared, A.assessment_view: S.shared}
POLICY: dict[Role, dict[Action, Scope]] = {
    Role.platform_admin: {
        A.organization_create: S.any, A.user_create: S.any, A.enterprise_view: S.any, A.self_assessment_view: S.any,
        A.assessment_view: S.any, A.certificate_manage: S.any, A.audit_verify: S.any, A.policy_edit: S.any,
        A.enterprise_edit: S.any, A.enterprise_identity_edit: S.any,
    },
    Role.enterprise_admin: {
        A.user_create: S.own, A.enterprise_view: S.own, A.trainee_manage: S.own, A.share_manage: S.own,
        A.self_assessment_create: S.own, A.self_assessment_view: S.own, A.application_submit: S.own,
        A.application_withdraw: S.own, A.assessment_view: S.own, A.improvement_manage: S.own,
        A.enterprise_edit: S.own,
    },
    Role.enterprise_member: {
        A.enterprise_view: S.own, A.self_assessment_create: S.own, A.self_assessment_view: S.own,
        A.assessment_view: S.own, A.improvement_manage: S.own,
    },
    Role.body_admin: {
        A.user_create: S.own, A.application_accept: S.body, A.assessment_view: S.body, A.certificate_manage: S.body,
    },
    Role.assessor: {A.evidence_manage: S.team, A.rating_save: S.team, A.assessment_view: S.team},
    Role.lead_assessor: {
        A.pre_assessment_decide: S.lead, A.evidence_manage: S.team, A.rating_save: S.team,
        A.rating_finalize: S.lead, A.result_publish: S.lead, A.assessment_view: S.team,
    },
    Role.expert_reviewer: {A.result_review: S.any, A.assessment_view: S.any},
    Role.government_official: {
        A.enterprise_view: S.region, A.self_assessment_view: S.region, A.assessment_view: S.region,
        A.policy_edit: S.region,
    },
    Role.investor_viewer: dict(_VIEWER),
    Role.supplier_viewer: dict(_VIEWER),
}  # fmt: skip
del A, S


def _within(code: str | None, ancestor: str | None) -> bool:
    """GB/T 2260: a district is within its city and province; an unknown code is within nothing."""
    if not code or not ancestor:
        return False
    try:
        return is_within(code, ancestor)
    except RegionUnknown:
        return False


_SCOPE_CHECKS: dict[Scope, Callable[[Actor, Resource], bool]] = {
    Scope.any: lambda actor, resource: True,
    Scope.own: lambda actor, r: actor.organization_id is not None and actor.organization_id == r.organization_id,
    Scope.body: lambda actor, r: actor.organization_id is not None and actor.organization_id == r.body_id,
    Scope.team: lambda actor, r: actor.user_id in r.team,
    Scope.lead: lambda actor, r: r.lead_id is not None and actor.user_id == r.lead_id,
    Scope.region: lambda actor, r: _within(r.region_code, actor.region_code),
    Scope.shared: lambda actor, r: actor.organization_id is not None and actor.organization_id in r.shared_with,
}


def allows(actor: Actor, action: Action, resource: Resource) -> bool:
    return any(
        (scope := POLICY[role].get(action)) is not None and _SCOPE_CHECKS[scope](actor, resource)
        for role in actor.roles
    )


def require(actor: Actor, action: Action, resource: Resource) -> None:
    """Raise :class:`PermissionDenied` unless one of the actor's roles allows ``action`` on ``resource``."""
    if not allows(actor, action, resource):
        raise PermissionDenied(
            f"无权执行操作 {action.value}",
            f"not allowed to perform {action.value}",
            [Problem(actor.username, f"角色 {_roles(actor)} 不允许此操作", f"roles {_roles(actor)} do not allow it")],
        )


def _roles(actor: Actor) -> str:
    return ", ".join(sorted(role.value for role in actor.roles)) or "-"
