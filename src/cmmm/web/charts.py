"""Charts drawn in the page as inline SVG: no script, no external library, readable by screen readers
(each chart has a title, and the page shows the same numbers in a table)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

SIZE = 420
CENTER = SIZE / 2
RADIUS = 150


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return CENTER + RADIUS * fraction * math.cos(angle), CENTER + RADIUS * fraction * math.sin(angle)


def radar_svg(title: str, spokes: Sequence[tuple[str, float | None]], maximum: float = 5.0) -> Markup:
    """A radar of values on 0..maximum; a missing value is drawn at the centre and its label is greyed."""
    count = len(spokes)
    if count < 3:
        return Markup("")
    parts = [
        f'<svg viewBox="0 0 {SIZE} {SIZE}" role="img" aria-labelledby="radar-title">',
        f'<title id="radar-title">{escape(title)}</title>',
    ]
    for ring in range(1, int(maximum) + 1):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, ring / maximum) for i in range(count)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#d8dde5"/>')
    for index, (label, value) in enumerate(spokes):
        x, y = _point(index, count, 1.0)
        lx, ly = _point(index, count, 1.17)
        anchor = "middle" if abs(lx - CENTER) < 20 else ("start" if lx > CENTER else "end")
        colour = "#1d2430" if value is not None else "#9aa4b2"
        parts.append(f'<line x1="{CENTER}" y1="{CENTER}" x2="{x:.1f}" y2="{y:.1f}" stroke="#e4e8ee"/>')
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="{anchor}" fill="{colour}">'
            f"{escape(label)}</text>"
        )
    shape = " ".join(
        f"{x:.1f},{y:.1f}"
        for x, y in (_point(i, count, min(max((v or 0.0) / maximum, 0.0), 1.0)) for i, (_, v) in enumerate(spokes))
    )
    parts.append(f'<polygon points="{shape}" fill="rgba(11,92,173,.25)" stroke="#0b5cad" stroke-width="2"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def level_bars_svg(title: str, bars: Sequence[tuple[str, float | None]], threshold: float) -> Markup:
    """Level scores as bars on 0..1 with the threshold line that decides whether a level is satisfied."""
    width, height, left, bottom, top = 420, 220, 40, 190, 20
    step = (width - left - 10) / max(len(bars), 1)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="bars-title">',
        f'<title id="bars-title">{escape(title)}</title>',
        f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#5b6575"/>',
    ]
    scale = bottom - top
    for index, (label, value) in enumerate(bars):
        x = left + index * step + step * 0.2
        bar_height = scale * max(0.0, min(value or 0.0, 1.0))
        colour = "#1f7a3a" if value is not None and value >= threshold else "#b3261e"
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom - bar_height:.1f}" width="{step * 0.6:.1f}" height="{bar_height:.1f}" '
            f'fill="{colour}"/>'
        )
        shown = "-" if value is None else f"{value:.2f}"
        parts.append(f'<text x="{x + step * 0.3:.1f}" y="{bottom - bar_height - 4:.1f}" font-size="11" '
                     f'text-anchor="middle">{shown}</text>')  # fmt: skip
        parts.append(f'<text x="{x + step * 0.3:.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle">'
                     f"{escape(label)}</text>")  # fmt: skip
    y = bottom - scale * threshold
    parts.append(
        f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#a15c00" stroke-dasharray="4"/>'
    )
    parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{threshold:g}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
