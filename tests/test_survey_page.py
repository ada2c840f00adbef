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


def test_the_trend_page_shows_what_the_mapped_question_says(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_pages import open_page

    at = open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="th_tl_phong_kc")
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "Ý kiến liên quan" in shown and "Mức độ hài lòng với phòng học và thiết bị dạy học" in shown
    assert "mẫu tự nguyện, chỉ tham khảo" in shown
    other = open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="mn_truong")
    assert "Ý kiến liên quan" not in "\n".join(str(m.value) for m in other.markdown)


def test_the_report_section_compares_like_with_like_and_quotes(demo_store: Path) -> None:
    from docx import Document

    from report import docx_layout as layout
    from report.opinions import SECTION_TITLE, add_opinion_section
    from store import fetch_df, open_reader

    with open_reader(demo_store) as con:
        answers = fetch_df(con, "survey_answers", {"survey_code": None})
        quotes = fetch_df(con, "survey_quotes", {"survey_code": None})
        units = fetch_df(con, "units")
    doc = Document()
    layout.setup_document(doc)
    assert add_opinion_section(doc, answers, quotes, units) > 0
    text = "\n".join(p.text for p in doc.paragraphs)
    assert SECTION_TITLE in text and "Nhiệm vụ 6:" in text and "mẫu tự nguyện, chỉ tham khảo" in text
    # 2018 asked teachers and school leaders only: the change is computed for those groups alone.
    assert "So với đợt 2018 (cùng nhóm đối tượng: cán bộ quản lý giáo dục, giáo viên)" in text
    assert all(f"“{q}”" in text for q in quotes["text"])
    assert "0987 654 321" not in text


def test_only_analysts_get_the_survey_upload(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    viewer = _page(demo_store, monkeypatch, users, "viewer")
    assert not viewer.get("file_uploader") and not any("Nạp tệp khảo sát" in e.label for e in viewer.expander)
    analyst = _page(demo_store, monkeypatch, users, "analyst")
    assert any("Nạp tệp khảo sát" in e.label for e in analyst.expander)


def test_the_page_upload_checks_asks_and_loads_like_the_command_line(store: Path) -> None:
    from page_models.opinion_upload import check_survey_upload, confirm_survey_upload
    from tests.survey_exports import EMAIL, ms_forms_xlsx

    check = check_survey_upload(store, ms_forms_xlsx(), "ms.xlsx", {}, "2023")
    assert check.report.ok and "bỏ 2 cột dữ liệu cá nhân" in check.summary
    assert list(check.columns["Là"][:5]) == [
        "thông tin của biểu mẫu",
        "thông tin của biểu mẫu",
        "thời điểm gửi",
        "dữ liệu cá nhân: bỏ khi nạp",
        "dữ liệu cá nhân: bỏ khi nạp",
    ]
    assert "survey-unknown-district" in set(check.issues["Mã"]) and EMAIL not in check.issues.to_string()
    [question] = check.report.open_questions
    answers = {(question.kind, question.key): "998"}
    assert not check_survey_upload(store, ms_forms_xlsx(), "ms.xlsx", answers, "2023").report.open_questions
    loaded = confirm_survey_upload(store, ms_forms_xlsx(), "ms.xlsx", answers, "2023", "lan", "thử")
    assert loaded.status == "loaded" and loaded.round_label == "2023"


def test_an_upload_already_loaded_says_so(store: Path) -> None:
    from page_models.opinion_upload import check_survey_upload, confirm_survey_upload
    from tests.survey_exports import google_csv

    loaded = confirm_survey_upload(store, google_csv(), "g.csv", {}, None, "lan", None)
    again = check_survey_upload(store, google_csv(), "g.csv", {}, None)
    assert again.report.status == "unchanged" and f"đã nạp ở lô số {loaded.batch_id}" in again.summary
