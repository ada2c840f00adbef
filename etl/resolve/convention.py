"""The decimal convention of one file, decided from the evidence of its text numbers.

"1.234" is 1234 in a Vietnamese file and 1.234 in an English one. Numbers stored
as real numbers are never ambiguous; text numbers are. Evidence that settles it:
"12,5", "0,855", "1.234,5", "1.234.567" (Vietnamese) or "12.5", "1,234.5",
"1,234,567" (English), and "d.ddd" or "d,ddd" in a count (a count of 1,234 pupils is
impossible). Without such evidence, three or more "d.ddd" tokens and
no other dotted number count as Vietnamese thousands (English decimals do not all
have exactly three decimals); otherwise an ambiguous token makes the file
undecidable and it is refused rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from vocab.numbers import ParsedNumber, parse_number
from vocab.text import clean_text

Convention = Literal["vi", "en"]

_VI_EVIDENCE = re.compile(
    r"[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})|0,[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+|[0-9]{1,3}(?:\.[0-9]{3}){2,}"
)
_EN_EVIDENCE = re.compile(
    r"[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})|0\.[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+|[0-9]{1,3}(?:,[0-9]{3}){2,}"
)
_AMBIGUOUS_DOT = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_AMBIGUOUS_COMMA = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
_STRIP = re.compile(r"^[+\-\u2212]|\s*%$")
_SWAP = str.maketrans(",.", ".,")
_MIN_PATTERN = 3


@dataclass(frozen=True)
class Decision:
    convention: Convention | None  # None: undecidable or conflicting
    reason: str  # "no-ambiguity", "evidence", "pattern", "conflict", "undecidable"
    example: str = ""  # a text number that decided (or that stays ambiguous)


def decide(texts: Iterable[str], whole: Iterable[str] = ()) -> Decision:
    """The convention of a file's text numbers; ``whole`` are texts of whole-number indicators
    (counts), where "1.234" can only be 1234 and "1,234" only English 1234: evidence too."""
    vi = en = amb_dot = amb_comma = ""
    n_dot = n_comma = 0
    for raw in whole:
        token = _STRIP.sub("", clean_text(raw)).replace(" ", "")
        if _AMBIGUOUS_DOT.fullmatch(token):
            vi = vi or raw
        elif _AMBIGUOUS_COMMA.fullmatch(token):
            en = en or raw
    for raw in texts:
        token = _STRIP.sub("", clean_text(raw)).replace(" ", "")
        if _VI_EVIDENCE.fullmatch(token):
            vi = vi or raw
        elif _EN_EVIDENCE.fullmatch(token):
            en = en or raw
        elif _AMBIGUOUS_DOT.fullmatch(token):
            amb_dot, n_dot = amb_dot or raw, n_dot + 1
        elif _AMBIGUOUS_COMMA.fullmatch(token):
            amb_comma, n_comma = amb_comma or raw, n_comma + 1
    if vi and en:
        return Decision(None, "conflict", f"{vi} / {en}")
    if vi:
        return Decision("vi", "evidence", vi)
    if en:
        return Decision("en", "evidence", en)
    if not (amb_dot or amb_comma):
        return Decision("vi", "no-ambiguity")
    if n_dot >= _MIN_PATTERN and not amb_comma:
        return Decision("vi", "pattern", amb_dot)
    if n_comma >= _MIN_PATTERN and not amb_dot:
        return Decision("en", "pattern", amb_comma)
    return Decision(None, "undecidable", amb_dot or amb_comma)


def parse_with(raw: object, convention: str) -> ParsedNumber:
    """parse_number under a convention: "vi" (the default: "1,234" stays ambiguous), "vi-decided"
    (the file is Vietnamese by evidence: "1,234" is 1,234 = one point two three four) or "en"."""
    if not isinstance(raw, str):
        return parse_number(raw)
    text = raw.translate(_SWAP) if convention == "en" else raw  # English read as its Vietnamese mirror
    parsed = parse_number(text)
    if convention != "vi" and parsed.note == "ambiguous-separator" and "," in text:
        return _comma_decimal(text)  # the file's convention settles "d,ddd" as a decimal
    return parsed


def _comma_decimal(raw: str) -> ParsedNumber:
    text = clean_text(raw)
    percent = text.endswith("%")
    body = text.rstrip("%").strip().replace("\u2212", "-")
    if not re.fullmatch(r"[+-]?[0-9]{1,3},[0-9]{3}", body):
        return parse_number(raw)
    return ParsedNumber(float(body.replace(",", ".")), "ok", percent, "")
