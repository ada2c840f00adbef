"""Xu hướng: one indicator over the years for the chosen districts and the province."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analysis.assessment import assess_indicators
from charts.trend import trend_figure
from page_models.common import Selection, cell_states, district_colors, indicator_meta, usable_only, within
from page_models.tables import reference_text, target_row, target_with_source, verdict_sentence
from vocab.display import format_change_phrase, partial_text, year_label, years_label

MAX_DEFAULT_LINES = 12


@dataclass
class TrendView:
    title: str
    figure: go.Figure
    table: pd.DataFrame  # unit × period labels, numbers (formatted by the page with `states`)
    states: pd.DataFrame  # same shape: "", "partial:n/m", "flagged" (vocab.display.format_cell)
    unit: str
    definition: str
    target_text: str | None
    break_text: str | None
    note: str | None
    change_text: str | None = None  # the province's change, within each definition version
    verdict_texts: list[str] = field(default_factory=list)  # one per version with a target
    reference_texts: list[str] = field(default_factory=list)  # targets issued after the round's date
    gap_text: str | None = None  # province years not drawn (partial or withheld)
    period_text: str = ""  # "năm học 2013-2014 – 2022-2023", the exported image's subtitle


def build_trend(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    units: pd.DataFrame,
    sel: Selection,
    events: Sequence[tuple[int, str]] = (),
    *,
    withhold_flagged: bool = False,
) -> TrendView:
    """``events``: (year, label) markers: policy events (analysis.review.event_markers) and boundary changes.

    A province figure not every district reported is a gap in the line and says so in the
    table; a value with an unaccepted quality warning is ringed on the chart and marked "(!)"
    in the table, or left out of both where ``withhold_flagged`` (the report pack).
    """
    meta = indicator_meta(catalogue, sel.indicator_code)
    shown, note = shown_rows(values, units, sel)
    states = cell_states(shown)
    rows = assess_indicators(
        usable_only(shown[shown["unit_code"] == sel.province_code]),
        catalogue,
        targets,
        sel.province_code,
        sel.first_year,
        sel.last_year,
        as_of=sel.as_of,
        deadline_rule=sel.deadline_rule,
    )
    last = None if rows.empty else rows.iloc[-1]
    target = None if last is None else target_row(last, sel.deadline_rule)
    drawn = shown.assign(
        value=shown["value"].where(~states.str.startswith("partial") & ~((states == "flagged") & withhold_flagged)),
        flagged=(states == "flagged") & (not withhold_flagged),
    )
    figure = trend_figure(
        drawn[["unit_code", "unit_name", "year", "value", "flagged"]],
        indicator_name=meta["name_vi"],
        unit=meta["unit"],
        period_type=meta["period_type"],
        province_code=sel.province_code,
        colors=district_colors(units),
        target=target,
        break_years=[y for y in meta["breaks"] if sel.first_year < y <= sel.last_year],
        break_note=meta.get("break_note"),
        events=events,
    )
    return TrendView(
        title=meta["name_vi"],
        figure=figure,
        table=trend_table(shown, meta["period_type"]),
        states=trend_table(shown.assign(value=states), meta["period_type"]),
        unit=meta["unit"],
        definition=meta.get("definition") or "",
        target_text=None if last is None or target is None else target_with_source(last, sel.deadline_rule),
        break_text=_break_text(meta),
        note=note,
        change_text=change_text(rows, meta),
        verdict_texts=[
            verdict_sentence(r, sel.deadline_rule) for _, r in rows.iterrows() if pd.notna(r["target_value"])
        ],
        reference_texts=[]
        if last is None
        else [reference_text(t, meta["unit"], meta["period_type"], sel) for t in last["reference_targets"]],
        gap_text=_gap_text(shown, states, sel, meta["period_type"], withhold_flagged),
        period_text=years_label(sel.first_year, sel.last_year, meta["period_type"]),
    )


def shown_rows(values: pd.DataFrame, units: pd.DataFrame, sel: Selection) -> tuple[pd.DataFrame, str | None]:
    """The province and the chosen districts (all, up to MAX_DEFAULT_LINES, when none is chosen),
    in that order; plus a note when there are too many districts to draw by default."""
    rows = within(values, sel)
    districts = units[units["parent_code"].notna()]
    chosen = list(sel.unit_codes)
    note = None
    if not chosen:
        chosen = [str(c) for c in districts["code"]]
        if len(chosen) > MAX_DEFAULT_LINES:
            chosen, note = [], f"Chọn tối đa vài địa bàn ở thanh bên để so với toàn tỉnh ({len(districts)} địa bàn)."
    shown = rows[rows["unit_code"].isin([sel.province_code, *chosen])]
    order = {code: i for i, code in enumerate([sel.province_code, *chosen])}
    shown = shown.assign(_o=shown["unit_code"].map(order)).sort_values(["_o", "year"]).drop(columns="_o")
    return shown.reset_index(drop=True), note


def trend_table(shown: pd.DataFrame, period_type: str) -> pd.DataFrame:
    """Units (rows, in the order of `shown`) × period labels; the cells are `shown`'s values."""
    table = shown.pivot(index=["unit_code", "unit_name"], columns="year", values="value")
    order = list(dict.fromkeys(zip(shown["unit_code"], shown["unit_name"], strict=True)))
    table = table.reindex(pd.MultiIndex.from_tuples(order, names=["unit_code", "unit_name"]) if order else table.index)
    table = table.reset_index(level="unit_code", drop=True)
    table.columns = [year_label(int(y), period_type) for y in table.columns]
    return table


