"""Sidebar filters shared by every page, kept across page switches and in the URL.

The widgets live in the entry point (dashboard.py calls ``render_sidebar``) and
are bound to query parameters (``bind="query-params"``), so a leader can copy
the address bar and share exactly this view.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from etl import settings
from ui import data

STATE_KEY = "nq29_filters"


@dataclass(frozen=True)
class Filters:
    group_code: str
    indicator_code: str
    unit_codes: tuple[str, ...]  # chosen districts; empty = all
    first_year: int
    last_year: int
    province_code: str

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


def render_sidebar() -> Filters | None:
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
    with st.sidebar:
        st.markdown(f"**{province['name']}**")
        group = _group_select(catalogue)
        indicator = _indicator_select(catalogue[catalogue["group_code"] == group])
        district_names = dict(zip(districts["code"], districts["name"], strict=True))
        chosen = st.multiselect(
            "Địa bàn (để trống = tất cả)",
            options=list(districts["code"]),
            format_func=lambda code: district_names.get(code, code),
            key="dia_ban",
            bind="query-params",
            placeholder="Tất cả huyện, thị xã, thành phố",
        )
        first, last = _year_range()
    filters = Filters(group, indicator, tuple(chosen), first, last, str(province["code"]))
    st.session_state[STATE_KEY] = filters
    return filters


def current() -> Filters | None:
    """The filters drawn by the entry point on this run (None without data)."""
    value = st.session_state.get(STATE_KEY)
    return value if isinstance(value, Filters) else None


def _group_select(catalogue: pd.DataFrame) -> str:
    groups = catalogue.drop_duplicates("group_code").sort_values("group_order")
    names = dict(zip(groups["group_code"], groups["group_name"], strict=True))
    return str(
        st.selectbox(
            "Nhóm chỉ tiêu", list(names), format_func=lambda c: names.get(c, c), key="nhom", bind="query-params"
        )
    )


def _indicator_select(in_group: pd.DataFrame) -> str:
    names = dict(zip(in_group["code"], in_group["name_vi"], strict=True))
    return str(
        st.selectbox(
            "Chỉ tiêu", list(names), format_func=lambda c: names.get(c, c), key="chi_tieu", bind="query-params"
        )
    )


def _year_range() -> tuple[int, int]:
    years = list(settings.review_years())
    value = st.select_slider("Giai đoạn", options=years, value=(years[0], years[-1]), key="nam", bind="query-params")
    first, last = value if isinstance(value, tuple) else (value, value)
    return int(first), int(last)
