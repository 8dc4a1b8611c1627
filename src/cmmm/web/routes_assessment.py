"""The assessment team's pages: the list of the signed-in staff member's assessments, one assessment's overview
with the lead's pre-assessment form, and publication (the engine's result first, then the release that locks
the ratings)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.model.schema import Model
from cmmm.services.actors import Actor, Role
from cmmm.services.assessment_record import AssessmentOverview, assessment_overview, published_result, result_preview
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.platform import Platform
from cmmm.services.pre_assessment import PreAssessmentDecision, decide_pre_assessment
from cmmm.services.publication import publish_result
from cmmm.services.work_queues import my_assessments
from cmmm.services.workflow import RATING_OPEN, STATE_NAMES, State
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.form_fields import field_errors, text
from cmmm.web.i18n import gettext_for
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.result_view import result_view
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/assessments")
register_nav("/assessments", "Assessments", Role.body_admin, Role.assessor, Role.lead_assessor)

PRE_ASSESSMENT_STATES = frozenset({State.accepted, State.not_ready})
STAFF_ROLES = frozenset({Role.body_admin, Role.assessor, Role.lead_assessor, Role.expert_reviewer, Role.platform_admin})


def staff_only(actor: Actor) -> None:
    """These pages are the assessment body's and the committee's; an enterprise follows its application on its own
    pages, so that it never sees the team's working state (grades in progress, the draft result)."""
    if not actor.roles & STAFF_ROLES:
        raise PermissionDenied(
            "仅评估机构和专家委员会人员可使用此页面", "only assessment bodies and the committee use this page"
        )


def state_name(state: State, lang: str) -> str:
    zh, en = STATE_NAMES[state]
    return zh if lang == "zh" else en


def state_label(value: object, lang: str) -> str:
    """The name of a state stored in the audit trail (a plain string there), or the string itself."""
    return state_name(State(value), lang) if isinstance(value, str) and value in set(State) else str(value or "")


