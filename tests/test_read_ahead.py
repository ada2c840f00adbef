"""Reading ahead (etl/reading/read_ahead.py): the worker reads file n + 1 while the caller checks
file n, and a command's outcome is the one reading file by file gives."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import etl.load.check as check
from etl.load.pipeline import load_paths
from etl.questions import FileAnswers
from etl.reading import worker as worker_module
from etl.reading.read_ahead import ReadAhead, read_ahead
from etl.reading.worker import ReadingWorker, read_isolated
from etl.reference.model import Reference
from store import open_reader
from tests import hostile
from tests.conftest import set_cell


@pytest.fixture
def own_worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A shared worker of this test's own, closed at its end."""
    worker = ReadingWorker(memory_mb=1024, timeout_s=60)
    monkeypatch.setattr(worker_module, "_SHARED", [worker])
    yield worker
    worker.close()


def _files(write_template: Callable[..., Path], tmp_path: Path) -> list[Path]:
    paths = [
        write_template(code, {("th_hs", 2015): 9000 + n}, f"t_{code}.xlsx")
        for n, code in enumerate(["993", "994", "995"])
    ]
    set_cell(paths[1], "th_hs", 2016, -5)  # a cell error: refused
    for name, content in (("free.xlsx", hostile.good_workbook()), ("broken.xlsx", hostile.corrupt_zip())):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(content)
    paths.append(write_template("996", {("th_hs", 2014): 7000}, "t_996.xlsx"))
    return paths


def test_each_answer_read_ahead_is_the_one_a_direct_read_gives(
    own_worker: ReadingWorker, write_template: Callable[..., Path], tmp_path: Path, reference: Reference
) -> None:
    paths = _files(write_template, tmp_path)
    requests = [(p.read_bytes(), p.name, reference, FileAnswers()) for p in paths]
    ahead = ReadAhead(requests)
    try:
        taken = [ahead.take(*request) for request in requests]
        assert ahead.take(*requests[0]) is None  # taken once: a second identical call reads again
    finally:
        ahead.close()
    direct = [own_worker.read(*request) for request in requests]
    assert taken == direct
    assert [e.source_kind for e in taken][:3] == ["template"] * 3 and taken[3].cells
    assert taken[4].issues[0].code == "file-unreadable"


def test_a_request_not_in_the_list_is_read_as_before(own_worker: ReadingWorker, reference: Reference) -> None:
    content = hostile.good_workbook()
    listed = (content, "a.xlsx", reference, FileAnswers())
    with read_ahead([listed]):
        other_answers = read_isolated(content, "a.xlsx", reference, FileAnswers())  # not the listed answers
        other_bytes = read_isolated(hostile.good_workbook(shift=1), "a.xlsx", reference, listed[3])
        first = read_isolated(*listed)
    assert len(other_answers.cells) == len(other_bytes.cells) == len(first.cells) == 4
    assert other_answers == first and other_bytes != first


def test_the_worker_reads_the_next_file_while_this_one_is_checked(
    own_worker: ReadingWorker,
    write_template: Callable[..., Path],
    store: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = [write_template(code, {("th_hs", 2015): 9000}, f"t_{code}.xlsx") for code in ("993", "994", "995")]
    sent: list[str] = []
    second_sent = threading.Event()
    real_read, real_resolve = ReadingWorker.read, check.resolve_all

    def read(self: ReadingWorker, content: bytes, label: str, *args: Any) -> Any:
        sent.append(label)
        if len(sent) == 2:
            second_sent.set()
        return real_read(self, content, label, *args)

    overlapped: list[bool] = []

    def resolve_all(cells: Any, ref: Any, label: str, **kwargs: Any) -> Any:
        if label == "t_993.xlsx":  # checking the first file: the second is already on its way
            overlapped.append(second_sent.wait(timeout=60))
        return real_resolve(cells, ref, label, **kwargs)

    monkeypatch.setattr(ReadingWorker, "read", read)
    monkeypatch.setattr(check, "resolve_all", resolve_all)
    reports = load_paths(paths, store)
    assert overlapped == [True]
    assert sent == ["t_993.xlsx", "t_994.xlsx", "t_995.xlsx"]  # each file read once, in order
    assert [r.status for r in reports] == ["loaded"] * 3


def _outcome(store: Path, paths: list[Path]) -> tuple[list[Any], list[Any]]:
    reports = load_paths(paths, store)
    summary = [
        (r.file, r.status, r.source_kind, r.unit_code, [(i.code, i.sheet, i.cell) for i in r.issues], r.answers_used)
        for r in reports
    ]
    summary += [sorted((v.indicator_code, v.unit_code, v.year, v.value) for v in r.values) for r in reports]
    con = open_reader(store)
    try:
        stored = con.execute(
            "SELECT b.file_name, o.unit_code, o.indicator_code, o.year, o.value"
            " FROM observations o JOIN batches b USING (batch_id) ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    return summary, stored


def test_a_command_read_ahead_loads_what_reading_in_process_loads(
    own_worker: ReadingWorker,
    write_template: Callable[..., Path],
    tmp_path: Path,
    store: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = _files(write_template, tmp_path)
    twin = tmp_path / "twin.duckdb"
    twin.write_bytes(store.read_bytes())
    ahead = _outcome(store, paths)
    monkeypatch.setenv("NQ29_READING_WORKER", "0")
    in_process = _outcome(twin, paths)
    assert ahead == in_process
    assert [s[1] for s in ahead[0][: len(paths)]] == ["loaded", "rejected", "loaded", "loaded", "rejected", "loaded"]
    assert ahead[1]
