"""The body's inbox: a refused team shows its reason next to the lead field, a decline needs a reason, and
each admin sees only their own body's applications."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from cmmm.services.platform import Platform
from tests.web.conftest import sign_in
from tests.web.process_world import apply, ensure_accounts, token_of, user_id


def test_a_level_4_application_refuses_a_lead_without_the_high_maturity_qualification(
    client: TestClient, platform: Platform
) -> None:
    ensure_accounts(platform)
    assessment_id = apply(platform, target_level=4, scope="高成熟度试点车间")
    sign_in(client, "body")
    page = client.get("/body").text
    assert "高成熟度试点车间" in page and "具备高成熟度资质" in page  # the qualified lead is marked as such
    data = {
        "csrf_token": token_of(page),
        "lead_id": user_id(platform, "lead-plain"),
        "assessor_ids": [user_id(platform, "assessor1")],
        "contract_signed_on": "2026-11-20",
    }
    refused = client.post(f"/body/applications/{assessment_id}/accept", data=data)
    assert refused.status_code == 422
    field = re.search(rf'<select id="lead-{assessment_id}"[^>]*>', refused.text)
    assert field and 'aria-invalid="true"' in field.group(0)
    error = refused.text[refused.text.index(f'id="lead-{assessment_id}-error"') :]
    assert "4 级评估须由具备高成熟度资质的主任评估师牵头" in error[:300]

    no_reason = client.post(f"/body/applications/{assessment_id}/decline", data={"csrf_token": token_of(page)})
    assert no_reason.status_code == 422 and "不予受理须说明理由" in no_reason.text
    declined = client.post(
        f"/body/applications/{assessment_id}/decline",
        data={"csrf_token": token_of(page), "reason": "评估排期已满"},
        follow_redirects=False,
    )
    assert declined.status_code == 303
    assert "高成熟度试点车间" not in client.get("/body").text
    assert f"/assessments/{assessment_id}" in client.get("/assessments").text  # the body admin keeps seeing it


def test_another_body_sees_neither_the_application_nor_the_form(client: TestClient, platform: Platform) -> None:
    ensure_accounts(platform)
    apply(platform, scope="另一机构不应看到的车间")
    sign_in(client, "other-body")
    page = client.get("/body")
    assert page.status_code == 200 and "另一机构不应看到的车间" not in page.text and "/accept" not in page.text
    assert "/assessments/" not in client.get("/assessments").text
