"""The analysts' workspace through AppTest: roles fail closed, sign-in, upload, rollback, tracker, admin."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import open_reader
from tests.apptest_helpers import PASSWORD, app, texts
from tests.conftest import set_cell

ROOT = Path(__file__).resolve().parent.parent
RESTRICTED = {
    "pages/tai_len.py": "analyst",
    "pages/lich_su.py": "analyst",
    "pages/cau_tra_loi.py": "analyst",
    "pages/theo_doi.py": "analyst",
    "pages/quan_tri.py": "admin",
}


@pytest.fixture
def db(demo_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    shutil.copyfile(demo_store, path)
    return path


def test_every_page_checks_the_role_at_its_top() -> None:
    """The first statement after the imports of every page (but the sign-in page) is auth.require(...)."""
    for path in sorted((ROOT / "pages").glob("*.py")):
        if path.name == "dang_nhap.py":
            continue
        body = [n for n in ast.parse(path.read_text()).body if not isinstance(n, ast.Import | ast.ImportFrom)]
        first = body[1] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body[0]
        call = first.value if isinstance(first, ast.Expr | ast.Assign) else None
        assert isinstance(call, ast.Call) and ast.unparse(call.func) == "auth.require", path.name
        expected = RESTRICTED.get(f"pages/{path.name}", "viewer")
        assert ast.literal_eval(call.args[0]) == expected, path.name


@pytest.mark.parametrize("page", list(RESTRICTED))
def test_anonymous_users_reach_no_restricted_page_by_url(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]], page: str
) -> None:
    at = app(db, monkeypatch, users)
    at.switch_page(page).run()
    assert not at.exception
    assert not at.get("file_uploader") and not at.get("plotly_chart") and not at.dataframe
    assert "Cần đăng nhập" in texts(at)
    assert at.text_input(key="dang_nhap_ten") is not None  # the sign-in form is offered instead


@pytest.mark.parametrize("page", list(RESTRICTED))
def test_running_a_restricted_page_file_directly_shows_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("NQ29_DB", str(db))
    at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
    assert not at.exception
    assert not at.get("file_uploader") and not at.dataframe and not at.get("plotly_chart")
    assert "Cần đăng nhập" in texts(at)


def test_a_viewer_cannot_upload(db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]) -> None:
    at = app(db, monkeypatch, users, role="viewer")
    at.switch_page("pages/tai_len.py").run()
    assert not at.get("file_uploader")
    assert "không có quyền" in texts(at)


def test_an_analyst_cannot_open_the_admin_page(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/quan_tri.py").run()
    assert "không có quyền" in texts(at) and not at.dataframe


def test_sign_in_refuses_wrong_passwords_then_slows_down_then_admits(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users)
    at.switch_page("pages/dang_nhap.py").run()

    def attempt(password: str) -> AppTest:
        at.text_input(key="dang_nhap_ten").input("lan")
        at.text_input(key="dang_nhap_mat_khau").input(password)
        return at.button[0].click().run()

    messages = [attempt("sai").error[0].value for _ in range(4)]
    assert all("không đúng" in m for m in messages)
    assert "Đã sai nhiều lần" in messages[-1]
    assert "thử lại sau" in attempt(PASSWORD).error[0].value  # still waiting: refused unchecked
    assert "nq29_user" not in at.session_state


def test_the_right_password_signs_in(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    users = {"thu": users["lan"]}  # a fresh name: the throttle is per process and per user name
    at = app(db, monkeypatch, users)
    at.switch_page("pages/dang_nhap.py").run()
    at.text_input(key="dang_nhap_ten").input("Thu")
    at.text_input(key="dang_nhap_mat_khau").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["nq29_user"].role == "analyst"
    assert "Bạn đã đăng nhập" in texts(at)


def demo_file(demo_store: Path, tmp_path: Path, unit: str = "993") -> Path:
    from etl.demo.build import write_demo_files

    files = write_demo_files(demo_store, tmp_path / "files")
    return next(path for path, sub in files if sub.sender == unit)


def stored_2016(db: Path) -> float:
    con = open_reader(db)
    try:
        row = con.execute(
            "SELECT value FROM current_observations WHERE unit_code='993' AND indicator_code='mn_truong' AND year=2016"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return float(row[0])


def upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader[0].set_value(
        (path.name, path.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    return at.run()


def test_upload_shows_the_dry_run_and_diff_then_loads_on_confirm(
    db: Path, demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    path = demo_file(demo_store, tmp_path)
    old = stored_2016(db)
    set_cell(path, "mn_truong", 2016, old + 1)  # one changed value, too small for a warning
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    before = db.read_bytes()
    upload(at, path)
    assert not at.exception
    assert db.read_bytes() == before  # the dry run wrote nothing
    overview = at.dataframe[0].value
    assert overview.iloc[0]["Thay đổi"] == 1 and overview.iloc[0]["Lỗi"] == 0
    details = [d.value for d in at.dataframe if "old" in d.value.columns]
    assert len(details) == 1 and details[0][["year", "old", "new"]].values.tolist() == [[2016, old, old + 1]]
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert any("Đã nạp" in s.value for s in at.success)
    assert stored_2016(db) == old + 1
    con = open_reader(db)
    try:
        sender = con.execute(
            "SELECT sender_code, b.loaded_by FROM batch_sources JOIN batches b USING (batch_id) "
            "ORDER BY batch_id DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert sender == ("993", "lan")


def test_files_with_errors_offer_no_confirmation_and_warnings_need_acknowledgement(
    db: Path, demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    bad = demo_file(demo_store, tmp_path)
    set_cell(bad, "mn_truong", 2016, "mười hai")
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    upload(at, bad)
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert any("có lỗi sẽ không được nạp" in e.value for e in at.error)

    jump = demo_file(demo_store, tmp_path / "b")
    set_cell(jump, "mn_truong", 2016, 900)  # a ×30 jump: a warning, not an error
    at.file_uploader[0].clear()
    upload(at, jump)
    assert at.button(key="upload_confirm").disabled
    at.checkbox(key="upload_ack_warnings").check().run()
    assert not at.button(key="upload_confirm").disabled


def test_rollback_needs_confirmation_and_restores_the_previous_value(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/lich_su.py").run()
    assert not at.exception
    newest = at.selectbox(key="history_batch").value
    at.button[0].click().run()  # submit without ticking the confirmation
    assert any("Đánh dấu ô xác nhận" in e.value for e in at.error)
    at.checkbox[0].check()
    at.text_input[0].input("nhầm tệp")
    at.button[0].click().run()
    assert any(f"Đã hoàn tác lô {newest}" in s.value for s in at.success)
    con = open_reader(db)
    try:
        event = con.execute("SELECT batch_id, actor, note FROM batch_events").fetchall()
    finally:
        con.close()
    assert event == [(newest, "lan", "nhầm tệp")]


def test_the_tracker_page_shows_statuses_and_reminders(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/theo_doi.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # Late: Vĩnh Khánh (28/4 itself), Sơn Cao, the labour department; partial: Mường Khoa and two departments.
    assert metrics["Chưa nộp"] == "1" and metrics["Nộp muộn"] == "3" and metrics["Nộp thiếu"] == "3"
    assert at.get("plotly_chart")
    assert {t.label for t in at.text_area} == {
        "Sở Nội vụ",
        "Sở Giáo dục và Đào tạo",
        "Sở Kế hoạch và Đầu tư",
        "Huyện Mường Khoa",
    }
    captions = " ".join(c.value for c in at.caption)
    assert "đúng hạn khi nhận đến hết ngày 27/04/2023" in captions and "Huyện Ngọc Lâm" in captions


def test_an_admin_can_require_sign_in_for_viewing(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="admin")
    at.switch_page("pages/quan_tri.py").run()
    assert not at.exception
    next(t for t in at.toggle if t.label.startswith("Cho phép xem")).set_value(False)
    next(b for b in at.button if b.label == "Lưu cài đặt").click().run()
    assert any("Đã lưu cài đặt" in s.value for s in at.success)
    anonymous = app(db, monkeypatch, users)
    assert "chỉ dành cho người dùng đã đăng nhập" in texts(anonymous)
    assert not anonymous.get("plotly_chart") and not anonymous.metric


def test_a_removed_account_or_a_changed_role_applies_to_an_open_session(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    assert at.get("file_uploader")
    at.secrets["users"] = {**users, "lan": {**users["lan"], "role": "viewer"}}
    at.run()
    assert not at.get("file_uploader") and "không có quyền" in texts(at)
    at.secrets["users"] = {k: v for k, v in users.items() if k != "lan"}
    at.run()
    assert "nq29_user" not in at.session_state and "Cần đăng nhập" in texts(at)


def free_layout_file(unit_name: str, indicator_name: str, value: int) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Đơn vị", indicator_name])
    ws.append([None, None, "2013-2014"])
    ws.append([1, unit_name, value])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_unmatched_name_can_be_confirmed_as_an_alias_and_the_file_is_checked_again(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    con = open_reader(db)
    try:
        row = con.execute(
            "SELECT value FROM current_observations WHERE unit_code='993' AND indicator_code='th_truong' AND year=2013"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    content = free_layout_file("Phòng GD huyện Hoà Phong", "Số trường tiểu học", int(row[0]))
    at.file_uploader[0].set_value(("phu_luc.xlsx", content, "application/vnd.ms-excel")).run()
    assert not at.exception
    assert at.dataframe[0].value.iloc[0]["Mới"] + at.dataframe[0].value.iloc[0]["Thay đổi"] == 0
    question = at.selectbox(key="alias_unit_0")
    assert question.options[0].startswith("Huyện Hòa Phong")  # the suggestion comes first
    question.select("993").run()
    at.button(key="alias_save_unit_0").click().run()
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "alias_unit_0"]  # the name now matches
    overview = at.dataframe[0].value.iloc[0]
    assert (overview["Lỗi"], overview["Mới"], overview["Thay đổi"], overview["Không đổi"]) == (0, 0, 0, 1)
    con = open_reader(db)
    try:
        alias = con.execute("SELECT alias, code, created_by FROM analyst_aliases").fetchall()
    finally:
        con.close()
    assert alias == [("Phòng GD huyện Hoà Phong", "993", "lan")]


@pytest.mark.parametrize(
    ("name", "content", "expected_codes"),
    [
        ("hong.xlsx", b"PK\x03\x04 this zip is cut short", {"file-unreadable"}),
        ("trong.xlsx", b"", {"file-empty"}),
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, {"not-a-spreadsheet"}),
    ],
)
def test_corrupt_empty_or_non_excel_files_get_a_clear_message_and_nothing_is_written(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    users: dict[str, dict[str, str]],
    name: str,
    content: bytes,
    expected_codes: set[str],
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/tai_len.py").run()
    before = db.read_bytes()
    at.file_uploader[0].set_value((name, content, "application/octet-stream")).run()
    assert not at.exception
    assert any("không thể nạp" in e.value for e in at.error)
    issues = next(d.value for d in at.dataframe if "Nội dung" in d.value.columns)
    assert issues.iloc[0]["Mức độ"] == "Lỗi" and issues.iloc[0]["Mã lỗi"] in expected_codes
    assert len(issues.iloc[0]["Nội dung"]) > 20  # a sentence, in Vietnamese
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("page", "form"), [("pages/nguyen_nhan.py", "note_pick"), ("pages/khen_thuong.py", "nomination_pick")]
)
def test_anonymous_users_and_viewers_read_notes_and_nominations_but_cannot_edit(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]], page: str, form: str
) -> None:
    for role in (None, "viewer"):
        at = app(db, monkeypatch, users, role=role)
        at.switch_page(page).run()
        assert not at.exception and at.dataframe  # they read
        assert not [s for s in at.selectbox if s.key == form]  # no editor
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page(page).run()
    assert [s for s in at.selectbox if s.key == form]


def test_an_analyst_adds_a_note_from_the_page(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/nguyen_nhan.py").run()
    at.text_area[0].input("Nguyên nhân thử nghiệm: tăng đầu tư.")
    next(b for b in at.button if b.label.startswith("Lưu (giữ lại")).click().run()
    assert not at.exception
    assert any("Đã lưu ghi chú" in s.value for s in at.success)
    con = open_reader(db)
    try:
        rows = con.execute("SELECT text, author FROM current_notes WHERE text LIKE 'Nguyên nhân thử%'").fetchall()
    finally:
        con.close()
    assert rows == [("Nguyên nhân thử nghiệm: tăng đầu tư.", "lan")]


def test_an_empty_note_is_refused_on_the_page(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="analyst")
    at.switch_page("pages/nguyen_nhan.py").run()
    before = db.read_bytes()
    next(b for b in at.button if b.label.startswith("Lưu (giữ lại")).click().run()
    assert any("không được để trống" in e.value for e in at.error)
    assert db.read_bytes() == before


def test_an_admin_sees_the_last_backup_starts_one_and_reads_how_to_restore(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]]
) -> None:
    at = app(db, monkeypatch, users, role="admin")
    at.switch_page("pages/quan_tri.py").run()
    assert not at.exception and "Chưa có bản sao lưu nào" in texts(at)
    next(b for b in at.button if b.label == "Sao lưu ngay").click().run()
    assert not at.exception
    assert any("Đã sao lưu" in s.value for s in at.success)
    (backup,) = (db.parent / "backups").glob("nq29-*.duckdb")
    assert "Bản sao lưu gần nhất" in texts(at) and backup.name in texts(at)
    assert f"etl restore {db.parent / 'backups'}" in texts(at)
