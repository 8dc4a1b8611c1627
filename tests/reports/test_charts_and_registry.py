"""Charts are real PNG images drawn with a CJK font; the registry names every format once."""

from __future__ import annotations

import io

import pytest
from matplotlib import font_manager
from PIL import Image

from cmmm.reports.charts import cjk_font_path, clear_chart_cache, level_bars_png, radar_png
from cmmm.reports.errors import ReportFormatUnknown
from cmmm.reports.registry import RENDERERS, renderer_for
from cmmm.reports.report_model import ReportModel


def test_charts_are_png_images(report_zh: ReportModel) -> None:
    radar = Image.open(io.BytesIO(radar_png(report_zh.profile, report_zh.profile_max, "雷达")))
    bars = Image.open(io.BytesIO(level_bars_png(report_zh.level_bars, report_zh.threshold, "等级得分", "阈值")))
    assert radar.format == bars.format == "PNG"
    assert radar.width > 600 and bars.width > 600
    assert radar.mode == bars.mode == "RGB"  # opaque: no alpha channel for the PDF renderer to split off


def test_charts_are_cached_by_content(report_zh: ReportModel) -> None:
    """The PDF and the Word report of one assessment draw the same charts once."""
    first = radar_png(report_zh.profile, report_zh.profile_max, "雷达")
    assert radar_png(list(report_zh.profile), report_zh.profile_max, "雷达") is first
    assert radar_png(report_zh.profile, report_zh.profile_max, "Radar") != first
    bars = level_bars_png(report_zh.level_bars, report_zh.threshold, "等级得分", "阈值")
    assert level_bars_png(list(report_zh.level_bars), report_zh.threshold, "等级得分", "阈值") is bars
    clear_chart_cache()
    assert radar_png(report_zh.profile, report_zh.profile_max, "雷达") is not first


def test_charts_use_an_installed_cjk_font() -> None:
    family = font_manager.FontProperties(fname=cjk_font_path()).get_name()
    assert "CJK" in family


def test_registry_renders_pdf_docx_and_xlsx_with_comparisons_for_documents() -> None:
    assert set(RENDERERS) == {"pdf", "docx", "xlsx"}
    assert renderer_for("docx").suffix == ".docx"
    assert renderer_for("pdf", comparison=True).render_comparison is not None
    with pytest.raises(ReportFormatUnknown):
        renderer_for("xlsx", comparison=True)
    with pytest.raises(ReportFormatUnknown):
        renderer_for("odt")
