"""The page Ý kiến on the demo store: aggregates (with suppressed cells) for viewers, free text
and quotes only for analysts; and on a store without surveys."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.demo.surveys import TEXTS
from tests.apptest_helpers import app, texts

PAGE = "pages/y_kien.py"


def _page(db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]], role: str | None):  # type: ignore[no-untyped-def]
    at = app(db, monkeypatch, users, role=role)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_viewers_see_shares_with_intervals_and_no_free_text(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = _page(demo_store, monkeypatch, users, "viewer")
    shown = texts(at)
    assert "mẫu tự nguyện, chỉ tham khảo" in shown and "khoảng tin cậy 95 %" in shown
    table = at.dataframe[0].value
    assert table.iloc[0, 0] == "Tất cả người trả lời"
    ngoc_lam = table[table.iloc[:, 0] == "Huyện Ngọc Lâm"].iloc[0]  # the demo's district that answers little
    assert ngoc_lam.iloc[2] == "ẩn (*)" and ngoc_lam.iloc[1] == "ẩn (*)"
    assert (table.iloc[:, 2] == "ẩn (*)").sum() >= 2  # with its complement
    assert at.get("plotly_chart")
    every_value = shown + "\n".join(str(df.value.to_string()) for df in at.dataframe)
    assert not any(t[:40] in every_value for t in TEXTS)
    assert "Ý kiến tự do và trích dẫn chỉ hiển thị cho chuyên viên" in shown


def test_analysts_see_and_search_the_free_text(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = _page(demo_store, monkeypatch, users, "analyst")
    assert any(h.value.startswith("Ý kiến tự do") for h in at.subheader)
    at.text_input(key="op_search").input("phong hoc").run()
    [found] = [df.value for df in at.dataframe if "Ý kiến" in df.value.columns]
    assert len(found) > 0 and all("phòng học" in str(t).lower() for t in found["Ý kiến"])


def test_a_store_without_surveys_says_how_to_load_one(
    store: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = _page(store, monkeypatch, users, "viewer")
    assert "python -m etl survey load" in texts(at)
