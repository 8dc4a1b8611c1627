"""Dependencies shared by the pages and the API: the platform, and who is signed in.

Typed aliases (``PlatformDep``, ``OptionalActor``, ``CurrentActor``) keep route signatures short and make the
one rule visible: a route that needs a user asks for ``CurrentActor`` and gets 401 (API) or the login page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from cmmm.errors import CmmmError
from cmmm.services.accounts import load_actor
from cmmm.services.actors import Actor
from cmmm.services.errors import CredentialsInvalid
from cmmm.services.platform import Platform

SESSION_USER = "user"


class SignInRequired(CmmmError):
    """The request needs a signed-in user."""


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


PlatformDep = Annotated[Platform, Depends(get_platform)]


def optional_actor(request: Request, platform: PlatformDep) -> Actor | None:
    """The signed-in actor, reloaded on every request so that a revoked role takes effect at once."""
    username = request.session.get(SESSION_USER)
    if not isinstance(username, str):
        return None
    try:
        actor = load_actor(platform, username)
    except CredentialsInvalid:
        request.session.pop(SESSION_USER, None)
        return None
    request.state.actor = actor
    return actor


OptionalActor = Annotated[Actor | None, Depends(optional_actor)]


def current_actor(actor: OptionalActor) -> Actor:
    if actor is None:
        raise SignInRequired("请先登录", "please sign in first")
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]
