"""Section headings in indicator-row tables ("I. GIÁO DỤC MẦM NON", "1. Số học sinh", "- Tổng số").

The school level a heading names applies to the short indicator names beneath it
("Số trường" under "I. GIÁO DỤC MẦM NON" is mn_truong) until a heading of the same
or a higher rank closes it; a heading naming no single level clears it, so a name is
never read in the context of a section that has ended.
"""

from __future__ import annotations

import re

from etl.reference.model import Reference
from etl.resolve.keywords import vocabulary
from etl.resolve.names import match_indicator, match_unit

_RANKS = (
    (re.compile(r"^[IVXLC]+\s*[.)]?$|^[IVXLC]+\s*[.)]\s", re.IGNORECASE), 1),
    (re.compile(r"^\d+\.\d+"), 3),
    (re.compile(r"^\d+\s*[.)]?$|^\d+\s*[.)]\s"), 2),
    (re.compile(r"^[a-zđ]\s*[.)]?$|^[a-zđ]\s*[.)]\s"), 4),
    (re.compile(r"^[-+*•–—]"), 5),
)


class Sections:
    """Nested section headings and the school level each one sets: the innermost level applies.
    A heading closes every heading of the same or a deeper rank (I. > 1. > 1.1 > a) > -)."""

    def __init__(self, base: set[str]) -> None:
        self.base = set(base)
        self.stack: list[tuple[int, set[str]]] = []

    def enter(self, stt: str, label: str) -> None:
        rank = _rank(stt) or _rank(label) or (1 if label.isupper() else 2)
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        found = vocabulary().level_in(label)
        self.stack.append((rank, found if len(found) == 1 else set()))

    @property
    def levels(self) -> set[str]:
        for _, levels in reversed(self.stack):
            if levels:
                return levels
        return self.base


def _rank(text: str) -> int:
    text = text.strip()
    return next((rank for pattern, rank in _RANKS if text and pattern.search(text)), 0)


def is_level_heading(label: str, levels: set[str], ref: Reference) -> bool:
    """A row naming a school level but no indicator ("II. TIỂU HỌC" with its totals)."""
    return bool(vocabulary().level_in(label)) and match_indicator(label, levels, ref).code is None


def names_something(label: str, levels: set[str], ref: Reference) -> bool:
    return bool(label) and (match_indicator(label, levels, ref).code or match_unit(label, ref).code) is not None
