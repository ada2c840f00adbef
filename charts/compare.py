"""Comparisons between districts: ranked bars, heatmap, rank change, disparity."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.colors import FALLBACK_COLOR, PROVINCE_COLOR, sequential_scale
from charts.style import apply_style
from charts.trend import set_year_axis, year_range
from vocab.display import (
    FLAG_MARK,
    format_count,
    format_value,
    format_with_unit,
    period_word,
    value_axis_title,
    year_label,
)
from vocab.labels import NO_DATA

__all__ = ["disparity_figure", "heatmap_figure", "rank_change_figure", "ranked_bar_figure"]

CV_COLOR = "#2563eb"
RATIO_COLOR = "#d97706"


def _numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype(float)


def ranked_bar_figure(
    ranked: pd.DataFrame,
    *,
    indicator_name: str,
    unit: str,
    year_text: str,
    province_value: float | None,
    colors: Mapping[str, str],
    flagged: Collection[str] = (),
    province_text: str | None = None,
) -> go.Figure:
    """Horizontal bars, rank 1 at the top; units without a value listed last, with no bar.

    ``ranked`` columns: unit_code, value, rank, unit_name (optional: else the code is shown).
    A unit in ``flagged`` carries "(!)" after its value. ``province_text`` replaces the
    province line's label (e.g. "Toàn tỉnh: chưa đủ số liệu (9/10 huyện)", drawn without a line
    when there is no province value).
    """
    data = ranked.assign(value=_numbers(ranked["value"]), unit_code=ranked["unit_code"].astype(str))
    data = data.sort_values("rank", kind="stable", na_position="last")
    missing = data["value"].isna()
    shown = data["unit_name"] if "unit_name" in data.columns else data["unit_code"]
    names = [f"{n} ({NO_DATA})" if m else str(n) for n, m in zip(shown, missing, strict=True)]
    labels = [
        format_value(v, unit) + (f" {FLAG_MARK}" if c in flagged else "")
        for v, c in zip(data["value"], data["unit_code"], strict=True)
    ]
    ranks = ["—" if pd.isna(r) else str(int(r)) for r in data["rank"]]
    fig = go.Figure(
        go.Bar(
            x=data["value"].tolist(),
            y=names,
            orientation="h",
            marker=dict(color=[colors.get(c, FALLBACK_COLOR) for c in data["unit_code"]]),
            text=[t if not m else "" for t, m in zip(labels, missing, strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=[[format_with_unit(v, unit), r] for v, r in zip(data["value"], ranks, strict=True)],
            hovertemplate=(
                f"<b>%{{y}}</b><br>{year_text}<br>{indicator_name}: %{{customdata[0]}}"
                "<br>Hạng: %{customdata[1]}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    if province_value is not None and not pd.isna(province_value):
        fig.add_vline(
            x=float(province_value),
            line=dict(color=PROVINCE_COLOR, dash="dash", width=2),
            annotation=dict(text=province_text or f"Toàn tỉnh: {format_with_unit(province_value, unit)}"),
            annotation_position="top",
        )
    elif province_text:
        fig.add_annotation(
            text=province_text, showarrow=False, xref="paper", yref="paper", x=1, y=1.06, xanchor="right"
        )
    apply_style(fig, "", x_title=value_axis_title(unit), legend="none")
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False)
    fig.update_layout(margin=dict(r=70, t=50), bargap=0.25)
    return fig


def heatmap_figure(
    matrix: pd.DataFrame,
    *,
    indicator_name: str,
    unit: str,
    period_type: str,
    direction: str,
    marks: pd.DataFrame | None = None,
) -> go.Figure:
    """Units (index, top to bottom) × years (columns); NaN cells stay blank; a cell True in
    ``marks`` (same shape) carries "(!)": a value with an open quality warning."""
    z = matrix.apply(_numbers).to_numpy(dtype=float)
    flags = (
        marks.reindex(index=matrix.index, columns=matrix.columns).fillna(False).to_numpy(dtype=bool)
        if marks is not None
        else np.zeros(z.shape, dtype=bool)
    )
    cells = [
        [
            (format_value(v, unit) + (f" {FLAG_MARK}" if f else "")) if not np.isnan(v) else ""
            for v, f in zip(row, fr, strict=True)
        ]
        for row, fr in zip(z, flags, strict=True)
    ]
    hover = [[format_with_unit(v, unit) for v in row] for row in z]
    word = period_word(period_type)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[year_label(int(c), period_type) for c in matrix.columns],
            y=[str(i) for i in matrix.index],
            colorscale=sequential_scale(direction),
            text=cells,
            texttemplate="%{text}",
            textfont=dict(size=11),
            customdata=hover,
            hoverongaps=True,
            hovertemplate=f"<b>%{{y}}</b><br>{word} %{{x}}<br>{indicator_name}: %{{customdata}}<extra></extra>",
            xgap=1,
            ygap=1,
            colorbar=dict(title=dict(text=value_axis_title(unit)), thickness=12),
        )
    )
    apply_style(fig, "", x_title=word, legend="none")
    fig.update_xaxes(type="category", showgrid=False)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig


def _rank(value: object) -> int | None:
    """An integer rank, or None for NA/NaN."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _change_text(steps: int | None) -> str:
    if steps is None:
        return NO_DATA
    if steps == 0:
        return "Không đổi"
    return f"{'Tăng' if steps > 0 else 'Giảm'} {abs(steps)} bậc"


