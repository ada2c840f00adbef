"""The load test's arithmetic (bench/load_stats.py): percentiles, summaries, CPU and memory shares."""

from __future__ import annotations

import math

import pytest

from bench.load_stats import Sample, cpu_seconds, cpu_share, per_session_mib, percentile, summaries_by, summarise


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
