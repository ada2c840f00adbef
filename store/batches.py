"""Recording loads as batches, and rolling them back (as events: nothing is deleted)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from store.queries import fetch_rows
from store.reference import insert_rows


@dataclass(frozen=True)
class NewBatch:
    file_name: str
    sha256: str
    source_kind: str
    unit_code: str | None
    loaded_by: str
    note: str | None = None
    sender_code: str | None = None  # who sent the file (senders.code), if known
    received_on: date | None = None  # when the province received it; defaults to today
    answers: tuple[tuple[str, str, str], ...] = ()  # (kind, key, answer) the analyst gave for the file
    recipe: tuple[int, int] | None = None  # (recipe_id, version) of the remembered answers read with


def answers_key(answers: Sequence[tuple[str, str, str]]) -> str:
    """The answers of a load as one comparable text: the same bytes with the same answers load once."""
    return "|".join(f"{kind}={key}={answer}" for kind, key, answer in sorted(answers))


class RollbackError(ValueError):
    """The batch does not exist or was already rolled back (message in Vietnamese)."""


def active_batch_for(con: duckdb.DuckDBPyConnection, sha256: str, answers: str = "") -> int | None:
    """The active batch that loaded these bytes with these answers (``answers_key``), if any."""
    [(migrated,)] = fetch_rows(con, "table_exists", {"table_name": "batch_answers"})
    if not migrated:
        rows = fetch_rows(con, "active_batch_by_sha", {"sha256": sha256}) if not answers else []
    else:
        rows = fetch_rows(con, "active_batch_by_sha_answers", {"sha256": sha256, "answers": answers})
    return int(rows[0][0]) if rows else None


def record_batch(
    con: duckdb.DuckDBPyConnection,
    batch: NewBatch,
    observations: Sequence[dict[str, object]],
    issues: Sequence[dict[str, object]],
    content: bytes | None = None,
) -> int:
    """Insert the batch, its source, the original file, its observations and kept issues.

    Call inside ``write_session`` so the whole file lands in one transaction.
    """
    row = con.execute(
        "INSERT INTO batches (file_name, sha256, source_kind, unit_code, loaded_by, loaded_at, note, "
        "n_values, n_warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING batch_id",
        [
            batch.file_name,
            batch.sha256,
            batch.source_kind,
            batch.unit_code,
            batch.loaded_by,
            datetime.now(),
            batch.note,
            len(observations),
            sum(1 for i in issues if i["severity"] == "warning"),
        ],
    ).fetchone()
    assert row is not None
    batch_id = int(row[0])
    con.execute(
        "INSERT INTO batch_sources (batch_id, sender_code, received_on) VALUES (?, ?, ?)",
        [batch_id, batch.sender_code, batch.received_on or date.today()],
    )
    if content is not None:
        con.execute("INSERT INTO batch_files (batch_id, content) VALUES (?, ?)", [batch_id, content])
    insert_rows(con, "observations", [{"batch_id": batch_id, **o} for o in observations])
    insert_rows(con, "batch_issues", [{"batch_id": batch_id, **i} for i in issues])
    insert_rows(
        con,
        "batch_answers",
        [{"batch_id": batch_id, "kind": k, "question_key": q, "answer": a} for k, q, a in batch.answers],
    )
    if batch.recipe is not None:
        recipe_id, version = batch.recipe
        insert_rows(con, "batch_recipes", [{"batch_id": batch_id, "recipe_id": recipe_id, "version": version}])
    return batch_id


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: int, actor: str, note: str | None = None) -> str:
    """Mark a batch rolled back; the values it superseded become current again."""
    rows = fetch_rows(con, "batch_status", {"batch_id": batch_id})
    if not rows:
        raise RollbackError(f"Không có lô số {batch_id}.")
    _, file_name, rolled_back = rows[0]
    if rolled_back:
        raise RollbackError(f"Lô số {batch_id} ({file_name}) đã được hoàn tác trước đó.")
    con.execute(
        "INSERT INTO batch_events (batch_id, event, event_at, actor, note) VALUES (?, 'rolled_back', ?, ?, ?)",
        [batch_id, datetime.now(), actor, note],
    )
    return str(file_name)


def original_file(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[str, bytes] | None:
    """The file name and bytes archived with a batch, if any."""
    rows = fetch_rows(con, "batch_file", {"batch_id": batch_id})
    return (str(rows[0][0]), bytes(rows[0][1])) if rows else None
