"""The home page's table: key indicators, baseline vs latest, for one unit."""

from __future__ import annotations

import pandas as pd

from analysis.change import assess_change
from analysis.targets import trend_label_vi

# Key indicators shown first (codes of the public catalogue).
HEADLINE_INDICATORS = (
    "mn_tl_huydong_nt",
    "mn_tl_cqg",
    "th_tl_cqg",
    "thcs_tl_cqg",
    "thpt_tl_cqg",
    "th_tl_phong_kc",
    "th_tl_gv_datchuan",
    "th_hs_gv",
    "thcs_tl_bohoc",
    "thpt_tl_totnghiep",
    "ns_tl_chi_gd",
    "ld_tl_quadaotao",
)


def headline_table(values: pd.DataFrame, baseline_year: int, latest_year: int) -> pd.DataFrame:
    """One row per indicator: baseline and latest value, change and trend label.

    `values` has columns indicator_code, name_vi, unit, direction, break_year,
    period_type, year, value (the `headline_values` query).
    """
    rows = []
    for code, group in values.groupby("indicator_code", sort=False):
        first = group.iloc[0]
        series = group.assign(unit_code=str(code))[["unit_code", "year", "value"]]
        break_year = None if pd.isna(first["break_year"]) else int(first["break_year"])
        change = assess_change(series, first["direction"], first["unit"], baseline_year, latest_year, break_year).iloc[
            0
        ]
        rows.append(
            {
                "indicator_code": code,
                "name_vi": first["name_vi"],
                "unit": first["unit"],
                "period_type": first["period_type"],
                "base_year": change["base_year"],
                "base_value": change["base_value"],
                "latest_year": change["latest_year"],
                "latest_value": change["latest_value"],
                "abs_change": change["abs_change"],
                "trend": trend_label_vi(change["trend"]),
                "crosses_break": bool(change["crosses_break"]),
                "break_year": break_year,
            }
        )
    return pd.DataFrame(rows).astype({"break_year": "Int64"})
