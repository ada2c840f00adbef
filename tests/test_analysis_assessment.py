"""Tests for analysis.assessment: results and weaknesses of the province."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis.assessment import (
    EXCEEDED_BONUS,
    MISSED_OFFSET,
    assess_indicators,
    sort_assessment,
    standing_of,
)
from store import fetch_df, open_reader

PROV = "P"
DISTRICTS = {"D1": "Huyện Một", "D2": "Huyện Hai", "D3": "Huyện Ba"}
NO_TARGETS = pd.DataFrame(
    columns=["indicator_code", "unit_code", "year", "comparator", "value", "scope", "source", "note"]
)


def indicator(code: str, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "code": code,
        "name_vi": f"Chỉ tiêu {code}",
        "group_code": "g1",
        "group_name": "Nhóm 1",
        "group_order": 1,
        "unit": "%",
        "kind": "rate",
        "direction": "up",
        # Calendar years by default, so a deadline is judged on its own year; the school-year
        # reading ("đến năm 2020" = 2019-2020) has tests of its own below.
        "period_type": "calendar_year",
        "break_year": None,
    }
    row.update(fields)
    return row


def catalogue(*rows: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    return frame.astype({"break_year": "Int64"})


def values(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """rows of (unit_code, indicator_code, year, value) -> a values_for_indicators frame."""
    order = {PROV: 0, **{c: i + 1 for i, c in enumerate(DISTRICTS)}}
    out = [
        {
            "unit_code": unit,
            "unit_name": "Tỉnh" if unit == PROV else DISTRICTS[unit],
            "unit_kind": "province" if unit == PROV else "district",
            "parent_code": None if unit == PROV else PROV,
            "unit_order": order[unit],
            "indicator_code": code,
            "year": year,
            "value": value,
            "origin": "reported",
            "n_units": None,
            "n_expected": None,
        }
        for unit, code, year, value in rows
    ]
    return pd.DataFrame(out)


def targets(*rows: tuple[str, str | None, int | None, str, float]) -> pd.DataFrame:
    """rows of (indicator_code, unit_code, year, comparator, value)."""
    frame = pd.DataFrame(
        [
            {"indicator_code": i, "unit_code": u, "year": y, "comparator": c, "value": v, "scope": "national"}
            | {"source": "NQ 29", "note": None}
            for i, u, y, c, v in rows
        ],
        columns=NO_TARGETS.columns,
    )
    return frame.astype({"year": "Int64"})


def row(frame: pd.DataFrame, code: str, version: int | None = None) -> pd.Series:
    rows = frame[frame["indicator_code"] == code]
    if version is not None:
        rows = rows[rows["version"] == version]
    assert len(rows) == 1
    return rows.iloc[0]


def assess(vals: pd.DataFrame, cat: pd.DataFrame, tgt: pd.DataFrame = NO_TARGETS) -> pd.DataFrame:
    return assess_indicators(vals, cat, tgt, PROV, 2013, 2023)


# --- one indicator -------------------------------------------------------------


def test_province_improving_past_its_target_is_an_exceeded_result() -> None:
    # 50 -> 70: +20 points, improving; 70 >= 65 -> exceeded; score = 20 + bonus 5 = 25.
    vals = values([(PROV, "a", 2013, 50.0), (PROV, "a", 2018, 60.0), (PROV, "a", 2023, 70.0)])
    r = row(assess(vals, catalogue(indicator("a")), targets(("a", None, None, ">=", 65.0))), "a")
    assert (r["base_year"], r["base_value"], r["latest_year"], r["latest_value"]) == (2013, 50.0, 2023, 70.0)
    assert r["abs_change"] == pytest.approx(20.0) and r["rel_change"] == pytest.approx(0.4)
    assert (r["trend"], r["verdict"], r["standing"]) == ("improving", "exceeded", "result")
    assert (r["target_value"], r["target_comparator"], r["target_source"]) == (65.0, ">=", "NQ 29")
    assert pd.isna(r["target_year"]) and bool(r["target_due"])
    assert r["score"] == pytest.approx(20.0 + EXCEEDED_BONUS)


def test_rising_dropout_is_a_weakness() -> None:
    # "down" rate 0.9 -> 1.4: +0.5 points (>= 0.2 and +56 % of the base) -> worsening;
    # score = worsening magnitude 0.5 points, no target.
    vals = values([(PROV, "bohoc", 2013, 0.9), (PROV, "bohoc", 2023, 1.4)])
    r = row(assess(vals, catalogue(indicator("bohoc", direction="down"))), "bohoc")
    assert (r["trend"], r["standing"]) == ("worsening", "weakness")
    assert r["verdict"] is None and pd.isna(r["target_value"])
    assert r["score"] == pytest.approx(0.5)


def test_baseline_falls_back_to_the_first_year_with_data() -> None:
    # No value before 2015: the change runs 2015 -> 2022 (the latest present year).
    vals = values([(PROV, "a", 2015, 40.0), (PROV, "a", 2022, 45.0)])
    r = row(assess(vals, catalogue(indicator("a"))), "a")
    assert (r["base_year"], r["latest_year"], r["abs_change"]) == (2015, 2022, 5.0)


def test_lagging_districts_on_an_up_rate() -> None:
    # Province 70 in 2023. D1 62 is 8 points below (> 5) -> lagging;
    # D2 67 is 3 below -> not; D3 75 is better -> not.
    vals = values(
        [
            (PROV, "a", 2013, 60.0),
            (PROV, "a", 2023, 70.0),
            ("D1", "a", 2023, 62.0),
            ("D2", "a", 2023, 67.0),
            ("D3", "a", 2023, 75.0),
        ]
    )
    r = row(assess(vals, catalogue(indicator("a"))), "a")
    assert r["lagging"] == ["Huyện Một"] and r["n_lagging"] == 1


def test_lagging_on_a_down_rate_is_above_the_province_worst_first() -> None:
    # Province dropout 2.0. D1 8.0 (+6 points) and D3 7.5 (+5.5) lag, worst first;
    # D2 6.0 (+4) does not; exactly +5 would not either ("more than").
    vals = values([(PROV, "b", 2023, 2.0), ("D1", "b", 2023, 8.0), ("D2", "b", 2023, 6.0), ("D3", "b", 2023, 7.5)])
    r = row(assess(vals, catalogue(indicator("b", direction="down"))), "b")
    assert r["lagging"] == ["Huyện Một", "Huyện Ba"]


def test_lagging_on_a_ratio_is_relative() -> None:
    # Pupils per teacher ("down"), province 20: D1 23 is 15 % worse (> 10 %) -> lagging,
    # D2 21.5 is 7.5 % worse -> not, D3 has no 2023 value -> not listed.
    vals = values([(PROV, "r", 2023, 20.0), ("D1", "r", 2023, 23.0), ("D2", "r", 2023, 21.5), ("D3", "r", 2022, 40.0)])
    r = row(assess(vals, catalogue(indicator("r", unit="học sinh/giáo viên", kind="ratio", direction="down"))), "r")
    assert r["lagging"] == ["Huyện Một"]


def test_neutral_indicators_and_counts_never_lag() -> None:
    # D1 is far below the province on both, but a neutral rate has no worse side
    # and a district count is a part of the province total.
    vals = values([(PROV, "n", 2023, 70.0), ("D1", "n", 2023, 10.0), (PROV, "c", 2023, 900.0), ("D1", "c", 2023, 90.0)])
    cat = catalogue(indicator("n", direction="neutral"), indicator("c", unit="trường", kind="count"))
    out = assess(vals, cat)
    assert row(out, "n")["lagging"] == [] and row(out, "c")["lagging"] == []
    assert row(out, "n")["standing"] == "neutral"


def test_missed_due_target_outranks_a_worsening_trend() -> None:
    # "m": 50 -> 70 improving, but the 2020 target >= 80 was missed in 2020 (66) by 14 points:
    #      weakness, score = 1000 + 14. "w": 60 -> 58, -2 points, worsening: score 2.
    vals = values([(PROV, "m", 2013, 50.0), (PROV, "m", 2020, 66.0), (PROV, "m", 2023, 70.0)])
    vals = pd.concat([vals, values([(PROV, "w", 2013, 60.0), (PROV, "w", 2023, 58.0)])], ignore_index=True)
    out = assess(vals, catalogue(indicator("m"), indicator("w")), targets(("m", PROV, 2020, ">=", 80.0)))
    m, w = row(out, "m"), row(out, "w")
    assert (m["verdict"], m["verdict_year"], bool(m["target_due"])) == ("not_met", 2020, True)
    assert m["standing"] == "weakness"
    assert m["score"] == pytest.approx(MISSED_OFFSET + 14.0)
    assert (w["standing"], w["score"]) == ("weakness", pytest.approx(2.0))
    assert list(sort_assessment(out)["indicator_code"]) == ["m", "w"]


def test_not_met_against_a_later_deadline_is_not_yet_a_weakness() -> None:
    # 2023 value 82 vs a 2025 target >= 85: verdict not_met, but not due; improving -> result.
    vals = values([(PROV, "a", 2013, 52.0), (PROV, "a", 2023, 82.0)])
    r = row(assess(vals, catalogue(indicator("a")), targets(("a", PROV, 2025, ">=", 85.0))), "a")
    assert (r["verdict"], bool(r["target_due"]), r["standing"]) == ("not_met", False, "result")
    assert r["target_year"] == 2025


def test_past_deadline_is_judged_on_the_value_at_the_deadline() -> None:
    # 2020 target >= 60. "met20": 61 in 2020 -> exceeded, although 2023 (58) is below it.
    # "late20": 55 in 2020 -> missed at the deadline, 65 in 2023 -> met late, reached 2023 (a result).
    # "miss20": 55 in 2020, 58 in 2023 -> never met: not_met (due, a weakness, gap 5 points in 2020).
    # All are judged in 2020, while latest_year stays 2023.
    vals = values([(PROV, "met20", 2013, 50.0), (PROV, "met20", 2020, 61.0), (PROV, "met20", 2023, 58.0)])
    more = [(PROV, "late20", 2013, 50.0), (PROV, "late20", 2020, 55.0), (PROV, "late20", 2023, 65.0)]
    more += [(PROV, "miss20", 2013, 50.0), (PROV, "miss20", 2020, 55.0), (PROV, "miss20", 2023, 58.0)]
    vals = pd.concat([vals, values(more)], ignore_index=True)
    tgt = targets(*((c, PROV, 2020, ">=", 60.0) for c in ("met20", "late20", "miss20")))
    out = assess(vals, catalogue(indicator("met20"), indicator("late20"), indicator("miss20")), tgt)
    met, late, miss = row(out, "met20"), row(out, "late20"), row(out, "miss20")
    assert (met["verdict"], met["verdict_year"], met["target_year"]) == ("exceeded", 2020, 2020)
    assert (met["latest_year"], met["latest_value"]) == (2023, 58.0)  # the latest value stays on show
    assert (met["trend"], met["standing"]) == ("improving", "result")  # +8 points, target met in time
    assert (late["verdict"], late["verdict_year"], late["reached_year"], late["standing"]) == (
        "met_late",
        2020,
        2023,
        "result",
    )
    assert (miss["verdict"], miss["verdict_year"], bool(miss["target_due"])) == ("not_met", 2020, True)
    assert miss["standing"] == "weakness" and miss["score"] == pytest.approx(MISSED_OFFSET + 5.0)


def test_past_deadline_without_a_value_that_year_has_no_verdict() -> None:
    # Nothing reported for 2020: no verdict (the 2023 value 85 is not used in its place);
    # the standing then rests on the trend alone (+35 points, improving -> result).
    vals = values([(PROV, "a", 2013, 50.0), (PROV, "a", 2019, 70.0), (PROV, "a", 2023, 85.0)])
    r = row(assess(vals, catalogue(indicator("a")), targets(("a", PROV, 2020, ">=", 80.0))), "a")
    assert r["verdict"] is None and r["verdict_year"] == 2020 and bool(r["target_due"])
    assert (r["target_value"], r["standing"]) == (80.0, "result")


def test_every_year_and_future_targets_are_judged_on_the_latest_value() -> None:
    # "e": every-year floor >= 60, 2020 value 55 is irrelevant, 2023 value 62 -> exceeded in 2023.
    # "f": 2025 deadline >= 70, judged on 2023 (65): not_met, not yet due.
    # "x": 2023 deadline in the latest year itself -> 2023 value 72 >= 70, exceeded.
    rows = [(PROV, c, y, v) for c in ("e", "f", "x") for y, v in ((2013, 50.0), (2020, 55.0))]
    rows += [(PROV, "e", 2023, 62.0), (PROV, "f", 2023, 65.0), (PROV, "x", 2023, 72.0)]
    tgt = targets(("e", None, None, ">=", 60.0), ("f", PROV, 2025, ">=", 70.0), ("x", PROV, 2023, ">=", 70.0))
    out = assess(values(rows), catalogue(indicator("e"), indicator("f"), indicator("x")), tgt)
    e, f, x = row(out, "e"), row(out, "f"), row(out, "x")
    assert (e["verdict"], e["verdict_year"]) == ("exceeded", 2023)
    assert (f["verdict"], f["verdict_year"], bool(f["target_due"])) == ("not_met", 2023, False)
    assert (x["verdict"], x["verdict_year"], bool(x["target_due"])) == ("exceeded", 2023, True)
    assert str(out["verdict_year"].dtype) == "Int64"


def test_no_target_has_no_verdict_year() -> None:
    vals = values([(PROV, "a", 2013, 50.0), (PROV, "a", 2023, 60.0)])
    r = row(assess(vals, catalogue(indicator("a"))), "a")
    assert r["verdict"] is None and pd.isna(r["verdict_year"])


def test_every_year_floor_beats_a_later_deadline() -> None:
    # Budget share 20.6 in 2023: the every-year floor >= 20 binds 2023 and wins over the
    # 2025 province target >= 22 -> exceeded. A target for another unit is ignored.
    tgt = targets(("s", None, None, ">=", 20.0), ("s", PROV, 2025, ">=", 22.0), ("s", "D1", 2023, ">=", 30.0))
    vals = values([(PROV, "s", 2013, 20.0), (PROV, "s", 2023, 20.6)])
    r = row(assess(vals, catalogue(indicator("s")), tgt), "s")
    assert (r["target_value"], r["verdict"]) == (20.0, "exceeded")
    assert [t["value"] for t in r["targets_judged"]] == [22.0]  # the 2025 target is kept beside it


def test_a_definition_break_splits_the_indicator_into_versions() -> None:
    # Break 2018: 90 (2013) -> 85 (2017) under the old rules; 60 (2018) -> 70 (2023) under the new.
    # No change spans the break: version 0 falls 5 points (worsening), version 1 gains 10 (improving).
    vals = values([(PROV, "k", 2013, 90.0), (PROV, "k", 2017, 85.0), (PROV, "k", 2018, 60.0), (PROV, "k", 2023, 70.0)])
    cat = catalogue(indicator("k", break_year=2018, version_labels="quy định cũ|quy định mới"))
    out = assess(vals, cat)
    old, new = row(out, "k", 0), row(out, "k", 1)
    assert (old["base_year"], old["latest_year"], old["abs_change"], old["trend"]) == (2013, 2017, -5.0, "worsening")
    assert (new["base_year"], new["latest_year"], new["abs_change"], new["trend"]) == (2018, 2023, 10.0, "improving")
    assert (old["version_label"], new["version_label"], new["break_year"]) == ("quy định cũ", "quy định mới", 2018)
    assert (old["standing"], new["standing"], int(new["n_versions"])) == ("weakness", "result", 2)
    assert new["score"] == pytest.approx(10.0)


def test_a_target_is_judged_in_the_version_that_holds_its_deadline() -> None:
    # Teachers qualified, school years, standard raised from 2020. "100% by 2020" (Chiến lược
    # 2011–2020) names school year 2019-2020 = stored 2019, the old standard's last year: 98 < 100,
    # not met. It is not the new standard's target: the new version (2020: 70 -> 2023: 82) gets the
    # 2030 roadmap target (not due) and is an improving result.
    vals = values(
        [(PROV, "gv", 2013, 95.0), (PROV, "gv", 2019, 98.0), (PROV, "gv", 2020, 70.0), (PROV, "gv", 2023, 82.0)]
    )
    cat = catalogue(indicator("gv", break_year=2020, period_type="school_year"))
    tgt = targets(("gv", None, 2020, ">=", 100.0), ("gv", None, 2030, ">=", 100.0))
    out = assess(vals, cat, tgt)
    old, new = row(out, "gv", 0), row(out, "gv", 1)
    assert (old["target_year"], old["verdict_year"], old["verdict"], bool(old["target_due"])) == (
        2020,
        2019,
        "not_met",
        True,
    )
    assert old["standing"] == "weakness" and old["verdict_value"] == 98.0
    assert (new["target_year"], new["verdict"], bool(new["target_due"]), new["standing"]) == (
        2030,
        "not_met",
        False,
        "result",
    )
    assert old["targets_judged"] == [] and new["targets_judged"] == []  # each target in its own version only


def test_a_target_issued_after_the_rounds_date_never_decides() -> None:
    # A 2030 target issued 31/12/2024 is a reference in a round dated 28/4/2023: no verdict; the
    # row keeps it in reference_targets. Without a round date it decides (exceeded: 72 >= 70).
    vals = values([(PROV, "c", 2013, 40.0), (PROV, "c", 2022, 72.0)])
    tgt = targets(("c", None, 2030, ">=", 70.0)).assign(issued_on=pd.Timestamp("2024-12-31"))
    r = row(assess_indicators(vals, catalogue(indicator("c")), tgt, PROV, 2013, 2022, as_of=date(2023, 4, 28)), "c")
    assert pd.isna(r["target_value"]) and r["verdict"] is None and len(r["reference_targets"]) == 1
    assert row(assess_indicators(vals, catalogue(indicator("c")), tgt, PROV, 2013, 2022), "c")["verdict"] == "exceeded"


def test_a_target_met_late_is_a_result_with_the_year_reached() -> None:
    # Universal preschool for 5-year-olds by 2015 (school years: judged on 2014-2015 = stored 2014):
    # chưa đạt (0) in 2014, đạt (1) from 2016 -> met late, reached 2016; improving -> a result.
    vals = values([(PROV, "pc", y, 0.0 if y < 2016 else 1.0) for y in range(2013, 2023)])
    cat = catalogue(indicator("pc", unit="đạt/chưa đạt", kind="status", period_type="school_year"))
    r = row(assess_indicators(vals, cat, targets(("pc", None, 2015, ">=", 1.0)), PROV, 2013, 2022), "pc")
    assert (r["verdict"], r["verdict_year"], r["reached_year"], r["standing"]) == ("met_late", 2014, 2016, "result")


def test_the_latest_deadline_that_fell_due_decides() -> None:
    # Targets 2020 (>= 60, due: 2020 value 58 -> missed) and 2025 (>= 70, ahead): a ten-year review
    # judges what fell due, so the 2020 target is the row's; the 2025 one is kept beside it.
    vals = values([(PROV, "t", 2013, 40.0), (PROV, "t", 2020, 58.0), (PROV, "t", 2022, 66.0)])
    r = row(
        assess(vals, catalogue(indicator("t")), targets(("t", None, 2020, ">=", 60.0), ("t", None, 2025, ">=", 70.0))),
        "t",
    )
    assert (r["target_year"], r["verdict"], r["reached_year"]) == (2020, "met_late", 2022)
    assert [(t["year"], t["verdict"], t["due"]) for t in r["targets_judged"]] == [(2025, "not_met", False)]


def test_a_norm_met_is_neutral_and_a_norm_breached_is_a_weakness() -> None:
    # Pupils per class (neutral) against "không quá 35": 33 -> within the norm, neutral; 37 -> a weakness.
    rows = [(PROV, "a", 2013, 31.0), (PROV, "a", 2022, 33.0), (PROV, "b", 2013, 34.0), (PROV, "b", 2022, 37.0)]
    cat = catalogue(*(indicator(c, unit="học sinh/lớp", kind="ratio", direction="neutral") for c in ("a", "b")))
    tgt = targets(("a", None, None, "<=", 35.0), ("b", None, None, "<=", 35.0)).assign(scope="norm")
    out = assess(values(rows), cat, tgt)
    assert (row(out, "a")["verdict"], row(out, "a")["standing"]) == ("exceeded", "neutral")
    assert (row(out, "b")["verdict"], row(out, "b")["standing"]) == ("not_met", "weakness")


def test_rows_follow_the_catalogue_and_unknown_codes_raise() -> None:
    vals = values([(PROV, "b", 2023, 1.0), (PROV, "a", 2023, 2.0), ("D1", "z", 2023, 3.0)])
    out = assess(vals, catalogue(indicator("a"), indicator("b"), indicator("z")))
    assert list(out["indicator_code"]) == ["a", "b"]  # "z" has no province value
    with pytest.raises(ValueError, match="catalogue"):
        assess(vals, catalogue(indicator("a")))


@pytest.mark.parametrize(
    ("trend", "verdict", "due", "expected"),
    [
        ("improving", None, False, "result"),
        ("flat", "met", True, "result"),
        ("flat", "exceeded", False, "result"),
        ("worsening", "exceeded", True, "result"),  # a met target is never a weakness (issue 16)
        ("worsening", "met", False, "result"),  # met before its deadline
        ("worsening", None, False, "weakness"),
        ("improving", "not_met", True, "weakness"),  # a missed target wins over improvement
        ("improving", "not_met", False, "result"),  # deadline still ahead
        ("flat", "not_met", False, "neutral"),
        ("rising", None, False, "neutral"),
        ("unknown", None, False, "neutral"),
    ],
)
def test_standing_rules(trend: str, verdict: str | None, due: bool, expected: str) -> None:
    assert standing_of(trend, verdict, due) == expected


def test_sorting_results_then_weaknesses_then_neutral() -> None:
    frame = pd.DataFrame(
        {
            "indicator_code": ["n2", "r1", "w1", "n1", "r2", "w2"],
            "standing": ["neutral", "result", "weakness", "neutral", "result", "weakness"],
            "score": [0.0, 5.0, 2.0, 0.0, 9.0, 1010.0],
            "group_order": [2, 1, 1, 1, 3, 2],
        }
    )
    assert list(sort_assessment(frame)["indicator_code"]) == ["r2", "r1", "w2", "w1", "n1", "n2"]


# --- the demo province ------------------------------------------------------------


def test_demo_stories_are_found(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        cat = fetch_df(con, "catalogue")
        params = {"indicator_codes": cat["code"].to_list(), "first_year": 2013, "last_year": 2022}
        vals = fetch_df(con, "values_for_indicators", params)
        tgt = fetch_df(con, "targets")
    finally:
        con.close()
    out = assess_indicators(vals, cat, tgt, "99", 2013, 2022, as_of=date(2023, 4, 28))
    dropout, budget = row(out, "thcs_tl_bohoc"), row(out, "ns_tl_chi_gd")
    cqg = row(out, "th_tl_cqg", 1)  # the 2018 rules' version
    assert (dropout["trend"], dropout["standing"], dropout["latest_year"]) == ("worsening", "weakness", 2021)
    assert (cqg["trend"], cqg["standing"], cqg["base_year"]) == ("improving", "result", 2018) and cqg["abs_change"] > 15
    assert "Huyện Mường Khoa" in cqg["lagging"]
    # The budget's last settled year on 28/4/2023 is 2021: 19,2% < the 20% floor.
    assert (budget["latest_year"], budget["latest_value"]) == (2021, pytest.approx(19.2))
    assert (budget["target_value"], budget["verdict"], budget["standing"]) == (20.0, "not_met", "weakness")
    assert "thcs_tl_bohoc" in set(sort_assessment(out).query("standing == 'weakness'")["indicator_code"])
