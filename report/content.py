"""What the data appendix holds: numbered figures and tables per indicator group, and the summary.

Built from the store with the dashboard's own page models (page_models.trend for a
chart and its district × year table, page_models.assessment for the summary table), so
the pack shows what the dashboard shows. The findings are in the report's draft
(report.draft). Charts are drawn for rates, ratios,
levels, statuses and amounts; counts get a table only (a district's count is a part
of the province total, so one chart of eleven lines says little).

The pack belongs to a reporting round (the current one by default): its window of
years, its as-of date for targets and events. A province figure only some districts
reported reads "chưa đủ số liệu (n/m huyện)"; a value with an unaccepted quality
warning is kept out of the tables and charts ("đang xác minh (!)") until an analyst
accepts it on Chất lượng dữ liệu.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from analysis.budget import present, presented_catalogue
from analysis.rounds import Round
from page_models.assessment import build_assessment
from page_models.common import Selection, cell_states
from page_models.submissions import rounds_from
from page_models.tables import display_name
from page_models.trend import build_trend, shown_rows, trend_table
from store import fetch_df, open_reader
from vocab.display import year_label

FigureHook = Callable[["FigureItem", int], None]  # (figure, expected number of figures)

__all__ = [
    "FIGURE_KINDS",
    "Options",
    "OptionsError",
    "ReportContent",
    "build_content",
    "data_date",
    "load_content",
    "source_line",
]

FIGURE_KINDS = ("rate", "ratio", "level", "status", "amount")


@dataclass(frozen=True)
class Options:
    """The reader's choice; None = everything (all groups, all districts, the round's window, the current round).

    ``variant``: whose report the draft is (report.outline.VARIANTS): the province's (Ban Cán sự
    Đảng UBND tỉnh), a district's (``unit_code``: its Standing Committee; the appendix then holds
    that district and the province) or the Đảng đoàn HĐND tỉnh's; ``issuer`` another issuing
    body of report/config/issuers.csv; ``outline`` another outline file.
    """

    group_codes: tuple[str, ...] | None = None
    unit_codes: tuple[str, ...] | None = None
    first_year: int | None = None
    last_year: int | None = None
    round_code: str | None = None
    variant: str = "province"
    unit_code: str | None = None
    issuer: str | None = None
    outline: Path | None = None


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
    states: pd.DataFrame | None = None  # same shape: "", "partial:n/m", "flagged" (vocab.display.format_cell)


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
    assessment: pd.DataFrame  # page_models.assessment table of the chosen groups (of the district, in its report)
    summary: TableItem  # "Bảng 1": the assessment, one row per indicator
    groups: list[GroupSection]
    round: Round | None = None

    @property
    def figures(self) -> list[FigureItem]:
        return [f for g in self.groups for f in g.figures]

    @property
    def tables(self) -> list[TableItem]:
        return [self.summary, *(t for g in self.groups for t in g.tables)]


def data_date(summary: pd.Series) -> datetime | None:
    """The date the data in the store were gathered by: the latest file's receipt date (else its load)."""
    for key in ("last_received_on", "last_loaded_at"):
        value = summary.get(key)
        if value is not None and not pd.isna(value):
            return pd.Timestamp(value).to_pydatetime()
    return None


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
        index=pd.Index(_names(assessment), name="Chỉ tiêu"),
    )
    caption = f"Bảng {number}. Kết quả thực hiện các chỉ tiêu chủ yếu"
    return TableItem(number, None, caption, source, "", frame)


def _names(assessment: pd.DataFrame) -> list[str]:
    return [display_name({str(k): v for k, v in r.items()}) for r in assessment.to_dict("records")]


class OptionsError(ValueError):
    """Codes or years the store does not know (the message is in Vietnamese)."""


def check_options(
    options: Options, groups: list[str], districts: list[str], first: int, last: int, window: range | None = None
) -> None:
    unknown = [c for c in options.group_codes or () if c not in groups]
    if unknown:
        raise OptionsError(f"Không có nhóm chỉ tiêu {', '.join(unknown)}. Các mã nhóm: {', '.join(groups)}.")
    unknown = [c for c in options.unit_codes or () if c not in districts]
    if unknown:
        raise OptionsError(f"Không có địa bàn mã {', '.join(unknown)}. Các mã địa bàn: {', '.join(districts)}.")
    if first > last:
        raise OptionsError(f"Năm đầu ({first}) sau năm cuối ({last}).")
    if window is not None and (first < window.start or last > window.stop - 1):
        raise OptionsError(f"Các năm của đợt báo cáo là {window.start}–{window.stop - 1}.")


