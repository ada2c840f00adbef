"""Tests for analysis.comparison: district ranking, heat map, rank moves and spread."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.comparison import disparity_over_time, heatmap_matrix, province_value, rank_table, ranked_values

PROV = "P"
# unit_code -> (name, unit_order); the order is deliberately not alphabetical.
UNITS = {PROV: ("Tỉnh", 0), "D2": ("Huyện Hai", 1), "D1": ("Huyện Một", 2), "D3": ("Huyện Ba", 3)}


def values(rows: list[tuple[str, int, float]], code: str = "a") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "unit_code": unit,
                "unit_name": UNITS[unit][0],
                "parent_code": None if unit == PROV else PROV,
                "unit_order": UNITS[unit][1],
                "indicator_code": code,
                "year": year,
                "value": value,
            }
            for unit, year, value in rows
        ]
    )


SAMPLE = pd.concat(
    [
        values(
            [
                (PROV, 2013, 55.0),
                (PROV, 2023, 75.0),
                ("D1", 2013, 60.0),
                ("D2", 2013, 50.0),
                ("D3", 2013, 40.0),
                ("D1", 2023, 70.0),
                ("D2", 2023, 80.0),
                ("D3", 2023, 70.0),
            ]
        ),
        values([("D1", 2023, 1.0)], code="other"),
    ],
    ignore_index=True,
)


def test_ranked_values_best_first_districts_only() -> None:
    # 2023, "up": D2 80 -> 1; D1 70 and D3 70 tie -> 2, 2 (unit order D1 before D3). Province excluded.
    out = ranked_values(SAMPLE, "a", 2023, "up")
    assert list(out.columns) == ["unit_code", "unit_name", "value", "rank"]
    assert list(out["unit_code"]) == ["D2", "D1", "D3"]
    assert list(out["rank"]) == [1, 2, 2]


def test_ranked_values_down_lowest_first() -> None:
    # 2013, "down": 40 (D3) -> 1, 50 (D2) -> 2, 60 (D1) -> 3.
    out = ranked_values(SAMPLE, "a", 2013, "down")
    assert list(zip(out["unit_name"], out["rank"], strict=True)) == [
        ("Huyện Ba", 1),
        ("Huyện Hai", 2),
        ("Huyện Một", 3),
    ]


def test_province_value() -> None:
    assert province_value(SAMPLE, "a", 2023, PROV) == 75.0
    assert province_value(SAMPLE, "a", 2018, PROV) is None
    assert province_value(SAMPLE, "other", 2023, PROV) is None


def test_heatmap_matrix_in_unit_order_with_gaps() -> None:
    # Only D2 has a 2018 value; D1 lacks 2013, D3 lacks 2023; the province row is ignored.
    vals = values([("D1", 2023, 1.0), ("D2", 2018, 2.0), ("D2", 2013, 3.0), ("D3", 2013, 4.0), (PROV, 2030, 9.0)])
    m = heatmap_matrix(vals, "a")
    assert list(m.index) == ["Huyện Hai", "Huyện Một", "Huyện Ba"]
    assert list(m.columns) == [2013, 2018, 2023]
    assert m.loc["Huyện Hai", 2018] == 2.0 and m.loc["Huyện Một", 2023] == 1.0
    assert math.isnan(m.loc["Huyện Một", 2013]) and math.isnan(m.loc["Huyện Ba", 2023])
    assert heatmap_matrix(vals, "none").empty


def test_rank_table_moves() -> None:
    # "up". 2013: D1 60 -> 1, D2 50 -> 2, D3 40 -> 3. 2023: D2 80 -> 1, D1 70 -> 2, D3 70 -> 2.
    # rank_change = from - to: D2 +1, D1 -1, D3 +1. Sorted by rank_to, then unit order.
    out = rank_table(SAMPLE, "a", "up", 2013, 2023)
    assert list(out.columns) == [
        "unit_code",
        "unit_name",
        "rank_from",
        "rank_to",
        "rank_change",
        "value_from",
        "value_to",
    ]
    assert list(out["unit_code"]) == ["D2", "D1", "D3"]
    assert list(out["rank_from"]) == [2, 1, 3]
    assert list(out["rank_to"]) == [1, 2, 2]
    assert list(out["rank_change"]) == [1, -1, 1]
    assert list(out["value_from"]) == [50.0, 60.0, 40.0] and list(out["value_to"]) == [80.0, 70.0, 70.0]


def test_rank_table_unranked_district_is_na_and_last() -> None:
    vals = values([("D1", 2013, 1.0), ("D2", 2013, 2.0), ("D2", 2023, 2.0), ("D1", 2023, 3.0), ("D3", 2013, 5.0)])
    out = rank_table(vals, "a", "up", 2013, 2023)
    assert list(out["unit_code"]) == ["D1", "D2", "D3"]
    last = out.iloc[-1]
    assert pd.isna(last["rank_to"]) and pd.isna(last["rank_change"]) and math.isnan(last["value_to"])


def test_disparity_over_time_ignores_the_province() -> None:
    # 2013 districts 60, 50, 40: mean 50, range 20, max/min 1.5; the province's 55 is not counted.
    out = disparity_over_time(SAMPLE, "a").set_index("year")
    assert list(out.index) == [2013, 2023]
    assert out.loc[2013, "n"] == 3
    assert out.loc[2013, "mean"] == pytest.approx(50.0)
    assert out.loc[2013, "range"] == pytest.approx(20.0)
    assert out.loc[2013, "max_min_ratio"] == pytest.approx(1.5)
