"""The assessor's workspace: clause by clause for the in-scope requirements of one sub-domain, the evidence
(upload, preview, verify), the assessor's own grade and note saved with the version it was read at, and for
the lead every assessor's grade with the disagreements and the final-grade form; plus the route that serves a
stored evidence file (images and PDFs inline, anything else as a download, never sniffed)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import CmmmError, Problem
from cmmm.model.schema import Model, SubDomain
from cmmm.services.actors import Actor
from cmmm.services.assessment_record import assessment_overview
from cmmm.services.errors import EvidenceRejected, InputInvalid, RatingConflict
from cmmm.services.evidence import EVIDENCE_KINDS, Upload, add_evidence, verify_evidence
from cmmm.services.platform import Platform
from cmmm.services.ratings import finalize_rating, save_rating
from cmmm.services.work_queues import evidence_file, evidence_index, team_ratings
from cmmm.services.workflow import RATING_OPEN
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.errors import status_of
from cmmm.web.form_fields import text, uploads
from cmmm.web.i18n import gettext_for
from cmmm.web.rendering import render, request_language
from cmmm.web.routes_assessment import staff_only
from cmmm.web.security import check_csrf

router = APIRouter()

INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
"""Types a browser shows safely in the page; anything else is downloaded."""


def in_scope_subdomains(model: Model, excluded: set[str], target_level: int) -> list[SubDomain]:
    return [
        sub
        for sub_id, sub in model.index.subdomains.items()
        if model.index.domain_of_subdomain[sub_id] not in excluded
        and any(r.level <= target_level for r in sub.requirements)
    ]


def _workspace(
    request: Request, platform: Platform, actor: Actor, assessment_id: int, subdomain: str | None,
    errors: dict[str, dict[str, str]] | None = None, status_code: int = 200,
) -> Response:  # fmt: skip
    ratings = team_ratings(platform, actor, assessment_id)  # team members only
    overview = assessment_overview(platform, actor, assessment_id)
    model = platform.models(overview.model_ref)
    subs = in_scope_subdomains(model, set(overview.pre.excluded_domains if overview.pre else {}), overview.target_level)
    if not subs:
        return RedirectResponse(f"/assessments/{assessment_id}", status_code=303)
    sub = next((s for s in subs if s.id == subdomain), subs[0])
    requirements = [r for r in sub.requirements if r.level <= overview.target_level]
    evidence = evidence_index(platform, actor, assessment_id, {r.id for r in requirements})
    rated = {r.requirement_id for r in ratings.ratings if r.assessor_id == actor.user_id}
    progress = [
        (s, sum(1 for r in s.requirements if r.level <= overview.target_level and r.id in rated),
         sum(1 for r in s.requirements if r.level <= overview.target_level))
        for s in subs
    ]  # fmt: skip
    return render(
        request, "assessment/workspace.html", status_code=status_code, a=overview, model=model, sub=sub,
        requirements=requirements, evidence=evidence, ratings=ratings, progress=progress, errors=errors or {},
        editable=overview.state in RATING_OPEN, kinds=EVIDENCE_KINDS, today=platform.today(),
    )  # fmt: skip


@router.get("/assessments/{assessment_id}/workspace", response_class=HTMLResponse)
def workspace(
    request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int, subdomain: str | None = None
) -> Response:
    return _workspace(request, platform, actor, assessment_id, subdomain)


def _back(assessment_id: int, form: FormData) -> RedirectResponse:
    target = f"/assessments/{assessment_id}/workspace?subdomain={quote(text(form, 'subdomain'))}"
    return RedirectResponse(f"{target}#req-{quote(text(form, 'requirement_id'))}", status_code=303)


def _refused(
    request: Request, platform: Platform, actor: Actor, assessment_id: int, form: FormData, key: str, error: CmmmError
) -> Response:
    """The workspace again, with the refusal shown next to the form of that clause."""
    lang = request_language(request)
    message = "\n".join([error.zh if lang == "zh" else error.en, *(p.text(lang) for p in error.problems)])
    errors = {text(form, "requirement_id"): {key: message}}
    return _workspace(request, platform, actor, assessment_id, text(form, "subdomain"), errors, status_of(error))


@router.post("/assessments/{assessment_id}/evidence", response_class=HTMLResponse)
async def upload_evidence(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    async with request.form() as form:  # closes the uploaded files' temporary storage
        check_csrf(request, text(form, "csrf_token"))
        files = [Upload(f.filename or "file", f.content_type or "", await f.read()) for f in uploads(form, "files")]
    try:
        effective_on = date.fromisoformat(text(form, "effective_on"))
    except ValueError:
        problem = Problem("effective_on", "请填写生效日期", "enter the effective date")
        error = InputInvalid("证据信息有误", "the evidence is invalid", [problem])
        team_ratings(platform, actor, assessment_id)  # the permission check comes before any message on the form
        return _refused(request, platform, actor, assessment_id, form, "evidence", error)
    try:
        add_evidence(platform, actor, assessment_id, text(form, "requirement_id"), text(form, "kind"), effective_on,
                     files, text(form, "notes"), verified=bool(text(form, "verified")))  # fmt: skip
    except (InputInvalid, EvidenceRejected) as error:
        return _refused(request, platform, actor, assessment_id, form, "evidence", error)
    return _back(assessment_id, form)


@router.post("/assessments/{assessment_id}/evidence/{evidence_id}/verify", response_class=HTMLResponse)
async def verify(
    request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int, evidence_id: int
) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    verify_evidence(platform, actor, evidence_id)
    return _back(assessment_id, form)


def _version(form: FormData) -> int | None:
    raw = text(form, "version")
    return int(raw) if raw.isdigit() else None


@router.post("/assessments/{assessment_id}/ratings", response_class=HTMLResponse)
async def rate(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    grade, note = text(form, "grade"), text(form, "note")
    if grade == "na" and not note:
        team_ratings(platform, actor, assessment_id)  # the permission check comes before any message on the form
        _ = gettext_for(request_language(request))
        errors = {text(form, "requirement_id"): {"note": _("Not applicable needs a note that justifies it.")}}
        return _workspace(request, platform, actor, assessment_id, text(form, "subdomain"), errors, 422)
    try:
        save_rating(platform, actor, assessment_id, text(form, "requirement_id"), grade, _version(form), note)
    except (InputInvalid, RatingConflict) as error:
        return _refused(request, platform, actor, assessment_id, form, "rating", error)
    return _back(assessment_id, form)


@router.post("/assessments/{assessment_id}/final-ratings", response_class=HTMLResponse)
async def settle(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    requirement_id = text(form, "requirement_id")
    try:
        finalize_rating(platform, actor, assessment_id, requirement_id, text(form, "grade"), text(form, "reason"),
                        _version(form))  # fmt: skip
    except (InputInvalid, RatingConflict) as error:
        return _refused(request, platform, actor, assessment_id, form, "final", error)
    return _back(assessment_id, form)


@router.get("/evidence-files/{file_id}")
def download(platform: PlatformDep, actor: CurrentActor, file_id: int) -> Response:
    staff_only(actor)
    stored = evidence_file(platform, actor, file_id)
    inline = stored.media_type in INLINE_TYPES
    fallback = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in stored.filename)
    kind = "inline" if inline else "attachment"
    disposition = f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(stored.filename)}"
    headers = {
        "Content-Disposition": disposition,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return Response(stored.content, media_type=stored.media_type, headers=headers)
