"""Policy events as editable data (data/reference/policy_events.csv), seeded once into the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from etl.reference.files import read_csv_rows
from etl.reference.model import ReferenceDataError
from store.review import save_version


def parse_policy_events(path: Path) -> list[dict[str, Any]]:
    rows, problems = [], []
    for line, r in enumerate(read_csv_rows(path), start=2):
        try:
            year = int(r["year"])
            last = int(r["last_year"]) if r["last_year"] else None
            issued = date.fromisoformat(r["issued_on"]) if r.get("issued_on") else None
        except ValueError:
            problems.append(f"{path.name}:{line}: năm phải là số, ngày ban hành có dạng YYYY-MM-DD")
            continue
        if not r["title"] or not r["indicators"]:
            problems.append(f"{path.name}:{line}: cần tiêu đề và danh sách chỉ tiêu ('*' cho mọi chỉ tiêu)")
        rows.append(
            {
                "year": year,
                "last_year": last,
                "title": r["title"],
                "description": r["description"] or None,
                "indicators": r["indicators"],
                "issued_on": issued,
                "status": "active",
            }
        )
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows


def seed_policy_events(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]], actor: str) -> None:
    """The bundled events go in once; later edits by analysts are versions and are kept."""
    if con.execute("SELECT count(*) FROM policy_events").fetchall()[0][0]:
        return
    for event in events:
        save_version(con, "policy_events", event, actor)
