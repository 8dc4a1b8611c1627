"""The expert committee's pages: the queue of published results awaiting review, and one result with its
evidence index, approved (the certificate is granted) or returned with comments."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.services.actors import Actor, Role
from cmmm.services.assessment_record import assessment_overview, published_result
from cmmm.services.platform import Platform
from cmmm.services.publication import review_result
from cmmm.services.work_queues import evidence_index, review_queue
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.form_fields import text
from cmmm.web.i18n import gettext_for
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.result_view import result_view
from cmmm.web.routes_assessment import state_name
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/reviews")
register_nav("/reviews", "Reviews", Role.expert_reviewer)


@router.get("", response_class=HTMLResponse)
def queue(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return render(request, "review/queue.html", entries=review_queue(platform, actor))


def _review_page(
    request: Request, platform: Platform, actor: Actor, assessment_id: int, error: str = "", comments: str = ""
) -> Response:
    review_queue(platform, actor)  # reviewers only, even for an assessment they could otherwise view
    lang = request_language(request)
    overview = assessment_overview(platform, actor, assessment_id)
    model, result, record = published_result(platform, actor, assessment_id)
    evidence = evidence_index(platform, actor, assessment_id)
    return render(
        request, "review/detail.html", status_code=422 if error else 200, a=overview, record=record,
        view=result_view(model, result, lang), evidence=evidence, error=error, comments=comments,
        state_name=state_name(overview.state, lang), requirements=model.index.requirements,
    )  # fmt: skip


@router.get("/{assessment_id}", response_class=HTMLResponse)
def review_page(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    return _review_page(request, platform, actor, assessment_id)


@router.post("/{assessment_id}", response_class=HTMLResponse)
async def decide(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    approve = text(form, "decision") == "approve"
    comments = text(form, "comments")
    if not approve and not comments:
        message = gettext_for(request_language(request))("Returning a result needs comments.")
        return _review_page(request, platform, actor, assessment_id, message, comments)
    review_result(platform, actor, assessment_id, approve, comments)
    return RedirectResponse(f"/reviews/{assessment_id}", status_code=303)
