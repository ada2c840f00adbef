"""Survey exports in: both tools' shapes, personal data dropped and masked before anything is
stored, checkbox answers split by the question's options, districts and groups resolved or
asked, batches with dry run, "same bytes once" and rollback."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.cli import main
from etl.load.surveys.pipeline import load_survey
from etl.questions import FileAnswers
from store import fetch_df, open_reader, write_session
from store.batches import original_file, rollback_batch
from tests.survey_exports import (
    CCCD,
    COMMA_OPTION,
    EMAIL,
    NAMES,
    PHONE,
    google_csv,
    ms_forms_xlsx,
    questionnaire_with_comma_option,
)

FORM = questionnaire_with_comma_option()
# Every piece of personal data the two exports carry: names, the e-mail and phone columns'
# values (user0@example.edu.vn, 0900123456 …, gv1@sonha.edu.vn …) and those inside free text.
PERSONAL = [*NAMES, EMAIL, PHONE, PHONE.replace(" ", ""), CCCD, "@example.edu.vn", "@sonha.edu.vn", "0900123456"]


def _all_text(db: Path) -> str:
    """Every text value of every table and view column in the store, as one string."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        parts = []
        tables = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
        for (table,) in tables:
            for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
                parts += [
                    v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in row if v is not None
                ]
        return "\n".join(parts)
    finally:
        con.close()


