"""Charts as inline SVG, drawn on the server: no script, no CDN, nothing fetched by the page.

Every label goes through `escape`; every bar or node links to the page of what it counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

import markupsafe

# Classification levels, least to most restricted, with their colours (also used in CSS).
LEVELS = [
    ("UNCLASSIFIED", "#3a7d44"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "#79a86b"),
    ("LIMITED OFFICIAL USE", "#c9a227"),
    ("CONFIDENTIAL", "#1f5f99"),
    ("SECRET", "#b5542c"),
    ("TOP SECRET", "#8a1c1c"),
]
OTHER = "#8b93a1"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    href: str
    note: str | None = None


def _key(level: str) -> str:
    """`SECRET`, `Secret` and `UNCLASSIFIED_FOR_OFFICIAL_USE_ONLY` compare by letters alone."""
    return re.sub(r"[^A-Z]", "", level.upper())


def colour(level: str) -> str:
    for name, value in LEVELS:
        if _key(name) == _key(level):
            return value
    return OTHER


def stacked_years(
    counts: dict[str, dict[str, int]], href: str = "/search?year="
) -> markupsafe.Markup:
    """Cables per year (columns), stacked by classification; `counts[year][level] = n`."""
    years = sorted(counts)
    if not years:
        return markupsafe.Markup("")
    levels = sorted({lv for per in counts.values() for lv in per}, key=_level_rank)
    peak = max(sum(per.values()) for per in counts.values()) or 1
    width, height, left, bottom, top = 720, 300, 48, 40, 12
    step = (width - left - 8) / len(years)
    bar = max(2.0, step * 0.8)
    plot = height - bottom - top
    parts = [_svg_open(width, height, "Cables per year by classification")]
    for tick in _ticks(peak):
        y = top + plot - plot * tick / peak
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e6ec"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#5b6575">{tick}</text>'
        )
    for i, year in enumerate(years):
        x = left + i * step + (step - bar) / 2
        y = top + plot
        for level in levels:
            n = counts[year].get(level, 0)
            if not n:
                continue
            h = plot * n / peak
            y -= h
            parts.append(
                f'<a href="{escape(href + year)}"><rect class="bar" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}" fill="{colour(level)}">'
                f"<title>{escape(year)}: {n} {escape(level.lower())}</title></rect></a>"
            )
        if len(years) <= 16 or i % max(1, len(years) // 12) == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
                f'text-anchor="middle" fill="#5b6575">{escape(year)}</text>'
            )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{colour(lv)}"></i>{escape(lv.capitalize())}</span>'
        for lv in levels
    )
    return markupsafe.Markup("".join(parts) + f'<p class="legend">{legend}</p>')


def horizontal_bars(bars: list[Bar], title: str) -> markupsafe.Markup:
    """One bar per item, longest first, each a link; the note (a TAG's meaning) beside it."""
    if not bars:
        return markupsafe.Markup("")
    peak = max(b.value for b in bars) or 1
    row, label_width, width = 24, 330, 760
    height = row * len(bars) + 8
    parts = [_svg_open(width, height, title)]
    room = width - label_width - 60
    for i, b in enumerate(bars):
        y = 4 + i * row
        w = max(2.0, room * b.value / peak)
        text = b.label if not b.note else f"{b.label} · {b.note}"
        if len(text) > 50:
            text = text[:49] + "…"
        parts.append(
            f'<a href="{escape(b.href)}"><text x="{label_width - 8}" y="{y + 15}" font-size="12" '
            f'text-anchor="end" fill="#1d2430">{escape(text)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
            f'fill="#1f5f99" rx="2"><title>{escape(b.label)}: {b.value}</title></rect></a>'
            f'<text x="{label_width + w + 6:.1f}" y="{y + 15}" font-size="11" '
            f'fill="#5b6575">{b.value}</text>'
        )
    parts.append("</svg>")
    return markupsafe.Markup("".join(parts))


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    href: str
    in_corpus: bool = True


def citation_graph(centre: Node, cites: list[Node], cited_by: list[Node]) -> markupsafe.Markup:
    """Cables citing this one (left) → this cable (centre) → cables it cites (right)."""
    if not cites and not cited_by:
        return markupsafe.Markup("")
    shown = 12
    rows = max(len(cites[:shown]), len(cited_by[:shown]), 1)
    width, row = 720, 30
    height = max(120, rows * row + 40)
    cx, cy = width / 2, height / 2
    parts = [_svg_open(width, height, f"Citation graph of {centre.label}")]
    parts.append(
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#8b93a1"/></marker></defs>'
    )
    for side, nodes, x in (("in", cited_by[:shown], 150), ("out", cites[:shown], width - 150)):
        top = cy - (len(nodes) - 1) * row / 2
        for i, node in enumerate(nodes):
            y = top + i * row
            # Edges run citing -> cited: node -> centre on the left, centre -> node on the right.
            if side == "in":
                (x1, y1), (x2, y2) = (x + 8, y), (cx - 62, cy)
            else:
                (x1, y1), (x2, y2) = (cx + 62, cy), (x - 8, y)
            parts.append(
                f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                f'y2="{y2:.1f}" stroke="#b8bfca" marker-end="url(#arrow)"/>'
            )
            fill = "#1f5f99" if node.in_corpus else "#ffffff"
            anchor, tx = ("end", x - 12) if side == "in" else ("start", x + 12)
            parts.append(
                f'<a href="{escape(node.href)}"><circle class="node" cx="{x}" cy="{y:.1f}" r="7" '
                f'fill="{fill}" stroke="#1f5f99" stroke-width="2"/>'
                f'<text x="{tx}" y="{y + 4:.1f}" font-size="12" text-anchor="{anchor}" '
                f'fill="#1d2430">{escape(node.label)}</text></a>'
            )
    parts.append(
        f'<a href="{escape(centre.href)}"><rect class="node" x="{cx - 60}" y="{cy - 16}" '
        f'width="120" height="32" rx="6" fill="#17202d"/><text x="{cx}" y="{cy + 5}" '
        f'font-size="13" text-anchor="middle" fill="#fff">{escape(centre.label[:16])}</text></a>'
    )
    if len(cites) > shown or len(cited_by) > shown:
        parts.append(
            f'<text x="{cx}" y="{height - 6}" font-size="11" text-anchor="middle" '
            f'fill="#5b6575">showing {shown} per side</text>'
        )
    parts.append("</svg>")
    legend = (
        '<p class="legend"><span>left: cables citing it · right: cables it cites</span>'
        '<span><i style="background:#1f5f99"></i>in the corpus</span>'
        '<span><i style="background:#fff;border:2px solid #1f5f99"></i>cited only</span></p>'
    )
    return markupsafe.Markup("".join(parts) + legend)


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )


def _level_rank(level: str) -> int:
    for i, (name, _) in enumerate(LEVELS):
        if _key(name) == _key(level):
            return i
    return len(LEVELS)


def _ticks(peak: int) -> list[int]:
    """Three or four round gridline values up to `peak`."""
    for step in (
        1,
        2,
        5,
        10,
        20,
        25,
        50,
        100,
        200,
        250,
        500,
        1000,
        2000,
        2500,
        5000,
        10000,
        20000,
        25000,
        50000,
        100000,
    ):
        if peak / step <= 4:
            return list(range(step, peak + 1, step))
    return [peak]
