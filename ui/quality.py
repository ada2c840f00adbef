"""The analysts' decision on flagged values (Chất lượng dữ liệu): accept, or revoke an acceptance."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from page_models.quality import open_flags, record_decisions
from ui import auth, data

RESULT_KEY = "nq29_flag_result"


def flag_review(flagged: pd.DataFrame) -> None:
    """For analysts: pick flagged values and accept them (with a reason), or revoke an acceptance."""
    for message in st.session_state.pop(RESULT_KEY, []):
        st.success(message)
    if not auth.can("analyst"):
        st.caption("Chuyên viên (đăng nhập) xác nhận hoặc hủy xác nhận giá trị bị cảnh báo tại đây.")
        return
    user = auth.current_user()
    pending = open_flags(flagged)
    accepted = flagged[(flagged["decision"].fillna("") == "accepted") & flagged["is_current"].astype(bool)]
    with st.expander(f"Xác nhận giá trị bị cảnh báo ({len(pending)} chưa xác nhận)", icon=":material/task_alt:"):
        if pending.empty:
            st.caption("Không còn giá trị nào chờ xác nhận.")
        else:
            labels = {i: _label(r) for i, r in enumerate(pending.to_dict("records"))}
            with st.form("accept_flags"):
                chosen = st.multiselect(
                    "Giá trị đã kiểm tra với đơn vị gửi",
                    list(labels),
                    format_func=lambda i: labels[i],
                    placeholder="Chọn giá trị",
                )
                note = st.text_input("Lý do xác nhận (ví dụ: huyện đã xác nhận số liệu đúng)")
                if st.form_submit_button("Xác nhận giá trị đúng", type="primary"):
                    _save(pending.iloc[chosen], "accepted", note, user.name if user else "")
        if not accepted.empty:
            labels = {i: _label(r) for i, r in enumerate(accepted.to_dict("records"))}
            with st.form("revoke_flags"):
                chosen = st.multiselect(
                    "Hủy xác nhận", list(labels), format_func=lambda i: labels[i], placeholder="Chọn giá trị"
                )
                note = st.text_input("Lý do hủy")
                if st.form_submit_button("Hủy xác nhận"):
                    _save(accepted.iloc[chosen], "revoked", note, user.name if user else "")


def _save(rows: pd.DataFrame, decision: str, note: str, actor: str) -> None:
    if rows.empty:
        st.error("Chọn ít nhất một giá trị.")
        return
    if not note.strip():
        st.error("Ghi lý do để lưu lại cùng quyết định.")
        return
    records = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
    n = record_decisions(data.db_path(), records, decision, actor, note.strip())
    word = "Đã xác nhận" if decision == "accepted" else "Đã hủy xác nhận"
    st.session_state[RESULT_KEY] = [f"{word} {n} giá trị; quyết định được lưu với tên {actor} và thời điểm."]
    st.rerun()


def _label(row: dict[Any, Any]) -> str:
    return f"{row['unit_name']} — {row['indicator_name']} — năm {int(row['year'])}: {row['raw_value']}"
