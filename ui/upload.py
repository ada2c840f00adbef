"""Widgets of the upload page: the per-file dry-run report and the confirmation form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from etl.issues import blocks_file
from etl.load.aliases import AliasError, save_alias
from page_models.upload import (
    FileCheck,
    NameQuestion,
    check_upload,
    issue_counts,
    issues_frame,
    issues_workbook,
    recheck,
)
from ui import data
from ui.questions import changes_panel, questions_panel, recipe_note, sender_caption
from vocab.display import format_count
from vocab.labels import ISSUE_HEADERS
from vocab.text import markdown_escape

STATUS_TEXT = {
    "validated": "Hợp lệ, sẵn sàng nạp",
    "rejected": "Có lỗi, không thể nạp",
    "unchanged": "Tệp này đã được nạp trước đây, không có gì thay đổi",
    "nothing": "Không có giá trị nào nạp được (xem lý do và câu hỏi bên dưới)",
}
DIFF_COLUMNS: dict[str, Any] = {
    "unit_name": "Địa bàn",
    "indicator_name": "Chỉ tiêu",
    "year": st.column_config.NumberColumn("Năm", format="%d"),
    "old": st.column_config.NumberColumn("Giá trị hiện tại", format="localized"),
    "new": st.column_config.NumberColumn("Giá trị trong tệp", format="localized"),
    "change": "Thay đổi",
    "sheet": "Trang",
    "cell": "Ô",
}


def _file_key(f: UploadedFile) -> tuple[str, int, int]:
    content = f.getvalue()
    return (f.name, len(content), hash(content))


_KEPT_CHECKS = 20  # checks of files no longer in the uploader, kept to compare a file uploaded again


def current_checks(files: Sequence[UploadedFile], max_bytes: int) -> list[FileCheck]:
    """The dry run of each file, kept in the session (also after a load): a file whose store
    changed since it was checked (a load, an alias, an edited recipe) is checked again and shows
    what it loads now against before."""
    checked: dict[tuple[str, int, int], FileCheck] = st.session_state.setdefault("upload_checks", {})
    for f in files:
        key, check = _file_key(f), checked.pop(_file_key(f), None)
        if check is None:
            check = check_upload(f.name, f.getvalue(), data.db_path(), max_bytes)
        elif check.snapshot != data.current_snapshot():
            check = recheck(check, data.db_path(), max_bytes)
        checked[key] = check  # newest last
    for old in list(checked)[: max(0, len(checked) - _KEPT_CHECKS)]:
        del checked[old]
    return [checked[_file_key(f)] for f in files]


def check_again(f: UploadedFile, check: FileCheck, max_bytes: int, changes: dict[str, Any]) -> None:
    """Check a file again with what the analyst changed in its panel (answers, sender, recipe)."""
    st.session_state["upload_checks"][_file_key(f)] = recheck(check, data.db_path(), max_bytes, **changes)


def overview(checks: list[FileCheck]) -> None:
    rows = [
        {
            "Tệp": c.name,
            "Kết quả": STATUS_TEXT.get(c.report.status, c.report.status),
            "Lỗi": c.n_errors,
            "Cảnh báo": c.n_warnings,
            **c.change_counts,
        }
        for c in checks
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


@dataclass
class FileChoice:
    """What the analyst did in a file's panel: check it again (with these arguments of
    ``page_models.upload.recheck``) and whether to remember its answers when it loads."""

    recheck: dict[str, Any] = field(default_factory=dict)
    remember: bool = False


def file_details(check: FileCheck, senders: dict[str, str], key: str) -> FileChoice:
    """The report of one file with its sender, recipe and questions."""
    status = check.report.status
    if status == "rejected":
        refusal = next((i for i in check.report.issues if blocks_file(i)), None)  # why the whole file
        reason = f"\n\n{markdown_escape(refusal.location)}: {markdown_escape(refusal.message)}" if refusal else ""
        counts = f"{check.n_errors} lỗi, {check.n_warnings} cảnh báo"
        st.error(f"{STATUS_TEXT[status]}: {counts}. Sửa tệp rồi tải lên lại.{reason}")
    elif status == "nothing":
        st.warning(STATUS_TEXT[status] + ".")
    elif status == "unchanged":
        st.info(STATUS_TEXT[status] + ".")
    elif check.n_warnings:
        st.warning(f"Hợp lệ nhưng có {check.n_warnings} cảnh báo: xem kỹ trước khi xác nhận.")
    else:
        st.success(STATUS_TEXT[status] + ".")
    choice = FileChoice()
    asks_sender = status != "unchanged" and (status != "rejected" or check.questions)
    if asks_sender:
        sender = _sender(check, senders, key)
        if sender is not None and sender != check.sender_code:
            choice.recheck = {"sender": sender}
    if asks_sender or status == "unchanged":  # an unchanged file was read with its recipe too
        use = recipe_note(check, key)
        if use is not None:
            choice.recheck = {"recipes": use}
    if check.changes is not None and check.changes.any:
        changes_panel(check.changes, key)
    if check.questions:
        answers = questions_panel(check, data.db_path(), key, st.session_state.setdefault("upload_previews", {}))
        if answers is not None:
            choice.recheck = {"answers": answers}
    if check.can_confirm and check.can_remember:
        name = senders.get(check.sender_code or "", check.sender_code)
        choice.remember = st.checkbox(
            f"Ghi nhớ câu trả lời cho các tệp sau của {name} có cùng bố cục (không hỏi lại)",
            value=True,
            key=f"{key}_remember",
        )
    elif check.answers and check.sender_code is None:
        st.caption("Chọn bên gửi để ghi nhớ câu trả lời cho các tệp sau của bên gửi này.")
    issues_tab, diff_tab = st.tabs(["Kết quả kiểm tra", "So với số liệu hiện có"])
    with issues_tab:
        _issues(check, key)
    with diff_tab:
        _diff(check, key)
    return choice


def _sender(check: FileCheck, senders: dict[str, str], key: str) -> str | None:
    """Who sent the file (used for the submission tracker and to find the answers remembered for
    this sender's files); pre-selected when the file's unit or its layout says it."""
    codes = list(senders)
    if check.sender_code in senders:
        st.session_state.setdefault(f"{key}_sender", check.sender_code)
    sender = st.selectbox(
        "Bên gửi tệp",
        codes,
        index=None,
        format_func=senders.__getitem__,
        placeholder="Chọn bên gửi (dùng cho theo dõi nộp báo cáo và để ghi nhớ câu trả lời)",
        key=f"{key}_sender",
    )
    sender_caption(check)
    return sender


def _issues(check: FileCheck, key: str) -> None:
    if not check.report.issues:
        st.write("Không phát hiện vấn đề nào.")
        return
    counts = issue_counts(check.report.issues)
    st.dataframe(
        counts.rename(columns={"severity": "Mức độ", "code": "Mã lỗi", "count": "Số lần", "example": "Ví dụ"}),
        hide_index=True,
        width="stretch",
    )
    st.dataframe(issues_frame(check.report.issues).rename(columns=ISSUE_HEADERS), hide_index=True, width="stretch")
    st.download_button(
        "Tải báo cáo kiểm tra (Excel)",
        lambda: issues_workbook(check),  # built on click, not on every rerun
        file_name=f"kiem_tra_{check.name.rsplit('.', 1)[0]}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key=f"{key}_issues_xlsx",
        on_click="ignore",
    )


def _diff(check: FileCheck, key: str) -> None:
    if check.diff.empty:
        st.write("Tệp không có giá trị nào đọc được.")
        return
    counts = check.change_counts
    st.write(" · ".join(f"**{format_count(n)}** giá trị {label.lower()}" for label, n in counts.items()))
    summary = check.summary.rename(
        columns={
            "unit_name": "Địa bàn",
            "indicator_name": "Chỉ tiêu",
            "new": "Mới",
            "changed": "Thay đổi",
            "unchanged": "Không đổi",
        }
    ).drop(columns=["unit_code", "indicator_code"])
    st.dataframe(summary, hide_index=True, width="stretch", height=240)
    only_changes = st.toggle("Chỉ hiện giá trị mới hoặc thay đổi", value=True, key=f"{key}_only_changes")
    detail = check.diff[check.diff["change"] != "Không đổi"] if only_changes else check.diff
    st.dataframe(detail[list(DIFF_COLUMNS)], column_config=DIFF_COLUMNS, hide_index=True, width="stretch")


def confirm_form(checks: list[FileCheck]) -> tuple[bool, str, date] | None:
    """The confirmation controls; (confirmed, note, received_on), or None when nothing can be loaded."""
    ready = [c for c in checks if c.can_confirm]
    blocked = [c for c in checks if c.report.status == "rejected"]
    if blocked:
        st.error(f"{len(blocked)} tệp có lỗi sẽ không được nạp: " + ", ".join(markdown_escape(c.name) for c in blocked))
    if not ready:
        return None
    warned = sum(c.n_warnings for c in ready)
    acknowledged = True
    if warned:
        acknowledged = st.checkbox(
            f"Tôi đã xem {warned} cảnh báo và xác nhận số liệu là đúng.", key="upload_ack_warnings"
        )
    received_on = st.date_input("Ngày nhận tệp", value=date.today(), format="DD/MM/YYYY", key="upload_received")
    note = st.text_input("Ghi chú cho lần nạp (không bắt buộc)", key="upload_note")
    confirmed = st.button(
        f"Xác nhận nạp {len(ready)} tệp",
        type="primary",
        disabled=not acknowledged,
        icon=":material/upload:",
        key="upload_confirm",
    )
    return confirmed, note, received_on


def _labeller(names: dict[str, str]) -> Callable[[str], str]:
    return lambda code: f"{names.get(code, code)} ({code})"


def confirm_names(questions: list[NameQuestion], actor: str) -> bool:
    """Let the analyst say which unit or indicator an unmatched name means; True when one was saved."""
    units = data.query("units")
    catalogue = data.query("catalogue")
    names = {
        "unit": dict(zip(units["code"], units["name"], strict=True)),
        "indicator": dict(zip(catalogue["code"], catalogue["name_vi"], strict=True)),
    }
    st.caption(
        "Những tên dưới đây không khớp chính xác với danh mục nên số liệu của chúng không được nạp. "
        "Nếu bạn chắc một tên chỉ đúng đơn vị hoặc chỉ tiêu nào, lưu nó làm tên gọi khác: tệp sẽ được "
        "kiểm tra lại, và các tệp sau có tên này sẽ tự khớp."
    )
    for n, q in enumerate(questions):
        options = list(dict.fromkeys([*q.suggestions, *names[q.kind]]))
        label = "Đơn vị" if q.kind == "unit" else "Chỉ tiêu"
        cols = st.columns([3, 3, 1], vertical_alignment="bottom")
        cols[0].text(f"{q.text}\n{label.lower()} · {q.where}")  # file text: never Markdown
        code = cols[1].selectbox(
            f"{label} đúng là",
            options,
            index=None,
            format_func=_labeller(names[q.kind]),
            placeholder="Chọn (gợi ý ở đầu danh sách)",
            key=f"alias_{q.kind}_{n}",
        )
        if cols[2].button("Lưu", key=f"alias_save_{q.kind}_{n}", disabled=code is None):
            try:
                save_alias(data.db_path(), q.kind, q.text, str(code), actor)
            except AliasError as exc:
                st.error(markdown_escape(exc))
            else:
                return True
    return False
