"""Real files of the corpus (tests/fixtures/real/) for the recipe tests: a store with a source's
province registry, and the next round of a source — the same publication a year later, its
years moved on and a few figures changed, typed into a copy of the published file."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook

from etl.load.pipeline import FileReport, load_content
from etl.questions import FileAnswers
from etl.reference.init_store import init_store

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
HAIPHONG = REAL / "haiphong_truong_pt_quan_2015_2016" / "table.xlsx"  # asks: total row «TỔNG SỐ»
NGHEAN = REAL / "nghean_hs_phothong_2017" / "table.xlsx"  # asks: whose figures (reporting unit)


def real_store(path: Path, registry: str) -> Path:
    """A migrated store with a province registry of the corpus (``registries/units_<code>.csv``)."""
    init_store(path, REAL / "registries" / f"units_{registry}.csv")
    return path


def haiphong_remembered(db: Path, name: str = "truong_2015.xlsx") -> FileReport:
    """Hải Phòng's 2015-2016 table loaded into ``db`` by the education department ("lan") with the
    one answer it needs (the total row of its second table is the city's), remembered as recipe 1."""
    report = load_content(
        HAIPHONG.read_bytes(),
        name,
        db,
        answers=FileAnswers({("total-row", "TỔNG SỐ"): "31"}),
        sender_code="so_gddt",
        actor="lan",
        remember=True,
    )
    assert report.status == "loaded" and report.recipe is not None
    return report


def next_round(source: Path, texts: Mapping[str, str], cells: Mapping[str, object]) -> bytes:
    """A copy of ``source`` with each text replaced in every cell, then ``cells`` set."""
    wb = load_workbook(source)
    ws = wb.active
    assert ws is not None
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                for old, new in texts.items():
                    cell.value = cell.value.replace(old, new)
    for ref, value in cells.items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def haiphong_2016() -> bytes:
    """Hải Phòng's table of school year 2016-2017: Hồng Bàng has one more primary school (the city
    total and the all-level totals follow), and the city 4.470 primary classes instead of 4.461."""
    return next_round(
        HAIPHONG,
        {"2015-2016": "2016-2017", "30/12/2016": "29/12/2017", "2,234": "1,108"},
        {"B10": "469", "C10": "217", "B11": "21", "C11": "10", "C33": "4.470"},
    )


def nghean_2018() -> bytes:
    """Nghệ An's pupils table of the 2018 yearbook: every year one on, the preliminary year's
    primary pupils revised."""
    return next_round(
        NGHEAN,
        {"Prel.2017": "Prel.2018"},
        {"B7": "2011", "C7": "2015", "D7": "2016", "E7": "2017", "F9": "262 004"},
    )
