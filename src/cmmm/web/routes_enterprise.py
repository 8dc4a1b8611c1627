"""The manufacturer's pages: the enterprise overview, the self-assessment wizard (20 sub-domains, save and
resume, progress shown) and the result of each self-assessment."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.model.schema import Model
from cmmm.services.actors import Actor, Role
from cmmm.services.drafts import DraftView, find_draft, open_draft, save_answers, submit_draft
from cmmm.services.enterprise_views import enterprise_profile, get_self_assessment, self_assessment_result
from cmmm.services.errors import PermissionDenied
from cmmm.services.self_assessment import list_self_assessments
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.result_view import result_view
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/enterprise")
register_nav("/enterprise", "My enterprise", Role.enterprise_admin, Role.enterprise_member)

ANSWER_PREFIX = "r_"


def enterprise_of(actor: Actor) -> int:
    if actor.organization_id is None or not actor.roles & {Role.enterprise_admin, Role.enterprise_member}:
        raise PermissionDenied("仅企业用户可使用此页面", "only enterprise users can use this page")
    return actor.organization_id


def subdomain_progress(model: Model, draft: DraftView) -> list[dict[str, object]]:
    rows = []
    for sub in model.index.subdomains.values():
        wanted = [r.id for r in sub.requirements if r.level <= draft.target_level]
        done = sum(1 for rid in wanted if rid in draft.ratings)
        rows.append({"id": sub.id, "name": sub.name, "done": done, "total": len(wanted)})
    return rows


@router.get("", response_class=HTMLResponse)
def overview(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    enterprise_id = enterprise_of(actor)
    lang = request_language(request)
    profile = enterprise_profile(platform, actor, enterprise_id, lang)
    history = list_self_assessments(platform, actor, enterprise_id)
    draft = find_draft(platform, actor, enterprise_id)
    progress = draft.progress(platform.models(draft.model_ref)) if draft else None
    return render(request, "enterprise/overview.html", profile=profile, history=history, draft=draft, progress=progress)


@router.get("/self-assessment", response_class=HTMLResponse)
def wizard(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    draft = open_draft(platform, actor, enterprise_of(actor))
    model = platform.models(draft.model_ref)
    done, total = draft.progress(model)
    return render(request, "enterprise/wizard.html", draft=draft, model=model, done=done, total=total,
                  subdomains=subdomain_progress(model, draft), errors=[])  # fmt: skip


@router.get("/self-assessment/{subdomain_id}", response_class=HTMLResponse)
def wizard_step(request: Request, platform: PlatformDep, actor: CurrentActor, subdomain_id: str) -> Response:
    draft = open_draft(platform, actor, enterprise_of(actor))
    return _step_page(request, platform.models(draft.model_ref), draft, subdomain_id, {})


def _step_page(request: Request, model: Model, draft: DraftView, subdomain_id: str, errors: dict[str, str]) -> Response:
    sub = model.index.subdomains.get(subdomain_id)
    if sub is None:
        return RedirectResponse("/enterprise/self-assessment", status_code=303)
    order = list(model.index.subdomains)
    position = order.index(subdomain_id)
    requirements = [r for r in sub.requirements if r.level <= draft.target_level]
    done, total = draft.progress(model)
    return render(
        request, "enterprise/step.html", status_code=422 if errors else 200, draft=draft, model=model, sub=sub,
        requirements=requirements, position=position + 1, count=len(order), done=done, total=total,
        next_id=order[position + 1] if position + 1 < len(order) else None,
        previous_id=order[position - 1] if position > 0 else None, errors=errors,
    )  # fmt: skip


@router.post("/self-assessment/{subdomain_id}", response_class=HTMLResponse)
async def save_step(request: Request, platform: PlatformDep, actor: CurrentActor, subdomain_id: str) -> Response:
    form = await request.form()
    check_csrf(request, _text(form, "csrf_token"))
    draft = open_draft(platform, actor, enterprise_of(actor))
    answers = {key[len(ANSWER_PREFIX) :]: _text(form, key) for key in form if key.startswith(ANSWER_PREFIX)}
    draft = save_answers(platform, actor, draft.id, answers, int(_text(form, "version") or -1))
    target = _text(form, "go")
    if target and target != "overview":
        return RedirectResponse(f"/enterprise/self-assessment/{target}", status_code=303)
    return RedirectResponse("/enterprise/self-assessment", status_code=303)


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


@router.post("/self-assessment-submit", response_class=HTMLResponse)
def submit(
    request: Request, platform: PlatformDep, actor: CurrentActor, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    check_csrf(request, csrf_token)
    draft = open_draft(platform, actor, enterprise_of(actor))
    record_id = submit_draft(platform, actor, draft.id)
    return RedirectResponse(f"/enterprise/self-assessments/{record_id}", status_code=303)


@router.get("/self-assessments/{record_id}", response_class=HTMLResponse)
def self_assessment_page(request: Request, platform: PlatformDep, actor: CurrentActor, record_id: int) -> Response:
    record = get_self_assessment(platform, actor, record_id)
    model, result = self_assessment_result(platform, record)
    view = result_view(model, result, request_language(request))
    return render(request, "enterprise/result.html", record=record, view=view)
