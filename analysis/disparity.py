"""Spread between units (e.g. districts) of one indicator, year by year."""

from __future__ import annotations

import pandas as pd

from analysis.change import _check_series


def disparity(series: pd.DataFrame) -> pd.DataFrame:
    """One row per year: n, mean, std, cv, min, max, max_min_ratio, range.

    Only units with a value count. `std` is the population standard deviation
    (ddof=0): the districts of the province are the whole population being
    described, not a sample drawn from a larger one, so no n-1 correction.
    cv = std / mean (NaN when mean is 0); max_min_ratio is NaN when min <= 0,
    where a ratio is meaningless. A year in which every unit is missing gives
    n = 0 and NaN elsewhere.
    """
    data = _check_series(series)
    by_year = data.groupby("year", sort=True)["value"]
    out = pd.DataFrame(
        {
            "n": by_year.count().astype("int64"),
            "mean": by_year.mean(),
            "std": by_year.std(ddof=0),
            "min": by_year.min(),
            "max": by_year.max(),
        }
    )
    mean, low, high = out["mean"], out["min"], out["max"]
    out["cv"] = out["std"] / mean.where(mean != 0)
    out["max_min_ratio"] = high / low.where(low > 0)
    out["range"] = high - low
    columns = ["n", "mean", "std", "cv", "min", "max", "max_min_ratio", "range"]
    return out[columns].rename_axis("year").reset_index()


__all__ = ["disparity"]
