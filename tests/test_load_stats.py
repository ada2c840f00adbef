"""The load test's arithmetic (bench/load_stats.py): percentiles, summaries, CPU and memory shares."""

from __future__ import annotations

import math

import pytest

from bench.load_stats import (
    Sample,
    cpu_seconds,
    cpu_share,
    error_kind,
    errors_by_kind,
    log_exceptions,
    per_session_mib,
    percentile,
    summaries_by,
    summarise,
)


def test_percentile_is_the_nearest_rank_of_measured_values() -> None:
    values = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert percentile(values, 50) == 0.5
    assert percentile(values, 95) == 1.0  # rank ceil(9.5) = 10
    assert percentile(values, 90) == 0.9
    assert percentile(values, 0) == 0.1
    assert percentile([2.5], 95) == 2.5
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_summaries_count_errors_apart_and_per_group() -> None:
    rows = [
        Sample(0, "page", "Xu hướng", 0.0, 1.0),
        Sample(0, "page", "Bản đồ", 1.0, 3.0),
        Sample(1, "indicator", "Bản đồ", 2.0, 0.5),
        Sample(1, "page", "Xu hướng", 3.0, 30.0, "TimeoutError: waiting"),
    ]
    whole = summarise(rows)
    assert (whole.count, whole.errors, whole.p50, whole.max) == (4, 1, 1.0, 3.0)  # the timeout has no settle time
    by_action = summaries_by(rows, "action")
    assert set(by_action) == {"page", "indicator", "all"}
    assert (by_action["page"].count, by_action["page"].errors, by_action["page"].p95) == (3, 1, 3.0)
    by_page = summaries_by(rows, "page")
    assert by_page["Bản đồ"].p50 == 0.5 and by_page["Xu hướng"].errors == 1


def test_cpu_seconds_and_share_of_the_machine() -> None:
    start = {10: 5.0, 11: 1.0}
    end = {10: 8.0, 11: 1.5, 12: 2.0}  # 12 was born during the run: counted from zero
    assert cpu_seconds(start, end) == pytest.approx(5.5)
    assert cpu_share(60.0, 120.0, 2) == pytest.approx(0.25)  # 60 CPU-seconds of 240 available
    with pytest.raises(ValueError):
        cpu_share(1.0, 0.0, 2)


def test_memory_per_session() -> None:
    assert per_session_mib(100 * 2**20, 300 * 2**20, 20) == pytest.approx(10.0)
    assert per_session_mib(300 * 2**20, 200 * 2**20, 5) == 0.0


def test_errors_are_told_apart_by_whom_they_concern() -> None:
    assert error_kind("exception on the page: ValueError: bad merge") == "app: ValueError: bad merge"
    assert error_kind("TimeoutError: Page.wait_for_function: Timeout 30000ms exceeded. [runs ended 0]") == "timeout"
    assert error_kind("LookupError: the list did not open") == "generator: LookupError"
    rows = [
        Sample(0, "page", "Bản đồ", 0.0, 0.3, "exception on the page: ValueError: bad merge"),
        Sample(1, "year", "Bản đồ", 1.0, 0.3, "exception on the page: ValueError: bad merge"),
        Sample(1, "period", "Xu hướng", 2.0, 30.0, "TimeoutError: waiting"),
        Sample(0, "page", "Xu hướng", 3.0, 0.4),
    ]
    kinds = errors_by_kind(rows)
    assert kinds == {"app: ValueError: bad merge": {"Bản đồ": 2}, "timeout": {"Xu hướng": 1}}


PLAIN_LOG = """2026-12-03 00:19:56.808 Uvicorn server started
Traceback (most recent call last):
  File "pages/ban_do.py", line 30, in <module>
    frame = merge(a, b)
ValueError: You are trying to merge on float64 and object columns
"""
# as Streamlit writes it through rich: colours, a titled rule, framed lines
RICH_LOG = (
    "\x1b[31m──\x1b[0m\x1b[1;31mTraceback \x1b[0m\x1b[1;2;31m(most recent call last)\x1b[0m\x1b[31m ──\x1b[0m\n"
    "\x1b[31m│\x1b[0m /work/pages/so_sanh.py:48 in <module>  \x1b[31m│\x1b[0m\n"
    "\x1b[31m│\x1b[0m ❱ 550 raise exceptions.PlotlyEmptyDataError(  \x1b[31m│\x1b[0m\n"
    "\x1b[31m────────\x1b[0m\n"
    "\x1b[1;91mAttributeError: \x1b[0mmodule 'plotly.exceptions' has no attribute 'PlotlyEmptyDataError'\n"
    "ValueError: a line outside any traceback is not counted\n"
)


def test_log_exceptions_reads_plain_and_rich_tracebacks() -> None:
    found = log_exceptions(PLAIN_LOG + RICH_LOG + RICH_LOG)
    assert found == {
        "ValueError: You are trying to merge on float64 and object columns": 1,
        "AttributeError: module 'plotly.exceptions' has no attribute 'PlotlyEmptyDataError'": 2,
    }
    assert log_exceptions("Uvicorn server started\n") == {}
