"""Open-text answers, themes and quotes on the page Ý kiến (analysts only; the page checks the
role before calling, and every save checks it again)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from etl import settings
from page_models.opinion_texts import OpinionInputError, save_quote, save_theme, texts_table, withdraw_quote
from page_models.opinions import breakdown_names, opinions_for_indicator
from ui import auth, data


def _author() -> str:
    user = auth.current_user()
    if user is None or not user.can("analyst"):
        st.error("Chỉ chuyên viên tổng hợp hoặc quản trị viên được xem và sửa ý kiến tự do.")
        st.stop()
    assert user is not None
    return user.name


def open_texts(round_label: str, units: pd.DataFrame) -> None:
    _author()
    st.divider()
    st.subheader("Ý kiến tự do (chỉ chuyên viên)")
    if message := st.session_state.pop("opinion_saved", None):
        st.success(message)
    texts = data.query("survey_texts", survey_code=None)
    if texts.empty:
        st.info("Đợt này không có câu trả lời tự do.")
        return
    headers = dict(zip(texts["question_code"], texts["header"], strict=False))
    left, right = st.columns([2, 1])
    query = left.text_input("Tìm trong ý kiến (gõ có hoặc không dấu)", key="op_search", placeholder="ví dụ: phong hoc")
    question = right.selectbox("Câu hỏi", list(headers), format_func=headers.__getitem__, key="op_text_question")
    table = texts_table(
        texts, query, question, round_label, breakdown_names(units, "district"), breakdown_names(units, "group")
    )
    st.caption(f"{len(table)} ý kiến; số điện thoại, e-mail và số giấy tờ đã được che khi nạp.")
    st.dataframe(table.drop(columns=["batch_id", "response_no", "question_code"]), hide_index=True, width="stretch")
    if table.empty:
        return
    picked = st.selectbox(
        "Chọn một ý kiến để gắn chủ đề hoặc giữ làm trích dẫn",
        list(table.index),
        format_func=lambda i: f"{str(table.at[i, 'Địa bàn']) or '—'} · {str(table.at[i, 'Ý kiến'])[:90]}",
        key="op_pick",
    )
    row = table.loc[picked]
    ids = (int(row["batch_id"]), int(row["response_no"]), str(row["question_code"]))
    with st.form("op_theme", clear_on_submit=True):
        theme = st.text_input("Chủ đề", placeholder="ví dụ: thiếu giáo viên")
        if st.form_submit_button("Gắn chủ đề"):
            _try(lambda: save_theme(data.db_path(), *ids, theme, _author()), "chủ đề")
    with st.form("op_quote"):
        text = st.text_area("Trích dẫn cho báo cáo (bỏ tên người, tên trường nếu có)", value=str(row["Ý kiến"]))
        if st.form_submit_button("Giữ làm trích dẫn"):
            _try(lambda: save_quote(data.db_path(), *ids, text, _author()), "trích dẫn")
    quotes = data.query("survey_quotes", survey_code=None)
    if not quotes.empty:
        st.markdown("**Trích dẫn đã giữ cho báo cáo**")
        st.dataframe(
            quotes[["quote_id", "round_label", "text", "author"]].rename(
                columns={"quote_id": "Số", "round_label": "Đợt", "text": "Trích dẫn", "author": "Người chọn"}
            ),
            hide_index=True,
            width="stretch",
        )
        gone = st.selectbox("Bỏ trích dẫn số", [int(q) for q in quotes["quote_id"]], key="op_withdraw")
        if st.button("Bỏ trích dẫn", key="op_withdraw_button"):
            withdraw_quote(data.db_path(), gone, _author())
            st.session_state["opinion_saved"] = f"Đã bỏ trích dẫn số {gone} (vẫn giữ trong lịch sử)."
            st.rerun()


def _try(save: Callable[[], int], what: str) -> None:
    try:
        saved = save()
    except OpinionInputError as exc:
        st.error(str(exc))
    else:
        st.session_state["opinion_saved"] = f"Đã lưu {what} số {saved}."
        st.rerun()


def related_opinions(indicator_code: str) -> None:
    """Beside an indicator: what the survey questions mapped to it say (aggregates only)."""
    lines = opinions_for_indicator(data.query("survey_answers", survey_code=None), indicator_code)
    if lines:
        st.markdown("**Ý kiến liên quan** (khảo sát; chi tiết ở trang Ý kiến)")
        for line in lines:
            st.markdown(f"- {line}")


def survey_upload() -> None:
    """Load a survey export: the dry run, its questions answered here, then confirm."""
    author = _author()
    with st.expander("Nạp tệp khảo sát (Google Forms .csv hoặc Microsoft Forms .xlsx)", icon=":material/upload:"):
        max_mb = int(float(data.app_setting("max_upload_mb", str(settings.get("max_upload_mb")))))
        file = st.file_uploader(
            "Tệp kết quả tải từ biểu mẫu", type=["csv", "xlsx"], key="op_upload", max_upload_size=max_mb
        )
        round_label = st.text_input("Đợt khảo sát (để trống: năm của câu trả lời cuối)", key="op_upload_round")
        if file is None:
            st.caption(
                "Cột họ tên, e-mail, số điện thoại, số giấy tờ được bỏ khi nạp; số điện thoại, e-mail trong "
                "câu trả lời được che. Tệp lưu kèm lô là tệp đã bỏ các thông tin đó."
            )
            return
        # here, not at the top: the survey reader brings openpyxl, which pages that upload nothing do not need
        from page_models.opinion_upload import check_survey_upload, confirm_survey_upload

        content = file.getvalue()
        if st.session_state.get("survey_loaded_file") != file.name:
            st.session_state.pop("survey_loaded", None)
        if message := st.session_state.get("survey_loaded"):
            st.success(message)
        answers: dict[tuple[str, str], str] = st.session_state.setdefault(f"op_upload_answers:{file.name}", {})
        check = check_survey_upload(data.db_path(), content, file.name, answers, round_label.strip() or None)
        (st.error if check.report.status == "rejected" else st.info)(check.summary)
        dropped = [p.header for p in check.report.dropped]
        if dropped:
            st.markdown("**Cột dữ liệu cá nhân bỏ khi nạp:** " + "; ".join(dropped))
        st.dataframe(check.columns, hide_index=True, width="stretch")
        if not check.issues.empty:
            st.dataframe(check.issues, hide_index=True, width="stretch")
        defaults: dict[tuple[str, str], str] = {}
        for n, q in enumerate(check.report.questions):  # answered ones too, so an answer can be changed
            values = [o.value for o in q.options]
            labels = {o.value: o.label_vi for o in q.options}
            chosen = q.answer if q.answer in values else q.best_guess
            start = values.index(chosen) if chosen in values else len(values) - 1
            picked = st.selectbox(q.prompt_vi, values, index=start, format_func=labels.__getitem__, key=f"op_q_{n}")
            defaults[(q.kind, q.key)] = picked
            if picked != values[start] and answers.get((q.kind, q.key)) != picked:
                answers[(q.kind, q.key)] = picked
                st.rerun()
        if check.report.open_questions:
            st.caption("Câu hỏi chưa trả lời được nạp theo lựa chọn đang hiện khi xác nhận.")
        note = st.text_input("Ghi chú kèm lô", key="op_upload_note")
        if st.button("Xác nhận nạp", type="primary", disabled=not check.report.ok, key="op_confirm"):
            given = {**defaults, **answers}
            loaded = confirm_survey_upload(
                data.db_path(), content, file.name, given, round_label.strip() or None, author, note or None
            )
            if loaded.status == "loaded":
                st.session_state.pop(f"op_upload_answers:{file.name}", None)
                st.session_state["opinion_saved"] = (
                    f"Đã nạp lô số {loaded.batch_id}: {len(loaded.responses)} người trả lời."
                )
                st.rerun()
            st.warning(loaded.issues[0].message if loaded.issues else "Không nạp được tệp.")
