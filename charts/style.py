"""Shared look of every chart: font, size, legend, and the Vietnamese number separators.

Numbers shown in hover text and labels are pre-formatted with vocab.display ("1.234,5");
``layout.separators = ",."`` makes the axis ticks follow the same convention.
"""

from __future__ import annotations

from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio

__all__ = ["DESK_WIDTH", "FONT_FAMILY", "HEIGHT", "PHONE_WIDTH", "SEPARATORS", "apply_style"]

FONT_FAMILY = "Source Sans Pro, DejaVu Sans, sans-serif"
SEPARATORS = ",."  # decimal comma, dot for thousands
HEIGHT = 460  # fits a 1280×800 laptop screen below a page header
# The widths a chart is drawn at (px, the whole figure): a desk's main column (narrowest of the
# layouts a full-width chart gets: a 1280 px screen beside the sidebar), and a 390 px
# phone less Streamlit's padding. Text that must fit (cells, tiles) is checked at both.
DESK_WIDTH = 860
PHONE_WIDTH = 350
MISSING = "không có số liệu"
_NO_VALUE = "—"

LegendPosition = Literal["bottom", "right", "none"]

# plotly's stock templates are large and deep-copied into every figure (~50 ms
# each); this small one gives the same white look.
_GRID = "#e5e7eb"
# "200.000", never "200k": SI suffixes are not Vietnamese number forms.
_AXIS = dict(
    gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, ticks="", exponentformat="none", separatethousands=True
)
TEMPLATE = go.layout.Template(
    layout=dict(
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=_AXIS,
        yaxis=_AXIS,
        colorway=["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"],
    )
)
pio.templates["nq29"] = TEMPLATE


def apply_style(
    fig: go.Figure,
    y_title: str,
    *,
    x_title: str | None = None,
    legend: LegendPosition = "bottom",
    height: int = HEIGHT,
) -> go.Figure:
    """Apply the shared layout in place and return the figure."""
    props: dict[str, Any] = dict(
        template=TEMPLATE,
        separators=SEPARATORS,
        font=dict(family=FONT_FAMILY, size=13, color="#1f2937"),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13)),
        height=height,
        margin=dict(l=60, r=30 if legend != "right" else 10, t=40, b=40),
        showlegend=legend != "none",
        hovermode="closest",
    )
    if legend == "bottom":
        # Anchored to the bottom of the whole figure, clear of the x-axis title.
        props["legend"] = dict(
            orientation="h", x=0, xanchor="left", yref="container", y=0, yanchor="bottom", font=dict(size=12)
        )
    elif legend == "right":
        props["legend"] = dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top")
    props["yaxis"] = dict(title=dict(text=y_title))
    if x_title is not None:
        props["xaxis"] = dict(title=dict(text=x_title))
    set_layout(fig, props)
    return fig


def set_layout(fig: go.Figure, props: dict[str, Any]) -> None:
    """``fig.update_layout(props)``, 4× cheaper: a property the layout does not have yet is assigned
    (one validation), one it has is merged by update_layout as before (tests/test_chart_layout_items.py)."""
    merge = {}
    for key, value in props.items():
        current = fig.layout[key]
        if isinstance(value, dict) and hasattr(current, "to_plotly_json") and current.to_plotly_json():
            merge[key] = value
        else:
            setattr(fig.layout, key, value)
    if merge:
        fig.update_layout(merge)
