"""The review report's outline, an editable data file (data/reference/report_outline.csv).

One row per part, section or paragraph, in document order: ``id``, ``parent`` (the row it
sits under), the ``number`` as printed ("Phần thứ nhất", "I.", "1.", "a)"), the ``title``
(empty for a task: its title comes from tasks.csv; empty for a paragraph without a heading),
what fills it (``fill``), the ``task`` numbers a row is about, the ``indicators`` a "facts"
row states, the ``variants`` it belongs to (empty: all), the ``prompt`` people answer in
writing ("[tên cơ quan]" in it becomes the issuing body), and the ``source`` the row was taken
from. docs/export.md, "The review report".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from etl.reference.files import REFERENCE_DIR

__all__ = ["FILLS", "OUTLINE_PATH", "VARIANTS", "OutlineError", "OutlineRow", "read_outline"]

OUTLINE_PATH = REFERENCE_DIR / "report_outline.csv"
VARIANTS = ("province", "district", "hdnd")
FILLS = {
    "heading": "a heading; its rows follow",
    "prompt": "a prompt for the people who write the report",
    "task": "one task of the resolution: its results and weaknesses, with their causes",
    "results": "the most important results (of the listed tasks; empty: of all)",
    "weaknesses": "the most important weaknesses",
    "causes": "the analysts' causes of results and of weaknesses",
    "facts": "a statement of each listed indicator (the People's Council's resources)",
    "survey": "the opinions of teachers, school leaders and citizens (report.opinions), after the row's prompt",
    "appendix": "after the signature, on a new page",
    "data_files": "the data appendix files that come with the report",
    "other_findings": "the table of findings beyond the most important of each heading",
    "sources": "the documents and data the sentences cite",
}


class OutlineError(ValueError):
    """A report outline the drafts cannot follow (the message is Vietnamese and names the row)."""


@dataclass(frozen=True)
class OutlineRow:
    id: str
    parent: str
    number: str
    title: str
    fill: str
    tasks: tuple[int, ...]
    indicators: tuple[str, ...]
    variants: tuple[str, ...]
    prompt: str
    source: str
    depth: int = 0  # 0 for a part ("Phần thứ nhất"), 1 for "I.", 2 for "1.", …


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").split(";") if p.strip())


def read_outline(
    path: Path = OUTLINE_PATH, variant: str | None = None, tasks: range = range(1, 10)
) -> list[OutlineRow]:
    """The rows of the outline (of one variant, when given), each with its depth; raises OutlineError."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        raw = list(csv.DictReader(handle))
    problems: list[str] = []
    rows: list[OutlineRow] = []
    depth: dict[str, int] = {}
    for line, r in enumerate(raw, start=2):
        where = f"{path.name}, dòng {line}"
        ident, parent, fill = (
            (r.get("id") or "").strip(),
            (r.get("parent") or "").strip(),
            (r.get("fill") or "").strip(),
        )
        if not ident or ident in depth:
            problems.append(f"{where}: id '{ident}' trống hoặc trùng")
            continue
        if parent and parent not in depth:
            problems.append(f"{where}: parent '{parent}' phải là id của một dòng phía trên")
        if fill not in FILLS:
            problems.append(f"{where}: fill '{fill}' không hợp lệ (cho phép: {', '.join(FILLS)})")
        numbers = _split(r.get("task") or "")
        if not all(n.isdigit() and int(n) in tasks for n in numbers) or (fill == "task" and len(numbers) != 1):
            problems.append(f"{where}: task '{r.get('task')}' phải là số thứ tự nhiệm vụ 1–{tasks.stop - 1}")
        variants = _split(r.get("variants") or "") or VARIANTS
        if not set(variants) <= set(VARIANTS):
            problems.append(f"{where}: variants chỉ gồm {', '.join(VARIANTS)}")
        if fill == "facts" and not _split(r.get("indicators") or ""):
            problems.append(f"{where}: dòng facts cần danh sách chỉ tiêu (cột indicators)")
        depth[ident] = depth[parent] + 1 if parent in depth else 0
        rows.append(
            OutlineRow(
                ident,
                parent,
                (r.get("number") or "").strip(),
                (r.get("title") or "").strip(),
                fill,
                tuple(int(n) for n in numbers if n.isdigit()),
                _split(r.get("indicators") or ""),
                tuple(variants),
                (r.get("prompt") or "").strip(),
                (r.get("source") or "").strip(),
                depth[ident],
            )
        )
    by_id = {row.id: row for row in rows}
    for row in rows:
        orphan = [v for v in row.variants if row.parent in by_id and v not in by_id[row.parent].variants]
        if orphan:
            problems.append(
                f"{path.name}: dòng '{row.id}' thuộc {', '.join(orphan)} nhưng dòng cha '{row.parent}' thì không"
            )
    if problems:
        raise OutlineError("Đề cương báo cáo không dùng được:\n" + "\n".join(problems))
    return [r for r in rows if variant is None or variant in r.variants]
