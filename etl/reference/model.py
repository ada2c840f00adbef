"""Reference data as the store holds it: the indicator catalogue, the unit registry, aliases.

They live in editable CSV files under data/reference/ and are copied into the
store by `python -m etl init`. Validation of the store reads them back from the
store (``Reference.from_store``), so the store is the single source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vocab.text import clean_text, fold_key, strip_unit_prefix, unit_key

if TYPE_CHECKING:  # the reading worker imports this module without the database driver
    import duckdb

INDICATOR_KINDS = {"count", "rate", "ratio", "amount", "level", "status"}
LEVELS = {"mn", "th", "thcs", "thpt", "gdnn", "ld", "ns"}
DIRECTIONS = {"up", "down", "neutral"}
PERIOD_TYPES = {"school_year", "calendar_year"}
# When a value is counted: 30/9 stock figures, 31/5 end-of-school-year outcomes, calendar years.
# When a year's figure is measured: school-year stocks at 30/9, end-of-year outcomes at 31/5, calendar
# years at 31/12, and budget final accounts ("settled", quyết toán) approved by the end of the next year.
REFERENCE_DATES = {
    "30/9": "school_year",
    "31/5": "school_year",
    "calendar": "calendar_year",
    "settled": "calendar_year",
}
INPUTS = {"reported", "derived"}
AGGREGATIONS = {"sum", "ratio", "min"}
UNIT_KINDS = {"province", "city", "town", "district", "urban_district"}
# ">" and "<" for a strict text ("trên 65%"); "range" for "35–40%" (value .. value_max).
COMPARATORS = {">=", "<=", ">", "<", "range"}
VERIFICATIONS = {"text", "secondary", "unverified", "illustrative"}
TARGET_SCOPES = {"national", "province", "norm"}


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
    reference_date: str | None = None  # a key of REFERENCE_DATES


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
    # Names written with a prefix, as the registry writes them (official names and aliases):
    # (prefix kind, base key) -> (code, valid_from, valid_to). "Huyện Hoài Nhơn" finds the unit
    # that is now "Thị xã Hoài Nhơn" in every year its alias covers.
    prefixed: dict[tuple[str, str], list[tuple[str, int | None, int | None]]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, con: duckdb.DuckDBPyConnection) -> Reference:
        present = {
            str(r[0])
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'indicators'"
            ).fetchall()
        }
        # A store not yet migrated to 0009 has no reference dates: read them as unknown.
        ind_cols = [f if f in present else f"NULL AS {f}" for f in Indicator.__dataclass_fields__]
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
        alias_rows = con.execute(
            "SELECT unit_code, alias_key, valid_from, valid_to, alias FROM unit_aliases"
        ).fetchall()
        for code, key, v_from, v_to, alias in alias_rows:
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
        ref.add_prefixed((alias, code, v_from, v_to) for code, _key, v_from, v_to, alias in alias_rows)
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
        ref.add_prefixed((a["alias"], a["unit_code"], a["valid_from"], a["valid_to"]) for a in unit_aliases)
        return ref

    def add_prefixed(self, aliases: Iterable[tuple[str, str, int | None, int | None]]) -> None:
        """(alias as written, code, valid_from, valid_to): the names that carry a prefix."""
        for alias, code, v_from, v_to in aliases:
            base, kind = strip_unit_prefix(alias)
            if kind is not None and code in self.units:
                self.prefixed.setdefault((kind, unit_key(base)), []).append((code, v_from, v_to))

    def add_confirmed(self, rows: list[tuple[str, str, str]]) -> None:
        """Aliases analysts confirmed, (kind, alias_key, code) oldest first: the latest wins."""
        latest = {(kind, key): code for kind, key, code in rows}
        for (kind, key), code in latest.items():
            if kind == "indicator" and code in self.indicators:
                self.indicator_aliases[key] = code
            elif kind == "unit" and code in self.units:
                self.confirmed_units[key] = code

    def find_unit(self, text: str, year: int | None = None) -> str | None:
        """The unit code for a code, an official name or an alias (any spelling); None when
        nothing or more than one unit matches."""
        found = self.unit_candidates(text, year)
        return found[0] if len(found) == 1 else None

    def unit_candidates(self, text: str, year: int | None = None) -> tuple[str, ...]:
        """Every unit a code, name or alias may mean, in registry order.

        A name written with a prefix first matches the names the registry writes with that
        prefix ("Huyện Hoài Nhơn" as an alias of Thị xã Hoài Nhơn); an official name wins over
        an alias of another unit, so Huyện Kỳ Anh and Thị xã Kỳ Anh are never merged. Otherwise
        the written prefix must agree with the unit's kind or with the prefix of its official
        name ("Thành phố Hải Phòng" is a province). Without a prefix, a base name shared by two
        units ("Hà Tĩnh": the province and its city) gives both.
        """
        cleaned = clean_text(text)
        if cleaned in self.units:
            return (cleaned,)
        if fold_key(cleaned) in self.confirmed_units:
            return (self.confirmed_units[fold_key(cleaned)],)
        base, kind = strip_unit_prefix(cleaned)
        key = unit_key(cleaned)
        if kind is not None:
            written = {c for c, f, t in self.prefixed.get((kind, unit_key(base)), []) if _in_years(year, f, t)}
            official = {c for c in written if strip_unit_prefix(self.units[c].name)[1] == kind}
            if official or written:
                return self._ordered(official or written)
        matches = {code for code, v_from, v_to in self.unit_aliases.get(key, []) if _in_years(year, v_from, v_to)}
        if kind is not None:
            matches = {
                code for code in matches if kind in (self.units[code].kind, strip_unit_prefix(self.units[code].name)[1])
            } | {
                code
                for code, v_from, v_to, former in self.former_kinds.get(key, [])
                if former == kind and _in_years(year, v_from, v_to)
            }
        return self._ordered(matches)

    def _ordered(self, codes: set[str]) -> tuple[str, ...]:
        return tuple(c for c in self.units if c in codes)


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
