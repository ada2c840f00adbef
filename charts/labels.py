"""Text on charts that never collides: direct line labels, numbered event markers, chart notes.

A figure does not know how wide the browser will draw it, so everything here is placed in a
way that holds at any width from a 390 px phone up: line labels stack in the right margin
(pushed apart vertically in pixels, which the fixed height makes known), event markers are
small numbers in a band above the plot (staggered over two rows when two fall within a year of
each other) with their text in a note under the chart, and cell or tile text is shown only
when :func:`text_width` says it fits.

The notes travel with the figure (``layout.meta["notes"]``): the page prints them under the
chart and the exported image carries them (report.print_style).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from charts.layout_items import add_annotations, add_vlines
from vocab.text import strip_unit_prefix

__all__ = [
    "LINE_LABEL_GAP",
    "Marker",
    "add_markers",
    "chart_notes",
    "fits",
    "short_unit_name",
    "spread",
    "text_width",
]

LINE_LABEL_GAP = 16  # px between two line labels' baselines (13 px text)
MARKER_ROW = 17  # px per row of event numbers above the plot
_MARKER_COLOR = "#4b5563"
_PREFIXES = {"city": "TP. ", "town": "TX. ", "urban_district": "Q. "}


def text_width(text: str, size: float) -> float:
    """A generous estimate of a text's width in px (Noto/Source Sans average ≈ 0.55 em; 0.62 used)."""
    longest = max((len(line) for line in text.split("<br>")), default=0)
    return longest * size * 0.62


def fits(text: str, size: float, width_px: float, height_px: float) -> bool:
    """Whether ``text`` (lines split by <br>) fits a box, with 4 px to spare on each side."""
    lines = text.count("<br>") + 1
    return text_width(text, size) <= width_px - 8 and lines * size * 1.25 <= height_px - 8


def short_unit_name(name: str, is_province: bool = False) -> str:
    """A line label: "Toàn tỉnh", "TP. Bình Giang", "TX. An Lạc", "Hòa Phong" (a district keeps no prefix)."""
    if is_province:
        return "Toàn tỉnh"
    base, kind = strip_unit_prefix(name)
    return _PREFIXES.get(kind or "", "") + base


def spread(positions: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Positions (px, any order) moved apart by at least ``gap`` and kept within [low, high], each
    as close to where it was as that allows. Returns them in the input order."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [min(max(positions[i], low), high) for i in order]
    for k in range(1, len(placed)):  # push up
        placed[k] = max(placed[k], placed[k - 1] + gap)
    if placed and placed[-1] > high:  # too high: push the stack back down from the top
        placed[-1] = high
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    out = [0.0] * len(positions)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


@dataclass(frozen=True)
class Marker:
    """A numbered mark on the time axis: a policy event, a boundary change or a definition break."""

    x: float
    text: str  # the note under the chart, after its number


def add_markers(fig: go.Figure, markers: Iterable[Marker]) -> list[str]:
    """A dotted line and a small number above the plot at each marker; returns the notes
    ("1. …") in number order. Markers at the same x share one number row entry ("1, 2");
    markers within a year of the previous one go one row higher, so numbers never touch."""
    by_x: dict[float, list[str]] = {}
    for m in sorted(markers, key=lambda m: m.x):
        by_x.setdefault(m.x, []).append(m.text)
    notes: list[str] = []
    previous: float | None = None
    row = 0
    labels: list[dict[str, Any]] = []
    for x, texts in by_x.items():
        numbers = [str(len(notes) + k + 1) for k in range(len(texts))]
        notes += [f"{n}. {t}" for n, t in zip(numbers, texts, strict=True)]
        row = 1 - row if previous is not None and x - previous < 1.0 else 0
        previous = x
        labels.append(
            dict(
                x=x,
                y=1,
                xref="x",
                yref="paper",
                yanchor="bottom",
                yshift=3 + row * MARKER_ROW,
                text=", ".join(numbers),
                hovertext="<br>".join(html.escape(n) for n in notes[-len(texts) :]),  # analysts' text, not markup
                showarrow=False,
                font=dict(size=11, color=_MARKER_COLOR),
                bgcolor="white",
                bordercolor="#9ca3af",
                borderwidth=1,
                borderpad=1,
            )
        )
    add_vlines(fig, by_x, dict(color="#9ca3af", dash="dot", width=1))
    add_annotations(fig, labels)
    if notes:
        meta = dict(fig.layout.meta or {})
        meta["notes"] = [*meta.get("notes", []), *notes]
        fig.update_layout(meta=meta)
        margin_top = fig.layout.margin.t or 40
        fig.update_layout(margin=dict(t=max(margin_top, 12 + 2 * MARKER_ROW)))
    return notes


def chart_notes(fig: go.Figure | Mapping[str, Any]) -> list[str]:
    """The notes a figure carries (numbered markers' texts and any others), for the page and exports."""
    layout = fig.layout if isinstance(fig, go.Figure) else fig.get("layout", {})
    meta = (layout.meta if isinstance(fig, go.Figure) else layout.get("meta")) or {}
    return [str(n) for n in meta.get("notes", [])] if isinstance(meta, Mapping) else []
