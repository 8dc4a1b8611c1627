"""The manufacturer's process pages: application with gating checks, sharing, improvement plan, comparison
and report downloads; each one refuses other organizations."""

from __future__ import annotations

import io
import re

import docx
import openpyxl
from fastapi.testclient import TestClient

from cmmm.engine.answers import Answers
from cmmm.model.loader import default_model
from cmmm.services.accounts import load_actor
from cmmm.services.platform import Platform
from cmmm.services.self_assessment import record_self_assessment
from tests.web.conftest import csrf_of, sign_in


def record(platform: Platform, grade: str) -> int:
    actor = load_actor(platform, "factory")
    assert actor.organization_id is not None
    ratings = dict.fromkeys(default_model().index.requirements, grade)
    return record_self_assessment(platform, actor, actor.organization_id, Answers("discrete", 5, ratings))


def test_apply_shows_the_gating_rules_then_submits(client: TestClient, platform: Platform) -> None:
    sign_in(client, "factory")
    level3 = client.get("/enterprise/apply?target_level=3").text
    assert "培训" in level3  # level 3 needs a trained employee: shown before submitting
    record(platform, "largely")
    page = client.get("/enterprise/apply?target_level=2").text
    assert "满足全部条件" in page
    body_id = re.search(r"<option value=\"(\d+)\"[^>]*>江苏智能制造评估中心", page)
    assert body_id
    response = client.post(
        "/enterprise/apply",
        data={"csrf_token": csrf_of(client), "body_id": body_id.group(1), "target_level": "2", "scope_kind": "plant",
              "scope_description": "一号工厂"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "一号工厂" in response.text and "已提交申请" in response.text


def test_refused_application_is_explained_next_to_the_form(client: TestClient) -> None:
    sign_in(client, "factory")
    response = client.post(
        "/enterprise/apply", data={"csrf_token": csrf_of(client), "body_id": "999999", "target_level": "2"}
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text


def test_share_and_revoke(client: TestClient) -> None:
    sign_in(client, "factory")
    page = client.get("/enterprise/shares").text
    investor = re.search(r'<option value="(\d+)">长江产业投资基金', page)
    assert investor
    client.post("/enterprise/shares", data={"csrf_token": csrf_of(client), "viewer_id": investor.group(1)})
    page = client.get("/enterprise/shares").text
    assert "有效" in page or "active" in page
    share_id = re.search(r"/enterprise/shares/(\d+)/revoke", page)
    assert share_id
    client.post(f"/enterprise/shares/{share_id.group(1)}/revoke", data={"csrf_token": csrf_of(client)})
    assert "撤销于" in client.get("/enterprise/shares").text


def test_improvement_plan_from_the_gaps(client: TestClient, platform: Platform) -> None:
    record_id = record(platform, "partly")
    sign_in(client, "factory-staff")
    client.post("/enterprise/improvement", data={"csrf_token": csrf_of(client), "self_assessment_id": str(record_id)})
    page = client.get("/enterprise/improvement").text
    item = re.search(r"/enterprise/improvement/items/(\d+)", page)
    assert item and "strategy.1.1" in page
    client.post(
        f"/enterprise/improvement/items/{item.group(1)}",
        data={"csrf_token": csrf_of(client), "status": "in_progress", "owner": "王工", "due_on": "2027-03-31"},
    )
    assert "王工" in client.get("/enterprise/improvement").text


def test_compare_and_download_reports(client: TestClient, platform: Platform) -> None:
    before, after = record(platform, "partly"), record(platform, "largely")
    sign_in(client, "factory")
    page = client.get(f"/enterprise/compare?before={before}&after={after}")
    assert page.status_code == 200 and "0.30" in page.text  # every level score moved from 0.5 to 0.8
    word = client.get(f"/enterprise/self-assessments/{after}/report.docx")
    assert word.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "苏州示范精密机械有限公司" in text
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/enterprise/self-assessments/{after}/report.xlsx").content))
    assert sheet.worksheets[0].max_row > 300


def test_other_users_cannot_use_these_pages(client: TestClient, platform: Platform) -> None:
    record_id = record(platform, "full")
    sign_in(client, "investor")
    for path in ("/enterprise/apply", "/enterprise/shares", "/enterprise/improvement",
                 f"/enterprise/self-assessments/{record_id}/report.xlsx"):  # fmt: skip
        assert client.get(path).status_code == 403, path
