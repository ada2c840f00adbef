"""Reference data: the indicator catalogue, the unit registry and the targets.

They live in editable CSV files under data/reference/ and are copied into the
store by `python -m etl init`. Validation of the store reads them back from the
store (``Reference.from_store``), so the store is the single source of truth.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from etl.text import clean_text, fold_key, strip_unit_prefix, unit_key

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
INDICATOR_KINDS = {"count", "rate", "ratio", "amount", "level"}
LEVELS = {"mn", "th", "thcs", "thpt", "gdnn", "ld", "ns"}
DIRECTIONS = {"up", "down", "neutral"}
PERIOD_TYPES = {"school_year", "calendar_year"}
INPUTS = {"reported", "derived"}
AGGREGATIONS = {"sum", "ratio", "min"}
UNIT_KINDS = {"province", "city", "town", "district", "urban_district"}
COMPARATORS = {">=", "<="}
# An alias may carry the years it was in use: "Thị xã Bình Giang[-2015]", "TP. Bình Giang[2016-]".
_ALIAS_YEARS = re.compile(r"^(?P<name>.*?)\s*\[\s*(?P<start>\d{4})?\s*-\s*(?P<end>\d{4})?\s*\]$")


class ReferenceDataError(ValueError):
    """A reference file breaks its contract; the message names file and row."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    group_code: str
    unit: str
    kind: str
    numerator: str | None
    denominator: str | None
    scale: float | None
    direction: str
    period_type: str
    input: str
    aggregation: str
    min_value: float | None
    max_value: float | None
    break_year: int | None
    source_dept: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: int | None
    valid_to: int | None

    def active_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or self.valid_to >= year)


@dataclass
class Reference:
    """What validation needs to know, read from the store."""

    indicators: dict[str, Indicator]
    units: dict[str, Unit]
    unit_aliases: dict[str, list[tuple[str, int | None, int | None]]] = field(default_factory=dict)
    indicator_aliases: dict[str, str] = field(default_factory=dict)
    confirmed_units: dict[str, str] = field(default_factory=dict)  # fold_key of the full text -> code
    # Former names written with another status's prefix ("Thị xã X" of a unit now a city):
    # alias key -> (code, valid_from, valid_to, kind of the prefix).
    former_kinds: dict[str, list[tuple[str, int | None, int | None, str]]] = field(default_factory=dict)
    # Years in which a unit's boundaries changed (a jump then is no data error).
    change_years: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, con: duckdb.DuckDBPyConnection) -> Reference:
        ind_cols = [f for f in Indicator.__dataclass_fields__]
        indicators = {
            row[0]: Indicator(*row)
            for row in con.execute(f"SELECT {', '.join(ind_cols)} FROM indicators ORDER BY sort_order").fetchall()
        }
        units = {
            row[0]: Unit(*row)
            for row in con.execute(
                "SELECT code, name, kind, parent_code, valid_from, valid_to FROM units ORDER BY sort_order"
            ).fetchall()
        }
        unit_aliases: dict[str, list[tuple[str, int | None, int | None]]] = {}
        former_kinds: dict[str, list[tuple[str, int | None, int | None, str]]] = {}
        for code, key, v_from, v_to, alias in con.execute(
            "SELECT unit_code, alias_key, valid_from, valid_to, alias FROM unit_aliases"
        ).fetchall():
            unit_aliases.setdefault(key, []).append((code, v_from, v_to))
            kind = strip_unit_prefix(alias)[1]
            if kind is not None and code in units and kind != units[code].kind:
                former_kinds.setdefault(key, []).append((code, v_from, v_to, kind))
        indicator_aliases = dict(con.execute("SELECT alias_key, indicator_code FROM indicator_aliases").fetchall())
        change_years: dict[str, set[int]] = {}
        has_changes = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'unit_changes'"
        ).fetchone()
        changes = (
            con.execute("SELECT year, from_code, to_code FROM unit_changes").fetchall()
            if has_changes and has_changes[0]
            else []
        )
        for year, source, target in changes:
            for code in (source, target):
                change_years.setdefault(code, set()).add(year)
        ref = cls(
            indicators, units, unit_aliases, indicator_aliases, former_kinds=former_kinds, change_years=change_years
        )
        ref.add_confirmed(_confirmed_aliases(con))
        return ref

    @classmethod
    def from_rows(
        cls,
        indicators: list[dict[str, Any]],
        indicator_aliases: list[dict[str, str]],
        units: list[dict[str, Any]],
        unit_aliases: list[dict[str, Any]],
    ) -> Reference:
        """A reference from parsed CSV rows (parse_indicators / parse_units), without a store."""
        ind_fields = list(Indicator.__dataclass_fields__)
        unit_fields = list(Unit.__dataclass_fields__)
        ref = cls(
            {r["code"]: Indicator(**{f: r.get(f) for f in ind_fields}) for r in indicators},  # type: ignore[arg-type]
            {r["code"]: Unit(**{f: r.get(f) for f in unit_fields}) for r in units},  # type: ignore[arg-type]
            {},
            {a["alias_key"]: a["indicator_code"] for a in indicator_aliases},
        )
        for a in unit_aliases:
            ref.unit_aliases.setdefault(a["alias_key"], []).append((a["unit_code"], a["valid_from"], a["valid_to"]))
            kind = strip_unit_prefix(a["alias"])[1]
            if kind is not None and a["unit_code"] in ref.units and kind != ref.units[a["unit_code"]].kind:
                ref.former_kinds.setdefault(a["alias_key"], []).append(
                    (a["unit_code"], a["valid_from"], a["valid_to"], kind)
                )
        return ref

    def add_confirmed(self, rows: list[tuple[str, str, str]]) -> None:
        """Aliases analysts confirmed, (kind, alias_key, code) oldest first: the latest wins."""
        latest = {(kind, key): code for kind, key, code in rows}
        for (kind, key), code in latest.items():
            if kind == "indicator" and code in self.indicators:
                self.indicator_aliases[key] = code
            elif kind == "unit" and code in self.units:
                self.confirmed_units[key] = code

    def find_unit(self, text: str, year: int | None = None) -> str | None:
        """The unit code for a code, an official name or an alias (any spelling)."""
        cleaned = clean_text(text)
        if cleaned in self.units:
            return cleaned
        if fold_key(cleaned) in self.confirmed_units:
            return self.confirmed_units[fold_key(cleaned)]
        key = unit_key(cleaned)
        matches = {code for code, v_from, v_to in self.unit_aliases.get(key, []) if _in_years(year, v_from, v_to)}
        _, kind = strip_unit_prefix(cleaned)
        if kind is not None:
            # A written prefix must agree: "Huyện Kỳ Anh" is not "Thị xã Kỳ Anh", and
            # "Tỉnh Hòa Phong" is no district. Without a prefix, a shared base name is ambiguous.
            # A former status counts while its alias was in use ("Thị xã X" before X became a city).
            matches = {code for code in matches if self.units[code].kind == kind} | {
                code
                for code, v_from, v_to, former in self.former_kinds.get(key, [])
                if former == kind and _in_years(year, v_from, v_to)
            }
        return matches.pop() if len(matches) == 1 else None


