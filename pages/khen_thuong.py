"""Khen thưởng: nominations of collectives, models and individuals, checked against the plan's quotas."""

import streamlit as st

from page_models.review import build_register, commendation_quotas, nomination_file
from page_models.submissions import ended_before, rounds_from
from report.commendations import commendation_heading, list_docx, list_xlsx
from ui import auth, data
from ui.components import page_header
from ui.review import nomination_editor
from vocab.text import markdown_escape

auth.require("viewer")

f = page_header(
    "Khen thưởng tập thể, cá nhân",
    "Theo kế hoạch: mỗi huyện, thị xã, thành phố đề nghị 1 tập thể (hoặc mô hình, điển hình) và 1 cá nhân; "
    "các sở, ngành cấp tỉnh đề nghị 5 cá nhân và 3 tập thể. Báo cáo thành tích gửi trước hạn nộp.",
    needs_values=False,
)
if f is None:
    st.stop()
rounds = rounds_from(data.query("rounds"))
if not rounds:
    st.info("Chưa có đợt báo cáo nào (hạn nộp). Quản trị viên tạo đợt ở trang Quản trị.")
    st.stop()
round_ = rounds[0]
units = data.query("units")
senders = data.query("submission_senders")
districts = {
    str(r["code"]): str(r["name"])
    for r in units[units["parent_code"].notna()].to_dict("records")
    if not ended_before(r["valid_to"], round_)
}
nominations = data.query("current_nominations")
nominations = nominations[nominations["round_code"] == round_.code]
view = build_register(nominations, commendation_quotas(), districts, round_)

st.subheader(f"{round_.name} — hạn nộp {round_.deadline:%d/%m/%Y}")
if view.problems:
    st.warning("Cần xem lại:\n\n" + "\n".join(f"- {markdown_escape(p)}" for p in view.problems))
else:
    st.success("Mọi đơn vị đã đề nghị đúng định mức và đúng hạn.")
list_tab, quota_tab = st.tabs(["Danh sách đề nghị", "Định mức theo đơn vị"])
with list_tab:
    if view.table.empty:
        st.info("Chưa có đề nghị nào.")
    else:
        st.dataframe(view.table, hide_index=True, width="stretch")
        with_files = nominations[nominations["has_file"]]
        if not with_files.empty:
            labels = {
                int(r["nomination_id"]): f"{r['nominator_name']}: {r['name']}" for r in with_files.to_dict("records")
            }
            pick = st.selectbox("Báo cáo thành tích", list(labels), format_func=labels.__getitem__, key="report_pick")
            row = with_files[with_files["nomination_id"] == pick].iloc[0]
            st.download_button(  # read from the store only when clicked
                "Tải báo cáo thành tích",
                lambda: nomination_file(data.db_path(), int(pick), int(row["file_version"])),
                file_name=str(row["file_name"]),
                icon=":material/download:",
                on_click="ignore",
                key="report_download",
            )
        st.markdown("**Theo đơn vị và lĩnh vực**")
        st.dataframe(view.by_district_field, width="stretch")
with quota_tab:
    st.dataframe(view.quotas, hide_index=True, width="stretch")
if not nominations.empty:
    heading = commendation_heading(round_.name, data.query("store_summary").iloc[0])
    docx_col, xlsx_col = st.columns(2)
    docx_col.download_button(
        "Danh sách trình Thường trực (Word)",
        lambda: list_docx(nominations, heading),  # built on click, not on every rerun
        file_name="danh_sach_de_nghi_khen_thuong.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/description:",
        on_click="ignore",
    )
    xlsx_col.download_button(
        "Danh sách (Excel)",
        lambda: list_xlsx(nominations, heading),
        file_name="danh_sach_de_nghi_khen_thuong.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        on_click="ignore",
    )
if auth.can("analyst"):
    departments = senders[senders["kind"] == "department"]
    nominators = {code: (name, "district") for code, name in districts.items()} | {
        str(r["code"]): (str(r["name"]), "province") for r in departments.to_dict("records")
    }
    nomination_editor(nominations, nominators, round_.code)
