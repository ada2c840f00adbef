"""Questions on the upload page and the page Câu trả lời đã lưu (AppTest and their page models), on a real table
(Hải Phòng's schools by district, tests/fixtures/real/): answered once and loaded, the next
round's file loads without questions, an edit changes what the next dry run loads, deleting the
recipe brings the question back; the page and ``--answers FILE`` go through one function; a recipe
exported and imported as an answers file; file text is never drawn as Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.load.pipeline import load_content
from tests.apptest_helpers import app, texts
from tests.conftest import query_rows
from tests.real_files import HAIPHONG, haiphong_2016, haiphong_remembered, real_store

TOTAL = ("total-row", "TỔNG SỐ")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return real_store(tmp_path / "hp.duckdb", "31")


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, content, XLSX)).run()
    assert not at.exception
    return at


def questions(at: AppTest) -> list[str]:
    return [s.key for s in at.selectbox if s.key and "_q_" in s.key]


def overview(at: AppTest) -> dict[str, object]:
    return dict(at.dataframe[0].value.iloc[0])


def test_a_question_is_answered_on_the_page_and_the_next_round_asks_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    upload(at, "truong_2015.xlsx", HAIPHONG.read_bytes())
    [key] = questions(at)
    question = at.selectbox(key=key)
    assert question.value == "31"  # the best guess, selected
    assert question.options[0].startswith("Có: số liệu của Thành phố Hải Phòng — nạp 3 giá trị (gợi ý)")
    assert any("đó có phải số liệu của Thành phố Hải Phòng?" in t.value for t in at.text)  # the prompt, plain text
    # The live preview: what this answer loads, counted, with a sample of the values.
    assert "tệp nạp 48 giá trị. Câu trả lời này: thêm 3, bớt 0, đổi 0 giá trị." in texts(at)
    preview = next(d.value for d in at.dataframe if "Bây giờ" in d.value.columns)
    assert set(preview["Địa bàn"]) == {"Thành phố Hải Phòng"} and set(preview["Thay đổi"]) == {"Thêm"}
    assert set(preview["Chỉ tiêu"]) == {"Số lớp tiểu học", "Số lớp trung học cơ sở", "Số lớp trung học phổ thông"}
    assert overview(at)["Mới"] == 45  # not applied yet

    at.button(key="upload_0_0_recheck").click().run()
    assert overview(at)["Mới"] == 48
    assert "Trước: 45 giá trị; bây giờ: 48 giá trị (thêm 3, bớt 0, đổi 0)." in texts(at)
    assert not [c for c in at.checkbox if c.key == "upload_0_0_remember"]  # nobody to remember them for yet
    at.selectbox(key="upload_0_0_sender").select("so_gddt").run()
    assert at.checkbox(key="upload_0_0_remember").value  # remembered by default
    assert overview(at)["Cảnh báo"] == 0  # the open question was the only warning
    at.button(key="upload_confirm").click().run()
    assert any("Bộ câu trả lời đã lưu: số 1, phiên bản 1" in s.value for s in at.success)
    assert query_rows(db, "SELECT recipe_id, version, sender_code, author FROM current_recipes") == [
        (1, 1, "so_gddt", "lan")
    ]
    assert query_rows(db, "SELECT batch_id, recipe_id, version FROM batch_recipes") == [(1, 1, 1)]

    # The same sender's table a year later: read with the recipe, nothing asked, loaded.
    upload(at, "truong_2016.xlsx", haiphong_2016())
    assert questions(at) == []
    assert any(
        "Đọc theo bộ câu trả lời đã lưu số 1 (phiên bản 1) của Sở Giáo dục và Đào tạo" in i.value for i in at.info
    )
    assert at.selectbox(key="upload_1_0_sender").value == "so_gddt"
    assert overview(at)["Mới"] == 48 and overview(at)["Cảnh báo"] == 0
    at.button(key="upload_confirm").click().run()
    assert any("lô số 2, 48 giá trị" in s.value for s in at.success)
    assert query_rows(db, "SELECT batch_id, recipe_id, version FROM batch_recipes ORDER BY batch_id") == [
        (1, 1, 1),
        (2, 1, 1),
    ]
    th_lop = "SELECT year, value FROM current_observations WHERE unit_code = '31' AND indicator_code = 'th_lop'"
    assert query_rows(db, th_lop + " ORDER BY year") == [(2015, 4461.0), (2016, 4470.0)]


def test_editing_the_recipe_changes_the_next_dry_run_and_deleting_it_brings_the_question_back(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    haiphong_remembered(db)
    later = haiphong_2016()  # the same bytes each time (openpyxl writes the time it saved)
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    upload(at, "truong_2016.xlsx", later)  # checked with version 1 of the recipe
    assert questions(at) == [] and overview(at)["Mới"] == 48

    at.switch_page("pages/cau_tra_loi.py").run()
    assert not at.exception
    listed = at.dataframe[0].value.iloc[0]
    assert listed["Bên gửi"] == "Sở Giáo dục và Đào tạo" and listed["Các lô đã dùng"] == "1"
    assert listed["Câu trả lời"] == "Dòng tổng «TỔNG SỐ»: Thành phố Hải Phòng (mã 31)"
    assert listed["Bố cục"].startswith("Trang «Sheet1» · Hạ tầng xã hội · Số trường phổ thông trên địa bàn")
    assert any("Số trường phổ thông năm học … phân theo huyện, quận" in t.value for t in at.text)  # the layout

    at.selectbox(key="recipe_1_1_answer_0").select("skip")
    at.text_input(key="recipe_1_1_note").input("không lấy dòng tổng")
    next(b for b in at.button if b.label == "Lưu phiên bản mới").click().run()
    assert not at.exception
    assert any("Đã lưu phiên bản 2 của bộ số 1." in s.value for s in at.success)
    # The file of batch 1 checked again with the new version: what it loads now against what it loaded.
    assert "Trước: 48 giá trị; bây giờ: 42 giá trị (thêm 0, bớt 6, đổi 0)." in texts(at)
    versions = next(d.value for d in at.dataframe if "origin" in d.value.columns)
    assert versions[["version", "origin", "author", "note"]].values.tolist() == [
        [2, "Sửa trên trang", "lan", "không lấy dòng tổng"],
        [1, "Lưu khi nạp tệp", "lan", ""],
    ]

    # The file checked before the edit, checked again: the edit changed what it loads, and says so.
    at.switch_page("pages/tai_len.py").run()
    upload(at, "truong_2016.xlsx", later)
    assert any("số 1 (phiên bản 2)" in i.value for i in at.info)
    assert questions(at) == [] and overview(at)["Mới"] == 42
    assert "Trước: 48 giá trị; bây giờ: 42 giá trị (thêm 0, bớt 6, đổi 0)." in texts(at)
    changed = next(d.value for d in at.dataframe if "Bây giờ" in d.value.columns)
    assert set(changed["Thay đổi"]) == {"Bớt"} and set(changed["Địa bàn"]) == {"Thành phố Hải Phòng"}

    at.switch_page("pages/cau_tra_loi.py").run()
    next(b for b in at.button if b.label == "Xóa bộ câu trả lời").click().run()
    assert any("Đánh dấu ô xác nhận" in e.value for e in at.error)  # not without the tick
    at.checkbox(key="recipe_delete_sure").check()
    next(b for b in at.button if b.label == "Xóa bộ câu trả lời").click().run()
    assert any("Đã xóa bộ số 1 (giữ lại ở phiên bản 3)." in s.value for s in at.success)
    at.toggle(key="recipe_withdrawn").set_value(True).run()
    assert at.dataframe[0].value.iloc[0]["Trạng thái"] == "Đã xóa"

    at.switch_page("pages/tai_len.py").run()
    upload(at, "truong_2016.xlsx", later)
    assert len(questions(at)) == 1 and not any("bộ câu trả lời đã lưu" in i.value for i in at.info)
    assert overview(at)["Mới"] == 45


def test_text_from_a_file_is_never_drawn_as_markdown(
    demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    import shutil

    from tests.test_workspace_pages import free_layout_file

    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_store, db)
    hostile = "Phòng GD huyện Hoà Phong **[mở](http://x.test)**"
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    upload(at, "**bảng** [x](http://x.test).xlsx", free_layout_file(hostile, "Số trường tiểu học", 7))
    assert questions(at)  # the unmatched name is asked about
    assert any(hostile in t.value for t in at.text)
    markdown = [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]
    assert not any("http://x.test" in str(m.value) for m in markdown)
    assert "\\*\\*bảng\\*\\* \\[x\\]" in at.expander[0].label  # the file name, escaped


def test_loading_without_the_error_cells_is_asked_on_the_page_and_never_remembered(
    demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    import shutil

    from tests.reading_helpers import xlsx

    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_store, db)
    content = xlsx(
        [
            ["UBND HUYỆN HÒA PHONG"],
            ["Chỉ tiêu", "2019-2020"],
            ["Số trường tiểu học", 20],
            ["Tỷ lệ trường tiểu học đạt chuẩn quốc gia", 135],
        ]
    )
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    upload(at, "loi.xlsx", content)
    assert overview(at)["Kết quả"] == "Có lỗi, không thể nạp"
    assert not [b for b in at.button if b.key == "upload_confirm"]
    [key] = questions(at)
    assert at.selectbox(key=key).value == "yes"  # "Có: nạp 1 giá trị, bỏ 1 ô lỗi", after seeing the cells
    assert any("Tệp có 1 ô lỗi (Sheet1!B4)" in t.value for t in at.text)
    at.button(key="upload_0_0_recheck").click().run()
    assert overview(at)["Kết quả"] == "Hợp lệ, sẵn sàng nạp"
    assert not [c for c in at.checkbox if c.key == "upload_0_0_remember"]  # never remembered
    at.checkbox(key="upload_ack_warnings").check().run()
    at.button(key="upload_confirm").click().run()
    assert any("Đã nạp loi.xlsx" in s.value for s in at.success)
    assert query_rows(db, "SELECT kind, answer FROM batch_answers ORDER BY batch_id DESC LIMIT 1") == [
        ("skip-error-cells", "yes")
    ]
    assert query_rows(db, "SELECT count(*) FROM recipes") == [(0,)]


def test_the_page_and_the_answers_file_go_through_one_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upload page's check and ``python -m etl load --answers FILE`` both call
    ``check_content`` with the same answers, and the same answers read the same values."""
    from etl.cli import main
    from etl.load import pipeline
    from page_models.upload import check_upload
    from tests.real_files import REAL

    db = real_store(tmp_path / "hp.duckdb", "31")
    real_check = pipeline.check_content
    calls: list[tuple[dict[tuple[str, str], str], str | None, list[tuple[object, ...]]]] = []

    def spy(*args: object, **kwargs: object) -> pipeline.FileReport:
        report = real_check(*args, **kwargs)  # type: ignore[arg-type]
        given = args[4].given if len(args) > 4 else kwargs["answers"].given  # type: ignore[union-attr]
        values = sorted((v.unit_code, v.indicator_code, v.year, v.value) for v in report.values)
        calls.append((dict(given), kwargs.get("sender_code"), values))  # type: ignore[arg-type]
        return report

    monkeypatch.setattr(pipeline, "check_content", spy)
    answers = REAL / "haiphong_truong_pt_quan_2015_2016" / "answers.csv"
    cli_args = ["load", str(HAIPHONG), "--dry-run", "--answers", str(answers), "--sender", "so_gddt", "--db", str(db)]
    assert main(cli_args) == 0
    assert "48 giá trị đọc được" in capsys.readouterr().out
    page = check_upload(HAIPHONG.name, HAIPHONG.read_bytes(), db, None, answers={TOTAL: "31"}, sender="so_gddt")
    assert page.report.status == "validated" and len(page.report.values) == 48
    [(cli_given, cli_sender, cli_values), (page_given, page_sender, page_values)] = calls
    assert cli_given == page_given == {TOTAL: "31"} and cli_sender == page_sender == "so_gddt"
    assert cli_values == page_values and len(cli_values) == 48


