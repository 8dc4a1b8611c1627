"""Every router of the web application and the API, in the order they are included by ``create_app``."""

from __future__ import annotations

from fastapi import APIRouter

from cmmm.api.v1 import router as api_v1
from cmmm.web.routes_enterprise import router as enterprise
from cmmm.web.routes_public import router as public

API_ROUTERS: list[tuple[str, APIRouter]] = [("/api/v1", api_v1)]
PAGE_ROUTERS: list[APIRouter] = [public, enterprise]
