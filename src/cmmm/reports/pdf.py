"""PDF rendering with WeasyPrint: HTML from the package's Jinja2 templates, CSS with @page and page numbers.

Text is set in Noto Sans CJK SC (Debian's fonts-noto-cjk, found through fontconfig), which WeasyPrint
embeds as a subset, so Chinese shows in any PDF reader. Charts are embedded as PNG images.

Speed (issue 6: a full report in under 2 s). WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset
is installed (scripts/setup installs it): its fallback, fontTools, takes seconds on a CJK font. Layout
allocates millions of objects, many in reference cycles, so the cyclic garbage collector runs less
often during a render (``_fewer_gc_passes``). Fonts are loaded once per thread
(``_font_config``). The templates keep the number of boxes low (WeasyPrint's cost is per box): the
appendix is one paragraph per requirement, its ids aligned by a tab stop rather than a box of their own.
"""

from __future__ import annotations

import base64
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from cmmm.reports.charts import cjk_font_path, comparison_bars_png, level_bars_png, radar_png
from cmmm.reports.report_model import ComparisonReport, ReportModel, RequirementRow

YOUNG_GC_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation while a PDF renders (Python's default: 700)."""

_gc_lock = threading.Lock()
_gc_renders = 0
_gc_saved_thresholds = gc.get_threshold()
_threads = threading.local()


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Let the cyclic garbage collector run less often while WeasyPrint renders.

    A full report allocates millions of objects, many of them in cycles (boxes point to their parents) and
    alive until the render ends. With Python's default threshold the collector walks them after every 700
    allocations, promotes them, and walks the older generations again and again: a fifth of the render.
    Collecting the youngest generation every 50,000 allocations instead still frees the render's garbage
    as it goes (memory stays flat over repeated renders) and never switches the collector off.
    Concurrent renders (web workers are threads) share the setting: the thresholds are restored when the
    last of them ends, and a collector disabled by threshold 0 is left alone.
    """
    global _gc_renders, _gc_saved_thresholds  # noqa: PLW0603  (process-wide state, guarded by _gc_lock)
    with _gc_lock:
        if _gc_renders == 0:
            _gc_saved_thresholds = gc.get_threshold()
            young, *older = _gc_saved_thresholds
            if young:
                gc.set_threshold(max(young, YOUNG_GC_THRESHOLD), *older)
        _gc_renders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_renders -= 1
            if _gc_renders == 0:
                gc.set_threshold(*_gc_saved_thresholds)


def _font_config() -> Any:
    """One WeasyPrint font configuration per thread: fonts are loaded once, never shared across threads."""
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]  # noqa: PLC0415

    config = getattr(_threads, "font_config", None)
    if config is None:
        config = _threads.font_config = FontConfiguration()
    return config


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
    with _fewer_gc_passes():
        font_config = _font_config()
        stylesheet = weasyprint.CSS(string=_stylesheet(), font_config=font_config)
        document: bytes = weasyprint.HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=font_config)
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
