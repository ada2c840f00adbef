"""Results and weaknesses of the province over the review, one row per indicator.

Standing rules (documented choice):

* "weakness" when a target that is *due* is not met, or the trend is worsening;
* "result" when the trend is improving, or the target is met/exceeded;
* "neutral" otherwise (flat, unknown, neutral-direction indicators without a
  target verdict).

A weakness wins over a result: a missed target or a worsening trend needs the
reader's attention even when something else looks good.

A target is *due* when it binds the latest year: an every-year target or one
for that year or earlier. "not_met" against a deadline still ahead (2023 value
vs a 2025 target) is reported as the verdict but is not a missed target yet.

Definition breaks: when base and latest value straddle `break_year`, the
ten-year change compares two different definitions. The row keeps that
`trend` for display, but the standing is judged on the comparable stretch
from `break_year` on (`trend_since_break`). A break in the latest year leaves
a one-year stretch ("flat"), so only the target verdict can decide.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.change import assess_change
from analysis.targets import pick_target, target_verdict

EXCEEDED_BONUS = 5.0  # points added to a result's score when the target is exceeded
MISSED_OFFSET = 1000.0  # puts every missed target before worsening-only weaknesses
_STANDING_ORDER = {"result": 0, "weakness": 1, "neutral": 2}
_SIGN = {"up": 1.0, "down": -1.0, "neutral": 0.0}
_COMPARABLE_KINDS = ("rate", "ratio", "level")  # kinds on which a district can be held against the province
_META = ("name_vi", "group_code", "group_name", "group_order", "unit", "direction", "period_type", "kind")
_CHANGE: tuple[str, ...] = ("base_year", "base_value", "latest_year", "latest_value", "abs_change", "rel_change")
_CHANGE += ("trend", "crosses_break")
_TARGET = {"value": "target_value", "comparator": "target_comparator", "year": "target_year", "source": "target_source"}
COLUMNS = ["indicator_code", *_META[:7], *_CHANGE, "break_year", *_TARGET.values(), "target_note", "verdict"]
COLUMNS += ["lagging", "n_lagging", "standing", "score", "target_due", "trend_since_break", "kind"]


def assess_indicators(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    province_code: str,
    baseline_year: int,
    latest_year: int,
    lag_margin_pts: float = 5.0,
    lag_margin_rel: float = 0.10,
) -> pd.DataFrame:
    """One row per indicator the province has values for, in catalogue order.

    Base and latest years come from assess_change(): the first and last year
    with a value inside baseline_year..latest_year. The target is chosen for
    the indicator's own latest year (see applicable_target). `lagging` lists
    the province's districts that are worse than the province in that year by
    more than lag_margin_pts points ("%" indicators) or lag_margin_rel of the
    province value (others), worst first. Neutral indicators never lag, and
    neither do counts and amounts: a district's count is a part of the
    province total, not comparable to it. `kind` is added so pages can keep
    e.g. only rates in their top lists.
    """
    province_code = str(province_code)
    unit_codes = values["unit_code"].astype(str)
    own = values[unit_codes == province_code]
    children = values[values["parent_code"].astype(str).eq(province_code) & values["parent_code"].notna()]
    present = set(own["indicator_code"])
    unknown = sorted(present - set(catalogue["code"]))
    if unknown:
        raise ValueError(f"indicators missing from the catalogue: {unknown}")
    context = (targets, province_code, (baseline_year, latest_year), (lag_margin_pts, lag_margin_rel))
    pick = {code: (own["indicator_code"] == code, children["indicator_code"] == code) for code in present}
    rows = [
        _assess_one(meta, own[pick[meta["code"]][0]], children[pick[meta["code"]][1]], *context)
        for _, meta in catalogue.iterrows()
        if meta["code"] in present
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    ints = ["base_year", "latest_year", "break_year", "target_year"]
    return frame.astype({c: "Int64" for c in ints} | {"n_lagging": "int64", "crosses_break": bool, "score": float})


def applicable_target(targets: pd.DataFrame, indicator_code: str, unit_code: str, year: int) -> dict[str, Any] | None:
    """The target a unit's value for `year` is judged against, or None.

    Targets binding that year (for exactly that year, or every year) come
    first, so the NQ 29 every-year floor beats a later deadline; otherwise
    pick_target() chooses (next deadline ahead, else the last one passed).
    """
    unit = targets["unit_code"]
    rows = targets[(targets["indicator_code"] == indicator_code) & (unit.isna() | (unit.astype(str) == str(unit_code)))]
    years = rows["year"]
    binding = rows[years.isna() | (years == year)]
    chosen = pick_target(binding, year)
    return chosen if chosen is not None else pick_target(rows, year)


def _assess_one(
    meta: pd.Series,
    own: pd.DataFrame,
    children: pd.DataFrame,
    targets: pd.DataFrame,
    province_code: str,
    window: tuple[int, int],
    margins: tuple[float, float],
) -> dict[str, Any]:
    direction, unit = str(meta["direction"]), str(meta["unit"])
    break_year = None if pd.isna(meta["break_year"]) else int(meta["break_year"])
    series = own[["unit_code", "year", "value"]]
    change = assess_change(series, direction, unit, window[0], window[1], break_year).iloc[0]
    judged, since_break = change, None
    if bool(change["crosses_break"]) and break_year is not None:
        judged = assess_change(series, direction, unit, break_year, window[1]).iloc[0]
        since_break = str(judged["trend"])
    latest, latest_year = change["latest_value"], change["latest_year"]
    year = window[1] if pd.isna(latest_year) else int(latest_year)
    target = applicable_target(targets, str(meta["code"]), province_code, year)
    verdict = None if target is None else target_verdict(latest, target["comparator"], target["value"])
    due = target is not None and (target["year"] is None or target["year"] <= year)
    comparable = not pd.isna(latest) and meta["kind"] in _COMPARABLE_KINDS
    lagging = _lagging(children, year, float(latest), direction, unit, margins) if comparable else []
    missed = verdict == "not_met" and due
    judged_trend = str(judged["trend"])
    standing = standing_of(judged_trend, verdict, due)
    improvement = _improvement(judged, direction, unit)
    gap = _target_gap(latest, target, unit) if missed else 0.0
    return {
        "indicator_code": meta["code"],
        **{k: meta[k] for k in _META},
        **{k: change[k] for k in _CHANGE},
        "break_year": break_year,
        **{col: None if target is None else target[key] for key, col in _TARGET.items()},
        "target_note": None if target is None else target.get("note"),
        "verdict": verdict,
        "lagging": lagging,
        "n_lagging": len(lagging),
        "standing": standing,
        "score": _score(standing, improvement, verdict, missed, gap),
        "target_due": due,
        "trend_since_break": since_break,
    }


def standing_of(trend: str, verdict: str | None, target_due: bool) -> str:
    """ "weakness", "result" or "neutral" by the rules in the module docstring."""
    if (verdict == "not_met" and target_due) or trend == "worsening":
        return "weakness"
    if trend == "improving" or verdict in ("met", "exceeded"):
        return "result"
    return "neutral"


def _lagging(
    children: pd.DataFrame, year: int, province: float, direction: str, unit: str, margins: tuple[float, float]
) -> list[str]:
    """Names of districts worse than the province by more than the margin, worst first."""
    if direction == "neutral":
        return []
    rows = children[(children["year"] == year) & children["value"].notna()]
    worse_by = (rows["value"] - province) * -_SIGN[direction]
    if unit.strip() == "%":
        excess = worse_by - margins[0]
    elif province != 0:
        excess = worse_by / abs(province) - margins[1]
    else:
        return []
    flagged = rows.assign(_worse=worse_by)[excess > 1e-9]
    return [str(n) for n in flagged.sort_values("_worse", ascending=False, kind="stable")["unit_name"]]


def _improvement(change: pd.Series, direction: str, unit: str) -> float:
    """Direction-adjusted change: points for "%", relative change x 100 otherwise."""
    raw = change["abs_change"] if unit.strip() == "%" else change["rel_change"] * 100
    return 0.0 if pd.isna(raw) else float(raw) * _SIGN[direction]


def _target_gap(latest: float, target: dict[str, Any] | None, unit: str) -> float:
    """Distance to a missed target: points for "%", percent of the target otherwise."""
    if target is None or pd.isna(latest):
        return 0.0
    gap = abs(float(latest) - float(target["value"]))
    if unit.strip() == "%":
        return gap
    return gap / abs(float(target["value"])) * 100 if target["value"] else gap


def _score(standing: str, improvement: float, verdict: str | None, missed: bool, gap: float) -> float:
    """Higher = shown earlier within its standing."""
    if standing == "result":
        return improvement + (EXCEEDED_BONUS if verdict == "exceeded" else 0.0)
    if standing == "weakness":
        return (MISSED_OFFSET + gap if missed else 0.0) + max(-improvement, 0.0)
    return 0.0


def sort_assessment(frame: pd.DataFrame) -> pd.DataFrame:
    """Results (best first), then weaknesses (most serious first), then neutral rows.

    Ties, and all neutral rows, follow group_order; the input order breaks
    any remaining tie.
    """
    keyed = frame.assign(_standing=frame["standing"].map(_STANDING_ORDER), _neg=-frame["score"])
    ordered = keyed.sort_values(["_standing", "_neg", "group_order"], kind="stable")
    return ordered.drop(columns=["_standing", "_neg"]).reset_index(drop=True)


def top_results(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The n strongest results."""
    ordered = sort_assessment(frame)
    return ordered[ordered["standing"] == "result"].head(n).reset_index(drop=True)


def top_weaknesses(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The n most serious weaknesses."""
    ordered = sort_assessment(frame)
    return ordered[ordered["standing"] == "weakness"].head(n).reset_index(drop=True)


__all__ = [
    "applicable_target",
    "assess_indicators",
    "sort_assessment",
    "standing_of",
    "top_results",
    "top_weaknesses",
]
