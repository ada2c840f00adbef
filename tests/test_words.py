"""Words on pages: Vietnamese headers, "—" for a gap, no developer instructions."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from page_models.common import with_dashes
from page_models.quality import missing_table
from tests.test_pages import open_page

ROOT = Path(__file__).resolve().parent.parent


def test_a_gap_reads_as_a_dash_and_years_stay_whole() -> None:
    frame = pd.DataFrame({"year": [2016, np.nan], "title": ["KL 51", None], "value": [1.5, np.nan]})
    shown = with_dashes(frame)
    assert list(shown["year"]) == ["2016", "—"] and list(shown["title"]) == ["KL 51", "—"]
    assert np.isnan(shown["value"].iloc[1])  # a measured number stays a number (the table formats it)


def test_missing_indicators_have_vietnamese_headers_and_school_years() -> None:
    missing = pd.DataFrame(
        {
            "unit_code": ["993"],
            "unit_name": ["Huyện Hòa Phong"],
            "indicator_code": ["th_hs"],
            "name_vi": ["Số học sinh tiểu học"],
            "n_missing": [2],
            "missing_years": [[2013, 2014]],
        }
    )
    catalogue = pd.DataFrame({"code": ["th_hs"], "period_type": ["school_year"]})
    table = missing_table(missing, catalogue)
    assert list(table.columns) == ["Địa bàn", "Chỉ tiêu", "Số năm thiếu", "Các năm thiếu"]
    assert table["Các năm thiếu"].iloc[0] == "2013-2014, 2014-2015"


CODE_LIKE = re.compile(r"^[a-z]+(_[a-z]+)+$")


@pytest.mark.parametrize("page", ["pages/chat_luong.py", "pages/ban_do.py"])
def test_no_developer_words_on_a_leaders_page(demo_store: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = open_page(demo_store, monkeypatch, page, chi_tieu="th_tl_cqg")
    for frame in at.dataframe:
        assert not [c for c in frame.value.columns if CODE_LIKE.match(str(c))], list(frame.value.columns)
        assert not (frame.value.astype(str) == "None").any().any()
    shown = " ".join([c.value for c in at.caption] + [m.value for m in at.markdown])
    assert "GeoJSON" not in shown and "data/reference" not in shown and "README" not in shown
