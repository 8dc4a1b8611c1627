"""Every endpoint of the JSON API: public ones work without a session; every other one answers 401 without a
session and 403 or 404 for another organization's data; state changes need the session's CSRF token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cmmm.app import API_ROUTERS
from cmmm.model.loader import default_model
from cmmm.services.accounts import load_actor
from cmmm.services.platform import Platform
from tests.api.conftest import session

PUBLIC = {
    ("POST", "/api/v1/session"),
    ("GET", "/api/v1/model"),
    ("POST", "/api/v1/score"),
    ("GET", "/api/v1/certificates"),
    ("GET", "/api/v1/certificates/verify/{token}"),
}


def endpoints() -> Iterator[tuple[str, str]]:
    for prefix, router in API_ROUTERS:
        for route in router.routes:
            for method in sorted(getattr(route, "methods", ())):
                yield method, prefix + route.path  # type: ignore[attr-defined]


def concrete(path: str, ids: dict[str, int]) -> str:
    for name, value in ids.items():
        path = path.replace("{" + name + "}", str(value))
    return path.replace("{token}", "abc")


@pytest.fixture
def ids(platform: Platform) -> dict[str, int]:
    factory = load_actor(platform, "factory")
    assert factory.organization_id is not None
    return {"enterprise_id": factory.organization_id, "record_id": 1, "assessment_id": 1}


def test_the_api_is_documented_in_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for _, path in endpoints():
        assert path in paths


def test_anonymous_calls_to_non_public_endpoints_get_401(client: TestClient, ids: dict[str, int]) -> None:
    checked = 0
    for method, path in endpoints():
        if (method, path) in PUBLIC:
            continue
        response = client.request(method, concrete(path, ids), json={})
        assert response.status_code == 401, (method, path, response.status_code)
        checked += 1
    assert checked >= 7


def test_another_organization_gets_403_or_404(client: TestClient, ids: dict[str, int]) -> None:
    token = session(client, "investor")  # nothing shared with this investor
    checked = 0
    for method, path in endpoints():
        if (method, path) in PUBLIC or "{" not in path:
            continue
        response = client.request(method, concrete(path, ids), json={"body_id": 1, "target_level": 2},
                                  headers={"X-CSRF-Token": token})  # fmt: skip
        assert response.status_code in (403, 404), (method, path, response.status_code, response.text)
        checked += 1
    assert checked >= 6


def test_state_changes_need_the_csrf_header(client: TestClient, ids: dict[str, int]) -> None:
    session(client, "factory")
    ratings = dict.fromkeys(default_model().index.requirements, "largely")
    answers = {"industry": "discrete", "target_level": 5, "ratings": ratings}
    path = f"/api/v1/enterprises/{ids['enterprise_id']}/self-assessments"
    assert client.post(path, json=answers).status_code == 403


def test_an_enterprise_records_and_reads_its_self_assessments(client: TestClient, ids: dict[str, int]) -> None:
    token = session(client, "factory")
    ratings = dict.fromkeys(default_model().index.requirements, "largely")
    answers = {"industry": "discrete", "target_level": 5, "ratings": ratings}
    path = f"/api/v1/enterprises/{ids['enterprise_id']}/self-assessments"
    created = client.post(path, json=answers, headers={"X-CSRF-Token": token})
    assert created.status_code == 201
    assert created.json()["result"]["level"] == 4  # every level at exactly 0.8: S = 4.0
    listed = client.get(path).json()
    assert any(item["id"] == created.json()["id"] for item in listed)
    assert client.get(f"/api/v1/self-assessments/{created.json()['id']}").json()["label"] == "self_declared"
    profile = client.get(f"/api/v1/enterprises/{ids['enterprise_id']}").json()
    assert profile["name"] == "苏州示范精密机械有限公司"


def test_bad_bodies_get_located_errors(client: TestClient, ids: dict[str, int]) -> None:
    token = session(client, "factory")
    response = client.post(f"/api/v1/enterprises/{ids['enterprise_id']}/applications", json={"target_level": 9},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    assert response.status_code == 422
    locations = {p["location"] for p in response.json()["error"]["problems"]}
    assert {"body.body_id", "body.target_level"} <= locations


def test_signing_in_is_throttled(client: TestClient) -> None:
    statuses = [
        client.post("/api/v1/session", json={"username": "supplier", "password": "wrong-one"}).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]