def build_content(
    values: pd.DataFrame,
    assessment_values: pd.DataFrame,
    catalogue: pd.DataFrame,
    units: pd.DataFrame,
    targets: pd.DataFrame,
    summary: pd.Series,
    options: Options,
    on_figure: FigureHook | None = None,
    round_: Round | None = None,
) -> ReportContent:
    """Figures, tables and findings for the chosen groups, districts and years of a round.

    ``values`` and ``catalogue`` as leaders read them (analysis.budget.present, presented_catalogue).
    Nothing is rendered here; `on_figure` is called with each figure as soon as
    it is built (the pack starts rendering it while the next one is built).
    """
    province = str(summary["province_code"])
    first = options.first_year or (round_.first_year if round_ else int(summary["first_year"]))
    last = options.last_year or (round_.last_year if round_ else int(summary["last_year"]))
    loaded = data_date(summary)
    districts = units[units["parent_code"].notna()]
    chosen = tuple(options.unit_codes or [str(c) for c in districts["code"]])
    groups = catalogue.drop_duplicates("group_code")
    wanted = [g for g in groups["group_code"] if options.group_codes is None or g in options.group_codes]
    window = round_.shown_years if round_ else None
    check_options(options, list(groups["group_code"]), [str(c) for c in districts["code"]], first, last, window)
    as_of, rule = (round_.known_on, round_.school_year_deadline) if round_ else (None, "ending")
    assessed = options.unit_code if options.variant == "district" and options.unit_code else province
    view = build_assessment(
        assessment_values, catalogue, targets, assessed, first, last, as_of=as_of, deadline_rule=rule
    )
    assessment = view.table[view.table["group_code"].isin(wanted)].reset_index(drop=True)
    sources = catalogue.set_index("code")["source_dept"].fillna("").astype(str).to_dict()
    all_source = source_line(sorted(set(sources[c] for c in assessment["indicator_code"])), loaded)
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
            sel = Selection(code, chosen, first, last, province, round=round_)
            unit, period = str(meta["unit"]), str(meta["period_type"])
            title = f"{meta['name_vi']} ({unit}), {_period_text(first, last, period)}"
            extra = ["Tổng cục Thống kê (chỉ số giá tiêu dùng)"] if "." in code else []
            source = source_line([sources[code], *extra], loaded)
            if meta["kind"] in FIGURE_KINDS:
                trend = build_trend(rows, catalogue, targets, units, sel, withhold_flagged=True)
                caption = f"Biểu đồ {figure_no}. {title}"
                file_name = f"bieu_do_{figure_no:02d}_{code.replace('.', '_')}.png"
                item = FigureItem(figure_no, code, caption, source, unit, trend.figure, file_name)
                section.figures.append(item)
                if on_figure is not None:
                    on_figure(item, expected)
                figure_no += 1
                frame, states = trend.table.copy(), trend.states.copy()
            else:
                shown = shown_rows(rows, units, sel)[0]
                frame = trend_table(shown, period)
                states = trend_table(shown.assign(value=cell_states(shown)), period)
            frame.index.name = states.index.name = "Địa bàn"
            section.tables.append(TableItem(table_no, code, f"Bảng {table_no}. {title}", source, unit, frame, states))
            table_no += 1
        if section.figures or section.tables:
            sections.append(section)
    return ReportContent(
        province_name=str(summary["province_name"]),
        first_year=first,
        last_year=last,
        as_of=loaded,
        illustrative=bool(summary["illustrative"]),
        assessment=assessment,
        summary=_summary(assessment, 1, all_source),
        groups=sections,
        round=round_,
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
    stored = fetch_df(con, "catalogue")
    catalogue = presented_catalogue(stored)
    round_ = pick_round(rounds_from(fetch_df(con, "rounds")), options.round_code)
    first = options.first_year or (round_.first_year if round_ else int(summary["first_year"]))
    last = options.last_year or (round_.last_year if round_ else int(summary["last_year"]))
    codes = [
        str(c)
        for c, g in zip(stored["code"], stored["group_code"], strict=True)
        if options.group_codes is None or g in options.group_codes
    ]
    codes += [str(c) for c in stored["per_head"].dropna() if str(c) not in codes]
    prices = fetch_df(con, "price_index")
    values = fetch_df(con, "values_for_indicators", {"indicator_codes": codes, "first_year": first, "last_year": last})
    assessed = options.unit_code if options.variant == "district" and options.unit_code else summary["province_code"]
    params = {"province_code": str(assessed), "first_year": first, "last_year": last}
    return build_content(
        present(values, stored, prices),
        present(fetch_df(con, "assessment_values", params), stored, prices),
        catalogue,
        fetch_df(con, "units"),
        fetch_df(con, "targets"),
        summary,
        options,
        on_figure,
        round_,
    )


def pick_round(rounds: list[Round], code: str | None) -> Round | None:
    """The round a pack belongs to: the one named, else the current one (the latest deadline)."""
    if code is None:
        return rounds[0] if rounds else None
    for r in rounds:
        if r.code == code:
            return r
    known = ", ".join(r.code for r in rounds) or "không có"
    raise OptionsError(f"Không có đợt báo cáo mã {code}. Các mã đợt: {known}.")
