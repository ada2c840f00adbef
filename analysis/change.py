"""Baseline-to-latest change of one indicator per unit, and its trend class.

The review compares each unit's earliest usable year (from the baseline year
on) with its latest usable year. Missing values are gaps: they are skipped,
never read as zero.

The work is done on plain numpy arrays, once for all groups:
baseline_latest_by() runs the same computation for many series at a time
(e.g. every indicator of a province), which is what a page showing ~100
indicators needs; a pandas round trip per indicator costs far more than the
arithmetic.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

DIRECTIONS = ("up", "down", "neutral")

# Trend words by direction: (when the value rises, when it falls).
_TREND_WORDS = {
    "up": ("improving", "worsening"),
    "down": ("worsening", "improving"),
    "neutral": ("rising", "falling"),
}


class _Series(NamedTuple):
    keys: pd.Series  # the key column, index kept (str when asked for)
    codes: np.ndarray[Any, Any]  # int64 group number of each row, in order of first appearance
    groups: pd.Index  # the distinct keys, in that order
    years: np.ndarray[Any, Any]  # int64
    values: np.ndarray[Any, Any]  # float64, NaN for every kind of missing (None, pd.NA)


def _series_arrays(series: pd.DataFrame, key: str, as_str: bool) -> _Series:
    """Validated columns of a long-form series (key, year, value) as arrays.

    Raises ValueError on a missing column, a missing key or year, or a
    repeated (key, year).
    """
    columns = (key, "year", "value")
    missing = [c for c in columns if c not in series.columns]
    if missing:
        raise ValueError(f"series lacks column(s): {missing}")
    keys, year, value = series[key], series["year"], series["value"]
    if keys.isna().any() or year.isna().any():
        raise ValueError(f"{key} and year must not be missing")
    if as_str and keys.dtype != "str":
        keys = keys.astype(str)
    # Plain numpy columns skip pandas' conversions, which cost more than the work here.
    years = year.to_numpy().astype("int64") if year.dtype.kind in "iu" else year.astype("int64").to_numpy()
    values = value.to_numpy() if value.dtype == "float64" else pd.to_numeric(value).astype("float64").to_numpy()
    codes, uniques = pd.factorize(keys)
    codes = codes.astype("int64")
    if len(years) > 1:
        span = int(years.max()) - int(years.min()) + 1
        combined = np.sort(codes * span + (years - years.min()))
        if (combined[1:] == combined[:-1]).any():
            raise ValueError(f"series has more than one row per ({key}, year)")
    return _Series(keys, codes, pd.Index(uniques, name=key), years, values)


def _check_series(series: pd.DataFrame) -> pd.DataFrame:
    """Return a normalised copy of a long-form series, or raise ValueError.

    Shared by the other modules of the package. `value` becomes float64 with
    NaN for every kind of missing (None, pd.NA), so callers can rely on NaN.
    The index of `series` is kept.
    """
    data = _series_arrays(series, "unit_code", as_str=True)
    columns = {"unit_code": data.keys.array, "year": data.years, "value": data.values}
    return pd.DataFrame(columns, index=series.index.copy())


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")


def _is_missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, (float, np.floating)) and math.isnan(x))


def _per_group(param: int | pd.Series | None, groups: pd.Index, name: str) -> np.ndarray[Any, Any]:
    """A scalar or a per-group Series (indexed by group key) as float64 per group, NaN for none."""
    if param is None:
        return np.full(len(groups), np.nan)
    if isinstance(param, pd.Series):
        if not param.index.is_unique:
            raise ValueError(f"{name} has more than one value per group")
        return pd.to_numeric(param).reindex(groups).to_numpy(dtype="float64", na_value=np.nan)
    return np.full(len(groups), float(param))


def _change_columns(
    codes: np.ndarray[Any, Any],
    n_groups: int,
    years: np.ndarray[Any, Any],
    values: np.ndarray[Any, Any],
    first_year: np.ndarray[Any, Any],
    last_year: np.ndarray[Any, Any],
    break_year: np.ndarray[Any, Any],
) -> dict[str, Any]:
    """The columns of baseline_latest() for groups 0..n_groups-1 (codes per row).

    first_year/last_year/break_year are float64 per group; NaN means open
    window (first/last) or no break.
    """
    lo, hi = first_year[codes], last_year[codes]
    keep = ~np.isnan(values) & ~(years < lo) & ~(years > hi)
    kept_codes, kept_years, kept_values = codes[keep], years[keep], values[keep]
    order = np.lexsort((kept_years, kept_codes))
    kept_codes, kept_years, kept_values = kept_codes[order], kept_years[order], kept_values[order]
    # Sorted by group then year: a group's first row is its base, its last row its latest.
    starts = np.flatnonzero(np.diff(kept_codes, prepend=-1))
    ends = np.flatnonzero(np.diff(kept_codes, append=n_groups))
    found = kept_codes[starts]

    has = np.zeros(n_groups, dtype=bool)
    has[found] = True
    base_year = np.zeros(n_groups, dtype="int64")
    latest_year = np.zeros(n_groups, dtype="int64")
    base = np.full(n_groups, np.nan)
    latest = np.full(n_groups, np.nan)
    base_year[found], base[found] = kept_years[starts], kept_values[starts]
    latest_year[found], latest[found] = kept_years[ends], kept_values[ends]
    n_years = latest_year - base_year

    with np.errstate(all="ignore"):
        abs_change = latest - base
        rel_change = np.where(base != 0, abs_change / base, np.nan)
        n_float = np.where(has, n_years, np.nan)
        valid = (n_float > 0) & (base > 0) & (latest >= 0)
        cagr = np.where(valid, (latest / base) ** (1.0 / n_float) - 1.0, np.nan)
    crosses = has & (base_year < break_year) & (latest_year >= break_year)
    return {
        "base_year": pd.arrays.IntegerArray(base_year, ~has),
        "base_value": base,
        "latest_year": pd.arrays.IntegerArray(latest_year, ~has),
        "latest_value": latest,
        "abs_change": abs_change,
        "rel_change": rel_change,
        "n_years": pd.arrays.IntegerArray(n_years, ~has),
        "cagr": cagr,
        "crosses_break": crosses,
    }


def baseline_latest_by(
    series: pd.DataFrame,
    by: str,
    baseline_year: int | pd.Series = 2013,
    latest_year: int | None = None,
    break_year: int | pd.Series | None = None,
) -> pd.DataFrame:
    """baseline_latest() for many series at once: one row per value of `by`.

    `series` has columns `by`, year and value, one row per (by, year); e.g.
    every indicator of one unit with by="indicator_code". baseline_year and
    break_year are either one year for all groups or a Series indexed by the
    group key (groups missing from it: an open start / no break). Groups come
    out in order of first appearance, with the `by` column first and then the
    columns of baseline_latest(). The key column is not converted.
    """
    return _baseline_latest(_series_arrays(series, by, as_str=False), baseline_year, latest_year, break_year)


def _baseline_latest(
    data: _Series, baseline_year: int | pd.Series, latest_year: int | None, break_year: int | pd.Series | None
) -> pd.DataFrame:
    groups = data.groups
    first = _per_group(baseline_year, groups, "baseline_year")
    last = np.full(len(groups), np.nan if latest_year is None else float(latest_year))
    if np.any(last < first):
        raise ValueError("latest_year must not be before baseline_year")
    breaks = _per_group(break_year, groups, "break_year")
    columns = _change_columns(data.codes, len(groups), data.years, data.values, first, last, breaks)
    return pd.DataFrame({str(groups.name): groups, **columns})


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
    return _baseline_latest(_series_arrays(series, "unit_code", as_str=True), baseline_year, latest_year, break_year)


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
    abs_change always decides the direction of movement, so a zero abs_change
    is flat whatever rel_change says (the two only disagree when a caller
    passes inconsistent figures).
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
    if not moved or abs_change == 0:
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
    abs_change, rel_change = out["abs_change"].to_numpy(float).tolist(), out["rel_change"].to_numpy(float).tolist()
    out["trend"] = [trend_class(a, r, direction, unit) for a, r in zip(abs_change, rel_change, strict=True)]
    return out


__all__ = ["assess_change", "baseline_latest", "baseline_latest_by", "trend_class"]
