"""Districts worse than the province in a year, per assessed row (one grouped pass).

A row lags only when it is comparable (a rate, ratio or level with a province value), not
neutral, and, for units other than "%", the province value is not 0 (the relative margin
needs it). Counts and amounts never lag: a district's count is a part of the province
total, not comparable to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

COMPARABLE_KINDS = ("rate", "ratio", "level")
_SIGN = {"up": 1.0, "down": -1.0, "neutral": 0.0}

__all__ = ["COMPARABLE_KINDS", "LagRow", "lagging_districts"]


class LagRow(NamedTuple):
    key: str
    indicator_code: str
    year: int
    province_value: float
    unit: str
    kind: str
    direction: str


def lagging_districts(
    values: pd.DataFrame, province_code: str, rows: Sequence[LagRow], margins: tuple[float, float]
) -> dict[str, list[str]]:
    """key → names of the districts worse than the province by more than the margin, worst first.

    ``margins``: (points for "%" units, share of the province value for others).
    """
    out: dict[str, list[str]] = {r.key: [] for r in rows}
    active = []
    for r in rows:
        in_points = r.unit.strip() == "%"
        if pd.isna(r.province_value) or r.kind not in COMPARABLE_KINDS or r.direction == "neutral":
            continue
        if in_points or r.province_value != 0:
            active.append((r.key, r.indicator_code, r.year, float(r.province_value), _SIGN[r.direction], in_points))
    if not active:
        return out
    pairs = pd.Index([f"{a[1]}|{a[2]}" for a in active])
    keys = [a[0] for a in active]
    province_of, sign_of, pct_of = (np.array([a[k] for a in active]) for k in (3, 4, 5))

    parent = values["parent_code"]
    at = np.flatnonzero(
        (parent.notna() & (parent.astype(str) == province_code)).to_numpy(dtype=bool)
        & values["value"].notna().to_numpy(dtype=bool)
    )
    rows_key = values["indicator_code"].iloc[at].astype(str) + "|" + values["year"].iloc[at].astype(str)
    k = pairs.get_indexer(pd.Index(rows_key))
    at, k = at[k >= 0], k[k >= 0]
    value = values["value"].to_numpy()[at].astype("float64")
    province, pct = province_of[k], pct_of[k]
    worse_by = (value - province) * -sign_of[k]
    with np.errstate(all="ignore"):
        excess = np.where(pct, worse_by - margins[0], worse_by / np.abs(province) - margins[1])
    beyond = excess > 1e-9
    k, worse_by, at = k[beyond], worse_by[beyond], at[beyond]
    order = np.lexsort((at, -worse_by, k))  # per row, worst first, ties in input order
    names = values["unit_name"].iloc[at[order]].to_numpy()
    bounds = np.searchsorted(k[order], np.arange(len(keys) + 1))
    for j, key in enumerate(keys):
        out[key] = [str(n) for n in names[bounds[j] : bounds[j + 1]]]
    return out
