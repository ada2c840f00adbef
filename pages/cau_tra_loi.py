"""Câu trả lời đã lưu (analysts): answers remembered per sender and layout, each version, the
batches read with them; edit, delete, export and import (docs/recipes.md)."""

import streamlit as st

from etl.load.answer_meaning import AnswerError
from page_models.recipes import delete_recipe, import_answers, recipe_detail, recipe_table, save_answers
from ui import auth, data
from ui.recipes import delete_form, edit_form, export_button, import_form, pick_recipe, recheck_results, recipe_view

user = auth.require("analyst")
assert user is not None
st.title("Câu trả lời đã lưu")
st.caption(
    "Khi nạp một tệp, các câu trả lời cho câu hỏi của tệp được ghi nhớ theo bên gửi và bố cục tệp (tên trang và "
    "các dòng tiêu đề, không kể năm và số). Tệp sau cùng bên gửi, cùng bố cục được đọc theo đó, không hỏi lại. "
    "Mỗi lần sửa hay xóa là một phiên bản mới; phiên bản cũ vẫn được giữ."
)
for message in st.session_state.pop("recipe_messages", []):
    st.success(message)

sender_rows = data.query("submission_senders")
senders = dict(zip(sender_rows["code"], sender_rows["name"], strict=True))
request = import_form(senders)
if request is not None:
    try:
        saved = import_answers(
            data.db_path(), request.content, request.name, request.sender, user.name, request.note, request.sample
        )
    except AnswerError as exc:
        st.error(str(exc))
    else:
        st.session_state["recipe_messages"] = [
            f"Đã nhập bộ câu trả lời số {saved.recipe_id} (phiên bản {saved.version})."
        ]
        st.rerun()

table = recipe_table(data.db_path(), withdrawn=st.toggle("Hiện cả bộ đã xóa", key="recipe_withdrawn"))
if table.empty:
    st.info(
        "Chưa có bộ câu trả lời nào đang dùng (bật «Hiện cả bộ đã xóa» để xem các bộ đã xóa). Chúng được lưu khi "
        "nạp một tệp có câu hỏi ở trang Tải dữ liệu lên."
    )
    st.stop()
recipe_id = pick_recipe(table)
detail = recipe_detail(data.db_path(), recipe_id)
assert detail is not None
recipe_view(detail)
export_button(recipe_id)
recheck_results(recipe_id)
if detail.recipe.status == "active":
    edited = edit_form(detail)
    if edited is not None:
        try:
            recipe, results = save_answers(data.db_path(), recipe_id, edited[0], user.name, edited[1])
        except AnswerError as exc:
            st.error(str(exc))
        else:
            st.session_state["recipe_messages"] = [f"Đã lưu phiên bản {recipe.version} của bộ số {recipe_id}."]
            st.session_state["recipe_rechecks"] = (recipe_id, results)
            st.rerun()
    note = delete_form(detail)
    if note is not None:
        version = delete_recipe(data.db_path(), recipe_id, user.name, note)
        st.session_state["recipe_messages"] = [f"Đã xóa bộ số {recipe_id} (giữ lại ở phiên bản {version})."]
        st.rerun()
