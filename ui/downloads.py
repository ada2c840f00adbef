"""Download buttons under every chart (PNG, SVG, data XLSX) and every table (XLSX, CSV).

Nothing is rendered on a page run: each button gets a callable that Streamlit
calls only when the user clicks (``data=callable``, ``on_click="ignore"``,
so the click does not rerun the page either). A page run pays for a few
buttons, not for images (BENCHMARKS.md, "Download buttons").
Without a browser on the server the image buttons are disabled and say what
to install; the data buttons still work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from report.chart_data import figure_table
from report.content import data_date, source_line
from report.images import BROWSER_MISSING_VI, browser_path, figure_png, figure_svg
from report.print_style import Caption, framed_figure
from report.sheets import Sheet, csv_bytes, file_stem, xlsx_bytes
from ui import data

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cache
def images_available() -> bool:
    """Whether kaleido can find a browser (looked up once per process)."""
    return browser_path() is not None


def source_for(indicator_codes: list[str] | None = None) -> str:
    """'Nguồn: <department(s)>, số liệu tổng hợp đến ngày <last load>.' for the given indicators."""
    summary = data.query("store_summary").iloc[0]
    catalogue = data.query("catalogue")
    base = None if indicator_codes is None else [c.partition(".")[0] for c in indicator_codes]
    rows = catalogue if base is None else catalogue[catalogue["code"].isin(base)]
    as_of = data_date(summary)
    views = ["Tổng cục Thống kê (chỉ số giá tiêu dùng)"] if any("." in c for c in indicator_codes or ()) else []
    return source_line([*sorted(set(rows["source_dept"].dropna().astype(str))), *views], as_of)


def _sheet_bytes(frame: pd.DataFrame, title: str, unit: str, source: str, index: bool) -> Callable[[], bytes]:
    notes = [f"Đơn vị tính: {unit}"] if unit else []
    sheet = Sheet("Số liệu", frame, title=title, notes_above=notes, notes_below=[source] if source else [], units=unit)
    sheet.index = index
    return lambda: xlsx_bytes([sheet])


def _button(
    label: str,
    payload: Callable[[], bytes],
    name: str,
    mime: str,
    key: str,
    disabled: bool = False,
    help: str | None = None,
) -> None:
    st.download_button(
        label,
        data=payload,
        file_name=name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=":material/download:",
        disabled=disabled,
        help=help,
    )


IMAGE_FORMATS = (
    ("PNG", "png", "image/png", figure_png, "Ảnh in được (khoảng 300 dpi ở khổ 16 cm)"),
    ("SVG", "svg", "image/svg+xml", figure_svg, "Ảnh véc-tơ"),
)


def _image(render: Callable[[dict[str, Any]], bytes], fig: go.Figure, caption: Caption) -> bytes:
    return render(framed_figure(fig, caption))


def caption_for(title: str, unit: str, source: str, subtitle: str = "") -> Caption:
    """Title, "Đơn vị tính: …" and the period, the source and the demo mark (the notes travel in the figure)."""
    head = "; ".join(part for part in (f"Đơn vị tính: {unit}" if unit else "", subtitle) if part)
    try:
        illustrative = bool(data.query("store_summary").iloc[0]["illustrative"])
    except data.StoreMissingError:
        illustrative = False
    return Caption(title, head, source, illustrative)


def _chart_data(fig: go.Figure, title: str, unit: str, source: str) -> bytes:
    table = figure_table(fig)
    table.index.name = "Chuỗi số liệu"
    return _sheet_bytes(table, title, unit, source, True)()


def chart_downloads(fig: go.Figure, *, title: str, unit: str, source: str, key: str, subtitle: str = "") -> None:
    """PNG (print resolution) and SVG of the chart, each carrying its title, unit and period, notes and
    source (report.print_style.framed_figure), and its data as XLSX with the unit and source."""
    stem = file_stem(title)
    ok = images_available()
    caption = caption_for(title, unit, source, subtitle)
    with st.container(horizontal=True, gap="small"):
        for label, ext, mime, render, tip in IMAGE_FORMATS:
            payload = partial(_image, render, fig, caption)
            _button(
                label,
                payload,
                f"{stem}.{ext}",
                mime,
                f"{key}_{ext}",
                disabled=not ok,
                help=tip if ok else BROWSER_MISSING_VI,
            )
        payload = partial(_chart_data, fig, title, unit, source)
        _button("Số liệu (XLSX)", payload, f"{stem}_so_lieu.xlsx", XLSX_MIME, f"{key}_xlsx")
    if not ok:
        st.caption(BROWSER_MISSING_VI)


def table_downloads(
    frame: pd.DataFrame, *, title: str, key: str, unit: str = "", source: str = "", index: bool = True
) -> None:
    """The table as XLSX (numbers as numbers) and CSV (UTF-8 with BOM), formula-safe."""
    stem = file_stem(title)
    with st.container(horizontal=True, gap="small"):
        _button("XLSX", _sheet_bytes(frame, title, unit, source, index), f"{stem}.xlsx", XLSX_MIME, f"{key}_xlsx")
        _button("CSV", lambda: csv_bytes(frame, index=index), f"{stem}.csv", "text/csv", f"{key}_csv")
