"""The report and the overview of a published assessment show the enterprise as it was at publication: renaming
or moving the enterprise afterwards changes neither; a result published before the enterprise was recorded shows
its current details. Each test reads the enterprise's details first, so the order of the tests does not matter."""

from __future__ import annotations

import io
import itertools

import docx
import pypdf
from fastapi.testclient import TestClient
from sqlalchemy import null, update

from cmmm.codes.regions import full_name
from cmmm.services.accounts import load_actor
from cmmm.services.enterprise_profile import ProfileChanges, update_enterprise_profile
from cmmm.services.enterprise_views import EnterpriseProfile, enterprise_profile
from cmmm.services.platform import Platform
from cmmm.services.publication import review_result
from cmmm.store.records import PublishedResult
from tests.web.conftest import sign_in
from tests.web.process_world import ensure_accounts, team_assessment

_NAMES = itertools.count(1)


def _published_then_renamed(platform: Platform) -> tuple[int, EnterpriseProfile, EnterpriseProfile]:
    """A certified assessment of ``factory``, then the enterprise renamed and moved to another district:
    the assessment's id and the enterprise's profile before and after the edit."""
    ensure_accounts(platform)
    factory = load_actor(platform, "factory")
    assert factory.organization_id is not None
    assessment_id = team_assessment(platform, publish=True)
    review_result(platform, load_actor(platform, "expert"), assessment_id, approve=True)
    before = enterprise_profile(platform, factory, factory.organization_id)
    region = "320506" if before.region_code != "320506" else "320505"
    changes = ProfileChanges(name=f"苏州更名智能装备有限公司{next(_NAMES)}", region_code=region, industry_code="34")
    update_enterprise_profile(platform, factory, factory.organization_id, changes)
    after = enterprise_profile(platform, factory, factory.organization_id)
    assert (after.name, after.region_code) != (before.name, before.region_code)
    return assessment_id, before, after


def _word_text(client: TestClient, assessment_id: int) -> str:
    response = client.get(f"/assessments/{assessment_id}/report.docx")
    assert response.status_code == 200, response.text
    document = docx.Document(io.BytesIO(response.content))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join(itertools.chain((p.text for p in document.paragraphs), cells))


def _pdf_text(client: TestClient, assessment_id: int) -> str:
    response = client.get(f"/assessments/{assessment_id}/report.pdf?lang=en")
    assert response.status_code == 200, response.text
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "".join((page.extract_text() or "").replace("\n", "").replace(" ", "") for page in reader.pages)


def test_the_report_and_overview_show_the_enterprise_as_published(client: TestClient, platform: Platform) -> None:
    assessment_id, before, after = _published_then_renamed(platform)
    sign_in(client, "factory")
    word = _word_text(client, assessment_id)
    assert before.name in word and full_name(before.region_code or "", "zh") in word
    assert before.credit_code in word and before.industry_name in word
    assert after.name not in word and full_name(after.region_code or "", "zh") not in word
    pdf = _pdf_text(client, assessment_id)
    assert full_name(before.region_code or "", "en").replace(" ", "") in pdf
    assert full_name(after.region_code or "", "en").replace(" ", "") not in pdf
    client.cookies.clear()
    sign_in(client, "lead")
    page = client.get(f"/assessments/{assessment_id}")
    assert page.status_code == 200
    assert f"<h1>{before.name}</h1>" in page.text and after.name not in page.text


def test_a_result_without_a_recorded_enterprise_shows_the_current_one(client: TestClient, platform: Platform) -> None:
    assessment_id, before, after = _published_then_renamed(platform)
    with platform.db.begin() as session:  # as a row published before revision 0006
        session.execute(
            update(PublishedResult).where(PublishedResult.assessment_id == assessment_id).values(enterprise=null())
        )
    sign_in(client, "factory")
    word = _word_text(client, assessment_id)
    assert after.name in word and full_name(after.region_code or "", "zh") in word
    assert before.name not in word
