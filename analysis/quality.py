"""Data-quality views: which reported values are present, and province vs district sums.

`coverage` is the coverage query (unit_code, indicator_code, year: one row per
current reported value), `units` the units query and `catalogue` the
catalogue query. Only indicators with input == "reported" count: derived
rates are computed from reported components, so they are never "missing" on
their own. A unit outside its validity (valid_from..valid_to, inclusive) did
not exist that year, which is not a gap.

`only_expected=True` narrows "the reported indicators" to those some unit of
the same tier (the province, or the districts) has a value for in any of the
years: figures reported only by the province (budget, labour-force survey)
then do not show as a gap in every district, nor the districts' education
counts as a gap of the province. The default (False) counts every reported
indicator of the catalogue.

Coverage holds one row per unit, indicator and year, i.e. ~560,000 rows for
a national round of ~700 districts, so everything below works on integer
positions with numpy (one pass over the coverage rows), never row by row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd


def _reported(catalogue: pd.DataFrame) -> pd.DataFrame:
    return catalogue[catalogue["input"] == "reported"].reset_index(drop=True)


def _exists(unit: pd.Series, year: int) -> bool:
    start, end = unit["valid_from"], unit["valid_to"]
    return (pd.isna(start) or int(start) <= year) and (pd.isna(end) or year <= int(end))


def _display_units(units: pd.DataFrame) -> pd.DataFrame:
    """The province (no parent) first, then its districts, each in sort_order."""
    keyed = units.assign(_child=units["parent_code"].notna(), code=units["code"].astype(str))
    return keyed.sort_values(["_child", "sort_order"], kind="stable").reset_index(drop=True)


def _alive(units: pd.DataFrame, years: Sequence[int]) -> np.ndarray[Any, Any]:
    """units x years: True where the unit existed that year (valid_from..valid_to, inclusive)."""
    start = pd.to_numeric(units["valid_from"]).astype("float64").to_numpy(na_value=np.nan)[:, None]
    end = pd.to_numeric(units["valid_to"]).astype("float64").to_numpy(na_value=np.nan)[:, None]
    year = np.asarray(list(years), dtype="float64")[None, :]
    result: np.ndarray[Any, Any] = (np.isnan(start) | (start <= year)) & (np.isnan(end) | (year <= end))
    return result


def _positions(column: pd.Series, labels: pd.Index) -> np.ndarray[Any, Any]:
    """Position of each value of `column` in `labels` (-1 when absent).

    Factorises the column first, so only its distinct values are looked up:
    much cheaper than hashing every row of a large coverage frame.
    """
    codes, uniques = pd.factorize(column)
    found = labels.get_indexer(pd.Index(uniques))
    return np.where(codes >= 0, found[codes], -1)


def _distinct(keys: np.ndarray[Any, Any], space: int) -> np.ndarray[Any, Any]:
    """The distinct values of non-negative int keys below `space`, ascending (repeated rows drop out).

    A boolean grid over the key space when it is small enough (units x
    indicators x years usually is), else a sort; np.unique's hashing is far
    slower on half a million keys.
    """
    if space <= max(8 * keys.size, 1 << 20):
        seen = np.zeros(space, dtype=bool)
        seen[keys] = True
        return np.flatnonzero(seen)
    ordered = np.sort(keys)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if ordered.size else ordered


def _year_positions(years: np.ndarray[Any, Any], distinct: pd.Index) -> np.ndarray[Any, Any]:
    """Position of each year in the ascending `distinct` years (-1 when absent), by table lookup."""
    if len(distinct) == 0:
        return np.full(len(years), -1)
    if int(distinct[-1]) - int(distinct[0]) > 10_000:  # not a span of years: hash instead
        return distinct.get_indexer(pd.Index(years))
    first = int(distinct[0])
    table = np.full(int(distinct[-1]) - first + 1, -1)
    table[distinct.to_numpy() - first] = np.arange(len(distinct))
    offset = years - first
    inside = (offset >= 0) & (offset < len(table))
    return np.where(inside, table[np.where(inside, offset, 0)], -1)


class _Hits(NamedTuple):
    """Distinct (unit, indicator, year) positions present in the coverage rows."""

    unit: np.ndarray[Any, Any]  # into _Coverage.unit_codes
    indicator: np.ndarray[Any, Any]  # into the reported codes
    year: np.ndarray[Any, Any]  # into _Coverage.years


class _Coverage(NamedTuple):
    shown: pd.DataFrame  # _display_units()
    unit_codes: pd.Index  # distinct codes of `shown`
    unit_row: np.ndarray[Any, Any]  # for each shown row, its position in unit_codes
    child: np.ndarray[Any, Any]  # per unit code: is it a district (has a parent)?
    years: pd.Index  # distinct years asked for
    year_col: np.ndarray[Any, Any]  # for each requested year, its position in `years`
    hits: _Hits


def _coverage(coverage: pd.DataFrame, units: pd.DataFrame, codes: pd.Series, years: Sequence[int]) -> _Coverage:
    """The coverage rows of the reported `codes` as positions, restricted to known units and `years`."""
    shown = _display_units(units)
    unit_codes = pd.Index(shown["code"]).unique()
    unit_row = unit_codes.get_indexer(shown["code"])
    child = shown.drop_duplicates("code")["_child"].to_numpy(dtype=bool)  # aligned with unit_codes
    year_list = [int(y) for y in years]
    distinct_years = pd.Index(sorted(set(year_list)), dtype="int64")
    unit = _positions(coverage["unit_code"].astype(str), unit_codes)
    indicator = _positions(coverage["indicator_code"], pd.Index(codes))
    year = _year_positions(coverage["year"].to_numpy().astype("int64"), distinct_years)
    keep = (unit >= 0) & (indicator >= 0) & (year >= 0)
    unit, indicator, year = unit[keep], indicator[keep], year[keep]
    n_ind, n_year = max(len(codes), 1), max(len(distinct_years), 1)
    key = _distinct((unit.astype("int64") * n_ind + indicator) * n_year + year, len(unit_codes) * n_ind * n_year)
    hits = _Hits(key // (n_ind * n_year), key // n_year % n_ind, key % n_year)
    year_col = distinct_years.get_indexer(pd.Index(year_list, dtype="int64"))
    return _Coverage(shown, unit_codes, unit_row, child, distinct_years, year_col, hits)


def _expected(cov: _Coverage, n_codes: int, only_expected: bool) -> np.ndarray[Any, Any]:
    """2 x n_codes: the indicators counted for the province tier (row 0) and the district tier (row 1)."""
    if not only_expected:
        return np.ones((2, n_codes), dtype=bool)
    wanted = np.zeros((2, n_codes), dtype=bool)
    wanted[cov.child[cov.hits.unit].astype("int64"), cov.hits.indicator] = True
    return wanted


def _known(codes: pd.Series, years: pd.Index, known_until: Mapping[str, int] | None) -> np.ndarray[Any, Any]:
    """codes x distinct years: True where the indicator's figure of the year could be known
    (``known_until``: indicator -> last such year, e.g. an outcome of school year 2022-2023 is not
    known on 28/4/2023); all True without it."""
    if known_until is None:
        return np.ones((len(codes), len(years)), dtype=bool)
    last = np.array([known_until.get(str(c), 10_000) for c in codes], dtype="int64")[:, None]
    result: np.ndarray[Any, Any] = years.to_numpy(dtype="int64")[None, :] <= last
    return result


def coverage_matrix(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    years: Sequence[int],
    only_expected: bool = False,
    known_until: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Share (0..1) of the reported indicators each unit has a value for, per year.

    Index = unit name (province first, then districts in sort_order), columns
    = years. NaN where the unit did not exist that year, or when no indicator
    is counted. Without only_expected the province row is low by nature: it
    reports only a few figures itself, its education values are aggregated
    from the districts. With ``known_until`` an indicator counts only in the
    years its figure could be known by then (_known).
    """
    codes = _reported(catalogue)["code"]
    cov = _coverage(coverage, units, codes, years)
    wanted = _expected(cov, len(codes), only_expected)
    known = _known(codes, cov.years, known_until)
    hits = cov.hits
    counted = wanted[cov.child[hits.unit].astype("int64"), hits.indicator] & known[hits.indicator, hits.year]
    n_years = len(cov.years)
    counts = np.bincount(
        hits.unit[counted] * n_years + hits.year[counted], minlength=len(cov.unit_codes) * n_years
    ).reshape(len(cov.unit_codes), n_years)
    child = cov.shown["_child"].to_numpy(dtype=bool)
    n_wanted = (wanted[:, :, None] & known[None, :, :]).sum(axis=1)[child.astype("int64")][:, cov.year_col]
    per_row = counts[cov.unit_row][:, cov.year_col].astype("float64")
    with np.errstate(all="ignore"):
        share = per_row / n_wanted
    share[(n_wanted == 0) | ~_alive(cov.shown, years)] = np.nan
    index = pd.Index(cov.shown["name"].to_list(), name="unit_name")
    return pd.DataFrame(share, index=index, columns=pd.Index(list(years), name="year"), dtype=float)


