"""Đánh giá kết quả – hạn chế, and the overview's headline cards (same assessment)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.assessment import assess_indicators, sort_assessment, top_results, top_weaknesses
from analysis.headlines import HEADLINE_INDICATORS
from page_models.common import complete_only

RANKABLE_KINDS = ("rate", "ratio")  # top lists compare rates and ratios, not raw counts


@dataclass
class AssessmentView:
    table: pd.DataFrame  # sorted: results, weaknesses, neutral
    results: pd.DataFrame
    weaknesses: pd.DataFrame
    headlines: pd.DataFrame  # the key indicators, in HEADLINE_INDICATORS order


def build_assessment(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    province_code: str,
    first_year: int,
    last_year: int,
    group_code: str | None = None,
) -> AssessmentView:
    frame = assess_indicators(complete_only(values), catalogue, targets, province_code, first_year, last_year)
    frame = frame.assign(
        link=[
            f"./xu-huong?nhom={g}&chi_tieu={c}"
            for g, c in zip(frame["group_code"], frame["indicator_code"], strict=True)
        ]
    )
    rankable = frame[frame["kind"].isin(RANKABLE_KINDS)]
    headlines = (
        frame.set_index("indicator_code")
        .reindex([c for c in HEADLINE_INDICATORS if c in set(frame["indicator_code"])])
        .reset_index()
    )
    shown = frame if group_code is None else frame[frame["group_code"] == group_code]
    return AssessmentView(
        table=_rates_before_counts(sort_assessment(shown)),
        results=top_results(rankable),
        weaknesses=top_weaknesses(rankable),
        headlines=headlines,
    )


def _rates_before_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Within results and weaknesses, rates, ratios and levels lead: a count's relative
    growth (19 → 35 schools) is no stronger a result than a rate's gain in points."""
    order = {"result": 0, "weakness": 1, "neutral": 2}
    keys = pd.DataFrame(
        {"standing": frame["standing"].map(order), "counts_last": ~frame["kind"].isin((*RANKABLE_KINDS, "level"))},
        index=frame.index,
    )
    return frame.loc[keys.sort_values(["standing", "counts_last"], kind="stable").index].reset_index(drop=True)
