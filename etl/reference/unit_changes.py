"""Administrative changes of the districts, read from ``<registry stem>_changes.csv``.

One row per event (``year,change,from_code,to_code,note``):

* ``renamed`` / ``upgraded``: the same unit under a new name or status from
  ``year`` (``from_code`` = ``to_code``; a different ``to_code`` means the code
  changed too and the old code's years belong to the new one);
* ``merged``: ``from_code``'s territory is part of ``to_code`` from ``year``
  (A + B → C is two rows, A → C and B → C; C may be A or B itself);
* ``split``: ``to_code`` was carved out of ``from_code`` in ``year``; neither
  unit's series before ``year`` is on its current boundaries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.reference.files import read_csv_rows
from etl.reference.model import ReferenceDataError

CHANGE_KINDS = ("renamed", "upgraded", "merged", "split")


def changes_path(units_path: Path) -> Path:
    """The changes file that goes with a registry file: units.csv → units_changes.csv."""
    return units_path.with_name(f"{units_path.stem}_changes.csv")


def parse_unit_changes(path: Path, units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Change rows for the store; an absent file means no change. Raises on any violation."""
    if not path.exists():
        return []
    known = {u["code"]: u for u in units}
    rows, problems = [], []
    for line, r in enumerate(read_csv_rows(path), start=2):
        where = f"{path.name}:{line}"
        change, source, target = r.get("change", ""), r.get("from_code", ""), r.get("to_code", "")
        if change not in CHANGE_KINDS:
            problems.append(f"{where}: change '{change}' không hợp lệ (cho phép: {list(CHANGE_KINDS)})")
        missing = [c for c in (source, target) if c not in known]
        problems += [f"{where}: mã đơn vị '{c}' không có trong danh mục" for c in missing]
        if not r.get("year", "").isdigit():
            problems.append(f"{where}: năm '{r.get('year', '')}' không hợp lệ")
            continue
        year = int(r["year"])
        if change in ("merged", "split") and source == target:
            problems.append(f"{where}: {change} cần hai mã đơn vị khác nhau")
        elif change == "merged" and not missing and (known[source]["valid_to"] or 9999) >= year:
            problems.append(f"{where}: đơn vị {source} đã sáp nhập từ {year} nên valid_to phải trước {year}")
        elif change == "split" and not missing and (known[target]["valid_from"] or 0) != year:
            problems.append(f"{where}: đơn vị mới {target} phải có valid_from = {year}")
        rows.append(
            {"year": year, "change": change, "from_code": source, "to_code": target, "note": r.get("note") or None}
        )
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows
