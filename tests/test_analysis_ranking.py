"""Tests for analysis.ranking: direction-aware yearly ranks and rank change."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.ranking import rank_change, rank_units

NAN = float("nan")


def make_series(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_code", "year", "value"])


def ranks(df: pd.DataFrame) -> list[int | None]:
    return [None if pd.isna(r) else int(r) for r in df["rank"]]


def test_up_ties_share_best_rank() -> None:
    # 30 > 20 = 20 > 10 -> 1, 2, 2, 4 (method "min": the tie skips rank 3).
    s = make_series([("A", 2020, 30.0), ("B", 2020, 20.0), ("C", 2020, 20.0), ("D", 2020, 10.0)])
    out = rank_units(s, "up")
    assert ranks(out) == [1, 2, 2, 4]
    assert list(out["n_ranked"]) == [4, 4, 4, 4]
    assert str(out["rank"].dtype) == "Int64"


def test_down_lowest_is_best_and_missing_takes_no_position() -> None:
    # Dropout: 1.0 = 1.0 < 3.0; D missing -> NA, and 3.0 is 3rd of 3.
    s = make_series([("A", 2020, 3.0), ("B", 2020, 1.0), ("C", 2020, 1.0), ("D", 2020, NAN)])
    out = rank_units(s, "down")
    assert ranks(out) == [3, 1, 1, None]
    assert list(out["n_ranked"]) == [3, 3, 3, 3]


def test_missing_first_does_not_push_others_down() -> None:
    s = make_series([("A", 2020, NAN), ("B", 2020, 10.0), ("C", 2020, 5.0)])
    assert ranks(rank_units(s, "up")) == [None, 1, 2]


def test_neutral_ranks_like_up() -> None:
    s = make_series([("A", 2020, 1.0), ("B", 2020, 2.0)])
    assert ranks(rank_units(s, "neutral")) == ranks(rank_units(s, "up")) == [2, 1]


def test_each_year_ranked_separately_and_row_order_kept() -> None:
    # 2020: A 5 > B 1 ; 2021: B 9 > A 2 ; 2022: nobody has a value.
    s = make_series(
        [
            ("A", 2021, 2.0),
            ("A", 2020, 5.0),
            ("B", 2020, 1.0),
            ("B", 2021, 9.0),
            ("A", 2022, NAN),
            ("B", 2022, NAN),
        ]
    )
    out = rank_units(s, "up")
    assert list(zip(out["unit_code"], out["year"], strict=True)) == list(zip(s["unit_code"], s["year"], strict=True))
    assert ranks(out) == [2, 1, 2, 1, None, None]
    assert list(out["n_ranked"]) == [2, 2, 2, 2, 0, 0]


def test_bad_direction_raises() -> None:
    with pytest.raises(ValueError, match="direction"):
        rank_units(make_series([("A", 2020, 1.0)]), "best")


def test_rank_change_sign_positive_means_moved_up() -> None:
    # up: 2013 ranks A 3, B 2, C 1 ; 2023 ranks A 1, B 2, C 3.
    # A: 3 - 1 = +2 (moved up), B: 0, C: 1 - 3 = -2 (moved down).
    s = make_series(
        [
            ("A", 2013, 10.0),
            ("B", 2013, 20.0),
            ("C", 2013, 30.0),
            ("A", 2023, 90.0),
            ("B", 2023, 50.0),
            ("C", 2023, 40.0),
        ]
    )
    out = rank_change(rank_units(s, "up"), 2013, 2023).set_index("unit_code")
    assert out.loc["A", "rank_from"] == 3 and out.loc["A", "rank_to"] == 1
    assert out.loc["A", "rank_change"] == 2
    assert out.loc["B", "rank_change"] == 0
    assert out.loc["C", "rank_change"] == -2


def test_rank_change_is_na_when_either_rank_is_missing() -> None:
    # B has no value in 2013; C has no 2023 row at all.
    s = make_series(
        [
            ("A", 2013, 5.0),
            ("B", 2013, NAN),
            ("C", 2013, 4.0),
            ("A", 2023, 5.0),
            ("B", 2023, 6.0),
        ]
    )
    out = rank_change(rank_units(s, "down"), 2013, 2023).set_index("unit_code")
    assert out.loc["B", "rank_from"] is pd.NA and out.loc["B", "rank_to"] == 2
    assert out.loc["B", "rank_change"] is pd.NA
    assert out.loc["C", "rank_from"] == 1 and out.loc["C", "rank_to"] is pd.NA
    assert out.loc["C", "rank_change"] is pd.NA
    # A: 2nd of 2 in 2013 (down: 4 beats 5), 1st of 2 in 2023 -> +1.
    assert out.loc["A", "rank_change"] == 1
    assert str(out["rank_change"].dtype) == "Int64"


def test_rank_change_needs_ranked_input() -> None:
    with pytest.raises(ValueError, match="rank_units"):
        rank_change(make_series([("A", 2013, 1.0)]), 2013, 2023)


values = st.one_of(st.just(NAN), st.integers(min_value=0, max_value=5).map(float))


@given(
    vals=st.lists(values, min_size=1, max_size=12),
    direction=st.sampled_from(["up", "down", "neutral"]),
)
def test_ranks_lie_within_one_to_n_ranked(vals: list[float], direction: str) -> None:
    s = make_series([(f"U{i:02d}", 2020, v) for i, v in enumerate(vals)])
    out = rank_units(s, direction)
    n_valid = sum(not math.isnan(v) for v in vals)
    assert set(out["n_ranked"]) == {n_valid}
    ranked = out["rank"].dropna().astype(int)
    assert len(ranked) == n_valid
    assert all(1 <= r <= n_valid for r in ranked)
    if n_valid:
        # The best value always holds rank 1.
        best = out["value"].min() if direction == "down" else out["value"].max()
        assert set(out.loc[out["value"] == best, "rank"]) == {1}
    assert out["rank"].isna().tolist() == out["value"].isna().tolist()
