"""Đánh giá kết quả – hạn chế, and the overview's headline cards (same assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.assessment import assess_indicators, sort_assessment
from analysis.headlines import HEADLINE_INDICATORS
from page_models.common import cell_states, usable_only
from vocab.display import format_cell, year_label

RANKABLE_KINDS = ("rate", "ratio")


@dataclass
class AssessmentView:
    table: pd.DataFrame  # sorted: results, weaknesses, neutral
    headlines: pd.DataFrame  # the key indicators (their latest definition version), in HEADLINE_INDICATORS order


def build_assessment(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    province_code: str,
    first_year: int,
    last_year: int,
    group_code: str | None = None,
    *,
    as_of: date | None = None,
    deadline_rule: str = "ending",
) -> AssessmentView:
    """The assessment rests on usable province figures only (complete, no unaccepted flagged value);
    `latest_note` says when the province's latest figure of an indicator was left out, and why."""
    frame = assess_indicators(
        usable_only(values),
        catalogue,
        targets,
        province_code,
        first_year,
        last_year,
        as_of=as_of,
        deadline_rule=deadline_rule,
    )
    frame = frame.assign(
        link=[
            f"./xu-huong?nhom={g}&chi_tieu={c}"
            for g, c in zip(frame["group_code"], frame["indicator_code"], strict=True)
        ],
        latest_note=_latest_notes(frame, values, province_code, first_year, last_year),
    )
    last_versions = frame.drop_duplicates("indicator_code", keep="last")
    headlines = (
        last_versions.set_index("indicator_code")
        .reindex([c for c in HEADLINE_INDICATORS if c in set(frame["indicator_code"])])
        .reset_index()
    )
    shown = frame if group_code is None else frame[frame["group_code"] == group_code]
    return AssessmentView(
        table=_rates_before_counts(sort_assessment(shown)),
        headlines=headlines,
    )


def _latest_notes(frame: pd.DataFrame, values: pd.DataFrame, province: str, first: int, last: int) -> list[str]:
    """Per row: "năm học 2022-2023: chưa đủ số liệu (9/10 huyện)" when the province's last figure in the
    period was left out of the assessment (partial, or flagged and not accepted); "" otherwise."""
    own = values[(values["unit_code"].astype(str) == province) & values["year"].between(first, last)]
    own = own[own["value"].notna()]
    latest = own.sort_values("year").drop_duplicates("indicator_code", keep="last")
    latest = latest.assign(state=cell_states(latest).to_numpy())
    notes = {}
    for row in latest.to_dict("records"):
        if row["state"]:
            notes[row["indicator_code"]] = (row["year"], row["state"], row["value"])
    out = []
    for code, latest_year, unit, period in zip(
        frame["indicator_code"], frame["latest_year"], frame["unit"], frame["period_type"], strict=True
    ):
        found = notes.get(code)
        if found is None or (not pd.isna(latest_year) and int(latest_year) >= int(found[0])):
            out.append("")
            continue
        word = "năm học" if period == "school_year" else "năm"
        out.append(f"{word} {year_label(int(found[0]), period)}: {format_cell(found[2], unit, found[1])}")
    return out


def _rates_before_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Within results and weaknesses, rates, ratios and levels lead: a count's relative
    growth (19 → 35 schools) is no stronger a result than a rate's gain in points."""
    order = {"result": 0, "weakness": 1, "neutral": 2}
    keys = pd.DataFrame(
        {
            "standing": frame["standing"].map(order),
            "counts_last": ~frame["kind"].isin((*RANKABLE_KINDS, "level", "status")),
        },
        index=frame.index,
    )
    return frame.loc[keys.sort_values(["standing", "counts_last"], kind="stable").index].reset_index(drop=True)
