"""Word (.docx) rendering with python-docx, for assessors who edit a report before sending it.

Real headings and tables (so Word's navigation pane and styles work), charts as inline pictures, page
numbers in the footer, and an East Asian font on every style (``w:eastAsia`` with ``zh-CN`` language) so
that Word sets Chinese in a Chinese face instead of falling back glyph by glyph.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle

from cmmm.reports.charts import comparison_bars_png, level_bars_png, radar_png
from cmmm.reports.report_model import ComparisonReport, Field, ReportModel, Section, Table, appendix_table

BODY_FONT = ("Calibri", "宋体")
HEADING_FONT = ("Calibri", "黑体")
"""(Latin, East Asian) faces: 宋体 and 黑体 ship with every Chinese Windows and are mapped to Noto CJK elsewhere."""


def _set_fonts(style: ParagraphStyle, fonts: tuple[str, str], size: float | None = None) -> None:
    style.font.name = fonts[0]
    if size is not None:
        style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), fonts[1])
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _new_document() -> DocumentObject:
    document = Document()
    styles = document.styles
    _set_fonts(styles["Normal"], BODY_FONT, 10)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_fonts(styles[name], HEADING_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    return document


def _page_number_footer(document: DocumentObject, pattern: str) -> None:
    """``第 {page} 页，共 {pages} 页`` with Word fields, which Word fills in when it lays the pages out."""
    paragraph = document.sections[0].footer.paragraphs[0]
    head, _, rest = pattern.partition("{page}")
    middle, _, tail = rest.partition("{pages}")
    for text, field in ((head, "PAGE"), (middle, "NUMPAGES"), (tail, None)):
        if text:
            paragraph.add_run(text)
        if field:
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), field)
            run = OxmlElement("w:r")
            value = OxmlElement("w:t")
            value.text = "1"
            run.append(value)
            simple.append(run)
            paragraph._p.append(simple)


def _table(document: DocumentObject, table: Table) -> None:
    if not table.rows:
        return
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    total = sum(table.widths) if table.widths else 0
    widths = [Cm(17 * w / total) for w in table.widths] if total else []
    for i, (cell, header) in enumerate(zip(grid.rows[0].cells, table.headers, strict=True)):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
        if widths:
            cell.width = widths[i]
    for row in table.rows:
        for i, (cell, value) in enumerate(zip(grid.add_row().cells, row, strict=True)):
            cell.text = value
            if widths:
                cell.width = widths[i]


def _fields(document: DocumentObject, rows: Sequence[Field]) -> None:
    grid = document.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for row in rows:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = row.label, row.value
        cells[0].width, cells[1].width = Cm(4.5), Cm(12.5)


def _section(document: DocumentObject, section: Section, new_page: bool = False) -> None:
    document.add_heading(section.title, level=1).paragraph_format.page_break_before = new_page
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)
    if section.table is not None:
        _table(document, section.table)


def _picture(document: DocumentObject, png: bytes, width_cm: float) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(width_cm))


def _cover(
    document: DocumentObject, title: str, name: str, cover: Sequence[Field], texts: dict[str, str], provenance: str
) -> None:
    document.add_heading(title, level=0)
    if name:
        document.add_paragraph(name).runs[0].font.size = Pt(16)
    _fields(document, cover)
    document.add_heading(texts["provenance"], level=2)
    document.add_paragraph(provenance)


def _bytes(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_docx(report: ReportModel) -> bytes:
    texts = dict(report.texts)
    document = _new_document()
    _page_number_footer(document, texts["page"])
    _cover(document, report.title, report.enterprise_name, report.cover, texts, report.provenance)
    document.add_heading(texts["summary"], level=1).paragraph_format.page_break_before = True
    _fields(document, report.summary)
    for note in report.notes:
        document.add_paragraph(note)
    document.add_heading(texts["level_scores"], level=2)
    _table(document, report.level_table)
    _picture(document, level_bars_png(report.level_bars, report.threshold, texts["bars_title"], texts["threshold"]), 14)
    _picture(document, radar_png(report.profile, report.profile_max, texts["radar_title"]), 15)
    for section in report.sections:
        _section(document, section)
    _section(document, Section(texts["appendix"], (), appendix_table(report)), new_page=True)
    return _bytes(document)


def render_comparison_docx(report: ComparisonReport) -> bytes:
    texts = dict(report.texts)
    document = _new_document()
    _page_number_footer(document, texts["page"])
    _cover(document, report.title, report.enterprise_name, report.cover, texts, report.provenance)
    labels = (texts["before"], texts["after"])
    bars = comparison_bars_png(
        report.before_bars, report.after_bars, labels, report.threshold, texts["comparison_levels"]
    )
    _picture(document, bars, 14)
    for section in report.sections:
        _section(document, section)
    return _bytes(document)
