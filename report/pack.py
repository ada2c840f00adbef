"""The report pack in one call: the draft report (DOCX), its data appendix (DOCX), the XLSX
workbook of every table and a ZIP of the PNG figures.

Rendering overlaps the building: each figure is handed to the renderer's
thread as soon as it is built (and the browser starts while the data load),
so the pack takes about as long as the slower of the two, not their sum; the
workbook is written while the last images render.
`progress(fraction, message)` is called from the calling thread only (a
Streamlit page maps it to st.progress).
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from page_models.tables import exported
from report import images
from report.content import FigureItem, Options, ReportContent, TableItem, load_content
from report.docx_writer import docx_bytes, table_notes
from report.draft import Draft, appendix_options, load_draft
from report.draft_docx import draft_bytes
from report.print_style import print_figure
from report.sheets import Sheet, xlsx_bytes

__all__ = ["FILE_NAMES", "Pack", "Progress", "build_draft", "build_pack", "workbook_bytes"]

Progress = Callable[[float, str], None]
FILE_NAMES = {"docx": "phu_luc_so_lieu.docx", "xlsx": "bang_so_lieu.xlsx", "png_zip": "bieu_do_png.zip"}
BUNDLE_NAME = "bao_cao_nq29.zip"


@dataclass
class Pack:
    content: ReportContent
    docx: bytes  # the data appendix
    xlsx: bytes
    pngs: dict[str, bytes]
    draft: Draft
    draft_docx: bytes
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def png_zip(self) -> bytes:
        return _zip({f"bieu_do/{name}": data for name, data in self.pngs.items()})

    def bundle(self) -> bytes:
        """Everything in one ZIP: the draft, the appendix, the XLSX and the PNG figures."""
        files = {self.draft.file_name: self.draft_docx, FILE_NAMES["docx"]: self.docx, FILE_NAMES["xlsx"]: self.xlsx}
        return _zip(files | {f"bieu_do/{name}": data for name, data in self.pngs.items()})

    def write(self, folder: Path) -> list[Path]:
        """Write the draft, the appendix, the XLSX, the ZIP of PNGs and the all-in-one ZIP into `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        outputs = {
            self.draft.file_name: self.draft_docx,
            FILE_NAMES["docx"]: self.docx,
            FILE_NAMES["xlsx"]: self.xlsx,
            FILE_NAMES["png_zip"]: self.png_zip,
            BUNDLE_NAME: self.bundle(),
        }
        for name, data in outputs.items():
            (folder / name).write_bytes(data)
        return [folder / name for name in outputs]


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name.endswith(".png") else None)
    return buffer.getvalue()


def _table_sheet(item: TableItem) -> Sheet:
    """A district × year table as the DOCX shows it: numbers as numbers, a partial province figure and a
    withheld flagged value as their text."""
    unit = f"Đơn vị tính: {item.unit}" if item.unit else ""
    return Sheet(
        name=f"Bảng {item.number}",
        frame=exported(item.frame, item.unit, item.states, withhold=True),
        title=item.caption,
        notes_above=[unit] if unit else [],
        notes_below=[item.source, *table_notes(item)],
        units=item.unit,
    )


def workbook_bytes(content: ReportContent) -> bytes:
    """Every table of the pack, one worksheet each ("Bảng 1", "Bảng 2", …), after a list of them."""
    import pandas as pd

    listing = pd.DataFrame(
        {"Trang tính": [f"Bảng {t.number}" for t in content.tables], "Nội dung": [t.caption for t in content.tables]}
    )
    sheets = [Sheet("Danh mục", listing, title="Danh mục bảng số liệu", index=False, column_widths={0: 12, 1: 90})]
    summary = content.summary
    sheets.append(
        Sheet(
            name="Bảng 1",
            frame=summary.frame,
            title=summary.caption,
            notes_below=[summary.source],
            units={"Giá trị năm đầu": "", "Giá trị năm cuối": "", "Thay đổi": ""},
            column_widths={0: 50},
        )
    )
    sheets += [_table_sheet(t) for t in content.tables[1:]]
    return xlsx_bytes(sheets)


def _print_png(figure: Any) -> bytes:
    return images.figure_png(print_figure(figure))


def build_draft(db_path: Path, options: Options) -> tuple[Draft, bytes]:
    """The draft report alone (no figures: no browser needed)."""
    draft = load_draft(db_path, options)
    return draft, draft_bytes(draft)


def build_pack(db_path: Path, options: Options | None = None, progress: Progress | None = None) -> Pack:
    """Build the whole pack from the store at `db_path`: the draft of `options.variant` and its appendix."""
    options = options or Options()
    report = progress or (lambda fraction, message: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    report(0.0, "Đang đọc số liệu…")
    draft, draft_docx = build_draft(db_path, options)  # checks the options before anything is rendered
    pending: list[tuple[FigureItem, Future[bytes]]] = []
    with ThreadPoolExecutor(max_workers=images.TABS, thread_name_prefix="report-render") as pool:
        warm = pool.submit(images.browser_ready)  # the browser starts while the data load

        def on_figure(item: FigureItem, expected: int) -> None:
            pending.append((item, pool.submit(_print_png, item.figure)))
            report(0.05 + 0.45 * min(1.0, len(pending) / max(expected, 1)), f"Đã dựng {len(pending)} biểu đồ…")

        content = load_content(db_path, appendix_options(options), on_figure)
        timings["content_s"] = time.perf_counter() - started
        report(0.5, "Đang ghi bảng tính Excel…")
        xlsx = workbook_bytes(content)  # while the last images render
        warm.result()
        pngs: dict[str, bytes] = {}
        for i, (item, future) in enumerate(pending, start=1):
            pngs[item.file_name] = future.result()
            report(0.5 + 0.35 * i / len(pending), f"Đã vẽ ảnh {i}/{len(pending)} biểu đồ…")
    timings["images_s"] = time.perf_counter() - started
    report(0.9, "Đang soạn tệp Word…")
    margins = {side: draft.format.mm(f"margin_{side}") for side in ("top", "bottom", "left", "right")}
    year = draft.round.deadline.year if draft.round else draft.last_year + 1
    docx = docx_bytes(content, pngs, margins, draft.issuer.report_number(year))
    timings["total_s"] = time.perf_counter() - started
    report(1.0, f"Xong: {len(content.figures)} biểu đồ, {len(content.tables)} bảng.")
    return Pack(content, docx, xlsx, pngs, draft, draft_docx, timings)
