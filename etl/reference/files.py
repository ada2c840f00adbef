"""Reading the reference CSV files (data/reference/) into rows for the store; raises on any violation."""

from __future__ import annotations

import csv
import re
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

from etl.reference.model import (
    AGGREGATIONS,
    COMPARATORS,
    DIRECTIONS,
    INDICATOR_KINDS,
    INPUTS,
    LEVELS,
    PERIOD_TYPES,
    REFERENCE_DATES,
    TARGET_SCOPES,
    UNIT_KINDS,
    VERIFICATIONS,
    ReferenceDataError,
)
from vocab.display import unit_factor
from vocab.text import clean_text, fold_key, strip_unit_prefix, unit_key

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
# An alias may carry the years it was in use: "Thị xã Bình Giang[-2015]", "TP. Bình Giang[2016-]".
_ALIAS_YEARS = re.compile(r"^(?P<name>.*?)\s*\[\s*(?P<start>\d{4})?\s*-\s*(?P<end>\d{4})?\s*\]$")


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: clean_text(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


def parse_indicators(
    path: Path, tasks: Collection[int] = range(1, 10)
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Indicator rows ready for the store, and their aliases; raises on any violation.

    ``tasks``: the numbers of the resolution's tasks (data/reference/tasks.csv) an
    indicator's ``task`` may name; every indicator names one.
    """
    rows = read_csv_rows(path)
    problems: list[str] = []
    codes = {r["code"] for r in rows}
    out: list[dict[str, Any]] = []
    aliases: list[dict[str, str]] = []
    seen_aliases: dict[str, str] = {}
    for line, r in enumerate(rows, start=2):
        problems += _check_indicator_row(r, codes, f"{path.name}:{line}")
        problems += _check_task(r, tasks, f"{path.name}:{line}")
        for alias in [r["name_vi"], *filter(None, r["aliases"].split(";"))]:
            key = fold_key(alias)
            if seen_aliases.setdefault(key, r["code"]) != r["code"]:
                problems.append(f"{path.name}:{line}: tên/bí danh '{alias}' trùng với chỉ tiêu {seen_aliases[key]}")
            elif key not in {a["alias_key"] for a in aliases if a["indicator_code"] == r["code"]}:
                aliases.append({"indicator_code": r["code"], "alias": alias.strip(), "alias_key": key})
        out.append(
            {
                **{
                    k: r[k]
                    for k in (
                        "code",
                        "name_vi",
                        "name_en",
                        "level",
                        "unit",
                        "kind",
                        "direction",
                        "period_type",
                        "reference_date",
                        "input",
                        "aggregation",
                        "source_dept",
                        "break_note",
                        "definition",
                    )
                },
                "group_code": r["group"],
                "numerator": r["numerator"] or None,
                "denominator": r["denominator"] or None,
                "scale": _num(r["scale"]),
                "min_value": _num(r["min_value"]),
                "max_value": _num(r["max_value"]),
                "break_year": _int(r["break_year"]),
                "sort_order": _int(r["sort_order"]) or line,
                "task": _task(r),
                **_version_fields(r),
            }
        )
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return out, aliases


def _check_indicator_row(r: dict[str, str], codes: set[str], where: str) -> list[str]:
    problems = []
    for name, allowed in (
        ("kind", INDICATOR_KINDS),
        ("level", LEVELS),
        ("direction", DIRECTIONS),
        ("period_type", PERIOD_TYPES),
        ("input", INPUTS),
        ("aggregation", AGGREGATIONS),
    ):
        if r[name] not in allowed:
            problems.append(f"{where}: {name} '{r[name]}' không hợp lệ (cho phép: {sorted(allowed)})")
    if r["kind"] in {"rate", "ratio"}:
        for part in ("numerator", "denominator"):
            if r[part] not in codes:
                problems.append(f"{where}: {part} '{r[part]}' của {r['code']} không có trong danh mục")
        if not _num(r["scale"]):
            problems.append(f"{where}: tỷ lệ {r['code']} thiếu hệ số scale")
    if REFERENCE_DATES.get(r.get("reference_date", "")) != r["period_type"]:
        dates = [d for d, period in REFERENCE_DATES.items() if period == r["period_type"]]
        problems.append(f"{where}: reference_date '{r.get('reference_date', '')}' không hợp lệ (cho phép: {dates})")
    if r["input"] == "derived" and r["kind"] not in {"rate", "ratio"}:
        problems.append(f"{where}: chỉ tiêu tính toán {r['code']} phải là rate hoặc ratio")
    return problems + _check_version_fields(r, codes, where)


def _task(r: dict[str, str]) -> int | None:
    text = (r.get("task") or "").strip()
    return int(text) if text.isdigit() else None


def _check_task(r: dict[str, str], tasks: Collection[int], where: str) -> list[str]:
    """Every indicator belongs to one of the resolution's tasks (its findings are reported under it)."""
    task = _task(r)
    if task is None or task not in tasks:
        allowed = ", ".join(str(t) for t in sorted(tasks))
        return [f"{where}: {r['code']} cần cột task là số thứ tự một nhiệm vụ của Nghị quyết ({allowed})"]
    return []


def _breaks(r: dict[str, str]) -> list[int]:
    """Every break year of a row: break_year, then later_breaks (';'-separated)."""
    texts = [r["break_year"], *(r.get("later_breaks") or "").split(";")]
    return [int(float(t)) for t in texts if t.strip()]


def _version_fields(r: dict[str, str]) -> dict[str, Any]:
    """The columns added at the end of indicators.csv (definition versions, display)."""
    later = _breaks(r)[1:]
    return {
        "later_breaks": ";".join(str(y) for y in later) or None,
        "version_labels": r.get("version_labels") or None,
        "display_unit": r.get("display_unit") or None,
        "deflate": r.get("deflate") or None,
        "per_head": r.get("per_head") or None,
    }


def _check_version_fields(r: dict[str, str], codes: set[str], where: str) -> list[str]:
    problems = []
    try:
        breaks = _breaks(r)
    except ValueError:
        return [f"{where}: năm đổi cách tính của {r['code']} phải là số"]
    if breaks != sorted(set(breaks)):
        problems.append(f"{where}: các năm đổi cách tính của {r['code']} phải tăng dần")
    labels = [x for x in (r.get("version_labels") or "").split("|") if x.strip()]
    if labels and len(labels) != len(breaks) + 1:
        problems.append(
            f"{where}: {r['code']} có {len(breaks) + 1} định nghĩa nhưng {len(labels)} tên (version_labels)"
        )
    if r.get("display_unit"):
        try:
            unit_factor(r["unit"], r["display_unit"])
        except KeyError:
            problems.append(f"{where}: không đổi được '{r['unit']}' sang '{r['display_unit']}'")
    if (r.get("deflate") or "") not in ("", "cpi"):
        problems.append(f"{where}: deflate chỉ nhận 'cpi'")
    if r.get("per_head") and r["per_head"] not in codes:
        problems.append(f"{where}: per_head '{r['per_head']}' không có trong danh mục")
    return problems


def parse_units(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Unit rows and alias rows; the official name and the code are aliases too."""
    rows = read_csv_rows(path)
    codes = {r["code"] for r in rows}
    problems, units, aliases = [], [], []
    for line, r in enumerate(rows, start=2):
        where = f"{path.name}:{line}"
        if r["kind"] not in UNIT_KINDS:
            problems.append(f"{where}: kind '{r['kind']}' không hợp lệ (cho phép: {sorted(UNIT_KINDS)})")
        if r["parent_code"] and r["parent_code"] not in codes:
            problems.append(f"{where}: parent_code '{r['parent_code']}' không có trong tệp")
        v_from, v_to = _int(r["valid_from"]), _int(r["valid_to"])
        units.append(
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "parent_code": r["parent_code"] or None,
                "valid_from": v_from,
                "valid_to": v_to,
                "sort_order": line,
                "tile_row": _int(r.get("tile_row") or ""),
                "tile_col": _int(r.get("tile_col") or ""),
            }
        )
        seen: set[tuple[Any, ...]] = set()
        for alias, a_from, a_to in [(r["name"], None, None), *map(_alias_years, filter(None, r["aliases"].split(";")))]:
            key = unit_key(alias)
            start = max(filter(None, (v_from, a_from)), default=None)
            end = min(filter(None, (v_to, a_to)), default=None)
            written = (key, strip_unit_prefix(alias)[1], start, end)
            if written in seen:
                continue  # first spelling wins; "Huyện X" beside "Thị xã X" is another name (its prefix counts)
            seen.add(written)
            aliases.append(
                {"unit_code": r["code"], "alias": alias, "alias_key": key, "valid_from": start, "valid_to": end}
            )
    if len(codes) != len(rows):
        problems.append(f"{path.name}: mã đơn vị bị trùng")
    problems += _alias_collisions(units, aliases, path.name)
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return units, aliases


def _alias_collisions(units: list[dict[str, Any]], aliases: list[dict[str, Any]], file_name: str) -> list[str]:
    """Two units of the same kind whose names fold to the same key could never be told apart."""
    kinds = {u["code"]: u["kind"] for u in units}
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    problems = []
    for a in aliases:
        key = (a["alias_key"], kinds[a["unit_code"]])
        other = seen.setdefault(key, a)
        overlap = (other["valid_to"] or 9999) >= (a["valid_from"] or 0) and (a["valid_to"] or 9999) >= (
            other["valid_from"] or 0
        )
        if other["unit_code"] != a["unit_code"] and overlap:
            problems.append(
                f"{file_name}: tên '{a['alias']}' ({a['unit_code']}) trùng với '{other['alias']}' "
                f"({other['unit_code']}) cùng loại đơn vị"
            )
    return problems


def parse_targets(
    path: Path, unit_codes: set[str], indicator_codes: set[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Target rows; rows naming a unit absent from the registry are skipped with a note.

    Every row needs the date its source was issued (``issued_on``, YYYY-MM-DD) and how it
    was checked against the text (``verification``); a "range" target needs ``value_max``.
    """
    rows, notes, problems = [], [], []
    for line, r in enumerate(read_csv_rows(path), start=2):
        where = f"{path.name}:{line}"
        problems += _check_target_row(r, indicator_codes, where)
        if r["unit_code"] and r["unit_code"] not in unit_codes:
            notes.append(
                f"{where}: bỏ qua chỉ tiêu mục tiêu của đơn vị '{r['unit_code']}' (không có trong danh mục đơn vị)"
            )
            continue
        rows.append(
            {
                "indicator_code": r["indicator_code"],
                "unit_code": r["unit_code"] or None,
                "year": _int(r["year"]),
                "comparator": r["comparator"],
                "value": _num(r["value"]),
                "scope": r["scope"],
                "source": r["source"],
                "note": r.get("note") or None,
                "value_max": _num(r.get("value_max") or ""),
                "issued_on": _date(r.get("issued_on") or ""),
                "article": r.get("article") or None,
                "verification": r.get("verification") or None,
            }
        )
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows, notes


def _check_target_row(r: dict[str, str], indicator_codes: set[str], where: str) -> list[str]:
    problems = []
    if r["indicator_code"] not in indicator_codes:
        problems.append(f"{where}: chỉ tiêu '{r['indicator_code']}' không có trong danh mục")
    if r["comparator"] not in COMPARATORS or _num(r["value"]) is None:
        problems.append(f"{where}: so sánh/giá trị không hợp lệ")
    elif r["comparator"] == "range" and (_num(r.get("value_max") or "") or 0.0) < (_num(r["value"]) or 0.0):
        problems.append(f"{where}: mục tiêu khoảng cần value_max không nhỏ hơn value")
    if r["scope"] not in TARGET_SCOPES:
        problems.append(f"{where}: scope '{r['scope']}' không hợp lệ (cho phép: {sorted(TARGET_SCOPES)})")
    if (r.get("verification") or "") not in VERIFICATIONS:
        problems.append(f"{where}: verification phải là một trong {sorted(VERIFICATIONS)}")
    try:
        if _date(r.get("issued_on") or "") is None:
            problems.append(f"{where}: thiếu ngày ban hành (issued_on, dạng YYYY-MM-DD)")
    except ValueError:
        problems.append(f"{where}: ngày ban hành '{r.get('issued_on')}' phải có dạng YYYY-MM-DD")
    return problems


def _alias_years(text: str) -> tuple[str, int | None, int | None]:
    """("Thị xã Bình Giang", None, 2015) from "Thị xã Bình Giang[-2015]"."""
    match = _ALIAS_YEARS.match(text)
    if match is None:
        return text.strip(), None, None
    return match["name"].strip(), _int(match["start"] or ""), _int(match["end"] or "")


def _num(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(float(text)) if text not in ("", None) else None
