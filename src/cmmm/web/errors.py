"""The one place where domain errors become HTTP statuses: JSON for the API, a page for people.

Every error keeps its Chinese and English text and its located problems, so a form can show each message
next to its field and an API client can read the location.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from cmmm.errors import (
    AnswersInvalid,
    CmmmError,
    Lang,
    ModelInvalid,
    ModelNotFound,
    TargetLevelInvalid,
    TargetUnreachable,
)
from cmmm.services.errors import (
    ApplicationRefused,
    CredentialsInvalid,
    EvidenceRejected,
    InputInvalid,
    PermissionDenied,
    RatingConflict,
    RecordNotFound,
    TransitionInvalid,
)
from cmmm.web.deps import SignInRequired
from cmmm.web.rendering import render, request_language
from cmmm.web.security import CsrfRejected, LoginThrottled

STATUS_OF: dict[type[CmmmError], int] = {
    SignInRequired: 401,
    CredentialsInvalid: 401,
    PermissionDenied: 403,
    CsrfRejected: 403,
    RecordNotFound: 404,
    ModelNotFound: 404,
    RatingConflict: 409,
    TransitionInvalid: 409,
    ApplicationRefused: 422,
    InputInvalid: 422,
    AnswersInvalid: 422,
    ModelInvalid: 422,
    EvidenceRejected: 422,
    TargetLevelInvalid: 422,
    TargetUnreachable: 422,
    LoginThrottled: 429,
}


def status_of(error: CmmmError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS_OF:
            return STATUS_OF[kind]
    return 400


def error_body(error: CmmmError, lang: str) -> dict[str, Any]:
    code: Lang = "en" if lang == "en" else "zh"
    return {
        "error": {
            "type": type(error).__name__,
            "message": error.text(code).splitlines()[0],
            "problems": [{"location": p.location, "message": p.zh if code == "zh" else p.en} for p in error.problems],
        }
    }


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def handle_domain_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CmmmError)
    status = status_of(error)
    lang = request_language(request)
    if is_api(request):
        return JSONResponse(error_body(error, lang), status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return render(request, "error.html", status_code=status, error=error_body(error, lang)["error"], status=status)


async def handle_request_invalid(request: Request, error: Exception) -> Response:
    """FastAPI's own validation errors (a malformed JSON body) in the same shape as the domain errors."""
    assert isinstance(error, RequestValidationError)
    lang = request_language(request)
    problems = [
        {"location": ".".join(str(part) for part in item["loc"]), "message": item["msg"]} for item in error.errors()
    ]
    message = "请求内容有误" if lang == "zh" else "the request is invalid"
    return JSONResponse({"error": {"type": "RequestInvalid", "message": message, "problems": problems}}, 422)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CmmmError, handle_domain_error)
    app.add_exception_handler(RequestValidationError, handle_request_invalid)
