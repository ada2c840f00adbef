"""Tải dữ liệu lên (analysts): dry run with the validation report, the file's questions and the
diff, then confirm. The answers are remembered per sender and layout (Câu trả lời đã lưu)."""

import streamlit as st

from etl import settings
from page_models.upload import ACCEPTED_TYPES, confirm_uploads, load_results, name_questions
from ui import auth, data
from ui.upload import check_again, confirm_form, confirm_names, current_checks, file_details, overview
from vocab.text import markdown_escape

user = auth.require("analyst")
assert user is not None
st.title("Tải dữ liệu lên")
st.caption(
    "Chọn một hoặc nhiều tệp Excel/CSV. Mỗi tệp được kiểm tra trước (chưa ghi gì), "
    "so sánh với số liệu hiện có; chỉ khi bạn xác nhận, tệp mới được nạp trong một giao dịch. "
    "Điều tệp chưa rõ được hỏi ngay dưới tệp; câu trả lời được ghi nhớ cho các tệp sau cùng bên gửi, cùng bố cục."
)
max_mb = int(float(data.app_setting("max_upload_mb", str(settings.get("max_upload_mb")))))
max_bytes = max_mb * 1_000_000
round_key = st.session_state.setdefault("upload_round", 0)
for loaded, line in st.session_state.pop("upload_results", []):
    (st.success if loaded else st.error)(markdown_escape(line))
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

with st.spinner("Đang kiểm tra tệp…"):
    checks = current_checks(files, max_bytes)

st.subheader("Kết quả chạy thử")
overview(checks)
sender_rows = data.query("submission_senders")
senders = dict(zip(sender_rows["code"], sender_rows["name"], strict=True))
remember = {}
for n, (f, check) in enumerate(zip(files, checks, strict=True)):
    expanded = len(checks) == 1 or check.report.status in {"rejected", "nothing"} or bool(check.report.open_questions)
    with st.expander(markdown_escape(check.name), expanded=expanded):
        choice = file_details(check, senders, f"upload_{round_key}_{n}")
    remember[check.name] = choice.remember
    if choice.recheck:
        with st.spinner("Đang kiểm tra lại…"):
            check_again(f, check, max_bytes, choice.recheck)
        st.rerun()

questions = name_questions(checks)
if questions:
    st.subheader("Tên chưa khớp danh mục")
    if confirm_names(questions, user.name):
        st.rerun()  # the files are checked again with the new alias

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
        remember=remember,
        received_on=received_on,
        max_bytes=max_bytes,
        progress=lambda done, total, name: bar.progress(done / max(total, 1), text=f"Đang nạp {name}…"),
    )
    st.session_state["upload_results"] = load_results(reports)
    st.session_state["upload_round"] = round_key + 1
    st.rerun()
