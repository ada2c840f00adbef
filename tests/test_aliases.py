"""An analyst's confirmed alias is kept (append-only, who and when) and makes the next file match."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.cli import main
from etl.load.aliases import AliasError, save_alias
from etl.load.pipeline import load_content
from store import open_reader


def _file(unit_name: str, indicator_name: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Đơn vị", indicator_name])
    ws.append([None, None, "2013-2014"])
    ws.append([1, unit_name, 12])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_confirmed_aliases_make_the_next_file_match(store: Path) -> None:
    content = _file("Phòng GD huyện Hoà Phong", "Trường cấp 1")
    first = load_content(content, "a.xlsx", store, dry_run=True)
    assert {i.code for i in first.issues} >= {"unit-not-matched"} and not first.values
    save_alias(store, "unit", "Phòng GD huyện Hoà Phong", "993", actor="lan")
    second = load_content(content, "a.xlsx", store, dry_run=True)
    assert {i.code for i in second.issues} >= {"indicator-not-matched"} and not second.values
    save_alias(store, "indicator", "Trường cấp 1", "th_truong", actor="lan")
    third = load_content(content, "a.xlsx", store, dry_run=True)
    assert [(v.unit_code, v.indicator_code, v.year, v.value) for v in third.values] == [("993", "th_truong", 2013, 12)]
    con = open_reader(store)
    try:
        rows = con.execute("SELECT kind, alias, code, created_by FROM analyst_aliases ORDER BY alias_id").fetchall()
    finally:
        con.close()
    assert rows == [
        ("unit", "Phòng GD huyện Hoà Phong", "993", "lan"),
        ("indicator", "Trường cấp 1", "th_truong", "lan"),
    ]


def test_alias_for_a_prefixed_name_does_not_touch_the_twin(store: Path) -> None:
    save_alias(store, "unit", "TX Hòa Phong cũ", "993", actor="lan")
    content = _file("Thị xã Hòa Phong", "Số trường tiểu học")
    report = load_content(content, "b.xlsx", store, dry_run=True)
    assert not report.values  # only the confirmed spelling matches


@pytest.mark.parametrize(
    ("kind", "alias", "code"),
    [("unit", "Xã Lạ", "12345"), ("indicator", "Số gì đó", "khong_co"), ("place", "X", "993"), ("unit", "  ", "993")],
)
def test_invalid_aliases_are_refused(store: Path, kind: str, alias: str, code: str) -> None:
    with pytest.raises(AliasError):
        save_alias(store, kind, alias, code, actor="lan")


def test_an_existing_name_is_not_redirected(store: Path) -> None:
    with pytest.raises(AliasError, match="đã ứng với mã 993"):
        save_alias(store, "unit", "H. Hòa Phong", "994", actor="lan")


def test_alias_command(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["alias", "indicator", "Số HS tiểu học", "th_hs", "--db", str(store), "--user", "lan"]) == 0
    assert "th_hs" in capsys.readouterr().out
    assert main(["alias", "unit", "Đâu đó", "000", "--db", str(store)]) == 1
