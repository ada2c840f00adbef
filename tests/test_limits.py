"""Limits before reading (etl/reading/limits.py) and the reading worker (etl/reading/worker.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.load.pipeline import load_paths
from etl.reading.ingest import read_any
from etl.reading.limits import sheet_extent
from etl.reading.worker import ReadingWorker
from tests import hostile


def codes(content: bytes, name: str = "f.xlsx") -> list[str]:
    return [i.code for i in read_any(content, name).issues if i.severity == "error"]


def test_the_far_cell_is_refused_before_any_grid_is_allocated() -> None:
    issue = read_any(hostile.far_cell(), "xa.xlsx").issues[0]
    assert issue.code == "sheet-rows-over-limit"
    assert (issue.sheet, issue.cell) == ("Sheet", "XFD1048576")
    assert "1.048.576" in issue.message and "200.000" in issue.message


def test_a_far_column_and_a_large_area_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert codes(hostile.far_cell("XFD1")) == ["sheet-columns-over-limit"]
    monkeypatch.setenv("NQ29_MAX_WORKBOOK_CELLS", "1000")
    issue = read_any(hostile.far_cell("Z100"), "f.xlsx").issues[0]
    assert (issue.code, issue.cell) == ("workbook-cells-over-limit", "Z100")


def test_a_claimed_dimension_or_a_formatted_empty_far_cell_sizes_nothing() -> None:
    assert codes(hostile.dimension_only()) == []
    assert codes(hostile.formatted_far_cell()) == []


def test_sheet_extent_reads_in_chunks_and_follows_cells_without_a_reference() -> None:
    xml = b'<sheetData><row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>'
    chunks = [xml[i : i + 7] for i in range(0, len(xml), 7)]
    extent = sheet_extent(chunks)
    assert (extent.rows, extent.columns, extent.lowest, extent.rightmost) == (3, 3, "A3", "C2")


def test_a_zip_bomb_is_refused_by_its_declared_size_and_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = hostile.zip_bomb(40)  # 40 MB of one repeated row, compressed to well under 1 MB
    assert codes(bomb) == ["zip-ratio-over-limit"]
    monkeypatch.setenv("NQ29_MAX_MEMBER_MB", "20")
    issue = read_any(bomb, "bom.xlsx").issues[0]
    assert (issue.code, issue.sheet) == ("zip-member-over-limit", "Sheet")


def test_a_lying_size_in_the_zip_header_is_a_broken_file() -> None:
    assert codes(hostile.lying_zip_size()) == ["file-unreadable"]


def test_csv_rows_columns_and_field_length_are_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    long_field = read_any(hostile.long_csv_field(), "dai.csv").issues[0]
    assert long_field.code == "field-too-long" and "(dòng 4 của tệp)" in long_field.message
    monkeypatch.setenv("NQ29_MAX_SHEET_ROWS", "10")
    assert codes(hostile.plain_csv(rows=50), "f.csv") == ["sheet-rows-over-limit"]


def test_utf16_unicode_text_and_nan_cells_are_read() -> None:
    out = read_any(hostile.unicode_text(), "unicode.txt")
    assert len(out.cells) == 4 and not [i for i in out.issues if i.severity == "error"]
    nan = read_any(hostile.nan_cells(), "nan.xlsx")
    flagged = {(i.code, i.cell, i.raw_value) for i in nan.issues if i.code == "value-not-finite"}
    assert flagged == {("value-not-finite", "C3", "NaN"), ("value-not-finite", "C4", "INF")}


def test_a_file_that_kills_the_worker_is_refused_and_a_fresh_worker_reads_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Limits raised so the far cell reaches the native reader, which aborts on its allocation.
    monkeypatch.setenv("NQ29_MAX_SHEET_ROWS", "2000000")
    monkeypatch.setenv("NQ29_MAX_SHEET_COLUMNS", "20000")
    monkeypatch.setenv("NQ29_MAX_WORKBOOK_CELLS", "1e13")
    worker = ReadingWorker(memory_mb=512, timeout_s=30)
    try:
        died = worker.read(hostile.far_cell(), "xa.xlsx")
        assert [i.code for i in died.issues] == ["reading-out-of-memory"]
        assert died.cells == []
        good = worker.read(hostile.good_workbook(), "tot.xlsx")
        assert len(good.cells) == 4 and worker.started == 2
        again = worker.read(hostile.good_workbook(), "tot2.xlsx")
        assert len(again.cells) == 4 and worker.started == 2  # reused, not restarted
    finally:
        worker.close()


def test_a_file_over_the_time_limit_is_stopped_and_the_next_one_read() -> None:
    worker = ReadingWorker(memory_mb=0, timeout_s=0.0001)
    try:
        assert [i.code for i in worker.read(hostile.good_workbook(), "cham.xlsx").issues] == ["reading-timed-out"]
        worker.timeout_s = 30
        assert len(worker.read(hostile.good_workbook(), "tot.xlsx").cells) == 4
    finally:
        worker.close()


def test_the_command_line_reports_every_file_when_one_kills_its_worker(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NQ29_MAX_SHEET_ROWS", "2000000")
    monkeypatch.setenv("NQ29_MAX_SHEET_COLUMNS", "20000")
    monkeypatch.setenv("NQ29_MAX_WORKBOOK_CELLS", "1e13")
    paths = []
    for name, content in (("a.xlsx", hostile.good_workbook()), ("xa.xlsx", hostile.far_cell())):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(content)
    paths.append(tmp_path / "b.xlsx")
    paths[-1].write_bytes(hostile.good_workbook(shift=1))
    from etl.reading import worker as worker_module

    monkeypatch.setattr(worker_module, "_SHARED", [ReadingWorker(memory_mb=512, timeout_s=30)])
    try:
        reports = load_paths(paths, store)
    finally:
        worker_module._SHARED[0].close()
    assert [r.status for r in reports] == ["loaded", "rejected", "loaded"]
    assert reports[1].issues[0].code == "reading-out-of-memory"


def test_the_worker_finds_the_project_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`streamlit run /path/dashboard.py` from elsewhere: the worker still imports the reader."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    worker = ReadingWorker(memory_mb=0, timeout_s=30)
    try:
        assert len(worker.read(hostile.good_workbook(), "tot.xlsx").cells) == 4
    finally:
        worker.close()
