"""Every page and form of the body, the team and the committee refuses an assessor outside the team, another
body's admin and an enterprise user (403), and sends an anonymous user to the login page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from fastapi.testclient import TestClient

from cmmm.services.accounts import load_actor
from cmmm.services.evidence import Upload, add_evidence
from cmmm.services.platform import Platform
from cmmm.services.publication import review_result
from cmmm.services.work_queues import evidence_index
from tests.web.conftest import csrf_of, sign_in
from tests.web.process_world import apply, ensure_accounts, in_scope, team_assessment

OUTSIDERS = ("assessor3", "other-body", "factory")


@dataclass(frozen=True)
class Work:
    applied: int
    open: int
    published: int
    evidence_id: int
    file_id: int
    certificate_id: int


@pytest.fixture(scope="module")
def work(platform: Platform) -> Work:
    ensure_accounts(platform)
    open_id = team_assessment(platform, publish=False)
    assessor = load_actor(platform, "assessor1")
    pdf = Upload("制度.pdf", "application/pdf", b"%PDF-1.4\n%%EOF\n")
    evidence_id = add_evidence(platform, assessor, open_id, in_scope(3)[0][1], "document", date(2026, 10, 1), [pdf])
    file_id = evidence_index(platform, assessor, open_id)[0].files[0].id
    certified = team_assessment(platform, publish=True)
    certificate_id = review_result(platform, load_actor(platform, "expert"), certified, approve=True)
    assert certificate_id is not None
    return Work(apply(platform), open_id, team_assessment(platform, publish=True), evidence_id, file_id,
                certificate_id)  # fmt: skip


def pages(w: Work) -> list[str]:
    return [
        f"/assessments/{w.open}", f"/assessments/{w.open}/workspace", f"/assessments/{w.published}/publication",
        f"/evidence-files/{w.file_id}", "/reviews", f"/reviews/{w.published}",
    ]  # fmt: skip


def forms(w: Work) -> list[tuple[str, dict[str, object]]]:
    requirement = in_scope(3)[0][1]
    rating = {"requirement_id": requirement, "grade": "full", "reason": "", "version": ""}
    return [
        (f"/body/applications/{w.applied}/accept", {"lead_id": 1, "contract_signed_on": "2026-11-20"}),
        (f"/body/applications/{w.applied}/decline", {"reason": "无"}),
        (f"/body/certificates/{w.certificate_id}/status", {"status": "withdrawn", "reason": "无"}),
        (f"/assessments/{w.open}/pre-assessment", {"ready": "yes"}),
        (f"/assessments/{w.open}/evidence", {"requirement_id": requirement, "kind": "record"}),
        (f"/assessments/{w.open}/evidence/{w.evidence_id}/verify", {"requirement_id": requirement}),
        (f"/assessments/{w.open}/ratings", rating),
        (f"/assessments/{w.open}/final-ratings", rating),
        (f"/assessments/{w.published}/publish", {}),
        (f"/reviews/{w.published}", {"decision": "approve"}),
    ]  # fmt: skip


@pytest.mark.parametrize("username", OUTSIDERS)
def test_outsiders_get_403_on_every_page_and_form(client: TestClient, work: Work, username: str) -> None:
    sign_in(client, username)
    for url in pages(work):
        assert client.get(url).status_code == 403, url
    token = csrf_of(client)
    for url, data in forms(work):
        assert client.post(url, data={"csrf_token": token, **data}).status_code == 403, url
    body = client.get("/body")
    assert body.status_code == (200 if username == "other-body" else 403)
    if username == "other-body":
        assert f"/body/certificates/{work.certificate_id}/" not in body.text
    listing = client.get("/assessments")
    assert listing.status_code == (403 if username == "factory" else 200)
    assert f'href="/assessments/{work.open}"' not in listing.text


def test_anonymous_users_are_sent_to_the_login_page(client: TestClient, work: Work) -> None:
    for url in ["/body", "/assessments", *pages(work)]:
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), url
    for url, data in forms(work):
        response = client.post(url, data=data, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), url


def test_the_team_and_the_committee_do_get_in(client: TestClient, work: Work) -> None:
    """The counterpart of the refusals above: the same pages open for the people they are for."""
    sign_in(client, "assessor1")
    for url in [*pages(work)[:2], pages(work)[3]]:
        assert client.get(url).status_code == 200, url
    client.cookies.clear()
    sign_in(client, "expert")
    for url in pages(work)[3:]:
        assert client.get(url).status_code == 200, url
