"""Findings in administrative Vietnamese: one sentence per assessed row (docs/findings.md, Sentences).

A sentence leads with the figure ("Năm học 2022-2023, toàn tỉnh có 194/244 trường tiểu học đạt
chuẩn quốc gia, đạt 79,5%"), then the change, when its direction agrees with the heading
("tăng 18,0 điểm phần trăm so với năm học 2018-2019 (61,5%)"), then the target ("vượt mục
tiêu 75% đến năm 2020 theo Nghị quyết …"), then the districts left behind. A weakness never
states a gain and a result never a decline; levels read "đạt chuẩn … mức độ 2 từ năm học …";
a target met late "đạt … từ năm học …, chậm 2 năm so với mục tiêu"; documents are cited by
their short name ("Quyết định số 711/QĐ-TTg"), listed in full at the end of the report.
Every number is formatted by vocab.display.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analysis.materiality import Placement, gap_to_target
from page_models.sentence_parts import (
    Context,
    Sentence,
    Source,
    cap,
    cite,
    low,
    name_of,
    plain_label,
    value_of,
    when,
)
from vocab.display import (
    format_change_phrase,
    format_difference,
    format_fraction,
    format_plain,
    format_relative,
    format_value,
    format_with_unit,
    format_years,
    is_missing,
    kind_of,
    target_value_text,
    year_label,
)

__all__ = [
    "Context",
    "Sentence",
    "Source",
    "below_sentence",
    "fact_sentence",
    "finding_sentence",
    "goal",
    "lagging_clause",
    "lead",
    "movement",
    "target_clause",
]


def _beside(row: Mapping[str, Any], year: Any, ctx: Context) -> str:
    """ " (toàn tỉnh: 79,5%)" in a district's report."""
    other = value_of(ctx.compare, str(row["indicator_code"]), year)
    return "" if other is None else f" (toàn tỉnh: {format_with_unit(other, str(row['unit']))})"


def _fraction(row: Mapping[str, Any], year: Any, ctx: Context) -> str | None:
    """ "194/244 trường tiểu học đạt chuẩn quốc gia" when the rate's parts are counts of one unit."""
    meta = ctx.catalogue.get(str(row["indicator_code"]), {})
    num, den = meta.get("numerator"), meta.get("denominator")
    if row["kind"] != "rate" or not isinstance(num, str) or not isinstance(den, str):
        return None
    parts = [ctx.catalogue.get(num, {}), ctx.catalogue.get(den, {})]
    if any(p.get("kind") != "count" for p in parts) or parts[0].get("unit") != parts[1].get("unit"):
        return None
    x, y = value_of(ctx.values, num, year), value_of(ctx.values, den, year)
    if x is None or y is None:
        return None
    noun, unit = str(parts[0]["name_vi"]).removeprefix("Số "), str(parts[0]["unit"])
    label = plain_label(row.get("version_label"))
    # "194/244 trường tiểu học …" when the noun starts with the unit, else "544.557/798.150 lao động …".
    count = (
        format_fraction(x, y, unit) + noun.removeprefix(unit)
        if noun.startswith(unit)
        else f"{format_fraction(x, y, '')} {noun}"
    )
    return count + (f" ({label})" if label else "")


def lead(row: Mapping[str, Any], year: Any, ctx: Context, side: str = "fact") -> str:
    """The figure of `year`: "Năm học 2022-2023, toàn tỉnh có 194/244 …, đạt 79,5%", "Số … năm 2022 là 9.236 người".

    A rate where higher is better "đạt" its value, or "chỉ đạt" it under a weakness; one where
    lower is better "chiếm" it; other figures "là".
    """
    unit, period, direction = str(row["unit"]), str(row["period_type"]), str(row["direction"])
    value = value_of(ctx.values, str(row["indicator_code"]), year)
    value = float(row["latest_value"]) if value is None else value
    shown = format_with_unit(value, unit) + _beside(row, year, ctx)
    if row["kind"] in ("level", "status"):
        return _level_lead(row, year, value, ctx)
    up_verb = "chỉ đạt" if side == "weakness" else "đạt"
    fraction = _fraction(row, year, ctx)
    if fraction is not None:
        verb = {"up": up_verb, "down": "chiếm"}.get(direction, "bằng")
        return f"{cap(when(year, period))}, {ctx.whole} có {fraction}, {verb} {shown}"
    verb = up_verb if direction == "up" and kind_of(unit) == "rate" else "là"
    return f"{name_of(row)} {when(year, period)} {verb} {shown}"


