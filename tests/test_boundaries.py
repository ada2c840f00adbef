"""Series on current boundaries: merged predecessors summed, rates from sums, splits as breaks.

Small registries with answers worked out by hand in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.boundaries import change_events, harmonise, successors

CATALOGUE = pd.DataFrame(
    [
        ("hs", "sum", None, None, None),
        ("bohoc", "sum", None, None, None),
        ("tl_bohoc", "ratio", "bohoc", "hs", 100.0),
        ("muc", "min", None, None, None),
    ],
    columns=["code", "aggregation", "numerator", "denominator", "scale"],
)
# Province P; A and B merged into C from 2020 (C existed before); D unchanged;
# E split off from D in 2021; F renamed to G (new code) from 2019.
UNITS = pd.DataFrame(
    [
        ("P", "Tỉnh", "province", None, None, None, 0),
        ("A", "Huyện A", "district", "P", None, 2019, 1),
        ("B", "Huyện B", "district", "P", None, 2019, 2),
        ("C", "Huyện C", "district", "P", None, None, 3),
        ("D", "Huyện D", "district", "P", None, None, 4),
        ("E", "Huyện E", "district", "P", 2021, None, 5),
        ("F", "Huyện F", "district", "P", None, 2018, 6),
        ("G", "Thị xã G", "town", "P", 2019, None, 7),
    ],
    columns=["code", "name", "kind", "parent_code", "valid_from", "valid_to", "sort_order"],
)
CHANGES = pd.DataFrame(
    [
        (2020, "merged", "A", "C", None),
        (2020, "merged", "B", "C", None),
        (2021, "split", "D", "E", None),
        (2019, "renamed", "F", "G", None),
    ],
    columns=["year", "change", "from_code", "to_code", "note"],
)


def frame(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["unit_code", "indicator_code", "year", "value"])
    return out.assign(origin="reported", n_units=None, n_expected=None, complete=True)


def value(result: pd.DataFrame, unit: str, code: str, year: int) -> float | None:
    rows = result[(result["unit_code"] == unit) & (result["indicator_code"] == code) & (result["year"] == year)]
    assert len(rows) <= 1
    return None if rows.empty else float(rows["value"].iloc[0])


def run(values: pd.DataFrame, code: str) -> pd.DataFrame:
    return harmonise(values, CATALOGUE, UNITS, CHANGES, code, "P").values


def test_counts_of_merged_predecessors_are_summed() -> None:
    values = frame(
        [
            ("A", "hs", 2019, 100),
            ("B", "hs", 2019, 50),
            ("C", "hs", 2019, 200),
            ("C", "hs", 2020, 360),  # C reports the merged territory itself from 2020
            ("P", "hs", 2019, 999),
        ]
    )
    result = run(values, "hs")
    assert value(result, "C", "hs", 2019) == 350  # 100 + 50 + 200
    assert value(result, "C", "hs", 2020) == 360  # unchanged: already on current boundaries
    assert value(result, "A", "hs", 2019) is None and value(result, "B", "hs", 2019) is None
    assert value(result, "P", "hs", 2019) == 999  # the province passes through
    row = result[(result["unit_code"] == "C") & (result["year"] == 2019)].iloc[0]
    assert (row["origin"], row["n_units"], row["n_expected"]) == ("harmonised", 3, 3)


def test_rates_are_recomputed_from_summed_parts_never_averaged() -> None:
    values = frame(
        [
            ("A", "bohoc", 2018, 1),
            ("A", "hs", 2018, 100),
            ("A", "tl_bohoc", 2018, 1.0),
            ("B", "bohoc", 2018, 9),
            ("B", "hs", 2018, 100),
            ("B", "tl_bohoc", 2018, 9.0),
            ("C", "bohoc", 2018, 10),
            ("C", "hs", 2018, 800),
            ("C", "tl_bohoc", 2018, 1.25),
        ]
    )
    # (1 + 9 + 10) / (100 + 100 + 800) = 20 / 1000 = 2.0 %; the mean of the rates would be 3.75 %.
    assert value(run(values, "tl_bohoc"), "C", "tl_bohoc", 2018) == pytest.approx(2.0)


def test_a_missing_predecessor_leaves_a_gap_not_a_partial_sum() -> None:
    values = frame([("A", "hs", 2017, 100), ("C", "hs", 2017, 200)])  # B did not report 2017
    assert value(run(values, "hs"), "C", "hs", 2017) is None


def test_levels_take_the_lowest_predecessor() -> None:
    values = frame([("A", "muc", 2016, 3), ("B", "muc", 2016, 2), ("C", "muc", 2016, 3)])
    assert value(run(values, "muc"), "C", "muc", 2016) == 2


def test_a_split_is_a_break_with_no_invented_figure() -> None:
    values = frame([("D", "hs", 2020, 500), ("D", "hs", 2021, 300), ("E", "hs", 2021, 210)])
    result = harmonise(values, CATALOGUE, UNITS, CHANGES, "hs", "P")
    assert value(result.values, "D", "hs", 2020) is None  # on the old, larger territory
    assert value(result.values, "D", "hs", 2021) == 300 and value(result.values, "E", "hs", 2021) == 210
    assert ("D", 2021) in result.breaks and ("E", 2021) in result.breaks


def test_a_recoded_unit_carries_its_former_code_s_years() -> None:
    values = frame([("F", "hs", 2017, 40), ("G", "hs", 2019, 45)])
    result = run(values, "hs")
    assert value(result, "G", "hs", 2017) == 40 and value(result, "F", "hs", 2017) is None
    assert value(result, "G", "hs", 2019) == 45


def test_chains_of_changes_are_followed() -> None:
    chain = pd.concat(
        [CHANGES, pd.DataFrame([(2022, "merged", "C", "D", None)], columns=CHANGES.columns)], ignore_index=True
    )
    mapping = successors(chain)
    assert mapping["A"] == ("D", 2020) and mapping["C"] == ("D", 2022)


def test_change_events_name_the_year_and_kind() -> None:
    assert change_events(CHANGES) == [(2019, "Đổi tên"), (2020, "Sáp nhập"), (2021, "Chia tách")]
    assert change_events(CHANGES, ["C"]) == [(2020, "Sáp nhập")]


def test_no_values_at_all_give_no_rows_not_an_error() -> None:
    """A selection with nothing reported (e.g. an indicator no district has sent yet) is an empty map."""
    assert run(frame([]), "hs").empty
    province_only = run(frame([("P", "hs", 2015, 5.0)]), "hs")
    assert province_only["unit_code"].tolist() == ["P"]
