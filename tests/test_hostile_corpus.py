"""The hostile corpus (tests/hostile.py) through the whole loader, with the worker's limits set low
(256 MB, 5 s): every file gets its expected outcome, the good files beside it still load, refused
files change nothing in the store, and the command line ends with 0 or 1 and reports each file.
Outcomes are asserted, never timings (bench/hostile.py measures those)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.load.pipeline import FileReport, load_paths
from etl.reading import worker as worker_module
from etl.reading.worker import ReadingWorker
from store import open_reader
from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
LOW_LIMITS = {"NQ29_WORKER_MEMORY_MB": "256", "NQ29_WORKER_TIMEOUT_S": "5"}
CASES = hostile.corpus()
EXPECTED = {"loaded": "loaded", "rejected": "rejected", "nothing": "nothing"}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    (folder / "tot_truoc.xlsx").write_bytes(hostile.good_workbook())
    (folder / "tot_sau.xlsx").write_bytes(hostile.good_workbook(shift=5))
    return folder


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadingWorker]:
    for name, value in LOW_LIMITS.items():
        monkeypatch.setenv(name, value)
    worker = ReadingWorker()
    monkeypatch.setattr(worker_module, "_SHARED", [worker])
    yield worker
    worker.close()


def _table(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = open_reader(db)
    try:
        return [tuple(row) for row in con.execute(sql).fetchall()]
    finally:
        con.close()


def test_the_corpus_has_forty_kinds_of_file() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


def test_every_hostile_file_gets_its_outcome_and_the_good_files_load(
    corpus_dir: Path, store: Path, worker: ReadingWorker
) -> None:
    # The good files first and last: a hostile file in between must not stop or spoil them.
    names = ["tot_truoc.xlsx", *(c.name for c in CASES), "tot_sau.xlsx"]
    reports = {r.file: r for r in load_paths([corpus_dir / n for n in names], store)}
    wrong = []
    for case in CASES:
        report = reports[case.name]
        codes = {i.code for i in report.issues}
        if report.status != EXPECTED[case.status] or (case.code is not None and case.code not in codes):
            wrong.append((case.name, case.status, case.code, report.status, sorted(codes)))
    assert wrong == []
    assert reports["tot_truoc.xlsx"].status == reports["tot_sau.xlsx"].status == "loaded"
    assert worker.started >= 1 and worker.memory_mb == 256
    _assert_store_holds_only_loaded(store, reports)
    _assert_nothing_leaked(reports)


def _assert_store_holds_only_loaded(store: Path, reports: dict[str, FileReport]) -> None:
    loaded = {name for name, r in reports.items() if r.status == "loaded"}
    batches = _table(store, "SELECT file_name FROM batches")
    assert {str(name) for (name,) in batches} == loaded
    values = _table(store, "SELECT count(*) FROM observations")[0][0]
    assert values == sum(len(reports[name].values) for name in loaded)


def _assert_nothing_leaked(reports: dict[str, FileReport]) -> None:
    """XXE and entity expansion: no byte of /etc/passwd and no expanded entity reaches any report."""
    for name in ("xxe.xlsx", "entity_bomb.xlsx"):
        text = " ".join(f"{i.message} {i.raw_value}" for i in reports[name].issues)
        assert "root:" not in text and "lollollol" not in text


def test_refused_files_change_nothing_in_the_store(corpus_dir: Path, store: Path, worker: ReadingWorker) -> None:
    refused = [corpus_dir / c.name for c in CASES if c.status == "rejected"]
    before = _table(store, "SELECT count(*) FROM batches")[0][0], Path(store).read_bytes()
    reports = load_paths(refused, store)
    assert {r.status for r in reports} == {"rejected"}
    assert _table(store, "SELECT count(*) FROM batches")[0][0] == before[0]
    assert Path(store).read_bytes() == before[1]
    assert worker.memory_mb == 256


def test_the_command_line_ends_with_0_or_1_and_reports_every_file(corpus_dir: Path, store: Path) -> None:
    files = [str(corpus_dir / c.name) for c in CASES]
    env = {**os.environ, **LOW_LIMITS}
    done = subprocess.run(
        [sys.executable, "-m", "etl", "load", *files, "--dry-run", "--db", str(store)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Lỗi nội bộ" not in done.stdout + done.stderr
    for case in CASES:
        assert f"Tệp {case.name}:" in done.stdout
