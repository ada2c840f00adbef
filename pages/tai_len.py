"""Tải dữ liệu lên (analysts): dry run with the validation report and the diff, then confirm."""

import streamlit as st

from etl import settings
from page_models.upload import ACCEPTED_TYPES, check_upload, confirm_uploads, name_questions
from ui import auth, data
from ui.upload import confirm_form, confirm_names, file_details, overview
from vocab.text import markdown_escape

user = auth.require("analyst")
assert user is not None
st.title("Tải dữ liệu lên")
st.caption(
    "Chọn một hoặc nhiều tệp Excel/CSV. Mỗi tệp được kiểm tra trước (chưa ghi gì), "
    "so sánh với số liệu hiện có; chỉ khi bạn xác nhận, tệp mới được nạp trong một giao dịch."
)
max_mb = int(float(data.app_setting("max_upload_mb", str(settings.get("max_upload_mb")))))
round_key = st.session_state.setdefault("upload_round", 0)
for line in st.session_state.pop("upload_results", []):
    (st.success if line.startswith("Đã nạp") else st.error)(markdown_escape(line))
files = st.file_uploader(
    f"Tệp số liệu (.xlsx, .xlsm, .xls, .csv, .txt; tối đa {max_mb} MB mỗi tệp)",
    type=ACCEPTED_TYPES,
    accept_multiple_files=True,
    max_upload_size=max_mb,
    key=f"upload_files_{round_key}",
)
if not files:
    st.info("Chưa chọn tệp nào. Có thể kéo thả nhiều tệp vào ô trên.")
    st.stop()

checked = st.session_state.setdefault("upload_checks", {})
checks = []
with st.spinner("Đang kiểm tra tệp…"):
    for f in files:
        content = f.getvalue()
        key = (f.name, len(content), data.current_snapshot(), hash(content))
        if key not in checked:
            checked[key] = check_upload(f.name, content, data.db_path(), max_mb * 1_000_000)
        checks.append(checked[key])

st.subheader("Kết quả chạy thử")
overview(checks)
sender_rows = data.query("submission_senders")
senders = dict(zip(sender_rows["code"], sender_rows["name"], strict=True))
chosen = {}
for n, check in enumerate(checks):
    with st.expander(markdown_escape(check.name), expanded=len(checks) == 1 or check.report.status == "rejected"):
        chosen[check.name] = file_details(check, senders, f"upload_{round_key}_{n}")

questions = name_questions(checks)
if questions:
    st.subheader("Tên chưa khớp danh mục")
    if confirm_names(questions, user.name):
        checked.clear()  # check the files again with the new alias
        st.rerun()

st.subheader("Xác nhận")
decision = confirm_form(checks)
if decision is not None and decision[0]:
    _, note, received_on = decision
    bar = st.progress(0.0, text="Đang nạp…")
    reports = confirm_uploads(
        checks,
        data.db_path(),
        actor=user.name,
        note=note,
        senders=chosen,
        received_on=received_on,
        max_bytes=max_mb * 1_000_000,
        progress=lambda done, total, name: bar.progress(done / max(total, 1), text=f"Đang nạp {name}…"),
    )
    st.session_state["upload_results"] = [
        f"Đã nạp {r.file}: lô số {r.batch_id}, {len(r.values)} giá trị."
        if r.status == "loaded"
        else f"Không nạp {r.file}: " + "; ".join(i.message for i in r.issues[:3])
        for r in reports
    ]
    st.session_state["upload_round"] = round_key + 1
    checked.clear()
    st.rerun()
