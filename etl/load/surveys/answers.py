"""One cell of an answer column read: a scale label, one option, the options of a checkbox
answer, or free text (always with personal data masked)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

_PREFIXED_TIME_RE = re.compile(r"\s*(GMT|UTC)\s*[+-]?\d{1,2}(:?\d{2})?\s*$|\s+[A-Z]{2,4}$")
_MERIDIEM = {"SA": "AM", "CH": "PM", "SÁNG": "AM", "CHIỀU": "PM"}


def split_choices(text: str, options: Sequence[str], separators: Sequence[str]) -> tuple[list[str], list[str]]:
    """(chosen options, other pieces) of a checkbox answer.

    With the question's options known, each option is matched whole from the left, the
    longest first, so an option that itself contains the separator ("Sân chơi, bãi tập")
    is not cut; what is not an option up to the next separator followed by an option is an
    "other" answer. Without options the answer is split on the tool's separator.
    """
    rest = text.strip().strip(";").strip()
    if not options:
        sep = separators[0].strip() or separators[0]
        pieces = [p.strip() for p in rest.split(sep) if p.strip()]
        return pieces, []
    ordered = sorted(options, key=len, reverse=True)
    chosen: list[str] = []
    other: list[str] = []
    while rest:
        option = next((o for o in ordered if _starts_with(rest, o, separators)), None)
        if option is not None:
            chosen.append(option)
            rest = _after_separator(rest[len(option) :], separators)
            continue
        cut = _next_option_start(rest, ordered, separators)
        other.append(rest[:cut].strip(" ,;"))
        rest = _after_separator(rest[cut:], separators) if cut < len(rest) else ""
    return chosen, [o for o in other if o]


def _starts_with(rest: str, option: str, separators: Sequence[str]) -> bool:
    if not rest.casefold().startswith(option.casefold()):
        return False
    tail = rest[len(option) :]
    return not tail.strip() or any(tail.lstrip().startswith(s.strip()) for s in separators)


def _after_separator(tail: str, separators: Sequence[str]) -> str:
    tail = tail.lstrip()
    for sep in separators:
        if tail.startswith(sep.strip()):
            return tail[len(sep.strip()) :].lstrip()
    return tail


def _next_option_start(rest: str, ordered: Sequence[str], separators: Sequence[str]) -> int:
    best = len(rest)
    for sep in separators:
        s = sep.strip()
        start = rest.find(s)
        while start != -1:
            after = rest[start + len(s) :].lstrip()
            if any(_starts_with(after, o, separators) for o in ordered):
                best = min(best, start)
                break
            start = rest.find(s, start + 1)
    return best


def parse_timestamps(values: Sequence[str]) -> list[datetime | None]:
    """Submission times as written by either tool: ISO (a workbook's date cells), Google's
    ``2023/04/12 9:41:03 AM GMT+7``, or day and month in either order (decided once for
    the file: a first number above 12 means day first; otherwise day first, as Vietnam writes)."""
    cleaned = [_clean_time(v) for v in values]
    month_first = any(_first_two(v)[1] > 12 for v in cleaned if v) and not any(
        _first_two(v)[0] > 12 for v in cleaned if v
    )
    return [_parse_one(v, month_first) if v else None for v in cleaned]


def _clean_time(value: str) -> str:
    text = _PREFIXED_TIME_RE.sub("", value.strip())
    for vi, en in _MERIDIEM.items():
        text = re.sub(rf"\b{vi}\b", en, text, flags=re.IGNORECASE)
    return text.strip()


def _first_two(value: str) -> tuple[int, int]:
    numbers = re.findall(r"\d+", value)
    if len(numbers) < 2 or len(numbers[0]) == 4:
        return 0, 0
    return int(numbers[0]), int(numbers[1])


def _parse_one(value: str, month_first: bool) -> datetime | None:
    day_month = "%m/%d/%Y" if month_first else "%d/%m/%Y"
    formats = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
        "%Y/%m/%d %I:%M:%S %p",
        "%Y/%m/%d %H:%M:%S",
        f"{day_month} %I:%M:%S %p",
        f"{day_month} %I:%M %p",
        f"{day_month} %H:%M:%S",
        f"{day_month} %H:%M",
        day_month,
    ]
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None
