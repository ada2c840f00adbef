"""A target on a trend chart: a dashed line across the axis, labelled with its deadline's year."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.colors import TARGET_COLOR
from vocab.display import period_word, target_text, year_label

__all__ = ["add_target", "missing", "target_label", "target_year_of"]


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def target_year_of(target: Mapping[str, Any] | None) -> int | None:
    if target is None:
        return None
    for key in ("judged_year", "year"):
        if not missing(target.get(key)):
            return int(target[key])
    return None


def target_label(target: Mapping[str, Any], unit: str) -> str:
    """ "Mục tiêu 2030: > 65%" (the deadline's year as the legal text names it), "Định mức ≤ 35 học sinh/lớp"."""
    text = target_text(target, unit)
    year = target.get("year")
    if missing(year) or not text.startswith("Mục tiêu"):
        return text
    return f"Mục tiêu {int(float(year))}: {text.removeprefix('Mục tiêu').lstrip(' :')}"  # type: ignore[arg-type]


def add_target(
    fig: go.Figure,
    target: Mapping[str, Any],
    unit: str,
    period_type: str,
    target_year: int | None,
    marked: bool = True,
) -> None:
    """The target as a dashed line across the whole axis, labelled at its left end with its deadline;
    a star at the year it is judged on when that year lies on the axis."""
    text = target_label(target, unit)
    deadline = (
        ""
        if target_year is None
        else f"Xét ở {period_word(period_type).lower()} {year_label(target_year, period_type)}"
    )
    source = "" if missing(target.get("source")) else str(target.get("source") or "")
    hover = "<br>".join(part for part in (text, deadline, f"Nguồn: {source}" if source else "") if part)
    value = float(target["value"])
    fig.add_hline(y=value, line=dict(color=TARGET_COLOR, dash="dash", width=1.5))
    fig.add_annotation(
        x=0,
        xref="paper",
        xanchor="left",
        y=value,
        yref="y",
        yanchor="bottom",
        text=text,
        hovertext=hover,
        showarrow=False,
        font=dict(size=12, color=TARGET_COLOR),
        bgcolor="rgba(255,255,255,0.85)",
    )
    if target_year is not None and marked:
        fig.add_trace(
            go.Scatter(
                x=[target_year],
                y=[value],
                name="Mục tiêu",
                mode="markers",
                marker=dict(color=TARGET_COLOR, symbol="star", size=13),
                showlegend=False,
                hovertemplate=f"{hover}<extra></extra>",
            )
        )
