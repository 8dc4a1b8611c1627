"""The official's pages: the regional dashboard with its charts and Excel export, benchmarks (树标杆: ranking,
shortlist, recognitions) and what the policies mean for the region (budget exposure, target progress).

Every page asks a service, which checks that the region asked for is the official's or lies below it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import Lang
from cmmm.services.actors import Role
from cmmm.services.benchmarks import KINDS, Criteria, list_recognitions, rank_enterprises, record_recognition, shortlist
from cmmm.services.dashboards import RegionDashboard, region_dashboard
from cmmm.services.region_policies import region_policies
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.i18n import gettext_for
from cmmm.web.region_charts import compare_radar_svg, stacked_bars_svg
from cmmm.web.region_export import dashboard_workbook
from cmmm.web.region_labels import (
    industry_label,
    kind_label,
    region_label,
    requirement_label,
    size_label,
    subdomain_label,
)
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/region")
register_nav("/region", "Regional dashboard", Role.government_official)
register_nav("/region/benchmarks", "Benchmarks", Role.government_official)
register_nav("/region/policies", "Regional policies", Role.government_official)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _charts(dashboard: RegionDashboard, lang: Lang) -> dict[str, Any]:
    _ = gettext_for(lang)
    return {
        "subregions": stacked_bars_svg(
            _("Enterprises by sub-region and level"),
            [(region_label(k, lang), v) for k, v in dashboard.by_subregion.items()],
            "chart-subregions",
        ),
        "industries": stacked_bars_svg(
            _("Enterprises by industry and level"),
            [(industry_label(k, lang), v) for k, v in dashboard.by_industry.items()],
            "chart-industries",
        ),
        "sizes": stacked_bars_svg(
            _("Enterprises by size and level"),
            [(size_label(k, lang), v) for k, v in dashboard.by_size.items()],
            "chart-sizes",
        ),
        "years": stacked_bars_svg(
            _("Enterprises by year of assessment"), list(dashboard.by_year.items()), "chart-years"
        ),
    }


@router.get("", response_class=HTMLResponse)
def dashboard_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    lang = request_language(request)
    query = request.query_params
    dashboard = region_dashboard(platform, actor, query.get("region") or None, _int(query.get("target"), 3))
    model = platform.models(None)
    subs = list(model.index.subdomains)
    _ = gettext_for(lang)
    radar = compare_radar_svg(
        _("Sub-domain profile: this region against the nation"),
        [subdomain_label(model, s, lang) for s in subs],
        [
            (_("This region"), [dashboard.profile.get(s) for s in subs]),
            (_("National"), [dashboard.national_profile.get(s) for s in subs]),
        ],
        "chart-profile",
    )
    return render(
        request, "region/dashboard.html", d=dashboard, charts=_charts(dashboard, lang), radar=radar,
        region_name=region_label(dashboard.region_code, lang, full=True), subs=subs, model=model,
        region_label=region_label, industry_label=industry_label, size_label=size_label,
        subdomain_label=subdomain_label, requirement_label=requirement_label,
    )  # fmt: skip


@router.get("/export.xlsx")
def export_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    query = request.query_params
    dashboard = region_dashboard(platform, actor, query.get("region") or None, _int(query.get("target"), 3))
    body = dashboard_workbook(dashboard, platform.models(None), request_language(request))
    filename = f"cmmm-region-{dashboard.region_code}.xlsx"
    return Response(body, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _criteria(values: Any) -> Criteria:
    return Criteria(
        region_code=values.get("region") or None,
        industry_division=values.get("industry") or None,
        size_class=values.get("size") or None,
        min_level=min(max(_int(values.get("min_level"), 1), 0), 5),
        above_designated_size=values.get("above_size") == "1",
        certified_only=values.get("certified") == "1",
        limit=min(max(_int(values.get("limit"), 50), 1), 500),
    )


def _benchmarks(
    request: Request, platform: PlatformDep, actor: CurrentActor, errors: dict[str, str], status_code: int = 200
) -> Response:
    lang = request_language(request)
    query = request.query_params
    criteria = _criteria(query)
    kind = query.get("kind") or "benchmark"
    kind = kind if kind in KINDS else "benchmark"
    return render(
        request, "region/benchmarks.html", status_code=status_code, criteria=criteria, kind=kind, kinds=KINDS,
        ranking=rank_enterprises(platform, actor, criteria), candidates=shortlist(platform, actor, criteria, kind),
        recognitions=list_recognitions(platform, actor, criteria.region_code), errors=errors,
        region_label=lambda c: region_label(c, lang), industry_label=lambda c: industry_label(c, lang),
        size_label=lambda c: size_label(c, lang), kind_label=lambda k: kind_label(k, lang),
        today=platform.today().isoformat(),
    )  # fmt: skip


@router.get("/benchmarks", response_class=HTMLResponse)
def benchmarks_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return _benchmarks(request, platform, actor, {})


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


@router.post("/benchmarks/recognitions", response_class=HTMLResponse)
async def record_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    form = await request.form()
    check_csrf(request, _text(form, "csrf_token"))
    _ = gettext_for(request_language(request))
    errors: dict[str, str] = {}
    enterprise_id = _int(_text(form, "enterprise_id"), 0)
    if enterprise_id <= 0:
        errors["enterprise_id"] = _("Enter the number of an enterprise of the ranking.")
    kind = _text(form, "kind")
    if kind not in KINDS:
        errors["kind"] = _("Choose benchmark or demonstration.")
    try:
        on = date.fromisoformat(_text(form, "recognized_on"))
    except ValueError:
        errors["recognized_on"] = _("Enter a date as YYYY-MM-DD.")
    if errors:
        return _benchmarks(request, platform, actor, errors, status_code=422)
    record_recognition(platform, actor, enterprise_id, kind, on, _text(form, "note"))
    return RedirectResponse("/region/benchmarks?recorded=1", status_code=303)


@router.get("/policies", response_class=HTMLResponse)
def policies_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    lang = request_language(request)
    view = region_policies(platform, actor, request.query_params.get("region") or None)
    return render(
        request, "region/policies.html", view=view, lang_code=lang,
        region_name=region_label(view.region_code, lang, full=True),
    )  # fmt: skip
