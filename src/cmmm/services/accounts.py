"""Organizations, users and their roles, trained employees, and sharing: who may take part, and as whom.

Enterprise identity is checked on entry (credit code with its check character, region and industry codes),
passwords are stored only as argon2 hashes, and a role is given only to a user of the matching kind of
organization, so that, e.g., an enterprise admin can never create an assessor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from argon2.exceptions import VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cmmm.codes.credit_code import normalize
from cmmm.errors import Problem
from cmmm.services.actors import ROLE_ORGANIZATION, Actor, OrganizationKind, Resource, Role
from cmmm.services.errors import CredentialsInvalid, InputInvalid
from cmmm.services.identity import enterprise_problems
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit, enterprise_resource, load
from cmmm.store.organizations import Enterprise, Organization, Share, Trainee, User, UserRole


@dataclass(frozen=True)
class EnterpriseDetails:
    credit_code: str
    industry_code: str
    size_class: str
    above_designated_size: bool
    entity_kind: str
    path: str
    in_operation: bool = True
    has_it_basis: bool = True
    parent_credit_code: str | None = None
    """For a unit of a legal entity (branch, plant, workshop, business unit): the entity's credit code."""


def create_organization(
    platform: Platform,
    actor: Actor,
    kind: OrganizationKind,
    name: str,
    region_code: str | None = None,
    enterprise: EnterpriseDetails | None = None,
) -> int:
    require(actor, Action.organization_create, Resource())
    problems = _organization_problems(kind, name, region_code, enterprise)
    if problems:
        raise InputInvalid("机构信息有误", "the organization's details are invalid", problems)
    with platform.db.begin() as session:
        organization = Organization(kind=kind.value, name=name.strip(), region_code=region_code)
        if enterprise is not None:
            parent = enterprise.parent_credit_code
            enterprise = replace(
                enterprise,
                credit_code=normalize(enterprise.credit_code),
                parent_credit_code=normalize(parent) if parent else None,
            )
            organization.enterprise = Enterprise(**enterprise.__dict__)
        session.add(organization)
        session.flush()
        after = {"kind": kind.value, "name": organization.name, "region_code": region_code}
        if enterprise is not None:
            after |= enterprise.__dict__
        audit(session, actor, "organization", organization.id, "create", None, after)
        return organization.id


def _organization_problems(
    kind: OrganizationKind, name: str, region_code: str | None, enterprise: EnterpriseDetails | None
) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(Problem("name", "名称不能为空", "the name is empty"))
    if (kind is OrganizationKind.enterprise) != (enterprise is not None):
        problems.append(
            Problem("kind", "企业须且仅须附企业信息", "enterprise details go with, and only with, an enterprise")
        )
    if kind in (OrganizationKind.enterprise, OrganizationKind.department) and not region_code:
        problems.append(Problem("region_code", "须填写行政区划代码", "a region code is required"))
    if enterprise is not None or region_code:
        problems.extend(enterprise_problems(enterprise, region_code))
    return problems


def create_user(
    platform: Platform,
    actor: Actor,
    username: str,
    password: str,
    roles: Iterable[Role],
    organization_id: int | None = None,
    display_name: str = "",
    high_maturity: bool = False,
) -> int:
    role_set = frozenset(roles)
    require(actor, Action.user_create, Resource(organization_id=organization_id))
    with platform.db.begin() as session:
        kind = None if organization_id is None else load(session, Organization, organization_id).kind
        problems = _user_problems(session, username, password, role_set, kind, high_maturity)
        if problems:
            raise InputInvalid("用户信息有误", "the user's details are invalid", problems)
        user = User(
            username=username,
            display_name=display_name or username,
            password_hash=platform.hasher.hash(password),
            organization_id=organization_id,
            high_maturity_qualified=high_maturity,
            roles=[UserRole(role=role.value) for role in sorted(role_set)],
        )
        session.add(user)
        session.flush()
        after = {"username": username, "roles": sorted(role_set), "organization_id": organization_id}
        audit(session, actor, "user", user.id, "create", None, after | {"high_maturity": high_maturity})
        return user.id


