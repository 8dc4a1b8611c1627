"""Charts of the dashboards, as inline SVG like :mod:`cmmm.web.charts`: stacked bars of enterprises per level
for each group (sub-region, industry, size, year), and a radar comparing two sub-domain profiles.

Each chart has a title for screen readers, and each page shows the same numbers in a table next to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

from cmmm.web.charts import CENTER, SIZE, _point

LEVEL_COLOURS = ("#9aa4b2", "#c9d7ea", "#8fb3de", "#4f87c7", "#1f5c9e", "#0b3563")
"""Level 0 (below level 1) to level 5, light to dark."""
SERIES_COLOURS = ("#0b5cad", "#a15c00")


def stacked_bars_svg(title: str, rows: Sequence[tuple[str, Mapping[int, int]]], chart_id: str) -> Markup:
    """One horizontal bar per group, split by level; bars are scaled to the largest group."""
    if not rows:
        return Markup("")
    label_width, bar_width, row_height = 150, 360, 22
    height = row_height * len(rows) + 40
    largest = max(sum(counts.values()) for _, counts in rows) or 1
    parts = [
        f'<svg viewBox="0 0 {label_width + bar_width + 60} {height}" role="img" aria-labelledby="{chart_id}">',
        f'<title id="{chart_id}">{escape(title)}</title>',
    ]
    for index, (label, counts) in enumerate(rows):
        y = 10 + index * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" font-size="11" text-anchor="end">{escape(label[:18])}</text>'
        )
        x = float(label_width)
        for level in range(6):
            width = bar_width * counts.get(level, 0) / largest
            if width > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{row_height - 6}" '
                    f'fill="{LEVEL_COLOURS[level]}"><title>{level}: {counts.get(level, 0)}</title></rect>'
                )
            x += width
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" font-size="11">{sum(counts.values())}</text>')
    legend_y = height - 12
    for level, colour in enumerate(LEVEL_COLOURS):
        lx = label_width + level * 56
        parts.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{legend_y}" font-size="10">L{level}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def compare_radar_svg(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], chart_id: str
) -> Markup:
    """Profiles on 0..5 drawn over each other (a region and the nation, an enterprise and its peers)."""
    count = len(labels)
    if count < 3:
        return Markup("")
    parts = [
        f'<svg viewBox="0 0 {SIZE} {SIZE + 30}" role="img" aria-labelledby="{chart_id}">',
        f'<title id="{chart_id}">{escape(title)}</title>',
    ]
    for ring in range(1, 6):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, ring / 5) for i in range(count)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#d8dde5"/>')
    for index, label in enumerate(labels):
        lx, ly = _point(index, count, 1.17)
        anchor = "middle" if abs(lx - CENTER) < 20 else ("start" if lx > CENTER else "end")
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="{anchor}">{escape(label)}</text>')
    for number, (name, values) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        shape = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (_point(i, count, min(max((v or 0.0) / 5, 0.0), 1.0)) for i, v in enumerate(values))
        )
        parts.append(f'<polygon points="{shape}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<rect x="{10 + number * 160}" y="{SIZE + 12}" width="12" height="4" fill="{colour}"/>')
        parts.append(f'<text x="{26 + number * 160}" y="{SIZE + 18}" font-size="11">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
