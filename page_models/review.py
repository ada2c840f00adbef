"""Nguyên nhân, sự kiện, khen thưởng: validated writes (as versions) and the tables the pages draw."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.commendations import (
    FIELD_LABELS_VI,
    KIND_LABELS_VI,
    QUOTA_STATE_VI,
    STATUS_LABELS_VI,
    Quota,
    check_quotas,
    parse_quotas,
)
from analysis.review import NOTE_KINDS_VI
from analysis.rounds import Round
from etl.reference.files import REFERENCE_DIR, read_csv_rows
from store import write_session
from store.review import save_version, withdraw


class ReviewInputError(ValueError):
    """What the analyst typed cannot be saved (message in Vietnamese)."""


def save_note(db_path: Path, fields: Mapping[str, Any], author: str, note_id: int | None = None) -> int:
    """A new note, or a new version of one; returns its id."""
    if fields.get("kind") not in NOTE_KINDS_VI:
        raise ReviewInputError("Chọn loại ghi chú.")
    if not str(fields.get("text") or "").strip():
        raise ReviewInputError("Nội dung ghi chú không được để trống.")
    if not fields.get("indicator_code"):
        raise ReviewInputError("Chọn chỉ tiêu.")
    _check_years(fields.get("first_year"), fields.get("last_year"))
    row = {**fields, "text": str(fields["text"]).strip(), "status": "active"}
    with write_session(db_path) as con:
        return save_version(con, "notes", row, author, note_id)[0]


def save_event(db_path: Path, fields: Mapping[str, Any], author: str, event_id: int | None = None) -> int:
    if not str(fields.get("title") or "").strip():
        raise ReviewInputError("Sự kiện cần có tên.")
    if not str(fields.get("indicators") or "").strip():
        raise ReviewInputError("Chọn các chỉ tiêu chịu ảnh hưởng ('*' cho mọi chỉ tiêu).")
    _check_years(fields.get("year"), fields.get("last_year"))
    with write_session(db_path) as con:
        return save_version(con, "policy_events", {**fields, "status": "active"}, author, event_id)[0]


def save_nomination(
    db_path: Path,
    fields: Mapping[str, Any],
    author: str,
    nomination_id: int | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> int:
    """A new nomination or a new version; the achievement report file is kept with the version."""
    for key, label in (("name", "Tên"), ("achievement", "Tóm tắt thành tích"), ("nominator_code", "Đơn vị đề nghị")):
        if not str(fields.get(key) or "").strip():
            raise ReviewInputError(f"{label} không được để trống.")
    if fields.get("kind") not in KIND_LABELS_VI or fields.get("field") not in FIELD_LABELS_VI:
        raise ReviewInputError("Chọn loại đề nghị và lĩnh vực.")
    if fields.get("status") not in STATUS_LABELS_VI:
        raise ReviewInputError("Chọn tình trạng.")
    row = {**fields, "file_name": attachment[0] if attachment else fields.get("file_name")}
    with write_session(db_path) as con:
        record_id, version = save_version(con, "nominations", row, author, nomination_id)
        if attachment is not None:
            con.execute(
                "INSERT INTO nomination_files (nomination_id, version, content) VALUES (?, ?, ?)",
                [record_id, version, attachment[1]],
            )
    return record_id


def withdraw_record(db_path: Path, table: str, record_id: int, author: str) -> None:
    with write_session(db_path) as con:
        withdraw(con, table, record_id, author)


def _check_years(first: object, last: object) -> None:
    if first is not None and last is not None and int(str(first)) > int(str(last)):
        raise ReviewInputError("Năm bắt đầu phải không lớn hơn năm kết thúc.")


def notes_table(notes: pd.DataFrame) -> pd.DataFrame:
    """Notes as a reader sees them: kind, indicator, where, when, text, author."""
    if notes.empty:
        return pd.DataFrame(columns=["Loại", "Chỉ tiêu", "Địa bàn", "Giai đoạn", "Nội dung", "Người ghi", "Ngày"])
    return pd.DataFrame(
        {
            "Loại": notes["kind"].map(NOTE_KINDS_VI),
            "Chỉ tiêu": notes["indicator_name"],
            "Địa bàn": notes["unit_name"].fillna("Toàn tỉnh"),
            "Giai đoạn": [_period(f, t) for f, t in zip(notes["first_year"], notes["last_year"], strict=True)],
            "Nội dung": notes["text"],
            "Người ghi": notes["author"],
            "Ngày": pd.to_datetime(notes["written_at"]).dt.date,
        }
    )


def _year(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _period(first_value: Any, last_value: Any) -> str:
    first, last = _year(first_value), _year(last_value)
    if first is None and last is None:
        return "Cả giai đoạn"
    if first is None:
        return f"Đến {last}"
    if last is None:
        return f"Từ {first}"
    return str(first) if first == last else f"{first}–{last}"


@dataclass
class RegisterView:
    table: pd.DataFrame  # one row per nomination, Vietnamese labels
    by_district_field: pd.DataFrame  # nominator × field counts
    quotas: pd.DataFrame  # nominator × quota: count, quota, state, late
    problems: list[str]  # Vietnamese sentences: missing, over, late


def build_register(
    nominations: pd.DataFrame, quotas: list[Quota], districts: dict[str, str], round_: Round
) -> RegisterView:
    """``districts``: the quota holders, code → name (districts that still existed in the round's last year)."""
    checks = check_quotas(nominations, quotas, districts, round_.last_on_time)
    quota_rows = pd.DataFrame(
        [
            {
                "Đơn vị": c.nominator,
                "Chỉ tiêu đề nghị": c.quota.label,
                "Đã đề nghị": c.count,
                "Tình trạng": QUOTA_STATE_VI[c.state],
                "Nộp sau hạn": c.late,
            }
            for c in checks
        ]
    )
    ended = nominations[
        (nominations["level"] == "district") & ~nominations["nominator_code"].astype(str).isin(districts)
    ]
    problems = (
        [
            f"{c.nominator}: {QUOTA_STATE_VI[c.state].lower()} ({c.count}/{c.quota.quota} — {c.quota.label})"
            for c in checks
            if c.state != "ok"
        ]
        + [
            f"{name}: không còn là đơn vị đề nghị trong đợt này (đã sáp nhập hoặc giải thể); "
            "chuyển đề nghị sang đơn vị kế thừa"
            for name in dict.fromkeys(ended["nominator_name"].astype(str))
        ]
        + [
            f"{c.nominator}: {c.late} đề nghị nhận sau hạn (trước ngày {round_.deadline:%d/%m/%Y})"
            if not round_.deadline_inclusive
            else f"{c.nominator}: {c.late} đề nghị nhận sau hạn ngày {round_.deadline:%d/%m/%Y}"
            for c in checks
            if c.late
        ]
    )
    table = pd.DataFrame(
        {
            "Cấp": nominations["level"].map({"district": "Huyện", "province": "Tỉnh"}),
            "Đơn vị đề nghị": nominations["nominator_name"],
            "Loại": nominations["kind"].map(KIND_LABELS_VI),
            "Tên": nominations["name"],
            "Chức vụ / địa chỉ": nominations["position"],
            "Lĩnh vực": nominations["field"].map(FIELD_LABELS_VI),
            "Thành tích": nominations["achievement"],
            "Tình trạng": nominations["status"].map(STATUS_LABELS_VI),
            "Ngày nhận": pd.to_datetime(nominations["received_on"]).dt.date,
        }
    )
    by_field = (
        table.pivot_table(index="Đơn vị đề nghị", columns="Lĩnh vực", values="Tên", aggfunc="count", fill_value=0)
        if not table.empty
        else pd.DataFrame()
    )
    return RegisterView(table, by_field, quota_rows, problems)


def nomination_file(db_path: Path, nomination_id: int, version: int) -> bytes:
    """The achievement report attached to one version of a nomination."""
    from store import open_reader

    con = open_reader(db_path)
    try:
        rows = con.execute(
            "SELECT content FROM nomination_files WHERE nomination_id = ? AND version = ?", [nomination_id, version]
        ).fetchall()
    finally:
        con.close()
    return bytes(rows[0][0]) if rows else b""


def commendation_quotas(reference_dir: Path = REFERENCE_DIR) -> list[Quota]:
    """The plan's quotas from data/reference/commendation_quotas.csv."""
    return parse_quotas(read_csv_rows(reference_dir / "commendation_quotas.csv"))
