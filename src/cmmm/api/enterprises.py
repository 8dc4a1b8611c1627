"""Enterprise resources: the profile (read, change), self-assessments (list, record, read) and formal
assessments (list, apply), each permission-checked by the services."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.requests import Request

from cmmm.api.security import CsrfChecked
from cmmm.engine.answers import answers_from_json
from cmmm.engine.serialize import result_to_dict
from cmmm.services.applications import ApplicationForm, submit_application
from cmmm.services.enterprise_profile import EditableProfile, ProfileChanges, update_enterprise_profile
from cmmm.services.enterprise_profile import enterprise_profile as editable_profile
from cmmm.services.enterprise_views import (
    enterprise_assessments,
    enterprise_profile,
    get_self_assessment,
    self_assessment_result,
)
from cmmm.services.self_assessment import list_self_assessments, record_self_assessment
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.rendering import request_language

router = APIRouter(tags=["enterprises"])


@router.get("/enterprises/{enterprise_id}", summary="An enterprise's profile")
def enterprise(request: Request, platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> dict[str, Any]:
    profile = enterprise_profile(platform, actor, enterprise_id, request_language(request))
    return profile.__dict__


@router.get("/enterprises/{enterprise_id}/self-assessments", summary="An enterprise's self-assessments")
def self_assessments(platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> list[dict[str, Any]]:
    return [
        {"id": r.id, "created_at": r.created_at.isoformat(), "label": r.label, "level": r.level,
         "total_score_exact": r.total_score_exact, "model": f"{r.model_id}@{r.model_version}"}
        for r in list_self_assessments(platform, actor, enterprise_id)
    ]  # fmt: skip


@router.post("/enterprises/{enterprise_id}/self-assessments", status_code=201, summary="Record a self-assessment")
def new_self_assessment(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    _: CsrfChecked,
    enterprise_id: int,
    answers: dict[str, Any] = Body(...),  # noqa: B008
) -> dict[str, Any]:
    enterprise_profile(platform, actor, enterprise_id)  # refuses another organization before reading the body
    parsed = answers_from_json(answers)
    model_ref = answers.get("model") if isinstance(answers.get("model"), str) else None
    record_id = record_self_assessment(platform, actor, enterprise_id, parsed, model_ref)
    return {"id": record_id, **self_assessment(request, platform, actor, record_id)}


@router.get("/self-assessments/{record_id}", summary="A self-assessment's full result")
def self_assessment(request: Request, platform: PlatformDep, actor: CurrentActor, record_id: int) -> dict[str, Any]:
    record = get_self_assessment(platform, actor, record_id)
    model, result = self_assessment_result(platform, record)
    return {"label": record.label, "result": result_to_dict(model, result, lang=request_language(request))}


@router.get("/enterprises/{enterprise_id}/assessments", summary="An enterprise's formal assessments")
def assessments(platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> list[dict[str, Any]]:
    return [a.__dict__ for a in enterprise_assessments(platform, actor, enterprise_id)]


class ApplicationIn(BaseModel):
    body_id: int
    target_level: int = Field(ge=1, le=5)
    scope_kind: Literal["enterprise", "plant", "workshop", "business_unit"] = "enterprise"
    scope_description: str = Field(default="", max_length=500)


@router.post("/enterprises/{enterprise_id}/applications", status_code=201, summary="Apply for formal assessment")
def apply(
    platform: PlatformDep, actor: CurrentActor, _: CsrfChecked, enterprise_id: int, application: ApplicationIn
) -> dict[str, Any]:
    form = ApplicationForm(enterprise_id, application.body_id, application.target_level, application.scope_kind,
                           application.scope_description)  # fmt: skip
    return {"assessment_id": submit_application(platform, actor, form), "state": "applied"}


class ProfileIn(BaseModel):
    """The fields of the profile to change; a field left out stays as it is, an unknown field is refused.
    ``parent_credit_code`` alone may be ``null`` (or ``""``), which clears it; the service checks the values."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=200)
    region_code: str | None = Field(default=None, max_length=20)
    industry_code: str | None = Field(default=None, max_length=20)
    size_class: str | None = Field(default=None, max_length=20)
    above_designated_size: bool | None = None
    entity_kind: str | None = Field(default=None, max_length=20)
    path: str | None = Field(default=None, max_length=20)
    in_operation: bool | None = None
    has_it_basis: bool | None = None
    parent_credit_code: str | None = Field(default=None, max_length=40)
    credit_code: str | None = Field(default=None, max_length=40, description="a platform admin only")

    @model_validator(mode="after")
    def _no_other_nulls(self) -> ProfileIn:
        nulls = sorted(n for n in self.model_fields_set if getattr(self, n) is None and n != "parent_credit_code")
        if nulls:
            raise ValueError(f"only parent_credit_code may be null, not {', '.join(nulls)}")
        return self

    def changes(self) -> ProfileChanges:
        given = self.model_dump(exclude_unset=True)
        if "parent_credit_code" in given:
            given["parent_credit_code"] = given["parent_credit_code"] or ""
        return ProfileChanges(**given)


def _may_edit(platform: PlatformDep, actor: CurrentActor, enterprise_id: int) -> EditableProfile:
    """A dependency, so that another organization is refused (403) before its body is validated."""
    return editable_profile(platform, actor, enterprise_id)


@router.patch("/enterprises/{enterprise_id}", summary="Change an enterprise's profile")
def change_profile(
    platform: PlatformDep,
    actor: CurrentActor,
    _: CsrfChecked,
    editable: Annotated[EditableProfile, Depends(_may_edit)],
    enterprise_id: int,
    profile: ProfileIn,
) -> dict[str, Any]:
    return update_enterprise_profile(platform, actor, enterprise_id, profile.changes()).__dict__
