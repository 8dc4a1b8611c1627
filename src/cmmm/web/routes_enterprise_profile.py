"""Editing an enterprise's profile: its own admin at ``/enterprise/profile``, a platform admin at
``/admin/enterprises/{id}/profile`` (the only one offered the credit code). Region and industry are typed as
codes and checked by the service as on registration; every refused field shows its message next to it.

The form posts every field, so an unticked box means "no"; the service stores only what differs and decides
who may change what, so a forged field (a credit code from an enterprise admin) is refused there, not here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.services.actors import Actor, Resource, Role
from cmmm.services.enterprise_profile import (
    FIELDS,
    EditableProfile,
    ProfileChanges,
    enterprise_profile,
    update_enterprise_profile,
)
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.form_fields import field_errors, text
from cmmm.web.i18n import Lang, gettext_for
from cmmm.web.region_labels import industry_label, region_label
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.routes_enterprise import enterprise_of
from cmmm.web.security import check_csrf

router = APIRouter()
register_nav("/enterprise/profile", "Enterprise profile", Role.enterprise_admin)

OWN_PAGE = "/enterprise/profile"
BOXES = ("above_designated_size", "in_operation", "has_it_basis")
"""Check boxes: a browser leaves an unticked one out of the form."""


def choices(_: Callable[..., str]) -> dict[str, list[tuple[str, str]]]:
    """The closed lists of the form (the values of :mod:`cmmm.services.identity`) with their labels."""
    return {
        "size_class": [
            ("large", _("Large enterprise")),
            ("medium", _("Medium-sized enterprise")),
            ("small", _("Small enterprise")),
            ("micro", _("Micro enterprise")),
        ],
        "entity_kind": [
            ("legal_entity", _("Independent legal entity")),
            ("branch", _("Branch of a legal entity")),
            ("plant", _("Plant of a legal entity")),
            ("workshop", _("Workshop of a legal entity")),
            ("business_unit", _("Business unit of a legal entity")),
        ],
        "path": [("discrete", _("discrete")), ("process", _("process"))],
    }


def _admin_page(enterprise_id: int) -> str:
    return f"/admin/enterprises/{enterprise_id}/profile"


def _form_page(
    request: Request,
    profile: EditableProfile,
    action: str,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    lang: Lang = request_language(request)
    shown = values if values is not None else {name: getattr(profile, name) for name in FIELDS}
    return render(
        request, "enterprise/profile.html", status_code=422 if errors else 200, profile=profile, action=action,
        values=shown, errors=errors or {}, choices=choices(gettext_for(lang)),
        saved=request.query_params.get("saved") == "1", region_name=region_label(profile.region_code, lang, True),
        industry_name=industry_label(profile.industry_code, lang),
    )  # fmt: skip


def _submitted(form: FormData) -> dict[str, Any]:
    """The posted fields as the form shows them again (a refused form keeps what was typed)."""
    values: dict[str, Any] = {name: text(form, name) for name in FIELDS if name not in BOXES}
    values |= {name: name in form for name in BOXES}
    if "credit_code" not in form:
        values["credit_code"] = None
    return values


async def _save(request: Request, platform: Platform, actor: Actor, enterprise_id: int, action: str) -> Response:
    form = await request.form()
    check_csrf(request, text(form, "csrf_token"))
    profile = enterprise_profile(platform, actor, enterprise_id)  # refuses others before reading the fields
    values = _submitted(form)
    try:
        update_enterprise_profile(platform, actor, enterprise_id, ProfileChanges(**values))
    except InputInvalid as error:
        errors = field_errors(error, request_language(request), lambda location: location if location in FIELDS else "")
        return _form_page(request, profile, action, values, errors)
    return RedirectResponse(f"{action}?saved=1", status_code=303)


@router.get(OWN_PAGE, response_class=HTMLResponse)
def own_profile(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return _form_page(request, enterprise_profile(platform, actor, enterprise_of(actor)), OWN_PAGE)


@router.post(OWN_PAGE, response_class=HTMLResponse)
async def save_own_profile(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return await _save(request, platform, actor, enterprise_of(actor), OWN_PAGE)


@router.get("/admin/enterprises/{enterprise_id}/profile", response_class=HTMLResponse)
def admin_profile(request: Request, platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> Response:
    require(actor, Action.organization_create, Resource())  # the admin pages are the platform admin's
    return _form_page(request, enterprise_profile(platform, actor, enterprise_id), _admin_page(enterprise_id))


@router.post("/admin/enterprises/{enterprise_id}/profile", response_class=HTMLResponse)
async def save_admin_profile(
    request: Request, platform: PlatformDep, actor: CurrentActor, enterprise_id: int
) -> Response:
    require(actor, Action.organization_create, Resource())
    return await _save(request, platform, actor, enterprise_id, _admin_page(enterprise_id))
