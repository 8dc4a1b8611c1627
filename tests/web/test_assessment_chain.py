"""The whole formal chain through the pages: the body accepts, the lead pre-assesses, the assessors upload
evidence and grade (and disagree), the lead settles and publishes, the expert approves, and the certificate
is public at /verify/{token} and in the lookup."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx2 import Response

from cmmm.model.loader import default_model
from cmmm.services.platform import Platform
from tests.web.conftest import sign_in
from tests.web.process_world import KEPT_DOMAINS, apply, ensure_accounts, in_scope, team_assessment, token_of, user_id

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def send(client: TestClient, url: str, page: str, data: dict[str, object], **extra: object) -> Response:
    return client.post(url, data={"csrf_token": token_of(page), **data}, follow_redirects=False, **extra)  # type: ignore[arg-type]


def accept(client: TestClient, platform: Platform, assessment_id: int, lead: str) -> Response:
    page = client.get("/body").text
    team = [user_id(platform, "assessor1"), user_id(platform, "assessor2")]
    data = {"lead_id": user_id(platform, lead), "assessor_ids": team, "contract_signed_on": "2026-11-20"}
    return send(client, f"/body/applications/{assessment_id}/accept", page, data)


def pre_assess(client: TestClient, assessment_id: int, justify: bool = True) -> Response:
    page = client.get(f"/assessments/{assessment_id}").text
    data: dict[str, object] = {"scope_description": "总装车间及其信息系统", "ready": "yes", "reasons": ""}
    for domain in default_model().index.domains:
        if domain in KEPT_DOMAINS:
            data[f"weight_{domain}"] = (
                "0.1" if domain == "security" else re.search(rf'name="weight_{domain}" value="([^"]*)"', page).group(1)
            )  # type: ignore[union-attr]
        else:
            data |= {f"exclude_{domain}": "1", f"justification_{domain}": "不在本次评估范围" if justify else ""}
    return send(client, f"/assessments/{assessment_id}/pre-assessment", page, data)


def rate(client: TestClient, assessment_id: int, sub: str, requirement: str, grade: str, note: str = "") -> Response:
    page = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}").text
    form = page[page.index(f'id="req-{requirement}"') :]
    version = re.search(r'name="version" value="([^"]*)"', form[form.index("/ratings") :]).group(1)  # type: ignore[union-attr]
    data = {"subdomain": sub, "requirement_id": requirement, "grade": grade, "note": note, "version": version}
    return send(client, f"/assessments/{assessment_id}/ratings", page, data)


def test_a_formal_assessment_runs_entirely_in_the_browser(client: TestClient, platform: Platform) -> None:
    ensure_accounts(platform)
    assessment_id = apply(platform)
    clauses = in_scope(3)

    sign_in(client, "body")
    inbox = client.get("/body")
    assert inbox.status_code == 200 and "苏州示范精密机械有限公司" in inbox.text and "总装车间" in inbox.text
    assert accept(client, platform, assessment_id, "lead").status_code == 303

    client.cookies.clear()
    sign_in(client, "lead")
    assert f"/assessments/{assessment_id}" in client.get("/assessments").text
    refused = pre_assess(client, assessment_id, justify=False)
    assert refused.status_code == 422 and 'aria-invalid="true"' in refused.text and "裁剪须说明理由" in refused.text
    assert pre_assess(client, assessment_id).status_code == 303
    overview = client.get(f"/assessments/{assessment_id}").text
    assert "正式评估中" in overview and "调整值" in overview  # the security weight is an override

    client.cookies.clear()
    sign_in(client, "assessor1")
    sub, first = clauses[0]
    page = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}")
    assert page.status_code == 200 and default_model().index.requirements[first].text_for("discrete", "zh") in page.text
    upload = send(
        client, f"/assessments/{assessment_id}/evidence", page.text,
        {"subdomain": sub, "requirement_id": first, "kind": "photo", "effective_on": "2026-10-01", "notes": "机房照片",
         "verified": "1"},
        files=[("files", ("机房.png", PNG, "image/png")), ("files", ("台账.csv", b"a,b\n1,2\n", "text/csv"))],
    )  # fmt: skip
    assert upload.status_code == 303
    page = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}")
    assert "机房.png" in page.text and "评估师 陈晨" in page.text
    image_id, csv_id = re.findall(r'href="/evidence-files/(\d+)"', page.text)[:2]
    image = client.get(f"/evidence-files/{image_id}")
    assert image.content == PNG and image.headers["content-type"] == "image/png"
    assert (
        image.headers["content-disposition"].startswith("inline")
        and image.headers["x-content-type-options"] == "nosniff"
    )
    assert client.get(f"/evidence-files/{csv_id}").headers["content-disposition"].startswith("attachment")

    na = rate(client, assessment_id, sub, first, "na")
    assert na.status_code == 422 and "不适用" in na.text
    for sub_id, requirement in clauses:
        assert rate(client, assessment_id, sub_id, requirement, "full").status_code == 303
    stale = send(client, f"/assessments/{assessment_id}/ratings", page.text,
                 {"subdomain": sub, "requirement_id": first, "grade": "partly", "version": ""})  # fmt: skip
    assert stale.status_code == 409 and "已被他人修改" in stale.text

    client.cookies.clear()
    sign_in(client, "assessor2")
    for sub_id, requirement in clauses:
        grade = "partly" if requirement == first else "full"
        assert rate(client, assessment_id, sub_id, requirement, grade).status_code == 303
    own_view = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}").text
    interview = {"subdomain": sub, "requirement_id": first, "kind": "interview", "effective_on": "2026-11-02"}
    assert send(client, f"/assessments/{assessment_id}/evidence", own_view, interview).status_code == 303
    own_view = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}").text
    evidence_id = re.findall(r'action="/assessments/\d+/evidence/(\d+)/verify"', own_view)
    assert len(evidence_id) == 1  # the photo was verified on upload, the interview is not yet
    verify = {"subdomain": sub, "requirement_id": first}
    assert (
        send(client, f"/assessments/{assessment_id}/evidence/{evidence_id[0]}/verify", own_view, verify).status_code
        == 303
    )
    own_view = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}").text
    assert '/verify"' not in own_view and "评估师 刘洋" in own_view
    assert "评估组各成员的评分" not in own_view  # an assessor sees only their own grades

    client.cookies.clear()
    sign_in(client, "lead")
    unsettled = client.get(f"/assessments/{assessment_id}/publication")
    assert first in unsettled.text and "须由主任评估师确定最终评分" in unsettled.text
    page = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}")
    assert 'data-testid="disagreement"' in page.text
    final = {"subdomain": sub, "requirement_id": first, "grade": "largely", "reason": "证据部分覆盖", "version": ""}
    settle = send(client, f"/assessments/{assessment_id}/final-ratings", page.text, final)
    assert settle.status_code == 303
    preview = client.get(f"/assessments/{assessment_id}/publication")
    assert 'data-testid="total-score"' in preview.text
    assert send(client, f"/assessments/{assessment_id}/publish", preview.text, {}).status_code == 303
    published = client.get(f"/assessments/{assessment_id}/publication").text
    assert 'data-testid="locked"' in published
    assert 'data-testid="locked"' in client.get(f"/assessments/{assessment_id}/workspace").text
    for url, words in [("", "History"), ("/workspace", "Grades of the team"), ("/publication", "ratings are locked")]:
        english = client.get(f"/assessments/{assessment_id}{url}?lang=en")
        assert english.status_code == 200 and words in english.text, url

    client.cookies.clear()
    sign_in(client, "expert")
    assert f"/reviews/{assessment_id}" in client.get("/reviews").text
    review = client.get(f"/reviews/{assessment_id}")
    assert review.status_code == 200 and "机房.png" in review.text and 'data-testid="total-score"' in review.text
    returned = send(client, f"/reviews/{assessment_id}", review.text, {"decision": "return", "comments": ""})
    assert returned.status_code == 422 and 'aria-invalid="true"' in returned.text
    assert send(client, f"/reviews/{assessment_id}", review.text, {"decision": "approve"}).status_code == 303
    approved = client.get(f"/reviews/{assessment_id}").text
    token = re.search(r'href="/verify/([^"]+)">(CMMM-[0-9-]+)<', approved)
    assert token, approved
    verify = client.get(f"/verify/{token.group(1)}")
    assert verify.status_code == 200 and token.group(2) in verify.text
    assert "苏州示范精密机械有限公司" in client.get(f"/certificates?q={token.group(2)}").text

    client.cookies.clear()
    sign_in(client, "body")
    body = client.get("/body").text
    certificate_id = re.search(r'action="/body/certificates/(\d+)/status"', body).group(1)  # type: ignore[union-attr]
    suspend = send(
        client, f"/body/certificates/{certificate_id}/status", body, {"status": "suspended", "reason": "整改"}
    )
    assert suspend.status_code == 303
    assert "暂停" in client.get(f"/verify/{token.group(1)}").text
    english = client.get("/body?lang=en").text
    assert "Applications received" in english and "suspended" in english


def test_a_returned_result_reopens_the_ratings_and_is_published_again_as_a_new_revision(
    client: TestClient, platform: Platform
) -> None:
    assessment_id = team_assessment(platform, publish=True)
    sign_in(client, "expert")
    review = client.get(f"/reviews/{assessment_id}").text
    comments = {"decision": "return", "comments": "访谈记录缺少签字"}
    assert send(client, f"/reviews/{assessment_id}", review, comments).status_code == 303
    assert f"/reviews/{assessment_id}" not in client.get("/reviews").text

    client.cookies.clear()
    sign_in(client, "lead")
    assert "访谈记录缺少签字" in client.get(f"/assessments/{assessment_id}").text
    sub, requirement = in_scope(3)[1]
    workspace = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}").text
    assert 'data-testid="locked"' not in workspace
    assert rate(client, assessment_id, sub, requirement, "largely").status_code == 303
    page = client.get(f"/assessments/{assessment_id}/workspace?subdomain={sub}").text
    final = {"subdomain": sub, "requirement_id": requirement, "grade": "largely", "reason": "补充证据后复核"}
    assert send(client, f"/assessments/{assessment_id}/final-ratings", page, final).status_code == 303
    preview = client.get(f"/assessments/{assessment_id}/publication").text
    assert send(client, f"/assessments/{assessment_id}/publish", preview, {}).status_code == 303
    assert "已发布第 2 版结果" in client.get(f"/assessments/{assessment_id}/publication").text
