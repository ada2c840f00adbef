"""Backup and restore (store/backup.py, docs/operations.md): a backup taken while loads run
is one consistent snapshot; a restore refuses a corrupt or newer-schema file and changes nothing."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.cli import main
from etl.load.pipeline import load_paths
from store import StoreMissingError, write_session
from store.backup import create_backup, list_backups, read_manifest
from store.connection import remove_stale_copies_if_idle, store_lock
from tests.conftest import current_values, query_rows


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_during_running_loads_restores_to_a_consistent_store(
    store: Path, write_template: Callable[..., Path], tmp_path: Path
) -> None:
    files = [
        write_template(unit, {("th_hs", 2015): value, ("th_hs", 2016): value + 1}, name=f"f{n}.xlsx")
        for n, (unit, value) in enumerate([("993", 9000), ("999", 8000), ("993", 9100), ("999", 8100)])
    ]
    states = [current_values(store)]

    def run_loads() -> None:
        for path in files:
            load_paths([path], store, actor="test")
            states.append(current_values(store))

    loader = threading.Thread(target=run_loads)
    backups_dir = tmp_path / "backups"
    loader.start()
    taken: list[Path] = []
    while loader.is_alive() or not taken:
        taken.append(create_backup(store, backups_dir, keep=0)[0])
    loader.join()
    taken.append(create_backup(store, backups_dir, keep=0)[0])

    assert len(states) == len(files) + 1 and len(states[-1]) == 4 and len(taken) >= 2
    for backup in taken:
        snapshot = current_values(backup)
        assert snapshot in states  # one committed state, never a mix
        assert read_manifest(backup).n_values == len(snapshot)

    middle = taken[len(taken) // 2]
    expected = current_values(middle)
    assert main(["restore", str(middle), "--db", str(store)]) == 0
    assert current_values(store) == expected
    kept = list(store.parent.glob(f"{store.name}.replaced-*"))
    assert len(kept) == 1 and current_values(kept[0]) == states[-1]
    load_paths([files[0]], store, actor="test")  # the restored store takes new loads
    assert current_values(store)[("993", "th_hs", 2015)] == 9000


def test_restore_refuses_a_corrupt_file_and_changes_nothing(
    store: Path, write_template: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_paths([write_template("993", {("th_hs", 2015): 9000})], store, actor="test")
    backup, _ = create_backup(store, tmp_path / "b")
    load_paths([write_template("999", {("th_hs", 2015): 8000})], store, actor="test")
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    before = file_digest(store)
    assert main(["restore", str(backup), "--db", str(store)]) == 1
    assert "bị hỏng" in capsys.readouterr().err
    assert file_digest(store) == before
    assert not list(store.parent.glob(f"{store.name}.replaced-*"))


def test_restore_refuses_a_newer_schema_and_changes_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.duckdb"
    shutil.copyfile(store, newer)
    with write_session(newer) as con:
        con.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', now())")
    backup, manifest = create_backup(newer, tmp_path / "b")
    assert manifest.schema_version == 999
    before = file_digest(store)
    assert main(["restore", str(backup), "--db", str(store)]) == 1
    assert "mới hơn" in capsys.readouterr().err
    assert file_digest(store) == before


def test_restore_refuses_a_file_without_its_manifest(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup, _ = create_backup(store, tmp_path / "b")
    backup.with_suffix(".json").unlink()
    before = file_digest(store)
    assert main(["restore", str(backup), "--db", str(store)]) == 1
    assert "bản kê" in capsys.readouterr().err
    assert file_digest(store) == before


def test_backup_keeps_the_newest_n_and_removes_stale_temporaries(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    stale = folder / ".nq29-20200101-000000.duckdb.tmp"
    stale.write_bytes(b"half a copy")
    made = [create_backup(store, folder, keep=2)[0] for _ in range(4)]
    assert not stale.exists()
    assert [path for path, _ in list_backups(folder)] == [made[3], made[2]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [made[2].name, made[3].name, made[2].with_suffix(".json").name, made[3].with_suffix(".json").name]
    )


def test_backup_command_reports_the_manifest(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--to", str(tmp_path / "b"), "--db", str(store)]) == 0
    assert "Đã sao lưu" in capsys.readouterr().out
    (backup, manifest), *_ = list_backups(tmp_path / "b")
    assert manifest.sha256 == file_digest(backup)
    assert manifest.n_batches == query_rows(store, "SELECT count(*) FROM active_batches")[0][0]


def test_a_damaged_store_gets_a_clear_message_and_is_never_replaced_by_an_empty_one(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.write_bytes(b"not a database" * 1000)
    before = file_digest(store)
    assert main(["batches", "--db", str(store)]) == 2
    assert "Không mở được cơ sở dữ liệu" in capsys.readouterr().err
    missing = tmp_path / "gone.duckdb"
    with pytest.raises(StoreMissingError), write_session(missing):
        pass
    assert not missing.exists() and file_digest(store) == before


def test_start_up_removes_the_copies_a_killed_writer_left(store: Path) -> None:
    stale = store.with_name(f".{store.name}.4242.deadbeef.tmp")
    stale.write_bytes(b"half a copy")
    assert remove_stale_copies_if_idle(store) == 1 and not stale.exists()
    stale.write_bytes(b"half a copy")
    with store_lock(store):  # a writer at work: its copy is not stale
        assert remove_stale_copies_if_idle(store) == 0 and stale.exists()
