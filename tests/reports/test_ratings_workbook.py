"""The Excel export of ratings and its re-import: identical ratings back, or every faulty cell located."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from cmmm.engine.result import Result
from cmmm.model.schema import Model
from cmmm.reports.errors import WorkbookInvalid
from cmmm.reports.ratings_workbook import ratings_from_workbook, render_xlsx
from cmmm.reports.report_model import ReportModel


def edited(data: bytes, edit: Callable[[Worksheet], None]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    edit(workbook["评分"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_export_has_a_row_per_requirement_with_ids_texts_grade_points_evidence_and_notes(
    xlsx_zh: bytes, report_zh: ReportModel
) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_zh))
    assert workbook.sheetnames == ["评分", "说明"]
    rows = list(workbook["评分"].iter_rows(values_only=True))
    assert rows[0][:3] == ("要求编号", "等级", "能力域编号")
    assert len(rows) == 1 + len(report_zh.appendix)
    row = next(row for row in rows[1:] if row[0] == "data.2.1")
    assert row[:4] == ("data.2.1", 2, "data", "data")
    assert row[6:] == ("full", "全部满足", 1, 2, "现场核查通过")
    about = {row[0]: row[1] for row in workbook["说明"].iter_rows(values_only=True)}
    assert about["模型来源说明"] == report_zh.provenance
    assert about["企业名称"] == "苏州示例精密制造有限公司"


def test_export_reimports_as_identical_ratings(xlsx_zh: bytes, reference_model: Model, example_result: Result) -> None:
    assert ratings_from_workbook(xlsx_zh, reference_model) == dict(example_result.ratings)


def test_english_export_reimports_too(toy_report_en: ReportModel, toy_model: Model, toy_result: Result) -> None:
    data = render_xlsx(toy_report_en)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Ratings", "About"]
    assert ratings_from_workbook(data, toy_model) == dict(toy_result.ratings)


def test_columns_are_found_by_header_and_a_typed_label_imports(xlsx_zh: bytes, reference_model: Model) -> None:
    def edit(sheet: Worksheet) -> None:
        sheet.move_range("G1:G400", cols=10)  # the grade id column moves to the far right
        sheet["Q2"] = None
        sheet["H2"] = "Partly satisfied"  # the grade label column then decides

    ratings = ratings_from_workbook(edited(xlsx_zh, edit), reference_model)
    first = next(iter(ratings))
    assert ratings[first] == "partly"


def test_a_broken_sheet_lists_every_faulty_cell_and_imports_nothing(xlsx_zh: bytes, reference_model: Model) -> None:
    def edit(sheet: Worksheet) -> None:
        sheet["G3"] = "mostly"
        sheet["A5"] = "data.9.9"
        sheet["A6"] = sheet["A7"].value

    with pytest.raises(WorkbookInvalid) as caught:
        ratings_from_workbook(edited(xlsx_zh, edit), reference_model)
    problems = {p.location: p for p in caught.value.problems}
    assert set(problems) == {"评分!G3", "评分!A5", "评分!A7"}
    assert "mostly" in problems["评分!G3"].en
    assert "row 6" in problems["评分!A7"].en


def test_a_missing_grade_column_or_sheet_is_located(xlsx_zh: bytes, reference_model: Model) -> None:
    def drop_grades(sheet: Worksheet) -> None:
        sheet.delete_cols(7, 2)

    with pytest.raises(WorkbookInvalid) as caught:
        ratings_from_workbook(edited(xlsx_zh, drop_grades), reference_model)
    assert [p.location for p in caught.value.problems] == ["评分!1"]

    def rename(sheet: Worksheet) -> None:
        sheet.title = "Sheet1"

    with pytest.raises(WorkbookInvalid) as caught:
        ratings_from_workbook(edited(xlsx_zh, rename), reference_model)
    assert "Sheet1" in caught.value.problems[0].location


def test_not_a_workbook_is_refused(reference_model: Model) -> None:
    with pytest.raises(WorkbookInvalid):
        ratings_from_workbook(b"not a zip file", reference_model)