def _in_years(year: int | None, v_from: int | None, v_to: int | None) -> bool:
    return year is None or ((v_from is None or v_from <= year) and (v_to is None or v_to >= year))


def _confirmed_aliases(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'analyst_aliases'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    rows = con.execute("SELECT kind, alias_key, code FROM analyst_aliases ORDER BY alias_id").fetchall()
    return [(str(k), str(a), str(c)) for k, a, c in rows]


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: clean_text(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


def parse_indicators(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Indicator rows ready for the store, and their aliases; raises on any violation."""
    rows = read_csv_rows(path)
    problems: list[str] = []
    codes = {r["code"] for r in rows}
    out: list[dict[str, Any]] = []
    aliases: list[dict[str, str]] = []
    seen_aliases: dict[str, str] = {}
    for line, r in enumerate(rows, start=2):
        problems += _check_indicator_row(r, codes, f"{path.name}:{line}")
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
    if r["input"] == "derived" and r["kind"] not in {"rate", "ratio"}:
        problems.append(f"{where}: chỉ tiêu tính toán {r['code']} phải là rate hoặc ratio")
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
            if (key, start, end) in seen:
                continue  # first spelling wins
            seen.add((key, start, end))
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
    """Target rows; rows naming a unit absent from the registry are skipped with a note."""
    rows, notes, problems = [], [], []
    for line, r in enumerate(read_csv_rows(path), start=2):
        where = f"{path.name}:{line}"
        if r["indicator_code"] not in indicator_codes:
            problems.append(f"{where}: chỉ tiêu '{r['indicator_code']}' không có trong danh mục")
        if r["comparator"] not in COMPARATORS or _num(r["value"]) is None:
            problems.append(f"{where}: so sánh/giá trị không hợp lệ")
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
            }
        )
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows, notes


def _alias_years(text: str) -> tuple[str, int | None, int | None]:
    """("Thị xã Bình Giang", None, 2015) from "Thị xã Bình Giang[-2015]"."""
    match = _ALIAS_YEARS.match(text)
    if match is None:
        return text.strip(), None, None
    return match["name"].strip(), _int(match["start"] or ""), _int(match["end"] or "")


def _num(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def _int(text: str) -> int | None:
    return int(float(text)) if text not in ("", None) else None
