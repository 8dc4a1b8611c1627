"""Word (.docx) rendering with python-docx, for assessors who edit a report before sending it.

Real headings and tables (so Word's navigation pane and styles work), charts as inline pictures, page
numbers in the footer, and an East Asian font on every style (``w:eastAsia`` with ``zh-CN`` language) so
that Word sets Chinese in a Chinese face instead of falling back glyph by glyph.

Table rows are written as WordprocessingML directly (one ``parse_xml`` per table) rather than through
python-docx's ``add_row``/``cell.text``, which look up and insert every child element one by one: with
the 302-requirement appendix that was most of the time of a report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, Twips
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


def _cell_xml(text: str, width: int | None, bold: bool) -> str:
    """A ``w:tc`` as python-docx's ``cell.text`` writes it: one paragraph, one run, ``w:br`` for newlines."""
    properties = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>' if width is not None else ""
    if not text:
        return f"<w:tc>{properties}<w:p/></w:tc>"
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' if line != line.strip() else f"<w:t>{escape(line)}</w:t>"
        for line in text.split("\n")
    )
    return f"<w:tc>{properties}<w:p><w:r>{run_properties}{lines}</w:r></w:p></w:tc>"


def _grid(document: DocumentObject, rows: Sequence[Sequence[str]], widths: Sequence[int], header: bool) -> None:
    """A "Table Grid" table of text cells, widths in twips (none: Word fits the columns), bold first row."""
    grid = document.add_table(rows=0, cols=len(rows[0]))
    grid.style = "Table Grid"
    if widths:
        for column, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
            column.w = Twips(width)
    cell_widths: Sequence[int | None] = widths or [None] * len(rows[0])
    xml = "".join(
        "<w:tr>"
        + "".join(_cell_xml(value, width, header and i == 0) for value, width in zip(row, cell_widths, strict=True))
        + "</w:tr>"
        for i, row in enumerate(rows)
    )
    for row_element in parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>"):
        grid._tbl.append(row_element)


def _table(document: DocumentObject, table: Table) -> None:
    if not table.rows:
        return
    total = sum(table.widths) if table.widths else 0
    widths = [Cm(17 * w / total).twips for w in table.widths] if total else []
    _grid(document, [table.headers, *table.rows], widths, header=True)


def _fields(document: DocumentObject, rows: Sequence[Field]) -> None:
    if rows:
        _grid(document, [(row.label, row.value) for row in rows], [Cm(4.5).twips, Cm(12.5).twips], header=False)


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
