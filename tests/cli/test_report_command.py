"""`cmmm report` and `cmmm compare`: files a real reader opens, and errors that leave no partial file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pypdf
from typer.testing import CliRunner

from cmmm.cli.main import app
from tests.conftest import FIXTURES, WORKED_EXAMPLE_RATINGS
from tests.reports.conftest import ENTERPRISE_DATA, example_data, write_json

runner = CliRunner()


def toy_answers(tmp_path: Path, name: str = "answers.json", **changes: Any) -> Path:
    data: dict[str, Any] = {
        "model": str(FIXTURES / "toy_model.yaml"),
        "industry": "discrete",
        "target_level": 3,
        "ratings": dict(WORKED_EXAMPLE_RATINGS),
        "enterprise": {"name": "玩具制造厂"},
    }
    data.update(changes)
    return write_json(tmp_path / name, data)


def test_report_xlsx_of_the_example_with_enterprise_details(tmp_path: Path) -> None:
    answers = write_json(tmp_path / "a.json", {**example_data(), "enterprise": ENTERPRISE_DATA})
    out = tmp_path / "ratings.xlsx"
    result = runner.invoke(app, ["report", str(answers), "-o", str(out)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    rows = {row[0]: row for row in workbook["评分"].iter_rows(values_only=True)}
    assert rows["data.2.1"][-1] == "现场核查通过"
    assert rows["data.3.3"][6] == "none"


def test_report_pdf_in_english(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(
        app, ["report", str(toy_answers(tmp_path)), "--format", "pdf", "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "玩具制造厂" in text
    assert "Maturity score" in text and "2.30" in text


def test_report_docx_with_a_separate_enterprise_file(tmp_path: Path) -> None:
    details = write_json(tmp_path / "enterprise.json", {"name": "另一家公司", "result_kind": "certified"})
    out = tmp_path / "report.word"
    result = runner.invoke(
        app, ["report", str(toy_answers(tmp_path)), "--format", "docx", "-o", str(out), "--enterprise", str(details)]
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "另一家公司" in [p.text for p in document.paragraphs]
    assert any(text.startswith("认证") for text in cells)


def test_bad_answers_exit_1_with_problems_and_leave_no_file(tmp_path: Path) -> None:
    ratings = dict(WORKED_EXAMPLE_RATINGS)
    del ratings["s1.1.1"]
    answers = toy_answers(tmp_path, ratings=ratings, enterprise={"result_kind": "maybe"})
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["report", str(answers), "-o", str(out)])
    assert result.exit_code == 1
    assert "s1.1.1" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [answers]


def test_bad_enterprise_details_exit_1_with_their_path(tmp_path: Path) -> None:
    answers = toy_answers(tmp_path, enterprise={"result_kind": "maybe", "notes": {"x.1.1": "?"}})
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["report", str(answers), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1
    assert "enterprise.result_kind" in result.output and "enterprise.notes.x.1.1" in result.output
    assert not out.exists()


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(toy_answers(tmp_path)), "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["report", str(toy_answers(tmp_path)), "--format", "odt", "-o", "r.odt"])
    assert result.exit_code == 2


def test_unwritable_output_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "r.xlsx"
    result = runner.invoke(app, ["report", str(toy_answers(tmp_path)), "-o", str(out)])
    assert result.exit_code == 1
    assert "无法写入" in result.output


def test_compare_before_and_after_as_pdf(tmp_path: Path) -> None:
    before = toy_answers(tmp_path, "before.json")
    after = toy_answers(tmp_path, "after.json", ratings={**WORKED_EXAMPLE_RATINGS, "s2.3.2": "full"})
    out = tmp_path / "compare.pdf"
    result = runner.invoke(app, ["compare", str(before), str(after), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    assert "对比报告" in text
    assert "s2.3.2" in text and "不满足" in text


def test_compare_of_different_models_exits_1(tmp_path: Path) -> None:
    before = toy_answers(tmp_path, "before.json")
    after = write_json(tmp_path / "after.json", example_data())
    out = tmp_path / "compare.docx"
    result = runner.invoke(app, ["compare", str(before), str(after), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()


def test_ratings_edited_in_the_excel_export_make_a_new_report(tmp_path: Path) -> None:
    answers = toy_answers(tmp_path)
    exported = tmp_path / "ratings.xlsx"
    assert runner.invoke(app, ["report", str(answers), "-o", str(exported)]).exit_code == 0
    workbook = openpyxl.load_workbook(exported)
    sheet = workbook["评分"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "s2.3.2")
    row[6].value = "full"
    workbook.save(exported)
    out = tmp_path / "after.xlsx"
    result = runner.invoke(app, ["report", str(answers), "--ratings", str(exported), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r[0]: r for r in openpyxl.load_workbook(out)["评分"].iter_rows(values_only=True)}
    assert rows["s2.3.2"][6] == "full"


def test_a_broken_ratings_workbook_exits_1_with_the_cell(tmp_path: Path) -> None:
    answers = toy_answers(tmp_path)
    exported = tmp_path / "ratings.xlsx"
    runner.invoke(app, ["report", str(answers), "-o", str(exported)])
    workbook = openpyxl.load_workbook(exported)
    workbook["评分"]["G2"] = "mostly"
    workbook.save(exported)
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["report", str(answers), "--ratings", str(exported), "-o", str(out)])
    assert result.exit_code == 1
    assert "评分!G2" in result.output
    assert not out.exists()
