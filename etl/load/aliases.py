"""Saving an analyst's confirmation that a name in a file means a unit or an indicator.

``save_alias(db_path, "unit", "Phòng GD huyện Hoà Phong", "993", actor="lan")``
appends one row to ``analyst_aliases`` (who and when are kept; nothing is updated
or deleted). ``Reference.from_store`` reads the rows, the latest per name
winning, so the next file with that name matches. The upload page calls this
function after the analyst picks one of an issue's ``suggestions``; the command
line is ``python -m etl alias unit|indicator "TEXT" CODE``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from etl.reference.model import Reference
from store import write_session
from vocab.text import clean_text, fold_key

KINDS = ("unit", "indicator")


class AliasError(ValueError):
    """The alias cannot be saved; the message is Vietnamese and says why."""


def alias_key(alias: str) -> str:
    """The matching key: the folded full text (a unit keeps its prefix, so "Thị xã X" ≠ "Huyện X")."""
    return fold_key(alias)


def save_alias(db_path: Path, kind: str, alias: str, code: str, actor: str) -> None:
    """Record that ``alias`` means the unit or indicator ``code``; raises AliasError if it cannot."""
    if kind not in KINDS:
        raise AliasError(f"Loại bí danh '{kind}' không hợp lệ (unit hoặc indicator).")
    text = clean_text(alias)
    key = alias_key(text)
    if not key:
        raise AliasError("Bí danh rỗng.")
    if not actor.strip():
        raise AliasError("Cần ghi người xác nhận bí danh.")
    table = "units" if kind == "unit" else "indicators"
    with write_session(db_path) as con:
        found = con.execute(f"SELECT count(*) FROM {table} WHERE code = ?", [code]).fetchone()
        if not found or not found[0]:
            raise AliasError(f"Không có mã '{code}' trong danh mục {'đơn vị' if kind == 'unit' else 'chỉ tiêu'}.")
        ref = Reference.from_store(con)
        current = ref.find_unit(text) if kind == "unit" else ref.indicator_aliases.get(key)
        if current is not None and current != code:
            raise AliasError(f"Tên '{text}' đã ứng với mã {current}; không ghi đè bằng {code}.")
        con.execute(
            "INSERT INTO analyst_aliases (alias_id, kind, alias, alias_key, code, created_by, created_at) "
            "VALUES (nextval('analyst_alias_ids'), ?, ?, ?, ?, ?, ?)",
            [kind, text, key, code, actor.strip(), datetime.now()],
        )
