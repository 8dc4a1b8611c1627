"""Charts of a report as PNG bytes: the radar of the 20 sub-domains and the level scores with the threshold.

matplotlib's object API (``Figure`` on an Agg canvas), never pyplot, so that rendering keeps no global
state and is safe in a web worker. Chinese labels need a CJK font; it comes from the system through
matplotlib's font manager (Debian's fonts-noto-cjk, installed by scripts/setup), never from the network.

The PNGs are opaque RGB: WeasyPrint re-encodes every PNG it embeds, and an alpha channel (Agg's default)
costs a second encoding as a soft mask for nothing, the charts having a white background. Charts are
cached by their content (a few recent ones), because the PDF and the Word report of the same assessment,
downloaded one after the other, draw the same charts.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from functools import cache, lru_cache

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from PIL import Image

from cmmm.reports.errors import ReportFontMissing
from cmmm.reports.report_model import LevelBar, ProfilePoint

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei")
DPI = 150
CACHED_CHARTS = 16
"""Charts kept per kind: a radar is about 200 kB."""
SATISFIED, UNSATISFIED, LINE = "#2e7d32", "#c62828", "#1f4e79"


@cache
def cjk_font_path() -> str:
    """The file of the first installed CJK family, looked up once per process."""
    for family in CJK_FAMILIES:
        try:
            return str(font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))
        except ValueError:
            continue
    raise ReportFontMissing(
        "未找到中文字体（需要 Noto Sans CJK SC，请运行 scripts/setup 安装 fonts-noto-cjk）",
        "no CJK font found (Noto Sans CJK SC is needed; scripts/setup installs fonts-noto-cjk)",
    )


def _font(size: float) -> font_manager.FontProperties:
    return font_manager.FontProperties(fname=cjk_font_path(), size=size)


def _png(figure: Figure) -> bytes:
    """The figure as an opaque RGB PNG at ``DPI``, compressed at zlib's fastest level (WeasyPrint re-encodes
    it anyway, and it still comes out smaller than Agg's own RGBA PNG for the Word report)."""
    canvas = FigureCanvasAgg(figure)
    raw = io.BytesIO()
    figure.savefig(raw, format="rgba", dpi=DPI)
    rgba = Image.frombytes("RGBA", canvas.get_width_height(), raw.getvalue())
    buffer = io.BytesIO()
    rgba.convert("RGB").save(buffer, format="PNG", compress_level=1, dpi=(DPI, DPI))
    return buffer.getvalue()


def clear_chart_cache() -> None:
    """Forget the cached charts, so that a benchmark measures drawing them."""
    _radar_png.cache_clear()
    _level_bars_png.cache_clear()


def radar_png(points: Sequence[ProfilePoint], maximum: int, title: str) -> bytes:
    """One spoke per sub-domain; absent sub-domains (tailored out) sit at 0 and keep their spoke."""
    return _radar_png(tuple(points), maximum, title)


@lru_cache(maxsize=CACHED_CHARTS)
def _radar_png(points: tuple[ProfilePoint, ...], maximum: int, title: str) -> bytes:
    figure = Figure(figsize=(7.0, 6.4), dpi=DPI, layout="constrained")
    axes = figure.add_subplot(projection="polar")
    assert isinstance(axes, PolarAxes)
    axes.set_theta_offset(math.pi / 2)  # first spoke at the top, then clockwise, as radar charts are read
    axes.set_theta_direction(-1)
    count = len(points)
    angles = [2 * math.pi * i / count for i in range(count)]
    values = [p.score or 0.0 for p in points]
    axes.plot([*angles, angles[0]], [*values, values[0]], color=LINE, linewidth=1.6)
    axes.fill([*angles, angles[0]], [*values, values[0]], color=LINE, alpha=0.18)
    axes.set_ylim(0, maximum)
    axes.set_rlabel_position(180 / count)  # ring labels between the first two spokes, clear of their names
    axes.set_yticks(range(1, maximum + 1))
    axes.set_yticklabels([str(v) for v in range(1, maximum + 1)], fontproperties=_font(7))
    axes.set_xticks(angles)
    axes.set_xticklabels([p.name for p in points], fontproperties=_font(7.5))
    axes.set_title(title, fontproperties=_font(11), pad=16)
    return _png(figure)


def level_bars_png(bars: Sequence[LevelBar], threshold: float, title: str, threshold_label: str) -> bytes:
    """Bars of S_n, green when satisfied, with the threshold drawn as a dashed line."""
    return _level_bars_png(tuple(bars), threshold, title, threshold_label)


@lru_cache(maxsize=CACHED_CHARTS)
def _level_bars_png(bars: tuple[LevelBar, ...], threshold: float, title: str, threshold_label: str) -> bytes:
    figure = Figure(figsize=(6.4, 3.4), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    positions = range(len(bars))
    heights = [b.score or 0.0 for b in bars]
    colors = [SATISFIED if b.satisfied else UNSATISFIED for b in bars]
    axes.bar(positions, heights, color=colors, width=0.6)
    for x, bar in zip(positions, bars, strict=True):
        axes.text(x, (bar.score or 0.0) + 0.02, bar.score_text, ha="center", va="bottom", fontproperties=_font(8))
    axes.axhline(threshold, color="#555555", linestyle="--", linewidth=1)
    axes.text(
        len(bars) - 0.5, threshold + 0.02, f"{threshold_label} {threshold:.1f}", ha="right", fontproperties=_font(8)
    )
    axes.set_ylim(0, 1.1)
    axes.set_xticks(list(positions))
    axes.set_xticklabels([b.label for b in bars], fontproperties=_font(8))
    axes.set_title(title, fontproperties=_font(11))
    return _png(figure)


def comparison_bars_png(
    before: Sequence[LevelBar], after: Sequence[LevelBar], labels: tuple[str, str], threshold: float, title: str
) -> bytes:
    """Level scores before and after side by side, so a reader sees at once which levels moved."""
    figure = Figure(figsize=(6.4, 3.4), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    count = max(len(before), len(after))
    names = [b.label for b in (after if len(after) >= len(before) else before)]
    for offset, bars, label, color in ((-0.2, before, labels[0], "#9e9e9e"), (0.2, after, labels[1], LINE)):
        axes.bar(
            [i + offset for i in range(len(bars))], [b.score or 0.0 for b in bars], width=0.4, label=label, color=color
        )
    axes.axhline(threshold, color="#555555", linestyle="--", linewidth=1)
    axes.set_ylim(0, 1.1)
    axes.set_xticks(list(range(count)))
    axes.set_xticklabels(names, fontproperties=_font(8))
    axes.legend(prop=_font(8))
    axes.set_title(title, fontproperties=_font(11))
    return _png(figure)
