"""District series on current boundaries (issue 7).

"As reported" keeps every value with the unit that reported it in that year.
"On current boundaries" gives each current district the figures of the
territory it covers today:

* a unit merged into another (A → C from year Y) adds its values before Y to C's:
  counts are summed, rates and ratios recomputed from the summed numerators and
  denominators (never averaged), levels take the lowest; a year in which any
  predecessor is missing gets no value (a partial sum is no figure);
* a renamed or upgraded unit is the same unit (a changed code is followed);
* a split (B carved out of A in Y) cannot be reversed without commune data:
  neither A nor B has a value before Y, and the break is marked.

Plain pandas, no Streamlit. ``changes`` has the columns of the store's
``unit_changes`` table: year, change, from_code, to_code, note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

FOLLOWED = ("merged", "renamed", "upgraded")
CHANGE_LABELS = {"renamed": "Đổi tên", "upgraded": "Nâng cấp", "merged": "Sáp nhập", "split": "Chia tách"}


@dataclass(frozen=True)
class Harmonised:
    values: pd.DataFrame  # same columns as the input values
    breaks: list[tuple[str, int]]  # (unit_code, year): no comparable value before this year


def successors(changes: pd.DataFrame) -> dict[str, tuple[str, int]]:
    """code -> (current code, first year it belongs to it) for units merged away or recoded."""
    direct = {
        str(r["from_code"]): (str(r["to_code"]), int(r["year"]))
        for r in _records(changes)
        if r["change"] in FOLLOWED and r["from_code"] != r["to_code"]
    }
    out = {}
    for code, (target, year) in direct.items():
        seen = {code}
        while target in direct and target not in seen:  # A → C, then C → D: A belongs to D
            seen.add(target)
            target = direct[target][0]
        out[code] = (target, year)
    return out


def split_breaks(changes: pd.DataFrame) -> list[tuple[str, int]]:
    """(unit, year) for both sides of every split: before `year` the unit had other boundaries."""
    rows = _records(changes[changes["change"] == "split"])
    return sorted({(str(r[c]), int(r["year"])) for r in rows for c in ("from_code", "to_code")})


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def current_code(code: str, year: int, mapping: dict[str, tuple[str, int]]) -> str:
    target = mapping.get(code)
    return target[0] if target is not None and year < target[1] else code


def harmonise(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    units: pd.DataFrame,
    changes: pd.DataFrame,
    indicator_code: str,
    province_code: str,
) -> Harmonised:
    """One indicator on current boundaries.

    ``values``: long rows (unit_code, indicator_code, year, value, ...) holding the
    indicator and, for a rate, its numerator and denominator. ``units``: the
    registry (code, name, kind, parent_code, valid_from, valid_to, sort_order).
    Province rows pass through unchanged.
    """
    meta = {str(k): v for k, v in catalogue.set_index("code").loc[indicator_code].to_dict().items()}
    own = values[values["indicator_code"] == indicator_code]
    mapping = successors(changes)
    breaks = split_breaks(changes)
    province = own[own["unit_code"] == province_code]
    districts = _with_target(values[values["unit_code"] != province_code], mapping)
    expected = _expected_sources(units, province_code, mapping, sorted(values["year"].unique()))
    merged_groups = expected.loc[(expected["n_expected"] > 1) | expected["recoded"], ["target", "year", "n_expected"]]
    single = districts[districts["indicator_code"] == indicator_code].merge(
        merged_groups[["target", "year"]], on=["target", "year"], how="left", indicator=True
    )
    kept = own.loc[own.index.isin(single.loc[single["_merge"] == "left_only", "_row"])]
    combined = _combine(districts, merged_groups, meta, indicator_code)
    rows = pd.concat([province, kept, _describe(combined, units, own.columns, indicator_code)], ignore_index=True)
    for code, year in breaks:
        rows = rows[~((rows["unit_code"] == code) & (rows["year"] < year))]
    return Harmonised(rows.reset_index(drop=True), breaks)


def _with_target(rows: pd.DataFrame, mapping: dict[str, tuple[str, int]]) -> pd.DataFrame:
    targets = [current_code(str(c), int(y), mapping) for c, y in zip(rows["unit_code"], rows["year"], strict=True)]
    return rows.assign(target=pd.Series(targets, index=rows.index, dtype=object), _row=rows.index)


def _expected_sources(
    units: pd.DataFrame, province_code: str, mapping: dict[str, tuple[str, int]], years: list[int]
) -> pd.DataFrame:
    """(target, year, n_expected): how many units that existed in the year make up each current unit."""
    out = []
    districts = units[units["code"].astype(str) != province_code]
    for year in years:
        for u in districts.itertuples(index=False):
            if _valid(u.valid_from, u.valid_to, int(year)):
                target = current_code(str(u.code), int(year), mapping)
                out.append((target, int(year), target != str(u.code)))
    # typed even when empty (no values selected), so that the merge with the values' keys holds
    frame = pd.DataFrame(out, columns=["target", "year", "recoded"]).astype({"target": object, "year": "int64"})
    return (
        frame.groupby(["target", "year"]).agg(n_expected=("recoded", "size"), recoded=("recoded", "any")).reset_index()
    )


def _valid(v_from: object, v_to: object, year: int) -> bool:
    return (pd.isna(v_from) or int(v_from) <= year) and (pd.isna(v_to) or int(v_to) >= year)  # type: ignore[call-overload]


def _combine(districts: pd.DataFrame, groups: pd.DataFrame, meta: dict[str, Any], code: str) -> pd.DataFrame:
    """Values of the current units made of several former ones; complete groups only."""
    columns = ["target", "year", "value", "n_units", "n_expected", "flagged"]
    if groups.empty:
        return pd.DataFrame(columns=columns)
    districts = districts.assign(flagged=_flags(districts))  # a merged figure containing a flagged part is flagged
    if meta["aggregation"] == "ratio":
        num = districts[districts["indicator_code"] == meta["numerator"]]
        den = districts[districts["indicator_code"] == meta["denominator"]]
        pairs = num.merge(den, on=["unit_code", "year", "target"], suffixes=("_num", "_den"))
        pairs = pairs[pairs["value_den"] != 0].assign(flag=lambda p: p["flagged_num"] | p["flagged_den"])
        summed = pairs.groupby(["target", "year"]).agg(
            num=("value_num", "sum"),
            den=("value_den", "sum"),
            n_units=("unit_code", "nunique"),
            flagged=("flag", "any"),
        )
        summed["value"] = summed["num"] / summed["den"] * float(meta["scale"])
    else:
        rows = districts[districts["indicator_code"] == code]
        how = "min" if meta["aggregation"] == "min" else "sum"
        summed = rows.groupby(["target", "year"]).agg(
            value=("value", how), n_units=("unit_code", "nunique"), flagged=("flagged", "any")
        )
    out = summed.reset_index().merge(groups, on=["target", "year"])
    return out.loc[out["n_units"] == out["n_expected"], columns]


def _flags(rows: pd.DataFrame) -> pd.Series:
    if "flagged" not in rows.columns:
        return pd.Series(False, index=rows.index)
    return rows["flagged"].astype("boolean").fillna(False).astype(bool)


def _describe(combined: pd.DataFrame, units: pd.DataFrame, columns: pd.Index, code: str) -> pd.DataFrame:
    """Combined values in the shape of the input rows (unit name, kind, order from the registry)."""
    registry = units.assign(code=units["code"].astype(str)).set_index("code")
    out = pd.DataFrame(
        {
            "unit_code": combined["target"].astype(str),
            "indicator_code": code,
            "year": combined["year"].astype(int),
            "value": combined["value"].astype(float),
            "origin": "harmonised",
            "n_units": combined["n_units"],
            "n_expected": combined["n_expected"],
            "complete": True,
            "flagged": combined["flagged"].astype(bool),
        }
    )
    extra = {"unit_name": "name", "unit_kind": "kind", "parent_code": "parent_code", "unit_order": "sort_order"}
    for column, source in extra.items():
        if column in columns:
            out[column] = out["unit_code"].map(registry[source])
    return out[[c for c in columns if c in out.columns]]


def change_events(changes: pd.DataFrame, unit_codes: list[str] | None = None) -> list[tuple[int, str]]:
    """(year, label) per year with a change among the given units (all when None), for chart markers."""
    events: dict[int, list[str]] = {}
    for r in _records(changes.sort_values("year")):
        if unit_codes is not None and not {str(r["from_code"]), str(r["to_code"])} & set(unit_codes):
            continue
        label = CHANGE_LABELS.get(str(r["change"]), str(r["change"]))
        if label not in events.setdefault(int(r["year"]), []):
            events[int(r["year"])].append(label)
    return [(year, ", ".join(labels)) for year, labels in sorted(events.items())]
