"""The filter changes of the load test's leaders (`bench.load`), found as Streamlit 1.67 draws them.

Streamlit 1.67 draws its widgets with react-aria: a selectbox or multiselect is a text input
with role "combobox" named by the widget's label, whose list is a ``[role="listbox"]`` popover
of ``[role="option"]`` rows (``aria-selected`` tells the chosen ones; a multiselect's list
starts with a "Select all" row, ``data-key="__select_all__"``); a chosen district is a tag
with a "Remove <name>" button; a slider is ``[data-testid="stSlider"]`` holding one visually
hidden ``input type="range"`` per thumb (role "slider", named "<label> — start" / "— end" for a
range, followed by the label again), whose ``min``/``max`` are the thumb's bounds, whose value is
the option's index, and which moves one step on ArrowLeft/ArrowRight, each step one script run.

Each change says whether the page has its widget (``present``) and changes the widget's value
for sure (``change``: never the option already chosen, never a step past a bound), so that
every change makes one script run that the leader can time.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import TimeoutError as PlaywrightTimeout

OPEN_MS = 1_500  # a list opens in well under a second
SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
OPTION = '[role="listbox"] [role="option"]'
DISTRICTS = "Địa bàn (để trống = tất cả)"
PERIOD = re.compile(r"^Giai đoạn — (start|end)\b")  # the name goes on with the group's label


async def _listed(page: Any, widget: Any) -> Any:
    """Open a selectbox's or multiselect's list; its rows not chosen yet (without "Select all").

    A click on the input does not always open the list (seen on the multiselect, about one time
    in ten); then ArrowDown, as a keyboard user would press, and then the widget's own "Open"
    button are tried, each given a moment."""
    box = widget.get_by_role("combobox")
    rows = page.locator(OPTION)
    for attempt in (box.click, lambda: box.press("ArrowDown"), widget.locator('button[aria-haspopup="listbox"]').click):
        await attempt()
        try:
            await rows.first.wait_for(timeout=OPEN_MS)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise LookupError("the list did not open (click, ArrowDown, its Open button)")
    return page.locator(f'{OPTION}[aria-selected="false"]:not([data-key="__select_all__"])')


def _select(page: Any, label: str) -> Any:
    box = page.get_by_role("combobox", name=label, exact=True)
    return page.locator(SIDEBAR).locator('[data-testid="stSelectbox"]').filter(has=box)


async def _has_indicator(page: Any) -> bool:
    return await page.locator(SIDEBAR).get_by_role("combobox", name="Chỉ tiêu", exact=True).count() > 0


async def _change_indicator(page: Any, rng: random.Random) -> None:
    """Another indicator of the group; when the group has only one, another group."""
    for label in ("Chỉ tiêu", "Nhóm chỉ tiêu"):
        others = await _listed(page, _select(page, label))
        if count := await others.count():
            await others.nth(rng.randrange(count)).click()
            return
        await page.keyboard.press("Escape")
    raise LookupError("no other indicator nor group to choose")


def _districts(page: Any) -> Any:
    box = page.get_by_role("combobox", name=DISTRICTS, exact=True)
    return page.locator(SIDEBAR).locator('[data-testid="stMultiSelect"]').filter(has=box)


async def _has_districts(page: Any) -> bool:
    return await _districts(page).count() > 0


async def _change_districts(page: Any, rng: random.Random) -> None:
    """Add a district not chosen yet; with two chosen (or one, half the time) remove one instead."""
    widget = _districts(page)
    remove = widget.locator('.react-aria-ComboBox button[aria-label^="Remove "]')
    chosen = await remove.count()
    if chosen >= 2 or (chosen == 1 and rng.random() < 0.5):
        await remove.nth(rng.randrange(chosen)).click()
        return
    others = await _listed(page, widget)
    await others.nth(rng.randrange(await others.count())).click()


async def _step(thumb: Any, rng: random.Random) -> None:
    """Move a slider's thumb one step, away from a bound it sits on; check that it moved.

    A key press now and then leaves the thumb where it was (seen about once in twenty on the
    period, with no script run after it); the press is then repeated once."""
    low, high = int(await thumb.get_attribute("min")), int(await thumb.get_attribute("max"))
    now = int(await thumb.input_value())
    if low >= high:
        raise LookupError("the slider's thumb cannot move")
    key = "ArrowRight" if now <= low else "ArrowLeft" if now >= high else rng.choice(["ArrowLeft", "ArrowRight"])
    for _ in range(2):
        await thumb.focus()
        await thumb.press(key)
        for _ in range(20):
            if int(await thumb.input_value()) != now:
                return
            await asyncio.sleep(0.05)
    raise LookupError(f"the slider's thumb did not move on {key} (twice)")


def _period(page: Any) -> Any:
    return page.locator(SIDEBAR).get_by_role("slider", name=PERIOD)


async def _has_period(page: Any) -> bool:
    return await _period(page).count() > 0


async def _change_period(page: Any, rng: random.Random) -> None:
    """The period's start or end (whichever can move; at random when both can) moved one year."""
    thumbs = _period(page)
    movable = []
    for i in range(await thumbs.count()):
        if int(await thumbs.nth(i).get_attribute("min")) < int(await thumbs.nth(i).get_attribute("max")):
            movable.append(thumbs.nth(i))
    if not movable:
        raise LookupError("neither end of the period can move")
    await _step(rng.choice(movable), rng)


def _year(page: Any) -> Any:
    return page.locator(MAIN).locator('[data-testid="stSlider"]').get_by_role("slider")


async def _has_year(page: Any) -> bool:
    return await _year(page).count() > 0


async def _change_year(page: Any, rng: random.Random) -> None:
    """The page's own year slider (So sánh địa bàn, Bản đồ) moved one year."""
    await _step(_year(page).first, rng)


@dataclass(frozen=True)
class FilterChange:
    name: str  # the action's name in the samples
    present: Callable[[Any], Awaitable[bool]]
    change: Callable[[Any, random.Random], Awaitable[None]]


CHANGES = (
    FilterChange("indicator", _has_indicator, _change_indicator),
    FilterChange("district", _has_districts, _change_districts),
    FilterChange("period", _has_period, _change_period),
    FilterChange("year", _has_year, _change_year),
)


async def present_changes(page: Any) -> list[FilterChange]:
    """The filter changes whose widget this page has (a page without one is never asked for it)."""
    return [c for c in CHANGES if await c.present(page)]
