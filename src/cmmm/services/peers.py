"""What a manufacturer sees of others and of the policies: its sub-domain profile against its peers (same
industry, same city, same size) and the policies it qualifies for now and at the next level.

A peer group is shown only as a mean over at least ``min_group`` enterprises (``platform.peer_min_group``) besides
the enterprise itself never being singled out: below that, the group is reported as too small and no figure
leaves the database, so no individual can be inferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from cmmm.codes.industries import is_manufacturing
from cmmm.engine.policy_conditions import EnterpriseFacts
from cmmm.engine.policy_match import PolicyMatch, match_policies
from cmmm.errors import CmmmError
from cmmm.services.actors import Actor
from cmmm.services.benchmarks import recognitions_of
from cmmm.services.dashboards import group_size, profile_of
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, enterprise_resource, load
from cmmm.services.policy_editing import active_policies
from cmmm.services.statistics import refresh_statistics
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.records import Certificate
from cmmm.store.statistics import EnterpriseStanding


@dataclass(frozen=True)
class PeerGroup:
    dimension: str
    key: str
    enterprises: int
    profile: dict[str, float | None] | None
    """None when the group is smaller than the minimum: nothing about it is shown."""


@dataclass(frozen=True)
class PeerComparison:
    enterprise_id: int
    level: int | None
    own: dict[str, float | None]
    groups: list[PeerGroup]
    min_group: int


def peer_comparison(
    platform: Platform, actor: Actor, enterprise_id: int, min_group: int | None = None
) -> PeerComparison:
    """The enterprise's latest profile and its peers' means; groups below ``min_group`` (the platform's
    setting unless given) are withheld."""
    min_group = platform.peer_min_group if min_group is None else min_group
    refresh_statistics(platform)
    with platform.db() as session:
        require(actor, Action.self_assessment_view, enterprise_resource(session, enterprise_id))
        standing = session.get(EnterpriseStanding, enterprise_id)
        if standing is None:
            return PeerComparison(enterprise_id, None, {}, [], min_group)
        city = standing.region_code[:4] + "00"
        groups = []
        for dimension, key in (
            ("industry", standing.industry_division),
            ("region", city),
            ("size", standing.size_class),
        ):
            size = group_size(session, dimension, key)
            shown = profile_of(session, dimension, key) if size >= min_group else None
            groups.append(PeerGroup(dimension, key, size if shown is not None else 0, shown))
        return PeerComparison(enterprise_id, standing.level, dict(standing.profile), groups, min_group)


@dataclass(frozen=True)
class EnterprisePolicies:
    facts: EnterpriseFacts | None
    matches: list[PolicyMatch]


def enterprise_facts(platform: Platform, actor: Actor, enterprise_id: int, on: date) -> EnterpriseFacts | None:
    """What the policies look at: the region, the best of the latest self-declared level and a valid
    certificate, 规上, manufacturing, recognitions; None before any result."""
    refresh_statistics(platform)
    with platform.db() as session:
        require(actor, Action.self_assessment_view, enterprise_resource(session, enterprise_id))
        organization = load(session, Organization, enterprise_id)
        enterprise = load(session, Enterprise, enterprise_id)
        standing = session.get(EnterpriseStanding, enterprise_id)
        certified = session.scalar(
            select(func.max(Certificate.level)).where(
                Certificate.enterprise_id == enterprise_id, Certificate.status == "valid", Certificate.valid_until >= on
            )
        )
        recognitions = recognitions_of(session, [enterprise_id]).get(enterprise_id, set())
    if standing is None and certified is None:
        return None
    self_level = standing.level if standing is not None else 0
    use_certificate = certified is not None and int(certified) >= self_level
    try:
        manufacturing = is_manufacturing(enterprise.industry_code)
    except CmmmError:
        manufacturing = False
    return EnterpriseFacts(
        region=organization.region_code or "000000",
        level=int(certified) if use_certificate and certified is not None else self_level,
        result="certified" if use_certificate else "self_declared",
        certificate_valid=use_certificate,
        above_designated_size=enterprise.above_designated_size,
        manufacturing=manufacturing,
        recognitions=frozenset(recognitions),
        on=on,
    )


def enterprise_policies(platform: Platform, actor: Actor, enterprise_id: int) -> EnterprisePolicies:
    """The policies of the enterprise's region and above, each evaluated now and one level up."""
    facts = enterprise_facts(platform, actor, enterprise_id, platform.today())
    if facts is None:
        return EnterprisePolicies(None, [])
    policy_set = active_policies(platform)
    names = {item.id: item.name for item in policy_set.lists}
    return EnterprisePolicies(facts, match_policies(policy_set.policies, facts, list_names=names))
