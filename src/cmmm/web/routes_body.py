"""The assessment body's pages: the inbox of submitted applications (accept with a team, or decline with a
reason) and the certificates granted on its assessments (suspend, withdraw or reinstate)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import Problem
from cmmm.services.actors import Actor, Role
from cmmm.services.applications import accept_application, decline_application
from cmmm.services.certificates import STATUS_NAMES, CertificateStatus, set_certificate_status
from cmmm.services.errors import ApplicationRefused, InputInvalid
from cmmm.services.platform import Platform
from cmmm.services.work_queues import body_certificates, body_inbox, body_staff
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.form_fields import field_errors, text
from cmmm.web.i18n import gettext_for
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/body")
register_nav("/body", "Assessment body", Role.body_admin)

STATUS_CHOICES = (CertificateStatus.valid, CertificateStatus.suspended, CertificateStatus.withdrawn)


def status_name(status: CertificateStatus, lang: str) -> str:
    """A certificate's status in the reader's language (the words of the certificate, not of an assessment)."""
    return STATUS_NAMES[status] if lang == "zh" else status.value


def _accept_field(location: str) -> str:
    """The service names the lead as ``team[0]`` or ``lead_assessor``, the other members ``team[i]``."""
    if location in ("team[0]", "lead_assessor"):
        return "lead_id"
    if location.startswith("team["):
        return "assessor_ids"
    return "contract_signed_on" if location == "contract_signed_on" else ""


def _inbox_page(
    request: Request, platform: Platform, actor: Actor, errors: dict[int, dict[str, str]], status_code: int = 200
) -> Response:
    return render(
        request, "body/inbox.html", status_code=status_code, applications=body_inbox(platform, actor),
        staff=body_staff(platform, actor), certificates=body_certificates(platform, actor), errors=errors,
        statuses=STATUS_CHOICES, today=platform.today(), status_name=status_name,
    )  # fmt: skip


@router.get("", response_class=HTMLResponse)
def inbox(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return _inbox_page(request, platform, actor, {})


@router.post("/applications/{assessment_id}/accept", response_class=HTMLResponse)
async def accept(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    _ = gettext_for(request_language(request))
    errors: dict[str, str] = {}
    lead = text(form, "lead_id")
    if not lead.isdigit():
        errors["lead_id"] = _("Choose the lead assessor.")
    try:
        signed = date.fromisoformat(text(form, "contract_signed_on"))
    except ValueError:
        errors["contract_signed_on"] = _("Enter the date the contract was signed.")
    if errors:
        return _inbox_page(request, platform, actor, {assessment_id: errors}, 422)
    assessors = [int(v) for v in form.getlist("assessor_ids") if isinstance(v, str) and v.isdigit()]
    try:
        accept_application(platform, actor, assessment_id, int(lead), assessors, signed)
    except (ApplicationRefused, InputInvalid) as error:
        found = field_errors(error, request_language(request), _accept_field)
        return _inbox_page(request, platform, actor, {assessment_id: found}, 422)
    return RedirectResponse(f"/assessments/{assessment_id}", status_code=303)


@router.post("/applications/{assessment_id}/decline", response_class=HTMLResponse)
async def decline(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    reason = text(form, "reason")
    if not reason:
        message = gettext_for(request_language(request))("A decline needs a reason.")
        return _inbox_page(request, platform, actor, {assessment_id: {"reason": message}}, 422)
    decline_application(platform, actor, assessment_id, reason)
    return RedirectResponse("/body", status_code=303)


@router.post("/certificates/{certificate_id}/status", response_class=HTMLResponse)
async def certificate_status(
    request: Request, platform: PlatformDep, actor: CurrentActor, certificate_id: int
) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    chosen = text(form, "status")
    if chosen not in {s.value for s in STATUS_CHOICES}:
        raise InputInvalid("未知的证书状态", "unknown certificate status", [Problem("status", chosen, chosen)])
    set_certificate_status(platform, actor, certificate_id, CertificateStatus(chosen), text(form, "reason"))
    return RedirectResponse("/body#certificates", status_code=303)