def coverage_detail(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    unit_code: str,
    years: Sequence[int],
    only_expected: bool = False,
) -> pd.DataFrame:
    """Reported indicators x years for one unit: True = value present.

    Rows = name_vi in catalogue order; nullable booleans, NA for the years
    in which the unit did not exist.
    """
    unit_code = str(unit_code)
    matches = units[units["code"].astype(str) == unit_code]
    if matches.empty:
        raise ValueError(f"unknown unit {unit_code!r}")
    unit = matches.iloc[0]
    reported = _reported(catalogue)
    if only_expected:
        cov = _coverage(coverage, units, reported["code"], years)
        tier = int(pd.notna(unit["parent_code"]))
        reported = reported[_expected(cov, len(reported), only_expected)[tier]].reset_index(drop=True)
    own = coverage[(coverage["unit_code"].astype(str) == unit_code).to_numpy(dtype=bool)]
    indicator = _positions(own["indicator_code"], pd.Index(reported["code"]))
    own_years = own["year"].astype("int64").to_numpy()
    year_list = list(years)
    present = np.zeros((len(reported), len(year_list)), dtype=bool)
    for j, year in enumerate(year_list):
        present[indicator[(indicator >= 0) & (own_years == int(year))], j] = True
    data = present.astype(object)
    data[:, [not _exists(unit, int(year)) for year in year_list]] = pd.NA
    index = pd.Index(reported["name_vi"].to_list(), name="name_vi")
    return pd.DataFrame(data, index=index, columns=pd.Index(year_list, name="year"), dtype="boolean")


