"""The official's JSON API on the demo site: the dashboard, benchmarks, recognitions and policies give the
services' figures for the official's region, and refuse another region, other roles and a missing CSRF header."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from cmmm.services.accounts import load_actor
from cmmm.services.benchmarks import Criteria, rank_enterprises
from cmmm.services.dashboards import region_dashboard
from cmmm.services.platform import Platform
from cmmm.services.region_policies import region_policies
from cmmm.store.organizations import Organization
from tests.api.conftest import session

READS = ("/api/v1/region/dashboard", "/api/v1/region/benchmarks", "/api/v1/region/recognitions",
         "/api/v1/region/policies")  # fmt: skip


def as_levels(counts: dict[int, int]) -> dict[str, int]:
    return {str(level): count for level, count in counts.items()}


@pytest.mark.parametrize("target", [3, 2])
def test_the_dashboard_gives_the_services_figures(client: TestClient, platform: Platform, target: int) -> None:
    session(client, "official")
    data = client.get(f"/api/v1/region/dashboard?target={target}&lang=en").json()
    expected = region_dashboard(platform, load_actor(platform, "official"), None, target)
    assert data["region_code"] == "320000" and data["region_name"] == "Jiangsu"
    assert data["self_declared"] == {"enterprises": expected.enterprises, "by_level": as_levels(expected.by_level)}
    assert data["certified"] == {"enterprises": expected.certified, "by_level": as_levels(expected.certified_by_level)}
    assert expected.enterprises > 0
    for key, counts in (("by_subregion", expected.by_subregion), ("by_industry", expected.by_industry),
                        ("by_size", expected.by_size), ("by_year", expected.by_year)):  # fmt: skip
        assert {g["code"]: g["by_level"] for g in data[key]} == {k: as_levels(v) for k, v in counts.items()}, key
        assert sum(g["enterprises"] for g in data[key]) == expected.enterprises, key
    profile = {row["subdomain_id"]: row for row in data["profile"]}
    for sub, value in expected.profile.items():
        assert profile[sub]["region"] == pytest.approx(value, abs=0.005)
        assert profile[sub]["national"] == pytest.approx(expected.national_profile[sub], abs=0.005)
    short = data["one_level_short"]
    assert short["level"] == target - 1 and short["enterprises"] == expected.one_short
    assert [c["enterprise_id"] for c in short["closest"]] == [n.enterprise_id for n in expected.near_misses]
    assert [s["id"] for s in short["subdomains"]] == [s.item for s in expected.short_subdomains]


def test_a_region_outside_the_officials_is_refused(client: TestClient) -> None:
    session(client, "official")
    for path in READS:
        assert client.get(f"{path}?region=110000").status_code == 403, path
        assert client.get(f"{path}?region=3205").status_code == 422, path
    assert client.get("/api/v1/region/dashboard?region=320500").status_code == 200  # a city of Jiangsu


def test_a_manufacturer_and_viewers_are_refused_the_region_endpoints(client: TestClient) -> None:
    for user in ("factory", "investor", "supplier"):
        token = session(client, user)
        for path in READS:
            response = client.get(path)
            assert response.status_code == 403, (user, path)
            assert response.json()["error"]["type"] == "PermissionDenied"
        body = {"enterprise_id": 1, "kind": "benchmark", "recognized_on": "2026-11-01"}
        recorded = client.post("/api/v1/region/recognitions", json=body, headers={"X-CSRF-Token": token})
        assert recorded.status_code == 403, user


def test_benchmarks_rank_and_shortlist_like_the_service(client: TestClient, platform: Platform) -> None:
    session(client, "official")
    response = client.get("/api/v1/region/benchmarks?min_level=1&limit=5&kind=demonstration&above_size=0")
    assert response.status_code == 200
    data = response.json()
    expected = rank_enterprises(platform, load_actor(platform, "official"), Criteria(min_level=1, limit=5))
    assert [r["enterprise_id"] for r in data["ranking"]] == [r.enterprise_id for r in expected]
    assert [r["rank"] for r in data["ranking"]] == list(range(1, len(expected) + 1))
    assert data["ranking"][0]["score"] == pytest.approx(expected[0].score, abs=0.005)
    assert all(r["level"] >= 2 and "demonstration" not in r["recognitions"] for r in data["shortlist"])
    assert data["criteria"]["kind"] == "demonstration" and data["criteria"]["limit"] == 5
    assert all(r["region_code"].startswith("32") for r in data["ranking"])
    assert client.get("/api/v1/region/benchmarks?limit=0").status_code == 422
    assert client.get("/api/v1/region/benchmarks?kind=hero").status_code == 422


def test_a_recognition_needs_the_csrf_header(client: TestClient) -> None:
    session(client, "official")
    before = client.get("/api/v1/region/recognitions").json()
    body = {"enterprise_id": 1, "kind": "benchmark", "recognized_on": "2026-11-01"}
    response = client.post("/api/v1/region/recognitions", json=body)
    assert response.status_code == 403 and response.json()["error"]["type"] == "CsrfRejected"
    assert client.post("/api/v1/region/recognitions", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.get("/api/v1/region/recognitions").json() == before


def test_a_recognition_is_recorded_and_listed(client: TestClient) -> None:
    token = session(client, "official")
    ranking = client.get("/api/v1/region/benchmarks?kind=benchmark&min_level=1").json()["ranking"]
    candidate = ranking[-1]["enterprise_id"]
    body = {"enterprise_id": candidate, "kind": "demonstration", "recognized_on": "2026-10-15", "note": " 2026 批 "}
    created = client.post("/api/v1/region/recognitions", json=body, headers={"X-CSRF-Token": token})
    assert created.status_code == 201, created.text
    assert created.json()["recognized_on"] == "2026-10-15" and created.json()["note"] == "2026 批"
    listed = client.get("/api/v1/region/recognitions").json()
    mine = [r for r in listed if r["id"] == created.json()["id"]]
    assert len(mine) == 1 and mine[0]["enterprise_id"] == candidate and mine[0]["kind"] == "demonstration"
    assert mine[0]["recognized_on"] == "2026-10-15" and mine[0]["name"]
    again = client.get("/api/v1/region/benchmarks?kind=demonstration&min_level=1&limit=500").json()
    assert "demonstration" in next(r for r in again["ranking"] if r["enterprise_id"] == candidate)["recognitions"]
    assert candidate not in [r["enterprise_id"] for r in again["shortlist"]]


def test_bad_recognitions_get_located_errors(client: TestClient, platform: Platform) -> None:
    token = session(client, "official")
    bad = {"enterprise_id": 0, "kind": "hero", "recognized_on": "not a date"}
    response = client.post("/api/v1/region/recognitions", json=bad, headers={"X-CSRF-Token": token})
    assert response.status_code == 422
    locations = {p["location"] for p in response.json()["error"]["problems"]}
    assert {"body.enterprise_id", "body.kind", "body.recognized_on"} <= locations
    with platform.db() as db:
        elsewhere = db.scalar(
            select(Organization.id).where(Organization.kind == "enterprise", Organization.region_code.not_like("32%"))
        )
    assert elsewhere is not None
    outside = {"enterprise_id": elsewhere, "kind": "benchmark", "recognized_on": "2026-11-01"}
    assert client.post("/api/v1/region/recognitions", json=outside, headers={"X-CSRF-Token": token}).status_code == 403
    missing = {"enterprise_id": 999_999, "kind": "benchmark", "recognized_on": "2026-11-01"}
    assert client.post("/api/v1/region/recognitions", json=missing, headers={"X-CSRF-Token": token}).status_code == 404


def test_policies_give_the_services_exposure_and_targets(client: TestClient, platform: Platform) -> None:
    session(client, "official")
    data = client.get("/api/v1/region/policies").json()
    expected = region_policies(platform, load_actor(platform, "official"))
    for result, budget in (("self_declared", expected.self_declared), ("certified", expected.certified)):
        total = data["budget_exposure"][result]["total"]
        assert total["now"]["min_yuan"] == budget.current.total.min_yuan, result
        assert total["next_level"]["max_yuan"] == budget.next_level.total.max_yuan, result
        assert [p["policy_id"] for p in data["budget_exposure"][result]["policies"]] == [
            p.policy.id for p in budget.policies
        ]
    session(client, "admin")  # Shaanxi's policies set targets
    shaanxi = client.get("/api/v1/region/policies?region=610000").json()
    targets = region_policies(platform, load_actor(platform, "admin"), "610000").targets
    progress = [(t.policy.id, p.target.count, p.actual) for t in targets for p in t.self_declared]
    assert progress and [(t["policy_id"], t["count"], t["self_declared"]["actual"]) for t in shaanxi["targets"]] == (
        progress
    )
    assert all(0 <= t["certified"]["share"] <= 1 for t in shaanxi["targets"])
