"""Pages anyone may open: the home page explaining CMMM, the model, certificate lookup and verification,
and signing in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cmmm.errors import CmmmError
from cmmm.model.loader import default_model
from cmmm.services.accounts import authenticate
from cmmm.services.certificates import lookup_certificates
from cmmm.web.deps import SESSION_USER, OptionalActor, PlatformDep
from cmmm.web.rendering import render, request_language
from cmmm.web.security import check_csrf

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, actor: OptionalActor) -> Response:
    return render(request, "home.html", model=default_model())


@router.get("/model", response_class=HTMLResponse)
def model_page(request: Request, actor: OptionalActor, subdomain: str | None = None) -> Response:
    model = default_model()
    selected = model.index.subdomains.get(subdomain or "")
    return render(request, "model.html", model=model, selected=selected)


@router.get("/certificates", response_class=HTMLResponse)
def certificate_lookup(request: Request, platform: PlatformDep, actor: OptionalActor, q: str = "") -> Response:
    found = lookup_certificates(platform, q[:200]) if q.strip() else []
    return render(request, "lookup.html", query=q, certificates=found)


@router.get("/verify/{token}", response_class=HTMLResponse)
def verify_certificate(request: Request, platform: PlatformDep, actor: OptionalActor, token: str) -> Response:
    found = lookup_certificates(platform, token[:64])
    certificate = found[0] if found else None
    return render(request, "verify.html", certificate=certificate, status_code=200 if certificate else 404)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, actor: OptionalActor, next: str = "/") -> Response:
    return render(request, "login.html", next=_safe_next(next), username="", error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    platform: PlatformDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf_token)
    throttle = request.app.state.login_throttle
    client = request.client.host if request.client else "unknown"
    keys = (f"user:{username.lower()}", f"ip:{client}")
    lang = request_language(request)
    try:
        throttle.check(*keys)
        actor = authenticate(platform, username, password)
    except CmmmError as error:
        throttle.failed(*keys)
        message = error.zh if lang == "zh" else error.en
        status = 429 if type(error).__name__ == "LoginThrottled" else 401
        return render(
            request, "login.html", status_code=status, next=_safe_next(next), username=username, error=message
        )
    throttle.succeeded(keys[0])
    request.session.clear()
    request.session[SESSION_USER] = actor.username
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


def _safe_next(target: str) -> str:
    """Only same-site paths, so that the login form cannot be used to redirect elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
