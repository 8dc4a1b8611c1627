"""PATCH /api/v1/enterprises/{id}: the enterprise admin changes its profile with a JSON body of the fields to
change (unknown fields refused), needs the CSRF header, gets every problem located, and cannot change the
credit code, which a platform admin can. Each test restores the demo enterprise it changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cmmm.codes.credit_code import make_credit_code
from cmmm.services.accounts import load_actor
from cmmm.services.enterprise_profile import FIELDS, EditableProfile, enterprise_profile
from cmmm.services.platform import Platform
from tests.api.conftest import session


def _current(platform: Platform) -> EditableProfile:
    factory = load_actor(platform, "factory")
    assert factory.organization_id is not None
    return enterprise_profile(platform, load_actor(platform, "admin"), factory.organization_id)


@pytest.fixture
def before(platform: Platform, client: TestClient) -> Iterator[EditableProfile]:
    profile = _current(platform)
    yield profile
    token = session(client, "admin")
    body = {name: value for name, value in asdict(profile).items() if name in FIELDS}
    restored = client.patch(_path(profile), json=body, headers={"X-CSRF-Token": token})
    assert restored.status_code == 200, restored.text
    assert _current(platform) == profile


def _path(profile: EditableProfile) -> str:
    return f"/api/v1/enterprises/{profile.enterprise_id}"


def _patch(client: TestClient, profile: EditableProfile, token: str | None, body: dict[str, Any]) -> Any:
    headers = {"X-CSRF-Token": token} if token else {}
    return client.patch(_path(profile), json=body, headers=headers)


def test_the_enterprise_admin_changes_its_profile(
    client: TestClient, platform: Platform, before: EditableProfile
) -> None:
    token = session(client, "factory")
    size = "large" if before.size_class != "large" else "small"
    changed = _patch(client, before, token, {"region_code": "320506", "size_class": size, "has_it_basis": False})
    assert changed.status_code == 200, changed.text
    assert changed.json() == asdict(_current(platform)) | {"credit_code_editable": False}
    assert (changed.json()["region_code"], changed.json()["size_class"]) == ("320506", size)
    assert client.get(_path(before)).json()["region_code"] == "320506"  # the profile everyone reads follows


def test_a_change_needs_the_csrf_header(client: TestClient, platform: Platform) -> None:
    profile = _current(platform)
    session(client, "factory")
    assert _patch(client, profile, None, {"name": "改名"}).status_code == 403
    assert _current(platform) == profile


def test_unknown_fields_and_nulls_are_refused(client: TestClient, platform: Platform) -> None:
    profile = _current(platform)
    token = session(client, "factory")
    unknown = _patch(client, profile, token, {"name": "改名", "colour": "red"})
    assert unknown.status_code == 422
    assert [p["location"] for p in unknown.json()["error"]["problems"]] == ["body.colour"]
    assert _patch(client, profile, token, {"name": None}).status_code == 422
    assert _current(platform) == profile


def test_every_problem_is_located_and_nothing_is_stored(client: TestClient, platform: Platform) -> None:
    profile = _current(platform)
    token = session(client, "factory")
    refused = _patch(client, profile, token, {"region_code": "999999", "industry_code": "9x", "entity_kind": "firm"})
    assert refused.status_code == 422
    assert refused.json()["error"]["type"] == "InputInvalid"
    locations = sorted(p["location"] for p in refused.json()["error"]["problems"])
    assert locations == ["entity_kind", "industry_code", "region_code"]
    assert _current(platform) == profile


def test_other_users_are_refused_before_the_body_is_read(client: TestClient, platform: Platform) -> None:
    profile = _current(platform)
    assert _patch(client, profile, None, {"name": "改名"}).status_code == 401
    for username in ("factory-staff", "investor", "official", "body"):
        token = session(client, username)
        assert _patch(client, profile, token, {"name": "改名"}).status_code == 403, username
        assert _patch(client, profile, token, {"unknown": 1}).status_code == 403, username
    assert _current(platform) == profile


def test_only_the_platform_admin_changes_the_credit_code(
    client: TestClient, platform: Platform, before: EditableProfile
) -> None:
    new_code = make_credit_code("320505", 5151)
    token = session(client, "factory")
    refused = _patch(client, before, token, {"credit_code": new_code})
    assert refused.status_code == 403
    assert [p["location"] for p in refused.json()["error"]["problems"]] == ["credit_code"]
    token = session(client, "admin")
    changed = _patch(client, before, token, {"credit_code": new_code, "parent_credit_code": None})
    assert changed.status_code == 200, changed.text
    assert changed.json()["credit_code"] == new_code and changed.json()["credit_code_editable"]
