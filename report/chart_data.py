"""The data behind a plotly figure, as a table (for "Tải số liệu biểu đồ (XLSX)").

Read from the figure itself, so the table always matches what the chart
shows: one row per line/bar series (columns = the x-axis labels, with the
axis' tick text, e.g. school years), or the heatmap's rows × columns, or for
a single horizontal bar series one row per category.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

__all__ = ["figure_table"]


def _tick_labels(fig: go.Figure, axis: str) -> dict[Any, str]:
    layout_axis = getattr(fig.layout, axis, None)
    if layout_axis is None or layout_axis.tickvals is None or layout_axis.ticktext is None:
        return {}
    return {v: str(t) for v, t in zip(layout_axis.tickvals, layout_axis.ticktext, strict=False)}


def _series_rows(fig: go.Figure) -> pd.DataFrame:
    """Line and vertical bar traces: one row per trace, one column per x value."""
    labels = _tick_labels(fig, "xaxis")
    rows: dict[str, dict[Any, Any]] = {}
    order: list[Any] = []
    for trace in fig.data:
        if trace.x is None or trace.y is None:
            continue
        name = str(trace.name or "")
        row = rows.setdefault(name, {})
        for x, y in zip(trace.x, trace.y, strict=False):
            if x not in order:
                order.append(x)
            row[x] = y
    if labels:  # points between ticks (the gap a trend chart leaves at a definition break) hold no value
        order = [x for x in order if x in labels]
    columns = sorted(order, key=lambda v: (not isinstance(v, int | float), v)) if order else []
    frame = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=columns)
    frame.columns = [labels.get(c, str(c)) for c in frame.columns]
    return frame.apply(pd.to_numeric, errors="coerce") if not frame.empty else frame


def _horizontal_bars(trace: Any, value_name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {value_name: pd.to_numeric(pd.Series(list(trace.x)), errors="coerce").to_numpy()},
        index=[str(y) for y in trace.y],
    )


def _heatmap(trace: Any) -> pd.DataFrame:
    frame = pd.DataFrame(list(trace.z), index=[str(y) for y in trace.y], columns=[str(x) for x in trace.x])
    return frame.apply(pd.to_numeric, errors="coerce")


def figure_table(fig: go.Figure, value_name: str = "Giá trị") -> pd.DataFrame:
    """The figure's numbers: index = series (or category), columns = x labels."""
    given = fig.layout.meta.get("table") if isinstance(fig.layout.meta, dict) else None
    if given:  # a figure whose traces do not hold its numbers (the district map) carries them
        return pd.DataFrame(given["data"], index=given["index"], columns=given["columns"])
    traces = list(fig.data)
    heatmaps = [t for t in traces if t.type == "heatmap"]
    if heatmaps:
        return _heatmap(heatmaps[0])
    bars = [t for t in traces if t.type == "bar" and t.orientation == "h"]
    if len(bars) == 1 and len(traces) == 1:
        return _horizontal_bars(bars[0], value_name)
    frame = _series_rows(fig)
    frame.index.name = None
    return frame
