"""The stores and files the benchmarks run against, built in temporary directories.

* the demo province (``build_demo``: 11 templates, 11 batches);
* the demo store grown to N× its batches: copies of the demo's own batches,
  values nudged, inserted with ``record_batch`` inside one ``write_session``
  (as if every unit had re-submitted corrected files N−1 times);
* a synthetic province of many districts, values from the demo model, inserted
  with ``record_batch`` (one batch per unit, no template round trip);
* district template files whose bytes differ (a ``bench_copy`` row in the
  hidden _meta sheet, which the reader skips) but whose values are the demo's.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path
from typing import Any

from etl import settings
from etl.demo import build_demo
from etl.demo.build import DEMO_DATA, demo_values
from etl.demo.model import DistrictModel, Profile, province_values
from etl.reference import template_layout as layout
from etl.reference.files import read_csv_rows
from etl.reference.init_store import init_store
from etl.reference.model import Reference
from etl.reference.template_source import TemplateSource
from store import open_reader, write_session
from store.batches import NewBatch, record_batch

DISTRICT = "994"
SYNTHETIC_PROVINCE = "90"
OBSERVATION_COLUMNS = ("unit_code", "indicator_code", "year", "value", "raw_value", "sheet", "cell", "flags")
TERRAINS = ("city", "town", "lowland", "midland", "mountain")


def make_demo_store(directory: Path) -> Path:
    """The demo province, built once; raises if any demo file failed to load."""
    db = directory / "demo.duckdb"
    reports = build_demo(db, directory / "files")
    failed = [r.file for r in reports if r.status != "loaded"]
    if failed:
        raise RuntimeError(f"demo files not loaded: {failed}")
    return db


def grow_store(source: Path, target: Path, factor: int) -> Path:
    """A copy of `source` holding `factor`× its batches (the extra ones re-record existing batches)."""
    shutil.copyfile(source, target)
    con = open_reader(source)
    try:
        batches = con.execute("SELECT batch_id, unit_code FROM batches ORDER BY batch_id").fetchall()
        columns = ", ".join(OBSERVATION_COLUMNS)
        observations = {
            batch_id: [
                dict(zip(OBSERVATION_COLUMNS, row, strict=True))
                for row in con.execute(f"SELECT {columns} FROM observations WHERE batch_id = ?", [batch_id]).fetchall()
            ]
            for batch_id, _ in batches
        }
    finally:
        con.close()
    with write_session(target) as wcon:
        for k in range(len(batches) * (factor - 1)):
            batch_id, unit_code = batches[k % len(batches)]
            batch = NewBatch(f"bench_copy_{k}.xlsx", _sha(f"bench-copy-{k}"), "template", unit_code, "bench")
            record_batch(wcon, batch, [_perturbed(o, k) for o in observations[batch_id]], [])
    return target


def _perturbed(observation: dict[str, Any], copy_no: int) -> dict[str, Any]:
    """The value moved by a few parts in ten thousand, so copies do not compress as repeats."""
    value = round(float(observation["value"]) * (1 + (copy_no % 97 + 1) * 1e-4), 2)
    return {**observation, "value": value, "raw_value": str(value)}


def district_files(db: Path, count: int, first_copy: int = 0, unit_code: str = DISTRICT) -> list[bytes]:
    """`count` filled templates of one demo district: same values, different bytes."""
    source = TemplateSource.from_store(db)
    values = demo_values()[unit_code]
    files = []
    for copy_no in range(first_copy, first_copy + count):
        wb = source.build(unit_code, values)
        wb[layout.META_SHEET].append(["bench_copy", copy_no])
        buffer = io.BytesIO()
        wb.save(buffer)
        files.append(buffer.getvalue())
    return files


def synthetic_profiles(n_districts: int) -> list[Profile]:
    """Deterministic district profiles spread over the demo's ranges (codes 9000, 9001, …)."""
    profiles = []
    for i in range(n_districts):
        development = round(0.05 + 0.95 * ((i * 17) % 60) / 59, 2)
        profiles.append(
            Profile(
                code=str(9000 + i),
                terrain=TERRAINS[i % len(TERRAINS)],
                population_2013=float(60_000 + ((i * 37) % 19) * 10_000),
                population_growth=0.005 + (i % 10) * 0.001,
                development=development,
                progress=round(0.55 + 0.45 * min(1.0, 2 * development), 2),
            )
        )
    return profiles


def make_province_store(directory: Path, n_districts: int) -> Path:
    """A province of `n_districts` districts, one batch each plus one for the province."""
    profiles = synthetic_profiles(n_districts)
    units_file = directory / "units.csv"
    with units_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "parent_code", "aliases", "valid_from", "valid_to"])
        writer.writerow([SYNTHETIC_PROVINCE, "Tỉnh Thử Nghiệm", "province", "", "", "", ""])
        for p in profiles:
            kind = {"city": "city", "town": "town"}.get(p.terrain, "district")
            writer.writerow([p.code, f"{_kind_name(kind)} Thử Nghiệm {p.code}", kind, SYNTHETIC_PROVINCE, "", "", ""])
    db = directory / f"province{n_districts}.duckdb"
    init_store(db, units_file)
    con = open_reader(db)
    try:
        reported = {code for code, ind in Reference.from_store(con).indicators.items() if ind.input == "reported"}
    finally:
        con.close()
    years = set(settings.review_years())
    unit_values = {p.code: DistrictModel(p).build() for p in profiles}
    unit_values[SYNTHETIC_PROVINCE] = province_values(read_csv_rows(DEMO_DATA / "province.csv"))
    with write_session(db) as wcon:
        for unit_code, values in unit_values.items():
            rows = [_observation(unit_code, code, year, value) for (code, year), value in values.items()]
            kept = [r for r in rows if r["indicator_code"] in reported and r["year"] in years]
            batch = NewBatch(
                f"synthetic_{unit_code}.xlsx", _sha(f"synthetic-{unit_code}"), "template", unit_code, "bench"
            )
            record_batch(wcon, batch, kept, [])
    return db


def store_counts(db: Path) -> dict[str, int]:
    con = open_reader(db)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM batches), (SELECT count(*) FROM observations), "
            "(SELECT count(*) FROM units WHERE parent_code IS NOT NULL)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return {"batches": int(row[0]), "observations": int(row[1]), "child_units": int(row[2])}


def _observation(unit_code: str, code: str, year: int, value: float) -> dict[str, Any]:
    return {
        "unit_code": unit_code,
        "indicator_code": code,
        "year": year,
        "value": float(value),
        "raw_value": str(value),
    }


def _kind_name(kind: str) -> str:
    return {"city": "Thành phố", "town": "Thị xã"}.get(kind, "Huyện")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
