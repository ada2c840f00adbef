"""The review report's three drafts on the demo province: headings against the outline file,
letterheads by issuing body, fonts, the findings and facts they state, the command line and the page."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from page_models.review import save_note
from report.cli import main as report_main
from report.content import Options, OptionsError
from report.draft import Draft
from report.draft_docx import STYLES
from report.outline import OUTLINE_PATH, OutlineError
from report.pack import build_draft
from tests.test_pages import open_page

TASKS_PATH = OUTLINE_PATH.parent / "tasks.csv"
VARIANT_OPTIONS = {
    "province": Options(),
    "district": Options(variant="district", unit_code="999"),  # Huyện Mường Khoa
    "hdnd": Options(variant="hdnd"),
}


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def expected_headings(variant: str, outline: Path = OUTLINE_PATH) -> list[str]:
    """The headings a draft must have, read straight from the outline file (and tasks.csv for task titles)."""
    with TASKS_PATH.open(encoding="utf-8", newline="") as handle:
        tasks = {r["number"]: r["title"] for r in csv.DictReader(handle)}
    with outline.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for r in rows:
        variants = [v for v in r["variants"].split(";") if v]
        if variants and variant not in variants:
            continue
        title = r["title"] or (tasks[r["task"]] if r["fill"] == "task" else "")
        if title or r["number"]:
            out.append(_squash(f"{r['number']} {title}"))
    return out


def headings(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [_squash(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def paragraphs(data: bytes, style: str | None = None) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if style is None or p.style.name == style]


@pytest.fixture(scope="module")
def built(demo_store: Path) -> dict[str, tuple[Draft, bytes]]:
    return {variant: build_draft(demo_store, options) for variant, options in VARIANT_OPTIONS.items()}


@pytest.mark.parametrize("variant", list(VARIANT_OPTIONS))
def test_headings_follow_the_outline_file(built: dict[str, tuple[Draft, bytes]], variant: str) -> None:
    assert headings(built[variant][1]) == expected_headings(variant)


def test_an_edited_outline_changes_the_draft_and_a_broken_one_is_refused(demo_store: Path, tmp_path: Path) -> None:
    edited = tmp_path / "de_cuong.csv"
    text = OUTLINE_PATH.read_text(encoding="utf-8").replace("Bài học kinh nghiệm,prompt", "Bài học rút ra,prompt")
    edited.write_text(text, encoding="utf-8")
    _, data = build_draft(demo_store, Options(outline=edited))
    assert headings(data) == expected_headings("province", edited)
    assert "4. bài học rút ra" in headings(data)
    broken = tmp_path / "hong.csv"
    broken.write_text(text.replace(",task,1,", ",task,12,", 1), encoding="utf-8")
    with pytest.raises(OutlineError, match="task '12' phải là số thứ tự nhiệm vụ 1–9"):
        build_draft(demo_store, Options(outline=broken))


def test_findings_are_stated_by_task_at_most_eight_per_heading(built: dict[str, tuple[Draft, bytes]]) -> None:
    draft, data = built["province"]
    stated = paragraphs(data, STYLES["finding"])
    for task in draft.findings.tasks:
        for finding in (*task.results, *task.weaknesses):
            assert f"- {finding.text}" in stated
    overview = draft.findings.results + draft.findings.weaknesses
    assert all(stated.count(f"- {f.text}") == 2 for f in overview)  # under its task and in "Đánh giá chung"
    more = [f for t in draft.findings.tasks for f in t.more]
    table_texts = {row.cells[-1].text for t in docx.Document(io.BytesIO(data)).tables for row in t.rows}
    assert more and all(f.text in table_texts for f in more)  # beyond eight: the appendix table


def test_party_documents_and_state_documents_have_their_own_letterheads(demo_store: Path) -> None:
    _, party = build_draft(demo_store, Options())
    _, state = build_draft(demo_store, Options(issuer="ubnd_tinh"))
    party_head = docx.Document(io.BytesIO(party)).tables[0]
    state_head = docx.Document(io.BytesIO(state)).tables[0]
    left, right = (c.text.split("\n") for c in party_head.rows[0].cells)
    assert left == ["ĐẢNG BỘ TỈNH SƠN HÀ", "BAN CÁN SỰ ĐẢNG", "ỦY BAN NHÂN DÂN TỈNH", "*", "Số …-BC/BCSĐ"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and right[-1] == "Sơn Hà, ngày … tháng … năm 2023"
    left, right = (c.text.split("\n") for c in state_head.rows[0].cells)
    assert left[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH SƠN HÀ"] and left[-1] == "Số: …/BC-UBND"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    margins = {
        name: [round(m.cm, 1) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)]
        for name, s in (("party", docx.Document(io.BytesIO(party)).sections[0]),
                        ("state", docx.Document(io.BytesIO(state)).sections[0]))
    }  # fmt: skip
    assert margins == {"party": [2.5, 2.5, 3.5, 1.5], "state": [2.0, 2.0, 3.0, 2.0]}
    signature = next(t for t in docx.Document(io.BytesIO(state)).tables if "TM." in t.rows[0].cells[-1].text)
    signature = signature.rows[0].cells[1].text
    assert signature.startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")


@pytest.mark.parametrize("variant", list(VARIANT_OPTIONS))
def test_times_new_roman_throughout(built: dict[str, tuple[Draft, bytes]], variant: str) -> None:
    document = docx.Document(io.BytesIO(built[variant][1]))
    fonts = set()
    for part in (document.element, document.styles.element):
        for element in part.iter(qn("w:rFonts")):
            fonts |= {v for k, v in element.attrib.items() if not k.lower().endswith(("theme", "hint"))}
    assert fonts == {"Times New Roman"}
    themed = [k for e in document.styles.element.iter(qn("w:rFonts")) for k in e.attrib if k.lower().endswith("theme")]
    assert not themed  # a theme font would win over the named one


@pytest.mark.parametrize("variant", list(VARIANT_OPTIONS))
def test_the_signature_block_keeps_the_text_before_it(built: dict[str, tuple[Draft, bytes]], variant: str) -> None:
    """A signature alone on a page is not signed: the two paragraphs before its table keep with next."""
    body = docx.Document(io.BytesIO(built[variant][1])).element.body
    blocks = list(body.iterchildren())
    table = next(b for b in blocks if b.tag == qn("w:tbl") and "[Họ và tên người ký]" in "".join(b.itertext()))
    before = blocks[: blocks.index(table)][-2:]
    assert [b.tag for b in before] == [qn("w:p"), qn("w:p")]
    assert all(b.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for b in before)


def test_a_districts_report_is_its_standing_committees_with_the_province_beside(
    built: dict[str, tuple[Draft, bytes]],
) -> None:
    draft, data = built["district"]
    head = docx.Document(io.BytesIO(data)).tables[0].rows[0].cells[0].text.split("\n")
    assert head == ["ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY MƯỜNG KHOA", "*", "Số …-BC/HU"]
    text = "\n".join(paragraphs(data))
    assert "trên địa bàn huyện Mường Khoa" in text
    assert "(toàn tỉnh: " in text and "thấp hơn mức toàn tỉnh (" in text  # its figures beside the province's
    assert "toàn huyện có" in text and "toàn tỉnh có" not in text
    assert draft.unit_code == "999" and draft.file_name == "du_thao_bao_cao_huyen_999.docx"


def test_the_peoples_councils_report_states_the_resources(built: dict[str, tuple[Draft, bytes]]) -> None:
    _draft, data = built["hdnd"]
    facts = paragraphs(data, STYLES["fact"])
    for name in (
        "Chi sự nghiệp giáo dục",
        "Chi đầu tư phát triển cho giáo dục",
        "Tỷ lệ chi ngân sách cho giáo dục – đào tạo trên tổng chi",
        "bình quân một trẻ em, học sinh",
        "phòng học kiên cố",
        "giáo viên",
    ):
        assert any(name.casefold() in f.casefold() for f in facts), name
    assert any("tỷ đồng" in f for f in facts) and any("mục tiêu 20%" in f for f in facts)
    head = docx.Document(io.BytesIO(data)).tables[0].rows[0].cells[0].text.split("\n")
    assert head[1:3] == ["ĐẢNG ĐOÀN", "HỘI ĐỒNG NHÂN DÂN TỈNH"] and head[-1] == "Số …-BC/ĐĐ"
    prompts = paragraphs(data, STYLES["prompt"])
    assert any("nghị quyết của Hội đồng nhân dân tỉnh về giáo dục" in p for p in prompts)  # policies: people write


def test_an_analysts_cause_sits_under_its_finding_and_in_the_causes(demo_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    shutil.copyfile(demo_store, db)
    note = {
        "indicator_code": "ns_tl_chi_gd",
        "unit_code": None,
        "first_year": 2021,
        "last_year": 2021,
        "kind": "weakness_cause",
        "text": "Ngân sách tỉnh hụt thu năm 2021.",
    }
    save_note(db, note, "lan")
    _, data = build_draft(db, Options())
    texts = paragraphs(data)
    line = "Nguyên nhân (2021): Ngân sách tỉnh hụt thu năm 2021."
    assert line in texts and "Ghi chú của chuyên viên" not in "\n".join(texts)
    assert texts[texts.index(line) - 1].startswith("- Tỷ lệ chi ngân sách cho giáo dục – đào tạo trên tổng chi")
    causes = texts[texts.index("b) Nguyên nhân của hạn chế") :]
    assert any(t.endswith("(2021): Ngân sách tỉnh hụt thu năm 2021.") for t in causes)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ([], "du_thao_bao_cao_tinh.docx"),
        (["--variant", "district", "--unit", "993"], "du_thao_bao_cao_huyen_993.docx"),
        (["--variant", "hdnd"], "du_thao_bao_cao_hdnd.docx"),
    ],
)
def test_command_line_writes_each_draft(demo_store: Path, tmp_path: Path, args: list[str], name: str) -> None:
    assert report_main(["build", "--out", str(tmp_path), "--db", str(demo_store), "--draft-only", *args]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]
    variant = args[1] if args else "province"
    assert headings((tmp_path / name).read_bytes()) == expected_headings(variant)


def test_command_line_asks_for_the_district(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--out", str(tmp_path), "--db", str(demo_store), "--draft-only", "--variant", "district"]
    assert report_main(args) == 2
    assert "Báo cáo của huyện cần mã một huyện" in capsys.readouterr().err
    with pytest.raises(OptionsError, match="Không có cơ quan ban hành mã xyz"):
        build_draft(demo_store, Options(issuer="xyz"))


@pytest.mark.parametrize("variant", list(VARIANT_OPTIONS))
def test_the_page_builds_each_draft(demo_store: Path, monkeypatch: pytest.MonkeyPatch, variant: str) -> None:
    at = open_page(demo_store, monkeypatch, "pages/xuat_bao_cao.py")
    at.radio(key="bc_loai").set_value(variant).run()
    if variant == "district":
        at.selectbox(key="bc_huyen").set_value("999").run()
    at.button(key="bc_du_thao").click().run()
    assert not at.exception, [e.message for e in at.exception]
    _, draft, data = at.session_state["nq29_report_draft"]
    assert draft.variant == variant and headings(data) == expected_headings(variant)
    labels = [b.proto.label for b in at.get("download_button")]
    assert f"Dự thảo: {draft.issuer.body}" in labels


def test_the_opinions_section_states_the_surveys_under_its_outline_heading(
    built: dict[str, tuple[Draft, bytes]],
) -> None:
    """The outline's "survey" row gets the surveys' shares and quotes; a district's report counts only
    its own respondents."""
    province, data = built["province"]
    text = "\n".join(paragraphs(data))
    section = text[text.casefold().index("ý kiến của đội ngũ nhà giáo, cán bộ quản lý và nhân dân") :]
    assert "mẫu tự nguyện, chỉ tham khảo" in section
    assert all(f"“{q}”" in section for q in province.survey_quotes["text"])
    district, _ = built["district"]
    assert set(district.survey_answers["unit_code"].astype(str)) == {"999"}
    assert len(district.survey_answers) < len(province.survey_answers)
