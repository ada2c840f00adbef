"""Illustrative opinion surveys of the demo province: two rounds (the mid-term review of 2018 and
the ten-year review of 2023), exported as Google Forms and Microsoft Forms would, with the
personal-data columns real forms often carry (fictional names marked "minh họa") so that the
demo shows them dropped. Loaded with the survey pipeline like any analyst's file."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

from etl.load.surveys.check import SurveyReport
from etl.load.surveys.pipeline import load_survey
from etl.load.surveys.questionnaire import shipped_questionnaire
from store import write_session
from store.review import save_version

DISTRICTS = (
    "Thành phố Sơn Hà",
    "TP. Bình Giang",
    "Thị xã An Lạc",
    "Huyện Hòa Phong",
    "Huyện Tân Điền",
    "Huyện Vĩnh Khánh",
    "Huyện Thủy Tiên",
    "Huyện Ngọc Lâm",
    "Huyện Sơn Cao",
    "Huyện Mường Khoa",
)
WEIGHTS = (14, 10, 8, 9, 8, 7, 6, 1, 7, 5)  # Ngọc Lâm answers little: its cells are suppressed
SCALES = {
    "agree": ("Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý"),
    "satisfaction": ("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"),
    "quality": ("Kém", "Yếu", "Trung bình", "Khá", "Tốt"),
}
TEXTS = (
    "Cần bổ sung giáo viên tiếng Anh và tin học cho các trường vùng khó.",
    "Phòng học ở điểm trường lẻ xuống cấp, cần đầu tư sửa chữa.",
    "Thiết bị dạy học theo chương trình mới về chậm, thiếu nhiều.",
    "Giảm bớt hồ sơ sổ sách để giáo viên tập trung dạy học.",
    "Nên tăng phụ cấp cho giáo viên mầm non.",
    "Cần thêm trường lớp mầm non ở khu công nghiệp.",
    "Nhà trường cần liên lạc với phụ huynh thường xuyên hơn, số của tôi 0987 654 321.",
    "Học sinh vùng cao còn khó khăn về đi lại, cần thêm nhà bán trú.",
)
TEACHER_GROUPS = ("Giáo viên", "Giáo viên", "Giáo viên", "Cán bộ quản lý")
PUBLIC_GROUPS = ("Phụ huynh học sinh", "Phụ huynh học sinh", "Học sinh", "Người dân")


def _answer(rng: random.Random, scale: str, lean: float) -> str:
    labels = SCALES[scale]
    weights = [1, 2, 3, 4 + 4 * lean, 2 + 3 * lean]
    return rng.choices(labels, weights)[0]


def _rows(rng: random.Random, n: int, groups: tuple[str, ...], lean: float) -> list[dict[str, str]]:
    form = shipped_questionnaire()
    out = []
    for i in range(n):
        row = {"group": rng.choice(groups), "district": rng.choices(DISTRICTS, WEIGHTS)[0], "i": str(i)}
        for q in form.questions:
            if q.kind == "likert" and q.scale:
                row[q.text_vi] = "" if rng.random() < 0.04 else _answer(rng, q.scale, lean)
            elif q.kind == "checkbox":
                picked = rng.sample(q.options[:-1], rng.randint(0, 3))
                row[q.text_vi] = ", ".join(o for o in q.options if o in picked)
            elif q.kind == "text":
                row[q.text_vi] = rng.choice(TEXTS) if rng.random() < 0.35 else ""
        out.append(row)
    return out


def google_export(rng: random.Random, n: int, start: datetime, lean: float) -> bytes:
    form = shipped_questionnaire()
    asked = [q.text_vi for q in form.questions if q.kind in {"likert", "checkbox", "text"}]
    head = ["Dấu thời gian", "Địa chỉ email", "Họ và tên", "Anh/chị là", form.questions[1].text_vi, *asked]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(head)
    for row in _rows(rng, n, TEACHER_GROUPS, lean):
        when = start + timedelta(minutes=37 * int(row["i"]))
        stamp = f"{when:%Y/%m/%d} {when:%I:%M:%S} {'SA' if when.hour < 12 else 'CH'} GMT+7"
        email = f"gv{row['i']}@minhhoa.edu.vn"
        writer.writerow(
            [
                stamp,
                email,
                f"Người trả lời {row['i']} (minh họa)",
                row["group"],
                row["district"],
                *(row[h] for h in asked),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def ms_export(rng: random.Random, n: int, start: datetime, lean: float) -> bytes:
    form = shipped_questionnaire()
    asked = [
        q.text_vi
        for q in form.questions
        if q.kind in {"likert", "checkbox", "text"} and ({"phu_huynh", "*"} & set(q.groups) or q.kind == "text")
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(
        ["ID", "Start time", "Completion time", "Email", "Name", "Anh/chị là", "Huyện / thị xã / thành phố", *asked]
    )
    for row in _rows(rng, n, PUBLIC_GROUPS, lean):
        i = int(row["i"])
        begin = start + timedelta(minutes=53 * i)
        values = [row[h].replace(", ", ";") + (";" if row[h] and "khó khăn" in h.lower() else "") for h in asked]
        sheet.append(
            [i + 1, begin, begin + timedelta(minutes=6), "anonymous", "", row["group"], row["district"], *values]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def build_demo_surveys(db_path: Path, out_dir: Path, actor: str) -> list[SurveyReport]:
    """Write the demo exports to ``out_dir``/khao_sat and load them; a few themes and quotes."""
    rng = random.Random(29)
    folder = out_dir / "khao_sat"
    folder.mkdir(parents=True, exist_ok=True)
    files = [
        ("khao_sat_giao_vien_2018.csv", google_export(rng, 140, datetime(2018, 10, 2, 7, 30), 0.0), "2018"),
        ("khao_sat_giao_vien_2023.csv", google_export(rng, 260, datetime(2023, 3, 6, 7, 30), 0.6), "2023"),
        ("khao_sat_phu_huynh_2023.xlsx", ms_export(rng, 180, datetime(2023, 3, 8, 19, 0), 0.4), "2023"),
    ]
    reports = []
    for name, content, round_label in files:
        (folder / name).write_bytes(content)
        reports.append(
            load_survey(
                content,
                name,
                db_path,
                actor=actor,
                round_label=round_label,
                note="Khảo sát minh họa (tỉnh giả định Sơn Hà)",
            )
        )
    _demo_review(db_path, reports, actor)
    return reports


def _demo_review(db_path: Path, reports: list[SurveyReport], actor: str) -> None:
    themes = {
        "giáo viên": "thiếu giáo viên",
        "phòng học": "cơ sở vật chất",
        "thiết bị": "cơ sở vật chất",
        "phụ cấp": "thu nhập giáo viên",
        "hồ sơ": "giảm hồ sơ sổ sách",
        "bán trú": "vùng khó khăn",
    }
    quoted: set[str] = set()
    with write_session(db_path) as con:
        for report in reports:
            if report.batch_id is None:
                continue
            for answer in report.answers:
                if not answer.text or answer.question_code != "kien_nghi":
                    continue
                for word, theme in themes.items():
                    if word in answer.text.lower():
                        fields = {
                            "batch_id": report.batch_id,
                            "response_no": answer.response_no,
                            "question_code": answer.question_code,
                            "theme": theme,
                            "status": "active",
                        }
                        save_version(con, "survey_themes", fields, actor)
                if answer.text not in quoted and len(quoted) < 4 and report.round_label == "2023":
                    quoted.add(answer.text)
                    fields = {
                        "batch_id": report.batch_id,
                        "response_no": answer.response_no,
                        "question_code": answer.question_code,
                        "text": answer.text,
                        "status": "active",
                    }
                    save_version(con, "survey_quotes", fields, actor)