def _level_lead(row: Mapping[str, Any], year: Any, value: float, ctx: Context) -> str:
    """ "Toàn tỉnh đạt chuẩn xóa mù chữ mức độ 2 từ năm học 2020-2021" (the first year at that level)."""
    code, period = str(row["indicator_code"]), str(row["period_type"])
    first = int(year)
    while value_of(ctx.values, code, first - 1) == value and first - 1 >= int(row["base_year"]):
        first -= 1
    name = str(row["name_vi"])
    if row["kind"] == "status":
        state = low(name) if name.startswith("Đạt ") else f"{low(name)}: {format_value(value, str(row['unit']))}"
        since = f"({when(year, period)})" if value < 1 else f"từ {when(first, period)}"
        return f"{cap(ctx.whole)} {'chưa ' if value < 1 else ''}{state} {since}{_beside(row, year, ctx)}"
    noun = name.removeprefix("Mức độ đạt chuẩn ") if name.startswith("Mức độ đạt chuẩn ") else low(name)
    before = value_of(ctx.values, code, row["base_year"])
    notes = [_beside(row, year, ctx).strip(" ()")] if _beside(row, year, ctx) else []
    if before is not None and before != value and int(row["base_year"]) < first:
        notes.insert(0, f"{when(row['base_year'], period)}: {format_value(before, 'mức')}")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{cap(ctx.whole)} đạt chuẩn {noun} {format_value(value, 'mức')} từ {when(first, period)}{extra}"


def movement(row: Mapping[str, Any]) -> str:
    """ ", tăng 18,0 điểm phần trăm so với năm học 2018-2019 (61,5%)"; "" without a change."""
    if (
        row["kind"] in ("level", "status")
        or is_missing(row.get("abs_change"))
        or row["base_year"] == row["latest_year"]
    ):
        return ""
    unit, period = str(row["unit"]), str(row["period_type"])
    change = format_change_phrase(row["abs_change"], unit)
    if change == "không đổi":
        return ""
    relative = ""
    if kind_of(unit) in ("count", "amount") and not is_missing(row.get("rel_change")):
        relative = f" ({format_relative(row['rel_change'])})"
    base = format_with_unit(row["base_value"], unit)
    return f", {change}{relative} so với {when(row['base_year'], period)} ({base})"


def goal(row: Mapping[str, Any], ctx: Context) -> str:
    """ "mục tiêu 75% đến năm 2020 theo Nghị quyết …"; "định mức 35 học sinh/lớp theo Thông tư …"."""
    unit = str(row["unit"])
    target = {
        "value": row["target_value"],
        "value_max": row.get("target_value_max"),
        "comparator": row.get("target_comparator"),
    }
    if row.get("target_scope") == "norm":
        target["comparator"] = ">="  # a ceiling reads "định mức 35 học sinh/lớp"
        return f"định mức {target_value_text(target, unit)} theo {cite(row, ctx)}"
    level = "" if kind_of(unit) == "status" else f" {target_value_text(target, unit)}"
    deadline = "hằng năm" if is_missing(row.get("target_year")) else f"đến năm {int(row['target_year'])}"
    return f"mục tiêu{level} {deadline} theo {cite(row, ctx)}"


def _gap(row: Mapping[str, Any], value: Any = None) -> str:
    """ "còn thấp hơn 1,2 điểm phần trăm" (or "cao hơn" where lower is better)."""
    side = "cao" if row["direction"] == "down" else "thấp"
    return f"còn {side} hơn {format_difference(gap_to_target(row, value), str(row['unit']))}"


def _judged(row: Mapping[str, Any], year: Any) -> str:
    """ " (năm học 2019-2020: 52,1%)" when the verdict rests on another year than the sentence's figure."""
    if is_missing(row.get("verdict_year")) or row["verdict_year"] == year:
        return ""
    value = format_with_unit(row["verdict_value"], str(row["unit"]))
    return f" ({when(row['verdict_year'], str(row['period_type']))}: {value})"


def _missed_years(row: Mapping[str, Any], ctx: Context) -> str:
    """ " (không đạt trong các năm 2020, 2021)" for a target binding every year."""
    code, period = str(row["indicator_code"]), str(row["period_type"])
    bound, down = float(row["target_value"]), row["direction"] == "down"
    years = [
        y
        for y in range(int(row["base_year"]), int(row["latest_year"]) + 1)
        if (v := value_of(ctx.values, code, y)) is not None and (round(v, 1) > bound if down else round(v, 1) < bound)
    ]
    if not years:
        return ""
    word = ("các " if len(years) > 1 else "") + ("năm học" if period == "school_year" else "năm")
    return f" (không đạt trong {word} {', '.join(year_label(y, period) for y in years)})"


