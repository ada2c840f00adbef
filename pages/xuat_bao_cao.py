"""Xuất báo cáo: the report pack (DOCX appendix, XLSX workbook, PNG figures) in one click."""

import streamlit as st

from report.content import Options
from report.images import BROWSER_MISSING_VI
from report.pack import BUNDLE_NAME, FILE_NAMES, build_pack
from ui import auth, data
from ui.components import page_header
from ui.downloads import XLSX_MIME, images_available
from vocab.display import format_duration

auth.require("viewer")

PACK_KEY = "nq29_report_pack"

f = page_header(
    "Xuất báo cáo",
    "Phụ lục số liệu cho báo cáo tổng kết (Word, thể thức Nghị định 30/2020/NĐ-CP): kết quả đạt được, hạn chế, "
    "biểu đồ và bảng số liệu theo địa bàn, kèm bảng tính Excel và ảnh biểu đồ.",
)
if f is None:
    st.stop()

catalogue, units = data.query("catalogue"), data.query("units")
groups = dict(zip(catalogue["group_code"], catalogue["group_name"], strict=True))
districts = units[units["parent_code"].notna()]
names = dict(zip(districts["code"].astype(str), districts["name"].astype(str), strict=True))
round_ = f.round
years = list(round_.shown_years) if round_ else list(f.years)
default = (round_.first_year, round_.last_year) if round_ else (years[0], years[-1])

st.caption(
    "Bộ báo cáo dùng các lựa chọn dưới đây, không dùng bộ lọc chỉ tiêu, địa bàn ở thanh bên"
    + (f"; thuộc {round_.name}, số liệu và mục tiêu tính đến ngày {round_.known_on:%d/%m/%Y}." if round_ else ".")
)
chosen_groups = st.multiselect(
    "Nhóm chỉ tiêu (để trống = tất cả)", list(groups), format_func=groups.get, key="bc_nhom", placeholder="Tất cả"
)
chosen_units = st.multiselect(
    "Địa bàn (để trống = tất cả)", list(names), format_func=names.get, key="bc_dia_ban", placeholder="Tất cả"
)
first, last = st.select_slider("Giai đoạn", options=years, value=default, key="bc_nam")
options = Options(
    tuple(chosen_groups) or None, tuple(chosen_units) or None, int(first), int(last), round_.code if round_ else None
)

if not images_available():
    st.error(BROWSER_MISSING_VI)
elif st.button("Tạo bộ báo cáo", type="primary", icon=":material/description:", key="bc_tao"):
    bar = st.progress(0.0, text="Đang chuẩn bị…")
    pack = build_pack(data.db_path(), options, lambda fraction, text: bar.progress(fraction, text=text))
    st.session_state[PACK_KEY] = (options, pack)

built = st.session_state.get(PACK_KEY)
if built is not None:
    built_options, pack = built
    content = pack.content
    if built_options != options:
        st.info("Lựa chọn đã thay đổi: bấm “Tạo bộ báo cáo” để tạo lại. Các tệp dưới đây theo lựa chọn trước.")
    st.success(
        f"Đã tạo: {len(content.figures)} biểu đồ, {len(content.tables)} bảng, "
        f"{len(content.findings.results)} kết quả đạt được, {len(content.findings.weaknesses)} hạn chế "
        f"({format_duration(pack.timings['total_s'])})."
    )
    files = (
        (
            "Phụ lục (Word)",
            pack.docx,
            FILE_NAMES["docx"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("Bảng số liệu (Excel)", lambda: pack.xlsx, FILE_NAMES["xlsx"], XLSX_MIME),
        ("Ảnh biểu đồ (ZIP)", lambda: pack.png_zip, FILE_NAMES["png_zip"], "application/zip"),
        ("Tất cả (ZIP)", pack.bundle, BUNDLE_NAME, "application/zip"),
    )
    with st.container(horizontal=True, gap="small"):
        for label, payload, name, mime in files:
            st.download_button(
                label,
                payload,
                file_name=name,
                mime=mime,
                on_click="ignore",
                icon=":material/download:",
                key=f"bc_{name}",
            )
    with st.expander("Xem trước phần kết quả và hạn chế"):
        for title, items in (
            ("Kết quả đạt được", content.findings.results),
            ("Hạn chế, yếu kém", content.findings.weaknesses),
        ):
            st.markdown(f"**{title}**")
            st.markdown("\n".join(f"- {item.text}" for item in items) or "Không có.")
