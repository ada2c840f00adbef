"""Sidebar filters shared by every page, kept across page switches and in the URL.

The widgets live in the entry point (dashboard.py calls ``render_sidebar``), so
their values persist across pages. The URL carries the same choices as codes
(?nhom=dieu_kien&chi_tieu=th_tl_cqg&dia_ban=993,999&tu=2015&den=2023): it is
read once when a session starts (a shared link opens exactly that view) and
rewritten after every run. Streamlit's own ``bind="query-params"`` is not used:
it writes the *formatted* option (the Vietnamese name) into the URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pandas as pd
import streamlit as st

from etl import settings
from page_models.common import Selection
from ui import data

STATE_KEY = "nq29_filters"
URL_READ_KEY = "nq29_url_read"
INITIAL_YEARS_KEY = "nq29_initial_years"  # the slider's constant default: the link's years or the whole review
GROUP, INDICATOR, UNITS, YEARS = "nhom", "chi_tieu", "dia_ban", "nam"


def render_sidebar() -> Selection | None:
    """Draw the filters; None when the store has no catalogue or units yet."""
    try:
        catalogue = data.query("catalogue")
        units = data.query("units")
    except data.StoreMissingError:
        return None
    if catalogue.empty or units.empty:
        return None
    province = units[units["parent_code"].isna()].iloc[0]
    districts = units[units["parent_code"].notna()]
    years = list(settings.review_years())
    if not st.session_state.get(URL_READ_KEY):
        _apply_url(catalogue, list(districts["code"]), years)
        st.session_state[URL_READ_KEY] = True
    with st.sidebar:
        st.markdown(f"**{province['name']}**")
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
        initial = st.session_state.setdefault(INITIAL_YEARS_KEY, (years[0], years[-1]))
        period = cast(tuple[int, int], st.select_slider("Giai đoạn", options=years, value=initial, key=YEARS))
        first, last = period
    filters = Selection(indicator, tuple(chosen), int(first), int(last), str(province["code"]), group)
    st.session_state[STATE_KEY] = filters
    _write_url(filters, years)
    return filters


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


def _apply_url(catalogue: pd.DataFrame, district_codes: Sequence[str], years: list[int]) -> None:
    """Seed the widgets from a shared link; unknown codes are ignored."""
    params = st.query_params
    indicator = str(params.get(INDICATOR) or "")
    if indicator in set(catalogue["code"]):
        st.session_state[INDICATOR] = indicator
        st.session_state[GROUP] = str(catalogue.set_index("code").loc[indicator, "group_code"])
    elif params.get(GROUP) in set(catalogue["group_code"]):
        st.session_state[GROUP] = params.get(GROUP)
    chosen = [c for c in (params.get(UNITS) or "").split(",") if c in set(district_codes)]
    if chosen:
        st.session_state[UNITS] = chosen
    first, last = _year(params.get("tu"), years[0]), _year(params.get("den"), years[-1])
    if years[0] <= first <= last <= years[-1]:
        st.session_state[INITIAL_YEARS_KEY] = (first, last)


def _write_url(f: Selection, years: list[int]) -> None:
    wanted = {GROUP: f.group_code, INDICATOR: f.indicator_code}
    if f.unit_codes:
        wanted[UNITS] = ",".join(f.unit_codes)
    if (f.first_year, f.last_year) != (years[0], years[-1]):
        wanted |= {"tu": str(f.first_year), "den": str(f.last_year)}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _year(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default
