"""What each leader page computes on a first visit, as plain calls (bench.pages times them).

Each entry mirrors its page in pages/: the named queries it issues through ui.data and the
page-model builders it calls, with the values as leaders read them (analysis.budget.present,
as ui.inputs does). Streamlit itself is not involved. A first visit: every distinct query (name
and parameters) is run once per page call, as ui.data's cache does within one run of a page,
and nothing is kept from one call to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analysis.boundaries import harmonise
from analysis.budget import base_codes, present, presented_catalogue
from analysis.review import event_markers, events_for, notes_for
from page_models.assessment import build_assessment
from page_models.catalogue import build_catalogue, targets_table
from page_models.common import Selection
from page_models.compare import build_compare
from page_models.map import build_map
from page_models.opinions import build_opinions, opinions_for_indicator
from page_models.quality import build_quality
from page_models.recipes import recipe_table
from page_models.review import build_register, commendation_quotas, notes_table
from page_models.submissions import build_tracker, rounds_from
from page_models.trend import build_trend
from page_models.unit_findings import unit_findings
from store import fetch_df

INDICATOR = "th_tl_cqg"
GROUP = "dieu_kien"


class Pages:
    """The page calls on one store (`con` open on `db`), for the province `province`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, db: Path, province: str) -> None:
        self.con, self.db = con, db
        self.fetched: dict[tuple[str, str], pd.DataFrame] = {}
        rounds = rounds_from(fetch_df(con, "rounds"))
        self.round = rounds[0] if rounds else None
        first, last = (self.round.first_year, self.round.last_year) if self.round else (2013, 2023)
        self.sel = Selection(INDICATOR, (), first, last, province, GROUP, self.round)

    def q(self, name: str, **params: Any) -> pd.DataFrame:
        key = (name, repr(sorted(params.items())))
        if key not in self.fetched:
            self.fetched[key] = fetch_df(self.con, name, params or None)
        return self.fetched[key]

    def first_visit(self, page: Callable[[], Any]) -> Callable[[], Any]:
        """The page with an empty query cache at each call."""

        def run() -> Any:
            self.fetched = {}
            return page()

        return run

    def years(self) -> dict[str, int]:
        return {"first_year": self.sel.first_year, "last_year": self.sel.last_year}

    def reference(self) -> dict[str, Any]:
        return {
            "catalogue": presented_catalogue(self.q("catalogue")),
            "units": self.q("units"),
            "targets": self.q("targets"),
        }

    def values(self, codes: list[str]) -> pd.DataFrame:
        catalogue = self.q("catalogue")
        stored = base_codes(codes, catalogue)
        rows = self.q("values_for_indicators", indicator_codes=stored, **self.years())
        shown = present(rows, catalogue, self.q("price_index"))
        return shown[shown["indicator_code"].isin([*codes, *stored])].reset_index(drop=True)

    def assessment_values(self) -> pd.DataFrame:
        rows = self.q("assessment_values", province_code=self.sel.province_code, **self.years())
        return present(rows, self.q("catalogue"), self.q("price_index"))

    def assessment(self, group_code: str | None = None) -> Any:
        ref, f = self.reference(), self.sel
        return build_assessment(
            self.assessment_values(), ref["catalogue"], ref["targets"], f.province_code, f.first_year,
            f.last_year, group_code=group_code, as_of=f.as_of, deadline_rule=f.deadline_rule,
        )  # fmt: skip

    def findings(self) -> Any:
        ref, f = self.reference(), self.sel
        return unit_findings(
            self.assessment_values(), ref["catalogue"], ref["targets"], self.q("resolution_tasks"),
            self.q("current_notes"), ref["units"], f.province_code, f.province_code, f.first_year, f.last_year,
            as_of=f.as_of, deadline_rule=f.deadline_rule,
        ).findings  # fmt: skip

    def notes(self, codes: list[str]) -> pd.DataFrame:
        return notes_table(notes_for(self.q("current_notes"), codes, None, self.sel.years))

    def shown_values(self) -> pd.DataFrame:
        """ui.boundaries: as reported (the default choice)."""
        self.q("unit_changes")
        return self.values([INDICATOR])

    def overview(self) -> Any:
        self.q("store_summary")
        return self.assessment(), self.findings()

    def trend(self) -> Any:
        f = self.sel
        events = event_markers(events_for(self.q("current_policy_events"), INDICATOR, GROUP, f.years, f.as_of))
        view = build_trend(self.shown_values(), **self.reference(), sel=f, events=events)
        related = opinions_for_indicator(self.q("survey_answers", survey_code=None), INDICATOR)
        return view, related, self.notes([INDICATOR])

    def compare(self) -> Any:
        ref = self.reference()
        return build_compare(self.shown_values(), ref["catalogue"], ref["units"], self.sel, self.sel.last_year)

    def map(self) -> Any:
        ref, f = self.reference(), self.sel
        changes = self.q("unit_changes")
        meta = ref["catalogue"].set_index("code").loc[INDICATOR]
        codes = [INDICATOR, *[c for c in (meta["numerator"], meta["denominator"]) if isinstance(c, str)]]
        values = (
            harmonise(self.values(codes), ref["catalogue"], ref["units"], changes, INDICATOR, f.province_code).values
            if not changes.empty
            else self.values([INDICATOR])
        )
        return build_map(values, ref["catalogue"], ref["units"], f, f.last_year, with_first_year=True)

    def review(self) -> Any:
        view = self.assessment(GROUP)
        return view, self.findings(), self.notes(list(view.table["indicator_code"]))

    def quality(self) -> Any:
        f = self.sel
        return build_quality(
            self.q("coverage", **self.years()), self.q("units"), self.q("catalogue"), self.q("flagged_values"),
            self.q("province_vs_districts"), f.years, f.round,
        )  # fmt: skip

    def catalogue(self) -> Any:
        catalogue = presented_catalogue(self.q("catalogue"))
        targets = self.q("targets")
        return build_catalogue(catalogue, targets, "ty le chuan"), targets_table(targets, catalogue)

    def opinions(self) -> Any:
        answers, units = self.q("survey_answers", survey_code=None), self.q("units")
        first = build_opinions(answers, units, None, None)
        if not first.rounds:
            return first
        view = build_opinions(answers, units, first.rounds[-1], None, "district")
        return build_opinions(answers, units, first.rounds[-1], view.questions[0].code, "district")

    def causes(self) -> Any:
        return notes_table(self.q("current_notes")), self.q("current_policy_events")

    def commendations(self) -> Any:
        if self.round is None:
            return None
        units, round_ = self.q("units"), self.round
        districts = {str(r["code"]): str(r["name"]) for r in units[units["parent_code"].notna()].to_dict("records")}
        nominations = self.q("current_nominations")
        nominations = nominations[nominations["round_code"] == round_.code]
        return build_register(nominations, commendation_quotas(), districts, round_)

    def tracker(self) -> Any:
        if self.round is None:
            return None
        r = self.round
        return build_tracker(
            r, self.q("submission_senders"), self.q("submission_expected"),
            self.q("submission_received", first_year=r.first_year, last_year=r.last_year),
            self.q("submission_files"), self.q("catalogue"), date(2023, 5, 1),
        )  # fmt: skip

    def answers(self) -> Any:
        return self.q("submission_senders"), recipe_table(self.db)


def page_functions(con: duckdb.DuckDBPyConnection, db: Path, province: str) -> dict[str, Callable[[], Any]]:
    pages = Pages(con, db, province)
    calls = {
        "Tổng quan": pages.overview,
        "Xu hướng": pages.trend,
        "So sánh địa bàn": pages.compare,
        "Bản đồ": pages.map,
        "Đánh giá kết quả – hạn chế": pages.review,
        "Chất lượng dữ liệu": pages.quality,
        "Danh mục chỉ tiêu": pages.catalogue,
        "Ý kiến": pages.opinions,
        "Nguyên nhân và sự kiện": pages.causes,
        "Khen thưởng": pages.commendations,
        "Theo dõi nộp báo cáo (chuyên viên)": pages.tracker,
        "Câu trả lời đã lưu (chuyên viên)": pages.answers,
    }
    return {name: pages.first_visit(call) for name, call in calls.items()}
