"""What the report pack holds: numbered figures and tables per indicator group, and the findings.

Built from the store with the dashboard's own page models (page_models.trend for a
chart and its district × year table, page_models.assessment for the findings), so
the pack shows what the dashboard shows. Charts are drawn for rates, ratios,
levels and amounts; counts get a table only (a district's count is a part of
the province total, so one chart of eleven lines says little).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from page_models.assessment import build_assessment
from page_models.common import Selection
from page_models.trend import build_trend, shown_rows, trend_table
from report.findings import Findings, draft_findings
from report.notes import analyst_notes
from store import fetch_df, open_reader
from vocab.display import year_label

FigureHook = Callable[["FigureItem", int], None]  # (figure, expected number of figures)

__all__ = ["FIGURE_KINDS", "Options", "OptionsError", "ReportContent", "build_content", "load_content", "source_line"]

FIGURE_KINDS = ("rate", "ratio", "level", "amount")


@dataclass(frozen=True)
class Options:
    """The reader's choice; None = everything (all groups, all districts, 2013 → latest)."""

    group_codes: tuple[str, ...] | None = None
    unit_codes: tuple[str, ...] | None = None
    first_year: int | None = None
    last_year: int | None = None


@dataclass
class FigureItem:
    number: int
    indicator_code: str
    caption: str
    source: str
    unit: str
    figure: go.Figure
    file_name: str


@dataclass
class TableItem:
    number: int
    indicator_code: str | None
    caption: str
    source: str
    unit: str
    frame: pd.DataFrame  # index: unit names; columns: period labels; numeric cells


@dataclass
class GroupSection:
    code: str
    name: str
    figures: list[FigureItem] = field(default_factory=list)
    tables: list[TableItem] = field(default_factory=list)


@dataclass
class ReportContent:
    province_name: str
    first_year: int
    last_year: int
    as_of: datetime | None
    illustrative: bool
    findings: Findings
    assessment: pd.DataFrame  # page_models.assessment table of the chosen groups
    summary: TableItem  # "Bảng 1": the assessment, one row per indicator
    groups: list[GroupSection]

    @property
    def figures(self) -> list[FigureItem]:
        return [f for g in self.groups for f in g.figures]

    @property
    def tables(self) -> list[TableItem]:
        return [self.summary, *(t for g in self.groups for t in g.tables)]


def source_line(sources: Sequence[str], as_of: datetime | None) -> str:
    """'Nguồn: Phòng GD&ĐT, Sở GD&ĐT, số liệu tổng hợp đến ngày 28/04/2023.'"""
    names = ", ".join(dict.fromkeys(s for s in sources if s)) or "Báo cáo của các huyện, thị xã, thành phố"
    date = f"ngày {as_of:%d/%m/%Y}" if as_of is not None else "thời điểm lập báo cáo"
    return f"Nguồn: {names}, số liệu tổng hợp đến {date}."


def _period_text(first: int, last: int, period_type: str) -> str:
    word = "năm học" if period_type == "school_year" else "năm"
    return f"{word} {year_label(first, period_type)} – {year_label(last, period_type)}"


def _summary(assessment: pd.DataFrame, number: int, source: str) -> TableItem:
    """The assessment with numbers as numbers (XLSX) — the DOCX shows ui.tables.assessment_rows."""
    frame = pd.DataFrame(
        {
            "Đơn vị tính": assessment["unit"].to_numpy(),
            "Năm đầu": assessment["base_year"].to_numpy(),
            "Giá trị năm đầu": assessment["base_value"].to_numpy(),
            "Năm cuối": assessment["latest_year"].to_numpy(),
            "Giá trị năm cuối": assessment["latest_value"].to_numpy(),
            "Thay đổi": assessment["abs_change"].to_numpy(),
        },
        index=pd.Index(assessment["name_vi"].to_numpy(), name="Chỉ tiêu"),
    )
    caption = f"Bảng {number}. Kết quả thực hiện các chỉ tiêu chủ yếu"
    return TableItem(number, None, caption, source, "", frame)


class OptionsError(ValueError):
    """Codes or years the store does not know (the message is in Vietnamese)."""


def check_options(options: Options, groups: list[str], districts: list[str], first: int, last: int) -> None:
    unknown = [c for c in options.group_codes or () if c not in groups]
    if unknown:
        raise OptionsError(f"Không có nhóm chỉ tiêu {', '.join(unknown)}. Các mã nhóm: {', '.join(groups)}.")
    unknown = [c for c in options.unit_codes or () if c not in districts]
    if unknown:
        raise OptionsError(f"Không có địa bàn mã {', '.join(unknown)}. Các mã địa bàn: {', '.join(districts)}.")
    if first > last:
        raise OptionsError(f"Năm đầu ({first}) sau năm cuối ({last}).")