@router.get("", response_class=HTMLResponse)
def assessment_list(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    entries = my_assessments(platform, actor)
    return render(request, "assessment/list.html", entries=entries, state_name=state_name)


def weight_text(weight: Fraction) -> str:
    """A stored exact weight as a decimal when it has one (3/50 -> 0.06), else as a fraction (1/3)."""
    decimal = Decimal(weight.numerator) / Decimal(weight.denominator)
    return str(decimal.normalize()) if Fraction(decimal) == weight else str(weight)


def domain_rows(model: Model, overview: AssessmentOverview, form: FormData | None) -> list[dict[str, object]]:
    """One row per domain for the pre-assessment form: the submitted values, or the decision on record, or the
    path's weight template (with where each weight comes from)."""
    template = model.template_for(overview.path)
    pre = overview.pre
    rows = []
    for domain_id, domain in model.index.domains.items():
        default = template.weights.get(domain_id, Decimal(0)) if template else Decimal(0)
        excluded = pre.excluded_domains if pre else {}
        weight = pre.weights.get(domain_id) if pre else None
        row = {
            "id": domain_id, "name": domain.name, "template": str(default),
            "excluded": domain_id in excluded, "justification": excluded.get(domain_id, ""),
            "weight": weight_text(Fraction(weight)) if weight else str(default),
            "provenance": (pre.weight_provenance.get(domain_id, "template") if pre else "template"),
        }  # fmt: skip
        if form is not None:
            row |= {"excluded": bool(text(form, f"exclude_{domain_id}")),
                    "justification": text(form, f"justification_{domain_id}"),
                    "weight": text(form, f"weight_{domain_id}")}  # fmt: skip
        rows.append(row)
    return rows


def _overview_page(
    request: Request, platform: Platform, actor: Actor, assessment_id: int,
    form: FormData | None = None, errors: dict[str, str] | None = None,
) -> Response:  # fmt: skip
    staff_only(actor)
    overview = assessment_overview(platform, actor, assessment_id)
    model = platform.models(overview.model_ref)
    decides = overview.lead_id == actor.user_id and overview.state in PRE_ASSESSMENT_STATES
    on_team = any(member.user_id == actor.user_id for member in overview.team)
    return render(
        request, "assessment/overview.html", status_code=422 if errors else 200, a=overview, model=model,
        state_name=state_name(overview.state, request_language(request)), decides=decides, on_team=on_team,
        is_lead=overview.lead_id == actor.user_id, domains=domain_rows(model, overview, form), errors=errors or {},
        ready=(text(form, "ready") == "yes") if form is not None else bool(overview.pre and overview.pre.ready),
        state_label=state_label,
    )  # fmt: skip


@router.get("/{assessment_id}", response_class=HTMLResponse)
def overview_page(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    return _overview_page(request, platform, actor, assessment_id)


def _decision(model: Model, path: str, form: FormData, errors: dict[str, str], lang: str) -> PreAssessmentDecision:
    _ = gettext_for("en" if lang == "en" else "zh")
    template = model.template_for(path)
    excluded = {d: text(form, f"justification_{d}") for d in model.index.domains if text(form, f"exclude_{d}")}
    weights: dict[str, Fraction] = {}
    for domain_id in model.index.domains:
        if domain_id in excluded:
            continue
        raw = text(form, f"weight_{domain_id}")
        try:
            weight = Fraction(raw)
        except (ValueError, ZeroDivisionError):
            errors[f"weight_{domain_id}"] = _("Enter a number such as 0.08 or 2/25.")
            continue
        if template is None or weight != Fraction(template.weights.get(domain_id, Decimal(0))):
            weights[domain_id] = weight
    ready = text(form, "ready")
    if ready not in ("yes", "no"):
        errors["ready"] = _("Say whether the enterprise is ready for the formal assessment.")
    return PreAssessmentDecision(
        text(form, "scope_description"), ready == "yes", excluded, weights, text(form, "reasons")
    )


def _pre_field(location: str) -> str:
    if location.startswith("excluded_domains."):
        return "justification_" + location.split(".", 1)[1]
    if location.startswith("weights."):
        return "weight_" + location.split(".", 1)[1]
    return "reasons" if location == "reasons" else ""


@router.post("/{assessment_id}/pre-assessment", response_class=HTMLResponse)
async def pre_assessment(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    staff_only(actor)
    overview = assessment_overview(platform, actor, assessment_id)
    lang = request_language(request)
    errors: dict[str, str] = {}
    decision = _decision(platform.models(overview.model_ref), overview.path, form, errors, lang)
    if errors:
        return _overview_page(request, platform, actor, assessment_id, form, errors)
    try:
        decide_pre_assessment(platform, actor, assessment_id, decision)
    except InputInvalid as error:
        found = field_errors(error, lang, _pre_field)
        return _overview_page(request, platform, actor, assessment_id, form, found)
    return RedirectResponse(f"/assessments/{assessment_id}", status_code=303)


@router.get("/{assessment_id}/publication", response_class=HTMLResponse)
def publication(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    staff_only(actor)
    overview = assessment_overview(platform, actor, assessment_id)
    lang = request_language(request)
    unsettled: dict[str, str] = {}
    view = revision = None
    if overview.state in RATING_OPEN:
        try:
            model, result = result_preview(platform, actor, assessment_id)
            view = result_view(model, result, lang)
        except InputInvalid as error:
            unsettled = field_errors(error, lang, lambda location: location)
    else:
        model, result, record = published_result(platform, actor, assessment_id)
        view, revision = result_view(model, result, lang), record.revision
    return render(
        request, "assessment/publication.html", a=overview, view=view, unsettled=unsettled, revision=revision,
        state_name=state_name(overview.state, lang), open=overview.state in RATING_OPEN,
    )  # fmt: skip


@router.post("/{assessment_id}/publish", response_class=HTMLResponse)
async def publish(request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    publish_result(platform, actor, assessment_id)
    return RedirectResponse(f"/assessments/{assessment_id}/publication", status_code=303)
