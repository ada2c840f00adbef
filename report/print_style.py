"""A dashboard figure restyled for paper: larger text, year labels on two lines, room for the axis title.

The dashboard's figures are sized for a screen (~1200 px wide, 13 px text).
Printed 16 cm wide, that text would be ~6 pt. Here the figure is drawn 800 px
wide with 15 px text and rendered at scale 2.4 (1920 px ≈ 300 dpi over 16 cm),
so the text prints at about 8–9 pt. Works on the figure's plain dict (a copy:
the figure is not changed), which costs ~2 ms instead of ~35 ms for a
validated copy of a go.Figure.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from report.fonts import EXPORT_FONT

__all__ = ["PRINT_HEIGHT", "PRINT_WIDTH", "Caption", "framed_figure", "print_figure"]

PRINT_WIDTH, PRINT_HEIGHT = 800, 460
MAX_LABELS = 12
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def _two_lines(labels: Any) -> list[str]:
    texts = [_SCHOOL_YEAR.sub(r"\1-<br>\2", str(t)) for t in labels]
    if len(texts) > MAX_LABELS:  # e.g. a 2030 deadline stretches the axis: label every other year
        texts = [t if i % 2 == 0 else "" for i, t in enumerate(texts)]
    return texts


def print_figure(fig: go.Figure | dict[str, Any]) -> dict[str, Any]:
    """The figure as a plotly dict laid out for print."""
    spec = fig.to_dict() if isinstance(fig, go.Figure) else {**fig, "layout": dict(fig.get("layout", {}))}
    layout = spec["layout"]
    layout |= {"width": PRINT_WIDTH, "height": max(PRINT_HEIGHT, int(layout.get("height") or 0))}
    layout["font"] = {**layout.get("font", {}), "size": 15, "family": EXPORT_FONT}
    layout["hoverlabel"] = {**layout.get("hoverlabel", {}), "font": {"family": EXPORT_FONT}}
    layout["legend"] = {**layout.get("legend", {}), "font": {"size": 13}}
    layout["margin"] = {**layout.get("margin", {}), "b": 80}
    for key in [k for k in layout if k.startswith("xaxis")]:
        axis = dict(layout[key])
        if axis.get("ticktext") is not None:
            axis |= {"ticktext": _two_lines(axis["ticktext"]), "tickangle": 0}
        axis["title"] = {**axis.get("title", {}), "standoff": 6}
        layout[key] = axis
    for key in [k for k in layout if k.startswith("yaxis")]:
        layout[key] = {**layout[key], "automargin": True}  # 15 px tick labels push the axis title out
    spec["data"] = [
        {**t, "x": _two_lines(t["x"]), "textfont": {**t.get("textfont", {}), "size": 12}}
        if t.get("type") == "heatmap" and t.get("x") is not None
        else t
        for t in spec.get("data", [])
    ]
    return spec


ILLUSTRATIVE_MARK = "DỮ LIỆU MINH HỌA"
_LINE_PX = 17  # a 12 px footer line
_TITLE_PX = 58  # title (17 px) and subtitle (13 px) above the plot


@dataclass(frozen=True)
class Caption:
    """What makes an exported chart self-contained: it is quoted without the page around it."""

    title: str
    subtitle: str = ""  # the unit and the period
    source: str = ""
    notes: Sequence[str] = field(default_factory=tuple)
    illustrative: bool = False


def _wrapped(lines: Sequence[str], width_px: int, size: int = 12) -> list[str]:
    chars = max(int(width_px / (size * 0.56)), 20)
    return [part for line in lines for part in textwrap.wrap(line, chars) or [""]]


def framed_figure(fig: go.Figure | dict[str, Any], caption: Caption) -> dict[str, Any]:
    """The print layout with the title and subtitle above the plot, the notes and the source under it,
    and a faint "DỮ LIỆU MINH HỌA" across the plot when the data are illustrative."""
    spec = print_figure(fig)
    layout = spec["layout"]
    margin = dict(layout.get("margin", {}))
    footer = _wrapped([*caption.notes, caption.source], PRINT_WIDTH - 30)
    footer_px = _LINE_PX * len(footer) + 12
    top = int(margin.get("t", 40))
    bottom = int(margin.get("b", 80))
    margin["t"] = top + _TITLE_PX
    margin["b"] = bottom + footer_px
    layout["margin"] = margin
    layout["height"] = int(layout["height"]) + _TITLE_PX + footer_px
    plot_px = layout["height"] - margin["t"] - margin["b"]
    plot_w = PRINT_WIDTH - int(margin.get("l", 60)) - int(margin.get("r", 30))
    left = -int(margin.get("l", 60)) / plot_w + 12 / plot_w
    title = f"<b>{caption.title}</b>" + (
        f"<br><span style='font-size:13px'>{caption.subtitle}</span>" if caption.subtitle else ""
    )
    layout["title"] = {
        "text": title,
        "x": 12 / PRINT_WIDTH,
        "xanchor": "left",
        "xref": "container",
        "y": 1,
        "yanchor": "top",
        "yref": "container",
        "pad": {"t": 10},
        "font": {"size": 17, "family": EXPORT_FONT},
    }
    notes = {
        "text": "<br>".join(footer),
        "x": left,
        "xref": "paper",
        "xanchor": "left",
        "y": -(bottom - 6) / plot_px,
        "yref": "paper",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": 12, "color": "#374151", "family": EXPORT_FONT},
    }
    annotations = [*layout.get("annotations", []), notes]
    if caption.illustrative:
        annotations.append(
            {
                "text": ILLUSTRATIVE_MARK,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "textangle": -18,
                "font": {"size": 44, "color": "rgba(100,116,139,0.16)", "family": EXPORT_FONT},
            }
        )
    layout["annotations"] = annotations
    legend = layout.get("legend", {})
    if legend.get("yref") == "container":  # a legend at the figure's foot goes above the notes
        layout["legend"] = {**legend, "y": (footer_px + 4) / layout["height"]}
    return spec
