"""The Vietnamese part of a bilingual label: statistical yearbooks print "Tiểu học - Primary",
"TỔNG SỐ - TOTAL", "Thành phố Vinh - Vinh city", "Số trường học (Trường)⏎Number of schools".

A label is cut into pieces at line breaks and at dashes with a space on at least one side
("-TOTAL", "Tiểu học -⏎Primary"); a later piece written only in ASCII letters is English when
the label also has Vietnamese letters or the piece has an English word
(etl/config/english_words.csv: "Chia ra - Of which"), and it goes with the separator before it. A piece with a
year ("School year 2015", "Prel.2017") stays: the year is in it. An English "Unit: %" keeps its
value (": %"), which the Vietnamese "Đơn vị tính" before it lacks. A label without any
Vietnamese letter (a GSO English export) is kept whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.resolve.keywords import vocabulary

_SEPARATOR_RE = re.compile(r"(\s*\n\s*|\s+[-–—]\s*\n?\s*|\s*[-–—]\s*\n\s*|\s*[-–—]\s+)")
_ENGLISH_RE = re.compile(r"[A-Za-z][A-Za-z0-9 .,;:'&()/%*+=-]*")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LABEL_VALUE_RE = re.compile(r"^[A-Za-z ]+:\s*([^A-Za-z]+)$")


def _is_vietnamese(text: str) -> bool:
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


def _is_english(piece: str, vietnamese: bool) -> bool:
    if not _ENGLISH_RE.fullmatch(piece.strip()) or _YEAR_RE.search(piece):
        return False
    words = vocabulary().english_words
    return vietnamese or any(w in words for w in re.findall(r"[a-z]+", piece.casefold()))


@lru_cache(maxsize=65536)
def vietnamese_part(text: str) -> str:
    """``text`` without its English pieces (line breaks kept where pieces remain)."""
    if "\n" not in text and "-" not in text and "–" not in text and "—" not in text:
        return text
    vietnamese = _is_vietnamese(text)
    parts = _SEPARATOR_RE.split(text)
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        piece = parts[i]
        if i and piece.strip() and _is_english(piece, vietnamese):
            value = _LABEL_VALUE_RE.match(piece.strip())
            if value and kept and ":" not in kept[-1]:
                kept[-1] += ": " + value.group(1).strip()
            continue
        if i:
            kept.append(parts[i - 1])
        kept.append(piece)
    joined = "".join(kept)
    return joined.rstrip(" -–—\n") if joined.strip() else text
