"""Widgets of the page "Câu trả lời đã lưu": the list of recipes, one recipe with its versions and
batches, the edit and delete forms, export and import, and what files load after an edit.

Layout text and question keys come from files: drawn with st.text or in tables, never as Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from etl.load.answer_meaning import question_label
from page_models.recipes import RecipeDetail, export_answers
from ui import data
from ui.questions import changes_panel

TABLE_COLUMNS: dict[str, Any] = {
    "recipe_id": st.column_config.NumberColumn("Số", format="%d", width="small"),
    "Bố cục": st.column_config.TextColumn("Bố cục", width="medium"),
    "Câu trả lời": st.column_config.TextColumn("Câu trả lời", width="medium"),
    "Phiên bản": st.column_config.NumberColumn("Phiên bản", format="%d", width="small"),
    "Thời điểm": st.column_config.DatetimeColumn("Thời điểm", format="DD/MM/YYYY HH:mm"),
}


def pick_recipe(table: pd.DataFrame) -> int:
    """The recipes as a table, and the one chosen to see, edit or delete."""
    st.dataframe(table, column_config=TABLE_COLUMNS, hide_index=True, width="stretch")
    labels = {
        int(r["recipe_id"]): f"Bộ số {r['recipe_id']} · {r['Bên gửi']} · phiên bản {r['Phiên bản']} · {r['Trạng thái']}"
        for r in table.to_dict("records")
    }
    return int(st.selectbox("Chọn bộ câu trả lời", list(labels), format_func=labels.__getitem__, key="recipe_pick"))


def recipe_view(detail: RecipeDetail) -> None:
    recipe = detail.recipe
    st.subheader(f"Bộ câu trả lời số {recipe.recipe_id}")
    st.write(
        f"Bên gửi: **{recipe.sender_name or recipe.sender_code}** · phiên bản {recipe.version} · "
        f"lưu bởi {recipe.author}" + (f" lúc {recipe.written_at:%d/%m/%Y %H:%M}" if recipe.written_at else "")
    )
    if recipe.status != "active":
        st.warning("Bộ câu trả lời này đã bị xóa: các tệp mới cùng bố cục sẽ được hỏi lại.")
    st.markdown("**Bố cục** (tên trang và các dòng tiêu đề, không kể năm và số)")
    st.text(recipe.layout_text or "(không có mô tả bố cục)")
    st.markdown("**Câu trả lời**")
    st.dataframe(detail.answers, hide_index=True, width="stretch")
    st.markdown("**Các phiên bản**")
    st.dataframe(
        detail.versions[["version", "origin", "source_file", "answers", "author", "written_at", "note", "status"]],
        column_config={
            "version": st.column_config.NumberColumn("Phiên bản", format="%d"),
            "origin": "Cách tạo",
            "source_file": "Tệp",
            "answers": "Câu trả lời",
            "author": "Người lưu",
            "written_at": st.column_config.DatetimeColumn("Thời điểm", format="DD/MM/YYYY HH:mm"),
            "note": "Ghi chú",
            "status": "Trạng thái",
        },
        hide_index=True,
        width="stretch",
    )
    st.markdown("**Các lô đã đọc theo bộ câu trả lời này**")
    if detail.batches.empty:
        st.caption("Chưa có lô nào.")
        return
    st.dataframe(
        detail.batches[["batch_id", "version", "file_name", "loaded_at", "loaded_by", "n_values", "status"]],
        column_config={
            "batch_id": st.column_config.NumberColumn("Lô", format="%d"),
            "version": st.column_config.NumberColumn("Phiên bản", format="%d"),
            "file_name": "Tệp",
            "loaded_at": st.column_config.DatetimeColumn("Thời điểm nạp", format="DD/MM/YYYY HH:mm"),
            "loaded_by": "Người nạp",
            "n_values": st.column_config.NumberColumn("Số giá trị", format="localized"),
            "status": "Trạng thái",
        },
        hide_index=True,
        width="stretch",
    )


def export_button(recipe_id: int) -> None:
    st.download_button(  # built only when clicked
        "Tải tệp câu trả lời (CSV)",
        lambda: export_answers(data.db_path(), recipe_id),
        file_name=f"cau_tra_loi_{recipe_id}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="recipe_export",
    )


def edit_form(detail: RecipeDetail) -> tuple[dict[tuple[str, str], str], str] | None:
    """One field per answer (change it, or drop it); (answers, note) when the analyst saves."""
    recipe = detail.recipe
    with st.form(f"recipe_edit_{recipe.recipe_id}_{recipe.version}"):
        st.markdown("**Sửa câu trả lời** (lưu thành phiên bản mới; phiên bản cũ vẫn được giữ)")
        answers = {}
        prefix = f"recipe_{recipe.recipe_id}_{recipe.version}"
        for n, (kind, key, answer) in enumerate(recipe.answers):
            st.text(question_label(kind, key))
            choices = detail.choices[(kind, key)]
            cols = st.columns([4, 1], vertical_alignment="bottom")
            value: str | None
            if choices is None:
                value = cols[0].text_input("Số thứ tự dòng tiêu đề", value=answer, key=f"{prefix}_answer_{n}")
            else:
                labels = detail.labels[(kind, key)]
                value = cols[0].selectbox(
                    "Câu trả lời",
                    choices,
                    index=choices.index(answer) if answer in choices else None,
                    format_func=lambda a, labels=labels: labels.get(a, a),
                    key=f"{prefix}_answer_{n}",
                )
            drop = cols[1].checkbox("Bỏ câu này", key=f"{prefix}_drop_{n}")
            if value and not drop:
                answers[(kind, key)] = str(value).strip()
        note = st.text_input("Lý do sửa (không bắt buộc)", key=f"{prefix}_note")
        if st.form_submit_button("Lưu phiên bản mới", type="primary", icon=":material/save:"):
            return answers, note
    return None


def delete_form(detail: RecipeDetail) -> str | None:
    """The note of a confirmed deletion, or None."""
    with st.form(f"recipe_delete_{detail.recipe.recipe_id}"):
        st.markdown("**Xóa bộ câu trả lời** (giữ lại trong lịch sử; các tệp sau cùng bố cục sẽ được hỏi lại)")
        note = st.text_input("Lý do xóa", key="recipe_delete_note")
        sure = st.checkbox("Tôi hiểu rằng các tệp sau của bên gửi này sẽ được hỏi lại.", key="recipe_delete_sure")
        submitted = st.form_submit_button("Xóa bộ câu trả lời", icon=":material/delete:")
    if submitted and not sure:
        st.error("Đánh dấu ô xác nhận trước khi xóa.")
        return None
    return note if submitted else None


@dataclass(frozen=True)
class ImportRequest:
    name: str
    content: bytes
    sender: str
    note: str
    sample: tuple[str, bytes] | None


def import_form(senders: dict[str, str]) -> ImportRequest | None:
    """An answers file (CSV) to save as a sender's recipe; a sample data file gives the layout when
    the answers file does not name one."""
    with st.expander("Nhập bộ câu trả lời từ tệp (CSV)", icon=":material/upload:"):
        st.caption(
            "Tệp có các cột file,kind,key,answer (như tệp --answers của lệnh nạp, hoặc tệp tải về từ trang này). "
            "Nếu tệp không ghi bố cục, tải kèm một tệp số liệu có bố cục đó."
        )
        answers = st.file_uploader("Tệp câu trả lời", type=["csv"], key="recipe_import_file")
        sample = st.file_uploader(
            "Tệp số liệu mẫu (không bắt buộc)", type=["xlsx", "xlsm", "xls", "csv"], key="recipe_import_sample"
        )
        codes = list(senders)
        sender = st.selectbox("Bên gửi", codes, index=None, format_func=senders.__getitem__, key="recipe_import_sender")
        note = st.text_input("Ghi chú (không bắt buộc)", key="recipe_import_note")
        if st.button("Nhập", disabled=answers is None or sender is None, key="recipe_import"):
            assert answers is not None and sender is not None
            return ImportRequest(
                answers.name,
                answers.getvalue(),
                sender,
                note,
                (sample.name, sample.getvalue()) if sample is not None else None,
            )
    return None


def recheck_results(recipe_id: int) -> None:
    """After an edit: what the files the recipe read before load with it now."""
    shown, results = st.session_state.get("recipe_rechecks", (None, []))
    if shown != recipe_id or not results:
        return
    st.subheader("Kiểm tra lại các tệp đã đọc theo bộ câu trả lời này")
    for r in results:
        st.text(f"Tệp {r.file_name} (lô {r.batch_id}, đọc theo phiên bản {r.version})")
        changes_panel(r.changes, f"recheck_{r.batch_id}", "Lô đã nạp → đọc lại tệp với bộ câu trả lời hiện nay")
    st.caption("Chưa có gì được ghi: muốn nạp lại tệp với câu trả lời mới, tải tệp lên ở trang Tải dữ liệu lên.")
