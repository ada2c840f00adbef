"""Shared fixtures: a fresh store per test, the demo store once per session, and
helpers to write filled templates."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from etl.reference.init_store import init_store
from etl.reference.model import Reference
from etl.reference.template_source import TemplateSource
from store import open_reader

Values = Mapping[tuple[str, int], float]


@pytest.fixture(scope="session")
def _initialised_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template_store") / "base.duckdb"
    init_store(path)
    return path


@pytest.fixture
def store(_initialised_store: Path, tmp_path: Path) -> Path:
    """A migrated store with the reference data and no values."""
    path = tmp_path / "store.duckdb"
    shutil.copyfile(_initialised_store, path)
    return path


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo province, built once (read-only use)."""
    from etl.demo import build_demo

    base = tmp_path_factory.mktemp("demo")
    path = base / "demo.duckdb"
    reports = build_demo(path, base / "files")
    assert all(r.status == "loaded" for r in reports), [r.file for r in reports if r.status != "loaded"]
    return path


@pytest.fixture(scope="session")
def users() -> dict[str, dict[str, str]]:
    """Secrets entries of a viewer, an analyst and an admin (password tests.apptest_helpers.PASSWORD)."""
    from access.passwords import hash_password
    from tests.apptest_helpers import PASSWORD, USER_NAMES

    digest = hash_password(PASSWORD, cost=4)
    return {name: {"password_hash": digest, "role": role} for role, name in USER_NAMES.items()}


@pytest.fixture
def reference(store: Path) -> Reference:
    con = open_reader(store)
    try:
        return Reference.from_store(con)
    finally:
        con.close()


@pytest.fixture
def write_template(store: Path, tmp_path: Path) -> Callable[..., Path]:
    """write_template(unit_code, values, name=None) -> path of a filled standard template."""
    source = TemplateSource.from_store(store)

    def _write(unit_code: str, values: Values, name: str | None = None) -> Path:
        wb = source.build(unit_code, values)
        path = tmp_path / (name or f"unit_{unit_code}.xlsx")
        wb.save(path)
        return path

    return _write


def cell_of(path: Path, indicator_code: str, year: int) -> tuple[str, str]:
    """(sheet, cell) holding an indicator's value for a year in a template file."""
    from openpyxl import load_workbook

    from etl.reference import template_layout as layout

    wb = load_workbook(path)
    for sheet in layout.DATA_SHEETS:
        ws = wb[sheet.name]
        label = layout.year_label(year, sheet.period_type)
        columns = {ws.cell(layout.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
        for row in range(layout.HEADER_ROW + 1, ws.max_row + 1):
            if ws.cell(row, 1).value == indicator_code and label in columns:
                return sheet.name, ws.cell(row, columns[label]).coordinate
    raise KeyError((indicator_code, year))


def set_cell(path: Path, indicator_code: str, year: int, raw: object) -> str:
    """Overwrite one value cell of a template file with `raw`; returns the cell address."""
    from openpyxl import load_workbook

    sheet, cell = cell_of(path, indicator_code, year)
    wb = load_workbook(path)
    wb[sheet][cell] = raw
    wb.save(path)
    return cell


def tracker_view(path: Path, as_of: object, **round_changes: object) -> object:
    """The submission tracker of the store's current round as of a date; ``round_changes`` alter
    the round (e.g. deadline_inclusive=True)."""
    from dataclasses import replace

    from page_models.submissions import build_tracker, rounds_from
    from store import fetch_df

    con = open_reader(path)
    try:
        round_ = replace(rounds_from(fetch_df(con, "rounds"))[0], **round_changes)  # type: ignore[arg-type]
        years = {"first_year": round_.first_year, "last_year": round_.last_year}
        return build_tracker(
            round_,
            fetch_df(con, "submission_senders"),
            fetch_df(con, "submission_expected"),
            fetch_df(con, "submission_received", years),
            fetch_df(con, "submission_files"),
            fetch_df(con, "catalogue"),
            as_of,  # type: ignore[arg-type]
        )
    finally:
        con.close()


def query_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of one SQL query on a store (a test's look at what was written)."""
    with open_reader(path) as con:
        return con.execute(sql).fetchall()


def current_values(path: Path, unit_code: str | None = None) -> dict[tuple[str, str, int], float]:
    con = open_reader(path)
    try:
        rows = con.execute(
            "SELECT unit_code, indicator_code, year, value FROM current_observations "
            "WHERE $unit IS NULL OR unit_code = $unit",
            {"unit": unit_code},
        ).fetchall()
    finally:
        con.close()
    return {(u, i, y): v for u, i, y, v in rows}


# Hypothesis' per-example deadline is a timed assertion: on a busy machine it fails tests that
# are correct (seen in test_analysis_disparity under a parallel benchmark). Speed is measured in
# bench/, never asserted in tests.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("no-deadline", deadline=None)
_hypothesis_settings.load_profile("no-deadline")
