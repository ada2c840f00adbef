"""What a file would change: new, changed (old → new) and unchanged values."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from etl.records import Value
from etl.resolve.validate import Key

CHANGE_LABELS_VI = {"new": "Mới", "changed": "Thay đổi", "unchanged": "Không đổi"}
_COLUMNS = ["unit_code", "indicator_code", "year", "old", "new", "change", "sheet", "cell"]


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def diff_values(values: Sequence[Value], stored: Mapping[Key, float]) -> pd.DataFrame:
    """One row per value in the file, with the value it would replace (if any)."""
    rows = []
    for v in values:
        old = stored.get((v.unit_code, v.indicator_code, v.year))
        change = "new" if old is None else ("unchanged" if same_value(old, v.value) else "changed")
        rows.append([v.unit_code, v.indicator_code, v.year, old, v.value, change, v.sheet, v.cell])
    return pd.DataFrame(rows, columns=_COLUMNS)


def diff_summary(diff: pd.DataFrame) -> pd.DataFrame:
    """Counts of new / changed / unchanged values per unit and indicator (changed first)."""
    if diff.empty:
        return pd.DataFrame(columns=["unit_code", "indicator_code", "new", "changed", "unchanged"])
    counts = (
        diff.pivot_table(index=["unit_code", "indicator_code"], columns="change", values="year", aggfunc="count")
        .reindex(columns=list(CHANGE_LABELS_VI), fill_value=0)
        .fillna(0)
        .astype(int)
        .reset_index()
    )
    counts.columns.name = None
    return counts.sort_values(["changed", "new"], ascending=False, kind="stable").reset_index(drop=True)
