"""Comparisons between districts: ranked bars, heatmap, rank change, disparity."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.colors import BAR_COLOR, FALLBACK_COLOR, FLAG_COLOR, PROVINCE_COLOR
from charts.labels import short_unit_name, spread, text_width
from charts.layout_items import add_annotations
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

NO_VALUE = "—"

__all__ = ["disparity_figure", "numbers", "rank_change_figure", "ranked_bar_figure"]

CV_COLOR = "#2563eb"
RATIO_COLOR = "#d97706"


def numbers(values: pd.Series) -> pd.Series:
    """Numbers as floats, anything else NaN (a gap, never 0)."""
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
    """Horizontal bars in one neutral colour, rank 1 at the top; units without a value listed last,
    with no bar and "—" where the value would be.

    ``ranked`` columns: unit_code, value, rank, unit_name (optional: else the code is shown).
    Each bar is named "rank. short name" on the axis and carries its value beyond its end, in a
    right margin wide enough for the longest one. A unit in ``flagged`` carries "(!)" after its
    value and an amber outline. ``province_text`` replaces the province line's label (e.g.
    "Toàn tỉnh: chưa đủ số liệu (9/10 huyện)", drawn without a line when there is no province
    value). ``colors`` is accepted for the callers' symmetry with the other charts; bars are
    not coloured by district (the rank is the message).
    """
    del colors
    data = ranked.assign(value=numbers(ranked["value"]), unit_code=ranked["unit_code"].astype(str))
    data = data.sort_values("rank", kind="stable", na_position="last")
    missing = data["value"].isna()
    shown = data["unit_name"] if "unit_name" in data.columns else data["unit_code"]
    ranks = ["—" if pd.isna(r) else str(int(r)) for r in data["rank"]]
    names = [
        f"{r}. {short_unit_name(str(n))}" if r != "—" else short_unit_name(str(n))
        for n, r in zip(shown, ranks, strict=True)
    ]
    is_flagged = [c in flagged for c in data["unit_code"]]
    labels = [
        NO_VALUE if m else format_value(v, unit) + (f" {FLAG_MARK}" if f else "")
        for v, m, f in zip(data["value"], missing, is_flagged, strict=True)
    ]
    top = float(data["value"].max()) if not missing.all() else 1.0
    fig = go.Figure(
        go.Bar(
            x=[0.0 if m else v for v, m in zip(data["value"], missing, strict=True)],
            y=names,
            orientation="h",
            marker=dict(
                color=[BAR_COLOR] * len(data),
                line=dict(
                    color=[FLAG_COLOR if f else BAR_COLOR for f in is_flagged],
                    width=[2.5 if f else 0 for f in is_flagged],
                ),
            ),
            text=labels,
            textposition="outside",
            textfont=dict(size=12, color="#1f2937"),
            cliponaxis=False,
            customdata=[
                [format_with_unit(v, unit) + (f" {FLAG_MARK}" if f else ""), r, str(n)]
                for v, r, f, n in zip(data["value"], ranks, is_flagged, shown, strict=True)
            ],
            hovertemplate=(
                f"<b>%{{customdata[2]}}</b><br>{year_text}<br>{indicator_name}: %{{customdata[0]}}"
                "<br>Hạng: %{customdata[1]}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    label_room = max((text_width(t, 12) for t in labels), default=0) + 14
    if province_value is not None and not pd.isna(province_value):
        right = float(province_value) > 0.6 * top
        # Under the bars and their values: a value label may sit across it and stays readable.
        fig.add_vline(x=float(province_value), line=dict(color=PROVINCE_COLOR, dash="dash", width=2), layer="below")
        fig.add_annotation(
            x=float(province_value),
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="right" if right else "left",
            text=province_text or f"Toàn tỉnh: {format_with_unit(province_value, unit)}",
            showarrow=False,
            font=dict(size=12, color=PROVINCE_COLOR),
        )
    elif province_text:
        fig.add_annotation(
            text=province_text, showarrow=False, xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom"
        )
    apply_style(fig, "", x_title=value_axis_title(unit), legend="none", height=max(260, 30 * len(data) + 110))
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, automargin=True)
    fig.update_xaxes(range=[0, top * 1.02], rangemode="tozero", nticks=5)
    fig.update_layout(
        margin=dict(r=int(label_room), t=36, l=10), bargap=0.3, meta=dict(phone=dict(xaxis=dict(nticks=3)))
    )
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

    Columns unit_code, rank_from, rank_to, optional unit_name (else the code is shown). The first
    rank is written left of each line, "rank name" right of it; labels of tied ranks are moved
    apart so that no two touch, and the names sit in a right margin as wide as the longest.
    """
    fig = go.Figure()
    n = max(len(table), 1)
    height = max(300, 28 * n + 100)
    plot_px = height - 40 - 50
    left: list[tuple[float, str, str]] = []
    right: list[tuple[float, str, str]] = []
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
                mode="lines+markers",
                line=dict(color=color, width=2.5),
                marker=dict(color=color, size=8),
                hovertemplate=(
                    f"<b>{name}</b><br>{from_text}: hạng {shown[0]}<br>{to_text}: hạng {shown[1]}"
                    f"<br>{_change_text(change)}<extra></extra>"
                ),
                showlegend=False,
            )
        )
        if ranks[0] is not None:
            left.append((float(ranks[0]), shown[0], color))
        if ranks[1] is not None:
            right.append((float(ranks[1]), f"{shown[1]}. {short_unit_name(name)}", color))
    apply_style(fig, "", legend="none", height=height)
    top_rank = max([r for r, _, _ in left + right], default=1.0)
    y_range = [top_rank + 0.5, 0.5]
    for side, labels in ((0, left), (1, right)):
        to_px = [(top_rank + 0.5 - r) / top_rank * plot_px for r, _, _ in labels]
        add_annotations(
            fig,
            (
                dict(
                    x=side,
                    y=top_rank + 0.5 - px / plot_px * top_rank,
                    xref="x",
                    yref="y",
                    xanchor="right" if side == 0 else "left",
                    xshift=-8 if side == 0 else 8,
                    text=text,
                    showarrow=False,
                    font=dict(size=12, color=color),
                )
                for (_, text, color), px in zip(labels, spread(to_px, 16, 4, plot_px - 4), strict=True)
            ),
        )
    room = max((text_width(t, 12) for _, t, _ in right), default=40) + 20
    fig.update_xaxes(
        tickmode="array",
        tickvals=[0, 1],
        ticktext=[from_text, to_text],
        range=[-0.04, 1.04],
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(range=y_range, autorange=False, showticklabels=False, showgrid=False, zeroline=False)
    fig.update_layout(margin=dict(l=36, r=int(room), t=40, b=50))
    return fig


def disparity_figure(frame: pd.DataFrame, *, indicator_name: str, unit: str, period_type: str) -> go.Figure:
    """Coefficient of variation (× 100, left axis) and max/min ratio (right axis) by year.

    ``frame`` from analysis.disparity.disparity: columns year, cv, max_min_ratio (n optional).
    """
    years = year_range(frame["year"])
    data = frame.assign(year=frame["year"].astype(int)).set_index("year").reindex(years)
    cv = numbers(data["cv"]) * 100
    ratio = numbers(data["max_min_ratio"])
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
