"""Submission tracker: status rules on small cases with answers worked out by hand, and the demo's story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.rounds import Round
from analysis.submissions import Sender, sender_status, year_spans
from page_models.submissions import last_known_years, rounds_from
from store import fetch_df, open_reader
from tests.conftest import tracker_view

ROUND = Round("r", "Tổng kết", date(2023, 4, 28), 2013, 2015)
SENDER = Sender("990", "Thành phố Sơn Hà", "district", ("a", "b"))
AS_OF = date(2023, 6, 1)


def received(day: date, pairs: list[tuple[str, int]]) -> dict[tuple[str, str, int], date]:
    return {("990", code, year): day for code, year in pairs}


ALL = [(c, y) for c in ("a", "b") for y in (2013, 2014, 2015)]


def test_the_deadline_day_is_late_read_literally_and_on_time_when_the_round_says_so() -> None:
    # "trước ngày 28/4/2023": the last day on time is 27/4, so a file of 28/4 is one day late;
    # a round that makes the deadline day on time (deadline_inclusive) accepts it.
    on_27, on_28 = received(date(2023, 4, 27), ALL), received(date(2023, 4, 28), ALL)
    s = sender_status(SENDER, ROUND, on_27, [date(2023, 4, 27)], AS_OF)
    assert (s.status, s.n_expected, s.n_received, s.days_late) == ("on_time", 6, 6, None)
    s = sender_status(SENDER, ROUND, on_28, [date(2023, 4, 28)], AS_OF)
    assert (s.status, s.days_late) == ("late", 1)
    inclusive = Round("r", "Tổng kết", date(2023, 4, 28), 2013, 2015, deadline_inclusive=True)
    assert sender_status(SENDER, inclusive, on_28, [date(2023, 4, 28)], AS_OF).status == "on_time"
    assert "27/04/2023" in ROUND.deadline_rule_text() and "vẫn đúng hạn" in inclusive.deadline_rule_text()


def test_complete_only_after_the_deadline_is_late_by_the_last_piece() -> None:
    # The last piece came on 3/5: 6 days after 27/4, the last day on time.
    got = {**received(date(2023, 4, 20), ALL[:5]), **received(date(2023, 5, 3), ALL[5:])}
    s = sender_status(SENDER, ROUND, got, [date(2023, 4, 20), date(2023, 5, 3)], AS_OF)
    assert (s.status, s.completed_on, s.days_late) == ("late", date(2023, 5, 3), 6)


def test_something_missing_is_partial_with_the_missing_years() -> None:
    got = received(date(2023, 4, 20), [("a", 2013), ("a", 2014), ("a", 2015), ("b", 2014)])
    s = sender_status(SENDER, ROUND, got, [date(2023, 4, 20)], AS_OF)
    assert (s.status, s.n_received, s.missing) == ("partial", 4, {"b": [2013, 2015]})
    assert s.share == pytest.approx(4 / 6)


def test_nothing_received_is_missing_after_the_deadline_and_pending_before() -> None:
    assert sender_status(SENDER, ROUND, {}, [], AS_OF).status == "missing"
    assert sender_status(SENDER, ROUND, {}, [], date(2023, 4, 28)).status == "missing"  # the 27th was the last day
    assert sender_status(SENDER, ROUND, {}, [], date(2023, 4, 27)).status == "pending"


def test_only_what_could_be_known_by_the_deadline_is_expected() -> None:
    # On 28/4/2023: school year 2022-2023's stock (30/9/2022) is known, its dropout (end of the
    # school year, 31/5/2023) is not; calendar 2022 is; the 2022 budget's final accounts
    # (end of 2023) are not.
    catalogue = pd.DataFrame(
        {
            "code": ["th_hs", "th_hs_bohoc", "ld_lucluong", "ns_chi_gd"],
            "period_type": ["school_year", "school_year", "calendar_year", "calendar_year"],
            "reference_date": ["30/9", "31/5", "calendar", "settled"],
        }
    )
    round_ = Round("r", "Tổng kết", date(2023, 4, 28), 2013, 2022)
    assert last_known_years(catalogue, round_) == {
        "th_hs": 2022,
        "th_hs_bohoc": 2021,
        "ld_lucluong": 2022,
        "ns_chi_gd": 2021,
    }
    sender = Sender("990", "TP", "district", ("th_hs_bohoc",), last_known={"th_hs_bohoc": 2021})
    got = received(date(2023, 4, 20), [("th_hs_bohoc", y) for y in range(2013, 2022)])
    assert (
        sender_status(sender, round_, got, [], AS_OF).status,
        sender_status(sender, round_, got, [], AS_OF).n_expected,
    ) == ("on_time", 9)


def test_values_of_another_sender_or_outside_the_years_do_not_count() -> None:
    got = {("991", c, y): date(2023, 4, 1) for c, y in ALL} | received(date(2023, 4, 1), [("a", 2012), ("c", 2013)])
    assert sender_status(SENDER, ROUND, got, [], AS_OF).status == "missing"


def test_a_unit_that_existed_only_some_years_is_expected_only_then() -> None:
    merged = Sender("990", "Huyện cũ", "district", ("a",), years=(2013, 2014))
    s = sender_status(merged, ROUND, received(date(2023, 4, 1), [("a", 2013), ("a", 2014)]), [], AS_OF)
    assert (s.status, s.n_expected) == ("on_time", 2)


def test_a_sender_with_no_indicators_is_complete_with_its_first_file() -> None:
    report = Sender("so_noivu", "Sở Nội vụ", "department", ())
    assert sender_status(report, ROUND, {}, [date(2023, 5, 2), date(2023, 4, 29)], AS_OF).status == "late"
    assert sender_status(report, ROUND, {}, [], AS_OF).status == "missing"


def test_year_spans() -> None:
    assert year_spans([2018, 2013, 2014, 2015]) == [(2013, 2015), (2018, 2018)]
    assert year_spans([]) == []


def test_the_demo_round_tells_its_story(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        round_ = rounds_from(fetch_df(con, "rounds"))[0]
    finally:
        con.close()
    view = tracker_view(demo_store, date(2023, 5, 20))
    status = {s.sender.name: s.status for s in view.statuses}
    assert (round_.name, round_.deadline) == ("Tổng kết 10 năm NQ 29", date(2023, 4, 28))
    # Nine districts (Ngọc Lâm merged into Sơn Cao in 2020: no longer a sender) and five departments.
    assert len(status) == 14 and "Huyện Ngọc Lâm" not in status and view.ended == ["Huyện Ngọc Lâm"]
    assert status["Huyện Sơn Cao"] == "late" and status["Sở Lao động – Thương binh và Xã hội"] == "late"
    assert status["Huyện Vĩnh Khánh"] == "late"  # received on 28/4 itself: "trước ngày 28/4" is the 27th
    assert status["Huyện Mường Khoa"] == "partial"  # two-session pupils not counted before 2015
    assert status["Sở Nội vụ"] == "missing"
    assert status["Sở Giáo dục và Đào tạo"] == "partial" and status["Sở Kế hoạch và Đầu tư"] == "partial"
    assert sum(s == "on_time" for s in status.values()) == 7
    gddt = next(s for s in view.statuses if s.sender.code == "so_gddt")
    assert list(gddt.missing) == ["thpt_truong_cqg"] and gddt.missing["thpt_truong_cqg"] == list(range(2013, 2023))
    khoa = next(s for s in view.statuses if s.sender.code == "999")
    assert khoa.missing == {"th_hs_2buoi": [2013, 2014]}
    reminders = dict(view.reminders)
    assert set(reminders) == {"Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Kế hoạch và Đầu tư", "Huyện Mường Khoa"}
    assert "trước ngày 28/04/2023" in reminders["Sở Nội vụ"] and "chưa nhận được" in reminders["Sở Nội vụ"]
    assert (
        "Số trường trung học phổ thông đạt chuẩn quốc gia (2013-2014 → 2022-2023)"
        in reminders["Sở Giáo dục và Đào tạo"]
    )
