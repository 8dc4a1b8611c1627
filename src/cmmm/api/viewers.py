"""What looks at other enterprises without revealing any, as JSON: a manufacturer's peer comparison and
policies, an investor's shared enterprises, a supplier's anonymized demand.

Peers and demand come only from groups of at least ``platform.peer_min_group`` enterprises (the
``CMMM_PEER_MIN_GROUP`` setting); a smaller group is reported with ``shown: false`` and no figure. Demand never
carries an enterprise's name or id.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request

from cmmm.api.region import localized, rounded
from cmmm.engine.policy_match import Grant, PolicyMatch
from cmmm.errors import Lang, Problem
from cmmm.services.actors import Actor
from cmmm.services.demand import shared_enterprises, supplier_demand
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.peers import enterprise_policies, peer_comparison
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.region_labels import label_for, region_label, requirement_label, subdomain_label
from cmmm.web.rendering import request_language
from cmmm.web.routes_enterprise import enterprise_of

router = APIRouter()


def own_enterprise(actor: Actor, enterprise_id: int) -> int:
    """The enterprise when the actor is one of its own users: peers and policies are for the manufacturer."""
    if enterprise_of(actor) != enterprise_id:
        raise PermissionDenied(
            "只能查看本企业的对标与政策", "only an enterprise's own users can see its peers and policies"
        )
    return enterprise_id


@router.get("/enterprises/{enterprise_id}/peers", tags=["enterprises"], summary="Peer comparison (同行对标)")
def peers(request: Request, platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> dict[str, Any]:
    comparison = peer_comparison(platform, actor, own_enterprise(actor, enterprise_id))
    lang = request_language(request)
    model = platform.models(None)
    places = model.method.display_decimals
    return {
        "enterprise_id": comparison.enterprise_id,
        "level": comparison.level,
        "min_group": comparison.min_group,
        "own": {sub: rounded(value, places) for sub, value in comparison.own.items()},
        "subdomain_names": {sub: subdomain_label(model, sub, lang) for sub in model.index.subdomains},
        "groups": [
            {"dimension": g.dimension, "key": g.key, "name": label_for(g.dimension, g.key, lang),
             "shown": g.profile is not None, "enterprises": g.enterprises if g.profile is not None else None,
             "profile": None if g.profile is None else {s: rounded(v, places) for s, v in g.profile.items()}}
            for g in comparison.groups
        ],
    }  # fmt: skip


def grant_data(grant: Grant, lang: Lang) -> dict[str, Any]:
    amount = grant.amount
    return {
        "kind": grant.benefit.kind,
        "description": localized(grant.benefit.description, lang),
        "level": grant.level,
        "min_yuan": None if amount is None else amount.min_yuan,
        "max_yuan": None if amount is None else amount.max_yuan,
        "selective": grant.selective,
    }


def match_data(match: PolicyMatch, lang: Lang) -> dict[str, Any]:
    policy = match.policy
    return {
        "policy_id": policy.id,
        "title": localized(policy.title, lang),
        "region_code": policy.region,
        "status": match.status,
        "now": [grant_data(g, lang) for g in match.grants],
        "next_level": [grant_data(g, lang) for g in match.unlocks],
        "reasons": [r.text(lang) for r in match.reasons],
        "next_level_reasons": [r.text(lang) for r in match.next_reasons],
    }


@router.get("/enterprises/{enterprise_id}/policies", tags=["enterprises"], summary="Policies the enterprise matches")
def policies(request: Request, platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> dict[str, Any]:
    view = enterprise_policies(platform, actor, own_enterprise(actor, enterprise_id))
    lang = request_language(request)
    facts = view.facts
    return {
        "enterprise_id": enterprise_id,
        "facts": None if facts is None else {
            "region_code": facts.region, "level": facts.level, "result": facts.result,
            "certificate_valid": facts.certificate_valid, "above_designated_size": facts.above_designated_size,
            "manufacturing": facts.manufacturing, "recognitions": sorted(facts.recognitions),
            "on": facts.on.isoformat() if facts.on else None,
        },
        "policies": [match_data(m, lang) for m in view.matches],
    }  # fmt: skip


@router.get("/viewer/shared", tags=["viewers"], summary="An investor's shared enterprises, with levels and trend")
def shared(request: Request, platform: PlatformDep, actor: CurrentActor) -> list[dict[str, Any]]:
    lang = request_language(request)
    return [
        {"enterprise_id": e.enterprise_id, "name": e.name, "region_code": e.region_code,
         "region_name": region_label(e.region_code, lang) if e.region_code else None,
         "level": e.level, "certified_level": e.certified_level, "direction": e.direction,
         "trend": [{"on": point.on.isoformat(), "level": point.level} for point in e.trend]}
        for e in shared_enterprises(platform, actor)
    ]  # fmt: skip


@router.get("/viewer/demand", tags=["viewers"], summary="A supplier's anonymized demand of a region or an industry")
def demand(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    region: Annotated[str | None, Query(pattern=r"^[0-9]{6}$", description="行政区划代码 (default 000000)")] = None,
    industry: Annotated[str | None, Query(pattern=r"^[0-9]{2}$", description="GB/T 4754 division")] = None,
) -> dict[str, Any]:
    if region and industry:
        raise InputInvalid(
            "请只选择地区或行业之一", "give a region or an industry, not both",
            [Problem("query.industry", "与 region 不能同时给出", "not together with region")],
        )  # fmt: skip
    dimension, key = ("industry", industry) if industry else ("region", region or "000000")
    found = supplier_demand(platform, actor, dimension, key)
    lang = request_language(request)
    model = platform.models(None)
    shown = found.items is not None
    return {
        "dimension": found.dimension,
        "key": found.key,
        "name": label_for(found.dimension, found.key, lang),
        "min_group": found.min_group,
        "shown": shown,
        "enterprises": found.enterprises if shown else None,
        "items": None if found.items is None else [
            {"requirement_id": item.requirement_id, "name": requirement_label(model, item.requirement_id, lang),
             "enterprises": item.enterprises}
            for item in found.items
        ],
    }  # fmt: skip
