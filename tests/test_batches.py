"""Batches: superseding keeps history, re-loading is a no-op, rollback restores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from etl.load.pipeline import load_paths
from store import fetch_df, open_reader, write_session
from store.batches import RollbackError, rollback_batch
from tests.conftest import current_values

KEY = ("993", "th_hs", 2015)


def history(db: Path) -> list[tuple[int, float, bool]]:
    con = open_reader(db)
    try:
        frame = fetch_df(con, "value_history", {"unit_code": "993", "indicator_code": "th_hs", "year": 2015})
    finally:
        con.close()
    return list(zip(frame["batch_id"], frame["value"], frame["rolled_back"], strict=True))


def load_one(db: Path, path: Path) -> int:
    [report] = load_paths([path], db, actor="analyst")
    assert report.status == "loaded", [i.message for i in report.issues]
    assert report.batch_id is not None
    return report.batch_id


def test_same_bytes_twice_is_a_no_op(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", {("th_hs", 2015): 9000})
    first = load_one(store, path)
    [again] = load_paths([path], store, actor="analyst")
    assert (again.status, again.batch_id, [i.code for i in again.issues]) == ("unchanged", first, ["already-loaded"])
    assert len(history(store)) == 1


def test_newer_file_supersedes_and_the_old_value_stays_in_history(
    store: Path, write_template: Callable[..., Path]
) -> None:
    old = load_one(store, write_template("993", {("th_hs", 2015): 9000, ("th_hs", 2016): 9100}, "v1.xlsx"))
    new = load_one(store, write_template("993", {("th_hs", 2015): 9050}, "v2.xlsx"))
    stored = current_values(store, "993")
    assert stored[KEY] == 9050
    assert stored[("993", "th_hs", 2016)] == 9100  # not reported again: the earlier value stays current
    assert history(store) == [(new, 9050, False), (old, 9000, False)]


def test_rollback_restores_what_was_current_before(store: Path, write_template: Callable[..., Path]) -> None:
    old = load_one(store, write_template("993", {("th_hs", 2015): 9000}, "v1.xlsx"))
    new = load_one(store, write_template("993", {("th_hs", 2015): 9050, ("th_hs", 2017): 9200}, "v2.xlsx"))
    with write_session(store) as con:
        rollback_batch(con, new, "analyst", "nhầm tệp")
    stored = current_values(store, "993")
    assert stored[KEY] == 9000
    assert ("993", "th_hs", 2017) not in stored  # only the rolled-back batch had it: a gap again
    assert history(store) == [(new, 9050, True), (old, 9000, False)]  # nothing deleted


def test_rolling_back_twice_or_an_unknown_batch_fails(store: Path, write_template: Callable[..., Path]) -> None:
    batch = load_one(store, write_template("993", {("th_hs", 2015): 9000}))
    with write_session(store) as con:
        rollback_batch(con, batch, "analyst")
    with pytest.raises(RollbackError, match="đã được hoàn tác"), write_session(store) as con:
        rollback_batch(con, batch, "analyst")
    with pytest.raises(RollbackError, match="Không có lô"), write_session(store) as con:
        rollback_batch(con, 999, "analyst")


def test_a_rolled_back_file_can_be_loaded_again(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", {("th_hs", 2015): 9000})
    batch = load_one(store, path)
    with write_session(store) as con:
        rollback_batch(con, batch, "analyst")
    again = load_one(store, path)
    assert again != batch and current_values(store, "993")[KEY] == 9000


def test_batch_records_provenance(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", {("th_hs", 2015): 9000}, "Hoa_Phong_2023.xlsx")
    batch = load_one(store, path)
    con = open_reader(store)
    try:
        row = con.execute(
            "SELECT b.file_name, b.loaded_by, b.unit_code, length(b.sha256), o.sheet, o.cell, o.raw_value "
            "FROM batches b JOIN observations o USING (batch_id) WHERE b.batch_id = ?",
            [batch],
        ).fetchone()
    finally:
        con.close()
    assert row == ("Hoa_Phong_2023.xlsx", "analyst", "993", 64, "Giáo dục (năm học)", row[5], "9000")
    assert row[5].startswith("F")  # 2015-2016 is column F


def test_a_load_landing_between_check_and_write_triggers_a_recheck(
    store: Path, write_template: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import etl.load.pipeline as pipeline

    ours = write_template("993", {("th_hs", 2020): 9000}, "ours.xlsx")
    theirs = write_template("993", {("th_hs", 2019): 4000}, "theirs.xlsx")
    real_check = pipeline.check_content
    calls: list[str] = []

    def check_then_race(
        content: bytes, label: str, con: object, reader: object = None, answers: object = None, **kw: Any
    ) -> pipeline.FileReport:
        calls.append(label)
        report = real_check(content, label, con, answers=answers, **kw)  # type: ignore[arg-type]
        if calls == ["ours.xlsx"]:
            monkeypatch.setattr(pipeline, "check_content", real_check)
            load_one(store, theirs)  # another analyst's load lands now
            monkeypatch.setattr(pipeline, "check_content", check_then_race)
        return report

    monkeypatch.setattr(pipeline, "check_content", check_then_race)
    [report] = load_paths([ours], store, actor="analyst")
    assert calls == ["ours.xlsx", "ours.xlsx"]  # checked again against the newer store
    assert report.status == "loaded" and [i.code for i in report.issues] == ["yoy-jump"]
