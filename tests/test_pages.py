"""Pages run without exceptions on the demo store and on an empty store (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def run_app(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("NQ29_DB", str(db))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()


def test_home_page_on_the_demo_store(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(demo_store, monkeypatch)
    assert not at.exception
    assert "Dữ liệu minh họa" in at.warning[0].value
    assert [m.value for m in at.metric][:2] == ["Tỉnh Sơn Hà", "10"]
    table = at.dataframe[0].value
    row = table[table["name_vi"] == "Tỷ lệ học sinh trung học cơ sở bỏ học"].iloc[0]
    assert row["trend"] == "Xấu đi"
    assert row["base"].endswith("%") and "," in row["base"]  # Vietnamese decimal comma


def test_home_page_on_an_empty_store(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(store, monkeypatch)
    assert not at.exception
    assert any("Chưa có số liệu" in i.value for i in at.info)


def test_home_page_without_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(tmp_path / "missing.duckdb", monkeypatch)
    assert not at.exception
    assert "Chưa có cơ sở dữ liệu" in at.error[0].value
