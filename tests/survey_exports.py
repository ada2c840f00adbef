"""Form exports in the shapes Google Forms and Microsoft Forms publish (docs/surveys.md), built
for the survey tests: personal-data columns, personal data inside free text, checkbox answers
(one option containing a comma), a respondent-group and a district column, blanks."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime

import openpyxl

from etl.load.surveys.questionnaire import Questionnaire, shipped_questionnaire

LIKERT_1 = "Số lượng giáo viên đủ để dạy đủ các môn học theo chương trình"
SATISFACTION = "Mức độ hài lòng với phòng học và thiết bị dạy học của nhà trường"
CHECKBOX = "Những khó khăn lớn nhất hiện nay (chọn tối đa 3)"
OPEN = "Kiến nghị của anh/chị để giáo dục địa phương phát triển trong thời gian tới"
COMMA_OPTION = "Sân chơi, bãi tập chật hẹp"
PHONE = "0912 345 678"
EMAIL = "nguyen.lan@gmail.com"
CCCD = "038190012345"
NAMES = ("Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Mai")


def questionnaire_with_comma_option() -> Questionnaire:
    """The shipped questionnaire whose checkbox question also offers an option with a comma."""
    form = shipped_questionnaire()
    out = []
    for q in form.questions:
        if q.kind == "checkbox":
            q = replace(q, options=(*q.options[:-1], COMMA_OPTION, q.options[-1]))
        out.append(q)
    return Questionnaire(tuple(out))


# (group, district, likert_1, satisfaction, checkbox answer, open text) per respondent
GOOGLE_ROWS = [
    (
        "Giáo viên",
        "Huyện Hòa Phong",
        "Đồng ý",
        "Hài lòng",
        "Thiếu phòng học, Thiếu giáo viên",
        f"Cần thêm giáo viên. Liên hệ {PHONE}",
    ),
    ("Giáo viên", "H. Hòa Phong", "Hoàn toàn đồng ý", "Rất hài lòng", f"{COMMA_OPTION}, Thiếu thiết bị dạy học", ""),
    (
        "Giáo viên",
        "Hoà Phong",
        "Không đồng ý",
        "Bình thường",
        "Thu nhập giáo viên thấp",
        f"Gửi ý kiến qua {EMAIL} giúp tôi",
    ),
    (
        "Giáo viên",
        "Huyện Hòa Phong",
        "Phân vân",
        "Không hài lòng",
        "Thiếu phòng học, Xe đưa đón học sinh",
        "Nên xây thêm phòng học",
    ),
    ("Giáo viên", "Huyện Hòa Phong", "Đồng ý", "Hài lòng", "", ""),
    ("Giáo viên", "Huyện Hòa Phong", "Đồng ý", "", "Thiếu giáo viên", ""),
    (
        "Phụ huynh",
        "Huyện Tân Điền",
        "Không đồng ý",
        "Không hài lòng",
        "Thiếu phòng học",
        f"CCCD của tôi {CCCD}, con học lớp 5",
    ),
    ("Phụ huynh", "Huyện Tân Điền", "Hoàn toàn không đồng ý", "Rất không hài lòng", f"{COMMA_OPTION}", ""),
    ("Phụ huynh", "Huyện Tân Điền", "Đồng ý", "Hài lòng", "Chương trình nặng", "Trường xa nhà"),
    ("Phụ huynh", "Huyện Tân Điền", "Không ý kiến", "Bình thường", "", ""),
    ("Phụ huynh", "Huyện Tân Điền", "Đồng ý", "Hài lòng", "Thiếu thiết bị dạy học, Chương trình nặng", ""),
    ("Cán bộ quản lý", "Huyện Vĩnh Khánh", "Đồng ý", "Hài lòng", "Thiếu giáo viên", ""),
    ("Cán bộ quản lý", "Huyện Vĩnh Khánh", "Không đồng ý", "Không hài lòng", "Thiếu giáo viên, Thiếu phòng học", ""),
    ("Học sinh", "", "Đồng ý", "Hài lòng", "Áp lực thi cử", "Em muốn có thêm sân chơi"),
]


def google_csv() -> bytes:
    """A Google Forms "Tải xuống câu trả lời (.csv)" file of a form owned in Vietnamese, with
    e-mail collection on and two personal questions the form's author added."""
    headers = [
        "Dấu thời gian",
        "Địa chỉ email",
        "Họ và tên",
        "Số điện thoại liên hệ",
        "Anh/chị là",
        "Huyện / thị xã / thành phố nơi anh/chị công tác hoặc sinh sống",
        LIKERT_1,
        SATISFACTION,
        CHECKBOX,
        OPEN,
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for n, (group, district, l1, sat, boxes, text) in enumerate(GOOGLE_ROWS):
        stamp = f"2023/04/{10 + n % 5:02d} {1 + n % 11}:0{n % 10}:15 {'SA' if n % 2 else 'CH'} GMT+7"
        name = NAMES[n % 3]
        writer.writerow(
            [stamp, f"user{n}@example.edu.vn", name, f"09{n:02d}123456", group, district, l1, sat, boxes, text]
        )
    return buffer.getvalue().encode("utf-8")


# (district, group, likert_1, checkbox answer, open text)
MS_ROWS = [
    ("Huyện Hòa Phong", "Giáo viên", "Đồng ý", "Thiếu phòng học;Thiếu giáo viên;", f"Gọi cho tôi: {PHONE}"),
    ("Huyện Hòa Phong", "Giáo viên", "Hoàn toàn đồng ý", "Thiếu thiết bị dạy học;", ""),
    ("Huyện Hòa Phong", "Giáo viên", "Đồng ý", "Thiếu giáo viên;Chương trình nặng;", ""),
    ("Huyện Hòa Phong", "Cán bộ quản lý", "Không đồng ý", "Thiếu phòng học;", "Phòng học xuống cấp"),
    ("Huyện Sơn Cao", "Phụ huynh", "Đồng ý", "", ""),
    ("Huyện Sơn Cao", "Phụ huynh", "Phân vân", "Áp lực thi cử;", ""),
    ("Xã Sơn Cao mới", "Phụ huynh", "Đồng ý", "Thiếu phòng học;", ""),
]


def ms_forms_xlsx() -> bytes:
    """A Microsoft Forms "Mở trong Excel" workbook: ID, Start time, Completion time, Email, Name,
    then one column per question (the Likert row headed by its statement alone)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Huyện / thị xã / thành phố",
            "Anh/chị là",
            LIKERT_1,
            CHECKBOX,
            OPEN,
        ]
    )
    for n, (district, group, l1, boxes, text) in enumerate(MS_ROWS, start=1):
        start = datetime(2023, 4, 20, 8, n)
        email, name = ("anonymous", "") if n % 3 == 0 else (f"gv{n}@sonha.edu.vn", NAMES[n % 3])
        sheet.append([n, start, start.replace(minute=n + 5), email, name, district, group, l1, boxes, text])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
