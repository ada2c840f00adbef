"""Search of the indicator catalogue, tolerant of diacritics and tone-mark placement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from vocab.text import fold_key

SEARCH_FIELDS = ("code", "name_vi", "name_en", "aliases", "definition", "group_name")


def _field_key(value: Any) -> str:
    return "" if value is None or bool(pd.isna(value)) else fold_key(str(value))


def search_catalogue(catalogue: pd.DataFrame, text: str) -> pd.DataFrame:
    """Catalogue rows matching every word of `text`, in catalogue order.

    Each whitespace-separated word is folded with fold_key() (no case, no
    diacritics: "Hoà", "Hòa" and "hoa" are the same) and must occur in the
    folded code, name_vi, name_en, aliases, definition or group_name of the
    row. fold_key() drops spaces, so "ty le" and "tyle" both find "Tỷ lệ".
    Words are matched within one field, never across two. A query with no
    letters or digits returns the whole catalogue. The index is reset.
    """
    words = [key for key in (fold_key(w) for w in text.split()) if key]
    if not words:
        return catalogue.reset_index(drop=True)
    fields = [f for f in SEARCH_FIELDS if f in catalogue.columns]
    # "|" cannot occur in a folded key, so it keeps words from matching across fields.
    haystacks = catalogue[fields].apply(lambda row: "|".join(_field_key(v) for v in row), axis=1)
    mask = [all(w in hay for w in words) for hay in haystacks.astype(str)] if len(catalogue) else []
    return catalogue[pd.Series(mask, index=catalogue.index, dtype=bool)].reset_index(drop=True)


def formula_text(row: Mapping[str, Any] | pd.Series) -> str:
    """ "Tử số / Mẫu số × 100" for a rate or ratio, "" for other indicators.

    Uses numerator_name and denominator_name; "× 100" only when scale == 100
    (rates in %), so a ratio such as pupils per class reads "A / B". Returns
    "" when either component name is missing.
    """
    if row.get("kind") not in ("rate", "ratio"):
        return ""
    numerator, denominator = row.get("numerator_name"), row.get("denominator_name")
    if not _field_key(numerator) or not _field_key(denominator):
        return ""
    scale = row.get("scale")
    suffix = " × 100" if scale is not None and not pd.isna(scale) and float(scale) == 100 else ""
    return f"{numerator} / {denominator}{suffix}"


__all__ = ["SEARCH_FIELDS", "formula_text", "search_catalogue"]
