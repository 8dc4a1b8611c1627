"""PDF rendering with WeasyPrint: HTML from the package's Jinja2 templates, CSS with @page and page numbers.

Text is set in Noto Sans CJK SC (Debian's fonts-noto-cjk, found through fontconfig), which WeasyPrint
embeds as a subset, so Chinese shows in any PDF reader. Charts are embedded as PNG images.
"""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from cmmm.reports.charts import cjk_font_path, comparison_bars_png, level_bars_png, radar_png
from cmmm.reports.report_model import ComparisonReport, ReportModel, RequirementRow


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("cmmm.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
    )


@cache
def _stylesheet() -> str:
    return (resources.files("cmmm.reports") / "templates" / "report.css").read_text(encoding="utf-8")


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _page_css(pattern: str) -> Markup:
    """The localized page counter of the page footer, as CSS ``content`` (``第 n 页，共 m 页``)."""
    content = '"' + pattern.replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "') + '"'
    return Markup("@page { @bottom-center { content: %s; font-size: 8pt; color: #555; } }") % Markup(content)


def _write_pdf(template: str, **context: Any) -> bytes:
    import weasyprint  # type: ignore[import-untyped]  # noqa: PLC0415  (a second to import; only PDFs need it)

    cjk_font_path()  # fail with a clear message rather than with tofu boxes
    html = _environment().get_template(template).render(**context)
    stylesheet = weasyprint.CSS(string=_stylesheet())
    document: bytes = weasyprint.HTML(string=html).write_pdf(stylesheets=[stylesheet])
    return document


def _appendix_groups(report: ReportModel) -> list[tuple[str, list[RequirementRow]]]:
    """The appendix by sub-domain in model order; paragraphs, not a table, because a 300-row CJK table
    takes WeasyPrint several seconds to lay out."""
    groups: dict[str, tuple[str, list[RequirementRow]]] = {}
    for row in report.appendix:
        groups.setdefault(row.subdomain_id, (row.subdomain_name, []))[1].append(row)
    return list(groups.values())


def render_pdf(report: ReportModel) -> bytes:
    texts = report.texts
    return _write_pdf(
        "report.html.j2",
        r=report,
        appendix_groups=_appendix_groups(report),
        page_css=_page_css(texts["page"]),
        radar_uri=_data_uri(radar_png(report.profile, report.profile_max, texts["radar_title"])),
        bars_uri=_data_uri(
            level_bars_png(report.level_bars, report.threshold, texts["bars_title"], texts["threshold"])
        ),
    )


def render_comparison_pdf(report: ComparisonReport) -> bytes:
    texts = report.texts
    labels = (texts["before"], texts["after"])
    bars = comparison_bars_png(
        report.before_bars, report.after_bars, labels, report.threshold, texts["comparison_levels"]
    )
    return _write_pdf("comparison.html.j2", r=report, page_css=_page_css(texts["page"]), bars_uri=_data_uri(bars))
