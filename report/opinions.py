"""The report section "Ý kiến của đội ngũ nhà giáo, cán bộ quản lý và Nhân dân": per task of the
resolution, what the survey questions mapped to it say (the share agreeing or satisfied, its n
and Wilson interval, by respondent group with small cells hidden), then the quotes analysts kept.

The draft writes it under the outline's row of fill ``survey`` (report.draft_docx), which gives
the heading; called alone, the section adds its own title.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from docx.document import Document as DocumentObject

from analysis.surveys import SAMPLE_NOTE_VI
from page_models.opinions import (
    breakdown_names,
    build_opinions,
    interval_text,
    records,
    task_label,
)
from report import docx_layout as layout
from vocab.display import format_rate

SECTION_TITLE = "Ý kiến của đội ngũ nhà giáo, cán bộ quản lý và Nhân dân"


def add_opinion_section(
    doc: DocumentObject,
    answers: pd.DataFrame,
    quotes: pd.DataFrame,
    units: pd.DataFrame,
    subheading: Callable[[str], object] | None = None,
) -> int:
    """Write the section into ``doc`` (already set up by docx_layout); returns the number of
    questions reported (0: no survey loaded, the section says so). Alone it adds its title and its
    parts are headings; inside the draft (``subheading`` given) the outline's row is its title and
    its parts are the draft's labels, so the draft's headings stay those of the outline."""
    if subheading is None:
        doc.add_heading(SECTION_TITLE, level=1)
        subheading = lambda text: doc.add_heading(text, level=2)  # noqa: E731
    rows = records(answers)
    if not rows:
        layout.body(doc, "Chưa có kết quả khảo sát ý kiến nào được nạp.")
        return 0
    first = build_opinions(answers, units, None, None, "group")
    round_label = first.rounds[-1]
    layout.body(
        doc,
        f"Kết quả khảo sát đợt {round_label} ({SAMPLE_NOTE_VI}): tỷ lệ đồng ý hoặc hài lòng trong số người có ý "
        "kiến, kèm số người trả lời và khoảng tin cậy 95 %; nhóm dưới 5 người không được nêu riêng.",
    )
    names = breakdown_names(units, "group")
    reported, task = 0, object()
    for question in first.questions:
        if question.kind != "likert":
            continue
        view = build_opinions(answers, units, round_label, question.code, "group")
        if question.task != task:
            task = question.task
            subheading(task_label(question.task))
        layout.body(doc, f"«{question.header}»: {view.headline}")
        groups = [
            f"{names.get(s.key, str(s.key))} {format_rate(100 * (s.share or 0))} ({interval_text(s)}; n = {s.n})"
            for s in view.share_rows
            if s.key is not None and not s.suppressed
        ]
        if groups:
            layout.body(doc, "Theo đối tượng (khoảng tin cậy 95 %): " + "; ".join(groups) + ".")
        if view.change:
            layout.body(doc, view.change)
        reported += 1
    if not quotes.empty:
        subheading("Một số ý kiến tiêu biểu")
        for text in quotes["text"]:
            layout.body(doc, f"“{text}”", italic=True)
    return reported
