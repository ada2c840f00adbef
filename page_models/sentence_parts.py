"""What every sentence of a finding needs: the unit's values, the documents it cites, the words for
years and names (page_models.sentences, page_models.merge; docs/findings.md, Sentences)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vocab.display import is_missing, year_label
from vocab.labels import VERIFICATION_LABELS_VI

__all__ = [
    "WHOLE",
    "Context",
    "Sentence",
    "Source",
    "Values",
    "cap",
    "cite",
    "low",
    "name_of",
    "plain_label",
    "short_source",
    "value_of",
    "when",
]

WHOLE = {
    "province": "toàn tỉnh",
    "district": "toàn huyện",
    "town": "toàn thị xã",
    "city": "toàn thành phố",
    "urban_district": "toàn quận",
}
_DOC_TYPES = re.compile(r"^(Nghị quyết|Quyết định|Nghị định|Thông tư|Kết luận|Chỉ thị|Kế hoạch|Luật) (?=\d)")
_CUT = re.compile(r" ngày |, | \(")
Values = Mapping[tuple[str, int], float]
_CAUTION = ("", VERIFICATION_LABELS_VI["secondary"], VERIFICATION_LABELS_VI["unverified"])


@dataclass(frozen=True)
class Source:
    short: str  # as a sentence cites it
    full: str  # as the list of sources names it
    checked: str = ""  # how the row was checked against its text ("" when seen verbatim)


@dataclass(frozen=True)
class Sentence:
    text: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a sentence needs beside its row: the unit's values (components, series), the
    catalogue, what the unit is, and, in a district's report, the province's values."""

    values: Values
    catalogue: Mapping[str, Mapping[str, Any]]
    unit_kind: str = "province"
    compare: Values | None = None
    lag_margins: tuple[float, float] = (5.0, 0.10)
    sources: list[Source] = field(default_factory=list)  # filled while sentences are written

    @property
    def whole(self) -> str:
        return WHOLE.get(self.unit_kind, "toàn tỉnh")


def short_source(full: str) -> str:
    """ "Quyết định số 711/QĐ-TTg" from "Quyết định 711/QĐ-TTg ngày 13/6/2012 của Thủ tướng …"."""
    short = _CUT.split(full, maxsplit=1)[0].strip()
    return _DOC_TYPES.sub(lambda m: f"{m.group(1)} số ", short)


def cite(row: Mapping[str, Any], ctx: Context) -> str:
    full = str(row["target_source"])
    verification = row.get("target_verification")
    checked = (
        "" if verification in (None, "text", "illustrative") else VERIFICATION_LABELS_VI.get(str(verification), "")
    )
    found = Source(short_source(full), full, checked)
    for i, known in enumerate(ctx.sources):
        if known.full == full:  # one entry per document, with the most cautious note on its rows
            if _CAUTION.index(checked) > _CAUTION.index(known.checked):
                ctx.sources[i] = found
            return found.short
    ctx.sources.append(found)
    return found.short


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def low(text: str) -> str:
    return text[:1].lower() + text[1:]


def when(year: Any, period_type: str) -> str:
    word = "năm học" if period_type == "school_year" else "năm"
    return f"{word} {year_label(int(year), period_type)}"


def plain_label(label: object) -> str:
    """A version label without its own brackets, so a sentence never nests them."""
    return "" if not isinstance(label, str) else label.replace(" (", " ").replace("(", "").replace(")", "")


def name_of(row: Mapping[str, Any]) -> str:
    label = plain_label(row.get("version_label"))
    return f"{row['name_vi']} ({label})" if label else str(row["name_vi"])


def value_of(ctx: Values | None, code: str, year: Any) -> float | None:
    if ctx is None or is_missing(year):
        return None
    found = ctx.get((code, int(year)))
    return None if found is None or is_missing(found) else float(found)
