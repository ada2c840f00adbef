"""Every page runs on the demo store and on an empty store (AppTest), and the
sidebar filters change what is shown (asserted on the data drawn)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "pages/tong_quan.py",
    "pages/xu_huong.py",
    "pages/so_sanh.py",
    "pages/danh_gia.py",
    "pages/chat_luong.py",
    "pages/danh_muc.py",
    "pages/xuat_bao_cao.py",
]


def open_page(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, **params: str) -> AppTest:
    """Run the entry point with a shared link's query parameters, then show `page`.

    AppTest re-runs only the page script after a switch, so the sidebar filters
    are those the entry point drew on the first run (as in a browser session).
    """
    monkeypatch.setenv("NQ29_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The desk variant of every chart (each is drawn twice: ui.charts, charts.phone)."""
    drawn = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [s for s in drawn if (s["layout"].get("meta") or {}).get("variant") != "phone"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_store(demo_store: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = open_page(demo_store, monkeypatch, page)
    assert "Dữ liệu minh họa" in at.warning[0].value
    assert at.title[0].value


@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/danh_muc.py"])
def test_every_page_says_no_data_yet_on_an_empty_store(store: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = open_page(store, monkeypatch, page)
    assert any("Chưa có số liệu" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_catalogue_page_works_before_any_data(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(store, monkeypatch, "pages/danh_muc.py")
    assert len(at.dataframe[0].value) > 90


def test_pages_without_a_database_explain_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(tmp_path / "missing.duckdb", monkeypatch, PAGES[0])
    assert "Chưa có cơ sở dữ liệu" in at.error[0].value


def test_trend_shows_the_chosen_districts_the_province_and_the_years(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="th_tl_cqg", dia_ban="993,999", tu="2015")
    table = at.dataframe[0].value
    assert list(table.index) == ["Tỉnh Sơn Hà", "Huyện Hòa Phong", "Huyện Mường Khoa"]
    # The 2023 round's window ends with school year 2022-2023.
    assert table.columns[0] == "2015-2016" and table.columns[-1] == "2022-2023"
    assert table.loc["Huyện Mường Khoa", "2022-2023"].endswith("%") and "," in table.loc["Tỉnh Sơn Hà", "2022-2023"]
    [spec] = chart_specs(at)
    assert [t["name"] for t in spec["data"] if t.get("mode") == "lines+markers"] == list(table.index)
    assert spec["layout"]["separators"] == ",."


def test_trend_of_another_indicator_changes_the_data(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="ld_tl_quadaotao")
    table = at.dataframe[0].value
    assert at.subheader[0].value == "Tỷ lệ lao động qua đào tạo"
    assert table.columns[0] == "2013" and len(table) == 11  # calendar years; province + 10 districts


def test_comparison_ranks_the_districts_for_the_chosen_indicator(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(demo_store, monkeypatch, "pages/so_sanh.py", chi_tieu="th_tl_cqg")
    specs = chart_specs(at)
    assert len(specs) == 4
    bars = specs[0]["data"][0]
    assert bars["y"][0] == "1. TP. Sơn Hà" and bars["y"][-1] == "9. Mường Khoa"  # best first, laggard last
    heat = next(s for s in specs if s["data"][0]["type"] == "heatmap")["data"][0]
    assert heat["z"]["shape"] == "10, 10"  # 10 districts × 10 years (plotly 7 ships arrays as typed buffers)


def test_assessment_lists_the_weaknesses_of_the_chosen_group(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/danh_gia.py", nhom="hieu_qua")
    tables = [df.value for df in at.dataframe if "name_vi" in df.value.columns]
    names = {name for df in tables for name in df["name_vi"]}
    assert "Tỷ lệ học sinh trung học cơ sở bỏ học" in names
    words = ("bỏ học", "tốt nghiệp", "hoàn thành", "lớp 5", "xét tốt nghiệp", "dự thi")
    assert all(any(w in n for w in words) for n in names), names  # only the chosen group's indicators
    weak = next(df for df in tables if "Tỷ lệ học sinh trung học cơ sở bỏ học" in set(df["name_vi"]))
    row = weak[weak["name_vi"] == "Tỷ lệ học sinh trung học cơ sở bỏ học"].iloc[0]
    assert row["trend"].startswith("Xấu đi") and "xu-huong" in row["link"]
    causes = next(df.value for df in at.dataframe if "Nội dung" in df.value.columns)  # the analysts' notes
    assert "Huyện Mường Khoa" in set(causes["Địa bàn"])


def test_quality_page_lists_the_flagged_value(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/chat_luong.py")
    flagged = next(df.value for df in at.dataframe if "Cảnh báo" in df.value.columns)
    assert list(flagged["Địa bàn"]) == ["Huyện Tân Điền"] and list(flagged["Năm"]) == ["2018-2019"]
    assert flagged["Tình trạng"].iloc[0].startswith("Chưa xác nhận")


def test_catalogue_search_ignores_diacritics(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/danh_muc.py")
    at.text_input(key="tim_chi_tieu").input("ty le chuan quoc gia").run()
    names = list(at.dataframe[0].value["name_vi"])
    assert len(names) == 4 and all(n.startswith("Tỷ lệ trường") and "chuẩn quốc gia" in n for n in names)


def test_overview_cards_show_the_key_indicators_with_verdicts(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(demo_store, monkeypatch, PAGES[0])
    labels = [m.label for m in at.metric]
    assert "Tỷ lệ trường tiểu học đạt chuẩn quốc gia" in labels and len(labels) >= 10
    captions = " ".join(c.value for c in at.caption)
    assert "Nghị quyết 29-NQ/TW" in captions  # the budget-share target's source


def test_a_new_batch_shows_on_the_next_rerun(
    demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_template: Any
) -> None:
    import shutil

    from etl.load.pipeline import load_paths

    db = tmp_path / "live.duckdb"
    shutil.copyfile(demo_store, db)
    at = open_page(db, monkeypatch, "pages/xu_huong.py", chi_tieu="mn_truong", dia_ban="993")
    before = at.dataframe[0].value.loc["Huyện Hòa Phong", "2022-2023"]
    # 2023-2024 is stored (the store keeps every year it is given) but outside the 2023 round's window.
    path = write_template("993", {("mn_truong", 2022): 31, ("mn_truong", 2023): 32})
    [report] = load_paths([path], db, actor="test")  # a load while the app is open
    assert report.status == "loaded"
    at.run()
    table = at.dataframe[0].value
    after = table.loc["Huyện Hòa Phong", "2022-2023"]
    assert after == "31" and after != before and "2023-2024" not in table.columns


def test_overview_and_assessment_show_the_reports_findings_in_its_words(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report.content import Options
    from report.draft import load_draft

    draft = load_draft(demo_store, Options())
    found = draft.findings
    overview = open_page(demo_store, monkeypatch, PAGES[0])
    shown = "\n".join(m.value for m in overview.markdown)
    assert found.results and found.weaknesses
    for finding in found.results + found.weaknesses:
        assert f"- {finding.text}" in shown  # Tổng quan: the draft's "Đánh giá chung", word for word
    group = open_page(demo_store, monkeypatch, "pages/danh_gia.py", nhom="hieu_qua")
    codes = set(group.dataframe[0].value["indicator_code"]) if "indicator_code" in group.dataframe[0].value else None
    shown = "\n".join(m.value for m in group.markdown)
    dropout = next(f for f in found.every if "thcs_tl_bohoc" in f.indicator_codes)
    assert f"- {dropout.text}" in shown and f"**{dropout.task}. {found.task(dropout.task).title}**" in shown
    stated = [f for f in found.every if f"- {f.text}" in shown]
    assert stated and all(f.task == dropout.task or codes is None or set(f.indicator_codes) & codes for f in stated)
