"""The standard template: layout, protection, validation rules and the round trip."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from etl.load.pipeline import load_paths
from etl.reading.grid import read_workbook
from etl.reading.template_reader import read_template
from etl.reference import template_layout as layout
from etl.reference.model import Reference
from tests.conftest import cell_of, current_values
from tests.hostile_parts import rewrite


def test_template_has_one_column_per_year_and_school_year_labels(write_template: Callable[..., Path]) -> None:
    wb = load_workbook(write_template("993", {}))
    edu, other = (wb[s.name] for s in layout.DATA_SHEETS)
    header = [c.value for c in edu[layout.HEADER_ROW]]
    assert header[:4] == ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "2013-2014"]
    assert header[-2:] == ["2023-2024", "Ghi chú"]
    assert [c.value for c in other[layout.HEADER_ROW]][3:14] == [str(y) for y in range(2013, 2024)]
    assert edu[layout.UNIT_CODE_CELL].value == "993"


def test_codes_are_locked_and_inputs_validated(write_template: Callable[..., Path], reference: Reference) -> None:
    ws = load_workbook(write_template("993", {}))[layout.DATA_SHEETS[0].name]
    assert ws.protection.sheet
    row = next(r for r in range(layout.HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value == "th_tl_hoanthanh")
    assert ws.cell(row, 1).protection.locked and not ws.cell(row, 4).protection.locked
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    rate_rule = rules[f"D{row}:N{row}"]
    assert (rate_rule.type, rate_rule.operator, rate_rule.formula1, rate_rule.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    derived = [c for c in reference.indicators.values() if c.input == "derived"]
    codes_in_sheet = {ws.cell(r, 1).value for r in range(layout.HEADER_ROW + 1, ws.max_row + 1)}
    assert not codes_in_sheet & {d.code for d in derived}  # computed, never typed


def test_round_trip_generate_fill_load_gives_the_same_values(
    store: Path, write_template: Callable[..., Path], reference: Reference
) -> None:
    rng = random.Random(29)
    values: dict[tuple[str, int], float] = {}
    for ind in reference.indicators.values():
        if ind.input != "reported":
            continue
        for year in range(2013, 2024):
            if ind.kind in ("level", "status"):
                values[(ind.code, year)] = 1
            elif ind.kind == "rate":
                values[(ind.code, year)] = round(rng.uniform(40, 60), 1)
            else:
                values[(ind.code, year)] = 1000 + rng.randint(0, 50)
    # Keep rates consistent with their components so no warning fires.
    for ind in reference.indicators.values():
        if ind.kind == "rate" and ind.input == "reported" and ind.numerator and ind.denominator:
            for year in range(2013, 2024):
                values[(ind.numerator, year)] = round(values[(ind.denominator, year)] * values[(ind.code, year)] / 100)
                values[(ind.code, year)] = round(
                    values[(ind.numerator, year)] / values[(ind.denominator, year)] * 100, 1
                )
    # Bounded rates: a numerator never exceeds its denominator.
    for ind in reference.indicators.values():
        if ind.max_value == 100 and ind.numerator and ind.denominator:
            for year in range(2013, 2024):
                num, den = (ind.numerator, year), (ind.denominator, year)
                values[num] = min(values[num], values[den])
    path = write_template("996", values)
    [report] = load_paths([path], store, actor="test")
    assert report.status == "loaded", [i.message for i in report.issues]
    stored = current_values(store, "996")
    assert stored == {("996", code, year): float(v) for (code, year), v in values.items()}


def test_formulas_are_opened_only_when_one_lacks_its_saved_result(write_template: Callable[..., Path]) -> None:
    plain = write_template("993", {("th_hs", 2015): 9000}, "plain.xlsx")
    sheet, cell = cell_of(plain, "th_hs", 2015)
    content = plain.read_bytes()
    member = f"xl/worksheets/sheet{_sheet_number(content, sheet)}.xml"
    pattern = re.compile(rb'(<c r="' + cell.encode() + rb'"[^>]*>)(<v>9000</v>)')
    cached = rewrite(content, lambda xml: pattern.sub(rb"\1<f>4500*2</f>\2", xml), member)
    missing = rewrite(content, lambda xml: pattern.sub(rb"\1<f>4500*2</f>", xml), member)
    for name, data in (("plain.xlsx", content), ("cached.xlsx", cached), ("missing.xlsx", missing)):
        grids = read_workbook(data, "xlsx")
        assert read_template(data, name, grids) == read_template(data, name)
    codes = [(i.code, i.cell) for i in read_template(missing, "m.xlsx", read_workbook(missing, "xlsx")).issues]
    assert ("formula-without-value", cell) in codes
    assert pattern.search(_member(content, member)) and b"<f>4500*2</f><v>9000</v>" in _member(cached, member)
    assert not read_template(cached, "c.xlsx", read_workbook(cached, "xlsx")).issues


def _sheet_number(content: bytes, sheet: str) -> int:
    return load_workbook(io.BytesIO(content)).sheetnames.index(sheet) + 1


def _member(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)
