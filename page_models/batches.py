"""Lịch sử nạp: the batch list, the original file of a batch, and rollback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from store import open_reader, write_session
from store.batches import original_file, rollback_batch

STATUS_LABELS_VI = {"active": "Đang dùng", "rolled_back": "Đã hoàn tác"}


def batch_table(batches: pd.DataFrame) -> pd.DataFrame:
    """The batch list with Vietnamese status labels and the sender's name."""
    out = batches.copy()
    out["status"] = out["status"].map(STATUS_LABELS_VI)
    return out


def download_original(db_path: Path, batch_id: int) -> bytes:
    """The bytes of the file archived with a batch (empty if it predates the archive)."""
    con = open_reader(db_path)
    try:
        archived = original_file(con, batch_id)
    finally:
        con.close()
    return archived[1] if archived else b""


def rollback(db_path: Path, batch_id: int, actor: str, note: str | None) -> str:
    """Roll back one batch as an event; returns the file name. Raises RollbackError (Vietnamese)."""
    with write_session(db_path) as con:
        return rollback_batch(con, batch_id, actor, note or None)
