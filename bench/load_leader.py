"""One leader of the load test (`bench.load`): a browser context that signs in and browses.

What "settled" means is defined here (SETTLED) and described in bench/load.py's docstring.
"""

from __future__ import annotations

import random
import re
import time
from typing import Any

from bench.load_stats import Sample

PASSWORD = "lanh-dao-xem-bieu-do"
TIMEOUT_MS = 30_000
OUTSIDE = re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1[:/]|data:|blob:)")
CHART = '[data-testid="stPlotlyChart"] .main-svg'
TABLE = '[data-testid="stDataFrame"], [data-testid="stMetric"]'
# menu title → (page title, main element)
PAGES = {
    "Tổng quan": ("Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW", TABLE),
    "Xu hướng": ("Xu hướng theo thời gian", CHART),
    "So sánh địa bàn": ("So sánh địa bàn", CHART),
    "Bản đồ": ("Bản đồ", CHART),
    "Đánh giá kết quả – hạn chế": ("Đánh giá kết quả – hạn chế", TABLE),
    "Chất lượng dữ liệu": ("Chất lượng dữ liệu", TABLE),
    "Danh mục chỉ tiêu": ("Danh mục chỉ tiêu", TABLE),
    "Nguyên nhân và sự kiện": ("Nguyên nhân và sự kiện", TABLE),
    "Khen thưởng": ("Khen thưởng tập thể, cá nhân", TABLE),
}
RUN_WATCH = """
window.__nq29 = {ended: 0};
new MutationObserver((records) => {
  for (const r of records) if (r.oldValue === 'running') window.__nq29.ended++;
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
SETTLED = """([ended, title, main]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || window.__nq29.ended <= ended || app.dataset.testScriptState !== 'notRunning') return false;
  const visible = (e) => e && e.getClientRects().length > 0;
  const h1 = [...document.querySelectorAll('h1')].some((h) => visible(h) && h.textContent.trim() === title);
  return h1 && [...document.querySelectorAll(main)].some(visible);
}"""


class Leader:
    """One browser context: a leader who signs in and browses until the time is up."""

    def __init__(self, index: int, url: str, context: Any, t0: float, seed: int) -> None:
        self.index, self.url, self.context, self.t0 = index, url, context, t0
        self.random = random.Random(seed + index)
        self.samples: list[Sample] = []
        self.problems: list[str] = []  # console errors, failed requests, closed WebSockets
        self.page_title = "Tổng quan"
        self.closing = False
        self.outside: set[str] = set()  # addresses outside loopback the page asked for (refused)

    def watch(self, page: Any) -> None:
        """Count console errors, failed or refused requests and WebSockets closed before the end."""

        def console(message: Any) -> None:
            if message.type == "error" and "ERR_FAILED" not in message.text:  # ERR_FAILED: a refused outside request
                self.problems.append(f"console: {message.text[:200]}")

        def failed(request: Any) -> None:
            if not self.closing and request.url not in self.outside:
                self.problems.append(f"request failed: {request.url}")

        def response(answer: Any) -> None:
            if answer.status >= 400:
                self.problems.append(f"HTTP {answer.status}: {answer.url}")

        def socket(ws: Any) -> None:
            ws.on("close", lambda _: None if self.closing else self.problems.append(f"WebSocket closed: {ws.url}"))

        page.on("console", console)
        page.on("requestfailed", failed)
        page.on("response", response)
        page.on("websocket", socket)

    async def refuse(self, route: Any) -> None:
        """Loopback only: a request elsewhere (e.g. an icon font) is refused and noted apart."""
        self.outside.add(route.request.url)
        await route.abort()

    async def timed(self, page: Any, action: str, act: Any) -> None:
        ended = await page.evaluate("() => window.__nq29.ended")
        start = time.monotonic()
        error = ""
        try:
            await act()
            title, main = PAGES[self.page_title]
            await page.wait_for_function(SETTLED, arg=[ended, title, main], timeout=TIMEOUT_MS, polling=50)
            if await page.locator('[data-testid="stException"]').count():
                error = "exception on the page"
        except Exception as exc:  # a timeout or a vanished element: an error of this action, the loop goes on
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        seconds = time.monotonic() - start
        self.samples.append(Sample(self.index, action, self.page_title, start - self.t0, seconds, error))

    async def sign_in(self, page: Any) -> None:
        """At the home page, which asks for a sign-in when anonymous viewing is off, then shows itself."""
        await page.goto(self.url)
        await page.get_by_text("Đăng nhập để tiếp tục").wait_for(timeout=60_000)
        await page.get_by_label("Mật khẩu").wait_for(timeout=60_000)
        await page.get_by_label("Tên đăng nhập").fill(f"lanhdao{self.index:02d}")
        await page.get_by_label("Mật khẩu").fill(PASSWORD)
        await self.timed(page, "sign_in", page.get_by_role("button", name="Đăng nhập").click)

    async def switch_page(self, page: Any) -> None:
        self.page_title = self.random.choice([p for p in PAGES if p != self.page_title])
        link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=self.page_title).first
        await self.timed(page, "page", link.click)

    async def change_filter(self, page: Any) -> None:
        sidebar = page.locator('[data-testid="stSidebar"]')
        kind = self.random.choice(["indicator", "district", "years"])
        if kind == "indicator":
            box = sidebar.get_by_role("combobox", name="Chỉ tiêu", exact=True)

            async def act() -> None:
                await box.click()
                options = page.get_by_role("option")
                await options.first.wait_for()
                n = await options.count()
                current = [i for i in range(n) if await options.nth(i).get_attribute("aria-selected") == "true"]
                await options.nth(self.random.choice([i for i in range(n) if i not in current] or [0])).click()
        elif kind == "district":
            box = sidebar.locator('[data-testid="stMultiSelect"] input').first

            async def act() -> None:
                if await sidebar.locator('[data-baseweb="tag"]').count() >= 2:
                    await box.click()
                    await box.press("Backspace")  # removes the last district chosen
                    return
                await box.click()
                options = page.get_by_role("option")
                await options.first.wait_for()
                await options.nth(self.random.randrange(await options.count())).click()
        else:
            thumb = sidebar.locator('[data-testid="stSlider"] [role="slider"], [role="slider"]').first

            async def act() -> None:
                low, now = await thumb.get_attribute("aria-valuemin"), await thumb.get_attribute("aria-valuenow")
                await thumb.focus()
                await thumb.press("ArrowRight" if low == now or self.random.random() < 0.5 else "ArrowLeft")

        await self.timed(page, kind, act)
        await page.keyboard.press("Escape")  # a list left open must not cover the menu

    async def browse(self, until: float) -> None:
        await self.context.route(OUTSIDE, self.refuse)
        page = await self.context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        self.watch(page)
        await page.add_init_script(RUN_WATCH)
        await self.sign_in(page)
        while time.monotonic() < until:
            await self.switch_page(page)
            if time.monotonic() < until:
                await self.change_filter(page)
        self.closing = True
