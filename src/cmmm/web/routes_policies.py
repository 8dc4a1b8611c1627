"""Editing the policies in the web app (officials and platform admins): the active policies and the history
of versions, one policy's YAML to edit (or a new policy, or the whole set), a check that lists every problem
with its path and line without saving, saving with a note, and viewing and restoring an earlier version.

Officials edit one policy at a time: a block of twenty lines is what they can check by eye, and the service
splices it into the set. Every check and every permission is the service's; these routes only show it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import CmmmError, Lang
from cmmm.services.actors import Actor, Role
from cmmm.services.errors import InputInvalid
from cmmm.services.platform import Platform
from cmmm.services.policy_blocks import PolicyEdit, check_policy_edit, policy_block, save_policy_edit
from cmmm.services.policy_editing import (
    CheckedSet,
    active_policy_text,
    check_policy_set,
    editable_policies,
    policy_version,
    policy_versions,
    restore_version,
    save_policy_set,
)
from cmmm.services.policy_errors import PolicyOutsideRegion, PolicySetChanged, PolicySetInvalid
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.i18n import gettext_for
from cmmm.web.policy_summary import benefit_summary
from cmmm.web.region_labels import region_label
from cmmm.web.rendering import register_nav, render, request_language
from cmmm.web.security import check_csrf

router = APIRouter(prefix="/policies")
register_nav("/policies", "Edit policies", Role.government_official, Role.platform_admin)

NEW_POLICY = """\
id: new_policy
region: "{region}"
issuer: {{zh: 发文部门, en: issuing department}}
title: {{zh: 政策名称, en: title of the policy}}
source: {{zh: 政策来源, en: source of the policy}}
kind: award
conditions:
  min_result: certified
benefits:
  - kind: award
    one_off: true
    per_level:
      - {{level: 2, amount_yuan: 200000}}
      - {{level: 3, amount_yuan: 500000}}
