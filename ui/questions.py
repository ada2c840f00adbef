"""Widgets for a file's questions on the upload page: the recipe it was read with, one choice per
question with a live preview of what the answer loads, and what a re-check changed.

Text from the file (names, labels, sheet names, the question's wording that quotes them) is
drawn with st.text or in tables, never as Markdown: a file is hostile input.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from etl.load.recipes import SENDER_SOURCES_VI, used_text
from etl.questions import Question
from page_models.answers import ValueChanges, sample
from page_models.upload import AnswerPreview, FileCheck, own_answers, preview_check
from vocab.display import format_count
from vocab.labels import QUESTION_KINDS_VI

Selected = dict[tuple[str, str], str]
_KEPT_PREVIEWS = 50  # previews kept in the session (each a few dry runs of one file)


def recipe_note(check: FileCheck, key: str) -> bool | None:
    """The recipe a file was read with (and its answers); returns the new "use it" choice when the
    analyst switches it."""
    recipe = check.report.recipe or check.report.recipe_ignored
    if recipe is None:
        return None
    if check.recipes:
        st.info(used_text(recipe, None), icon=":material/bookmark:")  # how the sender is known: under its box
        st.dataframe(check.recipe_table, hide_index=True, width="stretch")
    else:
        st.caption(f"Tệp được đọc không dùng bộ câu trả lời đã lưu số {recipe.recipe_id}.")
    use = st.toggle("Dùng câu trả lời đã lưu cho tệp này", value=check.recipes, key=f"{key}_use_recipe")
    return use if use != check.recipes else None


def sender_caption(check: FileCheck) -> None:
    source = "given" if check.sender else check.report.sender_source
    if source in SENDER_SOURCES_VI and source != "given":
        st.caption(SENDER_SOURCES_VI[source][:1].upper() + SENDER_SOURCES_VI[source][1:] + ".")


def questions_panel(
    check: FileCheck, db_path: Path, key: str, cache: dict[object, list[AnswerPreview]]
) -> Selected | None:
    """One choice per question, the best guess (or the answer given) selected, each with what it
    loads; returns the answers to check the file again with when the analyst asks for it."""
    questions = check.questions
    n_open = sum(1 for q in questions if q.answer is None)
    st.markdown(f"**Câu hỏi của tệp** ({len(questions)} câu, {n_open} chưa trả lời)")
    st.caption(
        "Chọn câu trả lời cho từng câu hỏi (gợi ý đã được chọn sẵn), xem trước số liệu sẽ nạp, "
        "rồi bấm «Kiểm tra lại». Câu trả lời được ghi nhớ cho các tệp sau cùng bên gửi, cùng bố cục."
    )
    selected: Selected = {}
    for n, q in enumerate(questions, start=1):
        choice = _choice(q, n, f"{key}_q_{_short(q.kind + q.key)}")
        if choice is not None:
            selected[(q.kind, q.key)] = choice
    previews = _previews(check, selected, db_path, cache)
    for preview in previews:
        _preview(preview, key)
    applied = {(q.kind, q.key): q.answer for q in questions if q.answer is not None}
    pending = selected != applied
    if pending and not applied:
        st.info("Các câu trả lời chưa được áp dụng: bấm «Kiểm tra lại với các câu trả lời này» rồi mới xác nhận.")
    elif pending:
        st.warning("Câu trả lời đã đổi so với lần kiểm tra trước: bấm «Kiểm tra lại» để áp dụng trước khi xác nhận.")
    if st.button(
        "Kiểm tra lại với các câu trả lời này",
        icon=":material/refresh:",
        disabled=not pending,
        key=f"{key}_recheck",
    ):
        return own_answers(check, selected)
    return None


def _choice(q: Question, n: int, key: str) -> str | None:
    st.markdown(f"**{n}. {_kind(q.kind)}**")
    where = ", ".join(p for p in (f"Trang {q.sheet}" if q.sheet else "", f"ô {q.cell}" if q.cell else "") if p)
    st.text(q.prompt_vi + (f" ({where})" if where else ""))
    values = [o.value for o in q.options]
    labels = {o.value: _option_label(o.label_vi, o.n_values, o.value == q.best_guess) for o in q.options}
    initial = q.answer if q.answer in values else q.best_guess if q.best_guess in values else None
    if initial is not None:
        st.session_state.setdefault(key, initial)
    return st.selectbox(
        "Câu trả lời",
        values,
        index=None,
        format_func=labels.__getitem__,
        placeholder="Chọn câu trả lời",
        key=key,
    )


def _option_label(label: str, n_values: int, best: bool) -> str:
    return f"{label} — nạp {format_count(n_values)} giá trị" + (" (gợi ý)" if best else "")


def _previews(
    check: FileCheck, selected: Selected, db_path: Path, cache: dict[object, list[AnswerPreview]]
) -> list[AnswerPreview]:
    token = (check.name, hash(check.content), check.snapshot, check.recipes, tuple(sorted(selected.items())))
    if token not in cache:
        if len(cache) > _KEPT_PREVIEWS:
            cache.clear()
        cache[token] = preview_check(check, selected, db_path)
    return cache[token]


def _preview(preview: AnswerPreview, key: str) -> None:
    changes = preview.changes
    q = preview.question
    with st.container(border=True, key=f"{key}_preview_{_short(q.kind + q.key)}"):
        st.markdown(f"**Xem trước — {_kind(q.kind)}**")
        st.caption(
            f"Với các câu trả lời đã chọn, tệp nạp {format_count(preview.n_loaded)} giá trị. Câu trả lời này: "
            f"thêm {format_count(changes.added)}, bớt {format_count(changes.removed)}, "
            f"đổi {format_count(changes.changed)} giá trị."
        )
        if changes.any:
            st.dataframe(sample(changes), hide_index=True, width="stretch")


def changes_panel(changes: ValueChanges, key: str, title: str = "So với lần kiểm tra trước") -> None:
    """What a check loads against another (the check before it, or what a batch stored)."""
    with st.container(border=True, key=f"{key}_changes"):
        st.markdown(f"**{title}**")
        st.caption(
            f"Trước: {format_count(changes.before)} giá trị; bây giờ: {format_count(changes.after)} giá trị "
            f"(thêm {format_count(changes.added)}, bớt {format_count(changes.removed)}, "
            f"đổi {format_count(changes.changed)})."
        )
        if changes.any:
            st.dataframe(changes.table, hide_index=True, width="stretch")


def _kind(kind: str) -> str:
    text = QUESTION_KINDS_VI.get(kind, kind)
    return text[:1].upper() + text[1:]


def _short(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:8]
