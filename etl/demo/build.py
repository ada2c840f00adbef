"""Writing one filled template per unit of the demo province and loading them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.demo.model import DistrictModel, Profile, apply_planted, province_totals, province_values
from etl.load.pipeline import FileReport, FileToLoad, load_files
from etl.reference.files import REFERENCE_DIR, read_csv_rows
from etl.reference.init_store import init_store
from etl.reference.model import Reference
from etl.reference.senders import parse_rounds
from etl.reference.template_source import TemplateSource
from store import write_session
from store.review import save_version
from vocab.periods import known_on

DEMO_DATA = Path(__file__).resolve().parent
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "demo"
DEMO_PROVINCE = "99"
DEMO_ACTOR = "demo"
DEMO_ROUND = "tong_ket_10_nam"
NOTICE = "DỮ LIỆU MINH HỌA: tỉnh Sơn Hà và mọi số liệu trong tệp này là giả định, không dùng cho báo cáo thật."


def read_profiles() -> list[Profile]:
    return [
        Profile(
            r["code"],
            r["terrain"],
            float(r["population_2013"]),
            float(r["population_growth"]),
            float(r["development"]),
            float(r["progress"]),
        )
        for r in read_csv_rows(DEMO_DATA / "profiles.csv")
    ]


def demo_values() -> dict[str, dict[tuple[str, int], float]]:
    """Every demo unit's values keyed by unit code, planted errors included."""
    planted = read_csv_rows(DEMO_DATA / "planted_errors.csv")
    values = {p.code: apply_planted(DistrictModel(p).build(), planted, p.code) for p in read_profiles()}
    values[DEMO_PROVINCE] = province_values(read_csv_rows(DEMO_DATA / "province.csv"))
    return values


def apply_mergers(
    values: dict[str, dict[tuple[str, int], float]], ref: Reference, changes: list[dict[str, str]]
) -> dict[str, dict[tuple[str, int], float]]:
    """From the year of a merger the receiving unit reports the merged territory:
    counts summed, rates from the summed parts, levels the lowest; the unit merged
    away reports nothing after it."""
    out = {code: dict(v) for code, v in values.items()}
    for change in (c for c in changes if c["change"] == "merged"):
        year, source, target = int(change["year"]), change["from_code"], change["to_code"]
        after = [{k: v for k, v in out[c].items() if k[1] >= year} for c in (source, target)]
        out[source] = {k: v for k, v in out[source].items() if k[1] < year}
        out[target] = {**{k: v for k, v in out[target].items() if k[1] < year}, **combine_units(after, ref)}
    return out


def combine_units(parts: list[dict[tuple[str, int], float]], ref: Reference) -> dict[tuple[str, int], float]:
    combined: dict[tuple[str, int], float] = {}
    for key in sorted({k for p in parts for k in p}):
        code, year = key
        ind = ref.indicators[code]
        found = [p[key] for p in parts if key in p]
        if ind.aggregation == "min":
            combined[key] = min(found)
        elif ind.aggregation == "ratio" and ind.numerator and ind.denominator:
            num = sum(p.get((ind.numerator, year), 0.0) for p in parts)
            den = sum(p.get((ind.denominator, year), 0.0) for p in parts)
            combined[key] = round(num / den * (ind.scale or 100), 1) if den else 0.0
        else:
            combined[key] = sum(found)
    return combined


def known_by(values: dict[tuple[str, int], float], ref: Reference, day: date) -> dict[tuple[str, int], float]:
    """The values a province could have had on ``day``: no outcome of a school year not yet ended,
    no final accounts of a budget year not yet settled (vocab.periods.known_on)."""
    out = {}
    for (code, year), value in values.items():
        ind = ref.indicators[code]
        if (
            known_on(
                year,
                ind.period_type,
                ind.reference_date or ("30/9" if ind.period_type == "school_year" else "calendar"),
            )
            <= day
        ):
            out[(code, year)] = value
    return out


def round_date() -> date:
    """The demo round's deadline (data/reference/rounds.csv): the date the demo province stands at."""
    rounds = {r["code"]: r for r in parse_rounds(REFERENCE_DIR / "rounds.csv")}
    return rounds[DEMO_ROUND]["deadline"]


@dataclass(frozen=True)
class Submission:
    """One demo file: who sent it, when it was received, which unit's values it holds."""

    sender: str
    received_on: date
    unit_code: str
    indicators: tuple[str, ...]  # empty: every value of the unit


