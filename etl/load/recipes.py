"""Answers remembered per sender and layout: recipes (docs/recipes.md).

A recipe is the answers an analyst gave to the reader's questions for one sender's files of
one layout (``FileReport.layout_signature``: sheet names and header rows without years and
numbers). ``check_content`` looks the file's recipe up (:func:`recipe_for`) and reads the file
with its answers under the analyst's own, so the next file of that sender and layout asks
nothing; ``load_content(..., remember=True)`` saves the answers a load used as a new version.
Stored append-only (migration 0011): an edit is a new version, a deletion a "withdrawn"
version; who and when are kept with every version, and each batch records the version it was
read with (``batch_recipes``).

Nothing here is about indicators in particular: a recipe maps (sender, layout) to answers of
any question kind except ``skip-error-cells`` — error cells are seen file by file, never
skipped from memory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from etl.load.answer_meaning import AnswerError, check_answers
from etl.questions import KINDS, FileAnswers
from etl.reference.model import Reference
from store import fetch_rows, open_reader, write_session
from store.reference import insert_rows
from store.review import save_version, withdraw

REMEMBERED_KINDS = tuple(k for k in KINDS if k != "skip-error-cells")
# How the sender of a file was known (FileReport.sender_source): named by the analyst, the file's
# own unit, or the only sender with a recipe for the file's layout.
SENDER_SOURCES_VI = {
    "given": "bên gửi do người nạp chọn",
    "file": "bên gửi là đơn vị ghi trong tệp",
    "layout": "bên gửi nhận ra theo bố cục tệp: chỉ bên này có câu trả lời đã lưu cho bố cục này",
}

STATUS_VI = {"active": "Đang dùng", "withdrawn": "Đã xóa"}

AnswerMap = Mapping[tuple[str, str], str]


@dataclass(frozen=True)
class Recipe:
    recipe_id: int
    version: int
    sender_code: str
    layout_signature: str
    layout_text: str
    answers: tuple[tuple[str, str, str], ...]  # (kind, key, answer), sorted
    status: str = "active"
    author: str = ""
    written_at: datetime | None = None
    origin: str = "load"
    source_file: str | None = None
    note: str | None = None
    sender_name: str | None = None

    @property
    def answer_map(self) -> dict[tuple[str, str], str]:
        return {(kind, key): answer for kind, key, answer in self.answers}


def used_text(recipe: Recipe, source: str | None) -> str:
    """The sentence a dry run says about the recipe it used."""
    how = f"; {SENDER_SOURCES_VI[source]}" if source in SENDER_SOURCES_VI else ""
    return (
        f"Đọc theo bộ câu trả lời đã lưu số {recipe.recipe_id} (phiên bản {recipe.version}) của "
        f"{recipe.sender_name or recipe.sender_code} ({len(recipe.answers)} câu trả lời, lưu bởi {recipe.author} "
        f"ngày {recipe.written_at:%d/%m/%Y}{how})."
    )


@dataclass(frozen=True)
class SenderMatch:
    """Who sent a file, how that is known, and the recipe of that sender for the file's layout."""

    sender_code: str | None = None
    source: str | None = None  # a key of SENDER_SOURCES_VI
    recipe: Recipe | None = None


def recipe_for(
    con: duckdb.DuckDBPyConnection, signature: str | None, given_sender: str | None, file_unit: str | None
) -> SenderMatch:
    """The sender of a file (given, else the file's unit when it is a sender, else the only sender
    with a recipe for this layout) and that sender's current recipe for the layout, if any."""
    senders = {str(code) for (code,) in fetch_rows(con, "sender_codes")}
    sender, source = (given_sender, "given") if given_sender else (None, None)
    if sender is None and file_unit in senders:
        sender, source = file_unit, "file"
    if signature is None or not _migrated(con):
        return SenderMatch(sender, source)
    if sender is None:
        known = [str(s) for (s,) in fetch_rows(con, "recipe_senders_for_layout", {"layout_signature": signature})]
        if len(known) != 1:
            return SenderMatch()
        sender, source = known[0], "layout"
    return SenderMatch(sender, source, current_recipe(con, sender, signature))


def with_recipe(answers: FileAnswers, recipe: Recipe) -> FileAnswers:
    """The recipe's answers under the analyst's own (the analyst's win for the same question)."""
    return FileAnswers({**recipe.answer_map, **answers.given})


def remembered(used: list[tuple[str, str, str]], given: AnswerMap, recipe: Recipe | None) -> dict[tuple[str, str], str]:
    """What a load teaches the recipe: its answers, overlaid by the analyst's answers the file used."""
    out = dict(recipe.answer_map) if recipe else {}
    for kind, key, answer in used:
        if kind in REMEMBERED_KINDS and (kind, key) in given:
            out[(kind, key)] = answer
    return out


def current_recipe(con: duckdb.DuckDBPyConnection, sender: str, signature: str) -> Recipe | None:
    rows = fetch_rows(con, "recipe_for_layout", {"sender_code": sender, "layout_signature": signature})
    return load_recipe(con, int(rows[0][0]), int(rows[0][1])) if rows else None


