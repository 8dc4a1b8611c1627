"""The JSON API, version 1. Public: the model, stateless scoring and certificate lookup; the rest needs a
signed-in user and checks, through the services, who may see or change what."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from starlette.requests import Request

from cmmm.engine.answers import answers_from_json
from cmmm.engine.scoring import score
from cmmm.engine.serialize import result_to_dict
from cmmm.model.loader import get_model
from cmmm.services.certificates import lookup_certificates
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.rendering import request_language

router = APIRouter()


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
    result = score(model, parsed)
    return result_to_dict(model, result, lang=request_language(request))


@router.get("/certificates", tags=["certificates"], summary="Public certificate lookup (信息查询)")
def certificates(platform: PlatformDep, q: str) -> list[dict[str, Any]]:
    return [
        {
            "number": c.number,
            "enterprise_name": c.enterprise_name,
            "credit_code": c.credit_code,
            "scope": c.scope,
            "level": c.level,
            "level_name": c.level_name,
            "total_score": c.total_score,
            "issued_on": c.issued_on.isoformat(),
            "valid_until": c.valid_until.isoformat(),
            "status": c.status.value,
        }
        for c in lookup_certificates(platform, q[:200])
    ]


@router.get("/me", tags=["account"], summary="The signed-in user")
def me(actor: CurrentActor) -> dict[str, Any]:
    return {
        "username": actor.username,
        "display_name": actor.display_name,
        "roles": sorted(actor.roles),
        "organization_id": actor.organization_id,
        "region_code": actor.region_code,
    }
