"""Browser smoke test: the real server in headless Chromium (Debian's build, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from store import open_reader

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("NQ29_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


def free_port() -> int:
    """A free port: the first free one of NQ29_TEST_PORTS ("8620-8629") when set, else any."""
    first, _, last = os.environ.get("NQ29_TEST_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    pytest.fail(f"no free port in NQ29_TEST_PORTS={first}-{last}")


def start_server(db: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, "NQ29_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail("Streamlit did not start within 60 s")


def analyst_server(db: Path, tmp_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The app on ``db`` with one analyst, "lan" (password tests.apptest_helpers.PASSWORD)."""
    from access.passwords import hash_password
    from access.users import secrets_entry
    from tests.apptest_helpers import PASSWORD

    secrets = tmp_path / "secrets.toml"
    secrets.write_text(secrets_entry("lan", "analyst", "Chị Lan", hash_password(PASSWORD, cost=4)), encoding="utf-8")
    return start_server(db, "--secrets.files", str(secrets))


def sign_in(page: Any, url: str, path: str, screenshot: Path | None = None) -> None:
    """Open a page for signed-in staff and sign in there as "lan" (the form in ``screenshot``)."""
    from tests.apptest_helpers import PASSWORD

    page.goto(f"{url}/{path}")
    page.get_by_text("Cần đăng nhập").wait_for(timeout=60_000)
    page.get_by_label("Mật khẩu").wait_for(timeout=30_000)
    if screenshot is not None:
        page.screenshot(path=str(screenshot), full_page=True)
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.fixture(scope="module")
def server(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    shutil.copyfile(demo_store, db)
    proc, url = start_server(db)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
LOOPBACK = {"127.0.0.1", "localhost", None}  # None: data: and blob: URLs
# (url path with a shared link's parameters, title, number of charts at least)
PAGES = [
    ("", "Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW", 0),
    ("xu-huong?chi_tieu=th_tl_cqg&dia_ban=993,999", "Xu hướng theo thời gian", 1),
    ("so-sanh?chi_tieu=thcs_tl_bohoc", "So sánh địa bàn", 4),
    ("ban-do?chi_tieu=th_tl_cqg", "Bản đồ", 1),
    ("danh-gia?nhom=dieu_kien", "Đánh giá kết quả – hạn chế", 0),
    ("chat-luong", "Chất lượng dữ liệu", 0),
    ("danh-muc", "Danh mục chỉ tiêu", 0),
    ("nguyen-nhan", "Nguyên nhân và sự kiện", 0),
    ("khen-thuong", "Khen thưởng tập thể, cá nhân", 0),
]


@pytest.mark.parametrize("viewport", [(1280, 800), (820, 1180)], ids=["laptop", "tablet"])
def test_every_page_renders_in_chromium(server: str, viewport: tuple[int, int]) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.set_default_timeout(60_000)  # every step reruns the page; a loaded machine is slow
        outside: list[str] = []  # no network at run time: every request stays on this machine
        page.on("request", lambda r: None if urlparse(r.url).hostname in LOOPBACK else outside.append(r.url))
        for path, title, n_charts in PAGES:
            page.goto(f"{server}/{path}")
            page.get_by_role("heading", name=title).wait_for(timeout=60_000)
            page.get_by_text("Dữ liệu minh họa").first.wait_for(timeout=30_000)
            if n_charts:
                page.locator('[data-testid="stPlotlyChart"] .main-svg:visible').nth(n_charts - 1).wait_for(
                    timeout=60_000
                )
            else:
                page.locator('[data-testid="stDataFrame"], [data-testid="stMetric"]').first.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            assert page.get_by_text("Page not found").count() == 0, path
            assert page.locator('[data-testid="stException"]').count() == 0, path
            assert page.locator('[data-testid="stPlotlyChart"]').count() >= n_charts
            name = path.split("?")[0] or "tong-quan"
            page.screenshot(path=str(ARTIFACTS / f"{name}_{viewport[0]}x{viewport[1]}.png"), full_page=True)
        browser.close()
    assert outside == []


def test_an_analyst_signs_in_uploads_a_file_and_sees_it_on_the_trend_page(demo_store: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from etl.demo.build import write_demo_files
    from tests.conftest import set_cell

    db = tmp_path / "store.duckdb"
    shutil.copyfile(demo_store, db)
    path = next(p for p, sub in write_demo_files(demo_store, tmp_path / "files") if sub.sender == "993")
    con = open_reader(db)
    try:
        row = con.execute(
            "SELECT value FROM current_observations WHERE unit_code='993' AND indicator_code='mn_truong' AND year=2022"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    new_value = float(row[0]) + 2
    set_cell(path, "mn_truong", 2022, new_value)  # school year 2022-2023, the round's last
    proc, url = analyst_server(db, tmp_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(60_000)  # every step reruns the page; a loaded machine is slow
            page.goto(url)
            page.get_by_role("heading", name="Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW").wait_for(timeout=60_000)
            assert page.get_by_text("Tải dữ liệu lên").count() == 0  # not in an anonymous user's menu
            sign_in(page, url, "tai-len", ARTIFACTS / "workspace_1_sign_in.png")
            page.get_by_role("heading", name="Tải dữ liệu lên").wait_for(timeout=60_000)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
            page.get_by_role("heading", name="Kết quả chạy thử").wait_for(timeout=60_000)
            page.get_by_role("button", name="Xác nhận nạp 1 tệp").wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "workspace_2_dry_run.png"), full_page=True)
            page.get_by_role("button", name="Xác nhận nạp 1 tệp").click()
            page.get_by_text("Đã nạp").first.wait_for(timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "workspace_3_loaded.png"), full_page=True)
            page.get_by_role("link", name="Lịch sử nạp").click()
            page.get_by_role("heading", name="Lịch sử nạp dữ liệu").wait_for(timeout=60_000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(ARTIFACTS / "workspace_4_history.png"), full_page=True)
            page.get_by_role("link", name="Theo dõi nộp báo cáo").click()
            page.locator('[data-testid="stPlotlyChart"] .main-svg:visible').first.wait_for(timeout=60_000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(ARTIFACTS / "workspace_5_tracker.png"), full_page=True)
            page.goto(f"{url}/xu-huong?chi_tieu=mn_truong&dia_ban=993")
            page.locator('[data-testid="stPlotlyChart"] .main-svg:visible').first.wait_for(timeout=60_000)
            traces = page.evaluate(
                "() => [...document.querySelectorAll('.js-plotly-plot')].flatMap("
                "d => d.data.map(t => ({name: t.name, x: Array.from(t.x), y: Array.from(t.y)})))"
            )
            page.screenshot(path=str(ARTIFACTS / "workspace_6_trend.png"), full_page=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    district = next(t for t in traces if "Hòa Phong" in t["name"])
    shown = dict(zip(district["x"], district["y"], strict=True))
    assert any(float(y) == new_value for x, y in shown.items() if str(x).startswith("2022")), shown


def warm_up(page: Any, server: str) -> None:
    """Open the home page first: a deep link as a cold server's very first request can meet a
    transient "Page not found" modal (pages not registered yet), which makes the page inert."""
    page.goto(server)
    page.get_by_role("heading", name=PAGES[0][1]).wait_for(timeout=60_000)


def test_download_buttons_give_files(server: str) -> None:
    """A chart's PNG (rendered by kaleido inside the server) and a table's CSV arrive as files."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        page.set_default_timeout(60_000)  # every step reruns the page; a loaded machine is slow
        warm_up(page, server)
        page.goto(f"{server}/xu-huong?chi_tieu=th_tl_cqg&dia_ban=993,999")
        page.locator('[data-testid="stPlotlyChart"] .main-svg:visible').first.wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as png:
            page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
        assert png.value.suggested_filename == "ty_le_truong_tieu_hoc_dat_chuan_quoc_gia.png"
        assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with page.expect_download(timeout=60_000) as csv:
            page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
        text = Path(csv.value.path()).read_bytes()
        assert text.startswith(b"\xef\xbb\xbf") and "Huyện Mường Khoa" in text.decode("utf-8-sig")
        assert page.locator('[data-testid="stException"]').count() == 0
        browser.close()


def test_report_page_builds_and_downloads_the_appendix(server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        page.set_default_timeout(60_000)  # every step reruns the page; a loaded machine is slow
        warm_up(page, server)
        page.goto(f"{server}/xuat-bao-cao")
        page.get_by_role("heading", name="Xuất báo cáo").wait_for(timeout=60_000)
        page.get_by_role("button", name="Tạo bộ báo cáo").click()
        page.get_by_text("Đã tạo:").wait_for(timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "xuat-bao-cao_1280x800.png"), full_page=True)
        with page.expect_download(timeout=60_000) as word:
            page.get_by_test_id("stDownloadButton").filter(has_text="Phụ lục (Word)").click()
        assert word.value.suggested_filename == "phu_luc_so_lieu.docx"
        assert Path(word.value.path()).read_bytes()[:2] == b"PK"
        assert page.locator('[data-testid="stException"]').count() == 0
        browser.close()


def test_answers_given_once_are_remembered_edited_and_deleted_in_chromium(tmp_path: Path) -> None:
    """Issue 14 on a real table (Nghệ An's pupils, which names no unit): the question answered on
    the upload page and loaded; the next year's table from the same sender loads without
    questions; an edit of the recipe changes what the next dry run loads; deleting it brings the
    question back; the recipe downloaded as an answers file and imported again reads the next file.
    A screenshot of each step at 1440×900 and at a 390×844 phone."""
    from playwright.sync_api import sync_playwright

    from tests.real_files import NGHEAN, nghean_2018, real_store

    db = real_store(tmp_path / "nghean.duckdb", "40")
    later = tmp_path / "hoc_sinh_2018.xlsx"
    later.write_bytes(nghean_2018())
    proc, url = analyst_server(db, tmp_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(60_000)  # every step reruns the page; a loaded machine is slow

            def shot(name: str, focus: str) -> None:
                """The viewport around ``focus`` (a text of the step), at both sizes."""
                for width, height in ((1440, 900), (390, 844)):
                    page.set_viewport_size({"width": width, "height": height})
                    page.wait_for_timeout(600)
                    page.get_by_text(focus).first.evaluate("e => e.scrollIntoView({block: 'center'})")
                    page.wait_for_timeout(300)
                    assert page.locator('[data-testid="stException"]').count() == 0, name
                    page.screenshot(path=str(ARTIFACTS / f"recipes_{name}_{width}x{height}.png"))
                page.set_viewport_size({"width": 1440, "height": 900})

            def upload(path: Path) -> None:
                page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
                page.get_by_role("heading", name="Kết quả chạy thử").wait_for(timeout=60_000)

            def choose(label: str, option: str) -> None:
                """Pick an option of a select box (typed, so that a long list needs no scrolling)."""
                page.wait_for_timeout(800)  # the rerun of the click before settles
                box = page.get_by_role("combobox", name=label, exact=True)
                box.click()
                box.fill(option)
                page.get_by_role("option", name=option).first.click(timeout=30_000)

            def go(link: str, heading: str) -> None:
                page.get_by_role("link", name=link).click()
                page.get_by_role("heading", name=heading).wait_for(timeout=60_000)

            warm_up(page, url)
            sign_in(page, url, "tai-len")
            page.get_by_role("heading", name="Tải dữ liệu lên").wait_for(timeout=60_000)

            upload(NGHEAN)  # 1. the question, its best guess and what it would load
            page.get_by_text("Câu hỏi của tệp").wait_for(timeout=60_000)
            page.get_by_text("tệp nạp 15 giá trị. Câu trả lời này: thêm 15, bớt 0, đổi 0 giá trị.").wait_for()
            shot("1_question", "Câu hỏi của tệp")

            page.get_by_role("button", name="Kiểm tra lại với các câu trả lời này").click()  # 2. answered
            page.get_by_text("So với lần kiểm tra trước").wait_for(timeout=60_000)
            choose("Bên gửi tệp", "Sở Kế hoạch và Đầu tư")
            page.get_by_text("Ghi nhớ câu trả lời cho các tệp sau của Sở Kế hoạch và Đầu tư").wait_for(timeout=60_000)
            shot("2_answered", "Ghi nhớ câu trả lời cho các tệp sau")
            page.get_by_role("button", name="Xác nhận nạp 1 tệp").click()
            page.get_by_text("Bộ câu trả lời đã lưu: số 1, phiên bản 1").wait_for(timeout=60_000)
            shot("3_loaded", "Bộ câu trả lời đã lưu: số 1, phiên bản 1")

            upload(later)  # 4. the next year's table: no question, read with the recipe
            page.get_by_text("Đọc theo bộ câu trả lời đã lưu số 1 (phiên bản 1)").wait_for(timeout=60_000)
            assert page.get_by_text("Câu hỏi của tệp").count() == 0
            shot("4_next_round", "Đọc theo bộ câu trả lời đã lưu số 1 (phiên bản 1)")
            page.get_by_role("button", name="Xác nhận nạp 1 tệp").click()
            page.get_by_text("lô số 2, 15 giá trị").wait_for(timeout=60_000)

            go("Câu trả lời đã lưu", "Câu trả lời đã lưu")  # 5. the recipe, its batches
            page.get_by_text("Các lô đã đọc theo bộ câu trả lời này").wait_for(timeout=60_000)
            shot("5_recipe_page", "Câu trả lời đã lưu")
            with page.expect_download() as download:  # the recipe as an answers file, kept for step 9
                page.get_by_role("button", name="Tải tệp câu trả lời (CSV)").click()
            exported = tmp_path / "cau_tra_loi_1.csv"
            download.value.save_as(exported)
            choose("Câu trả lời", "Không nạp")  # 6. edited: a new version
            page.get_by_role("button", name="Lưu phiên bản mới").click()
            page.get_by_text("Đã lưu phiên bản 2 của bộ số 1.").wait_for(timeout=60_000)
            page.get_by_text("Trước: 15 giá trị; bây giờ: 0 giá trị").first.wait_for(timeout=60_000)
            shot("6_edited", "Kiểm tra lại các tệp đã đọc theo bộ câu trả lời này")

            go("Tải dữ liệu lên", "Tải dữ liệu lên")  # 7. the next dry run loads what the edit says
            upload(later)
            page.get_by_text("Đọc theo bộ câu trả lời đã lưu số 1 (phiên bản 2)").wait_for(timeout=60_000)
            page.get_by_text("Không có giá trị nào nạp được").first.wait_for()
            page.get_by_text("Trước: 15 giá trị; bây giờ: 0 giá trị (thêm 0, bớt 15, đổi 0).").wait_for()
            shot("7_after_edit", "So với lần kiểm tra trước")

            go("Câu trả lời đã lưu", "Câu trả lời đã lưu")  # 8. deleted: the question is back
            page.get_by_text("Tôi hiểu rằng các tệp sau của bên gửi này sẽ được hỏi lại.").click()
            page.get_by_role("button", name="Xóa bộ câu trả lời").click()
            page.get_by_text("Đã xóa bộ số 1").wait_for(timeout=60_000)
            go("Tải dữ liệu lên", "Tải dữ liệu lên")
            upload(later)
            page.get_by_text("Câu hỏi của tệp").wait_for(timeout=60_000)
            assert page.get_by_text("Đọc theo bộ câu trả lời đã lưu").count() == 0
            # The preview of the best guess counts the values although this file was loaded with it.
            page.get_by_text("tệp nạp 15 giá trị. Câu trả lời này: thêm 15, bớt 0, đổi 0 giá trị.").wait_for()
            shot("8_deleted", "Câu hỏi của tệp")

            go("Câu trả lời đã lưu", "Câu trả lời đã lưu")  # 9. the exported file imported back
            page.get_by_text("Nhập bộ câu trả lời từ tệp (CSV)").click()
            uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Tệp câu trả lời")
            uploader.locator('input[type="file"]').set_input_files(str(exported))
            page.get_by_text("cau_tra_loi_1.csv").wait_for(timeout=60_000)
            choose("Bên gửi", "Sở Kế hoạch và Đầu tư")
            page.get_by_role("button", name="Nhập", exact=True).click()
            page.get_by_text("Đã nhập bộ câu trả lời số 2 (phiên bản 1).").wait_for(timeout=60_000)
            shot("9_imported", "Đã nhập bộ câu trả lời số 2 (phiên bản 1).")
            go("Tải dữ liệu lên", "Tải dữ liệu lên")  # 10. and the next file is read with it
            upload(later)
            page.get_by_text("Đọc theo bộ câu trả lời đã lưu số 2 (phiên bản 1)").wait_for(timeout=60_000)
            assert page.get_by_text("Câu hỏi của tệp").count() == 0
            shot("10_read_with_import", "Đọc theo bộ câu trả lời đã lưu số 2 (phiên bản 1)")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    con = open_reader(db)
    try:
        versions = con.execute("SELECT recipe_id, version, origin, status FROM recipes ORDER BY 1, 2").fetchall()
        imported = con.execute("SELECT kind, answer FROM recipe_answers WHERE recipe_id = 2").fetchall()
        batches = con.execute("SELECT batch_id, recipe_id, version FROM batch_recipes ORDER BY batch_id").fetchall()
    finally:
        con.close()
    assert versions == [
        (1, 1, "load", "active"),
        (1, 2, "edit", "active"),
        (1, 3, "withdraw", "withdrawn"),
        (2, 1, "import", "active"),
    ]
    assert imported == [("reporting-unit", "40")]  # version 1's answer, exported before the edit
    assert batches == [(1, 1, 1), (2, 1, 1)]


def test_a_hostile_upload_leaves_the_server_serving_and_names_as_text(demo_store: Path, tmp_path: Path) -> None:
    """The far-cell workbook (which used to abort the whole server) and a label carrying a Markdown
    link and image: the page refuses the first naming its sheet and cell, shows the second as
    text, and the server goes on serving other pages."""
    from playwright.sync_api import sync_playwright

    from tests import hostile

    db = tmp_path / "store.duckdb"
    shutil.copyfile(demo_store, db)
    far = tmp_path / "xa_XFD1048576.xlsx"
    far.write_bytes(hostile.far_cell())
    label = tmp_path / "nhan_markdown.xlsx"
    label.write_bytes(hostile.values_case([hostile.GOOD[0], [hostile.MARKDOWN_NAME, 1, 2]])())
    proc, url = analyst_server(db, tmp_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(60_000)  # every step reruns the page; a loaded machine is slow
            warm_up(page, url)
            sign_in(page, url, "tai-len")
            page.get_by_role("heading", name="Tải dữ liệu lên").wait_for(timeout=60_000)
            uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
            uploader.set_input_files([str(far), str(label)])
            page.get_by_role("heading", name="Kết quả chạy thử").wait_for(timeout=60_000)
            page.get_by_text("ô XFD1048576").first.wait_for(timeout=30_000)
            page.get_by_text("Tên chưa khớp danh mục").wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "upload_hostile.png"))
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.locator('a[href*="example.invalid"], img[src*="example.invalid"]').count() == 0
            shown = page.locator('[data-testid="stText"], [data-testid="stMarkdownContainer"]')
            shown.filter(has_text="[Bấm vào đây](http").first.wait_for(timeout=10_000)  # the label, as text
            page.goto(url)  # a new session: the server still serves every page
            page.get_by_role("heading", name=PAGES[0][1]).wait_for(timeout=60_000)
            page.goto(f"{url}/xu-huong?chi_tieu=th_tl_cqg&dia_ban=993,999")
            page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
            browser.close()
        assert proc.poll() is None  # the server is still up
    finally:
        proc.terminate()
        proc.wait(timeout=10)