def change_text(rows: pd.DataFrame, meta: dict[str, Any]) -> str | None:
    """The province's change in words, within each definition version: with a break inside the
    period the change over the whole period is not comparable, and the change since the break
    is given beside it."""
    if rows.empty:
        return None
    unit, period = str(meta["unit"]), str(meta["period_type"])
    parts = []
    if len(rows) > 1:
        breaks = ", ".join(year_label(int(b), period) for b in rows["break_year"].dropna())
        parts.append(f"Thay đổi cả giai đoạn: không so sánh được do đổi cách tính từ {_period(period)} {breaks}.")
    for _, r in rows.iterrows():
        if pd.isna(r["base_year"]) or r["base_year"] == r["latest_year"]:
            continue
        label = f" ({r['version_label']})" if r["version_label"] else ""
        span = years_label(int(r["base_year"]), int(r["latest_year"]), period)
        parts.append(f"Toàn tỉnh, {span}{label}: {format_change_phrase(r['abs_change'], unit)}.")
    return " ".join(parts) or None


def _period(period_type: str) -> str:
    return "năm học" if period_type == "school_year" else "năm"


def _gap_text(shown: pd.DataFrame, states: pd.Series, sel: Selection, period: str, withheld: bool) -> str | None:
    """The province years the chart leaves out, and why."""
    province = shown["unit_code"] == sel.province_code
    parts = []
    for (_, r), state in zip(shown[province].iterrows(), states[province], strict=True):
        if state.startswith("partial"):
            parts.append(f"{year_label(int(r['year']), period)}: {partial_text(r.get('n_units'), r.get('n_expected'))}")
        elif state == "flagged" and withheld:
            parts.append(f"{year_label(int(r['year']), period)}: giá trị đang xác minh")
    if not parts:
        return None
    return "Toàn tỉnh không vẽ " + "; ".join(parts) + "."


def _break_text(meta: dict[str, Any]) -> str | None:
    if not meta["breaks"]:
        return None
    years = ", ".join(str(y) for y in meta["breaks"])
    return f"Đổi cách tính từ {years}: {meta.get('break_note') or ''}".strip()


__all__ = ["TrendView", "build_trend", "change_text", "shown_rows", "trend_table"]
