"""The report pack on the demo province: DOCX structure and values, XLSX workbook, PNG ZIP, CLI, notes hook.

Needs a Chromium for kaleido (CI installs Debian's); skipped with the reason otherwise.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from openpyxl import load_workbook

from analysis.budget import present, presented_catalogue
from page_models.assessment import build_assessment
from page_models.tables import assessment_rows
from report.cli import main as report_main
from report.content import Options
from report.docx_writer import HEADINGS
from report.images import browser_path, stop_renderer
from report.pack import FILE_NAMES, Pack, build_pack
from store import fetch_df, open_reader
from vocab.display import format_value

pytestmark = pytest.mark.skipif(
    browser_path() is None, reason="no Chrome/Chromium for kaleido (apt-get install chromium)"
)

GROUPS = ("tiep_can", "tai_chinh")


@pytest.fixture(scope="module")
def pack(demo_store: Path) -> Pack:
    steps: list[tuple[float, str]] = []
    built = build_pack(demo_store, Options(group_codes=GROUPS), lambda f, m: steps.append((f, m)))
    assert steps[0][0] == 0.0 and steps[-1][0] == 1.0
    assert [f for f, _ in steps] == sorted(f for f, _ in steps)  # progress only moves forward
    return built


@pytest.fixture(scope="module")
def document(pack: Pack) -> docx.document.Document:
    return docx.Document(io.BytesIO(pack.docx))


def store_value(db: Path, unit: str, indicator: str, year: int) -> float | None:
    con = open_reader(db)
    try:
        row = con.execute(
            "SELECT value FROM indicator_values WHERE unit_code = $u AND indicator_code = $i AND year = $y",
            {"u": unit, "i": indicator, "y": year},
        ).fetchone()
    finally:
        con.close()
    return None if row is None else row[0]


def test_headings_follow_the_report_outline(document: docx.document.Document) -> None:
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == HEADINGS["figures"] and HEADINGS["tables"] in headings
    assert "1. Huy động, phổ cập" in headings and "2. Tài chính" in headings


def test_captions_are_numbered_and_each_has_a_source_line(pack: Pack, document: docx.document.Document) -> None:
    paragraphs = document.paragraphs
    captions = [(i, p.text) for i, p in enumerate(paragraphs) if p.style.name == "Caption"]
    figures = [t for _, t in captions if t.startswith("Biểu đồ")]
    assert [t.split(".")[0] for t in figures] == [f"Biểu đồ {n}" for n in range(1, len(pack.content.figures) + 1)]
    # 10 rates, levels and statuses of "Huy động, phổ cập"; 10 of "Tài chính": the budget share, both
    # amounts nominal and at 2013 prices, education spending per public-school pupil, recurrent and
    # capital spending and their shares.
    assert len(figures) == 20
    for i, text in captions:
        if text.startswith("Biểu đồ"):  # image, caption, source
            assert (
                paragraphs[i + 1].text.startswith("Nguồn: ") and "số liệu tổng hợp đến ngày" in paragraphs[i + 1].text
            )
    assert figures[10] == "Biểu đồ 11. Chi ngân sách nhà nước cho giáo dục – đào tạo (tỷ đồng), năm 2013 – 2022"
    assert figures[11] == (
        "Biểu đồ 12. Chi ngân sách nhà nước cho giáo dục – đào tạo (giá so sánh năm 2013) (tỷ đồng), năm 2013 – 2022"
    )
    tables = [t for _, t in captions if t.startswith("Bảng")]
    assert [t.split(".")[0] for t in tables] == [f"Bảng {n}" for n in range(1, len(pack.content.tables) + 1)]
    assert tables[0] == "Bảng 1. Kết quả thực hiện các chỉ tiêu chủ yếu"


def test_figures_are_embedded_at_text_width(pack: Pack, document: docx.document.Document) -> None:
    shapes = document.inline_shapes
    assert len(shapes) == len(pack.content.figures)
    assert all(abs(s.width - Cm(16)) < Cm(0.05) for s in shapes)


def test_page_setup_follows_the_drafts_issuer(document: docx.document.Document) -> None:
    """The appendix of the province's draft (a Party document: 25/25/35/15 mm, report/config/format_party.csv)."""
    first, tables = document.sections[0], document.sections[-1]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(tables.page_width.cm, 1), round(tables.page_height.cm, 1)) == (29.7, 21.0)
    for section in (first, tables):
        assert [
            round(m.cm, 1)
            for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        ] == [2.5, 2.5, 3.5, 1.5]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14


def test_tables_hold_the_store_values_in_vietnamese_format(
    pack: Pack, document: docx.document.Document, demo_store: Path
) -> None:
    assert len(document.tables) == len(pack.content.tables)
    item = next(t for t in pack.content.tables if t.indicator_code == "mn_tl_huydong_mg")
    table = document.tables[pack.content.tables.index(item)]
    header = [c.text for c in table.rows[0].cells]
    assert header[0] == "Địa bàn" and header[1] == "2013-2014" and header[-1] == "2022-2023"  # the round's window
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert next(iter(rows)) == "Tỉnh Sơn Hà"
    for name, code in (("Tỉnh Sơn Hà", "99"), ("Huyện Mường Khoa", "999")):
        for j, year in enumerate(range(2013, 2023), start=1):
            expected = format_value(store_value(demo_store, code, "mn_tl_huydong_mg", year), "%")
            assert rows[name][j] == expected, (name, year)
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None  # repeated on each page


