"""Target verdicts and target selection (the verdict words are in vocab.labels)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.change import _is_missing

COMPARATORS = (">=", "<=")
TARGET_COLUMNS = (
    "indicator_code",
    "unit_code",
    "year",
    "comparator",
    "value",
    "scope",
    "source",
)

# Lower is preferred; scopes other than these two come last.
_SCOPE_ORDER = {"province": 0, "national": 1}


def target_verdict(value: float | None, comparator: str, target: float, decimals: int = 1) -> str | None:
    """ "met", "exceeded" or "not_met"; None when the value is missing.

    Both numbers are rounded to the display precision first, so the verdict
    agrees with what the user reads: 19.96 shown as "20.0" against ">= 20"
    is "met", not "not_met". Python's round() uses the same correctly rounded
    conversion as f"{x:.1f}", so the two never disagree.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {COMPARATORS}, got {comparator!r}")
    if _is_missing(target):
        raise ValueError("target value is missing")
    if value is None or _is_missing(value):
        return None
    shown, goal = round(float(value), decimals), round(float(target), decimals)
    if shown == goal:
        return "met"
    better = shown > goal if comparator == ">=" else shown < goal
    return "exceeded" if better else "not_met"


def pick_target(targets: pd.DataFrame, year: int) -> dict[str, Any] | None:
    """The target row that applies to `year`, as a dict (NA -> None), or None.

    `targets` must already be filtered to one indicator (and the unit(s) of
    interest). Order of preference:
      1. a target for exactly `year`;
      2. the nearest later target (the next deadline still ahead);
      3. an every-year target (year NA);
      4. the most recent earlier target.
    Within the chosen tier a "province" target beats a "national" one; any
    remaining tie goes to the row that comes first in `targets`.
    """
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise ValueError(f"targets lacks column(s): {missing}")
    if targets["indicator_code"].nunique() > 1:
        raise ValueError("targets must hold a single indicator_code")
    if targets.empty:
        return None
    # Years often arrive as float (CSV/DuckDB with NULLs); return them as int.
    years = targets["year"].astype("Int64").reset_index(drop=True)
    targets = targets.reset_index(drop=True).assign(year=years)
    scope_rank = targets["scope"].map(lambda s: _SCOPE_ORDER.get(s, len(_SCOPE_ORDER)))
    for mask in _tiers(years, year):
        if mask.any():
            candidates = pd.DataFrame({"year": years, "scope_rank": scope_rank})[mask]
            best = candidates.sort_values(["scope_rank"], kind="stable").index[0]
            return _as_plain_dict(targets.loc[best])
    return None


def _tiers(years: pd.Series, year: int) -> list[pd.Series]:
    """Boolean masks of the candidate rows, best tier first."""
    dated = years.notna()
    future = dated & (years > year)
    past = dated & (years < year)
    return [
        (dated & (years == year)).fillna(False).astype(bool),
        (future & (years == years[future].min())).fillna(False).astype(bool),
        (~dated).astype(bool),
        (past & (years == years[past].max())).fillna(False).astype(bool),
    ]


def _as_plain_dict(row: pd.Series) -> dict[str, Any]:
    """Row to dict with NA as None and numpy scalars as Python scalars."""
    plain: dict[str, Any] = {}
    for key, val in row.items():
        if bool(pd.isna(val)):
            plain[str(key)] = None
        else:
            plain[str(key)] = val.item() if hasattr(val, "item") else val
    return plain


__all__ = ["pick_target", "target_verdict"]
