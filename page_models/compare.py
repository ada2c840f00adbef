"""So sánh địa bàn: districts side by side for one indicator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.comparison import disparity_over_time, heatmap_matrix, province_value, rank_table, ranked_values
from charts.compare import disparity_figure, rank_change_figure, ranked_bar_figure
from charts.heatmap import heatmap_figure
from charts.labels import add_markers
from charts.trend import event_marks
from page_models.common import Selection, cell_states, complete_only, district_colors, indicator_meta, within
from vocab.display import FLAG_MARK, format_cell, format_with_unit, year_label

MAX_RANK_LINES = 30  # beyond this a slope chart is unreadable: show the largest movers


def _movers(table: pd.DataFrame) -> pd.DataFrame:
    if len(table) <= MAX_RANK_LINES:
        return table
    moved = table["rank_change"].abs().astype("Float64").fillna(-1)
    return table.loc[moved.sort_values(ascending=False, kind="stable").index[:MAX_RANK_LINES]]


def with_events(fig: go.Figure, events: Sequence[tuple[int, str]], years: Sequence[int]) -> go.Figure:
    """Events as numbered marks above the chart, their texts in its notes."""
    add_markers(fig, event_marks(events, years))
    return fig


def province_label(values: pd.DataFrame, sel: Selection, year: int, unit: str) -> str | None:
    """ "Toàn tỉnh: 85,1%", "Toàn tỉnh: 85,1% (!)" or "Toàn tỉnh: chưa đủ số liệu (9/10 huyện)"; None without a row."""
    rows = values[(values["unit_code"].astype(str) == sel.province_code) & (values["year"] == year)]
    if rows.empty:
        return None
    state = str(cell_states(rows).iloc[0])
    value = rows["value"].iloc[0]
    if state == "flagged":
        return f"Toàn tỉnh: {format_with_unit(value, unit)} {FLAG_MARK}"
    return f"Toàn tỉnh: {format_cell(value, unit, state) if state else format_with_unit(value, unit)}"


def years_with_data(values: pd.DataFrame, sel: Selection) -> list[int]:
    """The selected years in which some district has a value of the indicator (a round's last school
    year may have none yet, e.g. a dropout rate known only after the school year ends)."""
    rows = complete_only(within(values, sel))
    rows = rows[(rows["unit_code"].astype(str) != sel.province_code) & rows["value"].notna()]
    present = sorted({int(y) for y in rows["year"]})
    return present or [sel.last_year]


@dataclass
class CompareView:
    title: str
    year_text: str
    ranked_bar: go.Figure
    heatmap: go.Figure
    rank_change: go.Figure
    disparity: go.Figure
    rank_table: pd.DataFrame
    has_data: bool


def build_compare(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    units: pd.DataFrame,
    sel: Selection,
    year: int,
    events: Sequence[tuple[int, str]] = (),
) -> CompareView:
    """``events``: (year, label) marked on the disparity chart, e.g. boundary changes."""
    meta = indicator_meta(catalogue, sel.indicator_code)
    every = within(values, sel)
    rows = complete_only(every)
    if sel.unit_codes:
        rows = rows[rows["unit_code"].isin([sel.province_code, *sel.unit_codes])]
    states = cell_states(rows)
    flagged_rows = rows[(states == "flagged").to_numpy()]
    flagged = set(flagged_rows.loc[flagged_rows["year"] == year, "unit_code"].astype(str))
    colors = district_colors(units)
    period, unit, name = meta["period_type"], meta["unit"], meta["name_vi"]
    ranked = ranked_values(rows, sel.indicator_code, year, meta["direction"])
    present = years_with_data(values, sel)
    first, last = present[0], present[-1]
    table = rank_table(rows, sel.indicator_code, meta["direction"], first, last)
    year_text = year_label(year, period)
    from_text, to_text = year_label(first, period), year_label(last, period)
    return CompareView(
        title=name,
        year_text=year_text,
        ranked_bar=ranked_bar_figure(
            ranked,
            indicator_name=name,
            unit=unit,
            year_text=year_text,
            province_value=province_value(rows, sel.indicator_code, year, sel.province_code),
            colors=colors,
            flagged=flagged,
            province_text=province_label(every, sel, year, unit),
        ),
        heatmap=heatmap_figure(
            heatmap_matrix(rows, sel.indicator_code),
            indicator_name=name,
            unit=unit,
            period_type=period,
            direction=meta["direction"],
            marks=heatmap_matrix(rows.assign(value=(states == "flagged").astype(float)), sel.indicator_code) > 0,
        ),
        rank_change=rank_change_figure(_movers(table), from_text=from_text, to_text=to_text, colors=colors),
        disparity=with_events(
            disparity_figure(
                disparity_over_time(rows, sel.indicator_code), indicator_name=name, unit=unit, period_type=period
            ),
            events,
            list(sel.years),
        ),
        rank_table=table,
        has_data=not ranked["value"].isna().all() if not ranked.empty else False,
    )
