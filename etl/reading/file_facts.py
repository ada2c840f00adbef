"""What a whole file says and asks, beyond its cells: the evidence about its plain years, the
questions about values nothing in the file places (whose figures, what measure), and the
layout signature that names its shape.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from etl.questions import SKIP, Option, Question
from etl.reading.free_layout import is_number_like, is_year_like
from etl.reading.grid import Grid
from etl.reference.model import Reference
from etl.resolve.keywords import fold_words, vocabulary
from etl.resolve.names import match_indicator

_SIGNATURE_ROWS = 20  # at most this many rows above the figures name a layout
_READABLE_CELL = 120  # a prose paragraph above a table is cut in the readable layout
_NUMBERS = re.compile(r"\d+(?:[.,/:-]\d+)*")  # years, dates, counts: not part of a layout
# What a table may count when its title names no measure (the ``title-measure`` options).
MEASURES = (
    "Số trường",
    "Số lớp",
    "Số học sinh",
    "Số trẻ",
    "Số giáo viên",
    "Số phòng học",
    "Số phòng học kiên cố",
    "Số trường đạt chuẩn quốc gia",
)


def year_evidence(grids: list[Grid], file_label: str) -> list[tuple[str, str]]:
    """(kind, text) for each phrase of etl/config/year_evidence.csv the file contains, once per kind."""
    found: dict[str, str] = {}
    phrases = vocabulary().year_evidence
    texts = [re.sub(r"(\d+)", r" \1 ", Path(file_label).stem.replace("_", " "))]  # "NGTK2016" -> "NGTK 2016"
    texts += [v for g in grids if not g.hidden for row in g.rows for v in row if isinstance(v, str)]
    for text in texts:
        words = fold_words(text)
        for kind, phrase in phrases:
            if kind not in found and phrase in words:
                found[kind] = text if len(text) <= 80 else text[:77] + "…"
    return sorted(found.items())


def reporting_unit_question(
    n_values: int, conflict: tuple[str, ...], file_label: str, ref: Reference
) -> Question | None:
    """Whose figures a file holds when nothing in it names a registry unit."""
    if not n_values:
        return None
    tops = [c for c, u in ref.units.items() if u.parent_code is None]
    candidates = list(conflict) or tops
    options = tuple(Option(c, f"{ref.units[c].name} (mã {c})", n_values) for c in candidates)
    guess = candidates[0] if len(candidates) == 1 else None
    prompt = (
        f"Tệp không ghi số liệu của đơn vị nào ({n_values} giá trị chưa có đơn vị). Đó là số liệu của đơn vị nào? "
        "Có thể trả lời bằng mã của bất kỳ đơn vị nào trong danh mục."
    )
    if conflict:
        prompt = f"Tệp nêu nhiều đơn vị ({', '.join(conflict)}); {n_values} giá trị thuộc đơn vị nào?"
    return Question("reporting-unit", "", prompt, (*options, Option(SKIP, "Không nạp", 0)), guess, file_label)


def title_measure_question(levels: Counter[str], file_label: str, ref: Reference) -> Question | None:
    """What a table counts when its rows or columns name only school levels."""
    if not levels:
        return None
    options = []
    for measure in MEASURES:
        n = sum(count for level, count in levels.items() if match_indicator(measure, {level}, ref).code)
        if n:
            options.append(Option(measure, measure, n))
    prompt = (
        f"{sum(levels.values())} giá trị chỉ ghi cấp học (Tiểu học, THCS…) mà tiêu đề bảng và tên tệp không nói "
        "đó là số gì (trường, lớp, học sinh, giáo viên…). Bảng đếm gì?"
    )
    return Question("title-measure", "", prompt, (*options, Option(SKIP, "Không nạp", 0)), None, file_label)


@dataclass(frozen=True)
class Layout:
    """What names a file's shape: a short signature and the same thing as text an analyst reads."""

    signature: str
    text: str  # "Trang «name»", then one line per header row with numbers and years written "…"


def layout_of(grids: list[Grid]) -> Layout:
    """The layout of a file: each visible sheet's name and its header rows (the rows above its
    figures: title, unit band, column headers), without years and numbers, each cell once per row.

    Two files of one sender in one layout have the same signature whatever their years, figures
    and number of year columns (issue 14: answers are remembered per sender and layout); another
    sheet, another title or other column headers give another signature. Computed from the cells
    alone, never from what the reader made of them, so that answers cannot change it.
    """
    parts, lines = [], []
    for g in grids:
        if g.hidden:
            continue
        parts.append("#" + _folded(g.name))
        lines.append(f"Trang «{g.name}»")
        for row in _header_rows(g):
            cells = {_folded(v): _readable(v) for v in row if isinstance(v, str) and _folded(v)}
            if cells:
                parts.append("|".join(cells))
                lines.append("  " + " | ".join(cells.values()))
    return Layout(hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16], "\n".join(lines))


def _header_rows(grid: Grid) -> list[list[object]]:
    """The rows above the first two consecutive rows with figures (a table number such as "192"
    in a title row, or a lone total row, is no start of the figures)."""
    rows = grid.rows[:_SIGNATURE_ROWS]
    figures = [any(is_number_like(v) and not is_year_like(v) for v in row) for row in rows]
    start = next((r for r in range(len(rows) - 1) if figures[r] and figures[r + 1]), len(rows))
    return rows[:start]


def _folded(text: str) -> str:
    return fold_words(_NUMBERS.sub(" ", text)).strip()


def _readable(text: str) -> str:
    words = " ".join(_NUMBERS.sub("…", text).split())
    return words if len(words) <= _READABLE_CELL else words[: _READABLE_CELL - 1] + "…"
