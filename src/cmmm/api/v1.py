"""The JSON API, version 1. Public: the model, stateless scoring, certificate lookup and verification, and
opening a session; everything else needs a signed-in user and goes through the services, which check who
may see or change what (401 without a session, 403 or 404 for another organization's data)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field
from starlette.requests import Request

from cmmm.api.security import CsrfChecked
from cmmm.engine.answers import answers_from_json
from cmmm.engine.scoring import score
from cmmm.engine.serialize import result_to_dict
from cmmm.errors import CmmmError
from cmmm.model.loader import get_model
from cmmm.services.accounts import authenticate
from cmmm.services.certificates import CertificateView, lookup_certificates
from cmmm.services.errors import RecordNotFound
from cmmm.web.deps import SESSION_USER, CurrentActor, PlatformDep
from cmmm.web.rendering import request_language
from cmmm.web.security import csrf_token

router = APIRouter()


class Credentials(BaseModel):
    username: str = Field(max_length=80)
    password: str = Field(max_length=200)


@router.post("/session", tags=["account"], summary="Sign in; returns the CSRF token for later calls")
def open_session(request: Request, platform: PlatformDep, credentials: Credentials) -> dict[str, Any]:
    throttle = request.app.state.login_throttle
    client = request.client.host if request.client else "unknown"
    keys = (f"user:{credentials.username.lower()}", f"ip:{client}")
    throttle.check(*keys)
    try:
        actor = authenticate(platform, credentials.username, credentials.password)
    except CmmmError:
        throttle.failed(*keys)
        raise
    throttle.succeeded(keys[0])
    request.session.clear()
    request.session[SESSION_USER] = actor.username
    return {"username": actor.username, "roles": sorted(actor.roles), "csrf_token": csrf_token(request)}


@router.delete("/session", tags=["account"], summary="Sign out")
def close_session(request: Request, actor: CurrentActor, _: CsrfChecked) -> dict[str, bool]:
    request.session.clear()
    return {"signed_out": True}


@router.get("/me", tags=["account"], summary="The signed-in user")
def me(actor: CurrentActor) -> dict[str, Any]:
    return {
        "username": actor.username,
        "display_name": actor.display_name,
        "roles": sorted(actor.roles),
        "organization_id": actor.organization_id,
        "region_code": actor.region_code,
    }


@router.get("/model", tags=["model"], summary="The whole maturity model (tree of elements ... requirements)")
def model_tree(model: str | None = None) -> dict[str, Any]:
    found = get_model(model)
    data = found.model_dump(mode="json", exclude_none=True)
    data["content_hash"] = found.content_hash
    return data


@router.post("/score", tags=["scoring"], summary="Score an answers object (same format as `cmmm score`)")
def score_answers(request: Request, answers: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    parsed = answers_from_json(answers)
    model = get_model(answers.get("model") if isinstance(answers.get("model"), str) else None)
    return result_to_dict(model, score(model, parsed), lang=request_language(request))


def certificate_data(certificate: CertificateView) -> dict[str, Any]:
    return {
        "number": certificate.number,
        "enterprise_name": certificate.enterprise_name,
        "credit_code": certificate.credit_code,
        "scope": certificate.scope,
        "level": certificate.level,
        "level_name": certificate.level_name,
        "total_score": certificate.total_score,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "status": certificate.status.value,
    }


@router.get("/certificates", tags=["certificates"], summary="Public certificate lookup (信息查询)")
def certificates(platform: PlatformDep, q: str) -> list[dict[str, Any]]:
    return [certificate_data(c) for c in lookup_certificates(platform, q[:200])]


@router.get("/certificates/verify/{token}", tags=["certificates"], summary="Verify a certificate by its QR token")
def verify(platform: PlatformDep, token: str) -> dict[str, Any]:
    found = lookup_certificates(platform, token[:64])
    if not found:
        raise RecordNotFound("没有与此验证码对应的证书", "no certificate has this verification code")
    return certificate_data(found[0])
