"""The platform admin's pages: organizations and users (list, create), and models (upload a model file or an
Excel clause table, see its validation report, install it for new assessments)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import CmmmError
from cmmm.services.accounts import EnterpriseDetails, create_organization, create_user
from cmmm.services.actors import OrganizationKind, Resource, Role
from cmmm.services.admin_views import install_model, model_catalogue, organizations, users, validate_upload
from cmmm.services.permissions import Action, require
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.form_fields import field_errors
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/admin")
KIND_LABELS = {
    "platform": "Platform operator",
    "enterprise": "Manufacturing enterprise",
    "body": "Assessment body",
    "committee": "Expert committee",
    "department": "Government department",
    "investor": "Investor",
    "supplier": "Solution supplier",
}
ROLE_LABELS = {
    "platform_admin": "Platform admin",
    "enterprise_admin": "Enterprise admin",
    "enterprise_member": "Enterprise member",
    "body_admin": "Assessment body admin",
    "assessor": "Assessor",
    "lead_assessor": "Lead assessor",
    "expert_reviewer": "Expert reviewer",
    "government_official": "Government official",
    "investor_viewer": "Investor viewer",
    "supplier_viewer": "Supplier viewer",
}
register_nav("/admin", "Administration", Role.platform_admin)
MAX_MODEL_BYTES = 5 * 1024 * 1024


def _page(
    request: Request, platform: PlatformDep, actor: CurrentActor, status_code: int = 200, **extra: object
) -> Response:
    q = request.query_params.get("q", "")
    context: dict[str, object] = {
        "organizations": organizations(platform, actor, name=q),
        "users": users(platform, actor, q),
        "kinds": [(k.value, KIND_LABELS[k.value]) for k in OrganizationKind],
        "roles": [(r.value, ROLE_LABELS[r.value]) for r in Role],
        "kind_labels": KIND_LABELS,
        "errors": {},
        "form": {},
        "q": q,
    }
    context.update(extra)
    return render(request, "admin/index.html", status_code=status_code, **context)


@router.get("", response_class=HTMLResponse)
def index(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return _page(request, platform, actor)


@router.post("/organizations", response_class=HTMLResponse)
def new_organization(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    kind: Annotated[str, Form()],
    name: Annotated[str, Form()],
    region_code: Annotated[str, Form()] = "",
    credit_code: Annotated[str, Form()] = "",
    industry_code: Annotated[str, Form()] = "",
    size_class: Annotated[str, Form()] = "medium",
    above_designated_size: Annotated[bool, Form()] = False,
    path: Annotated[str, Form()] = "discrete",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf_token)
    try:
        organization_kind = OrganizationKind(kind)
        details = None
        if organization_kind is OrganizationKind.enterprise:
            details = EnterpriseDetails(credit_code.strip().upper(), industry_code.strip(), size_class,
                                        above_designated_size, "legal_entity", path)  # fmt: skip
        create_organization(platform, actor, organization_kind, name, region_code.strip() or None, details)
    except (CmmmError, ValueError) as error:
        if not isinstance(error, CmmmError):
            raise
        form = {"kind": kind, "name": name, "region_code": region_code, "credit_code": credit_code,
                "industry_code": industry_code}  # fmt: skip
        errors = field_errors(error, request_language(request), lambda location: location.split(".")[-1])
        return _page(request, platform, actor, 422, errors=errors, form=form)
    return RedirectResponse("/admin", status_code=303)


@router.post("/users", response_class=HTMLResponse)
def new_user(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    organization_id: Annotated[str, Form()] = "",
    display_name: Annotated[str, Form()] = "",
    high_maturity: Annotated[bool, Form()] = False,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf_token)
    try:
        organization = int(organization_id) if organization_id.strip() else None
        create_user(platform, actor, username.strip(), password, [Role(role)], organization, display_name.strip(),
                    high_maturity)  # fmt: skip
    except CmmmError as error:
        errors = field_errors(error, request_language(request), lambda location: "user_" + location)
        return _page(request, platform, actor, 422, errors=errors, form={"username": username, "role": role})
    return RedirectResponse("/admin", status_code=303)


@router.get("/models", response_class=HTMLResponse)
def models(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    require(actor, Action.organization_create, Resource())
    catalogue = model_catalogue(request.app.state.settings.data_dir)
    return render(request, "admin/models.html", catalogue=catalogue, report=None)


@router.post("/models", response_class=HTMLResponse)
async def upload_model(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, token if isinstance(token, str) else None)
    upload = form.get("file")
    data_dir = request.app.state.settings.data_dir
    if not isinstance(upload, UploadFile) or not upload.filename:
        report = {
            "valid": False,
            "problems": [("file", "请选择文件" if request_language(request) == "zh" else "choose a file")],
        }
        return render(request, "admin/models.html", status_code=422, catalogue=model_catalogue(data_dir), report=report)
    content = await upload.read(MAX_MODEL_BYTES + 1)
    await upload.close()
    lang = request_language(request)
    try:
        if len(content) > MAX_MODEL_BYTES:
            raise ValueError(upload.filename)
        model = validate_upload(actor, upload.filename, content)
    except CmmmError as error:
        problems = [(p.location, p.zh if lang == "zh" else p.en) for p in error.problems]
        report = {"valid": False, "filename": upload.filename, "message": error.zh if lang == "zh" else error.en,
                  "problems": problems}  # fmt: skip
        return render(request, "admin/models.html", status_code=422, catalogue=model_catalogue(data_dir), report=report)
    except ValueError:
        report = {"valid": False, "filename": upload.filename, "problems": [("file", f"> {MAX_MODEL_BYTES} bytes")]}
        return render(request, "admin/models.html", status_code=422, catalogue=model_catalogue(data_dir), report=report)
    if form.get("install") == "yes":
        install_model(actor, data_dir, model)
    report = {"valid": True, "filename": upload.filename, "ref": model.ref, "hash": model.content_hash,
              "requirements": len(model.index.requirements), "installed": form.get("install") == "yes"}  # fmt: skip
    return render(request, "admin/models.html", catalogue=model_catalogue(data_dir), report=report)