def load_recipe(con: duckdb.DuckDBPyConnection, recipe_id: int, version: int | None = None) -> Recipe | None:
    """One version of a recipe (the latest when ``version`` is None), withdrawn or not."""
    if not _migrated(con):
        return None
    rows = fetch_rows(con, "recipe_version", {"recipe_id": recipe_id, "version": version})
    if not rows:
        return None
    (rid, ver, sender, sender_name, signature, text, origin, source_file, note, status, author, at) = rows[0]
    answers = fetch_rows(con, "recipe_answers", {"recipe_id": rid, "version": ver})
    return Recipe(
        int(rid),
        int(ver),
        str(sender),
        str(signature),
        str(text),
        tuple((str(k), str(q), str(a)) for k, q, a in answers),
        str(status),
        str(author),
        at,
        str(origin),
        source_file,
        note,
        sender_name,
    )


def save_recipe(
    con: duckdb.DuckDBPyConnection,
    sender: str,
    signature: str,
    layout_text: str,
    answers: AnswerMap,
    author: str,
    *,
    origin: str,
    source_file: str | None = None,
    note: str | None = None,
) -> Recipe | None:
    """A new version of the sender's recipe for this layout (a new recipe if it has none) with
    these answers; the current recipe when the answers are the same; None when there are none.
    Call inside ``write_session``."""
    current = current_recipe(con, sender, signature)
    if current is not None and current.answer_map == dict(answers):
        return current
    if not answers:
        return None
    fields = {
        "sender_code": sender,
        "layout_signature": signature,
        "layout_text": layout_text,
        "origin": origin,
        "source_file": source_file,
        "note": note,
        "status": "active",
    }
    recipe_id, version = save_version(con, "recipes", fields, author, current.recipe_id if current else None)
    _insert_answers(con, recipe_id, version, answers)
    return load_recipe(con, recipe_id, version)


def edit_recipe(db_path: Path, recipe_id: int, answers: AnswerMap, author: str, note: str | None = None) -> Recipe:
    """Change a recipe's answers: a new version. Raises AnswerError (Vietnamese) when it cannot."""
    with write_session(db_path) as con:
        latest = _editable(con, recipe_id)
        if not answers:
            raise AnswerError("Không còn câu trả lời nào. Nếu không cần bộ câu trả lời này nữa, hãy xóa nó.")
        _check(con, answers)
        if latest.answer_map == dict(answers):
            raise AnswerError("Các câu trả lời không thay đổi: không lưu phiên bản mới.")
        fields = {"origin": "edit", "source_file": None, "note": note, "status": "active"}
        fields |= {"sender_code": latest.sender_code, "layout_signature": latest.layout_signature}
        version = save_version(con, "recipes", {**fields, "layout_text": latest.layout_text}, author, recipe_id)[1]
        _insert_answers(con, recipe_id, version, answers)
        saved = load_recipe(con, recipe_id, version)
    assert saved is not None
    return saved


def withdraw_recipe(db_path: Path, recipe_id: int, author: str, note: str | None = None) -> int:
    """Delete a recipe as a "withdrawn" version (its answers kept with it); returns the version."""
    with write_session(db_path) as con:
        latest = _editable(con, recipe_id)
        changes = {"origin": "withdraw", "source_file": None, "note": note}
        version = withdraw(con, "recipes", recipe_id, author, changes)
        _insert_answers(con, recipe_id, version, latest.answer_map)
    return version


def import_recipe(
    db_path: Path,
    sender: str,
    signature: str,
    layout_text: str,
    answers: AnswerMap,
    author: str,
    note: str | None = None,
) -> Recipe:
    """Save answers read from an answers file as the sender's recipe for a layout (a new version
    if the sender has one). Raises AnswerError (Vietnamese) for an unknown sender or a bad answer."""
    with write_session(db_path) as con:
        if sender not in {str(c) for (c,) in fetch_rows(con, "sender_codes")}:
            raise AnswerError(f"Không có bên gửi mã '{sender}' trong danh sách bên gửi.")
        if not answers:
            raise AnswerError("Tệp không có câu trả lời nào để lưu.")
        _check(con, answers)
        saved = save_recipe(con, sender, signature, layout_text, answers, author, origin="import", note=note)
    assert saved is not None
    return saved


def read_recipe(db_path: Path, recipe_id: int, version: int | None = None) -> Recipe | None:
    with open_reader(db_path) as con:
        return load_recipe(con, recipe_id, version)


def _editable(con: duckdb.DuckDBPyConnection, recipe_id: int) -> Recipe:
    latest = load_recipe(con, recipe_id)
    if latest is None:
        raise AnswerError(f"Không có bộ câu trả lời số {recipe_id}.")
    if latest.status != "active":
        raise AnswerError(f"Bộ câu trả lời số {recipe_id} đã bị xóa (phiên bản {latest.version}).")
    return latest


def _check(con: duckdb.DuckDBPyConnection, answers: AnswerMap) -> None:
    problems = check_answers(answers, Reference.from_store(con))
    if problems:
        raise AnswerError(" ".join(problems))


def _insert_answers(con: duckdb.DuckDBPyConnection, recipe_id: int, version: int, answers: AnswerMap) -> None:
    rows = [
        {"recipe_id": recipe_id, "version": version, "kind": k, "question_key": key, "answer": a}
        for (k, key), a in sorted(answers.items())
    ]
    insert_rows(con, "recipe_answers", rows)


def _migrated(con: duckdb.DuckDBPyConnection) -> bool:
    [(present,)] = fetch_rows(con, "table_exists", {"table_name": "recipes"})
    return bool(present)
