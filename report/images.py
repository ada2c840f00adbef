"""Plotly figure -> PNG / SVG with kaleido 1.x and a Chromium found on the machine.

One persistent renderer per process (a kaleido browser, MathJax off so no
CDN is ever asked for: see docs/export.md). Calls from many threads (Streamlit
sessions) are safe: each waits on its own future, and the browser's TABS tabs
take them as they come free.

Without a browser the functions raise BrowserMissingError, whose message says
in Vietnamese what to install.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import sys
import threading
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from report.fonts import embed_fonts, use_project_fonts

__all__ = [
    "BROWSER_MISSING_VI",
    "PRINT_SCALE",
    "BrowserMissingError",
    "ImageSize",
    "browser_path",
    "browser_ready",
    "figure_png",
    "figure_svg",
    "stop_renderer",
]

BROWSER_MISSING_VI = (
    "Không xuất được ảnh biểu đồ: máy chủ chưa cài trình duyệt Chromium (kaleido cần nó để vẽ ảnh). "
    "Quản trị viên cài bằng lệnh `apt-get install chromium` (Debian/Ubuntu) hoặc đặt biến môi trường "
    "BROWSER_PATH trỏ tới tệp chạy Chrome/Chromium, rồi khởi động lại ứng dụng. "
    "Số liệu của biểu đồ vẫn tải được dưới dạng XLSX."
)
PRINT_SCALE = 2.4  # 800 px wide (report.print_style) × 2.4 = 1920 px ≈ 300 dpi over 16 cm of an A4 page


class BrowserMissingError(RuntimeError):
    """No Chrome/Chromium to render images with."""

    def __init__(self) -> None:
        super().__init__(BROWSER_MISSING_VI)


@dataclass(frozen=True)
class ImageSize:
    width: int = 800
    height: int = 460
    scale: float = PRINT_SCALE


TABS = 2  # browser tabs rendering in parallel: ≈ 1.5× faster than one on 2 vCPUs (BENCHMARKS.md)
RELOAD_EVERY = 40  # renders between page reloads (kaleido reloads after every one)
RENDER_TIMEOUT_S = 120.0
CLOSE_TIMEOUT_S = 20.0  # kaleido's close awaits "Browser.close" with no limit of its own


def browser_path() -> str | None:
    """The Chrome/Chromium kaleido would use ($BROWSER_PATH first), or None."""
    from choreographer.browsers.chromium import Chromium

    path = Chromium.find_browser(skip_local=False)  # $BROWSER_PATH is returned unchecked
    return path if path and os.access(path, os.X_OK) else None


class _Renderer:
    """A kaleido browser on its own event-loop thread; one per process.

    Why not ``kaleido.start_sync_server``: it reloads the page (and parses
    plotly.js again) after every image, ~0.3 s each, and its shared result
    queue can hand one thread's image to another. Here every call gets its own
    future, and the page is reloaded every RELOAD_EVERY images (and after an
    error) instead: the same bytes, about three times faster (BENCHMARKS.md).
    """

    def __init__(self) -> None:
        import kaleido

        class _ReusingKaleido(kaleido.Kaleido):
            renders = 0

            async def _return_kaleido_tab(self, tab: Any) -> None:  # kaleido 1.5 private hook
                self.renders += 1
                failed = sys.exc_info()[0] is not None
                if failed or self.renders % RELOAD_EVERY == 0:
                    await tab.reload()
                await self.tabs_ready.put(tab)

        use_project_fonts()  # before the browser starts: it reads fontconfig once
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido-renderer", daemon=True)
        self._thread.start()
        self._kaleido = _ReusingKaleido(n=TABS, mathjax=False)
        self._run(self._kaleido.open())

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=RENDER_TIMEOUT_S)

    def calc(self, spec: dict[str, Any], opts: dict[str, Any]) -> bytes:
        return bytes(self._run(self._kaleido.calc_fig(spec, opts=opts)))

    def close(self) -> None:
        """Close the browser; if it does not answer in time, kill its process. Closing is clean-up:
        a browser that hangs on its way out must not fail the command that used it."""
        closing = asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop)
        try:
            closing.result(timeout=CLOSE_TIMEOUT_S)
        except TimeoutError:
            closing.cancel()
            process = getattr(self._kaleido, "subprocess", None)
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)


_lock = threading.Lock()
_renderer: _Renderer | None = None


def _get_renderer() -> _Renderer:
    global _renderer
    with _lock:
        if _renderer is None:
            if browser_path() is None:
                raise BrowserMissingError()
            try:
                _renderer = _Renderer()
            except Exception as exc:
                if "Chrome" in type(exc).__name__ or "requires Chrome" in str(exc):
                    raise BrowserMissingError() from exc
                raise
            atexit.register(stop_renderer)
        return _renderer


def stop_renderer() -> None:
    """Close the browser (tests and the command line; the app keeps it running)."""
    global _renderer
    with _lock:
        if _renderer is not None:
            renderer, _renderer = _renderer, None
            renderer.close()


def _calc(fig: go.Figure | dict[str, Any], fmt: str, size: ImageSize | None) -> bytes:
    """``size`` None: the figure's own width and height (a framed or tall figure), else 800 × 460."""
    spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
    if size is None:
        layout = spec.get("layout", {})
        size = ImageSize(int(layout.get("width") or 800), int(layout.get("height") or 460))
    opts = {"format": fmt, "width": size.width, "height": size.height, "scale": size.scale if fmt == "png" else 1}
    return _get_renderer().calc(spec, opts)


def figure_png(fig: go.Figure | dict[str, Any], size: ImageSize | None = None) -> bytes:
    """PNG at print resolution (``size.scale`` × the figure's pixel size)."""
    return _calc(fig, "png", size)


def figure_svg(fig: go.Figure | dict[str, Any], size: ImageSize | None = None) -> bytes:
    """SVG (vector, text kept as text), carrying its font (report.fonts)."""
    return embed_fonts(_calc(fig, "svg", size))


def browser_ready() -> None:
    """Start the renderer now (raises BrowserMissingError without a browser)."""
    _get_renderer()
