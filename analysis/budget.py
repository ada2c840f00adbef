"""Amounts as leaders read them: in their display unit, at 2013 prices, per head (docs/domain.md, Budget).

The catalogue keeps budgets in triệu đồng, as files send them; leaders read tỷ đồng
(catalogue column ``display_unit``). A nominal amount grows with prices, so an amount the
catalogue marks ``deflate = cpi`` also gets a view at 2013 prices (value × 100 / CPI index
of its year, data/reference/deflator.csv), and one with ``per_head`` a view per head of that
count of the same year (public-school pupils for education spending: the budget of calendar
year Y over the pupils of school year Y-(Y+1)), also at 2013 prices.

Views are catalogue rows of their own, coded "<code>.gia2013" and "<code>.hs", so the pages,
the assessment and the report treat them as indicators. A view of an indicator whose nominal
amount is neutral is "up" when it is a spending per head (more per pupil at constant prices is
better); otherwise it keeps the indicator's direction. A view value is complete and flagged
as its parts are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vocab.display import unit_factor

REAL, PER_HEAD = "gia2013", "hs"
_REAL_WORDS = "giá so sánh năm 2013"

__all__ = ["PER_HEAD", "REAL", "base_codes", "present", "presented_catalogue"]


def presented_catalogue(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The catalogue in display units, with a row for every view after its indicator."""
    shown = catalogue.copy()
    has_display = _col(shown, "display_unit").notna()
    shown.loc[has_display, "unit"] = shown.loc[has_display, "display_unit"]
    views = []
    by_code = catalogue.set_index("code")
    for row in shown.to_dict("records"):
        if row.get("deflate") != "cpi":
            continue
        base = str(row["code"])
        real = {
            **row,
            "code": f"{base}.{REAL}",
            "name_vi": f"{row['name_vi']} ({_REAL_WORDS})",
            "input": "derived",
            "aggregation": "view",
            "numerator": None,
            "denominator": None,
            "definition": f"{row['name_vi']} tính theo giá năm 2013: giá trị danh nghĩa × 100 / chỉ số giá tiêu dùng "
            "bình quân năm (2013 = 100) của Tổng cục Thống kê.",
            "sort_order": float(row["sort_order"]) + 0.1,
            "direction": _view_direction(row),
            "deflate": None,
            "per_head": None,
        }
        views.append(real)
        heads = row.get("per_head")
        if isinstance(heads, str) and heads in by_code.index:
            noun = str(by_code.loc[heads, "name_vi"]).removeprefix("Số ")
            views.append(
                {
                    **real,
                    "code": f"{base}.{PER_HEAD}",
                    "name_vi": f"{row['name_vi']} bình quân một {noun} ({_REAL_WORDS})",
                    "unit": f"{by_code.loc[base, 'unit']!s}/{by_code.loc[heads, 'unit']!s}",
                    "kind": "ratio",
                    "definition": f"{row['name_vi']} của năm ngân sách chia cho {noun[:1].lower()}{noun[1:]} của năm "
                    "học bắt đầu trong năm đó, theo giá năm 2013.",
                    "sort_order": float(row["sort_order"]) + 0.2,
                }
            )
    if not views:
        return shown
    out = pd.concat([shown, pd.DataFrame(views)], ignore_index=True)
    return out.sort_values(["group_order", "sort_order"], kind="stable").reset_index(drop=True)


def _view_direction(row: dict) -> str:
    return "up" if row.get("direction") == "neutral" and isinstance(row.get("per_head"), str) else str(row["direction"])


def base_codes(codes: list[str], catalogue: pd.DataFrame) -> list[str]:
    """The stored indicators a list of (possibly view) codes is computed from."""
    heads = _col(catalogue.set_index("code"), "per_head")
    out: list[str] = []
    for code in codes:
        base, _, view = code.partition(".")
        out.append(base)
        if view == PER_HEAD and isinstance(heads.get(base), str):
            out.append(str(heads[base]))
    return list(dict.fromkeys(out))


def present(values: pd.DataFrame, catalogue: pd.DataFrame, prices: pd.DataFrame) -> pd.DataFrame:
    """Values in display units, with the rows of every view that can be computed."""
    meta = catalogue.set_index("code")
    display = _col(meta, "display_unit")
    factor = {
        code: unit_factor(str(meta.at[code, "unit"]), str(unit))
        for code, unit in display.items()
        if isinstance(unit, str)
    }
    out = values.copy()
    if factor:
        scale = out["indicator_code"].map(factor).fillna(1.0).astype(float)
        out["value"] = pd.to_numeric(out["value"]).astype(float) * scale
    index = dict(zip(prices["year"].astype(int), prices["index_2013"].astype(float), strict=True))
    views = [
        _views(out, code, meta, factor.get(code, 1.0), index) for code in meta.index[_col(meta, "deflate") == "cpi"]
    ]
    return pd.concat([out, *views], ignore_index=True) if views else out


def _views(
    values: pd.DataFrame, code: str, meta: pd.DataFrame, shown_factor: float, index: dict[int, float]
) -> pd.DataFrame:
    rows = values[values["indicator_code"] == code]
    if rows.empty:
        return rows
    deflator = rows["year"].astype(int).map(index).astype(float)
    real = rows.assign(indicator_code=f"{code}.{REAL}", value=rows["value"] * 100 / deflator, origin="view")
    real = real[deflator.notna().to_numpy()]
    heads_code = meta.at[code, "per_head"] if "per_head" in meta.columns else None
    if not isinstance(heads_code, str):
        return real
    heads = values[values["indicator_code"] == heads_code]
    keys = ["unit_code", "year"]
    pair = real.merge(heads[[*keys, "value", *_flag_cols(heads)]], on=keys, suffixes=("", "_heads"))
    stored = pair["value"] / shown_factor  # per head in the stored unit (triệu đồng per pupil)
    with np.errstate(all="ignore"):
        per_head = np.where(pair["value_heads"] > 0, stored / pair["value_heads"], np.nan)
    pair = pair.assign(indicator_code=f"{code}.{PER_HEAD}", value=per_head)
    for column in _flag_cols(heads):
        combine = (lambda a, b: a & b) if column == "complete" else (lambda a, b: a | b)
        pair[column] = combine(_bool(pair[column]), _bool(pair[f"{column}_heads"]))
    return pd.concat([real, pair[real.columns]], ignore_index=True)


def _flag_cols(frame: pd.DataFrame) -> list[str]:
    return [c for c in ("complete", "flagged") if c in frame.columns]


def _bool(column: pd.Series) -> pd.Series:
    default = column.name == "complete" or str(column.name).startswith("complete")
    return column.astype("boolean").fillna(default).astype(bool)


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(None, index=frame.index, dtype=object)
