"""One write per command: every file checked first, the loadable ones written in one write
session (one snapshot, one refresh), one batch per file; a refused file loads nothing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

import etl.load.pipeline as pipeline
from etl.load.pipeline import load_paths
from page_models.upload import check_upload, confirm_uploads
from store import fetch_rows, open_reader, write_session
from store.batches import rollback_batch
from tests.conftest import current_values, set_cell


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every write session the loader opens."""
    opened: list[Path] = []
    real = pipeline.write_session

    def counting(path: Path) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(pipeline, "write_session", counting)
    return opened


def _batches(db: Path) -> list[tuple[Any, ...]]:
    con = open_reader(db)
    try:
        return con.execute("SELECT batch_id, file_name FROM batches ORDER BY batch_id").fetchall()
    finally:
        con.close()


def _three_files(write_template: Callable[..., Path]) -> list[Path]:
    good_a = write_template("993", {("th_hs", 2015): 9000}, "a_993.xlsx")
    bad = write_template("994", {("th_hs", 2015): 7000}, "b_994.xlsx")
    set_cell(bad, "th_hs", 2015, -5)  # a cell error: the file is refused
    good_c = write_template("995", {("th_hs", 2015): 8000}, "c_995.xlsx")
    return [good_a, bad, good_c]


def test_a_command_writes_its_loadable_files_in_one_session_one_batch_each(
    store: Path, write_template: Callable[..., Path], sessions: list[Path]
) -> None:
    reports = load_paths(_three_files(write_template), store, actor="lan")
    assert [r.status for r in reports] == ["loaded", "rejected", "loaded"]
    assert len(sessions) == 1
    assert [name for _, name in _batches(store)] == ["a_993.xlsx", "c_995.xlsx"]  # the refused file: nothing
    assert reports[0].batch_id != reports[2].batch_id
    values = current_values(store)
    assert values[("993", "th_hs", 2015)] == 9000 and values[("995", "th_hs", 2015)] == 8000
    assert ("994", "th_hs", 2015) not in values
    with write_session(store) as con:  # each file's batch rolls back alone
        rollback_batch(con, int(reports[0].batch_id or 0), "lan")
    values = current_values(store)
    assert ("993", "th_hs", 2015) not in values and values[("995", "th_hs", 2015)] == 8000


def test_a_dry_run_or_a_command_of_refused_files_opens_no_write(
    store: Path, write_template: Callable[..., Path], sessions: list[Path]
) -> None:
    files = _three_files(write_template)
    assert [r.status for r in load_paths(files, store, dry_run=True)] == ["validated", "rejected", "validated"]
    assert [r.status for r in load_paths([files[1]], store)] == ["rejected"]
    assert sessions == [] and _batches(store) == []


def test_the_same_bytes_twice_in_one_command_load_once(
    store: Path, write_template: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_template("993", {("th_hs", 2015): 9000}, "a.xlsx")
    copy = tmp_path / "a_copy.xlsx"
    copy.write_bytes(path.read_bytes())
    first, second = load_paths([path, copy], store, actor="lan")
    assert (first.status, second.status) == ("loaded", "unchanged")
    assert second.batch_id == first.batch_id and [i.code for i in second.issues] == ["already-loaded"]
    assert len(_batches(store)) == 1


def test_a_fault_in_one_file_of_the_write_does_not_stop_the_others(
    store: Path, write_template: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, sessions: list[Path]
) -> None:
    real = pipeline.record_batch

    def failing(con: duckdb.DuckDBPyConnection, batch: Any, *args: Any, **kwargs: Any) -> int:
        if batch.file_name == "c_995.xlsx":
            raise RuntimeError("hỏng")
        return real(con, batch, *args, **kwargs)

    monkeypatch.setattr(pipeline, "record_batch", failing)
    files = _three_files(write_template)
    reports = load_paths([files[0], files[2]], store, actor="lan")
    assert [r.status for r in reports] == ["loaded", "rejected"]
    assert [i.code for i in reports[1].issues] == ["check-failed"]
    assert [name for _, name in _batches(store)] == ["a_993.xlsx"]
    assert len(sessions) == 3  # the combined write (rolled back), then each file alone


def test_the_upload_page_confirms_several_files_in_one_write(
    store: Path, write_template: Callable[..., Path], sessions: list[Path]
) -> None:
    checks = [check_upload(p.name, p.read_bytes(), store, None) for p in _three_files(write_template)]
    assert [c.can_confirm for c in checks] == [True, False, True]
    progress: list[tuple[int, int]] = []
    reports = confirm_uploads(
        checks,
        store,
        actor="lan",
        note="hai tệp",
        remember={},
        received_on=date(2023, 4, 28),
        max_bytes=None,
        progress=lambda done, total, name: progress.append((done, total)),
    )
    assert [r.status for r in reports] == ["loaded", "loaded"] and len(sessions) == 1
    assert progress == [(0, 2), (1, 2), (2, 2)]
    con = open_reader(store)
    try:
        rows = con.execute("SELECT note, count(*) FROM batches GROUP BY note").fetchall()
        [(received,)] = fetch_rows(con, "table_exists", {"table_name": "batch_sources"})
    finally:
        con.close()
    assert rows == [("hai tệp", 2)] and received


def test_a_load_landing_between_the_checks_and_the_write_is_checked_against(
    store: Path, write_template: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another command loads the same bytes after this one checked them: under the writer's lock
    the file is found already loaded, and nothing is loaded twice."""
    path = write_template("993", {("th_hs", 2015): 9000}, "a.xlsx")
    real = pipeline._write
    calls: list[str] = []

    def late(*args: Any, **kwargs: Any) -> Any:
        calls.append("write")
        if len(calls) == 1:
            [other] = load_paths([path], store, actor="other")  # lands first
            assert other.status == "loaded"
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_write", late)
    [report] = load_paths([path], store, actor="lan")
    assert report.status == "unchanged" and len(_batches(store)) == 1
    assert calls == ["write", "write"]  # the other command's, then this one's: no fallback
