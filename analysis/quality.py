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
"""

from __future__ import annotations

from collections.abc import Sequence

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


def _expected(
    coverage: pd.DataFrame, units: pd.DataFrame, codes: pd.Series, years: Sequence[int], only_expected: bool
) -> dict[bool, list[str]]:
    """Indicator codes counted for the province tier (False) and the district tier (True)."""
    if not only_expected:
        return {False: list(codes), True: list(codes)}
    child = units.assign(code=units["code"].astype(str)).set_index("code")["parent_code"].notna()
    rows = coverage[coverage["indicator_code"].isin(codes) & coverage["year"].isin(list(years))]
    tier = rows["unit_code"].astype(str).map(child)
    return {t: [c for c in codes if c in set(rows.loc[tier == t, "indicator_code"])] for t in (False, True)}


def _present(coverage: pd.DataFrame, codes: pd.Series) -> set[tuple[str, str, int]]:
    rows = coverage[coverage["indicator_code"].isin(codes)]
    return set(zip(rows["unit_code"].astype(str), rows["indicator_code"], rows["year"].astype(int), strict=True))


def coverage_matrix(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    years: Sequence[int],
    only_expected: bool = False,
) -> pd.DataFrame:
    """Share (0..1) of the reported indicators each unit has a value for, per year.

    Index = unit name (province first, then districts in sort_order), columns
    = years. NaN where the unit did not exist that year, or when no indicator
    is counted. Without only_expected the province row is low by nature: it
    reports only a few figures itself, its education values are aggregated
    from the districts.
    """
    codes = _reported(catalogue)["code"]
    counted = _expected(coverage, units, codes, years, only_expected)
    present = _present(coverage, codes)
    shown = _display_units(units)
    data = []
    for _, unit in shown.iterrows():
        wanted = counted[bool(unit["_child"])]
        data.append(
            [
                sum((unit["code"], c, year) in present for c in wanted) / len(wanted)
                if wanted and _exists(unit, year)
                else np.nan
                for year in years
            ]
        )
    index = pd.Index(shown["name"].to_list(), name="unit_name")
    return pd.DataFrame(data, index=index, columns=pd.Index(list(years), name="year"), dtype=float)


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
    wanted = set(
        _expected(coverage, units, reported["code"], years, only_expected)[bool(pd.notna(unit["parent_code"]))]
    )
    reported = reported[reported["code"].isin(wanted)]
    present = _present(coverage[coverage["unit_code"].astype(str) == unit_code], reported["code"])
    data = [
        [(unit_code, code, year) in present if _exists(unit, year) else pd.NA for year in years]
        for code in reported["code"]
    ]
    index = pd.Index(reported["name_vi"].to_list(), name="name_vi")
    return pd.DataFrame(data, index=index, columns=pd.Index(list(years), name="year"), dtype="boolean")


def missing_summary(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    years: Sequence[int],
    only_expected: bool = False,
) -> pd.DataFrame:
    """Per (district, reported indicator): how many years lack a value.

    Only years in which the district existed count. Columns unit_code,
    unit_name, indicator_code, name_vi, n_missing, missing_years (list of
    ints). Only rows with n_missing >= 1, most missing first, then unit and
    catalogue order.
    """
    reported = _reported(catalogue)
    wanted = set(_expected(coverage, units, reported["code"], years, only_expected)[True])
    reported = reported[reported["code"].isin(wanted)]
    present = _present(coverage, reported["code"])
    districts = _display_units(units)
    rows = []
    for _, unit in districts[districts["_child"]].iterrows():
        alive = [y for y in years if _exists(unit, y)]
        for _, ind in reported.iterrows():
            gaps = [y for y in alive if (unit["code"], ind["code"], y) not in present]
            if gaps:
                rows.append((unit["code"], unit["name"], ind["code"], ind["name_vi"], len(gaps), gaps))
    columns = ["unit_code", "unit_name", "indicator_code", "name_vi", "n_missing", "missing_years"]
    out = pd.DataFrame(rows, columns=columns).astype({"n_missing": "int64"})
    return out.sort_values("n_missing", ascending=False, kind="stable").reset_index(drop=True)


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
