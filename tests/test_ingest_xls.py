"""Old .xls workbooks (tests/fixtures, written by LibreOffice from the generated .xlsx fixtures).

calamine reads .xls values but not number formats, so a fraction in a %-indicator row
cannot be told from a real 0,955%: it is skipped and reported, never guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.demo.free_files import indicator_rows
from etl.demo.legacy_files import tcvn3_indicator_rows
from etl.load.pipeline import load_content

FIXTURES = Path(__file__).parent / "fixtures"


def test_xls_indicator_rows(store: Path) -> None:
    f = indicator_rows()
    report = load_content((FIXTURES / "phu_luc_hoa_phong.xls").read_bytes(), "phu_luc_hoa_phong.xls", store)
    assert report.status == "loaded"
    got = {(v.unit_code, v.indicator_code, v.year): v.value for v in report.values}
    fraction = ("993", "mn_tl_huydong_mg", 2013)
    assert got == pytest.approx({k: v for k, v in f.expected.items() if k != fraction})
    assert ("percent-format-unknown", "D10") in {(i.code, i.cell) for i in report.issues}
    assert not (set(got) & f.uncertain)


def test_xls_in_tcvn3(store: Path) -> None:
    f = tcvn3_indicator_rows()
    report = load_content((FIXTURES / "bao_cao_muong_khoa_tcvn3.xls").read_bytes(), "muong_khoa.xls", store)
    got = {(v.unit_code, v.indicator_code, v.year): v.value for v in report.values}
    assert report.status == "loaded" and got == f.expected
    assert "legacy-encoding-converted" in {i.code for i in report.issues}
