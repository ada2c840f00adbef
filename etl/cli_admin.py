"""``python -m etl {backup,restore,export-archive}``: running the tool for a province
(docs/operations.md). Restore is on the command line only, never in the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl import settings
from store.archive import ArchiveError, export_archive
from store.backup import BackupError, create_backup, default_backup_dir, restore_backup, verify_backup


def add_admin_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="copy the store (safe while the dashboard runs)")
    p.add_argument("--to", type=Path, default=None, help="backup folder (default: backups/ beside the database)")
    p.add_argument(
        "--keep", type=int, default=None, help="backups to keep in the folder (default: setting backup_keep, 0 = all)"
    )
    p = sub.add_parser("restore", parents=[common], help="replace the store by a verified backup (old store kept)")
    p.add_argument("file", type=Path, help="the backup's .duckdb file (its .json manifest beside it)")
    p.add_argument("--check-only", action="store_true", help="verify the backup, change nothing")
    p = sub.add_parser("export-archive", parents=[common], help="every table as Parquet and CSV with a README")
    p.add_argument("folder", type=Path, help="a new or empty folder")


def cmd_backup(args: argparse.Namespace, db: Path) -> int:
    keep = int(settings.get("backup_keep")) if args.keep is None else args.keep
    try:
        path, manifest = create_backup(db, args.to, keep)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        f"Đã sao lưu {db} vào {path} ({manifest.size_bytes / 1e6:.1f} MB; {manifest.n_batches} lô, "
        f"{manifest.n_values} giá trị đang dùng; cấu trúc phiên bản {manifest.schema_version}; "
        f"SHA-256 {manifest.sha256[:12]}…). Giữ {keep or 'tất cả'} bản sao lưu mới nhất trong "
        f"{args.to or default_backup_dir(db)}."
    )
    return 0


def cmd_restore(args: argparse.Namespace, db: Path) -> int:
    try:
        manifest = verify_backup(args.file)
        if args.check_only:
            print(f"Tệp sao lưu {args.file} hợp lệ (tạo lúc {manifest.created_at[:19]}, {manifest.n_values} giá trị).")
            return 0
        kept = restore_backup(args.file, db)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        f"Đã khôi phục {db} từ bản sao lưu lúc {manifest.created_at[:19].replace('T', ' ')} "
        f"({manifest.n_batches} lô, {manifest.n_values} giá trị)."
    )
    if kept:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}.")
    print("Bảng điều khiển đang chạy sẽ đọc dữ liệu đã khôi phục ở lần thao tác tiếp theo.")
    return 0


def cmd_export_archive(args: argparse.Namespace, db: Path) -> int:
    try:
        written = export_archive(db, args.folder)
    except ArchiveError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    rows = sum(w.rows for w in written)
    print(
        f"Đã ghi kho lưu trữ vào {args.folder}: {len(written)} bảng ({rows} dòng), mỗi bảng một tệp Parquet "
        "và một tệp CSV (UTF-8), kèm README.md mô tả các cột."
    )
    return 0
