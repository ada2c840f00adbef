"""Sidebar filters shared by every page, kept across page switches and in the URL.

The widgets live in the entry point (dashboard.py calls ``render_sidebar``), so
their values persist across pages. The URL carries the same choices as codes
(?nhom=dieu_kien&chi_tieu=th_tl_cqg&dia_ban=993,999&tu=2015&den=2022): it is
read once when a session starts (a shared link opens exactly that view) and
rewritten after every run. Streamlit's own ``bind="query-params"`` is not used:
it writes the *formatted* option (the Vietnamese name) into the URL.

The period lies within a reporting round: the current round (the latest deadline) unless
the reader picks another (``dot=<code>`` in the URL when there is more than one). Its years
are the round's window, with the earlier baseline it allows (school year 2012-2013 for the
2023 review); what is shown and judged is as of the round's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pandas as pd
import streamlit as st

from analysis.rounds import Round
from etl import settings
from page_models.common import Selection
from page_models.submissions import rounds_from
from ui import data, inputs
from vocab.display import years_label

STATE_KEY = "nq29_filters"
URL_READ_KEY = "nq29_url_read"
INITIAL_YEARS_KEY = "nq29_initial_years"  # the slider's constant default: the link's years or the whole review
GROUP, INDICATOR, UNITS, YEARS, ROUND = "nhom", "chi_tieu", "dia_ban", "nam", "dot"


def render_sidebar() -> Selection | None:
    """Draw the filters; None when the store has no catalogue or units yet."""
    try:
        catalogue = inputs.catalogue()
        units = data.query("units")
        rounds = rounds_from(data.query("rounds"))
    except data.StoreMissingError:
        return None
    if catalogue.empty or units.empty:
        return None
    province = units[units["parent_code"].isna()].iloc[0]
    districts = units[units["parent_code"].notna()]
    if not st.session_state.get(URL_READ_KEY):
        _apply_url(catalogue, list(districts["code"]), rounds)
        st.session_state[URL_READ_KEY] = True
    with st.sidebar:
        st.markdown(f"**{province['name']}**")
        round_ = _round(rounds)
        years = list(round_.shown_years) if round_ else list(settings.review_years())
        group = _select(
            "Nhóm chỉ tiêu", GROUP, _names(catalogue.drop_duplicates("group_code"), "group_code", "group_name")
        )
        indicator = _select(
            "Chỉ tiêu", INDICATOR, _names(catalogue[catalogue["group_code"] == group], "code", "name_vi")
        )
        names = _names(districts, "code", "name")
        chosen = st.multiselect(
            "Địa bàn (để trống = tất cả)",
            list(names),
            format_func=lambda c: names.get(c, c),
            key=UNITS,
            placeholder="Tất cả huyện, thị xã, thành phố",
        )
        default = (round_.first_year, round_.last_year) if round_ else (years[0], years[-1])
        initial = st.session_state.get(INITIAL_YEARS_KEY)
        if not (isinstance(initial, tuple) and years[0] <= initial[0] <= initial[1] <= years[-1]):
            initial = default
        period = cast(
            tuple[int, int],
            st.select_slider(
                "Giai đoạn",
                options=years,
                value=initial,
                key=f"{YEARS}_{round_.code if round_ else ''}",
                help=_period_help(round_),
            ),
        )
        first, last = period
        if round_ is not None:
            st.caption(_round_caption(round_))
    filters = Selection(indicator, tuple(chosen), int(first), int(last), str(province["code"]), group, round_)
    st.session_state[STATE_KEY] = filters
    _write_url(filters, default, rounds)
    return filters


def _round(rounds: list[Round]) -> Round | None:
    """The reporting round chosen in the sidebar; the current one (latest deadline) by default."""
    if not rounds:
        return None
    if len(rounds) == 1:
        return rounds[0]
    by_code = {r.code: r for r in rounds}
    if st.session_state.get(ROUND) not in by_code:
        st.session_state[ROUND] = rounds[0].code
    code = st.selectbox("Đợt báo cáo", list(by_code), format_func=lambda c: by_code[c].name, key=ROUND)
    return by_code[str(code)]


def _round_caption(round_: Round) -> str:
    school = years_label(round_.first_year, round_.last_year, "school_year")
    calendar = years_label(round_.first_year, round_.last_year, "calendar_year")
    return f"{round_.name}: {school}; {calendar}. Số liệu và mục tiêu tính đến ngày {round_.known_on:%d/%m/%Y}."


def _period_help(round_: Round | None) -> str:
    text = "Năm 2013 là năm học 2013-2014 với số liệu giáo dục, năm 2013 với số liệu theo năm dương lịch."
    if round_ is not None and round_.baseline_year is not None and round_.baseline_year < round_.first_year:
        text += (
            f" Có thể chọn năm gốc {round_.baseline_year} (năm học {round_.baseline_year}-{round_.baseline_year + 1}, "
            "năm học cuối cùng trước Nghị quyết 29-NQ/TW)."
        )
    return text


def current() -> Selection | None:
    """The filters drawn by the entry point on this run (None without data)."""
    value = st.session_state.get(STATE_KEY)
    return value if isinstance(value, Selection) else None


def _names(frame: pd.DataFrame, code: str, name: str) -> dict[str, str]:
    return dict(zip(frame[code].astype(str), frame[name].astype(str), strict=True))


def _select(label: str, key: str, names: dict[str, str]) -> str:
    if st.session_state.get(key) not in names:
        st.session_state.pop(key, None)  # e.g. the indicator of another group
    return str(st.selectbox(label, list(names), format_func=lambda c: names.get(c, c), key=key))


def _apply_url(catalogue: pd.DataFrame, district_codes: Sequence[str], rounds: list[Round]) -> None:
    """Seed the widgets from a shared link; unknown codes are ignored."""
    params = st.query_params
    chosen_round = next((r for r in rounds if r.code == params.get(ROUND)), rounds[0] if rounds else None)
    if chosen_round is not None and len(rounds) > 1:
        st.session_state[ROUND] = chosen_round.code
    years = list(chosen_round.shown_years) if chosen_round else list(settings.review_years())
    indicator = str(params.get(INDICATOR) or "")
    if indicator in set(catalogue["code"]):
        st.session_state[INDICATOR] = indicator
        st.session_state[GROUP] = str(catalogue.set_index("code").loc[indicator, "group_code"])
    elif params.get(GROUP) in set(catalogue["group_code"]):
        st.session_state[GROUP] = params.get(GROUP)
    chosen = [c for c in (params.get(UNITS) or "").split(",") if c in set(district_codes)]
    if chosen:
        st.session_state[UNITS] = chosen
    start = chosen_round.first_year if chosen_round else years[0]
    first, last = _year(params.get("tu"), start), _year(params.get("den"), years[-1])
    if years[0] <= first <= last <= years[-1]:
        st.session_state[INITIAL_YEARS_KEY] = (first, last)


def _write_url(f: Selection, default: tuple[int, int], rounds: list[Round]) -> None:
    wanted = {GROUP: f.group_code, INDICATOR: f.indicator_code}
    if f.round is not None and rounds and f.round.code != rounds[0].code:
        wanted[ROUND] = f.round.code
    if f.unit_codes:
        wanted[UNITS] = ",".join(f.unit_codes)
    if (f.first_year, f.last_year) != default:
        wanted |= {"tu": str(f.first_year), "den": str(f.last_year)}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _year(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default
