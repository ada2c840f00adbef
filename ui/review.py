"""Editing forms for notes, policy events and nominations (analysts only; pages check the role)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from analysis.commendations import FIELD_LABELS_VI, KIND_LABELS_VI, STATUS_LABELS_VI
from analysis.review import NOTE_KINDS_VI
from etl import settings
from page_models.review import ReviewInputError, save_event, save_nomination, save_note, withdraw_record
from ui import auth, data
from vocab.text import markdown_escape

NEW = -1


def _user_name() -> str:
    """The analyst saving; anyone else is stopped here even if a form was somehow shown."""
    user = auth.current_user()
    if user is None or not user.can("analyst"):
        st.error("Chỉ chuyên viên tổng hợp hoặc quản trị viên được sửa nội dung này.")
        st.stop()
    assert user is not None
    return user.name


def _saved(message: str) -> None:
    st.session_state["review_saved"] = message
    st.rerun()


def _pick(
    label: str, records: pd.DataFrame, id_column: str, labels: dict[int, str], key: str
) -> tuple[int, dict[str, Any]]:
    """The record chosen for editing (NEW for a new one) and its current fields ({} when new)."""
    picked = int(st.selectbox(label, list(labels), format_func=labels.__getitem__, key=key))
    old = records[records[id_column] == picked].iloc[0].to_dict() if picked != NEW else {}
    return picked, {str(k): v for k, v in old.items()}


def _id(picked: int) -> int | None:
    """The record being edited, or None for a new one."""
    return None if picked == NEW else picked


def _try_save(save: Callable[[], int], what: str) -> None:
    """Run one save; a refusal is shown in Vietnamese, a success reruns the page with a message."""
    try:
        saved = save()
    except ReviewInputError as exc:
        st.error(markdown_escape(exc))
    else:
        _saved(f"Đã lưu {what} #{saved}.")


def show_saved() -> None:
    if message := st.session_state.pop("review_saved", None):
        st.success(message)


def note_editor(notes: pd.DataFrame, indicator_code: str) -> None:
    show_saved()
    catalogue = data.query("catalogue")
    units = data.query("units")
    names = dict(zip(catalogue["code"], catalogue["name_vi"], strict=True))
    unit_names = {"": "Toàn tỉnh", **dict(zip(units["code"][1:], units["name"][1:], strict=True))}
    labels = {NEW: "(ghi chú mới)"} | {
        int(r["note_id"]): f"#{r['note_id']} · {names.get(r['indicator_code'], r['indicator_code'])}: {r['text'][:60]}"
        for r in notes.to_dict("records")
    }
    with st.expander("Thêm hoặc sửa ghi chú", icon=":material/edit_note:"):
        note_id, old = _pick("Ghi chú", notes, "note_id", labels, "note_pick")
        with st.form("note_form"):
            code = st.selectbox(
                "Chỉ tiêu",
                list(names),
                index=list(names).index(old.get("indicator_code", indicator_code)),
                format_func=names.__getitem__,
            )
            unit = st.selectbox(
                "Địa bàn",
                list(unit_names),
                index=list(unit_names).index(old.get("unit_code") or ""),
                format_func=unit_names.__getitem__,
            )
            kinds = list(NOTE_KINDS_VI)
            kind = st.selectbox(
                "Loại", kinds, index=kinds.index(old.get("kind", "result_cause")), format_func=NOTE_KINDS_VI.__getitem__
            )
            whole = st.checkbox("Áp dụng cả giai đoạn", value=pd.isna(old.get("first_year")) if old else True)
            years = list(settings.review_years())
            first, last = st.select_slider(
                "Giai đoạn",
                years,
                value=(
                    int(old["first_year"]) if old and pd.notna(old.get("first_year")) else years[0],
                    int(old["last_year"]) if old and pd.notna(old.get("last_year")) else years[-1],
                ),
            )
            text = st.text_area("Nội dung", value=old.get("text", ""))
            submitted = st.form_submit_button("Lưu (giữ lại nội dung cũ trong lịch sử)", type="primary")
        if submitted:
            fields = {
                "indicator_code": code,
                "unit_code": unit or None,
                "kind": kind,
                "text": text,
                "first_year": None if whole else first,
                "last_year": None if whole else last,
            }
            _try_save(lambda: save_note(data.db_path(), fields, _user_name(), _id(note_id)), "ghi chú")
        if note_id != NEW:
            _withdraw_button("notes", note_id, "ghi chú")


def event_editor(events: pd.DataFrame) -> None:
    show_saved()
    labels = {NEW: "(sự kiện mới)"} | {
        int(r["event_id"]): f"{r['year']} · {r['title']}" for r in events.to_dict("records")
    }
    with st.expander("Thêm hoặc sửa sự kiện", icon=":material/event:"):
        event_id, old = _pick("Sự kiện", events, "event_id", labels, "event_pick")
        with st.form("event_form"):
            year = st.number_input("Năm", 2000, 2040, int(old.get("year", 2020)))
            has_end = st.checkbox("Kéo dài nhiều năm", value=bool(old) and pd.notna(old.get("last_year")))
            last = st.number_input("Đến năm", 2000, 2040, int(old["last_year"]) if has_end and old else int(year))
            title = st.text_input("Tên ngắn (hiện trên biểu đồ)", value=old.get("title", ""))
            description = st.text_area("Nội dung", value=old.get("description") or "")
            indicators = st.text_input("Chỉ tiêu chịu ảnh hưởng", value=old.get("indicators", "*"))
            submitted = st.form_submit_button("Lưu sự kiện", type="primary")
        if submitted:
            fields = {
                "year": int(year),
                "last_year": int(last) if has_end else None,
                "title": title,
                "description": description or None,
                "indicators": indicators,
            }
            _try_save(lambda: save_event(data.db_path(), fields, _user_name(), _id(event_id)), "sự kiện")
        if event_id != NEW:
            _withdraw_button("policy_events", event_id, "sự kiện")


def nomination_editor(nominations: pd.DataFrame, nominators: dict[str, tuple[str, str]], round_code: str) -> None:
    """``nominators``: code → (name, level)."""
    show_saved()
    labels = {NEW: "(đề nghị mới)"} | {
        int(r["nomination_id"]): f"#{r['nomination_id']} · {r['nominator_name']}: {r['name']}"
        for r in nominations.to_dict("records")
    }
    with st.expander("Thêm hoặc sửa đề nghị khen thưởng", icon=":material/military_tech:"):
        pick, old = _pick("Đề nghị", nominations, "nomination_id", labels, "nomination_pick")
        codes, kinds, fields_, statuses = (
            list(nominators),
            list(KIND_LABELS_VI),
            list(FIELD_LABELS_VI),
            list(STATUS_LABELS_VI),
        )
        with st.form("nomination_form"):
            nominator = st.selectbox(
                "Đơn vị đề nghị",
                codes,
                index=codes.index(old.get("nominator_code", codes[0])),
                format_func=lambda c: nominators[c][0],
            )
            kind = st.selectbox(
                "Loại", kinds, index=kinds.index(old.get("kind", "individual")), format_func=KIND_LABELS_VI.__getitem__
            )
            name = st.text_input("Tên tập thể, mô hình hoặc cá nhân", value=old.get("name", ""))
            position = st.text_input("Chức vụ hoặc địa chỉ", value=old.get("position") or "")
            field = st.selectbox(
                "Lĩnh vực",
                fields_,
                index=fields_.index(old.get("field", "education")),
                format_func=FIELD_LABELS_VI.__getitem__,
            )
            achievement = st.text_area("Tóm tắt thành tích", value=old.get("achievement", ""))
            related = st.text_input("Chỉ tiêu liên quan (mã, cách nhau bởi ';')", value=old.get("indicators") or "")
            status = st.selectbox(
                "Tình trạng",
                statuses,
                index=statuses.index(old.get("status", "proposed")),
                format_func=STATUS_LABELS_VI.__getitem__,
            )
            received = st.date_input(
                "Ngày nhận hồ sơ",
                value=pd.Timestamp(old["received_on"]).date()
                if old and pd.notna(old.get("received_on"))
                else date.today(),
                format="DD/MM/YYYY",
            )
            report = st.file_uploader("Báo cáo thành tích (Word, PDF)", type=["docx", "doc", "pdf"])
            submitted = st.form_submit_button("Lưu đề nghị", type="primary")
        if submitted:
            fields = {
                "round_code": round_code,
                "level": nominators[nominator][1],
                "nominator_code": nominator,
                "kind": kind,
                "name": name,
                "position": position or None,
                "field": field,
                "achievement": achievement,
                "indicators": related or None,
                "status": status,
                "received_on": received,
                "file_name": old.get("file_name"),
            }
            attachment = (report.name, report.getvalue()) if report is not None else None
            _try_save(lambda: save_nomination(data.db_path(), fields, _user_name(), _id(pick), attachment), "đề nghị")
        if pick != NEW:
            _withdraw_button("nominations", pick, "đề nghị")


def _withdraw_button(table: str, record_id: int, what: str) -> None:
    sure = st.checkbox(f"Rút {what} này (vẫn giữ trong lịch sử)", key=f"withdraw_{table}_{record_id}")
    if st.button(f"Rút {what}", disabled=not sure, key=f"withdraw_btn_{table}_{record_id}"):
        withdraw_record(data.db_path(), table, record_id, _user_name())
        _saved(f"Đã rút {what} #{record_id}.")
