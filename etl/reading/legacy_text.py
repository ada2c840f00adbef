"""Text typed in the old Vietnamese font encodings TCVN3 (ABC) and VNI-Windows.

Excel stores such text as the Windows-1252 characters the font draws as
Vietnamese letters (docs/domain.md, Legacy encodings): "Tr\u00adêng" is TCVN3 for "Trường",
"Tröôøng" is VNI for the same word. The TCVN3 table (etl/config/tcvn3.csv) was
generated from glibc ``iconv -f TCVN5712-1``; the VNI table is built from the
encoding's rule (base letter + one mark character).

Detection works on the evidence of a whole workbook (:func:`detect_encoding`),
because one short cell ("Taân") cannot tell: a cell is converted only when it
holds no Unicode-only Vietnamese letter. Conversion happens before
:func:`vocab.text.clean_text`, so TCVN3 "Ð" (= é) is not mistaken for ETH.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

Encoding = Literal["unicode", "tcvn3", "vni"]

_TCVN3_PATH = Path(__file__).resolve().parents[1] / "config" / "tcvn3.csv"

# Letters that only Unicode Vietnamese text contains (never TCVN3 or VNI text).
_UNICODE_VI_RE = re.compile("[\u1ea0-\u1ef9\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0]")
# TCVN3 characters that VNI never uses: the 0xA1-0xBF block and the soft hyphen (= ư).
_TCVN3_ONLY_RE = re.compile("[\u00a1-\u00bf]")
# VNI: a mark character right after a vowel, or đ/Đ written as ñ/Ñ before a vowel.
_VNI_MARK_RE = re.compile("[aeiouyAEIOUYôöÔÖ][øïûäåëüØÏÛÄÅËÜ]|[ñÑ][aeiouyAEIOUYôöÔÖ]")

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")


@cache
def tcvn3_table() -> dict[str, str]:
    """TCVN3 character as read from Excel -> Unicode letter."""
    with _TCVN3_PATH.open(encoding="utf-8", newline="") as handle:
        return {chr(int(r["as_read"], 16)): chr(int(r["unicode"], 16)) for r in csv.DictReader(handle)}


@cache
def vni_table() -> dict[str, str]:
    """Unicode letter (NFC) -> its VNI-Windows spelling."""
    table: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}

    def add(letter: str, spelled: str) -> None:
        table[unicodedata.normalize("NFC", letter)] = spelled
        upper = unicodedata.normalize("NFC", letter).upper()
        table[upper] = spelled[0].upper() + spelled[1:].upper()

    for base in "aeouy":
        for tone, mark in zip(_TONES[1:], _VNI_TONE[1:], strict=True):
            add(base + tone, base + mark)
    for base in "aeo":
        for tone, mark in zip(_TONES, _VNI_CIRCUMFLEX, strict=True):
            add(base + "\u0302" + tone, base + mark)
    for tone, mark in zip(_TONES, _VNI_BREVE, strict=True):
        add("a\u0306" + tone, "a" + mark)
    for base, single in (("o\u031b", "ô"), ("u\u031b", "ö")):
        add(base, single)
        for tone, mark in zip(_TONES[1:], _VNI_TONE[1:], strict=True):
            add(base + tone, single + mark)
    for tone, single in zip(_TONES[1:], ("í", "ì", "æ", "ó", "ò"), strict=True):
        add("i" + tone, single)
    add("y\u0323", "î")  # ỵ is one character in VNI
    return table


@cache
def _vni_decoder() -> tuple[re.Pattern[str], dict[str, str]]:
    reverse = {spelled: letter for letter, spelled in vni_table().items()}
    # Longest spellings first, so "aá" (ấ) wins over "a" + "á".
    pattern = re.compile("|".join(re.escape(s) for s in sorted(reverse, key=len, reverse=True)))
    return pattern, reverse


def looks_unicode(text: str) -> bool:
    return _UNICODE_VI_RE.search(text) is not None


def evidence(texts: Iterable[str]) -> tuple[int, int]:
    """(TCVN3 signals, VNI signals) over texts without Unicode Vietnamese letters."""
    tcvn = vni = 0
    for text, n in Counter(texts).items():  # a long CSV repeats its texts: each is looked at once
        if looks_unicode(text):
            continue
        tcvn += n * (len(_TCVN3_ONLY_RE.findall(text)) + text.count("\u00ad"))
        vni += n * len(_VNI_MARK_RE.findall(text))
    return tcvn, vni


def detect_encoding(texts: Iterable[str], fonts: Iterable[str] = ()) -> Encoding:
    """The legacy encoding of a workbook's text, from cell fonts and character evidence."""
    font_names = [f.casefold() for f in fonts]
    tcvn, vni = evidence(texts)
    if any(f.startswith(".vn") for f in font_names):
        tcvn += 5
    if any(f.startswith("vni") for f in font_names):
        vni += 5
    if tcvn == vni == 0:
        return "unicode"
    return "tcvn3" if tcvn > vni else "vni"


def decode_tcvn3(text: str, upper: bool = False) -> str:
    """TCVN3 text to NFC Unicode; ``upper`` for the .VnTimeH fonts that draw lower codes as capitals."""
    table = tcvn3_table()
    out = unicodedata.normalize("NFC", "".join(table.get(ch, ch) for ch in text))
    return out.upper() if upper else out


def decode_vni(text: str) -> str:
    pattern, reverse = _vni_decoder()
    return pattern.sub(lambda m: reverse[m.group(0)], text)


def encode_vni(text: str) -> str:
    """Unicode to VNI (used by tests and fixtures)."""
    table = vni_table()
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_tcvn3(text: str) -> str:
    """Unicode to TCVN3 lower-case codes (used by tests and fixtures); capitals only where TCVN3 has them."""
    reverse: dict[str, str] = {}
    for read, letter in tcvn3_table().items():
        reverse.setdefault(letter, read)
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def decode(text: str, encoding: Encoding, upper: bool = False) -> str:
    """Convert one cell's text; text that already holds Unicode Vietnamese letters is left alone."""
    if encoding == "unicode" or looks_unicode(text):
        return text
    return decode_tcvn3(text, upper) if encoding == "tcvn3" else decode_vni(text)
