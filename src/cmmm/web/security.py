"""Protections every page shares: CSRF tokens bound to the session, and a throttle on failed logins.

Sessions are signed cookies (Starlette's SessionMiddleware, HttpOnly, SameSite=Lax, Secure in production);
forms carry the session's CSRF token and every unsafe request is refused without it. The login throttle is in
memory: one process serves the platform, and a restart forgetting failures is acceptable.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.requests import Request

from cmmm.errors import CmmmError

CSRF_SESSION_KEY = "csrf"
CSRF_FORM_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class CsrfRejected(CmmmError):
    """A state-changing request came without the session's CSRF token."""


class LoginThrottled(CmmmError):
    """Too many failed logins for this account or address; wait before trying again."""


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_SESSION_KEY] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(expected, str) or not submitted or not secrets.compare_digest(expected, submitted):
        raise CsrfRejected("请求缺少有效的 CSRF 令牌，请刷新页面后重试", "missing or wrong CSRF token; reload the page")


class LoginThrottle:
    """At most ``attempts`` failures per key within ``window`` seconds; a success clears the key."""

    def __init__(self, attempts: int = 5, window: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and self.clock() - failures[0] > self.window:
            failures.popleft()
        return failures

    def check(self, *keys: str) -> None:
        with self._lock:
            if any(len(self._recent(key)) >= self.attempts for key in keys):
                minutes = int(self.window // 60)
                raise LoginThrottled(
                    f"登录失败次数过多，请 {minutes} 分钟后再试",
                    f"too many failed logins; try again in {minutes} minutes",
                )

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._recent(key).append(self.clock())

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