def _kept_text(db: Path, batch_id: int) -> str:
    with open_reader(db) as con:
        found = original_file(con, batch_id)
    assert found is not None
    _, content = found
    if content.startswith(b"PK"):
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        return "\n".join(
            "|".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8-sig")


def test_google_dry_run_lists_the_personal_columns_and_writes_nothing(store: Path) -> None:
    report = load_survey(google_csv(), "google.csv", store, dry_run=True, questionnaire=FORM)
    assert report.status == "validated" and report.tool == "google"
    assert [p.header for p in report.dropped] == ["Địa chỉ email", "Họ và tên", "Số điện thoại liên hệ"]
    assert {i.code for i in report.issues} >= {"survey-personal-column", "survey-text-masked"}
    with open_reader(store) as con:
        assert con.execute("SELECT count(*) FROM batches").fetchone() == (0,)


@pytest.mark.parametrize(("name", "content"), [("google.csv", google_csv()), ("ms.xlsx", ms_forms_xlsx())])
def test_personal_data_never_reaches_the_store_or_the_kept_file(store: Path, name: str, content: bytes) -> None:
    raw = content.decode("utf-8") if name.endswith(".csv") else ""
    assert name.endswith(".xlsx") or all(p in raw for p in (EMAIL, PHONE, CCCD, NAMES[0]))  # the export has them
    report = load_survey(
        content, name, store, questionnaire=FORM, answers=FileAnswers({("unit", "Xã Sơn Cao mới"): "998"})
    )
    assert report.status == "loaded" and report.batch_id is not None
    stored, kept = _all_text(store), _kept_text(store, report.batch_id)
    for piece in PERSONAL:
        assert piece not in stored, piece
        assert piece not in kept, piece
    assert not re.search(r"\b0\d{9}\b", kept.replace(" ", "")) and "[đã che số điện thoại]" in kept
    header = kept.splitlines()[0]
    assert "Email" not in header and "Name" not in header and "Họ và tên" not in header
    assert "Anh/chị là" in header  # the rest of the export is kept


def test_google_checkbox_answers_are_split_by_the_options_even_with_a_comma_inside(store: Path) -> None:
    report = load_survey(google_csv(), "google.csv", store, dry_run=True, questionnaire=FORM)
    chosen = {}
    for a in report.answers:
        if a.question_code == "kho_khan":
            chosen.setdefault(a.response_no, []).append((a.choice, a.text))
    # Row 3: "Sân chơi, bãi tập chật hẹp, Thiếu thiết bị dạy học" is two options, not three.
    assert chosen[3] == [(COMMA_OPTION, None), ("Thiếu thiết bị dạy học", None)]
    assert chosen[9] == [(COMMA_OPTION, None)]
    # Row 5: an answer that is no option is kept as "Khác" with its text.
    assert chosen[5] == [("Thiếu phòng học", None), ("Khác", "Xe đưa đón học sinh")]
    assert 6 not in chosen and 11 not in chosen  # blank answers give no row


def test_ms_forms_checkbox_answers_split_on_semicolons_with_a_trailing_one(store: Path) -> None:
    report = load_survey(ms_forms_xlsx(), "ms.xlsx", store, dry_run=True, questionnaire=FORM)
    assert report.tool == "microsoft"
    assert [p.header for p in report.dropped] == ["Email", "Name"]
    roles = {p.header: p.role for p in report.plans}
    assert roles["ID"] == roles["Start time"] == "meta" and roles["Completion time"] == "timestamp"
    boxes = [(a.response_no, a.choice) for a in report.answers if a.question_code == "kho_khan"]
    assert boxes[:3] == [(2, "Thiếu phòng học"), (2, "Thiếu giáo viên"), (3, "Thiếu thiết bị dạy học")]
    assert report.responses[0].submitted_at is not None and report.responses[0].submitted_at.minute == 6


def test_districts_in_any_spelling_groups_and_blanks(store: Path) -> None:
    report = load_survey(google_csv(), "google.csv", store, dry_run=True, questionnaire=FORM)
    units = [r.unit_code for r in report.responses]
    assert units[:6] == ["993"] * 6  # "Huyện Hòa Phong", "H. Hòa Phong", "Hoà Phong"
    assert units[13] is None  # a blank district: the province only
    group = [r.group_code for r in report.responses]
    assert (group[0], group[6], group[11], group[13]) == ("giao_vien", "phu_huynh", "can_bo_quan_ly", "hoc_sinh")
    likert = {a.response_no: (a.choice, a.side) for a in report.answers if a.question_code == "doi_ngu"}
    assert likert[11] == ("Không ý kiến", "none") and likert[3] == ("Hoàn toàn đồng ý", "pos")
    assert 7 not in {a.response_no for a in report.answers if a.question_code == "co_so_vat_chat"}  # blank


def test_an_unknown_district_is_asked_and_the_answer_remembered_for_the_sender(store: Path) -> None:
    report = load_survey(ms_forms_xlsx(), "ms.xlsx", store, dry_run=True, questionnaire=FORM)
    assert [(q.kind, q.key) for q in report.open_questions] == [("unit", "Xã Sơn Cao mới")]
    assert "survey-unknown-district" in {i.code for i in report.issues}
    answers = FileAnswers({("unit", "Xã Sơn Cao mới"): "998"})
    loaded = load_survey(
        ms_forms_xlsx(), "ms.xlsx", store, answers=answers, sender_code="so_gddt", remember=True, questionnaire=FORM
    )
    assert loaded.status == "loaded" and loaded.responses[6].unit_code == "998"
    again = load_survey(ms_forms_xlsx(), "ms_2.xlsx", store, dry_run=True, sender_code="so_gddt", questionnaire=FORM)
    assert again.recipe is not None and not again.open_questions and again.responses[6].unit_code == "998"


def test_a_header_naming_the_district_over_other_answers_is_asked(store: Path) -> None:
    text = "Dấu thời gian,Huyện,Số lượng giáo viên đủ để dạy đủ các môn học theo chương trình\r\n"
    text += "".join(f"2023/04/12 9:4{i}:03 SA GMT+7,Trường số {i},Đồng ý\r\n" for i in range(6))
    report = load_survey(text.encode(), "x.csv", store, dry_run=True)
    assert [(q.kind, q.key, q.best_guess) for q in report.open_questions] == [("survey-column", "Huyện", "district")]
    answered = load_survey(
        text.encode(), "x.csv", store, dry_run=True, answers=FileAnswers({("survey-column", "Huyện"): "skip"})
    )
    assert not answered.open_questions and {p.header: p.role for p in answered.plans}["Huyện"] == "skip"


def test_same_bytes_load_once_and_a_rollback_removes_the_answers_from_view(store: Path) -> None:
    first = load_survey(google_csv(), "google.csv", store, questionnaire=FORM)
    assert first.status == "loaded"
    assert load_survey(google_csv(), "google.csv", store, questionnaire=FORM).status == "unchanged"
    with open_reader(store) as con:
        assert len(fetch_df(con, "survey_answers", {"survey_code": None})) > 0
    with write_session(store) as con:
        rollback_batch(con, first.batch_id or 0, "lan")
    with open_reader(store) as con:
        assert fetch_df(con, "survey_answers", {"survey_code": None}).empty
        assert con.execute("SELECT count(*) FROM survey_answers").fetchone() != (0,)  # kept in history


def test_a_file_that_is_no_export_is_refused_with_a_message(store: Path) -> None:
    report = load_survey(b"%PDF-1.4 not a form", "x.pdf", store)
    assert report.status == "rejected" and "không phải bảng tính" in report.issues[0].message
    only_meta = "Dấu thời gian,Địa chỉ email\r\n2023/04/12 9:41:03 SA GMT+7,a@b.vn\r\n".encode()
    refused = load_survey(only_meta, "y.csv", store)
    assert refused.status == "rejected" and refused.issues[0].code == "survey-no-questions"


def test_command_line_dry_run_prints_the_dropped_columns(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "google.csv"
    path.write_bytes(google_csv())
    assert main(["survey", "load", str(path), "--dry-run", "--db", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Cột dữ liệu cá nhân bỏ khi nạp" in out and "- Họ và tên (theo tiêu đề cột)" in out
    assert EMAIL not in out and PHONE not in out
    assert main(["survey", "load", str(path), "--db", str(store), "--round", "2023"]) == 0
    assert main(["survey", "list", "--db", str(store)]) == 0
    assert "nq29 đợt 2023 | google | google.csv | 14 người trả lời" in capsys.readouterr().out
