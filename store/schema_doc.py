"""The current schema as a Markdown page, generated from the migrations: ``make schema-doc``.

Applies every migration to an empty in-memory database and lists each table and view with its
columns and the migration that last defined it. tests/test_docs.py checks that docs/schema.md is
what this prints, so the page can never fall behind a migration.
"""

from __future__ import annotations

import re
import sys

import duckdb

from store.migrate import apply_migrations, available_migrations

_DEFINES = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)


def _defined_in() -> dict[str, str]:
    """Object name → the file name of the last migration that creates it."""
    where: dict[str, str] = {}
    for _, _, path in available_migrations():
        for name in _DEFINES.findall(path.read_text(encoding="utf-8")):
            where[name.lower()] = path.name
    return where


def schema_markdown() -> str:
    con = duckdb.connect(":memory:")
    try:
        apply_migrations(con)
        objects = con.execute(
            "SELECT table_name, 'table' FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' "
            "ORDER BY 2, 1"
        ).fetchall()
        columns = con.execute(
            "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() "
            "WHERE NOT internal AND schema_name = 'main' ORDER BY table_name, column_index"
        ).fetchall()
    finally:
        con.close()
    where = _defined_in()
    lines = [
        "# Current schema",
        "",
        "Generated from `store/migrations/` by `make schema-doc` (`python -m store.schema_doc`); do not edit.",
        "docs/data-model.md explains what the tables mean.",
        "",
    ]
    for name, kind in objects:
        source = where.get(name.lower(), "store/migrate.py")
        lines += [f"## `{name}` ({kind}; {source})", ""]
        lines += ["| column | type | null |", "|---|---|---|"]
        lines += [f"| `{c}` | {t} | {'yes' if n else 'no'} |" for table, c, t, n in columns if table == name]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(schema_markdown())