def build_content(
    values: pd.DataFrame,
    assessment_values: pd.DataFrame,
    catalogue: pd.DataFrame,
    units: pd.DataFrame,
    targets: pd.DataFrame,
    summary: pd.Series,
    options: Options,
    notes: dict[str, list[tuple[str, str]]] | None = None,
    on_figure: FigureHook | None = None,
) -> ReportContent:
    """Figures, tables and findings for the chosen groups, districts and years.

    Nothing is rendered here; `on_figure` is called with each figure as soon as
    it is built (the pack starts rendering it while the next one is built).
    """
    province = str(summary["province_code"])
    first = options.first_year or int(summary["first_year"])
    last = options.last_year or int(summary["last_year"])
    as_of = None if pd.isna(summary["last_loaded_at"]) else pd.Timestamp(summary["last_loaded_at"]).to_pydatetime()
    districts = units[units["parent_code"].notna()]
    chosen = tuple(options.unit_codes or [str(c) for c in districts["code"]])
    chosen_names = set(districts[districts["code"].astype(str).isin(chosen)]["name"].astype(str))
    groups = catalogue.drop_duplicates("group_code")
    wanted = [g for g in groups["group_code"] if options.group_codes is None or g in options.group_codes]
    check_options(options, list(groups["group_code"]), [str(c) for c in districts["code"]], first, last)
    view = build_assessment(assessment_values, catalogue, targets, province, first, last)
    assessment = view.table[view.table["group_code"].isin(wanted)].reset_index(drop=True)
    sources = catalogue.set_index("code")["source_dept"].fillna("").astype(str).to_dict()
    all_source = source_line(sorted(set(sources[c] for c in assessment["indicator_code"])), as_of)
    table_no, figure_no, sections = 2, 1, []
    in_groups = catalogue[catalogue["group_code"].isin(wanted)]
    expected = int(in_groups["kind"].isin(FIGURE_KINDS).sum())
    for _, group in groups[groups["group_code"].isin(wanted)].iterrows():
        section = GroupSection(str(group["group_code"]), str(group["group_name"]))
        for _, meta in catalogue[catalogue["group_code"] == group["group_code"]].iterrows():
            code = str(meta["code"])
            rows = values[values["indicator_code"] == code]
            if rows["value"].notna().sum() == 0:
                continue
            sel = Selection(code, chosen, first, last, province)
            unit, period = str(meta["unit"]), str(meta["period_type"])
            title = f"{meta['name_vi']} ({unit}), {_period_text(first, last, period)}"
            source = source_line([sources[code]], as_of)
            if meta["kind"] in FIGURE_KINDS:
                trend = build_trend(rows, catalogue, targets, units, sel)
                caption = f"Biểu đồ {figure_no}. {title}"
                file_name = f"bieu_do_{figure_no:02d}_{code}.png"
                item = FigureItem(figure_no, code, caption, source, unit, trend.figure, file_name)
                section.figures.append(item)
                if on_figure is not None:
                    on_figure(item, expected)
                figure_no += 1
                frame = trend.table.copy()
            else:
                frame = trend_table(shown_rows(rows, units, sel)[0], period)
            frame.index.name = "Địa bàn"
            section.tables.append(TableItem(table_no, code, f"Bảng {table_no}. {title}", source, unit, frame))
            table_no += 1
        if section.figures or section.tables:
            sections.append(section)
    return ReportContent(
        province_name=str(summary["province_name"]),
        first_year=first,
        last_year=last,
        as_of=as_of,
        illustrative=bool(summary["illustrative"]),
        findings=draft_findings(assessment, notes, chosen_names if options.unit_codes else None),
        assessment=assessment,
        summary=_summary(assessment, 1, all_source),
        groups=sections,
    )


def load_content(db_path: Path, options: Options, on_figure: FigureHook | None = None) -> ReportContent:
    """Read the store (one read-only snapshot) and build the content."""
    con = open_reader(db_path)
    try:
        return _from_connection(con, options, on_figure)
    finally:
        con.close()


def _from_connection(con: duckdb.DuckDBPyConnection, options: Options, on_figure: FigureHook | None) -> ReportContent:
    summary = fetch_df(con, "store_summary").iloc[0]
    catalogue = fetch_df(con, "catalogue")
    first = options.first_year or int(summary["first_year"])
    last = options.last_year or int(summary["last_year"])
    codes = [
        str(c)
        for c, g in zip(catalogue["code"], catalogue["group_code"], strict=True)
        if options.group_codes is None or g in options.group_codes
    ]
    values = fetch_df(con, "values_for_indicators", {"indicator_codes": codes, "first_year": first, "last_year": last})
    params = {"province_code": str(summary["province_code"]), "first_year": first, "last_year": last}
    return build_content(
        values,
        fetch_df(con, "assessment_values", params),
        catalogue,
        fetch_df(con, "units"),
        fetch_df(con, "targets"),
        summary,
        options,
        analyst_notes(con),
        on_figure,
    )