def read_submissions() -> list[Submission]:
    """Districts send their own file; departments send the province's figures in their field.

    The receipt dates tell the tracker's story (docs/demo.md). A file may hold another unit's
    values (``unit``): Sơn Cao sends the merged Ngọc Lâm's 2012–2019 figures.
    """
    out = []
    for r in read_csv_rows(DEMO_DATA / "submissions.csv"):
        indicators = tuple(filter(None, r["indicators"].split(";")))
        unit = r.get("unit") or (DEMO_PROVINCE if indicators else r["sender"])
        out.append(Submission(r["sender"], date.fromisoformat(r["received_on"]), unit, indicators))
    return out


def write_demo_files(db_path: Path, out_dir: Path) -> list[tuple[Path, Submission]]:
    source = TemplateSource.from_store(db_path, for_round=True)
    ref = source.reference
    merged = apply_mergers(demo_values(), ref, read_csv_rows(REFERENCE_DIR / "units_changes.csv"))
    day = round_date()
    all_values = {code: known_by(values, ref, day) for code, values in merged.items()}
    missing = [code for code in all_values if code not in ref.units]
    if missing:
        raise ValueError(f"Demo units missing from the unit registry: {missing}")
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for sub in read_submissions():
        values = all_values[sub.unit_code]
        if sub.indicators:
            codes = _expand(sub.indicators, ref)
            districts = [all_values[c] for c in all_values if c != DEMO_PROVINCE]
            totals = province_totals(districts, ref, [c for c in codes if not any(k[0] == c for k in values)])
            values = {key: v for key, v in {**values, **totals}.items() if key[0] in codes}
        wb = source.build(sub.unit_code, values, notice=NOTICE)
        name = ref.units[sub.unit_code].name if not sub.indicators else sub.sender
        path = out_dir / f"minh_hoa_{sub.unit_code}_{_slug(name)}.xlsx"
        wb.save(path)
        files.append((path, sub))
    return files


def _expand(selectors: tuple[str, ...], ref: Reference) -> list[str]:
    """Indicator codes, ``source:<dept>`` for every reported indicator of a department,
    ``-code`` to leave one out (a department that forgot a figure)."""
    codes: list[str] = []
    for item in selectors:
        if item.startswith("-"):
            codes = [c for c in codes if c != item[1:]]
        elif item.startswith("source:"):
            dept = item.removeprefix("source:")
            codes += [c for c, i in ref.indicators.items() if i.source_dept == dept and i.input == "reported"]
        else:
            codes.append(item)
    return codes


def build_demo(db_path: Path, out_dir: Path | None = None) -> list[FileReport]:
    """Initialise the store with the demo registry, write the files, load them, add the notes and nominations."""
    init_store(db_path)
    files = [
        FileToLoad(path.read_bytes(), path.name, sender_code=sub.sender, received_on=sub.received_on)
        for path, sub in write_demo_files(db_path, out_dir or DEFAULT_OUT)
    ]
    reports = load_files(files, db_path, actor=DEMO_ACTOR, note="Dữ liệu minh họa (tỉnh giả định Sơn Hà)")
    add_demo_review(db_path)
    from etl.demo.surveys import build_demo_surveys  # the opinion surveys (docs/surveys.md)

    build_demo_surveys(db_path, out_dir or DEFAULT_OUT, DEMO_ACTOR)
    return reports


def add_demo_review(db_path: Path) -> None:
    """Illustrative notes on causes and nominations (fictional names marked "minh họa")."""
    with write_session(db_path) as con:
        for r in read_csv_rows(DEMO_DATA / "notes.csv"):
            fields: dict[str, object] = {
                "indicator_code": r["indicator_code"],
                "unit_code": r["unit_code"] or None,
                "first_year": int(r["first_year"]) if r["first_year"] else None,
                "last_year": int(r["last_year"]) if r["last_year"] else None,
                "kind": r["kind"],
                "text": r["text"],
                "status": "active",
            }
            save_version(con, "notes", fields, DEMO_ACTOR)
        departments = {row[0] for row in con.execute("SELECT code FROM senders WHERE kind = 'department'").fetchall()}
        for r in read_csv_rows(DEMO_DATA / "nominations.csv"):
            fields = {
                "round_code": DEMO_ROUND,
                "level": "province" if r["nominator"] in departments else "district",
                "nominator_code": r["nominator"],
                "kind": r["kind"],
                "name": r["name"],
                "position": r["position"] or None,
                "field": r["field"],
                "achievement": r["achievement"],
                "indicators": None,
                "status": r["status"],
                "received_on": date.fromisoformat(r["received_on"]),
                "file_name": None,
            }
            save_version(con, "nominations", fields, DEMO_ACTOR)


def _slug(name: str) -> str:
    from vocab.text import fold_key

    return fold_key(name)
