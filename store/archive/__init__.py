"""The archive in open formats: every table a province must keep, as Parquet and CSV.

``export_archive`` reads one snapshot of the store (a read connection) and writes,
for each dataset of datasets.csv, ``<name>.parquet`` and ``<name>.csv`` (UTF-8,
header row, comma-separated) plus a README.md describing every column from
columns.csv, so the record can be read without this software. The archive is
written to a temporary folder beside the target and renamed into place.
"""

from __future__ import annotations

import csv
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from store.connection import open_reader
from store.queries import load_sql

HERE = Path(__file__).resolve().parent


class ArchiveError(RuntimeError):
    """The archive cannot be written; the message is Vietnamese."""


@dataclass(frozen=True)
class Dataset:
    name: str
    source: str
    description: str


@dataclass(frozen=True)
class Written:
    dataset: Dataset
    rows: int
    columns: list[tuple[str, str]]


def datasets() -> list[Dataset]:
    with open(HERE / "datasets.csv", encoding="utf-8", newline="") as handle:
        return [Dataset(**row) for row in csv.DictReader(handle)]


def column_notes() -> dict[tuple[str, str], str]:
    """(dataset, column) -> meaning; dataset "*" holds the meaning a column has everywhere."""
    with open(HERE / "columns.csv", encoding="utf-8", newline="") as handle:
        return {(row["dataset"], row["column"]): row["description"] for row in csv.DictReader(handle)}


def export_archive(db: Path, target: Path) -> list[Written]:
    """Write the archive into ``target`` (which must not exist or be empty)."""
    target = target.resolve()
    if target.exists() and any(target.iterdir()):
        raise ArchiveError(f"Thư mục {target} đã có tệp; hãy chọn một thư mục mới hoặc trống.")
    work = target.with_name(f".{target.name}.archive.tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    con = open_reader(db)
    try:
        written = [_write_dataset(con, dataset, work) for dataset in datasets()]
        stamp = datetime.now()
        (work / "README.md").write_text(readme(written, db, stamp), encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(work, target)
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)
    return written


def _relation(con: duckdb.DuckDBPyConnection, source: str) -> duckdb.DuckDBPyRelation:
    kind, _, name = source.partition(":")
    if kind == "query":
        return con.sql(load_sql(name))
    if kind == "table":
        return con.table(name)
    raise ValueError(f"Unknown archive source {source!r}")


def _write_dataset(con: duckdb.DuckDBPyConnection, dataset: Dataset, folder: Path) -> Written:
    relation = _relation(con, dataset.source)
    relation.write_parquet(str(folder / f"{dataset.name}.parquet"))
    relation.write_csv(str(folder / f"{dataset.name}.csv"), header=True)
    columns = [(name, str(kind)) for name, kind in zip(relation.columns, relation.types, strict=True)]
    count = relation.aggregate("count(*)").fetchall()
    return Written(dataset, int(count[0][0]), columns)


def readme(written: list[Written], db: Path, stamp: datetime) -> str:
    """The archive's README: what each file holds and what each column means."""
    notes = column_notes()
    lines = [
        "# Archive of the NQ 29 review store",
        "",
        f"Written {stamp:%Y-%m-%d %H:%M} from `{db.name}`. Each dataset is in two files with the same rows:",
        "`<name>.parquet` (Apache Parquet, typed) and `<name>.csv` (UTF-8, comma-separated, a header row,",
        "ISO dates `YYYY-MM-DD` and times `YYYY-MM-DD HH:MM:SS.ffffff`, empty field = no value, `.` as decimal point).",
        "Nothing was deleted from the store: superseded and withdrawn versions are rows like the others.",
        "",
        "| file | rows | what it holds |",
        "|---|---|---|",
    ]
    lines += [f"| `{w.dataset.name}` | {w.rows} | {w.dataset.description} |" for w in written]
    for w in written:
        lines += [
            "",
            f"## `{w.dataset.name}`",
            "",
            w.dataset.description,
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{name}` | {kind} | {notes.get((w.dataset.name, name), notes.get(('*', name), ''))} |"
            for name, kind in w.columns
        ]
    return "\n".join(lines) + "\n"