def test_appendix_names_the_draft_it_accompanies(pack: Pack, document: docx.document.Document) -> None:
    text = [p.text for p in document.paragraphs[:6]]
    assert "(Kèm theo Báo cáo số …-BC/BCSĐ ngày … tháng … năm 2023 của Ban Cán sự Đảng Ủy ban nhân dân tỉnh)" in text
    assert pack.draft.variant == "province" and pack.draft_docx[:2] == b"PK"
    assert "Kết quả đạt được" not in "\n".join(p.text for p in document.paragraphs)  # the findings are the draft's


def test_summary_table_reads_like_the_assessment_page(document: docx.document.Document, demo_store: Path) -> None:
    """Bảng 1 shows, cell for cell, what "Đánh giá kết quả – hạn chế" shows for the same indicators."""
    con = open_reader(demo_store)
    try:
        params = {"province_code": "99", "first_year": 2013, "last_year": 2022}
        stored, prices = fetch_df(con, "catalogue"), fetch_df(con, "price_index")
        values = present(fetch_df(con, "assessment_values", params), stored, prices)
        targets = fetch_df(con, "targets")
    finally:
        con.close()
    catalogue = presented_catalogue(stored)
    page = build_assessment(values, catalogue, targets, "99", 2013, 2022, as_of=date(2023, 4, 28)).table
    page = assessment_rows(page[page["group_code"].isin(GROUPS)]).set_index("name_vi")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:4] == ["Chỉ tiêu", "Năm đầu", "Năm cuối", "Thay đổi"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == list(page.index)
    for name, base, latest, change, target, _verdict, lagging in rows:
        assert [base, latest, change, target, lagging] == page.loc[
            name, ["base", "latest", "change", "target", "lagging"]
        ].tolist()


def test_workbook_has_every_table_with_numbers(pack: Pack, demo_store: Path) -> None:
    wb = load_workbook(io.BytesIO(pack.xlsx))
    assert wb.sheetnames == ["Danh mục", *(f"Bảng {t.number}" for t in pack.content.tables)]
    item = next(t for t in pack.content.tables if t.indicator_code == "ns_tl_chi_gd")
    ws = wb[f"Bảng {item.number}"]
    assert ws["A1"].value == item.caption and ws["A2"].value == "Đơn vị tính: %"
    assert ws["A4"].value == "Địa bàn" and ws["B4"].value == "2013"
    assert ws["A5"].value == "Tỉnh Sơn Hà"
    assert ws["B5"].value == pytest.approx(store_value(demo_store, "99", "ns_tl_chi_gd", 2013))
    assert ws["B5"].number_format == "#,##0.0"
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value)
    assert str(ws.cell(last, 1).value).startswith("Nguồn: ")


def test_png_zip_holds_every_figure_at_print_resolution(pack: Pack) -> None:
    with zipfile.ZipFile(io.BytesIO(pack.png_zip)) as archive:
        names = archive.namelist()
        assert names == [f"bieu_do/{f.file_name}" for f in pack.content.figures]
        data = archive.read(names[0])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1920 and height >= 1104  # 800 px wide at scale 2.4, at least 460 px tall (a foot legend, notes)
    with zipfile.ZipFile(io.BytesIO(pack.bundle())) as archive:
        assert {FILE_NAMES["docx"], FILE_NAMES["xlsx"], pack.draft.file_name} <= set(archive.namelist())


def test_command_line_writes_the_pack(demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bao_cao"
    code = report_main(
        ["build", "--out", str(out), "--db", str(demo_store), "--groups", "tai_chinh", "--from", "2015", "--quiet"]
    )
    assert code == 0
    assert {p.name for p in out.iterdir()} == {*FILE_NAMES.values(), "bao_cao_nq29.zip", "du_thao_bao_cao_tinh.docx"}
    ws = load_workbook(out / FILE_NAMES["xlsx"])["Bảng 2"]  # public-school pupils: a school-year count
    assert ws["B4"].value == "2015-2016"
    assert "biểu đồ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--groups", "khong_co"], "Không có nhóm chỉ tiêu khong_co"),
        (["--units", "12345"], "Không có địa bàn mã 12345"),
        (["--from", "2020", "--to", "2015"], "Năm đầu (2020) sau năm cuối (2015)"),
        (["--to", "2023"], "Các năm của đợt báo cáo là 2012–2022"),
        (["--round", "khong_co"], "Không có đợt báo cáo mã khong_co"),
    ],
)
def test_command_line_refuses_unknown_choices(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert report_main(["build", "--out", str(tmp_path), "--db", str(demo_store), "--quiet", *args]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def teardown_module() -> None:
    stop_renderer()
