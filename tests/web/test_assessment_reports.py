"""Downloading a formal assessment's report: reviewed or certified, with team, reviews and evidence index;
the enterprise gets its own, another organization gets nothing."""

from __future__ import annotations

import io

import docx
import openpyxl
from fastapi.testclient import TestClient

from cmmm.services.accounts import load_actor
from cmmm.services.platform import Platform
from cmmm.services.publication import review_result
from tests.web.conftest import sign_in
from tests.web.process_world import ensure_accounts, team_assessment


def test_the_certified_report_names_team_reviews_and_evidence(client: TestClient, platform: Platform) -> None:
    ensure_accounts(platform)
    assessment_id = team_assessment(platform, publish=True)
    review_result(platform, load_actor(platform, "expert"), assessment_id, approve=True)
    sign_in(client, "factory")
    word = client.get(f"/assessments/{assessment_id}/report.docx")
    assert word.status_code == 200, word.text
    document = docx.Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "苏州示范精密机械有限公司" in text
    assert "评估师 陈晨" in text and "主任评估师 赵刚" in text
    assert "已认证" in text or "认证" in text
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/assessments/{assessment_id}/report.xlsx").content))
    assert sheet.worksheets[0].max_row > 10
    client.cookies.clear()
    sign_in(client, "investor")
    assert client.get(f"/assessments/{assessment_id}/report.docx").status_code == 403
