"""The incremental refresh of the materialised values gives the table a full refresh gives.

Random sequences of loads (new batches, some with warnings, some for the province itself),
rollbacks and analysts' acceptances on a copy of the demo store: after each one the table the
incremental refresh left must equal the derivation views' result exactly (every column, every bit).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.load.pipeline import load_paths
from store import fetch_rows, open_reader, write_session
from store.batches import NewBatch, record_batch, rollback_batch
from store.refresh import mark, refresh
from store.workspace import record_acceptance, save_setting

YEARS = (2012, 2013, 2016, 2022, 2024)  # 2024: a year no file had before
TABLE = "SELECT * FROM indicator_values_table"


@pytest.fixture(scope="module")
def demo_copy_source(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("refresh") / "demo.duckdb"
    shutil.copyfile(demo_store, path)
    return path


@pytest.fixture
def con(demo_copy_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("refresh_case") / "store.duckdb"
    shutil.copyfile(demo_copy_source, path)
    connection = duckdb.connect(str(path))
    yield connection
    connection.close()


def _table(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return sorted(con.execute(TABLE).fetchall(), key=repr)


def _full(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return sorted(fetch_rows(con, "derived_values"), key=repr)


def _load(con: duckdb.DuckDBPyConnection, data: st.DataObject, n: int) -> None:
    units = [r[0] for r in con.execute("SELECT code FROM units ORDER BY code").fetchall()]
    indicators = [
        r[0] for r in con.execute("SELECT code FROM indicators WHERE input = 'reported' ORDER BY code").fetchall()
    ]
    unit = data.draw(st.sampled_from(units))
    keys = data.draw(
        st.lists(st.tuples(st.sampled_from(indicators), st.sampled_from(YEARS)), min_size=1, max_size=25, unique=True)
    )
    values = [
        {"unit_code": unit, "indicator_code": code, "year": year, "value": data.draw(st.integers(0, 5000)) / 4}
        for code, year in keys
    ]
    warned = data.draw(st.lists(st.sampled_from(keys), max_size=3, unique=True))
    issues = [
        {
            "code": "yoy-jump",
            "severity": "warning",
            "unit_code": unit,
            "indicator_code": code,
            "year": year,
            "message": "thử",
        }
        for code, year in warned
    ]
    record_batch(con, NewBatch(f"f{n}.xlsx", f"sha{n}", "template", unit, "test"), values, issues)


def _rollback(con: duckdb.DuckDBPyConnection, data: st.DataObject) -> None:
    active = [r[0] for r in con.execute("SELECT batch_id FROM active_batches ORDER BY batch_id").fetchall()]
    if active:
        rollback_batch(con, data.draw(st.sampled_from(active)), "test")


def _accept(con: duckdb.DuckDBPyConnection, data: st.DataObject) -> None:
    cols = "batch_id, unit_code, indicator_code, year"
    warnings = con.execute(f"SELECT DISTINCT {cols} FROM value_warnings WHERE is_current ORDER BY ALL").fetchall()
    if warnings:
        names = ("batch_id", "unit_code", "indicator_code", "year")
        key = dict(zip(names, data.draw(st.sampled_from(warnings)), strict=True))
        record_acceptance(con, key, data.draw(st.sampled_from(["accepted", "revoked"])), "test")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_incremental_refresh_equals_a_full_one(con: duckdb.DuckDBPyConnection, data: st.DataObject) -> None:
    con.execute("BEGIN TRANSACTION")  # each example starts from the demo store again
    try:
        steps = data.draw(st.lists(st.sampled_from(["load", "load", "rollback", "accept"]), min_size=1, max_size=5))
        for n, step in enumerate(steps):
            start = mark(con)
            if step == "load":
                _load(con, data, n)
            elif step == "rollback":
                _rollback(con, data)
            else:
                _accept(con, data)
            assert refresh(con, start) in {"incremental", "none"}
            assert _table(con) == _full(con), f"after {steps[: n + 1]}"
    finally:
        con.execute("ROLLBACK")


def test_a_write_without_values_refreshes_nothing_and_a_catalogue_change_everything(
    con: duckdb.DuckDBPyConnection,
) -> None:
    before = _table(con)
    start = mark(con)
    save_setting(con, "max_upload_mb", "20", "test")
    assert refresh(con, start) == "none"
    assert _table(con) == before
    start = mark(con)
    con.execute("UPDATE indicators SET scale = scale * 10 WHERE code = 'th_tl_cqg'")  # as etl init would replace it
    assert refresh(con, start) == "full"
    assert _table(con) == _full(con)
    assert _table(con) != before
    start = mark(con)
    con.execute(
        "UPDATE units SET valid_to = 2015 WHERE code = (SELECT min(code) FROM units WHERE parent_code IS NOT NULL)"
    )
    assert refresh(con, start) == "full"
    assert _table(con) == _full(con)


def test_loads_and_a_rollback_through_write_sessions(store: Path, write_template) -> None:  # type: ignore[no-untyped-def]
    files = [
        write_template("993", {("th_hs", 2019): 9000, ("th_hs_cl", 2019): 8500}, "a.xlsx"),
        write_template("994", {("th_hs", 2019): 7000, ("th_hs_cl", 2019): 7100}, "b.xlsx"),
    ]
    reports = load_paths(files, store, actor="test")
    assert [r.status for r in reports] == ["loaded", "loaded"]
    with write_session(store) as wcon:
        rollback_batch(wcon, int(reports[0].batch_id or 0), "test")
    con = open_reader(store)
    try:
        assert _table(con) == _full(con)
        values = {
            (u, i, y): v
            for u, i, y, v in con.execute(
                "SELECT unit_code, indicator_code, year, value FROM indicator_values"
            ).fetchall()
        }
    finally:
        con.close()
    assert ("993", "th_hs", 2019) not in values
    assert values[("994", "th_hs", 2019)] == 7000
