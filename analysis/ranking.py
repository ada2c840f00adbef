"""Direction-aware ranking of units within each year."""

from __future__ import annotations

import pandas as pd

from analysis.change import _check_direction, _check_series


def rank_units(series: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Return the series with `rank` and `n_ranked` columns added, per year.

    Rank 1 is best: the highest value for "up" and "neutral" (neutral has no
    better side, so it is simply ordered from high to low), the lowest for
    "down". Ties share the best rank (method "min": 1, 1, 3). Missing values
    get no rank (NA) and do not take a position, so n_ranked counts only the
    units with a value that year. Row order of the input is kept.
    """
    _check_direction(direction)
    data = _check_series(series)
    by_year = data.groupby("year")["value"]
    ranks = by_year.rank(method="min", ascending=direction == "down")
    data["rank"] = ranks.astype("Int64")
    data["n_ranked"] = by_year.transform("count").astype("int64")
    return data


def rank_change(ranked: pd.DataFrame, from_year: int, to_year: int) -> pd.DataFrame:
    """Per unit: rank in from_year, rank in to_year, and rank_from - rank_to.

    A positive rank_change means the unit moved up (e.g. 5th -> 2nd = +3).
    NA where the unit is unranked in either year. Note that the number of
    ranked units may differ between the two years.
    """
    for col in ("unit_code", "year", "rank"):
        if col not in ranked.columns:
            raise ValueError(f"ranked lacks column {col!r}; use rank_units() first")
    units = pd.Index(ranked["unit_code"].astype(str).unique(), name="unit_code")
    out = pd.DataFrame(index=units)
    out["rank_from"] = _ranks_in(ranked, from_year).reindex(units).astype("Int64")
    out["rank_to"] = _ranks_in(ranked, to_year).reindex(units).astype("Int64")
    out["rank_change"] = out["rank_from"] - out["rank_to"]
    return out.reset_index()


def _ranks_in(ranked: pd.DataFrame, year: int) -> pd.Series:
    rows = ranked[ranked["year"] == year]
    if rows["unit_code"].duplicated().any():
        raise ValueError(f"more than one row per unit_code in year {year}")
    return pd.Series(rows["rank"].to_numpy(), index=rows["unit_code"].astype(str).to_numpy())


__all__ = ["rank_change", "rank_units"]
