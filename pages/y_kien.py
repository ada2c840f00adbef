"""Ý kiến: opinions of teachers, school leaders, parents, pupils and citizens from survey exports;
open-text answers, themes and quotes for analysts only."""

import streamlit as st

from page_models.opinions import BREAKDOWNS_VI, SUPPRESSED_NOTE_VI, build_opinions, task_label
from ui import auth, data
from ui.components import page_header
from ui.opinions import open_texts, survey_upload

auth.require("viewer")

f = page_header(
    "Ý kiến",
    "Ý kiến của đội ngũ nhà giáo, cán bộ quản lý giáo dục và Nhân dân qua khảo sát (Google Forms, Microsoft Forms), "
    "đặt bên cạnh các chỉ tiêu mà mỗi câu hỏi giải thích.",
    needs_values=False,
)
if f is None:
    st.stop()
if auth.can("analyst"):
    survey_upload()
answers = data.query("survey_answers", survey_code=None)
units = data.query("units")
if answers.empty:
    st.info(
        "Chưa có kết quả khảo sát. Chuyên viên nạp tệp bằng lệnh `python -m etl survey load TỆP` (xem docs/surveys.md)."
    )
    st.stop()
first = build_opinions(answers, units, None, None)
left, right = st.columns([1, 3])
round_label = left.selectbox("Đợt khảo sát", first.rounds[::-1], key="op_round")
by = left.radio("Chia theo", list(BREAKDOWNS_VI), format_func=BREAKDOWNS_VI.__getitem__, key="op_by")
view = build_opinions(answers, units, round_label, None, by)
codes = [q.code for q in view.questions]
labels = {q.code: q.label for q in view.questions}
code = right.selectbox("Câu hỏi", codes, format_func=labels.__getitem__, key="op_question")
view = build_opinions(answers, units, round_label, code, by)
q = view.question
if q is not None:
    st.subheader(q.header)
    meta = task_label(q.task)
    if q.indicators:
        meta += " · chỉ tiêu liên quan: " + ", ".join(q.indicators)
    st.caption(f"{meta} · {view.n_respondents} người trả lời câu này · **{view.note}**")
    if view.headline:
        st.markdown(f"**{view.headline}**")
    if view.figure is not None:
        st.plotly_chart(view.figure, width="stretch", config={"displaylogo": False})
    if not view.shares.empty:
        st.dataframe(view.shares, hide_index=True, width="stretch", height="content")
    if not view.options.empty:
        st.dataframe(view.options, hide_index=True, width="stretch", height="content")
    if view.change:
        st.info(view.change, icon=":material/compare_arrows:")
    st.caption(
        f"{SUPPRESSED_NOTE_VI} Khoảng tin cậy Wilson 95 % chỉ phản ánh sai số ngẫu nhiên; "
        "mẫu tự nguyện có thể lệch so với toàn bộ đội ngũ và Nhân dân."
    )
if auth.can("analyst"):
    open_texts(round_label, units)
else:
    st.caption("Ý kiến tự do và trích dẫn chỉ hiển thị cho chuyên viên tổng hợp.")
