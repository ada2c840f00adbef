"""Chart text never collides, is never cut, and no page is wider than the screen (desk and phone).

The real server in headless Chromium (tests/test_browser.py starts it): the trend, comparison and
map pages at 1440×900 and 390×844. For every drawn chart, the bounding box of every visible SVG
text element (tick labels, titles, line labels, annotations, legend entries, cell and tile
text; not the hover layer) is read from the page (tests/chart_text_boxes.js).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tests.test_browser import server as server  # the module-scoped demo server (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]

PROBE = (Path(__file__).parent / "chart_text_boxes.js").read_text(encoding="utf-8")
TOLERANCE_PX = 1.0
VIEWPORTS = {"desk": (1440, 900), "phone": (390, 844)}
# (path with a shared link's parameters, charts drawn at least)
PAGES = [
    ("xu-huong?chi_tieu=th_tl_cqg&dia_ban=993,999", 1),  # a rate: two districts, target, break, events
    ("xu-huong?chi_tieu=th_tl_cqg", 1),  # every district: a legend instead of line labels
    ("xu-huong?chi_tieu=th_hs", 1),  # a count: the province's panel and the districts' small multiples
    ("so-sanh?chi_tieu=thcs_tl_bohoc", 4),
    ("so-sanh?chi_tieu=th_hs", 4),
    ("ban-do?chi_tieu=th_tl_cqg", 1),
]


def overlaps(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            height = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            if width > TOLERANCE_PX and height > TOLERANCE_PX:
                found.append((a["s"], b["s"]))
    return found


def cut(box: dict[str, float], texts: list[dict[str, Any]]) -> list[str]:
    t = TOLERANCE_PX
    return [
        a["s"]
        for a in texts
        if a["x0"] < box["x0"] - t or a["x1"] > box["x1"] + t or a["y0"] < box["y0"] - t or a["y1"] > box["y1"] + t
    ]


def test_overlap_counting_is_not_vacuous() -> None:
    a = {"s": "a", "x0": 0, "y0": 0, "x1": 10, "y1": 10}
    assert overlaps([a, {**a, "s": "b", "x0": 8.5}]) == [("a", "b")]
    assert overlaps([a, {**a, "s": "b", "x0": 9.5}]) == []  # touching within 1 px is not a collision
    assert cut({"x0": 0, "y0": 0, "x1": 10, "y1": 10}, [{**a, "x1": 12}]) == ["a"]


def _open(page: Any, url: str, n_charts: int) -> None:
    page.goto(url)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    page.wait_for_function(
        "n => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.getBoundingClientRect().width > 0"
        " && p.querySelector('.main-svg')).length >= n",
        arg=n_charts,
        timeout=60_000,
    )
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(1200)  # plotly's last relayout (autosize, auto-rotated ticks)


@pytest.mark.parametrize("size", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_no_chart_text_collides_or_is_cut_and_no_page_scrolls_sideways(server: str, size: str) -> None:
    from playwright.sync_api import sync_playwright

    width, height = VIEWPORTS[size]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, Any] = {}
    measured = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(server)
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)  # a cold server: see warm_up
        for path, n_charts in PAGES:
            _open(page, f"{server}/{path}", n_charts)
            result = page.evaluate(PROBE)
            charts = result["charts"]
            assert len(charts) >= n_charts, (path, len(charts))
            for chart in charts:
                measured += len(chart["texts"])
                found = overlaps(chart["texts"]), cut(chart["box"], chart["texts"])
                if found[0] or found[1]:
                    problems[f"{path} #{chart['k']}"] = {"overlap": found[0][:10], "cut": found[1][:10]}
            if result["scrollWidth"] > result["innerWidth"]:
                problems[f"{path} width"] = (result["scrollWidth"], result["innerWidth"])
            name = path.replace("?", "_").replace("&", "_").replace("=", "-").replace(",", "-")
            page.screenshot(path=str(ARTIFACTS / f"layout_{name}_{size}.png"))
        browser.close()
    assert measured > 200  # the probe saw the charts' text
    assert not problems, problems
