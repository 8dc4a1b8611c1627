"""The one registry of report renderers by format name, used by the CLI and (later) the web downloads.

A renderer turns an already built, localized report into the bytes of a file; adding a format is one
entry here. Each entry also names the file suffix and media type that a download needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cmmm.reports.docx_renderer import render_comparison_docx, render_docx
from cmmm.reports.errors import ReportFormatUnknown
from cmmm.reports.pdf import render_comparison_pdf, render_pdf
from cmmm.reports.ratings_workbook import render_xlsx
from cmmm.reports.report_model import ComparisonReport, ReportModel

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Renderer:
    name: str
    suffix: str
    media_type: str
    render: Callable[[ReportModel], bytes]
    render_comparison: Callable[[ComparisonReport], bytes] | None = None
    """None when the format has no comparison report (the Excel export holds ratings only)."""


RENDERERS: Mapping[str, Renderer] = {
    "pdf": Renderer("pdf", ".pdf", "application/pdf", render_pdf, render_comparison_pdf),
    "docx": Renderer("docx", ".docx", DOCX_TYPE, render_docx, render_comparison_docx),
    "xlsx": Renderer("xlsx", ".xlsx", XLSX_TYPE, render_xlsx),
}


def renderer_for(name: str, comparison: bool = False) -> Renderer:
    renderer = RENDERERS.get(name)
    if renderer is None or (comparison and renderer.render_comparison is None):
        known = ", ".join(n for n, r in RENDERERS.items() if not comparison or r.render_comparison)
        raise ReportFormatUnknown(
            f"不支持的报告格式 {name!r}（可用：{known}）", f"unknown report format {name!r} (known: {known})"
        )
    return renderer
