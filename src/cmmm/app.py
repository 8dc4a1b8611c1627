"""``create_app(settings)``: the one place where the platform is wired together.

It opens the platform's database (which must be at the current schema: ``cmmm db upgrade``), mounts the
packaged static files (no CDN: everything is served from the package), installs sessions and the error
handlers, and includes the pages and the JSON API under ``/api/v1``.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from cmmm import __version__
from cmmm.api.enterprises import router as api_enterprises
from cmmm.api.region import router as api_region
from cmmm.api.v1 import router as api_v1
from cmmm.api.viewers import router as api_viewers
from cmmm.services.admin_views import model_resolver
from cmmm.services.maintenance import open_platform
from cmmm.services.platform import Platform
from cmmm.settings import Settings
from cmmm.web.errors import install_error_handlers
from cmmm.web.routes_admin import router as admin_pages
from cmmm.web.routes_assessment import router as assessment_pages
from cmmm.web.routes_assessment_reports import router as assessment_reports
from cmmm.web.routes_body import router as body_pages
from cmmm.web.routes_enterprise import router as enterprise_pages
from cmmm.web.routes_enterprise_process import router as enterprise_process_pages
from cmmm.web.routes_enterprise_profile import router as enterprise_profile_pages
from cmmm.web.routes_policies import router as policy_pages
from cmmm.web.routes_public import router as public_pages
from cmmm.web.routes_region import router as region_pages
from cmmm.web.routes_review import router as review_pages
from cmmm.web.routes_viewer import router as viewer_pages
from cmmm.web.routes_workspace import router as workspace_pages
from cmmm.web.security import LoginThrottle

SESSION_MAX_AGE = 8 * 3600

API_ROUTERS: list[tuple[str, APIRouter]] = [
    ("/api/v1", api_v1),
    ("/api/v1", api_enterprises),
    ("/api/v1", api_region),
    ("/api/v1", api_viewers),
]
PAGE_ROUTERS: list[APIRouter] = [
    public_pages,
    enterprise_pages,
    enterprise_process_pages,
    enterprise_profile_pages,
    body_pages,
    assessment_pages,
    workspace_pages,
    review_pages,
    region_pages,
    policy_pages,
    viewer_pages,
    admin_pages,
    assessment_reports,
]
"""Every router, in the order they are included (one entry per area of the site)."""


def create_app(settings: Settings, platform: Platform | None = None) -> FastAPI:
    settings.check()
    app = FastAPI(
        title="cmmm — 智能制造能力成熟度评估平台",
        version=__version__,
        description="CMMM (GB/T 39116-2020, GB/T 39117-2020) assessment platform: JSON API.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    opened = platform or open_platform(settings, models=model_resolver(settings.data_dir))
    app.state.platform = replace(opened, peer_min_group=settings.peer_min_group)  # the settings' limits win
    app.state.login_throttle = LoginThrottle()
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="cmmm_session",
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.is_production,
    )
    static = resources.files("cmmm.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    install_error_handlers(app)
    for prefix, api_router in API_ROUTERS:
        app.include_router(api_router, prefix=prefix)
    for page_router in PAGE_ROUTERS:
        app.include_router(page_router)
    return app
