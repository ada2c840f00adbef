"""Backups of the store and their restore (docs/operations.md).

A backup is a byte copy of the store file taken through one open file handle.
Writers never change the store in place: they write a private copy and rename
it over the path (store/connection.py), so the inode a handle opened never
changes and its bytes are one committed snapshot, even while a load runs. The
copy is written under a temporary name, checked by opening it, and renamed;
a manifest beside it records its checksum, schema version and counts.

A restore verifies the checksum and the schema version before it touches the
store, then, under the writers' lock, keeps the current file under a
timestamped name (a hard link, so the store path never goes missing) and
renames the verified copy over the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from store.connection import fsync_dir, open_reader, store_lock
from store.migrate import available_migrations
from store.queries import fetch_rows

BACKUP_PREFIX = "nq29-"
MANIFEST_SUFFIX = ".json"
CHUNK = 1 << 20


class BackupError(RuntimeError):
    """A backup cannot be written or restored; the message is Vietnamese and names the file."""


@dataclass(frozen=True)
class Manifest:
    file: str
    created_at: str
    source: str
    sha256: str
    size_bytes: int
    schema_version: int
    n_batches: int
    n_values: int
    n_observations: int


def default_backup_dir(db: Path) -> Path:
    return db.resolve().parent / "backups"


def create_backup(db: Path, to_dir: Path | None = None, keep: int = 10) -> tuple[Path, Manifest]:
    """Copy the store's current snapshot into ``to_dir``; keep the newest ``keep`` backups."""
    db = db.resolve()
    if not db.exists():
        raise BackupError(f"Không có cơ sở dữ liệu {db} để sao lưu.")
    if db.with_name(db.name + ".wal").exists():
        raise BackupError(
            f"Bên cạnh {db} có tệp nhật ký dở dang (.wal): một chương trình khác đang ghi trực tiếp; chưa sao lưu."
        )
    target_dir = (to_dir or default_backup_dir(db)).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target_dir)
    stamp = datetime.now()
    name = _free_name(target_dir, f"{BACKUP_PREFIX}{stamp:%Y%m%d-%H%M%S}")
    final = target_dir / f"{name}.duckdb"
    work = target_dir / f".{name}.duckdb.tmp"
    try:
        with open(db, "rb") as source:  # this inode is one committed snapshot (module docstring)
            digest, size = _copy_hashing(source, work)
        facts = _facts(work)
        manifest = Manifest(final.name, stamp.isoformat(timespec="microseconds"), str(db), digest, size, *facts)
        os.replace(work, final)
        _write_json(target_dir / f"{name}{MANIFEST_SUFFIX}", asdict(manifest))
        fsync_dir(target_dir)
    finally:
        work.unlink(missing_ok=True)
    prune_backups(target_dir, keep)
    return final, manifest


def list_backups(backup_dir: Path) -> list[tuple[Path, Manifest]]:
    """Backups with a readable manifest, newest first."""
    found = []
    for manifest_path in backup_dir.glob(f"{BACKUP_PREFIX}*{MANIFEST_SUFFIX}"):
        try:
            manifest = read_manifest(manifest_path.with_suffix(".duckdb"))
        except BackupError:
            continue
        found.append((manifest_path.with_suffix(".duckdb"), manifest))
    return sorted(found, key=lambda item: (item[1].created_at, item[0].name), reverse=True)


def prune_backups(backup_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (file and manifest); ``keep`` ≤ 0 keeps all."""
    if keep <= 0:
        return []
    removed = []
    for backup, _ in list_backups(backup_dir)[keep:]:
        backup.unlink(missing_ok=True)
        backup.with_suffix(MANIFEST_SUFFIX).unlink(missing_ok=True)
        removed.append(backup)
    return removed


def remove_stale_temporaries(backup_dir: Path) -> None:
    """Half-written copies left by a backup that was killed."""
    for stale in backup_dir.glob(f".{BACKUP_PREFIX}*.tmp"):
        stale.unlink(missing_ok=True)


def read_manifest(backup: Path) -> Manifest:
    path = backup.with_suffix(MANIFEST_SUFFIX)
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy bản kê {path.name} bên cạnh tệp sao lưu {backup}.") from None
    except (ValueError, TypeError) as exc:
        raise BackupError(f"Bản kê {path} không đọc được ({exc}).") from None


def verify_backup(backup: Path) -> Manifest:
    """The backup's manifest once its checksum and schema version are checked; else BackupError."""
    if not backup.is_file():
        raise BackupError(f"Không có tệp sao lưu {backup}.")
    manifest = read_manifest(backup)
    with open(backup, "rb") as handle:
        digest = _sha256(handle)
    if digest != manifest.sha256:
        raise BackupError(
            f"Tệp sao lưu {backup.name} bị hỏng: mã kiểm tra SHA-256 không khớp với bản kê. Không khôi phục gì."
        )
    try:
        schema_version, _, _, n_observations = _facts(backup)
    except Exception as exc:
        raise BackupError(f"Không mở được tệp sao lưu {backup.name} ({exc}). Không khôi phục gì.") from None
    if (schema_version, n_observations) != (manifest.schema_version, manifest.n_observations):
        raise BackupError(
            f"Tệp sao lưu {backup.name} không khớp với bản kê của nó (phiên bản cấu trúc, số giá trị). "
            "Không khôi phục gì."
        )
    supported = len(available_migrations())
    if schema_version > supported:
        raise BackupError(
            f"Tệp sao lưu {backup.name} có cấu trúc phiên bản {schema_version}, mới hơn phiên bản "
            f"{supported} mà chương trình này hiểu. Hãy cập nhật chương trình trước. Không khôi phục gì."
        )
    return manifest


def restore_backup(backup: Path, db: Path) -> Path | None:
    """Replace the store with a verified backup; the path the replaced store was kept under (None if none)."""
    backup = backup.resolve()
    verify_backup(backup)
    db = db.resolve()
    with store_lock(db):
        work = db.with_name(f".{db.name}.restore.tmp")
        try:
            shutil.copyfile(backup, work)
            with open(work, "rb") as handle:
                os.fsync(handle.fileno())
            kept = None
            if db.exists():
                kept = db.with_name(f"{db.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}")
                os.link(db, kept)  # the old inode keeps a name; the store path never goes missing
            os.replace(work, db)
            fsync_dir(db.parent)
        finally:
            work.unlink(missing_ok=True)
    return kept


def _facts(path: Path) -> tuple[int, int, int, int]:
    con = open_reader(path)
    try:
        row = fetch_rows(con, "backup_facts")[0]
    finally:
        con.close()
    return int(row[0] or 0), int(row[1]), int(row[2]), int(row[3])


def _copy_hashing(source: object, target: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):  # type: ignore[attr-defined]
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _sha256(handle: object) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):  # type: ignore[attr-defined]
        digest.update(chunk)
    return digest.hexdigest()


def _free_name(directory: Path, base: str) -> str:
    name, n = base, 1
    while (directory / f"{name}.duckdb").exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _write_json(path: Path, payload: dict[str, object]) -> None:
    work = path.with_name(f".{path.name}.tmp")
    work.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(work, path)
