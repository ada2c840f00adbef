"""The unit registry: built from the official package for any province, former
names valid only in their years, and files naming a unit by its old name."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.cli import main
from etl.load.pipeline import load_paths
from etl.reference import template_layout as layout
from etl.reference.model import Reference, ReferenceDataError
from etl.reference.province import find_province, province_units
from store import open_reader
from tests.conftest import current_values


@pytest.fixture(scope="module")
def package_divisions() -> list[dict]:
    import vietnam_provinces

    assert vietnam_provinces.__data_version__ == "2025-01-04"
    return json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", ["Thanh Hoá", "thanh hoa", "38", "Tỉnh Thanh Hóa", "THANH HÓA"])
def test_any_accepted_spelling_finds_the_province(text: str) -> None:
    assert find_province(text)["code"] == 38


@pytest.mark.parametrize("text, code", [("TP. Hồ Chí Minh", 79), ("Hà Nội", 1), ("01", 1), ("Hoà Bình", 17)])
def test_cities_and_old_style_tones(text: str, code: int) -> None:
    assert find_province(text)["code"] == code


def test_an_unknown_province_is_refused() -> None:
    with pytest.raises(ReferenceDataError):
        find_province("Sơn Hà")


@pytest.mark.parametrize("code", [1, 38, 79, 17])
def test_registry_has_the_package_s_districts_and_codes(package_divisions: list[dict], code: int) -> None:
    from vietnam_provinces.enums import DistrictEnum

    province = next(p for p in package_divisions if p["code"] == code)
    units = province_units(province)
    expected = {f"{d['code']:03d}": d["name"] for d in province["districts"]}
    assert units[0].code == f"{code:02d}" and units[0].kind == "province" and units[0].name == province["name"]
    assert {u.code: u.name for u in units[1:]} == expected
    assert all(u.parent_code == f"{code:02d}" for u in units[1:])
    # The package's enum lists the same districts, except island districts without communes.
    enum_codes = {f"{d.value.code:03d}" for d in DistrictEnum if d.value.province_code == code}
    assert enum_codes <= set(expected)


def test_kinds_come_from_the_name_prefix(package_divisions: list[dict]) -> None:
    units = {u.code: u for u in province_units(next(p for p in package_divisions if p["code"] == 79))}
    assert units["760"].kind == "urban_district"  # Quận 1
    assert units["769"].kind == "city"  # Thành phố Thủ Đức
    assert units["783"].kind == "district"  # Huyện Củ Chi
    kinds = {u.kind for u in province_units(next(p for p in package_divisions if p["code"] == 38))}
    assert kinds == {"province", "city", "town", "district"}


def test_whole_package_has_63_provinces_and_696_districts(package_divisions: list[dict]) -> None:
    assert len(package_divisions) == 63
    assert sum(len(province_units(p)) - 1 for p in package_divisions) == 696


def test_init_province_writes_an_editable_registry_and_loads_it(tmp_path: Path, package_divisions: list) -> None:
    db, folder = tmp_path / "s.duckdb", tmp_path / "registry"
    assert main(["init", "--db", str(db), "--province", "Thanh Hoá", "--registry-dir", str(folder)]) == 0
    registry = folder / "units_38.csv"
    n_districts = len(next(p for p in package_divisions if p["code"] == 38)["districts"])
    con = open_reader(db)
    try:
        assert con.execute("SELECT count(*) FROM units").fetchone() == (n_districts + 1,)
        assert con.execute("SELECT value FROM store_meta WHERE key = 'illustrative'").fetchone() == ("0",)
    finally:
        con.close()
    # The province adds a district that no longer existed in 2025 and records its merger.
    with registry.open("a", encoding="utf-8") as handle:
        handle.write("999,Huyện Cũ,district,38,H. Cũ,,2019,,\n")
    with (folder / "units_38_changes.csv").open("a", encoding="utf-8") as handle:
        handle.write("2020,merged,999,380,Huyện Cũ nhập vào Thành phố Thanh Hóa\n")
    assert main(["init", "--db", str(db), "--province", "38", "--registry-dir", str(folder)]) == 0
    con = open_reader(db)
    try:
        ref = Reference.from_store(con)
        changes = con.execute("SELECT year, change, from_code, to_code FROM unit_changes").fetchall()
    finally:
        con.close()
    assert len(ref.units) == n_districts + 2 and changes == [(2020, "merged", "999", "380")]
    assert ref.find_unit("Huyện Cũ", 2015) == "999" and ref.find_unit("Huyện Cũ", 2021) is None


def test_former_names_match_only_in_their_years(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        ref = Reference.from_store(con)
    finally:
        con.close()
    # Thị xã Bình Giang became Thành phố Bình Giang (991) in 2016.
    assert ref.find_unit("Thị xã Bình Giang", 2013) == "991"
    assert ref.find_unit("TX. Bình Giang", 2015) == "991"
    assert ref.find_unit("Thị xã Bình Giang", 2016) is None
    assert ref.find_unit("Thành phố Bình Giang", 2020) == "991"
    assert ref.find_unit("TP. Bình Giang", 2017) == "991"
    # Huyện Ngọc Lâm (997) merged into Huyện Sơn Cao from 2020.
    assert ref.find_unit("Huyện Ngọc Lâm", 2013) == "997"
    assert ref.find_unit("Huyện Ngọc Lâm", 2020) is None
    # The kind check still holds: "Huyện Bình Giang" never existed.
    assert ref.find_unit("Huyện Bình Giang", 2013) is None


def _named(path: Path, unit_text: str) -> Path:
    wb = load_workbook(path)
    for sheet in layout.DATA_SHEETS:
        wb[sheet.name][layout.UNIT_CODE_CELL] = unit_text
    wb.save(path)
    return path


def test_a_2013_file_with_the_old_name_loads_to_the_right_unit(
    store: Path, write_template: Callable[..., Path]
) -> None:
    path = _named(write_template("991", {("th_truong", 2013): 21, ("th_truong", 2014): 22}), "Thị xã Bình Giang")
    [report] = load_paths([path], store, actor="test")
    assert report.status == "loaded", [i.message for i in report.issues]
    assert current_values(store, "991") == {("991", "th_truong", 2013): 21.0, ("991", "th_truong", 2014): 22.0}


def test_the_old_name_after_the_change_is_not_matched(store: Path, write_template: Callable[..., Path]) -> None:
    path = _named(write_template("991", {("th_truong", 2021): 23}), "Thị xã Bình Giang")
    [report] = load_paths([path], store, actor="test")
    assert report.status == "rejected" and "unknown-unit" in {i.code for i in report.issues}


def test_an_alias_with_another_prefix_is_kept_beside_the_official_name(tmp_path: Path) -> None:
    """ "Huyện Hoài Nhơn" for the unit now "Thị xã Hoài Nhơn": same base name, another prefix, so
    another name (issue 13, item 7); it is not dropped as a second spelling of the official name."""
    from etl.reference.files import parse_units

    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
        "52,Tỉnh Bình Định,province,,,,\n"
        "543,Thị xã Hoài Nhơn,town,52,Huyện Hoài Nhơn;TX Hoài Nhơn,,\n",
        encoding="utf-8",
    )
    _, aliases = parse_units(path)
    assert [a["alias"] for a in aliases if a["unit_code"] == "543"] == ["Thị xã Hoài Nhơn", "Huyện Hoài Nhơn"]
