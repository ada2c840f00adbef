"""The file kept with a survey batch: the export without its personal-data columns, and with
e-mails, phone numbers and ID numbers in the answers masked. The raw export is never stored;
this is what "Tải tệp gốc" of the batch gives back."""

from __future__ import annotations

import csv
import io

import openpyxl

from etl.load.surveys.columns import ColumnPlan
from etl.load.surveys.export import Export
from etl.load.surveys.privacy import mask_text


def kept_file(export: Export, plans: list[ColumnPlan]) -> bytes:
    keep = [p for p in plans if p.role != "pii"]
    masked = {p.position for p in keep if p.role in {"question", "district", "group", "skip"}}
    header = [p.header for p in keep]
    rows = [
        [mask_text(row[p.position])[0] if p.position in masked else row[p.position] for p in keep]
        for row in export.rows
    ]
    if export.kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = export.sheet or "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
