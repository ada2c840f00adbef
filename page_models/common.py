"""Inputs shared by the page builders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.rounds import Round
from analysis.versions import breaks_of
from charts.colors import unit_colors
from charts.labels import short_unit_name
from vocab.display import MISSING, cell_state
from vocab.text import strip_unit_prefix


@dataclass(frozen=True)
class Selection:
    """What the sidebar chose: one indicator (of a group), some districts (empty = all), a period,
    within a reporting round (its window, as-of date and deadline reading).

    The one type of the choice: ui.filters draws it, the page models and the report take it.
    """

    indicator_code: str
    unit_codes: tuple[str, ...]  # chosen districts; empty = all
    first_year: int
    last_year: int
    province_code: str
    group_code: str = ""
    round: Round | None = None

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def as_of(self) -> date | None:
        """What is known and which targets count: as of the round's date (None: no round, everything)."""
        return None if self.round is None else self.round.known_on

    @property
    def deadline_rule(self) -> str:
        return "ending" if self.round is None else self.round.school_year_deadline


def indicator_meta(catalogue: pd.DataFrame, code: str) -> dict[str, Any]:
    rows = catalogue[catalogue["code"] == code]
    if rows.empty:
        raise KeyError(code)
    meta = {str(k): v for k, v in rows.iloc[0].to_dict().items()}
    meta["break_year"] = None if pd.isna(meta.get("break_year")) else int(meta["break_year"])
    meta["breaks"] = breaks_of(meta)
    return meta


def district_colors(units: pd.DataFrame) -> dict[str, str]:
    """One colour per district in registry order: the same on every chart."""
    districts = units[units["parent_code"].notna()].sort_values("sort_order")
    return unit_colors([str(c) for c in districts["code"]])


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


def is_flagged(values: pd.DataFrame) -> pd.Series:
    """True where a value contains an unaccepted flagged one (indicator_values.flagged)."""
    if "flagged" not in values.columns:
        return pd.Series(False, index=values.index)
    return values["flagged"].astype("boolean").fillna(False).astype(bool)


def usable_only(values: pd.DataFrame) -> pd.DataFrame:
    """What an assessment or a verdict may rest on: complete figures without an unaccepted flagged value."""
    rows = complete_only(values)
    return rows[~is_flagged(rows).to_numpy()].reset_index(drop=True)


def cell_states(values: pd.DataFrame) -> pd.Series:
    """Per row: "partial:n/m" (a province figure not every district reported), "flagged" (it contains
    an unaccepted flagged value) or "" (vocab.display.cell_state, format_cell)."""

    def column(name: str) -> list[Any]:
        return values[name].tolist() if name in values.columns else [None] * len(values)

    states = [
        cell_state(c, f, n, e)
        for c, f, n, e in zip(
            column("complete"), column("flagged"), column("n_units"), column("n_expected"), strict=True
        )
    ]
    return pd.Series(states, index=values.index, dtype=object)


def with_dashes(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for reading: every empty text cell, and every empty cell of a column of whole numbers
    (years), shown as "—" (never "None" or a blank that reads as 0)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not values.isna().any():
            continue
        if pd.api.types.is_numeric_dtype(values):
            present = values.dropna()
            if (present == present.round()).all():
                out[column] = [MISSING if pd.isna(v) else str(int(v)) for v in values]
        else:
            out[column] = values.astype(object).where(values.notna(), MISSING)
    return out


def phone_columns(table: pd.DataFrame, keep: int = 2) -> pd.DataFrame:
    """A district × year table for a phone: short unit names, the first year and the last ``keep - 1``."""
    columns = list(table.columns)
    chosen = columns if len(columns) <= keep else [columns[0], *columns[len(columns) - keep + 1 :]]
    out = table[chosen].copy()
    out.index = [short_name(str(n)) for n in table.index]
    out.index.name = table.index.name
    return out


def short_name(name: str) -> str:
    """ "Toàn tỉnh" for the province ("Tỉnh …"), else the chart's short name ("TP. Sơn Hà", "Hòa Phong")."""
    return short_unit_name(name, strip_unit_prefix(name)[1] == "province")
