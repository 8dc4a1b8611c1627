"""Fixtures of the report tests: real results of the bundled model and of the worked example, rendered once.

Rendering a PDF takes seconds, so every file is rendered once per session and opened by several tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cmmm.cli.answers_io import parse_answers_text
from cmmm.engine.answers import Answers, answers_from_json
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.reports.build import build_report
from cmmm.reports.docx_renderer import render_docx
from cmmm.reports.enterprise import Enterprise, enterprise_from_json
from cmmm.reports.pdf import render_pdf
from cmmm.reports.ratings_workbook import render_xlsx
from cmmm.reports.report_model import ReportModel
from tests.conftest import ROOT, WORKED_EXAMPLE_RATINGS

EXAMPLE = ROOT / "examples" / "answers-discrete.json"
ENTERPRISE_DATA: dict[str, Any] = {
    "name": "苏州示例精密制造有限公司",
    "credit_code": "91320500MA1XXXXX0Y",
    "region": "江苏省苏州市",
    "industry": "C34 通用设备制造业",
    "scope": "全厂（机加工、装配）",
    "result_kind": "reviewed",
    "assessors": [{"name": "张评估", "role": "主任评估师", "organization": "示例评估机构"}, "李评估"],
    "reviewers": ["王审查"],
    "evidence": [
        {"id": "E01", "title": "数据管理制度 V2", "requirements": ["data.2.1", "data.2.2"], "location": "档案室"},
        {"id": "E02", "title": "数据标准目录", "requirements": ["data.2.1"]},
    ],
    "notes": {"data.2.1": "现场核查通过"},
}


def example_data() -> dict[str, Any]:
    data: dict[str, Any] = parse_answers_text(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    return data


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def example_answers() -> Answers:
    return answers_from_json(example_data())


@pytest.fixture(scope="session")
def example_result(reference_model: Model, example_answers: Answers) -> Result:
    return score(reference_model, example_answers)


@pytest.fixture(scope="session")
def formal_enterprise(reference_model: Model) -> Enterprise:
    return enterprise_from_json(ENTERPRISE_DATA, reference_model)


@pytest.fixture(scope="session")
def report_zh(
    reference_model: Model, example_result: Result, example_answers: Answers, formal_enterprise: Enterprise
) -> ReportModel:
    return build_report(reference_model, example_result, example_answers, formal_enterprise, "zh")


@pytest.fixture(scope="session")
def toy_answers() -> Answers:
    return Answers(industry="discrete", target_level=3, ratings=dict(WORKED_EXAMPLE_RATINGS))


@pytest.fixture(scope="session")
def toy_result(toy_model: Model, toy_answers: Answers) -> Result:
    return score(toy_model, toy_answers)


@pytest.fixture(scope="session")
def toy_report_en(toy_model: Model, toy_result: Result, toy_answers: Answers) -> ReportModel:
    return build_report(toy_model, toy_result, toy_answers, Enterprise(name="Toy Works Ltd"), "en")


@pytest.fixture(scope="session")
def pdf_zh(report_zh: ReportModel) -> bytes:
    return render_pdf(report_zh)


@pytest.fixture(scope="session")
def docx_zh(report_zh: ReportModel) -> bytes:
    return render_docx(report_zh)


@pytest.fixture(scope="session")
def xlsx_zh(report_zh: ReportModel) -> bytes:
    return render_xlsx(report_zh)
