"""Quản trị (admins): users, reporting rounds and deadlines, settings, backups."""

from datetime import date

import streamlit as st

from access.users import ROLE_LABELS_VI
from etl import settings
from page_models.admin import (
    account_rows,
    backup_summary,
    restore_instructions,
    save_round_version,
    save_settings,
    start_backup,
    user_entry,
)
from ui import auth, data

user = auth.require("admin")
assert user is not None
st.title("Quản trị")
for message in st.session_state.pop("admin_result", []):
    st.success(message)

st.subheader("Tài khoản")
st.dataframe(account_rows(auth.accounts()), hide_index=True, width="stretch")
with st.expander("Tạo tài khoản mới", icon=":material/person_add:"):
    st.caption(
        "Mật khẩu được băm (bcrypt) ngay tại đây và không được lưu ở đâu. Chép đoạn kết quả vào "
        "`.streamlit/secrets.toml` trên máy chủ (hoặc dùng lệnh `python -m access add-user`)."
    )
    with st.form("new_user"):
        name = st.text_input("Tên đăng nhập (không dấu)")
        role = st.selectbox("Vai trò", list(ROLE_LABELS_VI), format_func=ROLE_LABELS_VI.__getitem__)
        display = st.text_input("Tên hiển thị")
        password = st.text_input("Mật khẩu (ít nhất 10 ký tự)", type="password")
        made = st.form_submit_button("Tạo đoạn cấu hình")
    if made:
        entry, error = user_entry(name, role, display, password)
        if error:
            st.error(error)
        else:
            st.code(entry, language="toml")

st.subheader("Đợt báo cáo và hạn nộp")
rounds = data.query("rounds")
st.dataframe(
    rounds[
        [
            "name",
            "deadline",
            "first_year",
            "last_year",
            "baseline_year",
            "as_of",
            "deadline_inclusive",
            "version",
            "set_by",
            "set_at",
        ]
    ],
    column_config={
        "name": "Đợt báo cáo",
        "deadline": st.column_config.DateColumn("Hạn nộp", format="DD/MM/YYYY"),
        "first_year": st.column_config.NumberColumn("Từ năm", format="%d"),
        "last_year": st.column_config.NumberColumn("Đến năm", format="%d"),
        "baseline_year": st.column_config.NumberColumn("Năm gốc có thể chọn", format="%d"),
        "as_of": st.column_config.DateColumn("Số liệu tính đến", format="DD/MM/YYYY"),
        "deadline_inclusive": st.column_config.CheckboxColumn("Ngày hạn vẫn đúng hạn"),
        "version": st.column_config.NumberColumn("Phiên bản", format="%d"),
        "set_by": "Người đặt",
        "set_at": st.column_config.DatetimeColumn("Thời điểm", format="DD/MM/YYYY HH:mm"),
    },
    hide_index=True,
    width="stretch",
)
with st.form("round_form"):
    codes = [*rounds["round_code"], "(đợt mới)"]
    names = dict(zip(rounds["round_code"], rounds["name"], strict=True))
    code = st.selectbox("Đợt", codes, format_func=lambda c: names.get(c, c))
    new_code = st.text_input("Mã đợt mới (không dấu, chỉ khi tạo đợt mới)")
    new_name = st.text_input("Tên đợt", value=names.get(code, ""))
    deadline = st.date_input("Hạn nộp", value=date(2023, 4, 28), format="DD/MM/YYYY")
    first, last = st.slider("Các năm cần báo cáo (năm 2013 = năm học 2013-2014)", 2005, 2035, (2013, 2022))
    baseline = st.number_input(
        "Năm gốc sớm hơn có thể chọn (2012 = năm học 2012-2013; nếu không có, nhập năm đầu)", 2000, 2035, value=2012
    )
    as_of = st.date_input("Số liệu và mục tiêu tính đến ngày (mặc định: hạn nộp)", value=None, format="DD/MM/YYYY")
    inclusive = st.toggle(
        "Tệp nhận đúng ngày hạn vẫn tính là đúng hạn (mặc định: “trước ngày …” nghĩa là chậm nhất ngày hôm trước)"
    )
    rule = st.radio(
        "Mục tiêu “đến năm N” của chỉ tiêu năm học",
        ["ending", "starting"],
        format_func=lambda r: "năm học kết thúc năm N (2020 → 2019-2020)" if r == "ending" else "năm học bắt đầu năm N",
        horizontal=True,
    )
    if st.form_submit_button("Lưu đợt báo cáo (giữ lại phiên bản cũ)"):
        saved, message = save_round_version(
            data.db_path(),
            new_code if code == "(đợt mới)" else code,
            new_name,
            deadline,
            first,
            last,
            user.name,
            baseline_year=int(baseline) if baseline and int(baseline) < first else None,
            as_of=as_of,
            deadline_inclusive=inclusive,
            school_year_deadline=rule,
        )
        if saved:
            st.session_state["admin_result"] = [message]
            st.rerun()
        st.error(message)

st.subheader("Cài đặt")
with st.form("settings_form"):
    anonymous = st.toggle("Cho phép xem biểu đồ không cần đăng nhập", value=auth.anonymous_viewing())
    default_mb = str(settings.get("max_upload_mb"))
    max_mb = st.number_input(
        "Dung lượng tối đa mỗi tệp tải lên (MB)", 1, 200, int(float(data.app_setting("max_upload_mb", default_mb)))
    )
    if st.form_submit_button("Lưu cài đặt"):
        save_settings(
            data.db_path(), {auth.ANONYMOUS_SETTING: "1" if anonymous else "0", "max_upload_mb": str(max_mb)}, user.name
        )
        st.session_state["admin_result"] = ["Đã lưu cài đặt."]
        st.rerun()

st.subheader("Sao lưu và khôi phục")
st.markdown(backup_summary(data.db_path()))
if st.button("Sao lưu ngay", icon=":material/backup:"):
    with st.spinner("Đang sao lưu…"):
        done, message = start_backup(data.db_path())
    if done:
        st.session_state["admin_result"] = [message]
        st.rerun()
    st.error(message)
with st.expander("Cách khôi phục từ bản sao lưu", icon=":material/settings_backup_restore:"):
    st.markdown(restore_instructions(data.db_path()))
