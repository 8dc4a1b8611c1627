"""What an actor may list: the same scopes as :mod:`cmmm.services.permissions`, as query conditions.

Lists must not load every row and filter in Python (a region holds tens of thousands of enterprises), so
each role's scope becomes a SQL condition on the enterprise: its own, its body's, its team's, its region
and everything below (the region's code and all descendant codes), or shared with it and not revoked.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true

from cmmm.codes.regions import children
from cmmm.errors import RegionUnknown
from cmmm.services.actors import Actor
from cmmm.services.permissions import POLICY, Action, Scope
from cmmm.services.platform import Platform
from cmmm.store.assessments import Assessment, SelfAssessment, TeamMember
from cmmm.store.organizations import Organization, Share


def region_and_below(code: str) -> set[str]:
    """The region's code and every code under it in the GB/T 2260 table (empty for an unknown code)."""
    try:
        found = {code}
        frontier = [code]
        while frontier:
            below = [child.code for parent in frontier for child in children(parent)]
            found.update(below)
            frontier = below
        return found
    except RegionUnknown:
        return set()


def _enterprise_condition(actor: Actor, scope: Scope) -> ColumnElement[bool]:
    enterprise = Organization.id
    if scope is Scope.any:
        return true()
    if scope is Scope.own:
        return enterprise == actor.organization_id
    if scope is Scope.region and actor.region_code:
        codes = select(Organization.id).where(Organization.region_code.in_(region_and_below(actor.region_code)))
        return enterprise.in_(codes)
    if scope is Scope.shared:
        shared = select(Share.enterprise_id).where(Share.viewer_id == actor.organization_id, Share.revoked_at.is_(None))
        return enterprise.in_(shared)
    return false()


def _assessment_condition(actor: Actor, scope: Scope) -> ColumnElement[bool]:
    if scope is Scope.body:
        return Assessment.body_id == actor.organization_id
    if scope is Scope.team:
        mine = select(TeamMember.assessment_id).where(TeamMember.user_id == actor.user_id)
        return Assessment.id.in_(mine)
    if scope is Scope.lead:
        return Assessment.lead_assessor_id == actor.user_id
    return Assessment.enterprise_id.in_(select(Organization.id).where(_enterprise_condition(actor, scope)))


def visible_assessments(platform: Platform, actor: Actor, limit: int = 100, offset: int = 0) -> list[Assessment]:
    """The formal assessments the actor may view, newest first."""
    scopes = [s for role in actor.roles if (s := POLICY[role].get(Action.assessment_view)) is not None]
    condition = or_(false(), *(_assessment_condition(actor, s) for s in scopes))
    query = select(Assessment).where(condition).order_by(Assessment.id.desc()).limit(limit).offset(offset)
    with platform.db() as session:
        return list(session.scalars(query))


def visible_self_assessments(
    platform: Platform, actor: Actor, limit: int = 100, offset: int = 0
) -> list[SelfAssessment]:
    """The self-assessments the actor may view, newest first (an official's: those of the region)."""
    scopes = [s for role in actor.roles if (s := POLICY[role].get(Action.self_assessment_view)) is not None]
    enterprises = select(Organization.id).where(or_(false(), *(_enterprise_condition(actor, s) for s in scopes)))
    query = (
        select(SelfAssessment)
        .where(SelfAssessment.enterprise_id.in_(enterprises))
        .order_by(SelfAssessment.created_at.desc(), SelfAssessment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with platform.db() as session:
        return list(session.scalars(query))
