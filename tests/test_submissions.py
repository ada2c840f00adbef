"""Submission tracker: status rules on small cases with answers worked out by hand, and the demo's story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis.submissions import Round, Sender, sender_status, year_spans
from page_models.submissions import build_tracker, rounds_from
from store import fetch_df, open_reader

ROUND = Round("r", "Tổng kết", date(2023, 4, 28), 2013, 2015)
SENDER = Sender("990", "Thành phố Sơn Hà", "district", ("a", "b"))
AS_OF = date(2023, 6, 1)


def received(day: date, pairs: list[tuple[str, int]]) -> dict[tuple[str, str, int], date]:
    return {("990", code, year): day for code, year in pairs}


ALL = [(c, y) for c in ("a", "b") for y in (2013, 2014, 2015)]


def test_everything_on_the_deadline_day_is_on_time() -> None:
    s = sender_status(SENDER, ROUND, received(date(2023, 4, 28), ALL), [date(2023, 4, 28)], AS_OF)
    assert (s.status, s.n_expected, s.n_received, s.days_late) == ("on_time", 6, 6, None)


def test_complete_only_after_the_deadline_is_late_by_the_last_piece() -> None:
    got = {**received(date(2023, 4, 20), ALL[:5]), **received(date(2023, 5, 3), ALL[5:])}
    s = sender_status(SENDER, ROUND, got, [date(2023, 4, 20), date(2023, 5, 3)], AS_OF)
    assert (s.status, s.completed_on, s.days_late) == ("late", date(2023, 5, 3), 5)


def test_something_missing_is_partial_with_the_missing_years() -> None:
    got = received(date(2023, 4, 20), [("a", 2013), ("a", 2014), ("a", 2015), ("b", 2014)])
    s = sender_status(SENDER, ROUND, got, [date(2023, 4, 20)], AS_OF)
    assert (s.status, s.n_received, s.missing) == ("partial", 4, {"b": [2013, 2015]})
    assert s.share == pytest.approx(4 / 6)


def test_nothing_received_is_missing_after_the_deadline_and_pending_before() -> None:
    assert sender_status(SENDER, ROUND, {}, [], AS_OF).status == "missing"
    assert sender_status(SENDER, ROUND, {}, [], date(2023, 4, 28)).status == "pending"


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
        view = build_tracker(
            round_,
            fetch_df(con, "submission_senders"),
            fetch_df(con, "submission_expected"),
            fetch_df(con, "submission_received", {"first_year": 2013, "last_year": 2022}),
            fetch_df(con, "submission_files"),
            fetch_df(con, "catalogue"),
            date(2023, 5, 20),
        )
    finally:
        con.close()
    status = {s.sender.name: s.status for s in view.statuses}
    assert (round_.name, round_.deadline) == ("Tổng kết 10 năm NQ 29", date(2023, 4, 28))
    assert len(status) == 15  # ten districts and five departments
    assert status["Huyện Mường Khoa"] == "late" and status["Huyện Sơn Cao"] == "late"
    assert status["Sở Lao động – Thương binh và Xã hội"] == "late"
    assert status["Sở Nội vụ"] == "missing"
    assert status["Sở Giáo dục và Đào tạo"] == "partial" and status["Sở Kế hoạch và Đầu tư"] == "partial"
    assert sum(s == "on_time" for s in status.values()) == 9
    gddt = next(s for s in view.statuses if s.sender.code == "so_gddt")
    assert list(gddt.missing) == ["thpt_truong_cqg"] and gddt.missing["thpt_truong_cqg"] == list(range(2013, 2023))
    reminders = dict(view.reminders)
    assert set(reminders) == {"Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Kế hoạch và Đầu tư"}
    assert "28/04/2023" in reminders["Sở Nội vụ"] and "chưa nhận được" in reminders["Sở Nội vụ"]
    assert (
        "Số trường trung học phổ thông đạt chuẩn quốc gia (2013-2014 → 2022-2023)"
        in reminders["Sở Giáo dục và Đào tạo"]
    )