def rank_change_figure(table: pd.DataFrame, *, from_text: str, to_text: str, colors: Mapping[str, str]) -> go.Figure:
    """Slope chart of ranks (1 at the top); ``table`` from analysis.ranking.rank_change.

    Columns unit_code, rank_from, rank_to, optional unit_name (else the code is shown).
    """
    fig = go.Figure()
    for row in table.itertuples(index=False):
        code = str(row.unit_code)
        name = str(getattr(row, "unit_name", code))
        ranks = [_rank(row.rank_from), _rank(row.rank_to)]
        change = None if ranks[0] is None or ranks[1] is None else ranks[0] - ranks[1]
        shown = ["—" if r is None else str(r) for r in ranks]
        color = colors.get(code, FALLBACK_COLOR)
        fig.add_trace(
            go.Scatter(
                x=[0, 1],
                y=ranks,
                name=name,
                mode="lines+markers+text",
                line=dict(color=color, width=2.5),
                marker=dict(color=color, size=9),
                text=[name, name],
                textposition=["middle left", "middle right"],
                textfont=dict(color=color, size=12),
                cliponaxis=False,
                hovertemplate=(
                    f"<b>{name}</b><br>{from_text}: hạng {shown[0]}<br>{to_text}: hạng {shown[1]}"
                    f"<br>{_change_text(change)}<extra></extra>"
                ),
                showlegend=False,
            )
        )
    apply_style(fig, "Thứ hạng", legend="none")
    fig.update_xaxes(
        tickmode="array",
        tickvals=[0, 1],
        ticktext=[from_text, to_text],
        range=[-0.9, 1.9],
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(autorange="reversed", tick0=1, dtick=1, zeroline=False)
    return fig


def disparity_figure(frame: pd.DataFrame, *, indicator_name: str, unit: str, period_type: str) -> go.Figure:
    """Coefficient of variation (× 100, left axis) and max/min ratio (right axis) by year.

    ``frame`` from analysis.disparity.disparity: columns year, cv, max_min_ratio (n optional).
    """
    years = year_range(frame["year"])
    data = frame.assign(year=frame["year"].astype(int)).set_index("year").reindex(years)
    cv = _numbers(data["cv"]) * 100
    ratio = _numbers(data["max_min_ratio"])
    counts = data["n"] if "n" in data.columns else pd.Series(pd.NA, index=data.index)
    labels = [year_label(y, period_type) for y in years]
    n_text = [format_count(n) for n in counts]
    head = f"<b>{indicator_name}</b>" + (f" ({unit})" if unit else "")
    fig = go.Figure()
    for values, name, color, axis, text, dash in (
        (cv, "Hệ số biến thiên (%)", CV_COLOR, "y", [format_with_unit(v, "%") for v in cv], "solid"),
        (ratio, "Lớn nhất / nhỏ nhất (lần)", RATIO_COLOR, "y2", [format_with_unit(v, "lần", 2) for v in ratio], "dash"),
    ):
        fig.add_trace(
            go.Scatter(
                x=years,
                y=values.tolist(),
                name=name,
                yaxis=axis,
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=color, width=2.5, dash=dash),
                marker=dict(color=color, size=7),
                customdata=list(zip(text, labels, n_text, strict=True)),
                hovertemplate=(
                    f"{head}<br>{period_word(period_type)} %{{customdata[1]}}<br>{name.split(' (')[0]}: "
                    "%{customdata[0]}<br>Số đơn vị có số liệu: %{customdata[2]}<extra></extra>"
                ),
            )
        )
    apply_style(fig, "Hệ số biến thiên (%)", legend="bottom")
    fig.update_layout(
        yaxis=dict(title=dict(font=dict(color=CV_COLOR)), rangemode="tozero"),
        yaxis2=dict(
            title=dict(text="Lớn nhất / nhỏ nhất (lần)", font=dict(color=RATIO_COLOR)),
            overlaying="y",
            side="right",
            showgrid=False,
            tickmode="auto",  # not "sync": ratio ticks would be odd fractions
            autorangeoptions=dict(include=[1]),  # 1 = no gap between districts
        ),
        margin=dict(r=70),
    )
    set_year_axis(fig, years, period_type)
    return fig
