"""Baseline-to-latest change of one indicator per unit, and its trend class.

The review compares each unit's earliest usable year (from the baseline year
on) with its latest usable year. Missing values are gaps: they are skipped,
never read as zero.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

SERIES_COLUMNS = ("unit_code", "year", "value")
DIRECTIONS = ("up", "down", "neutral")

# Trend words by direction: (when the value rises, when it falls).
_TREND_WORDS = {
    "up": ("improving", "worsening"),
    "down": ("worsening", "improving"),
    "neutral": ("rising", "falling"),
}


def _check_series(series: pd.DataFrame) -> pd.DataFrame:
    """Return a normalised copy of a long-form series, or raise ValueError.

    Shared by the other modules of the package. `value` becomes float64 with
    NaN for every kind of missing (None, pd.NA), so callers can rely on NaN.
    """
    missing = [c for c in SERIES_COLUMNS if c not in series.columns]
    if missing:
        raise ValueError(f"series lacks column(s): {missing}")
    data = series.loc[:, list(SERIES_COLUMNS)].copy()
    if data["unit_code"].isna().any() or data["year"].isna().any():
        raise ValueError("unit_code and year must not be missing")
    data["unit_code"] = data["unit_code"].astype(str)
    data["year"] = data["year"].astype("int64")
    data["value"] = pd.to_numeric(data["value"]).astype("float64")
    if data.duplicated(["unit_code", "year"]).any():
        raise ValueError("series has more than one row per (unit_code, year)")
    return data


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")


def _is_missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, (float, np.floating)) and math.isnan(x))


def baseline_latest(
    series: pd.DataFrame,
    baseline_year: int = 2013,
    latest_year: int | None = None,
    break_year: int | None = None,
) -> pd.DataFrame:
    """One row per unit_code: first and last non-missing value in the window.

    The window is baseline_year..latest_year (open-ended when latest_year is
    None). Units without any value in the window are kept with NA/NaN fields
    so the dashboard shows the gap instead of silently dropping the unit.
    Units come out in order of first appearance in `series`.

    `crosses_break` flags rows whose base and latest values straddle a
    definition change (base_year < break_year <= latest_year); their change
    figures are still computed, so callers must decide how to show them.
    """
    if latest_year is not None and latest_year < baseline_year:
        raise ValueError("latest_year must not be before baseline_year")
    data = _check_series(series)
    units = pd.Index(data["unit_code"].unique(), name="unit_code")

    in_window = data["year"] >= baseline_year
    if latest_year is not None:
        in_window &= data["year"] <= latest_year
    present = data[in_window & data["value"].notna()].sort_values(["unit_code", "year"])
    first = present.drop_duplicates("unit_code", keep="first").set_index("unit_code")
    last = present.drop_duplicates("unit_code", keep="last").set_index("unit_code")

    out = pd.DataFrame(index=units)
    out["base_year"] = first["year"].reindex(units).astype("Int64")
    out["base_value"] = first["value"].reindex(units).astype("float64")
    out["latest_year"] = last["year"].reindex(units).astype("Int64")
    out["latest_value"] = last["value"].reindex(units).astype("float64")
    base, latest = out["base_value"], out["latest_value"]
    out["abs_change"] = latest - base
    out["rel_change"] = out["abs_change"] / base.where(base != 0)
    out["n_years"] = out["latest_year"] - out["base_year"]
    out["cagr"] = _cagr(base, latest, out["n_years"].astype("float64"))
    out["crosses_break"] = _crosses_break(out["base_year"], out["latest_year"], break_year)
    return out.reset_index()


def _cagr(base: pd.Series, latest: pd.Series, n_years: pd.Series) -> pd.Series:
    """(latest/base)**(1/n) - 1, NaN where it is undefined or meaningless.

    Invalid rows are masked before the arithmetic, so no runtime warnings
    (division by zero, negative base to a fractional power) are raised.
    """
    valid = (n_years > 0) & (base > 0) & (latest >= 0)
    ratio = latest / base.where(valid)
    return ratio ** (1.0 / n_years.where(valid)) - 1.0


def _crosses_break(base_year: pd.Series, latest_year: pd.Series, break_year: int | None) -> pd.Series:
    if break_year is None:
        return pd.Series(False, index=base_year.index, dtype=bool)
    crosses = (base_year < break_year) & (latest_year >= break_year)
    return crosses.fillna(False).astype(bool)


def _outside(x: float, tolerance: float) -> bool:
    """|x| >= tolerance, counting float noise at the edge as reaching it.

    3.6 -> 4.6 gives 0.9999999999999996 in binary floats but is shown as
    +1.0 points, so it must not be called "flat".
    """
    return abs(x) >= tolerance or math.isclose(abs(x), tolerance, rel_tol=1e-9, abs_tol=1e-12)


def trend_class(
    abs_change: float,
    rel_change: float,
    direction: str,
    unit: str,
    rate_tolerance_pts: float = 1.0,
    relative_tolerance: float = 0.02,
    small_rate_pts: float = 0.2,
    small_rate_relative: float = 0.25,
) -> str:
    """Classify a change as improving/worsening/flat (or rising/falling/flat).

    Percentages ("%") are judged in percentage points, since a relative change
    of a rate (e.g. dropout 0.5% -> 0.6% = +20%) overstates a tiny shift. But
    low rates such as dropout (0.9% -> 1.4%) never move a whole point, so a
    change of at least `small_rate_pts` that is also at least
    `small_rate_relative` of the base counts as movement too.
    Everything else is judged relatively; when the relative change is
    undefined (base 0) only an exactly zero change counts as flat. The sign of
    abs_change always decides the direction of movement.
    """
    _check_direction(direction)
    if _is_missing(abs_change):
        return "unknown"
    if unit.strip() == "%":
        moved = _outside(abs_change, rate_tolerance_pts) or (
            _outside(abs_change, small_rate_pts)
            and not _is_missing(rel_change)
            and _outside(rel_change, small_rate_relative)
        )
    elif _is_missing(rel_change):
        moved = abs_change != 0
    else:
        moved = _outside(rel_change, relative_tolerance)
    if not moved:
        return "flat"
    rising, falling = _TREND_WORDS[direction]
    return rising if abs_change > 0 else falling


def assess_change(
    series: pd.DataFrame,
    direction: str,
    unit: str,
    baseline_year: int = 2013,
    latest_year: int | None = None,
    break_year: int | None = None,
) -> pd.DataFrame:
    """baseline_latest() plus a `trend` column from trend_class()."""
    _check_direction(direction)
    out = baseline_latest(series, baseline_year, latest_year, break_year)
    trends = [
        trend_class(a, r, direction, unit)
        for a, r in zip(
            out["abs_change"].to_numpy(float),
            out["rel_change"].to_numpy(float),
            strict=True,
        )
    ]
    out["trend"] = trends
    return out


__all__ = ["assess_change", "baseline_latest", "trend_class"]
