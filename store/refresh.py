"""Refreshing the materialised ``indicator_values`` after a write: only what the write changed.

A write session marks where it starts (the last batch and acceptance, the batches rolled back,
fingerprints of the catalogue and the registry). At its end the values whose inputs changed are
recomputed by the same derivation views, over temporary copies of their keyed inputs that hold
only what those values are derived from (store/queries/refresh_*.sql):

* changed keys: the (unit, indicator, year) of the new batches' values and kept issues, of the
  rolled-back batches', and of the values analysts accepted or revoked;
* in scope: those keys, the ratio indicators built on them, and the parents' aggregates;
* inputs: every key a value in scope is derived from (a ratio's parts, a parent's children).

A catalogue or registry change, a migration or a new store refreshes everything; a write that
changes none of these inputs (a note, a setting, a recipe) refreshes nothing. The full and the
incremental refresh give the same table (tests/test_refresh.py compares them after random
loads, rollbacks and acceptances).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from store.queries import fetch_rows, load_sql

ORDER = " ORDER BY indicator_code, unit_code, year"


@dataclass(frozen=True)
class Mark:
    """What a write session started from."""

    last_batch: int
    last_acceptance: int
    rolled_back: frozenset[int]
    catalogue: str
    registry: str


def mark(con: duckdb.DuckDBPyConnection) -> Mark:
    [(last_batch, last_acceptance, catalogue, registry)] = fetch_rows(con, "refresh_mark")
    return Mark(int(last_batch), int(last_acceptance), _rolled_back(con), str(catalogue), str(registry))


def refresh(con: duckdb.DuckDBPyConnection, start: Mark | None) -> str:
    """Bring ``indicator_values_table`` up to date with the session's changes since ``start``
    (None: recompute everything). Returns what it did: "full", "incremental" or "none"."""
    now = mark(con) if start is not None else None
    if start is None or now is None or (now.catalogue, now.registry) != (start.catalogue, start.registry):
        full_refresh(con)
        return "full"
    rolled_back = sorted(now.rolled_back - start.rolled_back)
    if (now.last_batch, now.last_acceptance) == (start.last_batch, start.last_acceptance) and not rolled_back:
        return "none"
    try:
        since = {"last_batch": start.last_batch, "rolled_back": rolled_back}
        con.execute(load_sql("refresh_changed_keys"), {**since, "last_acceptance": start.last_acceptance})
        con.execute(load_sql("refresh_scope"))
        con.execute(load_sql("refresh_inputs"))
        con.execute(load_sql("refresh_restrict_observations"), since)
        con.execute(load_sql("refresh_restrict_inputs"))
        con.execute(load_sql("refresh_scoped_delete"))
        con.execute(
            "INSERT INTO main.indicator_values_table SELECT v.* FROM ("
            + load_sql("derived_values")
            + ") AS v SEMI JOIN refresh_scope AS s USING (unit_code, indicator_code, year)"
            + ORDER
        )
    finally:
        con.execute(load_sql("refresh_cleanup"))
    return "incremental"


def full_refresh(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(load_sql("refresh_indicator_values"))
    con.execute("INSERT INTO indicator_values_table " + load_sql("derived_values") + ORDER)


def _rolled_back(con: duckdb.DuckDBPyConnection) -> frozenset[int]:
    return frozenset(int(row[0]) for row in fetch_rows(con, "rolled_back_batches"))
