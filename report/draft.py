"""The review report's draft: the outline (report.outline) filled from the data, for one issuing body.

Three variants from the same data (docs/export.md, "The review report"): the province's
report (Ban Cán sự Đảng UBND tỉnh), a district's (its Party committee's Standing Committee:
the district's figures beside the province's) and the Đảng đoàn HĐND tỉnh's (resources and
the province's policies). The findings are page_models.unit_findings', the same the pages show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analysis.budget import present, presented_catalogue
from analysis.rounds import Round
from page_models.findings import FindingSet
from page_models.sentences import Sentence
from page_models.submissions import rounds_from
from page_models.unit_findings import UnitFindings, unit_findings
from report.content import Options, OptionsError, check_options, data_date, pick_round, source_line
from report.letterhead import DEFAULT_ISSUER, DocumentFormat, Issuer, issuer_for, read_format
from report.outline import OUTLINE_PATH, VARIANTS, OutlineRow, read_outline
from store import fetch_df, open_reader

__all__ = ["Draft", "appendix_options", "draft_from", "load_draft"]


@dataclass
class Draft:
    variant: str
    outline: list[OutlineRow]
    unit: UnitFindings
    facts: dict[str, list[Sentence]]  # outline row id -> the statements of its indicators
    issuer: Issuer
    format: DocumentFormat
    province_name: str
    unit_name: str  # the reporting unit: the province, or the district
    unit_code: str
    round: Round | None
    first_year: int
    last_year: int
    data_date: datetime | None
    illustrative: bool
    data_line: str  # "Nguồn: …, số liệu tổng hợp đến ngày …"
    caveats: list[str]  # analysts' notes on the data ("Lưu ý về số liệu")
    survey_answers: pd.DataFrame  # the opinion surveys' answers of the reporting unit (report.opinions)
    survey_quotes: pd.DataFrame
    units: pd.DataFrame

    @property
    def findings(self) -> FindingSet:
        return self.unit.findings

    @property
    def file_name(self) -> str:
        if self.variant == "district":
            return f"du_thao_bao_cao_huyen_{self.unit_code}.docx"
        return {"province": "du_thao_bao_cao_tinh.docx", "hdnd": "du_thao_bao_cao_hdnd.docx"}[self.variant]


def appendix_options(options: Options) -> Options:
    """A district's report comes with the district's and the province's tables only."""
    if options.variant == "district" and options.unit_code:
        return replace(options, unit_codes=(options.unit_code,))
    return options


def _check_variant(options: Options, districts: list[str]) -> None:
    if options.variant not in VARIANTS:
        raise OptionsError(f"Không có loại báo cáo {options.variant}. Các loại: {', '.join(VARIANTS)}.")
    if options.variant == "district" and options.unit_code not in districts:
        raise OptionsError(
            f"Báo cáo của huyện cần mã một huyện, thị xã, thành phố (--unit). Các mã: {', '.join(districts)}."
        )


def load_draft(db_path: Path, options: Options) -> Draft:
    """Read the store (one read-only snapshot) and fill the outline for the chosen variant."""
    con = open_reader(db_path)
    try:
        return draft_from(con, options)
    finally:
        con.close()


def draft_from(con: duckdb.DuckDBPyConnection, options: Options) -> Draft:
    summary = fetch_df(con, "store_summary").iloc[0]
    units = fetch_df(con, "units")
    districts = [str(c) for c in units[units["parent_code"].notna()]["code"]]
    _check_variant(options, districts)
    stored = fetch_df(con, "catalogue")
    catalogue = presented_catalogue(stored)
    round_ = pick_round(rounds_from(fetch_df(con, "rounds")), options.round_code)
    first = options.first_year or (round_.first_year if round_ else int(summary["first_year"]))
    last = options.last_year or (round_.last_year if round_ else int(summary["last_year"]))
    window = round_.shown_years if round_ else None
    groups = list(catalogue.drop_duplicates("group_code")["group_code"])
    check_options(appendix_options(options), groups, districts, first, last, window)
    province = str(summary["province_code"])
    unit = options.unit_code if options.variant == "district" and options.unit_code else province
    prices = fetch_df(con, "price_index")

    def values(code: str) -> pd.DataFrame:
        params = {"province_code": code, "first_year": first, "last_year": last}
        return present(fetch_df(con, "assessment_values", params), stored, prices)

    tasks = fetch_df(con, "resolution_tasks")
    notes = fetch_df(con, "current_notes")
    found = unit_findings(
        values(unit),
        catalogue,
        fetch_df(con, "targets"),
        tasks,
        notes,
        units,
        unit,
        province,
        first,
        last,
        as_of=round_.known_on if round_ else None,
        deadline_rule=round_.school_year_deadline if round_ else "ending",
        province_values=values(province) if unit != province else None,
    )
    outline = read_outline(options.outline or OUTLINE_PATH, options.variant, range(1, len(tasks) + 1))
    facts = {r.id: [s for _, s in found.facts(r.indicators)] for r in outline if r.fill == "facts"}
    surveyed = any(r.fill == "survey" for r in outline)  # the surveys are read only for a draft that states them
    names = dict(zip(units["code"].astype(str), units["name"].astype(str), strict=True))
    kinds = dict(zip(units["code"].astype(str), units["kind"].astype(str), strict=True))
    try:
        issuer = issuer_for(
            options.issuer or DEFAULT_ISSUER[options.variant], str(summary["province_name"]), names[unit], kinds[unit]
        )
    except ValueError as exc:  # an unknown issuer code: its message lists the known ones
        raise OptionsError(str(exc)) from exc
    loaded = data_date(summary)
    return Draft(
        variant=options.variant,
        outline=outline,
        unit=found,
        facts=facts,
        issuer=issuer,
        format=read_format(issuer.kind),
        province_name=str(summary["province_name"]),
        unit_name=names[unit],
        unit_code=unit,
        round=round_,
        first_year=first,
        last_year=last,
        data_date=loaded,
        illustrative=bool(summary["illustrative"]),
        data_line=source_line(_departments(found, catalogue), loaded),
        caveats=[_caveat(r) for r in _records(notes) if _applies(r, unit, province, "data_caveat")],
        survey_answers=_unit_answers(fetch_df(con, "survey_answers", {"survey_code": None}), unit, province)
        if surveyed
        else pd.DataFrame(),
        survey_quotes=fetch_df(con, "survey_quotes", {"survey_code": None}) if surveyed else pd.DataFrame(),
        units=units,
    )


def _unit_answers(answers: pd.DataFrame, unit: str, province: str) -> pd.DataFrame:
    """A district's report states its own respondents' opinions; the province's, everyone's."""
    if unit == province:
        return answers
    return answers[answers["unit_code"].astype(str) == unit].reset_index(drop=True)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def _departments(found: UnitFindings, catalogue: pd.DataFrame) -> list[str]:
    """The departments whose figures the draft states, in catalogue order."""
    stated = {c for f in found.findings.every for c in f.indicator_codes}
    stated |= set(found.view.table["indicator_code"])
    depts = catalogue[catalogue["code"].isin(stated)]["source_dept"].dropna().astype(str)
    return list(dict.fromkeys(depts))


def _applies(note: dict[str, object], unit: str, province: str, kind: str) -> bool:
    own = note.get("unit_code")
    return note.get("kind") == kind and (unit == province or pd.isna(own) or str(own) == unit)  # type: ignore[call-overload]


def _caveat(note: dict[str, object]) -> str:
    where = f" ({note['unit_name']})" if isinstance(note.get("unit_name"), str) else ""
    return f"{note['indicator_name']}{where}: {str(note['text']).strip()}"