def missing_summary(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    years: Sequence[int],
    only_expected: bool = False,
    known_until: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Per (district, reported indicator): how many years lack a value.

    Only years in which the district existed count. Columns unit_code,
    unit_name, indicator_code, name_vi, n_missing, missing_years (list of
    ints). Only rows with n_missing >= 1, most missing first, then unit and
    catalogue order.
    """
    columns = ["unit_code", "unit_name", "indicator_code", "name_vi", "n_missing", "missing_years"]
    reported = _reported(catalogue)
    cov = _coverage(coverage, units, reported["code"], years)
    wanted = _expected(cov, len(reported), only_expected)[1]
    hits = cov.hits
    present = np.zeros((len(cov.unit_codes), len(reported), len(cov.years)), dtype=bool)
    present[hits.unit, hits.indicator, hits.year] = True
    districts = cov.shown[cov.shown["_child"]]
    rows = cov.unit_row[cov.shown["_child"].to_numpy(dtype=bool)]
    # districts x wanted indicators x requested years (a year whose figure could not be known is no gap)
    known = _known(reported["code"], cov.years, known_until)[wanted][:, cov.year_col]
    gaps = _alive(districts, years)[:, None, :] & ~present[rows][:, wanted][:, :, cov.year_col] & known[None, :, :]
    n_missing = gaps.sum(axis=2)
    unit_at, indicator_at = np.nonzero(n_missing)  # unit order, then catalogue order
    if unit_at.size == 0:
        return pd.DataFrame([], columns=columns).astype({"n_missing": "int64"})
    counts = n_missing[unit_at, indicator_at].astype("int64")
    order = np.argsort(-counts, kind="stable")  # most missing first, ties keep unit/catalogue order
    unit_at, indicator_at, counts = unit_at[order], indicator_at[order], counts[order]
    kept = reported[wanted]
    return pd.DataFrame(
        {
            "unit_code": districts["code"].to_numpy()[unit_at].tolist(),
            "unit_name": districts["name"].to_numpy()[unit_at].tolist(),
            "indicator_code": kept["code"].to_numpy()[indicator_at].tolist(),
            "name_vi": kept["name_vi"].to_numpy()[indicator_at].tolist(),
            "n_missing": counts,
            "missing_years": _year_lists(gaps[unit_at, indicator_at], list(years)),
        },
        columns=columns,
    )


def _year_lists(flags: np.ndarray[Any, Any], years: list[Any]) -> list[list[Any]]:
    """One fresh list of years per row of a rows x years boolean array.

    Tens of thousands of rows share a few gap patterns, so each distinct
    pattern is decoded once and copied per row.
    """
    if flags.shape[1] <= 62:  # one int64 bit mask per row: cheap to sort
        keys = flags.astype("int64") @ (np.int64(1) << np.arange(flags.shape[1], dtype="int64"))
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        patterns = flags[first]
    else:
        patterns, inverse = np.unique(flags, axis=0, return_inverse=True)
    decoded = [[years[k] for k in np.flatnonzero(pattern)] for pattern in patterns]
    return [list(decoded[i]) for i in inverse.reshape(-1).tolist()]


def compare_province_sums(frame: pd.DataFrame, tolerance: float = 0.005) -> pd.DataFrame:
    """Add diff, diff_rel and consistent to the province_vs_districts rows.

    diff = province_value - district_sum; diff_rel = diff / province_value
    (the share of the province figure the districts do not account for; NaN
    when the province value is 0); consistent = |diff_rel| <= tolerance, or
    diff == 0 when diff_rel is undefined.

    This is information, not an error check: province totals of budgets
    legitimately exceed the district sum (spending at province level, e.g.
    upper-secondary schools and province-run colleges), and a district that
    did not report lowers the sum (see n_units).
    """
    province = pd.to_numeric(frame["province_value"]).astype(float)
    districts = pd.to_numeric(frame["district_sum"]).astype(float)
    diff = province - districts
    diff_rel = diff / province.where(province != 0)
    consistent = (diff_rel.abs() <= tolerance) | (diff_rel.isna() & (diff == 0))
    return frame.assign(diff=diff, diff_rel=diff_rel, consistent=consistent.astype(bool))


__all__ = ["compare_province_sums", "coverage_detail", "coverage_matrix", "missing_summary"]
