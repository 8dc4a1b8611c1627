"""The manufacturer's pages: the self-assessment wizard saves and resumes, and ends in a scored result."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from cmmm.model.loader import default_model
from cmmm.services.platform import Platform
from cmmm.store.assessments import SelfAssessment
from tests.web.conftest import csrf_of, sign_in


def form_token(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def answer_subdomain(client: TestClient, subdomain: str, grade: str, go: str = "overview") -> None:
    page = client.get(f"/enterprise/self-assessment/{subdomain}")
    assert page.status_code == 200
    ids = re.findall(r'name="r_([a-z_]+\.\d\.\d+)" value="full"', page.text)
    data = {f"r_{rid}": grade for rid in ids}
    data |= {"csrf_token": form_token(page.text, "csrf_token"), "version": form_token(page.text, "version"), "go": go}
    response = client.post(f"/enterprise/self-assessment/{subdomain}", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_pages_need_an_enterprise_user(client: TestClient) -> None:
    assert client.get("/enterprise", follow_redirects=False).status_code == 303  # to the login page
    sign_in(client, "official")
    assert client.get("/enterprise").status_code == 403


def test_wizard_saves_resumes_and_scores(client: TestClient, platform: Platform) -> None:
    sign_in(client, "factory")
    overview = client.get("/enterprise")
    assert "苏州示范精密机械有限公司" in overview.text
    model = default_model()
    subdomains = list(model.index.subdomains)
    answer_subdomain(client, subdomains[0], "largely", go=subdomains[1])
    progress = client.get("/enterprise/self-assessment").text
    assert (
        f"已回答 {len(model.index.subdomains['strategy'].requirements)} / {len(model.index.requirements)}" in progress
    )
    assert "disabled" in progress  # cannot submit an incomplete self-assessment

    client.cookies.clear()  # leave, sign in again: the answers are still there
    sign_in(client, "factory-staff")
    assert 'value="largely" checked' in client.get(f"/enterprise/self-assessment/{subdomains[0]}").text

    for subdomain in subdomains[1:]:
        answer_subdomain(client, subdomain, "full" if subdomain != "product_service" else "partly")
    page = client.get("/enterprise/self-assessment")
    assert "disabled" not in page.text
    result = client.post("/enterprise/self-assessment-submit", data={"csrf_token": form_token(page.text, "csrf_token")})
    assert result.status_code == 200
    assert "自评估结果" in result.text and "成熟度得分" in result.text
    assert "<svg" in result.text  # the radar and the level bars
    assert "达到" in result.text or "五级" in result.text


def test_stale_form_is_a_conflict(client: TestClient) -> None:
    sign_in(client, "factory")
    page = client.get("/enterprise/self-assessment/skills")
    data = {"csrf_token": form_token(page.text, "csrf_token"), "version": "0", "go": "overview", "r_skills.1.1": "full"}
    assert client.post("/enterprise/self-assessment/skills", data=data).status_code == 409


def test_another_enterprises_self_assessment_is_forbidden(client: TestClient, platform: Platform) -> None:
    with platform.db() as session:
        other = session.scalars(select(SelfAssessment.id).order_by(SelfAssessment.id)).first()
    sign_in(client, "factory")
    assert client.get(f"/enterprise/self-assessments/{other}").status_code == 403
    assert csrf_of(client)
