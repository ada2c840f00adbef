"""Ten-year trend of one indicator: one line per unit, target and method break."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.colors import FALLBACK_COLOR, FLAG_COLOR, PROVINCE_COLOR
from charts.labels import LINE_LABEL_GAP, Marker, add_markers, short_unit_name, spread, text_width
from charts.layout_items import add_annotations
from charts.style import HEIGHT, apply_style
from charts.targets import add_target, missing, target_year_of
from vocab.display import (
    FLAG_MARK,
    format_number,
    kind_of,
    period_word,
    unit_suffix,
    value_axis_title,
    year_label,
)

__all__ = [
    "Event",
    "event_marks",
    "set_year_axis",
    "trend_figure",
    "value_range",
    "year_range",
]

# An event marked on the time axis: (year, label) or {"year": ..., "label": ...}.
Event = tuple[int, str] | Mapping[str, Any]

FLAGGED_NAME = f"Giá trị đang xác minh {FLAG_MARK}"
FLAG_NOTE = f"Vòng tròn cam: giá trị đang xác minh {FLAG_MARK}, chưa được chuyên viên xác nhận."
MAX_DIRECT_LABELS = 8  # more lines than this: a legend below the chart instead of labels at their ends
PLOT_BOTTOM_PX = 110  # the x axis at its tallest (school years written upright on a phone) and its title


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
        autotickangles=[0, 90],  # upright, never slanted, when the years do not fit side by side (a phone)
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
    """Line + markers per unit (in the order of first appearance in ``series``), each labelled at
    its end (a legend below instead when there are more than MAX_DIRECT_LABELS lines).

    ``series`` columns: unit_code, unit_name, year, value, and optionally flagged. Years
    absent from a unit, and NaN values, are gaps in its line, never 0 (a province figure not
    every district reported is passed as NaN). A flagged value is ringed and says so on hover.
    The axis ends with the data (the round's window); the target line runs across it and names
    its deadline ("Mục tiêu 2030: > 65%"), with a star at the year it is judged on when that
    lies on the axis. Events and definition breaks are numbered marks above the plot whose
    texts are the chart's notes (:func:`charts.labels.chart_notes`). A count of districts and
    of the province is never drawn on one axis: see :func:`charts.trend_panels.count_panels`.
    """
    data = _clean(series)
    if kind_of(unit) == "count" and data["unit_code"].nunique() > 1 and province_code in set(data["unit_code"]):
        from charts.trend_panels import count_panels

        marks = _marks(data, period_type, break_years, break_note, events)
        return count_panels(data, indicator_name, unit, period_type, province_code, marks)
    target_year = target_year_of(target)
    years = year_range(data["year"])
    fig = go.Figure()
    # A line never runs across a definition break: a gap between the last year of one version and
    # the first of the next (no change spans a break, docs/domain.md, Definition breaks).
    points: list[float] = sorted([*years, *(b - 0.5 for b in break_years if years and years[0] < b <= years[-1])])
    n_lines = data["unit_code"].nunique()
    direct = n_lines <= MAX_DIRECT_LABELS
    ends: list[tuple[str, float, str]] = []  # (label, last value, colour) of each line
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
                line=dict(color=color, width=3.5 if is_province else 2),
                marker=dict(color=color, size=7 if is_province else 5),
                customdata=[
                    [format_number(v, unit), year_label(int(y), period_type) if float(y).is_integer() else ""]
                    for y, v in zip(points, values.tolist(), strict=True)
                ],
                hovertemplate=(
                    f"<b>{name}</b><br>{period_word(period_type)} %{{customdata[1]}}<br>"
                    f"{indicator_name}: %{{customdata[0]}}{unit_suffix(unit)}<extra></extra>"
                ),
                showlegend=not direct,
            )
        )
        last = values.dropna()
        if not last.empty:
            ends.append((short_unit_name(name, is_province), float(last.iloc[-1]), color))
    flagged = _add_flags(fig, data, unit, period_type, indicator_name, legend=not direct)
    apply_style(fig, value_axis_title(unit), legend="none" if direct else "bottom")
    set_year_axis(fig, years, period_type)
    has_target = target is not None and not missing(target.get("value"))
    y_range = value_range(data["value"], [float(target["value"])] if has_target and target else [])
    if has_target and target is not None:
        add_target(fig, target, unit, period_type, target_year, marked=target_year is not None and target_year in years)
    notes = add_markers(fig, _marks(data, period_type, break_years, break_note, events))
    fig.update_yaxes(range=y_range, autorange=False)
    if direct and ends:
        _label_ends(fig, ends, years[-1], y_range, top=int(fig.layout.margin.t or 40))
    if flagged and direct:
        fig.update_layout(meta={**dict(fig.layout.meta or {}), "notes": [*notes, FLAG_NOTE]})
    if not fig.data:
        fig.add_annotation(text="Không có số liệu", showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return fig


def value_range(values: pd.Series, extra: Sequence[float] = ()) -> list[float]:
    """The value axis: every value and target with 8% to spare, from 0 when the values are not negative and
    the padding would cross it."""
    numbers = [float(v) for v in pd.to_numeric(values, errors="coerce").dropna()] + [float(e) for e in extra]
    if not numbers:
        return [0.0, 1.0]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.08 or max(abs(high) * 0.08, 1.0)
    bottom = low - pad
    return [0.0 if low >= 0 > bottom else bottom, high + pad]


def _label_ends(
    fig: go.Figure, ends: list[tuple[str, float, str]], last_year: int, y_range: list[float], top: int
) -> None:
    """Each line's name at the right of the plot, level with its last value, pushed apart so that no two touch."""
    plot_px = HEIGHT - top - PLOT_BOTTOM_PX  # the smallest plot height any screen gives this figure
    span = y_range[1] - y_range[0]
    to_px = [(v - y_range[0]) / span * plot_px for _, v, _ in ends]
    placed = spread(to_px, LINE_LABEL_GAP, 6, plot_px - 6)
    add_annotations(
        fig,
        (
            dict(
                x=last_year,
                y=y_range[0] + px / plot_px * span,
                xref="x",
                yref="y",
                xanchor="left",
                xshift=10,
                text=label,
                showarrow=False,
                font=dict(size=12, color=color),
            )
            for (label, _, color), px in zip(ends, placed, strict=True)
        ),
    )
    width = max(text_width(label, 12) for label, _, _ in ends)
    fig.update_layout(margin=dict(r=int(min(width, 150)) + 18))


def _marks(
    data: pd.DataFrame, period_type: str, break_years: Sequence[int], break_note: str | None, events: Iterable[Event]
) -> list[Marker]:
    """Definition breaks and events within the axis, as numbered marks with their note."""
    years = year_range(data["year"])
    if not years:
        return []
    marks = [
        Marker(
            b - 0.5,
            f"Đổi cách tính từ {period_word(period_type).lower()} {year_label(b, period_type)}"
            + (f": {break_note}" if break_note else ""),
        )
        for b in break_years
        if years[0] < b <= years[-1]
    ]
    return marks + event_marks(events, years)


def _add_flags(
    fig: go.Figure, data: pd.DataFrame, unit: str, period_type: str, indicator_name: str, *, legend: bool
) -> bool:
    """A ring around every flagged value, with why on hover; whether there was one."""
    flagged = data[data["flagged"] & data["value"].notna()]
    if flagged.empty:
        return False
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
            showlegend=legend,
        )
    )
    return True


def event_marks(events: Iterable[Event], years: Sequence[int]) -> list[Marker]:
    """Events within the years as numbered marks ("2016: Nâng cấp")."""
    if not years:
        return []
    return [Marker(y, f"{y}: {label}") for y, label in (_event(e) for e in events) if years[0] <= y <= years[-1]]


def _event(event: Event) -> tuple[int, str]:
    if isinstance(event, Mapping):
        return int(event["year"]), str(event.get("label") or event.get("text") or "")
    year, label = event
    return int(year), str(label)
