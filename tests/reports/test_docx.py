"""The Word report, opened with python-docx: real headings and tables, chart pictures, an East Asian font."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.shared import Cm

from cmmm.engine.answers import Answers
from cmmm.engine.result import Result
from cmmm.model.schema import Model
from cmmm.reports.build import build_report
from cmmm.reports.docx_renderer import render_docx
from cmmm.reports.enterprise import Enterprise
from cmmm.reports.report_model import ReportModel


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def all_text(document: docx.document.Document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_docx_has_real_headings_for_every_section(docx_zh: bytes, report_zh: ReportModel) -> None:
    document = open_docx(docx_zh)
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for section in report_zh.sections:
        assert section.title in headings
    assert report_zh.texts["appendix"] in headings


def test_docx_shows_enterprise_level_score_requirements_and_provenance_once(
    docx_zh: bytes, report_zh: ReportModel, reference_model: Model
) -> None:
    text = all_text(open_docx(docx_zh))
    assert "苏州示例精密制造有限公司" in text
    assert report_zh.level_name in text
    assert report_zh.total_score_text in text
    assert reference_model.index.requirements["data.3.3"].text_for("discrete", "zh") in text
    assert text.count(report_zh.provenance) == 1


def test_docx_tables_and_chart_pictures(docx_zh: bytes, report_zh: ReportModel) -> None:
    document = open_docx(docx_zh)
    assert len(document.inline_shapes) == 2
    appendix = document.tables[-1]
    assert len(appendix.rows) == 1 + len(report_zh.appendix)
    assert appendix.rows[0].cells[0].text == report_zh.texts["requirement_col"]


def test_docx_sets_an_east_asian_font_and_page_numbers(docx_zh: bytes) -> None:
    document = open_docx(docx_zh)
    normal = document.styles["Normal"].element
    fonts = normal.rPr.find(qn("w:rFonts"))
    assert fonts is not None and fonts.get(qn("w:eastAsia"))
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_docx_table_cells_keep_line_breaks_markup_characters_and_column_widths(
    toy_model: Model, toy_result: Result, toy_answers: Answers
) -> None:
    """Rows are written as WordprocessingML directly: text must be escaped and newlines become breaks."""
    requirement = next(iter(toy_model.index.requirements))
    note = "first line <b>&amp;\nsecond line"
    enterprise = Enterprise(name="Toy Works Ltd", notes={requirement: note})
    report = build_report(toy_model, toy_result, toy_answers, enterprise, "en")
    document = open_docx(render_docx(report))
    appendix = document.tables[-1]
    assert all(run.bold for run in appendix.rows[0].cells[0].paragraphs[0].runs)
    row = next(r for r in appendix.rows[1:] if r.cells[0].text == requirement)
    assert row.cells[-1].text == note
    assert row.cells[-1]._tc.xml.count("<w:br/>") == 1
    columns = [column.w for column in appendix._tbl.tblGrid.gridCol_lst]
    cells = [cell.width for cell in row.cells]
    assert columns == cells and len(set(columns)) > 1  # the table's proportions, for Word and LibreOffice alike
    assert abs(sum(columns) - Cm(17)) < Cm(0.01)
