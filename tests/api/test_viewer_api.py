"""The manufacturer's, the investor's and the supplier's JSON API on the demo site: peers and demand are withheld
below the configured group size, peers and policies are for the enterprise's own users, an investor sees only
what is shared with it, and demand names no enterprise."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from cmmm.model.loader import default_model
from cmmm.services.accounts import grant_share, load_actor, revoke_share
from cmmm.services.demand import supplier_demand
from cmmm.services.peers import enterprise_policies, peer_comparison
from cmmm.services.platform import Platform
from cmmm.services.self_assessment import list_self_assessments
from cmmm.store.organizations import Organization
from tests.api.conftest import client_for, session


@pytest.fixture
def factory_id(client: TestClient, platform: Platform) -> int:
    """The demo manufacturer, with a self-assessment so that it has a standing among its peers."""
    factory = load_actor(platform, "factory")
    assert factory.organization_id is not None
    if not list_self_assessments(platform, factory, factory.organization_id):
        token = session(client, "factory")
        ratings = dict.fromkeys(default_model().index.requirements, "largely")
        answers = {"industry": "discrete", "target_level": 5, "ratings": ratings}
        path = f"/api/v1/enterprises/{factory.organization_id}/self-assessments"
        assert client.post(path, json=answers, headers={"X-CSRF-Token": token}).status_code == 201
        client.cookies.clear()
    return factory.organization_id


def test_peers_are_withheld_below_the_configured_group_size(
    platform: Platform, factory_id: int, tmp_path: Path
) -> None:
    with client_for(platform, tmp_path, peer_min_group=1_000_000) as client:
        session(client, "factory")
        hidden = client.get(f"/api/v1/enterprises/{factory_id}/peers").json()
    assert hidden["min_group"] == 1_000_000 and hidden["level"] == 4 and len(hidden["groups"]) == 3
    assert all(not g["shown"] and g["profile"] is None and g["enterprises"] is None for g in hidden["groups"])
    with client_for(platform, tmp_path, peer_min_group=2) as client:
        session(client, "factory")
        shown = client.get(f"/api/v1/enterprises/{factory_id}/peers?lang=en").json()
    expected = peer_comparison(replace(platform, peer_min_group=2), load_actor(platform, "factory"), factory_id)
    assert shown["min_group"] == 2
    assert [g["shown"] for g in shown["groups"]] == [g.profile is not None for g in expected.groups]
    assert any(g["shown"] for g in shown["groups"])
    for group, wanted in zip(shown["groups"], expected.groups, strict=True):
        assert group["enterprises"] == (wanted.enterprises if wanted.profile is not None else None)
        for sub, value in (wanted.profile or {}).items():
            assert group["profile"][sub] == pytest.approx(value, abs=0.005)


def test_the_default_group_size_is_ten(client: TestClient, factory_id: int) -> None:
    session(client, "factory")
    assert client.get(f"/api/v1/enterprises/{factory_id}/peers").json()["min_group"] == 10


def test_peers_and_policies_are_for_the_enterprises_own_users(
    client: TestClient, platform: Platform, factory_id: int
) -> None:
    with platform.db() as db:
        other = db.scalar(
            select(Organization.id).where(Organization.kind == "enterprise", Organization.id != factory_id)
        )
    for user, enterprise in (("factory", other), ("official", factory_id), ("investor", factory_id),
                             ("supplier", factory_id), ("admin", factory_id)):  # fmt: skip
        session(client, user)
        for what in ("peers", "policies"):
            response = client.get(f"/api/v1/enterprises/{enterprise}/{what}")
            assert response.status_code == 403, (user, what)


def test_the_enterprises_policies_are_the_services(client: TestClient, platform: Platform, factory_id: int) -> None:
    session(client, "factory")
    data = client.get(f"/api/v1/enterprises/{factory_id}/policies?lang=en").json()
    expected = enterprise_policies(platform, load_actor(platform, "factory"), factory_id)
    assert expected.facts is not None and data["facts"]["level"] == expected.facts.level
    assert data["facts"]["result"] == expected.facts.result and data["facts"]["on"] == platform.today().isoformat()
    assert [(p["policy_id"], p["status"]) for p in data["policies"]] == [
        (m.policy.id, m.status) for m in expected.matches
    ]
    assert data["policies"], "the national policies apply everywhere"
    for policy, match in zip(data["policies"], expected.matches, strict=True):
        assert [g["min_yuan"] for g in policy["now"]] == [g.amount.min_yuan if g.amount else None for g in match.grants]
        assert policy["reasons"] == [r.en for r in match.reasons]


def test_the_investor_sees_only_shared_enterprises(client: TestClient, platform: Platform, factory_id: int) -> None:
    investor = load_actor(platform, "investor")
    assert investor.organization_id is not None
    session(client, "investor")
    assert client.get("/api/v1/viewer/shared").json() == []
    share = grant_share(platform, load_actor(platform, "factory"), factory_id, investor.organization_id)
    try:
        shared = client.get("/api/v1/viewer/shared").json()
    finally:
        revoke_share(platform, load_actor(platform, "factory"), share)
    assert [e["enterprise_id"] for e in shared] == [factory_id]
    assert shared[0]["name"] == "苏州示范精密机械有限公司" and shared[0]["level"] == 4
    assert shared[0]["trend"] and shared[0]["trend"][-1]["level"] == 4 and "T" in shared[0]["trend"][-1]["on"]
    assert client.get("/api/v1/viewer/shared").json() == []  # revoked: gone at once


def test_supplier_demand_names_no_enterprise(platform: Platform, tmp_path: Path) -> None:
    with client_for(platform, tmp_path, peer_min_group=2) as client:
        session(client, "supplier")
        response = client.get("/api/v1/viewer/demand?region=320000")
        by_industry = client.get("/api/v1/viewer/demand?industry=39").json()
    data = response.json()
    expected = supplier_demand(
        replace(platform, peer_min_group=2), load_actor(platform, "supplier"), "region", "320000"
    )
    assert expected.items and data["shown"] and data["enterprises"] == expected.enterprises
    assert [(i["requirement_id"], i["enterprises"]) for i in data["items"]] == [
        (i.requirement_id, i.enterprises) for i in expected.items
    ]
    assert by_industry["dimension"] == "industry" and by_industry["key"] == "39"
    with platform.db() as db:
        names = db.scalars(select(Organization.name).where(Organization.kind == "enterprise")).all()
    assert names and not any(name in response.text for name in names)
    assert "enterprise_id" not in response.text and not _has_key(data, "id")


def _has_key(data: object, wanted: str) -> bool:
    if isinstance(data, dict):
        return wanted in data or any(_has_key(value, wanted) for value in data.values())
    if isinstance(data, list):
        return any(_has_key(item, wanted) for item in data)
    return False


def test_supplier_demand_is_withheld_below_the_configured_group_size(platform: Platform, tmp_path: Path) -> None:
    with client_for(platform, tmp_path, peer_min_group=1_000_000) as client:
        session(client, "supplier")
        data = client.get("/api/v1/viewer/demand").json()
    assert data["key"] == "000000" and data["min_group"] == 1_000_000
    assert data == {**data, "shown": False, "enterprises": None, "items": None}
    assert json.dumps(data).count("requirement") == 0


def test_viewer_endpoints_refuse_other_roles_and_bad_queries(client: TestClient) -> None:
    for user, path in (("factory", "shared"), ("factory", "demand"), ("supplier", "shared"), ("investor", "demand"),
                       ("official", "shared")):  # fmt: skip
        session(client, user)
        assert client.get(f"/api/v1/viewer/{path}").status_code == 403, (user, path)
    session(client, "supplier")
    both = client.get("/api/v1/viewer/demand?region=320000&industry=39")
    assert both.status_code == 422 and both.json()["error"]["problems"][0]["location"] == "query.industry"
    assert client.get("/api/v1/viewer/demand?region=32").status_code == 422
