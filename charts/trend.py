"""Ten-year trend of one indicator: one line per unit, target and method break."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.colors import FALLBACK_COLOR, FLAG_COLOR, PROVINCE_COLOR, TARGET_COLOR
from charts.style import apply_style
from vocab.display import FLAG_MARK, format_number, period_word, target_text, unit_suffix, value_axis_title, year_label

__all__ = [
    "Event",
    "add_events",
    "set_year_axis",
    "trend_figure",
    "year_range",
]

# An event marked on the time axis: (year, label) or {"year": ..., "label": ...}.
Event = tuple[int, str] | Mapping[str, Any]

_BREAK_TEXT = "Đổi cách tính"
FLAGGED_NAME = f"Giá trị đang xác minh {FLAG_MARK}"


def year_range(years: Iterable[object]) -> list[int]:
    """Every year from the first to the last (so a missing year is a gap)."""
    present = sorted({int(y) for y in years if not pd.isna(y)})  # type: ignore[call-overload]
    return list(range(present[0], present[-1] + 1)) if present else []


def set_year_axis(fig: go.Figure, years: Sequence[int], period_type: str) -> None:
    """One tick per year, labelled with :func:`year_label`."""
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(years),
        ticktext=[year_label(y, period_type) for y in years],
        title=dict(text=period_word(period_type)),
        showgrid=False,
    )
    if years:
        fig.update_xaxes(range=[years[0] - 0.5, years[-1] + 0.5])


def _clean(series: pd.DataFrame) -> pd.DataFrame:
    missing = {"unit_code", "unit_name", "year", "value"} - set(series.columns)
    if missing:
        raise ValueError(f"series lacks columns {sorted(missing)}")
    data = series.copy()
    data["unit_code"] = data["unit_code"].astype(str)
    data["year"] = data["year"].astype(int)
    data["value"] = pd.to_numeric(data["value"], errors="coerce").astype(float)
    data["flagged"] = data["flagged"].astype("boolean").fillna(False).astype(bool) if "flagged" in data else False
    if data.duplicated(["unit_code", "year"]).any():
        raise ValueError("more than one value per (unit_code, year)")
    return data


def trend_figure(
    series: pd.DataFrame,
    *,
    indicator_name: str,
    unit: str,
    period_type: str,
    province_code: str,
    colors: Mapping[str, str],
    target: Mapping[str, Any] | None = None,
    break_years: Sequence[int] = (),
    break_note: str | None = None,
    events: Iterable[Event] = (),
) -> go.Figure:
    """Line + markers per unit (in the order of first appearance in ``series``).

    ``series`` columns: unit_code, unit_name, year, value, and optionally flagged. Years
    absent from a unit, and NaN values, are gaps in its line, never 0 (a province figure not
    every district reported is passed as NaN). A flagged value is ringed and says so on hover.
    A target's marker sits at the year it is judged on (``judged_year``, e.g. school year
    2019-2020 for "đến năm 2020"), else at its ``year``.
    """
    data = _clean(series)
    target_year = _target_year(target)
    # The axis ends with the data (the round's window): a deadline beyond it is named in the
    # target line's label instead of stretching the axis to years the round does not cover.
    data_years = year_range(data["year"])
    inside = target_year is not None and (not data_years or target_year <= data_years[-1])
    years = year_range([*data["year"], *([target_year] if inside else [])])
    fig = go.Figure()
    # A line never runs across a definition break: a gap between the last year of one version and
    # the first of the next (no change spans a break, docs/domain.md, Definition breaks).
    points: list[float] = sorted([*years, *(b - 0.5 for b in break_years if years and years[0] < b <= years[-1])])
    for code, rows in data.groupby("unit_code", sort=False):
        name = str(rows["unit_name"].iloc[0])
        values = rows.set_index("year")["value"].reindex(points)
        is_province = code == province_code
        color = PROVINCE_COLOR if is_province else colors.get(str(code), FALLBACK_COLOR)
        fig.add_trace(
            go.Scatter(
                x=points,
                y=values.tolist(),
                name=name,
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=color, width=4 if is_province else 2),
                marker=dict(color=color, size=8 if is_province else 6),
                customdata=[
                    [format_number(v, unit), year_label(int(y), period_type) if float(y).is_integer() else ""]
                    for y, v in zip(points, values.tolist(), strict=True)
                ],
                hovertemplate=(
                    f"<b>{name}</b><br>{period_word(period_type)} %{{customdata[1]}}<br>"
                    f"{indicator_name}: %{{customdata[0]}}{unit_suffix(unit)}<extra></extra>"
                ),
            )
        )
    _add_flags(fig, data, unit, period_type, indicator_name)
    if target is not None and not _missing(target.get("value")):
        _add_target(fig, target, unit, period_type, target_year, marked=inside)
    for break_year in break_years:
        fig.add_vline(
            x=int(break_year) - 0.5,
            line=dict(color="#6b7280", dash="dot", width=1.5),
            annotation=dict(text=_BREAK_TEXT, hovertext=break_note or _BREAK_TEXT, font=dict(color="#4b5563")),
            annotation_position="top right",
        )
    add_events(fig, events)
    apply_style(fig, value_axis_title(unit), legend="right")
    set_year_axis(fig, years, period_type)
    if not fig.data:
        fig.add_annotation(text="Không có số liệu", showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return fig


def _target_year(target: Mapping[str, Any] | None) -> int | None:
    if target is None:
        return None
    for key in ("judged_year", "year"):
        if not _missing(target.get(key)):
            return int(target[key])
    return None


def _add_flags(fig: go.Figure, data: pd.DataFrame, unit: str, period_type: str, indicator_name: str) -> None:
    """A ring around every flagged value, with why on hover."""
    flagged = data[data["flagged"] & data["value"].notna()]
    if flagged.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=flagged["year"].tolist(),
            y=flagged["value"].tolist(),
            name=FLAGGED_NAME,
            mode="markers",
            marker=dict(symbol="circle-open", size=16, color=FLAG_COLOR, line=dict(width=2.5)),
            customdata=[
                [str(n), format_number(v, unit), year_label(int(y), period_type)]
                for n, v, y in zip(flagged["unit_name"], flagged["value"], flagged["year"], strict=True)
            ],
            hovertemplate=(
                f"<b>%{{customdata[0]}}</b><br>{period_word(period_type)} %{{customdata[2]}}<br>"
                f"{indicator_name}: %{{customdata[1]}}{unit_suffix(unit)} {FLAG_MARK}<br>"
                "Giá trị bị cảnh báo khi nạp, chưa được chuyên viên xác nhận<extra></extra>"
            ),
        )
    )


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _add_target(
    fig: go.Figure,
    target: Mapping[str, Any],
    unit: str,
    period_type: str,
    target_year: int | None,
    marked: bool = True,
) -> None:
    """The target as a dashed line; a star at its deadline when the deadline lies on the axis,
    else the deadline in the line's label ("Mục tiêu ≥ 100% (hạn 2029-2030)")."""
    deadline = "" if target_year is None else f"Hạn: {year_label(target_year, period_type)}"
    text = target_text(target, unit)
    if target_year is not None and not marked:
        text += f" ({deadline.lower()})"
    source = "" if _missing(target.get("source")) else str(target.get("source") or "")
    hover = "<br>".join(part for part in (text, deadline, f"Nguồn: {source}" if source else "") if part)
    value = float(target["value"])
    fig.add_hline(
        y=value,
        line=dict(color=TARGET_COLOR, dash="dash", width=1.5),
        annotation=dict(text=text, hovertext=hover, font=dict(color=TARGET_COLOR)),
        annotation_position="top left",
    )
    if target_year is not None and marked:
        fig.add_trace(
            go.Scatter(
                x=[target_year],
                y=[value],
                name="Mục tiêu",
                mode="markers+text",
                marker=dict(color=TARGET_COLOR, symbol="star", size=13),
                text=[deadline],
                textposition="top center",
                textfont=dict(color=TARGET_COLOR),
                showlegend=False,
                hovertemplate=f"{hover}<extra></extra>",
            )
        )


def add_events(fig: go.Figure, events: Iterable[Event]) -> None:
    """A dotted vertical line with a label at each event's year (policy events, boundary changes)."""
    for i, (year, label) in enumerate(_event(e) for e in events):
        fig.add_vline(x=year, line=dict(color="#d1d5db", dash="dot", width=1))
        # Labels stepped over three heights so that events in neighbouring years stay readable.
        fig.add_annotation(
            x=year,
            y=0.02 + 0.07 * (i % 3),
            xref="x",
            yref="paper",
            text=label,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font=dict(size=11, color="#4b5563"),
            bgcolor="rgba(255,255,255,0.8)",
        )


def _event(event: Event) -> tuple[int, str]:
    if isinstance(event, Mapping):
        return int(event["year"]), str(event.get("label") or event.get("text") or "")
    year, label = event
    return int(year), str(label)
