"""The reference data: the public indicator codes, their definitions and targets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.reference.files import REFERENCE_DIR, parse_indicators
from etl.reference.init_store import init_store
from store import open_reader

LEVELS = ("mn", "th", "thcs", "thpt")
# The public contract of the foundation issue: these codes must exist exactly.
CONTRACT_CODES = (
    [
        f"{lv}_{suffix}"
        for lv in LEVELS
        for suffix in (
            "truong",
            "truong_cqg",
            "lop",
            "hs",
            "gv",
            "gv_datchuan",
            "phong",
            "phong_kc",
            "tl_cqg",
            "tl_gv_datchuan",
            "tl_phong_kc",
            "hs_lop",
            "hs_gv",
        )
    ]
    + [f"{lv}_{suffix}" for lv in ("th", "thcs", "thpt") for suffix in ("hs_bohoc", "tl_bohoc")]
    + [
        "mn_tl_huydong_nt",
        "mn_tl_huydong_mg",
        "mn_tl_tre5t",
        "th_tl_dungtuoi",
        "thcs_tl_dungtuoi",
        "th_tl_hoanthanh",
        "thcs_tl_totnghiep",
        "thpt_tl_totnghiep",
        "pc_mn5",
        "pc_th_muc",
        "pc_thcs_muc",
        "xmc_muc",
        "ns_chi_gd",
        "ns_chi_tong",
        "ns_tl_chi_gd",
        "gdnn_coso",
        "gdnn_tuyensinh",
        "gdnn_totnghiep",
        "gdnn_tl_vieclam",
        "ld_tl_quadaotao",
        "ld_tl_bangcap",
        "ld_nongthon_daotao",
    ]
)


@pytest.fixture(scope="module")
def indicators() -> dict[str, dict[str, object]]:
    rows, _ = parse_indicators(REFERENCE_DIR / "indicators.csv")
    return {r["code"]: r for r in rows}


def test_every_contract_code_exists(indicators: dict[str, dict[str, object]]) -> None:
    assert not [c for c in CONTRACT_CODES if c not in indicators]


@pytest.mark.parametrize("level", LEVELS)
def test_derived_rates_point_at_their_counts(indicators: dict[str, dict[str, object]], level: str) -> None:
    expected = {
        f"{level}_tl_cqg": (f"{level}_truong_cqg", f"{level}_truong", 100),
        f"{level}_tl_gv_datchuan": (f"{level}_gv_datchuan", f"{level}_gv", 100),
        f"{level}_tl_phong_kc": (f"{level}_phong_kc", f"{level}_phong", 100),
        f"{level}_hs_lop": (f"{level}_hs", f"{level}_lop", 1),
        f"{level}_hs_gv": (f"{level}_hs", f"{level}_gv", 1),
    }
    for code, (num, den, scale) in expected.items():
        row = indicators[code]
        assert (row["numerator"], row["denominator"], row["scale"], row["input"]) == (num, den, scale, "derived")


def test_dropout_rates_are_lower_is_better(indicators: dict[str, dict[str, object]]) -> None:
    for level in ("th", "thcs", "thpt"):
        row = indicators[f"{level}_tl_bohoc"]
        assert (row["numerator"], row["denominator"], row["direction"]) == (f"{level}_hs_bohoc", f"{level}_hs", "down")


def test_period_types_follow_the_domain(indicators: dict[str, dict[str, object]]) -> None:
    # hs_cl counts the pupils of every level (at 30/9, a school year) behind the budget's per-pupil view.
    for code, row in indicators.items():
        expected = "school_year" if row["level"] in LEVELS or code == "hs_cl" else "calendar_year"
        assert row["period_type"] == expected, code


def test_every_rate_has_numerator_and_denominator(indicators: dict[str, dict[str, object]]) -> None:
    for code, row in indicators.items():
        if row["kind"] in {"rate", "ratio"}:
            assert indicators[str(row["numerator"])]["kind"] in {"count", "amount"}, code
            assert indicators[str(row["denominator"])]["kind"] in {"count", "amount"}, code


def test_teacher_standard_break_is_recorded(indicators: dict[str, dict[str, object]]) -> None:
    for level in ("mn", "th", "thcs"):
        assert indicators[f"{level}_tl_gv_datchuan"]["break_year"] == 2020
    assert indicators["thpt_tl_gv_datchuan"]["break_year"] is None


def test_reference_loads_into_the_store(store: Path) -> None:
    con = open_reader(store)
    try:
        n_ind, n_units, n_targets = con.execute(
            "SELECT (SELECT count(*) FROM indicators), (SELECT count(*) FROM units), (SELECT count(*) FROM targets)"
        ).fetchone() or (0, 0, 0)
        budget = con.execute(
            "SELECT comparator, value, source FROM targets WHERE indicator_code = 'ns_tl_chi_gd' AND scope = 'national'"
        ).fetchall()
    finally:
        con.close()
    with (REFERENCE_DIR / "indicators.csv").open(encoding="utf-8") as handle:
        assert n_ind == sum(1 for _ in csv.DictReader(handle))
    assert n_units == 11 and n_targets > 20
    assert [(c, v) for c, v, _ in budget] == [(">=", 20.0)]
    assert "29-NQ/TW" in budget[0][2]


def test_replacing_the_registry_skips_demo_targets_with_a_note(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text(
        "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
        "38,Tỉnh Thanh Hóa,province,,Thanh Hoá,,\n"
        "380,Thành phố Thanh Hóa,city,38,TP. Thanh Hoá,,\n",
        encoding="utf-8",
    )
    db = tmp_path / "real.duckdb"
    notes = init_store(db, units)
    assert notes and all("'99'" in n for n in notes)
    con = open_reader(db)
    try:
        assert con.execute("SELECT count(*) FROM targets WHERE unit_code = '99'").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM units").fetchone() == (2,)
        assert con.execute("SELECT value FROM store_meta WHERE key = 'illustrative'").fetchone() == ("0",)
    finally:
        con.close()


def test_registry_names_that_cannot_be_told_apart_are_refused(tmp_path: Path) -> None:
    from etl.reference.files import parse_units
    from etl.reference.model import ReferenceDataError

    units = tmp_path / "units.csv"
    units.write_text(
        "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
        "1,Tỉnh A,province,,,,\n10,Huyện Hòa Bình,district,1,,,\n11,Huyện Hoà  Bình,district,1,,,\n"
        "12,Thị xã Hòa Bình,town,1,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match="trùng"):
        parse_units(units)


def test_init_without_units_keeps_a_province_registry(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text(
        "code,name,kind,parent_code,aliases,valid_from,valid_to\n38,Tỉnh Thanh Hóa,province,,,,\n", encoding="utf-8"
    )
    db = tmp_path / "real.duckdb"
    init_store(db, units)
    init_store(db)  # e.g. after editing the catalogue
    con = open_reader(db)
    try:
        assert con.execute("SELECT code FROM units").fetchall() == [("38",)]
        assert con.execute("SELECT value FROM store_meta WHERE key = 'illustrative'").fetchone() == ("0",)
    finally:
        con.close()


def test_every_indicator_has_a_reference_date_of_its_period() -> None:
    """30/9 stock figures, 31/5 end-of-year outcomes, calendar years (issue 13): the date decides
    what a plain year means in a file (etl/resolve/year_convention.py)."""
    indicators, _ = parse_indicators(REFERENCE_DIR / "indicators.csv")
    dates = {i["code"]: i["reference_date"] for i in indicators}
    # Budget final accounts ("settled") are calendar years known only at the end of the next year.
    assert {d for c, d in dates.items() if c.startswith(("ns_", "gdnn_", "ld_"))} == {"calendar", "settled"}
    school = [c for c in dates if not c.startswith(("ns_", "gdnn_", "ld_"))]
    outcomes = [c for c in school if any(w in c for w in ("bohoc", "totnghiep", "xettn", "hoanthanh", "lop5", "pc_"))]
    assert outcomes and {dates[c] for c in outcomes} == {"31/5"}
    assert {dates[c] for c in ("mn_truong", "th_hs", "thpt_gv", "th_hs_gv")} == {"30/9"}


def test_a_reference_date_that_contradicts_the_period_is_refused(tmp_path: Path) -> None:
    rows = list(csv.DictReader((REFERENCE_DIR / "indicators.csv").open(encoding="utf-8", newline="")))
    rows[0]["reference_date"] = "calendar"  # mn_truong is a school-year stock figure
    path = tmp_path / "indicators.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ValueError, match="reference_date 'calendar'"):
        parse_indicators(path)


def test_every_indicator_belongs_to_one_of_the_nine_tasks(store: Path) -> None:
    """Findings are grouped by the tasks of NQ 29 (Phần III); the store holds the tasks and each indicator's."""
    con = open_reader(store)
    try:
        tasks = con.execute("SELECT number, verification FROM resolution_tasks ORDER BY number").fetchall()
        rows = con.execute("SELECT code, task FROM indicators").fetchall()
    finally:
        con.close()
    assert [n for n, _ in tasks] == list(range(1, 10))
    assert dict(tasks)[4] == "secondary" and {v for n, v in tasks if n != 4} == {"unverified"}  # see tasks.csv
    by_code = dict(rows)
    assert all(t in range(1, 10) for t in by_code.values())
    assert (by_code["th_tl_gv_datchuan"], by_code["ns_tl_chi_gd"], by_code["th_tl_cqg"]) == (6, 7, 5)
    assert (by_code["thpt_tl_totnghiep"], by_code["th_tl_2buoi"], by_code["mn_tl_huydong_nt"]) == (3, 2, 4)


def test_an_indicator_without_a_task_is_refused(tmp_path: Path) -> None:
    rows = list(csv.DictReader((REFERENCE_DIR / "indicators.csv").open(encoding="utf-8", newline="")))
    rows[0]["task"] = "10"
    path = tmp_path / "indicators.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ValueError, match="mn_truong cần cột task"):
        parse_indicators(path)


def test_the_migration_gives_older_stores_the_tasks_of_the_bundled_catalogue(store: Path) -> None:
    """Migration 0012 fills `task` for stores made before it by a rule; the rule must agree with
    indicators.csv, or an older store would group findings differently until its next `etl init`."""
    from store import write_session
    from store.migrate import MIGRATIONS_DIR

    sql = (MIGRATIONS_DIR / "0012_resolution_tasks.sql").read_text(encoding="utf-8")
    backfill = sql[sql.index("UPDATE indicators SET task") :]
    indicators, _ = parse_indicators(REFERENCE_DIR / "indicators.csv")
    with write_session(store) as con:
        con.execute("UPDATE indicators SET task = NULL")
        con.execute(backfill)
        filled = dict(con.execute("SELECT code, task FROM indicators").fetchall())
    assert filled == {i["code"]: i["task"] for i in indicators}
