"""Inputs shared by the page builders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.assessment import applicable_target
from charts.colors import unit_colors


@dataclass(frozen=True)
class Selection:
    """What the sidebar chose: one indicator (of a group), some districts (empty = all), a period.

    The one type of the choice: ui.filters draws it, the page models and the report take it.
    """

    indicator_code: str
    unit_codes: tuple[str, ...]  # chosen districts; empty = all
    first_year: int
    last_year: int
    province_code: str
    group_code: str = ""

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


def indicator_meta(catalogue: pd.DataFrame, code: str) -> dict[str, Any]:
    rows = catalogue[catalogue["code"] == code]
    if rows.empty:
        raise KeyError(code)
    meta = {str(k): v for k, v in rows.iloc[0].to_dict().items()}
    meta["break_year"] = None if pd.isna(meta.get("break_year")) else int(meta["break_year"])
    return meta


def district_colors(units: pd.DataFrame) -> dict[str, str]:
    """One colour per district in registry order: the same on every chart."""
    districts = units[units["parent_code"].notna()].sort_values("sort_order")
    return unit_colors([str(c) for c in districts["code"]])


def province_target(targets: pd.DataFrame, code: str, province_code: str, year: int) -> dict[str, Any] | None:
    return applicable_target(targets, code, province_code, year)


def within(values: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """Values of the selected indicator inside the selected years."""
    rows = values[
        (values["indicator_code"] == sel.indicator_code) & values["year"].between(sel.first_year, sel.last_year)
    ]
    return rows.reset_index(drop=True)


def complete_only(values: pd.DataFrame) -> pd.DataFrame:
    """Drop aggregates that do not cover every district: a partial sum is no province value."""
    if "complete" not in values.columns:
        return values
    return values[values["complete"].fillna(True).astype(bool)].reset_index(drop=True)
