"""Download buttons under charts and tables (AppTest), and the page "Xuất báo cáo"."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from report.images import browser_path
from tests.test_pages import open_page
from ui import downloads


def buttons(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("pages/xu_huong.py", ["PNG", "SVG", "Số liệu (XLSX)", "XLSX", "CSV"]),
        ("pages/so_sanh.py", ["PNG", "SVG", "Số liệu (XLSX)"] * 4),
        ("pages/danh_gia.py", ["XLSX", "CSV"] * 3),
        # coverage, missing values (Mường Khoa's two-session pupils before 2015), flagged values, and
        # district sums vs the province figures the departments report
        ("pages/chat_luong.py", ["XLSX", "CSV"] * 4),
        ("pages/danh_muc.py", ["XLSX", "CSV"] * 2),  # the catalogue and the targets table
        ("pages/tong_quan.py", ["XLSX", "CSV"]),
    ],
)
def test_every_chart_and_table_has_its_download_buttons(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch, page: str, expected: list[str]
) -> None:
    at = open_page(demo_store, monkeypatch, page, nhom="dieu_kien", chi_tieu="th_tl_cqg")
    assert buttons(at) == expected


def test_image_buttons_explain_a_missing_browser(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    downloads.images_available.cache_clear()
    try:
        at = open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="th_tl_cqg")
    finally:
        downloads.images_available.cache_clear()
    png = next(b for b in at.get("download_button") if b.proto.label == "PNG")
    assert png.proto.disabled and "apt-get install chromium" in png.proto.help
    assert any("apt-get install chromium" in c.value for c in at.caption)
    data = next(b for b in at.get("download_button") if b.proto.label == "Số liệu (XLSX)")
    assert not data.proto.disabled


def test_report_page_without_a_browser_says_what_to_install(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    downloads.images_available.cache_clear()
    try:
        at = open_page(demo_store, monkeypatch, "pages/xuat_bao_cao.py")
        assert "apt-get install chromium" in at.error[0].value
        assert [b.label for b in at.button] == ["Tạo dự thảo báo cáo (Word)"]  # the draft needs no browser
        at.button(key="bc_du_thao").click().run()
    finally:
        downloads.images_available.cache_clear()
    assert "Dự thảo: Ban Cán sự Đảng Ủy ban nhân dân tỉnh" in buttons(at)


@pytest.mark.skipif(browser_path() is None, reason="no Chrome/Chromium for kaleido (apt-get install chromium)")
def test_report_page_builds_the_pack_with_progress(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/xuat_bao_cao.py")
    assert at.title[0].value == "Xuất báo cáo"
    assert at.multiselect(key="bc_nhom").value == [] and at.multiselect(key="bc_dia_ban").value == []  # all
    assert at.select_slider(key="bc_nam").value == (2013, 2022)  # the current round's window
    at.multiselect(key="bc_nhom").set_value(["tai_chinh"])
    at.multiselect(key="bc_dia_ban").set_value(["993", "999"])
    at.button(key="bc_tao").click().run()
    assert not at.exception, [e.message for e in at.exception]
    # Finance: the budget share, both amounts nominal and at 2013 prices, per pupil, recurrent and
    # capital spending and their shares: 10 charts; their tables, the public-school pupils' table and
    # the summary: 12 tables.
    assert at.success[0].value.startswith("Đã tạo: 10 biểu đồ, 12 bảng")
    assert buttons(at) == [
        "Dự thảo báo cáo (Word)",
        "Phụ lục (Word)",
        "Bảng số liệu (Excel)",
        "Ảnh biểu đồ (ZIP)",
        "Tất cả (ZIP)",
    ]
    assert at.get("progress")  # the progress bar drawn while building
    at.select_slider(key="bc_nam").set_value((2015, 2022)).run()
    assert "Lựa chọn đã thay đổi" in at.info[0].value
