"""Pages that look at other enterprises without revealing any: a manufacturer's peer comparison and its
policies; an investor's shared enterprises; a supplier's anonymized demand.

Peer and demand figures come only from groups at least as large as the minimum group size, which the services
read from ``platform.peer_min_group`` (``Settings.peer_min_group``, ``CMMM_PEER_MIN_GROUP``).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from cmmm.engine.policy_match import total_money
from cmmm.services.actors import Role
from cmmm.services.demand import shared_enterprises, supplier_demand
from cmmm.services.errors import PermissionDenied
from cmmm.services.peers import enterprise_policies, peer_comparison
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.i18n import gettext_for
from cmmm.web.region_charts import compare_radar_svg
from cmmm.web.region_labels import label_for, region_label, requirement_label, subdomain_label
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.routes_enterprise import enterprise_of

router = APIRouter()
register_nav("/enterprise/peers", "Peer comparison", Role.enterprise_admin, Role.enterprise_member)
register_nav("/enterprise/policies", "My policies", Role.enterprise_admin, Role.enterprise_member)
register_nav("/viewer", "Shared results", Role.investor_viewer)
register_nav("/viewer", "Demand", Role.supplier_viewer)


@router.get("/enterprise/peers", response_class=HTMLResponse)
def peers_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    lang = request_language(request)
    _ = gettext_for(lang)
    comparison = peer_comparison(platform, actor, enterprise_of(actor))
    model = platform.models(None)
    subs = list(model.index.subdomains)
    charts = {
        group.dimension: compare_radar_svg(
            _("Sub-domain profile: my enterprise against its peers"),
            [subdomain_label(model, s, lang) for s in subs],
            [(_("My enterprise"), [comparison.own.get(s) for s in subs]),
             (_("Peers"), [group.profile.get(s) for s in subs])],
            f"chart-{group.dimension}",
        )
        for group in comparison.groups
        if group.profile is not None
    }  # fmt: skip
    return render(
        request, "viewer/peers.html", comparison=comparison, charts=charts, subs=subs, model=model,
        subdomain_label=subdomain_label, group_label=lambda g: label_for(g.dimension, g.key, lang),
    )  # fmt: skip


@router.get("/enterprise/policies", response_class=HTMLResponse)
def policies_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    lang = request_language(request)
    view = enterprise_policies(platform, actor, enterprise_of(actor))
    return render(request, "viewer/policies.html", view=view, lang_code=lang, total_money=total_money)


@router.get("/viewer", response_class=HTMLResponse)
def viewer_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    lang = request_language(request)
    if Role.investor_viewer in actor.roles:
        shared = shared_enterprises(platform, actor)
        return render(request, "viewer/investor.html", shared=shared, region_label=lambda c: region_label(c, lang))
    if Role.supplier_viewer not in actor.roles:
        raise PermissionDenied("仅投资方或供应商用户可使用此页面", "only investors and suppliers can use this page")
    query = request.query_params
    dimension = "industry" if query.get("dimension") == "industry" else "region"
    key = (query.get("key") or ("39" if dimension == "industry" else "000000")).strip()[:6]
    demand = supplier_demand(platform, actor, dimension, key)
    model = platform.models(None)
    return render(
        request, "viewer/supplier.html", demand=demand, group_name=label_for(dimension, key, lang),
        requirement=lambda rid: requirement_label(model, rid, lang),
    )  # fmt: skip
