"""The indicator_values view: current values, derived rates and province aggregates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from etl.load.pipeline import load_paths
from store import open_reader


def values_of(db: Path, unit: str, indicator: str) -> dict[int, tuple[float, str, object, object]]:
    con = open_reader(db)
    try:
        rows = con.execute(
            "SELECT year, value, origin, n_units, n_expected FROM indicator_values "
            "WHERE unit_code = ? AND indicator_code = ?",
            [unit, indicator],
        ).fetchall()
    finally:
        con.close()
    return {y: (v, o, n, e) for y, v, o, n, e in rows}


def load(db: Path, *paths: Path) -> None:
    reports = load_paths(list(paths), db, actor="test")
    assert [r.status for r in reports] == ["loaded"] * len(paths), [i.message for r in reports for i in r.issues]


def test_province_rate_is_sum_of_numerators_over_sum_of_denominators(
    store: Path, write_template: Callable[..., Path]
) -> None:
    load(
        store,
        write_template("990", {("th_truong", 2015): 10, ("th_truong_cqg", 2015): 9}),
        write_template("991", {("th_truong", 2015): 30, ("th_truong_cqg", 2015): 3}),
        write_template("992", {("th_truong", 2015): 20}),
    )
    # District rates are 90 % and 10 %; their mean (50 %) would be wrong.
    assert values_of(store, "990", "th_tl_cqg")[2015][:2] == pytest.approx((90.0, "computed"))
    value, origin, n_units, n_expected = values_of(store, "99", "th_tl_cqg")[2015]
    assert (value, origin, n_units, n_expected) == (pytest.approx(12 / 40 * 100), "aggregated", 2, 10)
    # Counts are summed over every district that reported them.
    assert values_of(store, "99", "th_truong")[2015] == (60.0, "aggregated", 3, 10)


def test_ratio_uses_scale_one(store: Path, write_template: Callable[..., Path]) -> None:
    load(
        store,
        write_template("993", {("thcs_hs", 2020): 900, ("thcs_lop", 2020): 25}),
        write_template("994", {("thcs_hs", 2020): 1000, ("thcs_lop", 2020): 25}),
    )
    assert values_of(store, "99", "thcs_hs_lop")[2020][0] == pytest.approx(1900 / 50)


def test_province_reported_value_wins_over_the_aggregate(store: Path, write_template: Callable[..., Path]) -> None:
    load(
        store,
        write_template("990", {("gdnn_tuyensinh", 2016): 1200}),
        write_template("99", {("gdnn_tuyensinh", 2016): 5000}),
    )
    assert values_of(store, "99", "gdnn_tuyensinh")[2016][:2] == (5000.0, "reported")


def test_levels_aggregate_only_when_every_district_reported(store: Path, write_template: Callable[..., Path]) -> None:
    codes = [str(c) for c in range(990, 1000)]
    load(store, *[write_template(c, {("pc_th_muc", 2016): 3, ("pc_th_muc", 2017): 3}) for c in codes[:9]])
    load(store, write_template(codes[9], {("pc_th_muc", 2016): 2}))
    province = values_of(store, "99", "pc_th_muc")
    assert province[2016] == (2.0, "aggregated", 10, 10)  # the weakest district decides
    assert 2017 not in province  # one district missing: a gap, not a guess


def test_missing_values_are_gaps_not_zeros(store: Path, write_template: Callable[..., Path]) -> None:
    load(store, write_template("995", {("mn_truong", 2013): 12}))
    assert set(values_of(store, "995", "mn_truong")) == {2013}
    assert values_of(store, "995", "mn_tl_cqg") == {}


def test_materialised_values_match_the_derivation_after_every_write(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        diff = con.execute(
            "SELECT count(*) FROM ((SELECT * EXCLUDE (flagged) FROM indicator_values "
            "EXCEPT SELECT * FROM derived_indicator_values) "
            "UNION ALL (SELECT * FROM derived_indicator_values "
            "EXCEPT SELECT * EXCLUDE (flagged) FROM indicator_values))"
        ).fetchone()
        total = con.execute("SELECT count(*) FROM indicator_values").fetchone()
    finally:
        con.close()
    assert diff == (0,) and total is not None and total[0] > 10_000


def test_partial_aggregates_say_they_are_incomplete(store: Path, write_template: Callable[..., Path]) -> None:
    load(store, write_template("993", {("mn_truong", 2014): 12}), write_template("994", {("mn_truong", 2014): 15}))
    con = open_reader(store)
    try:
        row = con.execute(
            "SELECT value, n_units, n_expected, complete FROM indicator_values "
            "WHERE unit_code = '99' AND indicator_code = 'mn_truong' AND year = 2014"
        ).fetchone()
    finally:
        con.close()
    assert row == (27.0, 2, 10, False)


def test_a_district_with_zero_denominator_is_left_out_of_the_ratio(store: Path) -> None:
    from store import write_session
    from store.batches import NewBatch, record_batch

    # Validation refuses such a file; written directly, the view must still not be fooled.
    rows = [("993", "th_hs", 1000.0), ("993", "th_lop", 40.0), ("994", "th_hs", 1000.0), ("994", "th_lop", 0.0)]
    with write_session(store) as con:
        record_batch(
            con,
            NewBatch("x.xlsx", "sha", "test", None, "t"),
            [{"unit_code": u, "indicator_code": i, "year": 2015, "value": v} for u, i, v in rows],
            [],
        )
    value, _, n_units, _ = values_of(store, "99", "th_hs_lop")[2015]
    assert (value, n_units) == (25.0, 1)


def test_children_outside_their_validity_years_are_not_aggregated(tmp_path: Path) -> None:
    from etl.reference.init_store import init_store
    from store import write_session
    from store.batches import NewBatch, record_batch

    units = tmp_path / "units.csv"
    units.write_text(
        "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
        "1,Tỉnh A,province,,,,\n10,Huyện B,district,1,,,2014\n11,Huyện C,district,1,,2015,\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.duckdb"
    init_store(db, units)
    rows = [("10", 2014, 5.0), ("11", 2015, 7.0), ("10", 2015, 99.0)]  # 10 no longer existed in 2015
    with write_session(db) as con:
        record_batch(
            con,
            NewBatch("x.xlsx", "sha", "test", None, "t"),
            [{"unit_code": u, "indicator_code": "th_truong", "year": y, "value": v} for u, y, v in rows],
            [],
        )
    province = values_of(db, "1", "th_truong")
    assert province[2014] == (5.0, "aggregated", 1, 1) and province[2015] == (7.0, "aggregated", 1, 1)
