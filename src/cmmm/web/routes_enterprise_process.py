"""The manufacturer's process pages: applying for formal assessment (gating checks shown before submitting),
sharing results with investors and suppliers, the improvement plan, comparing two self-assessments
(后评价), and report downloads."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import CmmmError
from cmmm.reports.build import build_report
from cmmm.reports.comparison import compare
from cmmm.reports.comparison_report import build_comparison_report
from cmmm.reports.enterprise import Enterprise as ReportEnterprise
from cmmm.reports.registry import renderer_for
from cmmm.services.accounts import grant_share, revoke_share
from cmmm.services.actors import OrganizationKind
from cmmm.services.applications import ApplicationForm, application_preview, submit_application
from cmmm.services.enterprise_views import (
    enterprise_assessments,
    enterprise_plans,
    enterprise_profile,
    enterprise_shares,
    get_self_assessment,
    organizations_of_kind,
    self_assessment_result,
)
from cmmm.services.improvement import ItemStatus, create_improvement_plan, plan_items, update_item
from cmmm.services.self_assessment import answers_from_data, list_self_assessments
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.form_fields import field_errors
from cmmm.web.rendering import render, request_language
from cmmm.web.routes_enterprise import enterprise_of
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/enterprise")
SCOPES = ("enterprise", "plant", "workshop", "business_unit")


@router.get("/apply", response_class=HTMLResponse)
def apply_form(request: Request, platform: PlatformDep, actor: CurrentActor, target_level: int = 2) -> Response:
    enterprise_id = enterprise_of(actor)
    level = max(1, min(target_level, 5))
    problems, warnings = application_preview(platform, actor, enterprise_id, level)
    bodies = organizations_of_kind(platform, actor, OrganizationKind.body)
    return render(request, "enterprise/apply.html", target_level=level, problems=problems, warnings=warnings,
                  bodies=bodies, scopes=SCOPES, errors={}, form={})  # fmt: skip


@router.post("/apply", response_class=HTMLResponse)
def apply(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    body_id: Annotated[int, Form()],
    target_level: Annotated[int, Form()],
    scope_kind: Annotated[str, Form()] = "enterprise",
    scope_description: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf_token)
    enterprise_id = enterprise_of(actor)
    form = ApplicationForm(enterprise_id, body_id, target_level, scope_kind, scope_description.strip()[:500])
    try:
        submit_application(platform, actor, form)
    except CmmmError as error:
        problems, warnings = application_preview(platform, actor, enterprise_id, max(1, min(target_level, 5)))
        return render(
            request, "enterprise/apply.html", status_code=422, target_level=target_level, problems=problems,
            warnings=warnings, bodies=organizations_of_kind(platform, actor, OrganizationKind.body), scopes=SCOPES,
            errors=field_errors(error, request_language(request), lambda location: location),
            form={"body_id": body_id, "scope_kind": scope_kind, "scope_description": scope_description},
        )  # fmt: skip
    return RedirectResponse("/enterprise/assessments", status_code=303)


@router.get("/assessments", response_class=HTMLResponse)
def assessments(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    rows = enterprise_assessments(platform, actor, enterprise_of(actor))
    return render(request, "enterprise/assessments.html", assessments=rows)


@router.get("/shares", response_class=HTMLResponse)
def shares(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    enterprise_id = enterprise_of(actor)
    viewers = organizations_of_kind(platform, actor, OrganizationKind.investor, OrganizationKind.supplier)
    return render(request, "enterprise/shares.html", shares=enterprise_shares(platform, actor, enterprise_id),
                  viewers=viewers)  # fmt: skip


@router.post("/shares")
def share(
    request: Request, platform: PlatformDep, actor: CurrentActor, viewer_id: Annotated[int, Form()],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    check_csrf(request, csrf_token)
    grant_share(platform, actor, enterprise_of(actor), viewer_id)
    return RedirectResponse("/enterprise/shares", status_code=303)


@router.post("/shares/{share_id}/revoke")
def revoke(
    request: Request, platform: PlatformDep, actor: CurrentActor, share_id: int, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    check_csrf(request, csrf_token)
    revoke_share(platform, actor, share_id)
    return RedirectResponse("/enterprise/shares", status_code=303)


@router.get("/improvement", response_class=HTMLResponse)
def improvement(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    enterprise_id = enterprise_of(actor)
    plans = enterprise_plans(platform, actor, enterprise_id)
    items = plan_items(platform, actor, plans[0].id) if plans else []
    model = platform.models(None)
    history = list_self_assessments(platform, actor, enterprise_id)
    return render(request, "enterprise/improvement.html", plans=plans, items=items, model=model, history=history,
                  statuses=[s.value for s in ItemStatus])  # fmt: skip


@router.post("/improvement")
def new_plan(
    request: Request, platform: PlatformDep, actor: CurrentActor, self_assessment_id: Annotated[int, Form()],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    check_csrf(request, csrf_token)
    create_improvement_plan(platform, actor, self_assessment_id=self_assessment_id)
    return RedirectResponse("/enterprise/improvement", status_code=303)


@router.post("/improvement/items/{item_id}")
def update_plan_item(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    item_id: int,
    status: Annotated[ItemStatus, Form()],
    owner: Annotated[str, Form()] = "",
    due_on: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf_token)
    due = date.fromisoformat(due_on) if due_on else None
    update_item(platform, actor, item_id, owner=owner.strip()[:100], due_on=due, status=status)
    return RedirectResponse("/enterprise/improvement", status_code=303)


def _report_enterprise(platform: PlatformDep, actor: CurrentActor, enterprise_id: int, lang: str) -> ReportEnterprise:
    profile = enterprise_profile(platform, actor, enterprise_id, "en" if lang == "en" else "zh")
    return ReportEnterprise(name=profile.name, credit_code=profile.credit_code, region=profile.region_name,
                            industry=profile.industry_name, scope="全企业" if lang == "zh" else "whole enterprise",
                            result_kind="self_declared")  # fmt: skip


@router.get("/self-assessments/{record_id}/report.{fmt}")
def self_assessment_report(
    request: Request, platform: PlatformDep, actor: CurrentActor, record_id: int, fmt: str
) -> Response:
    renderer = renderer_for(fmt)
    record = get_self_assessment(platform, actor, record_id)
    lang = request_language(request)
    model, result = self_assessment_result(platform, record)
    details = _report_enterprise(platform, actor, record.enterprise_id, lang)
    report = build_report(model, result, answers_from_data(record.answers), details, lang)
    filename = f"cmmm-self-assessment-{record.id}{renderer.suffix}"
    return Response(renderer.render(report), media_type=renderer.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})  # fmt: skip


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request, platform: PlatformDep, actor: CurrentActor, before: int, after: int, fmt: str | None = None
) -> Response:
    lang = request_language(request)
    first, second = get_self_assessment(platform, actor, before), get_self_assessment(platform, actor, after)
    model, before_result = self_assessment_result(platform, first)
    _, after_result = self_assessment_result(platform, second)
    comparison = compare(model, before_result, after_result)
    if fmt:
        renderer = renderer_for(fmt, comparison=True)
        details = _report_enterprise(platform, actor, first.enterprise_id, lang)
        report = build_comparison_report(model, comparison, before_result, after_result, details, lang)
        assert renderer.render_comparison is not None
        return Response(
            renderer.render_comparison(report),
            media_type=renderer.media_type,
            headers={"Content-Disposition": f'attachment; filename="cmmm-comparison{renderer.suffix}"'},
        )
    return render(request, "enterprise/compare.html", model=model, comparison=comparison, first=first, second=second)
