"""One leader of the load test (`bench.load`): a browser context that signs in and browses.

What "settled" means is defined here (SETTLED) and described in bench/load.py's docstring.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from typing import Any

from bench.load_filters import present_changes
from bench.load_stats import EXCEPTION, Sample

PASSWORD = "lanh-dao-xem-bieu-do"
TIMEOUT_MS = 30_000
OPEN_MS = 60_000  # the first load of the app's scripts, 20 contexts without a shared cache
OUTSIDE = re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1[:/]|data:|blob:)")
# menu title → the page's title (its h1)
PAGES = {
    "Tổng quan": "Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW",
    "Xu hướng": "Xu hướng theo thời gian",
    "So sánh địa bàn": "So sánh địa bàn",
    "Bản đồ": "Bản đồ",
    "Đánh giá kết quả – hạn chế": "Đánh giá kết quả – hạn chế",
    "Chất lượng dữ liệu": "Chất lượng dữ liệu",
    "Danh mục chỉ tiêu": "Danh mục chỉ tiêu",
    "Nguyên nhân và sự kiện": "Nguyên nhân và sự kiện",
    "Khen thưởng": "Khen thưởng tập thể, cá nhân",
}
# Runs that ended, counted two ways (the sum grows with each, so either suffices): "ended", the
# app root's data-test-script-state leaving "running" (a MutationObserver); "finished", a
# ForwardMsg script_finished (field 6, a varint; not status 2, "finished early for a rerun")
# read off the app's WebSocket, counted two animation frames later, once the app has drawn it.
# The second is needed under load: a busy browser hands the app several messages at once, React
# draws them in one go and the attribute never shows "running".
RUN_WATCH = """
window.__nq29 = {ended: 0, finished: 0};
new MutationObserver((records) => {
  for (const r of records) if (r.oldValue === 'running') window.__nq29.ended++;
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
const finishes = (bytes) => {
  let i = 0;
  const varint = () => {
    let v = 0, m = 1, b;
    do { b = bytes[i++]; v += (b & 127) * m; m *= 128; } while (b & 128);
    return v;
  };
  while (i < bytes.length) {
    const key = varint(), field = Math.floor(key / 8), wire = key % 8;
    if (wire === 0) { const v = varint(); if (field === 6) return v !== 2; }
    else if (wire === 2) i += varint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else return false;
  }
  return false;
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      if (event.data instanceof ArrayBuffer && event.data.byteLength < 1024 && finishes(new Uint8Array(event.data)))
        requestAnimationFrame(() => requestAnimationFrame(() => window.__nq29.finished++));
    });
  }
};
"""
RUNS = "() => window.__nq29.ended + window.__nq29.finished"
CONTENT = (
    '[data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"], '
    '[data-testid="stMetric"], [data-testid="stAlert"], [data-testid="stException"]'
)
SETTLED = """([ended, title, content]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const runs = window.__nq29.ended + window.__nq29.finished;
  if (!app || runs <= ended || app.dataset.testScriptState !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || main.querySelector('[data-stale="true"]')) return false;
  const visible = (e) => e.getClientRects().length > 0;
  const h1 = [...main.querySelectorAll('h1')].some((h) => visible(h) && h.textContent.trim() === title);
  const drawn = [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].every((c) => c.querySelector('.main-svg'));
  return h1 && drawn && [...main.querySelectorAll(content)].some(visible);
}"""

# What a page that did not settle shows, for the error's text: runs ended since the click, the
# script state, stale elements left in the main area, its titles, undrawn charts, content shown.
DIAGNOSE = """([ended, content]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!app || !main) return 'no app';
  const charts = [...main.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const {ended: seen, finished} = window.__nq29;
  return `runs ended ${seen + finished - ended} (now ${seen} seen, ${finished} by socket), ` +
    `state ${app.dataset.testScriptState}, ` +
    `stale ${main.querySelectorAll('[data-stale="true"]').length}, ` +
    `h1 ${JSON.stringify([...main.querySelectorAll('h1')].map((h) => h.textContent.trim()))}, ` +
    `charts undrawn ${charts.filter((c) => !c.querySelector('.main-svg')).length}/${charts.length}, ` +
    `content ${main.querySelectorAll(content).length}, url ${location.pathname}${location.search}`;
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
        ended = await page.evaluate(RUNS)
        start = time.monotonic()
        error = ""
        try:
            await act()
            title = PAGES[self.page_title]
            await page.wait_for_function(SETTLED, arg=[ended, title, CONTENT], timeout=TIMEOUT_MS, polling=50)
            boxes = page.locator('[data-testid="stException"]')
            if await boxes.count():
                error = f"{EXCEPTION}: {(await boxes.first.inner_text()).strip().splitlines()[0][:160]}"
        except Exception as exc:  # a timeout or a vanished element: an error of this action, the loop goes on
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
            try:
                error += f" [{await page.evaluate(DIAGNOSE, [ended, CONTENT])}]"
            except Exception as gone:  # the page itself is gone: say so
                error += f" [no diagnosis: {type(gone).__name__}]"
        seconds = time.monotonic() - start
        self.samples.append(Sample(self.index, action, self.page_title, start - self.t0, seconds, error))

    async def sign_in(self, page: Any) -> bool:
        """Open the home page, which asks for a sign-in when anonymous viewing is off, and sign in.

        Two timed steps: "open" (from the address typed to the sign-in form shown: the app's
        scripts loaded and its first run) and "sign_in" (from the click on Đăng nhập to the home
        page settled). A session whose sign-in fails is over (its error is counted)."""
        start = time.monotonic()
        error = ""
        try:
            await page.goto(self.url, timeout=OPEN_MS)
            await page.get_by_text("Đăng nhập để tiếp tục").wait_for(timeout=OPEN_MS)
            await page.get_by_label("Mật khẩu").wait_for(timeout=OPEN_MS)
        except Exception as exc:
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        self.samples.append(Sample(self.index, "open", "Đăng nhập", start - self.t0, time.monotonic() - start, error))
        if error:
            return False
        await page.get_by_label("Tên đăng nhập").fill(f"lanhdao{self.index:02d}")
        await page.get_by_label("Mật khẩu").fill(PASSWORD)
        await self.timed(page, "sign_in", page.get_by_role("button", name="Đăng nhập").click)
        return not self.samples[-1].error

    async def switch_page(self, page: Any) -> None:
        self.page_title = self.random.choice([p for p in PAGES if p != self.page_title])
        link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=self.page_title).first
        await self.timed(page, "page", link.click)

    async def change_filter(self, page: Any) -> None:
        """One filter change among those whose widget this page has (none: nothing to time)."""
        changes = await present_changes(page)
        if not changes:
            return
        chosen = self.random.choice(changes)
        await self.timed(page, chosen.name, lambda: chosen.change(page, self.random))
        await page.keyboard.press("Escape")  # a multiselect's list stays open: it must not cover the menu

    async def browse(self, delay: float, seconds: float) -> None:
        """Sign in ``delay`` seconds after the load began (sign-ins are staggered), then browse ``seconds``."""
        await asyncio.sleep(delay)
        await self.context.route(OUTSIDE, self.refuse)
        page = await self.context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        self.watch(page)
        await page.add_init_script(RUN_WATCH)
        until = time.monotonic() + seconds
        signed_in = await self.sign_in(page)
        while signed_in and time.monotonic() < until:
            await self.switch_page(page)
            if time.monotonic() < until:
                await self.change_filter(page)
        self.closing = True
