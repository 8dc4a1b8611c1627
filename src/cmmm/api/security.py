"""API sessions: the same signed session cookie as the pages, opened with ``POST /api/v1/session``; every
state-changing call carries the session's CSRF token in the ``X-CSRF-Token`` header."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from starlette.requests import Request

from cmmm.web.security import check_csrf


def api_csrf(request: Request, x_csrf_token: Annotated[str | None, Header()] = None) -> None:
    check_csrf(request, x_csrf_token)


CsrfChecked = Annotated[None, Depends(api_csrf)]
