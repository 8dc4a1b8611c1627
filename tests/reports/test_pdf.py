"""The PDF report, opened with pypdf: its text, its embedded CJK font, its chart images and page numbers."""

from __future__ import annotations

import gc
import io
from concurrent.futures import ThreadPoolExecutor

import pypdf
import pytest

from cmmm.model.schema import Model
from cmmm.reports.pdf import YOUNG_GC_THRESHOLD, _fewer_gc_passes, render_pdf
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


def embedded_font_sizes(reader: pypdf.PdfReader) -> dict[str, int]:
    """The decompressed size of each embedded font program, by font name."""
    sizes = {}
    for page in reader.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            font = reference.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = next(descriptor[key] for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor)
            sizes[str(font["/BaseFont"])] = len(program.get_object().get_data())
    return sizes


def test_pdf_embeds_subsets_of_the_cjk_fonts_only(opened: tuple[pypdf.PdfReader, str]) -> None:
    reader, _ = opened
    sizes = embedded_font_sizes(reader)
    assert sizes and all("CJK" in name for name in sizes)
    assert max(sizes.values()) < 4_000_000  # a Noto Sans CJK face is about 16 MB; the glyphs used, well under 1 MB


def test_weasyprint_subsets_fonts_with_harfbuzz() -> None:
    """Without libharfbuzz-subset (scripts/setup installs it) WeasyPrint falls back to fontTools, which takes
    seconds to subset a CJK font: a full report then misses the 2 s goal of issue 6 several times over."""
    from weasyprint.text import ffi  # type: ignore[import-untyped]  # noqa: PLC0415

    assert getattr(ffi, "harfbuzz_subset", True) is not None, "install libharfbuzz-subset0 (scripts/setup)"


def test_pdf_appendix_lists_every_requirement_with_its_grade(
    opened: tuple[pypdf.PdfReader, str], report_zh: ReportModel
) -> None:
    _, text = opened
    appendix = squeeze(text[text.rindex(report_zh.texts["appendix"]) :])
    assert report_zh.appendix
    for row in report_zh.appendix:
        assert squeeze(row.requirement_id + row.grade_label) in appendix, row.requirement_id


def test_gc_thresholds_are_raised_during_renders_and_restored_after() -> None:
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with _fewer_gc_passes():
            assert gc.get_threshold() == (YOUNG_GC_THRESHOLD, 10, 10)
            with _fewer_gc_passes():  # a concurrent render shares the setting
                assert gc.get_threshold()[0] == YOUNG_GC_THRESHOLD
            assert gc.get_threshold()[0] == YOUNG_GC_THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(0)  # collector switched off by the application: left off
        with _fewer_gc_passes():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*saved)


def test_concurrent_renders_in_threads(toy_report_en: ReportModel) -> None:
    """Web workers are threads: each has its own fonts, and the gc thresholds come back when all are done."""
    before = gc.get_threshold()
    with ThreadPoolExecutor(max_workers=2) as pool:
        documents = list(pool.map(render_pdf, [toy_report_en, toy_report_en]))
    assert gc.get_threshold() == before
    for document in documents:
        reader, text = pdf_text(document)
        assert "Toy Works Ltd" in text
        assert f"Page 1 of {len(reader.pages)}" in text
