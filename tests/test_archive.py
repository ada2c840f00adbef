"""The archive in open formats (store/archive): its CSV and Parquet files hold exactly the
store's rows, every value with its provenance, and its README describes every column."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.cli import main
from etl.load.pipeline import load_paths
from store import write_session
from store.archive import datasets
from store.batches import rollback_batch
from tests.conftest import current_values, query_rows


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def archived(store: Path, write_template: Callable[..., Path], tmp_path: Path) -> Path:
    files = [
        write_template("993", {("th_hs", 2015): 9000, ("th_hs", 2016): 9100}),
        write_template("993", {("th_hs", 2015): 9001}, name="later.xlsx"),
        write_template("999", {("th_hs", 2015): 8000}),
    ]
    for path, actor in zip(files, ["lan", "minh", "lan"], strict=True):
        assert all(report.ok for report in load_paths([path], store, actor=actor))
    with write_session(store) as con:
        rollback_batch(con, int(con.execute("SELECT max(batch_id) FROM batches").fetchone()[0]), "lan", "nhầm tệp")
    folder = tmp_path / "kho_luu_tru"
    assert main(["export-archive", str(folder), "--db", str(store)]) == 0
    return folder


def test_archive_values_round_trip_with_their_provenance(store: Path, archived: Path) -> None:
    rows = read_csv(archived / "values.csv")
    stored = query_rows(
        store,
        "SELECT o.batch_id, o.unit_code, o.indicator_code, o.year, o.value, o.sheet, o.cell, b.file_name, "
        "b.loaded_by, strftime(b.loaded_at, '%Y-%m-%d %H:%M:%S') FROM observations o JOIN batches b USING (batch_id)",
    )
    assert sorted(
        (
            int(r["batch_id"]),
            r["unit_code"],
            r["indicator_code"],
            int(r["year"]),
            float(r["value"]),
            r["sheet"],
            r["cell"],
            r["file_name"],
            r["loaded_by"],
            r["loaded_at"][:19],
        )
        for r in rows
    ) == sorted(stored)
    current = {
        (r["unit_code"], r["indicator_code"], int(r["year"])): float(r["value"])
        for r in rows
        if r["status"] == "current"
    }
    assert current == current_values(store)
    assert {r["status"] for r in rows} == {"current", "superseded", "rolled_back"}


def test_every_dataset_is_in_parquet_and_csv_with_the_store_rows(store: Path, archived: Path) -> None:
    readme = (archived / "README.md").read_text(encoding="utf-8")
    for dataset in datasets():
        csv_rows = read_csv(archived / f"{dataset.name}.csv")
        parquet_rows = query_rows(store, f"SELECT * FROM read_parquet('{archived / dataset.name}.parquet')")
        assert len(csv_rows) == len(parquet_rows), dataset.name
        if dataset.source.startswith("table:"):
            table = dataset.source.partition(":")[2]
            assert query_rows(store, f"SELECT count(*) FROM {table}")[0][0] == len(csv_rows), dataset.name
        assert f"## `{dataset.name}`" in readme
        header = (archived / f"{dataset.name}.csv").read_text(encoding="utf-8").splitlines()[0]
        for column in header.split(","):
            assert f"| `{column}` |" in readme, (dataset.name, column)
    assert "|  |\n" not in readme  # every column has its meaning
    units = {r["code"]: r["name"] for r in read_csv(archived / "units.csv")}
    assert units["999"] == "Huyện Mường Khoa"  # UTF-8 Vietnamese text survives


def test_archive_refuses_a_folder_with_files(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["export-archive", str(folder), "--db", str(store)]) == 1
    assert "đã có tệp" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
