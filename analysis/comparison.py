"""District comparisons of one indicator: ranking, heat map, rank moves, spread.

All functions take the `values` frame of the values_for_indicators query
(unit_code, unit_name, parent_code, unit_order, indicator_code, year, value, …)
and look at districts only, i.e. rows whose parent_code is set. A missing
value is an absent row (or NaN); it is never read as zero.
"""

from __future__ import annotations

import pandas as pd

from analysis.disparity import disparity
from analysis.ranking import rank_change, rank_units


def _districts(values: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """District rows of one indicator, in unit order then year, with a fresh index."""
    rows = values[(values["indicator_code"] == indicator_code) & values["parent_code"].notna()]
    rows = rows.assign(unit_code=rows["unit_code"].astype(str), year=rows["year"].astype("int64"))
    return rows.sort_values(["unit_order", "year"], kind="stable").reset_index(drop=True)


def _series(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[["unit_code", "year", "value"]]


def ranked_values(values: pd.DataFrame, indicator_code: str, year: int, direction: str) -> pd.DataFrame:
    """Districts with their value and rank in `year`, best first.

    Columns unit_code, unit_name, value, rank (Int64; 1 = best by
    rank_units(), ties share a rank). Districts without a value come last
    with NA rank; ties keep unit order.
    """
    rows = _districts(values, indicator_code)
    rows = rows[rows["year"] == year].reset_index(drop=True)
    ranked = rank_units(_series(rows), direction)
    out = rows[["unit_code", "unit_name", "value"]].assign(rank=ranked["rank"])
    out = out.sort_values("rank", kind="stable", na_position="last")
    return out.reset_index(drop=True)


def province_value(values: pd.DataFrame, indicator_code: str, year: int, province_code: str) -> float | None:
    """The province's value for `year`, or None when it has none."""
    rows = values[
        (values["indicator_code"] == indicator_code)
        & (values["unit_code"].astype(str) == str(province_code))
        & (values["year"] == year)
    ]
    found = rows["value"].dropna()
    return None if found.empty else float(found.iloc[0])


def heatmap_matrix(values: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """Districts x years: index unit_name in unit order, columns years ascending.

    Every year in which any district has a row is a column; gaps are NaN.
    """
    rows = _districts(values, indicator_code)
    if rows.empty:
        return pd.DataFrame(index=pd.Index([], name="unit_name", dtype=object), dtype=float)
    matrix = rows.pivot(index="unit_code", columns="year", values="value").astype(float)
    order = rows.drop_duplicates("unit_code")
    matrix = matrix.reindex(index=order["unit_code"], columns=sorted(matrix.columns))
    matrix.index = pd.Index(order["unit_name"].to_list(), name="unit_name")
    matrix.columns.name = "year"
    return matrix


def rank_table(values: pd.DataFrame, indicator_code: str, direction: str, from_year: int, to_year: int) -> pd.DataFrame:
    """Each district's rank in from_year and to_year and how far it moved.

    Columns unit_code, unit_name, rank_from, rank_to, rank_change (positive =
    moved up, from rank_change()), value_from, value_to. Sorted by rank_to
    (unranked last), then unit order. The number of ranked districts can
    differ between the two years when some have no value.
    """
    rows = _districts(values, indicator_code)
    ranked = rank_units(_series(rows), direction)
    moves = rank_change(ranked, from_year, to_year)
    names = rows.drop_duplicates("unit_code").set_index("unit_code")["unit_name"]
    out = moves.assign(unit_name=moves["unit_code"].map(names))
    for label, year in (("value_from", from_year), ("value_to", to_year)):
        in_year = rows[rows["year"] == year].set_index("unit_code")["value"]
        out[label] = out["unit_code"].map(in_year).astype(float)
    columns = ["unit_code", "unit_name", "rank_from", "rank_to", "rank_change", "value_from", "value_to"]
    return out[columns].sort_values("rank_to", kind="stable", na_position="last").reset_index(drop=True)


def disparity_over_time(values: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """disparity() of the districts, one row per year (n, mean, std, cv, min, max, ...)."""
    return disparity(_series(_districts(values, indicator_code)))


__all__ = ["disparity_over_time", "heatmap_matrix", "province_value", "rank_table", "ranked_values"]
