"""Survey summaries checked against values worked by hand: shares with their Wilson 95 %
intervals, suppression of small cells and of their complements, Likert counts for the
diverging bar, the change between rounds, options chosen, open-text search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analysis.surveys import (
    likert_distribution,
    option_counts,
    positive_shares,
    round_change,
    search_text,
    suppressed_cells,
    suppressed_table,
    wilson,
)
from etl.load.surveys.pipeline import load_survey
from store import fetch_df, open_reader
from tests.survey_exports import COMMA_OPTION, google_csv, questionnaire_with_comma_option


@pytest.fixture
def google_rows(store: Path) -> list[dict[str, Any]]:
    report = load_survey(google_csv(), "google.csv", store, questionnaire=questionnaire_with_comma_option())
    assert report.status == "loaded"
    with open_reader(store) as con:
        return fetch_df(con, "survey_answers", {"survey_code": None}).to_dict("records")


def _district(row: dict[str, Any]) -> str:
    return row["unit_code"] if isinstance(row["unit_code"], str) else ""


def _question(rows: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["question_code"] == code]


def test_wilson_interval_against_the_formula_by_hand() -> None:
    # x = 4, n = 6: p = 0.666667; z²/n = 0.640243, so the denominator is 1.640243;
    # centre = (0.666667 + z²/2n = 0.320122) / 1.640243 = 0.986789 / 1.640243 = 0.601611;
    # half = z / 1.640243 × √(p(1−p)/n + z²/4n²) = 1.194923 × √(0.037037 + 0.026677)
    #      = 1.194923 × 0.252417 = 0.301620  →  (0.299991, 0.903231).
    low, high = wilson(4, 6)
    assert low == pytest.approx(0.29999, abs=5e-4) and high == pytest.approx(0.90323, abs=5e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)


def test_share_agreeing_by_district_with_n_and_interval(google_rows: list[dict[str, Any]]) -> None:
    # "Số lượng giáo viên đủ…" in the Google export (tests/survey_exports.py, GOOGLE_ROWS), by row:
    #  1 Đồng ý, 2 Hoàn toàn đồng ý, 3 Không đồng ý, 4 Phân vân, 5 Đồng ý, 6 Đồng ý   (Hòa Phong)
    #  7 Không đồng ý, 8 Hoàn toàn không đồng ý, 9 Đồng ý, 10 Không ý kiến, 11 Đồng ý (Tân Điền)
    # 12 Đồng ý, 13 Không đồng ý (Vĩnh Khánh); 14 Đồng ý (no district).
    # "Không ý kiến" is no opinion: out of numerator and denominator. Everyone: n = 13, agreeing
    # = rows 1, 2, 5, 6, 9, 11, 12, 14 = 8. Wilson for 8/13: p = 0.615385, z²/n = 0.295497,
    # centre = (0.615385 + 0.147748) / 1.295497 = 0.589066, half = 1.512905 × √(0.018207 + 0.005683)
    # = 1.512905 × 0.154564 = 0.233839 → (0.355227, 0.822905).
    # Hòa Phong: 4 of 6 (rows 1, 2, 5, 6): the interval of the test above. Tân Điền n = 4,
    # Vĩnh Khánh n = 2, no district n = 1: each below 5, hidden; together 7 ≥ 5, so no more.
    shares = {s.key: s for s in positive_shares(_question(google_rows, "doi_ngu"), _district)}
    everyone = positive_shares(_question(google_rows, "doi_ngu"), lambda r: "")[0]
    assert (everyone.n, everyone.positive) == (13, 8)
    assert everyone.low == pytest.approx(0.35523, abs=5e-4) and everyone.high == pytest.approx(0.82291, abs=5e-4)
    hoa_phong = shares["993"]
    assert (hoa_phong.n, hoa_phong.positive, hoa_phong.suppressed) == (6, 4, False)
    assert hoa_phong.share == pytest.approx(4 / 6) and hoa_phong.low == pytest.approx(0.29999, abs=5e-4)
    assert all(shares[k].suppressed and shares[k].share is None for k in ("994", "995", ""))


def test_one_small_cell_takes_the_smallest_other_with_it() -> None:
    # A 12, B 9, C 3: C is below 5; alone, total − A − B would give it, so B (the smallest
    # shown) is hidden too; total − A = 12 = B + C cannot be split.
    assert suppressed_cells({"A": 12, "B": 9, "C": 3}) == {"B", "C"}
    # A 20, B 2, C 2: B and C together hold 4 < 5 (total − A gives that 4), so A goes as well.
    assert suppressed_cells({"A": 20, "B": 2, "C": 2}) == {"A", "B", "C"}
    # Two small cells holding 3 + 4 = 7 ≥ 5 need no complement; empty cells are no cells.
    assert suppressed_cells({"A": 30, "B": 3, "C": 4, "D": 0}) == {"B", "C"}


def test_two_way_table_suppression_protects_rows_and_columns() -> None:
    # District × group with one small cell (A, g2) = 3: row A needs a complement → (A, g1);
    # column g2 needs one → (B, g2); then row B has one hidden cell → (B, g1). A 2 × 2 table with
    # one small cell can show only its totals.
    table = {("A", "g1"): 10, ("A", "g2"): 3, ("B", "g1"): 8, ("B", "g2"): 7}
    assert suppressed_table(table) == set(table)
    # A 2 × 3 table: (A, g3) = 2 takes (A, g2) = 6 in row A and (B, g3) = 9 in column g3;
    # row B then hides (B, g2) = 11 (its smallest other), and column g2 has two hidden cells
    # holding 17 ≥ 5: done. g1 stays shown.
    wide = {("A", "g1"): 20, ("A", "g2"): 6, ("A", "g3"): 2, ("B", "g1"): 15, ("B", "g2"): 11, ("B", "g3"): 9}
    assert suppressed_table(wide) == {("A", "g2"), ("A", "g3"), ("B", "g2"), ("B", "g3")}


def test_likert_counts_for_the_diverging_bar(google_rows: list[dict[str, Any]]) -> None:
    # Hòa Phong (rows 1–6): Không đồng ý 1 (row 3), Phân vân 1 (row 4), Đồng ý 3 (rows 1, 5, 6),
    # Hoàn toàn đồng ý 1 (row 2); nobody Hoàn toàn không đồng ý (it is on the scale elsewhere).
    dist = {d.key: d for d in likert_distribution(_question(google_rows, "doi_ngu"), _district)}
    assert dist["993"].n == 6 and dict((label, n) for label, _, n in dist["993"].counts) == {
        "Hoàn toàn không đồng ý": 0,
        "Không đồng ý": 1,
        "Phân vân": 1,
        "Đồng ý": 3,
        "Hoàn toàn đồng ý": 1,
    }
    assert dist["994"].suppressed and dist["994"].counts == ()


def test_change_between_two_rounds_in_points() -> None:
    # Round 2018: 4 of 6 agree (66.667 %); round 2023: 8 of 13 (61.538 %): change −5.128 points.
    def rows(label: str, x: int, n: int) -> list[dict[str, Any]]:
        return [{"round_label": label, "side": "pos" if i < x else "neg"} for i in range(n)]

    change = round_change(rows("2018", 4, 6) + rows("2023", 8, 13), "2018", "2023")
    assert change.points == pytest.approx(100 * (8 / 13 - 4 / 6)) and round(change.points, 3) == -5.128
    small = round_change(rows("2018", 2, 3) + rows("2023", 8, 13), "2018", "2023")
    assert small.points is None and small.first.suppressed


def test_options_chosen_by_respondents(google_rows: list[dict[str, Any]]) -> None:
    # Checkbox "Những khó khăn lớn nhất…" by row: Thiếu phòng học 1, 4, 7, 13 (4 people);
    # Thiếu giáo viên 1, 6, 12, 13 (4); "Sân chơi, bãi tập chật hẹp" 2, 8 (2); Thiếu thiết bị
    # 2, 11 (2); Chương trình nặng 9, 11 (2); Thu nhập 3 (1); Áp lực thi cử 14 (1); Khác 4 (1).
    # 12 people answered (rows 5 and 10 are blank).
    counts = {o: (k, n) for o, k, n in option_counts(_question(google_rows, "kho_khan"), threshold=1)}
    assert counts["Thiếu phòng học"] == (4, 12) and counts["Thiếu giáo viên"] == (4, 12)
    assert counts[COMMA_OPTION] == (2, 12) and counts["Khác"] == (1, 12)
    pooled = option_counts(_question(google_rows, "kho_khan"))  # threshold 5: all pooled
    assert pooled == [("Khác (gộp các lựa chọn ít người chọn)", 12, 12)]


def test_open_text_search_without_diacritics(store: Path) -> None:
    load_survey(google_csv(), "google.csv", store, questionnaire=questionnaire_with_comma_option())
    with open_reader(store) as con:
        texts = fetch_df(con, "survey_texts", {"survey_code": None}).to_dict("records")
    assert [r["text"] for r in search_text(texts, "phong hoc")] == ["Nên xây thêm phòng học"]
    assert [r["text"] for r in search_text(texts, "LIÊN HỆ")] == ["Cần thêm giáo viên. Liên hệ [đã che số điện thoại]"]
    assert len(search_text(texts, "")) == len(texts)
