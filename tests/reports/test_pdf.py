"""The PDF report, opened with pypdf: its text, its embedded CJK font, its chart images and page numbers."""

from __future__ import annotations

import io

import pypdf
import pytest

from cmmm.model.schema import Model
from cmmm.reports.pdf import render_pdf
from cmmm.reports.report_model import ReportModel


def pdf_text(document: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(document))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def opened(pdf_zh: bytes) -> tuple[pypdf.PdfReader, str]:
    """Text extraction of a CJK PDF takes seconds: once per module."""
    return pdf_text(pdf_zh)


def squeeze(text: str) -> str:
    """Text extraction breaks long CJK lines; compare without whitespace."""
    return "".join(text.split())


def font_names(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_pdf_shows_enterprise_level_score_and_requirement_texts(
    pdf_zh: bytes, opened: tuple[pypdf.PdfReader, str], report_zh: ReportModel, reference_model: Model
) -> None:
    assert pdf_zh.startswith(b"%PDF")
    _, text = opened
    flat = squeeze(text)
    assert "苏州示例精密制造有限公司" in flat
    assert squeeze(report_zh.level_name) in flat
    assert report_zh.total_score_text in text
    clause = reference_model.index.requirements["data.3.3"].text_for("discrete", "zh")
    assert squeeze(clause) in flat
    assert "现场核查通过" in flat
    assert "数据管理制度V2" in flat


def test_pdf_states_the_model_provenance_exactly_once(
    opened: tuple[pypdf.PdfReader, str], report_zh: ReportModel
) -> None:
    _, text = opened
    assert squeeze(text).count(squeeze(report_zh.provenance)) == 1


def test_pdf_embeds_a_cjk_font(opened: tuple[pypdf.PdfReader, str]) -> None:
    reader, _ = opened
    assert any("CJK" in name for name in font_names(reader))


def test_pdf_charts_are_images_and_pages_are_numbered(opened: tuple[pypdf.PdfReader, str]) -> None:
    reader, text = opened
    images = {
        xobject.idnum  # pages share one resource dictionary: count distinct objects
        for page in reader.pages
        for xobject in page["/Resources"].get("/XObject", {}).values()
        if xobject.get_object()["/Subtype"] == "/Image"
    }
    assert len(images) == 2  # the level-score bars and the radar
    pages = len(reader.pages)
    assert f"第 1 页，共 {pages} 页" in text
    assert f"第 {pages} 页，共 {pages} 页" in text


def test_english_pdf(toy_report_en: ReportModel) -> None:
    reader, text = pdf_text(render_pdf(toy_report_en))
    assert "Toy Works Ltd" in text
    assert "Level 2 (Standardized)" in text
    assert "Shall satisfy s2.3.2" in text
    assert f"Page 1 of {len(reader.pages)}" in text