def test_a_recipe_is_exported_and_imported_as_an_answers_file_on_the_page(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    from etl.load.answers import read_answers
    from page_models.recipes import export_answers

    haiphong_remembered(db)
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/cau_tra_loi.py").run()
    assert not at.exception
    assert [str(e.proto.label) for e in at.get("download_button")] == ["Tải tệp câu trả lời (CSV)"]
    exported = export_answers(db, 1)  # what that button downloads
    path = Path(db).parent / "bo_1.csv"
    path.write_bytes(exported)
    assert read_answers(path).for_file("bat_ky.xlsx").given == {TOTAL: "31"}  # an --answers file for any file

    at.file_uploader(key="recipe_import_file").set_value(("bo_1.csv", exported, "text/csv")).run()
    at.selectbox(key="recipe_import_sender").select("so_khdt").run()
    at.button(key="recipe_import").click().run()
    assert not at.exception
    assert any("Đã nhập bộ câu trả lời số 2 (phiên bản 1)." in s.value for s in at.success)
    assert query_rows(db, "SELECT recipe_id, sender_code, origin, author FROM recipes ORDER BY recipe_id") == [
        (1, "so_gddt", "load", "lan"),
        (2, "so_khdt", "import", "lan"),
    ]
    assert query_rows(db, "SELECT kind, question_key, answer FROM recipe_answers WHERE recipe_id = 2") == [
        ("total-row", "TỔNG SỐ", "31")
    ]
    [(original, copied)] = query_rows(
        db, "SELECT a.layout_text, b.layout_text FROM recipes a, recipes b WHERE a.recipe_id = 1 AND b.recipe_id = 2"
    )
    assert copied == original and str(copied).startswith("Trang «Sheet1»\n")  # one header row a line, as exported
    # The planning department's next table of that layout is read with the imported recipe.
    report = load_content(haiphong_2016(), "truong_2016.xlsx", db, dry_run=True, sender_code="so_khdt")
    assert report.recipe is not None and report.recipe.recipe_id == 2 and len(report.values) == 48
    assert not report.open_questions


def test_a_preview_counts_what_an_answer_loads_even_for_a_file_loaded_with_it(db: Path) -> None:
    haiphong = db
    haiphong_remembered(db, "table.xlsx")
    from page_models.upload import check_upload, own_answers, preview_check

    check = check_upload("table.xlsx", HAIPHONG.read_bytes(), haiphong, None, recipes=False)
    assert check.report.status == "validated" and [q.kind for q in check.questions] == ["total-row"]
    [preview] = preview_check(check, {TOTAL: "31"}, haiphong)  # these bytes were loaded with this answer
    assert (preview.n_loaded, preview.changes.added, preview.changes.removed) == (48, 3, 0)
    assert set(preview.changes.table["Chỉ tiêu"]) == {
        "Số lớp tiểu học",
        "Số lớp trung học cơ sở",
        "Số lớp trung học phổ thông",
    }
    [skip] = preview_check(check, {TOTAL: "skip"}, haiphong)
    assert (skip.n_loaded, skip.changes.added, skip.changes.removed) == (42, 0, 3)  # the first table's total too

    read = check_upload("next.xlsx", haiphong_2016(), haiphong, None)
    assert read.recipe_answers == {TOTAL: "31"} and own_answers(read, {TOTAL: "31"}) == {}
    assert own_answers(read, {TOTAL: "skip"}) == {TOTAL: "skip"}
    assert not read.can_remember  # nothing of the analyst's own to remember
    errors_only = check_upload("next.xlsx", haiphong_2016(), haiphong, None, answers={("skip-error-cells", ""): "yes"})
    assert not errors_only.can_remember
