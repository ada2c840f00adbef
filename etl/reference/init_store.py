"""Creating and migrating the store and loading the reference data (etl init)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.reference.files import REFERENCE_DIR, parse_indicators, parse_targets, parse_units, read_csv_rows
from etl.reference.prices import parse_price_index
from etl.reference.review import parse_policy_events, seed_policy_events
from etl.reference.senders import parse_rounds, parse_senders
from etl.reference.tasks import parse_tasks
from etl.reference.unit_changes import changes_path, parse_unit_changes
from store import open_reader, write_session
from store.reference import ILLUSTRATIVE_KEY, replace_reference, set_meta
from store.workspace import add_missing_rounds


def init_store(db_path: Path, units_file: Path | None = None, reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """Create or migrate the store and replace its reference data; returns notes.

    Without `units_file`, a store that already holds a province's own registry
    keeps it (only the catalogue and targets are refreshed); a new store, or
    one holding the demo, gets the bundled demo registry.
    """
    groups = [{**row, "sort_order": int(row["sort_order"])} for row in read_csv_rows(reference_dir / "groups.csv")]
    tasks = parse_tasks(reference_dir / "tasks.csv")
    indicators, indicator_aliases = parse_indicators(reference_dir / "indicators.csv", {t["number"] for t in tasks})
    tables: dict[str, list[dict[str, Any]]] = {
        "resolution_tasks": tasks,
        "indicator_groups": groups,
        "indicators": indicators,
        "indicator_aliases": indicator_aliases,
    }
    kept_units = None if units_file else _own_registry(db_path)
    if kept_units is None:
        units_path = units_file or reference_dir / "units.csv"
        tables["units"], tables["unit_aliases"] = parse_units(units_path)
        units = tables["units"]
        tables["unit_changes"] = parse_unit_changes(changes_path(units_path), units)
        registry_note = f"Danh mục đơn vị: {units_path}"
    else:
        units, registry_note = kept_units, "Giữ nguyên danh mục đơn vị của tỉnh đã có trong cơ sở dữ liệu"
    unit_codes = {u["code"] for u in units}
    tables["targets"], notes = parse_targets(reference_dir / "targets.csv", unit_codes, {i["code"] for i in indicators})
    tables["senders"], tables["sender_indicators"] = parse_senders(reference_dir / "senders.csv", units, indicators)
    tables["price_index"] = parse_price_index(reference_dir / "deflator.csv")
    rounds = parse_rounds(reference_dir / "rounds.csv")
    events = parse_policy_events(reference_dir / "policy_events.csv")
    with write_session(db_path, create=True) as con:
        replace_reference(con, tables, notes=[("targets.csv", n) for n in notes] + [("units", registry_note)])
        add_missing_rounds(con, rounds, actor="etl init")
        seed_policy_events(con, events, actor="etl init")
        if kept_units is None:
            # The bundled registry is the fictional demo province: everything shown is illustrative.
            set_meta(con, ILLUSTRATIVE_KEY, "0" if units_file else "1")
    return notes


def _own_registry(db_path: Path) -> list[dict[str, Any]] | None:
    """The units (code, name, parent_code) of a province's own registry already in the store, else None."""
    if not db_path.exists():
        return None
    con = open_reader(db_path)
    try:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "store_meta" not in tables:
            return None
        meta = con.execute("SELECT value FROM store_meta WHERE key = ?", [ILLUSTRATIVE_KEY]).fetchone()
        if meta is None or meta[0] != "0":
            return None
        rows = con.execute("SELECT code, name, parent_code FROM units ORDER BY sort_order").fetchall()
        return [{"code": c, "name": n, "parent_code": p} for c, n, p in rows]
    finally:
        con.close()
