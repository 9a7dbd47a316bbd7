"""Server-generated SVG bar charts, for the dashboard and the PDF summary.

Each chart is an accessible <svg role="img"> with <title> and <desc>; pages show
a table with the same numbers beside it. Output is built from numbers and our own
labels, escaped, so it is safe to mark safe in templates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The risk-level palette of app.css, darker shades so bars meet 3:1 on white.
LEVEL_COLOURS = {
    "low": "#2e7d3e",
    "medium": "#b58900",
    "high": "#c0541a",
    "very_high": "#8b1a1a",
    "incomplete": "#6c757d",
}
DEFAULT_COLOUR = "#1d3f6e"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    key: str = ""  # a risk level key picks the level colour


def _svg_open(
    chart_id: str, width: int, height: float, title: str, desc: str
) -> list[str]:
    """The opening <svg> with its title and description, named for screen readers.

    The title is also the alternative text of the figure in the tagged PDF
    (WeasyPrint reads only <title>), so callers put the numbers in it."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def bar_chart(
    bars: Sequence[Bar], *, title: str, desc: str, chart_id: str, width: int = 560
) -> SafeString:
    """A horizontal bar chart; the value is written at the end of each bar."""
    row, label_w, pad = 26, 250, 8
    height = max(1, len(bars)) * row + 2 * pad
    top = max((b.value for b in bars), default=0) or 1
    plot_w = width - label_w - 60
    numbers = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
    parts = [
        *_svg_open(chart_id, width, height, f"{title}. {numbers}", desc),
    ]
    for i, bar in enumerate(bars):
        y = pad + i * row
        w = round(plot_w * bar.value / top)
        colour = LEVEL_COLOURS.get(bar.key, DEFAULT_COLOUR)
        label = escape(bar.label if len(bar.label) <= 38 else bar.label[:37] + "…")
        parts += [
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" '
            f'font-size="12" fill="#222">{label}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{max(w, 1)}" height="{row - 8}" '
            f'fill="{colour}"/>',
            f'<text x="{label_w + max(w, 1) + 5}" y="{y + 17}" font-size="12" '
            f'fill="#222">{bar.value}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and escaped labels only


def stacked_columns(
    columns: Sequence[tuple[str, dict[str, int]]],
    *,
    keys: Sequence[tuple[str, str]],
    title: str,
    desc: str,
    chart_id: str,
    width: int = 560,
) -> SafeString:
    """Columns per period stacked by risk level, with a legend (levels over time)."""
    height, left, bottom, top_pad, legend_h = 230, 36, 28, 10, 24
    plot_h = height - bottom - top_pad - legend_h
    n = max(1, len(columns))
    slot = (width - left - 10) / n
    peak = max((sum(c.values()) for _, c in columns), default=0) or 1
    numbers = "; ".join(
        f"{label}: " + ", ".join(f"{name} {c[k]}" for k, name in keys if c.get(k))
        if c
        else f"{label}: 0"
        for label, c in columns
    )
    parts = [
        *_svg_open(chart_id, width, height, f"{title}. {numbers}", desc),
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 6}" '
        f'y2="{top_pad + plot_h}" stroke="#555"/>',
        f'<text x="{left - 4}" y="{top_pad + 10}" text-anchor="end" font-size="11" '
        f'fill="#222">{peak}</text>',
    ]
    widest = max((len(label) for label, _counts in columns), default=0) * 6.5 + 6
    every = max(1, math.ceil(widest / slot))  # label every nth column, no overlaps
    for i, (label, counts) in enumerate(columns):
        bar_w = min(slot * 0.7, 48)
        x = left + i * slot + (slot - bar_w) / 2
        y: float = top_pad + plot_h
        for key, _name in keys:
            h = plot_h * counts.get(key, 0) / peak
            if h:
                y -= h
                colour = LEVEL_COLOURS.get(key, DEFAULT_COLOUR)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>'
                )
        if (n - 1 - i) % every == 0:  # always label the latest column
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 16}" '
                f'text-anchor="middle" font-size="11" fill="#222">'
                f"{escape(label)}</text>"
            )
    lx = left
    for key, name in keys:
        parts += [
            f'<rect x="{lx}" y="{height - 16}" width="12" height="12" '
            f'fill="{LEVEL_COLOURS.get(key, DEFAULT_COLOUR)}"/>',
            f'<text x="{lx + 16}" y="{height - 6}" font-size="11" fill="#222">'
            f"{escape(name)}</text>",
        ]
        lx += 24 + 7 * len(name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and escaped labels only
