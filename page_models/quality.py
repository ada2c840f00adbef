"""Chất lượng dữ liệu: coverage, flagged values, district sums vs province figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.quality import compare_province_sums, coverage_matrix, missing_summary


@dataclass
class QualityView:
    coverage: pd.DataFrame  # unit × year share of reported indicators present
    missing: pd.DataFrame
    flagged: pd.DataFrame
    sums: pd.DataFrame


def build_quality(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    flagged: pd.DataFrame,
    province_vs_districts: pd.DataFrame,
    years: range,
) -> QualityView:
    """`only_expected`: an indicator counts for a level (province or districts) only if
    someone at that level reported it, so province-only figures are no false gaps."""
    year_list = list(years)
    return QualityView(
        coverage=coverage_matrix(coverage, units, catalogue, year_list, only_expected=True),
        missing=missing_summary(coverage, units, catalogue, year_list, only_expected=True),
        flagged=flagged,
        sums=compare_province_sums(province_vs_districts),
    )
