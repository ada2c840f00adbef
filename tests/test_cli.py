"""The command line: every command with --db, readable reports, exit statuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.cli import main
from etl.reference import template_layout as layout
from tests.conftest import current_values, set_cell


def test_init_creates_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    assert db.exists() and "Đã khởi tạo" in capsys.readouterr().out


def test_template_command_writes_the_unit_template(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    assert main(["template", "--unit", "999", "-o", str(out), "--db", str(store)]) == 0
    ws = load_workbook(out)[layout.DATA_SHEETS[0].name]
    assert ws[layout.UNIT_CODE_CELL].value == "999" and ws["B2"].value == "Huyện Mường Khoa"


def test_template_for_unknown_unit_fails(store: Path, tmp_path: Path) -> None:
    assert main(["template", "--unit", "123", "-o", str(tmp_path / "x.xlsx"), "--db", str(store)]) == 2


def test_load_reports_each_file_and_exits_nonzero_if_any_failed(
    store: Path, write_template: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_template("993", {("th_hs", 2015): 9000}, "good.xlsx")
    bad = write_template("994", {("th_hs", 2015): 9000}, "bad.xlsx")
    cell = set_cell(bad, "th_hs", 2016, "abc")
    assert main(["load", str(good), str(bad), "--db", str(store)]) == 1
    out = capsys.readouterr().out
    assert "Tệp good.xlsx: ĐÃ NẠP" in out and "Tệp bad.xlsx: KHÔNG NẠP" in out
    assert f"ô {cell}" in out and "không phải là số" in out
    assert set(current_values(store)) == {("993", "th_hs", 2015)}


def test_dry_run_writes_nothing(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", {("th_hs", 2015): 9000})
    before = store.read_bytes()
    assert main(["load", str(path), "--dry-run", "--db", str(store)]) == 0
    assert store.read_bytes() == before


def test_batches_and_rollback(
    store: Path, write_template: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["load", str(write_template("993", {("th_hs", 2015): 9000})), "--db", str(store), "--user", "lan"])
    capsys.readouterr()
    assert main(["batches", "--db", str(store)]) == 0
    listing = capsys.readouterr().out
    assert "Lô    1" in listing and "lan" in listing and "Huyện Hòa Phong" in listing and "đang dùng" in listing
    assert main(["rollback", "1", "--db", str(store), "--user", "lan"]) == 0
    assert current_values(store) == {}
    assert main(["rollback", "1", "--db", str(store)]) == 1
    main(["batches", "--db", str(store)])
    assert "đã hoàn tác" in capsys.readouterr().out


def test_missing_store_gives_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batches", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "Chưa có cơ sở dữ liệu" in capsys.readouterr().err


def test_db_defaults_to_the_environment_variable(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NQ29_DB", str(store))
    assert main(["batches"]) == 0
    assert "Chưa có lô dữ liệu nào." in capsys.readouterr().out
