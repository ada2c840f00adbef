"""The phone variant of a figure: the same chart re-laid out for a 390 px screen.

A figure cannot know how wide the browser draws it, so the dashboard sends two (ui.charts:
one shown above 640 px, the other below) and this module makes the second from the first,
on its plain dict (a copy; ~2 ms): the legend goes below the plot, horizontal; a trace or
layout that made its own phone choices keeps them under ``meta["phone"]`` (cell and tile
text re-fitted to a phone's width, charts.heatmap and charts.map) and they replace the desk
values; margins shrink.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

__all__ = ["phone_figure"]


def _phone_part(part: dict[str, Any]) -> dict[str, Any]:
    """``part`` with its ``meta["phone"]`` values in place of its own (one level deep for dicts)."""
    meta = part.get("meta")
    if not (isinstance(meta, dict) and isinstance(meta.get("phone"), dict)):
        return part
    out = dict(part)
    for key, value in meta["phone"].items():
        out[key] = {**out[key], **value} if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def phone_figure(fig: go.Figure | dict[str, Any]) -> dict[str, Any]:
    spec = fig.to_dict() if isinstance(fig, go.Figure) else {**fig, "layout": dict(fig.get("layout", {}))}
    spec["data"] = [_phone_part(t) for t in spec.get("data", [])]
    layout = _phone_part(spec["layout"])
    margin = dict(layout.get("margin", {}))
    margin["l"] = min(int(margin.get("l", 60)), 50)
    if layout.get("showlegend", True) and (layout.get("legend") or {}).get("orientation") != "h":
        # Below the plot, anchored to the figure's bottom edge; the bottom margin makes the room.
        rows = sum(1 for t in spec["data"] if t.get("showlegend") is not False and t.get("name"))
        layout["legend"] = {
            **layout.get("legend", {}),
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yref": "container",
            "yanchor": "bottom",
        }
        room = 22 * max(1, (rows + 1) // 2) + 30
        margin["b"] = int(margin.get("b", 40)) + room
        margin["r"] = min(int(margin.get("r", 30)), 20)
        layout["height"] = int(layout.get("height", 460)) + room
    layout["margin"] = margin
    layout["meta"] = {**(layout.get("meta") or {}), "variant": "phone"}
    spec["layout"] = layout
    return spec