def target_clause(row: Mapping[str, Any], placement: Placement, ctx: Context) -> str:
    """The target's part of a finding, in the words of its reason."""
    if is_missing(row.get("target_value")):
        return ""
    reason, period = placement.reason, str(row["period_type"])
    aim = goal(row, ctx)
    if reason == "norm_breached":
        return f"; vượt {aim}"
    if reason == "target_missed":
        if is_missing(row.get("target_year")):
            return f"; chưa đạt {aim}{_missed_years(row, ctx)}"
        later = ""
        if int(row["latest_year"]) > int(row["verdict_year"]):
            latest = format_with_unit(row["latest_value"], str(row["unit"]))
            later = f"; đến {when(row['latest_year'], period)} vẫn chưa đạt ({latest})"
        return f", chưa đạt {aim}, {_gap(row)}{later}"
    if reason == "target_late":
        late = format_years(int(row["reached_year"]) - int(row["verdict_year"]))
        if row["kind"] in ("level", "status"):  # the lead already says since when
            return f", chậm {late} so với {aim}"
        return f"; đạt {aim} từ {when(row['reached_year'], period)}, chậm {late} so với mục tiêu"
    if reason == "target_met":
        word = "vượt" if row.get("verdict") == "exceeded" else "đạt"
        return f"; {word} {aim}{_judged(row, row['latest_year'])}"
    if reason == "target_early":
        return f"; đã đạt {aim} trước thời hạn"
    if reason == "off_track":
        return f"; {_gap(row, row['latest_value'])} so với {aim}"
    if reason == "improved" and row.get("verdict") == "not_met":
        return f"; hướng tới {aim}"
    return ""


def lagging_clause(row: Mapping[str, Any], ctx: Context) -> str:
    """ " Địa bàn còn thấp hơn mức toàn tỉnh trên 5 điểm phần trăm: Huyện A, Huyện B." (a province's report)."""
    names = row.get("lagging")
    if not isinstance(names, list) or not names:
        return ""
    side = "cao" if row["direction"] == "down" else "thấp"
    points, share = ctx.lag_margins
    margin = f"{format_plain(points)} điểm phần trăm" if row["unit"] == "%" else format_relative(share)
    return f" Địa bàn còn {side} hơn mức toàn tỉnh trên {margin}: {', '.join(names)}."


def finding_sentence(row: Mapping[str, Any], placement: Placement, ctx: Context) -> Sentence:
    """One finding: the figure, the change that agrees with the heading, the target, the laggards."""
    start = len(ctx.sources)
    dated = placement.reason == "target_missed" and not is_missing(row.get("target_year"))
    year = row["verdict_year"] if dated else row["latest_year"]
    trend, side = row.get("trend"), placement.side
    agrees = (side == "result" and trend == "improving") or (side == "weakness" and trend == "worsening")
    text = lead(row, year, ctx, side) + (movement(row) if agrees else "") + target_clause(row, placement, ctx) + "."
    return Sentence(text + lagging_clause(row, ctx), tuple(ctx.sources[start:]))


def fact_sentence(row: Mapping[str, Any], ctx: Context) -> Sentence:
    """A neutral statement of a row (the People's Council's resources): figure, change, target."""
    start = len(ctx.sources)
    text = lead(row, row["latest_year"], ctx) + movement(row)
    if not is_missing(row.get("target_value")):
        verdict = row.get("verdict") if isinstance(row.get("verdict"), str) else None  # is_missing: numbers only
        due = bool(row.get("target_due"))
        if row.get("target_scope") == "norm":
            text += f"; {'vượt' if verdict == 'not_met' else 'trong'} {goal(row, ctx)}"
        elif verdict == "met_late":
            text += target_clause(row, Placement("result", "target_late", 0.0), ctx)
        elif due and verdict == "not_met":
            text += f"; chưa đạt {goal(row, ctx)}" + (
                _missed_years(row, ctx) if is_missing(row.get("target_year")) else ""
            )
        elif due:
            text += f"; {'vượt' if verdict == 'exceeded' else 'đạt'} {goal(row, ctx)}{_judged(row, row['latest_year'])}"
        else:
            text += f"; {goal(row, ctx)}"
    return Sentence(text + "." + lagging_clause(row, ctx), tuple(ctx.sources[start:]))


def below_sentence(row: Mapping[str, Any], ctx: Context) -> Sentence | None:
    """A district's weakness beside the province: "…, thấp hơn mức toàn tỉnh (79,5%) 39,5 điểm phần trăm."."""
    year, unit = row["latest_year"], str(row["unit"])
    other = value_of(ctx.compare, str(row["indicator_code"]), year)
    own = value_of(ctx.values, str(row["indicator_code"]), year)
    if other is None or own is None:
        return None
    side = "cao" if row["direction"] == "down" else "thấp"
    plain = Context(ctx.values, ctx.catalogue, ctx.unit_kind, None, ctx.lag_margins, ctx.sources)
    province, gap = format_with_unit(other, unit), format_difference(own - other, unit)
    return Sentence(f"{lead(row, year, plain, 'weakness')}, {side} hơn mức toàn tỉnh ({province}) {gap}.")