def _user_problems(
    session: Session, username: str, password: str, roles: frozenset[Role], kind: str | None, high_maturity: bool
) -> list[Problem]:
    problems = []
    if not username.strip() or len(username) > 80:
        problems.append(Problem("username", "用户名应为 1-80 个字符", "the user name must be 1-80 characters"))
    elif session.scalar(select(User.id).where(User.username == username)) is not None:
        problems.append(Problem("username", f"用户名 {username} 已存在", f"user name {username} is taken"))
    if len(password) < 8:
        problems.append(Problem("password", "密码至少 8 个字符", "the password needs at least 8 characters"))
    if not roles:
        problems.append(Problem("roles", "至少需要一个角色", "at least one role is needed"))
    for role in sorted(roles):
        wanted = ROLE_ORGANIZATION[role]
        if kind != wanted.value and not (role is Role.platform_admin and kind is None):
            problems.append(
                Problem(
                    "roles",
                    f"角色 {role.value} 须属于 {wanted.value} 类机构",
                    f"role {role.value} needs a {wanted} org",
                )
            )
    if high_maturity and Role.lead_assessor not in roles:
        problems.append(Problem("high_maturity", "仅主任评估师可有高成熟度资质", "only a lead assessor can qualify"))
    return problems


def actor_of(user: User) -> Actor:
    organization = user.organization
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=frozenset(Role(r.role) for r in user.roles),
        organization_id=user.organization_id,
        region_code=organization.region_code if organization is not None else None,
        high_maturity=user.high_maturity_qualified,
        display_name=user.display_name,
    )


def load_actor(platform: Platform, username: str) -> Actor:
    with platform.db() as session:
        user = session.scalar(select(User).where(User.username == username, User.is_active.is_(True)))
        if user is None:
            raise CredentialsInvalid(f"没有用户 {username}", f"no user {username}")
        return actor_of(user)


def authenticate(platform: Platform, username: str, password: str) -> Actor:
    """The actor for a user name and password; one error for both a wrong name and a wrong password."""
    with platform.db() as session:
        user = session.scalar(select(User).where(User.username == username, User.is_active.is_(True)))
        try:
            if user is None:
                platform.hasher.hash(password)  # as slow as a check, so that timing does not reveal names
                raise VerificationError
            platform.hasher.verify(user.password_hash, password)
        except VerificationError:
            raise CredentialsInvalid("用户名或密码错误", "wrong user name or password") from None
        return actor_of(user)


def add_trainee(platform: Platform, actor: Actor, enterprise_id: int, name: str, exam_passed_on: date) -> int:
    """Record an employee who passed the CMMM training exam (counted by the training gating rule)."""
    with platform.db.begin() as session:
        require(actor, Action.trainee_manage, enterprise_resource(session, enterprise_id))
        trainee = Trainee(enterprise_id=enterprise_id, name=name, exam_passed_on=exam_passed_on)
        session.add(trainee)
        session.flush()
        audit(session, actor, "trainee", trainee.id, "create", None, {"name": name, "exam_passed_on": exam_passed_on})
        return trainee.id


def grant_share(platform: Platform, actor: Actor, enterprise_id: int, viewer_id: int) -> int:
    with platform.db.begin() as session:
        require(actor, Action.share_manage, enterprise_resource(session, enterprise_id))
        viewer = load(session, Organization, viewer_id)
        if viewer.kind not in (OrganizationKind.investor, OrganizationKind.supplier):
            raise InputInvalid(
                "只能与投资方或供应商共享",
                "data is shared only with investors and suppliers",
                [
                    Problem(
                        "viewer_id", f"机构 {viewer_id} 是{viewer.kind}", f"organization {viewer_id} is a {viewer.kind}"
                    )
                ],
            )
        share = Share(enterprise_id=enterprise_id, viewer_id=viewer_id, granted_by=actor.user_id)
        session.add(share)
        session.flush()
        audit(session, actor, "share", share.id, "grant", None, {"enterprise_id": enterprise_id, "viewer": viewer_id})
        return share.id


def revoke_share(platform: Platform, actor: Actor, share_id: int) -> None:
    with platform.db.begin() as session:
        share = load(session, Share, share_id)
        require(actor, Action.share_manage, enterprise_resource(session, share.enterprise_id))
        if share.revoked_at is None:
            share.revoked_at = platform.clock()
            audit(session, actor, "share", share.id, "revoke", {"revoked": False}, {"revoked": True})
