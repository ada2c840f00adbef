"""Creating and migrating the store and loading the reference data (etl init)."""

from __future__ import annotations

from pathlib import Path

from etl.reference import REFERENCE_DIR, parse_indicators, parse_targets, parse_units, read_csv_rows
from store import write_session
from store.reference import ILLUSTRATIVE_KEY, replace_reference, set_meta


def init_store(db_path: Path, units_file: Path | None = None, reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """Create or migrate the store and replace its reference data; returns notes."""
    groups = [{**row, "sort_order": int(row["sort_order"])} for row in read_csv_rows(reference_dir / "groups.csv")]
    indicators, indicator_aliases = parse_indicators(reference_dir / "indicators.csv")
    units_path = units_file or reference_dir / "units.csv"
    units, unit_aliases = parse_units(units_path)
    targets, notes = parse_targets(
        reference_dir / "targets.csv", {u["code"] for u in units}, {i["code"] for i in indicators}
    )
    with write_session(db_path) as con:
        replace_reference(
            con,
            {
                "indicator_groups": groups,
                "indicators": indicators,
                "indicator_aliases": indicator_aliases,
                "units": units,
                "unit_aliases": unit_aliases,
                "targets": targets,
            },
            notes=[("targets.csv", n) for n in notes] + [("units", f"Danh mục đơn vị: {units_path}")],
        )
        # The bundled registry is the fictional demo province: everything shown is illustrative.
        set_meta(con, ILLUSTRATIVE_KEY, "0" if units_file else "1")
    return notes
