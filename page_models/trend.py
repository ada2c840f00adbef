"""Xu hướng: one indicator over the years for the chosen districts and the province."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from charts.trend import trend_figure
from page_models.common import Selection, district_colors, indicator_meta, province_target, within
from vocab.display import deadline_text, target_text, year_label

MAX_DEFAULT_LINES = 12


@dataclass
class TrendView:
    title: str
    figure: go.Figure
    table: pd.DataFrame  # unit × period labels, Vietnamese-formatted by the page
    unit: str
    definition: str
    target_text: str | None
    break_text: str | None
    note: str | None


def build_trend(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    units: pd.DataFrame,
    sel: Selection,
    events: Sequence[tuple[int, str]] = (),
) -> TrendView:
    """``events``: (year, label) markers: policy events (analysis.review.event_markers) and boundary changes."""
    meta = indicator_meta(catalogue, sel.indicator_code)
    shown, note = shown_rows(values, units, sel)
    target = province_target(targets, sel.indicator_code, sel.province_code, sel.last_year)
    figure = trend_figure(
        shown[["unit_code", "unit_name", "year", "value"]],
        indicator_name=meta["name_vi"],
        unit=meta["unit"],
        period_type=meta["period_type"],
        province_code=sel.province_code,
        colors=district_colors(units),
        target=target,
        break_year=meta["break_year"]
        if meta["break_year"] and sel.first_year < meta["break_year"] <= sel.last_year
        else None,
        break_note=meta.get("break_note"),
        events=events,
    )
    return TrendView(
        title=meta["name_vi"],
        figure=figure,
        table=trend_table(shown, meta["period_type"]),
        unit=meta["unit"],
        definition=meta.get("definition") or "",
        target_text=_target_text(target, meta["unit"]),
        break_text=_break_text(meta),
        note=note,
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
    return shown, note


def trend_table(shown: pd.DataFrame, period_type: str) -> pd.DataFrame:
    """Units (rows, in the order of `shown`) × period labels, numeric values."""
    table = shown.pivot_table(index=["unit_code", "unit_name"], columns="year", values="value", sort=False)
    table = table.reset_index(level="unit_code", drop=True)
    table.columns = [year_label(int(y), period_type) for y in table.columns]
    return table


def _target_text(target: dict | None, unit: str) -> str | None:
    if not target:
        return None
    when = deadline_text(target.get("year"))
    return f"{target_text(target, unit)} ({when}) — {target['source']}"


def _break_text(meta: dict) -> str | None:
    if not meta["break_year"]:
        return None
    return f"Đổi cách tính từ {meta['break_year']}: {meta.get('break_note') or ''}".strip()
