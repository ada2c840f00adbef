"""Drawing a chart on a page: a desk and a phone variant, its notes, its download buttons.

Both variants are sent; CSS shows one of them by the screen's width (640 px, where Streamlit
stacks columns too), so a phone gets the legend below, text fitted to its width and no
horizontal scrolling (charts.phone). The plotly toolbar keeps zoom and reset but not its own
"download as PNG" camera: the buttons under the chart give the publication image.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from charts.labels import chart_notes
from charts.phone import phone_figure
from ui.downloads import chart_downloads
from vocab.text import markdown_escape

PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["toImage", "select2d", "lasso2d", "autoScale2d"],
    "locale": "vi",
}
BREAKPOINT_PX = 640
_CSS = f"""<style>
@media (max-width: {BREAKPOINT_PX}px) {{
  [class*="st-key-nq29desk_"] {{ display: none !important; }}
  [data-testid="stMain"] h1 {{ font-size: 1.75rem; }}
}}
@media (min-width: {BREAKPOINT_PX + 1}px) {{ [class*="st-key-nq29phone_"] {{ display: none !important; }} }}
</style>"""


def responsive_css() -> None:
    """The rule that shows one variant; once per page run (st.html with only a style takes no room)."""
    st.html(_CSS)


def chart(fig: go.Figure, *, key: str, title: str, unit: str, source: str, subtitle: str = "") -> None:
    """The chart (desk and phone variants), its numbered notes, and PNG / SVG / XLSX buttons."""
    responsive_css()
    with st.container(key=f"nq29desk_{key}"):
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG)
    with st.container(key=f"nq29phone_{key}"):
        st.plotly_chart(_drawable(phone_figure(fig)), key=f"{key}_phone", config=PLOTLY_CONFIG)
    notes = chart_notes(fig)
    if notes:  # event titles are typed by analysts: shown as written, never as Markdown
        st.caption("  \n".join(markdown_escape(n) for n in notes))
    chart_downloads(fig, title=title, unit=unit, source=source, key=key, subtitle=subtitle)


def _drawable(spec: dict[str, Any]) -> dict[str, Any] | go.Figure:
    """The phone variant as Streamlit can draw it.

    Streamlit checks a plain dict with plotly's ``return_figure_from_figure_or_data``, which, for a
    figure without traces (e.g. the rank-change chart when no district has two ranks), raises an
    exception plotly 7 no longer defines (AttributeError). A figure object skips that check.
    """
    return spec if spec.get("data") else go.Figure(spec)


def desk_and_phone(key: str) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Two containers: the first shown above 640 px, the second below (e.g. a table with fewer, narrower columns)."""
    responsive_css()
    return st.container(key=f"nq29desk_{key}"), st.container(key=f"nq29phone_{key}")
