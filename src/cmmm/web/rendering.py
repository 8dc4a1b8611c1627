"""Rendering pages: one Jinja2 environment, and the context every page gets (language, translations, the
signed-in user, the CSRF token, the model's provenance statement)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from cmmm.services.actors import Actor, Role
from cmmm.web.i18n import LANGUAGE_COOKIE, Lang, gettext_for, pick_language
from cmmm.web.security import csrf_token

TEMPLATES = Jinja2Templates(directory=str(resources.files("cmmm.web") / "templates"))
TEMPLATES.env.autoescape = True


@dataclass(frozen=True)
class NavLink:
    href: str
    label: str
    roles: frozenset[Role]


NAVIGATION: list[NavLink] = []
"""The role pages, registered by their route modules; each user sees the links of their roles."""


def register_nav(href: str, label: str, *roles: Role) -> None:
    NAVIGATION.append(NavLink(href, label, frozenset(roles)))


def nav_links(actor: Actor) -> list[NavLink]:
    return [link for link in NAVIGATION if link.roles & actor.roles]


TEMPLATES.env.globals["nav_links"] = nav_links


def request_language(request: Request) -> Lang:
    return pick_language(request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE))


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = request_language(request)
    actor = getattr(request.state, "actor", None)
    base = {
        "request": request,
        "lang": lang,
        "_": gettext_for(lang),
        "actor": actor,
        "csrf_token": csrf_token(request),
        "path": request.url.path,
    }
    response = TEMPLATES.TemplateResponse(request, template, {**base, **context}, status_code=status_code)
    if request.query_params.get("lang") == lang:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="lax")
    return response