"""


@dataclass(frozen=True)
class ShownProblem:
    location: str
    line: int | None
    message: str


@dataclass(frozen=True)
class EditForm:
    """What an edit page shows: the text, the version it is based on, and the outcome of a check or a save."""

    mode: str
    """``policy`` (one policy), ``new`` (a new policy) or ``set`` (the whole set)."""
    action: str
    text: str
    base_version: int
    policy_id: str = ""
    note: str = ""
    message: str = ""
    problems: tuple[ShownProblem, ...] = ()
    checked: CheckedSet | None = None


def _problems(error: CmmmError, lang: Lang) -> tuple[ShownProblem, ...]:
    if isinstance(error, PolicySetInvalid | PolicyOutsideRegion):
        pairs = zip(error.raw, error.lines, strict=True)
    else:
        pairs = zip(error.problems, [None] * len(error.problems), strict=True)
    shown = [ShownProblem(p.location, line, p.zh if lang == "zh" else p.en) for p, line in pairs]
    return tuple(sorted(shown, key=lambda p: (p.line is None, p.line or 0)))


def _status(error: CmmmError) -> int:
    if isinstance(error, PolicyOutsideRegion):
        return 403
    return 409 if isinstance(error, PolicySetChanged) else 422


def _edit_page(request: Request, form: EditForm, status_code: int = 200) -> Response:
    return render(request, "policies/edit.html", status_code=status_code, form=form)


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _int(value: str, default: int = -1) -> int:
    try:
        return int(value)
    except ValueError:
        return default


@router.get("", response_class=HTMLResponse)
def index_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    lang = request_language(request)
    rows = [
        (policy, editable, region_label(policy.region, lang), benefit_summary(policy, lang))
        for policy, editable in editable_policies(platform, actor)
    ]
    active = active_policy_text(platform, actor)
    return render(
        request, "policies/index.html", rows=rows, versions=policy_versions(platform, actor),
        active_version=active.version_id, saved=request.query_params.get("saved"),
    )  # fmt: skip


@router.get("/edit/{policy_id}", response_class=HTMLResponse)
def edit_page(request: Request, platform: PlatformDep, actor: CurrentActor, policy_id: str) -> Response:
    version, block = policy_block(platform, actor, policy_id)
    form = EditForm("policy", f"/policies/edit/{policy_id}", block, version, policy_id=policy_id)
    return _edit_page(request, form)


@router.get("/new", response_class=HTMLResponse)
def new_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    version = active_policy_text(platform, actor).version_id
    text = NEW_POLICY.format(region=actor.region_code or "000000")
    return _edit_page(request, EditForm("new", "/policies/new", text, version))


@router.get("/set", response_class=HTMLResponse)
def set_page(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    active = active_policy_text(platform, actor)
    return _edit_page(request, EditForm("set", "/policies/set", active.text, active.version_id))


def _checked(platform: Platform, actor: Actor, form: EditForm) -> CheckedSet:
    if form.mode == "set":
        return check_policy_set(platform, actor, form.text, form.base_version)
    return check_policy_edit(platform, actor, PolicyEdit(form.policy_id or None, form.text, form.base_version))


def _saved(platform: Platform, actor: Actor, form: EditForm, remove: bool) -> int:
    if form.mode == "set":
        return save_policy_set(platform, actor, form.text, form.note, form.base_version)
    edit = PolicyEdit(form.policy_id or None, form.text, form.base_version, remove)
    return save_policy_edit(platform, actor, edit, form.note)


async def _submit(request: Request, platform: Platform, actor: Actor, page: EditForm) -> Response:
    """Check (``do=validate``), save (``do=save``) or remove (``do=remove``) and show the outcome."""
    data = await request.form()
    check_csrf(request, _text(data, "csrf_token"))
    lang = request_language(request)
    do = _text(data, "do")
    form = replace(
        page, text=_text(data, "text"), base_version=_int(_text(data, "base_version")), note=_text(data, "note").strip()
    )
    try:
        if do in ("save", "remove"):
            version = _saved(platform, actor, form, remove=do == "remove" and form.mode == "policy")
            return RedirectResponse(f"/policies?saved={version}", status_code=303)
        checked = _checked(platform, actor, form)
    except (InputInvalid, PolicyOutsideRegion) as error:
        message = error.text(lang).splitlines()[0]
        return _edit_page(request, replace(form, message=message, problems=_problems(error, lang)), _status(error))
    _ = gettext_for(lang)
    message = _("No problems found. Nothing has been saved yet.")
    return _edit_page(request, replace(form, message=message, checked=checked))


@router.post("/edit/{policy_id}", response_class=HTMLResponse)
async def edit_submit(request: Request, platform: PlatformDep, actor: CurrentActor, policy_id: str) -> Response:
    form = EditForm("policy", f"/policies/edit/{policy_id}", "", 0, policy_id=policy_id)
    return await _submit(request, platform, actor, form)


@router.post("/new", response_class=HTMLResponse)
async def new_submit(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return await _submit(request, platform, actor, EditForm("new", "/policies/new", "", 0))


@router.post("/set", response_class=HTMLResponse)
async def set_submit(request: Request, platform: PlatformDep, actor: CurrentActor) -> Response:
    return await _submit(request, platform, actor, EditForm("set", "/policies/set", "", 0))


@router.get("/versions/{version_id}", response_class=HTMLResponse)
def version_page(request: Request, platform: PlatformDep, actor: CurrentActor, version_id: int) -> Response:
    view, text = policy_version(platform, actor, version_id)
    active = active_policy_text(platform, actor).version_id
    return render(request, "policies/version.html", view=view, version_id=version_id, text=text, active=active)


@router.post("/versions/{version_id}/restore", response_class=HTMLResponse)
async def restore_submit(request: Request, platform: PlatformDep, actor: CurrentActor, version_id: int) -> Response:
    data = await request.form()
    check_csrf(request, _text(data, "csrf_token"))
    version = restore_version(platform, actor, version_id, _text(data, "note"))
    return RedirectResponse(f"/policies?saved={version}", status_code=303)
