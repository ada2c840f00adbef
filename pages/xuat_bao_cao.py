"""Xuất báo cáo: the review report's draft (one of three variants, report.draft) and its data appendix
(DOCX), XLSX workbook and PNG figures in one click."""

import streamlit as st

from report.content import Options
from report.images import BROWSER_MISSING_VI
from report.pack import BUNDLE_NAME, FILE_NAMES, build_draft, build_pack
from ui import auth, data
from ui.components import page_header
from ui.downloads import XLSX_MIME, images_available
from vocab.display import format_duration

auth.require("viewer")

PACK_KEY = "nq29_report_pack"
DRAFT_KEY = "nq29_report_draft"

f = page_header(
    "Xuất báo cáo",
    "Dự thảo báo cáo tổng kết theo đề cương (Word, thể thức văn bản của Đảng hoặc Nghị định 30/2020/NĐ-CP theo cơ "
    "quan ban hành): kết quả, hạn chế theo từng nhiệm vụ, giải pháp; kèm phụ lục biểu đồ, bảng số liệu, bảng tính "
    "Excel và ảnh biểu đồ.",
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
VARIANTS_VI = {
    "province": "Báo cáo của tỉnh (Ban Cán sự Đảng UBND tỉnh)",
    "district": "Báo cáo của một huyện (Ban Thường vụ cấp ủy huyện)",
    "hdnd": "Báo cáo của Đảng đoàn HĐND tỉnh (nguồn lực, chính sách)",
}
variant = st.radio("Loại báo cáo", list(VARIANTS_VI), format_func=VARIANTS_VI.get, key="bc_loai")
unit_code = None
if variant == "district":
    unit_code = st.selectbox("Huyện, thị xã, thành phố", list(names), format_func=names.get, key="bc_huyen")
st.caption(
    "Dự thảo nêu mọi chỉ tiêu của đơn vị báo cáo theo đề cương (data/reference/report_outline.csv) trong giai "
    "đoạn đã chọn; nhóm chỉ tiêu và địa bàn chỉ chọn nội dung phụ lục biểu đồ, bảng số liệu (báo cáo của huyện: "
    "phụ lục gồm huyện và toàn tỉnh)."
)
chosen_groups = st.multiselect(
    "Nhóm chỉ tiêu (để trống = tất cả)", list(groups), format_func=groups.get, key="bc_nhom", placeholder="Tất cả"
)
chosen_units = st.multiselect(
    "Địa bàn (để trống = tất cả)", list(names), format_func=names.get, key="bc_dia_ban", placeholder="Tất cả"
)
first, last = st.select_slider("Giai đoạn", options=years, value=default, key="bc_nam")
options = Options(
    tuple(chosen_groups) or None,
    tuple(chosen_units) or None,
    int(first),
    int(last),
    round_.code if round_ else None,
    variant,
    unit_code,
)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

with st.container(horizontal=True, gap="small"):
    make_draft = st.button("Tạo dự thảo báo cáo (Word)", icon=":material/edit_document:", key="bc_du_thao")
    make_pack = images_available() and st.button(
        "Tạo bộ báo cáo", type="primary", icon=":material/description:", key="bc_tao"
    )
if make_draft:
    with st.spinner("Đang soạn dự thảo…"):
        st.session_state[DRAFT_KEY] = (options, *build_draft(data.db_path(), options))
drafted = st.session_state.get(DRAFT_KEY)
if drafted is not None:
    draft_options, draft, draft_docx = drafted
    if draft_options != options:
        st.info("Lựa chọn đã thay đổi: bấm “Tạo dự thảo báo cáo” để tạo lại.")
    st.download_button(
        f"Dự thảo: {draft.issuer.body}",
        draft_docx,
        file_name=draft.file_name,
        mime=DOCX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key="bc_tai_du_thao",
    )
if not images_available():
    st.error(BROWSER_MISSING_VI)
elif make_pack:
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
        f"dự thảo {pack.draft.issuer.body} ({format_duration(pack.timings['total_s'])})."
    )
    files = (
        ("Dự thảo báo cáo (Word)", pack.draft_docx, pack.draft.file_name, DOCX_MIME),
        ("Phụ lục (Word)", pack.docx, FILE_NAMES["docx"], DOCX_MIME),
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
    with st.expander("Xem trước phần kết quả và hạn chế (Đánh giá chung của dự thảo)"):
        for title, items in (
            ("Kết quả đạt được", pack.draft.findings.results),
            ("Hạn chế, yếu kém", pack.draft.findings.weaknesses),
        ):
            st.markdown(f"**{title}**")
            st.markdown("\n".join(f"- {item.text}" for item in items) or "Không có.")
