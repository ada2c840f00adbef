"""Personal data in a survey export: which columns hold it, and masking it inside free text.

Nghị định 13/2023/NĐ-CP (and Luật 91/2025/QH15 after it) count a person's name, e-mail
address, phone number, ID number, birth date and address as personal data. None of these is
needed to weigh opinions, so such columns are dropped at import (the dry run lists them) and
such numbers and addresses inside free-text answers are replaced by a mark. A column is
personal when its header says so (etl/config/survey_columns.csv, role ``pii``) or when most
of its answers are e-mails, phone numbers or ID numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.load.surveys.roles import header_role

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers: 10 digits from 0 (or +84 and 9 digits), spaced, dotted or dashed.
PHONE_RE = re.compile(r"(?<![\d])(?:\+84|0084|0)(?:[\s.\-]?\d){9}(?![\d])")
# Citizen ID (CCCD, 12 digits) and the old identity card (CMND, 9 digits).
ID_RE = re.compile(r"(?<![\d])(?:\d{12}|\d{9})(?![\d])")
MASKS = (
    (EMAIL_RE, "[đã che e-mail]", "e-mail"),
    (PHONE_RE, "[đã che số điện thoại]", "số điện thoại"),
    (ID_RE, "[đã che số giấy tờ]", "số giấy tờ tùy thân"),
)
_CONTENT_SHARE = 0.5  # a column whose answers are mostly personal data is personal


def mask_text(text: str) -> tuple[str, list[str]]:
    """The text with e-mails, phone numbers and ID numbers replaced; what was masked."""
    found = []
    for pattern, mark, what in MASKS:
        text, n = pattern.subn(mark, text)
        found += [what] * n
    return text, found


def looks_personal(values: Sequence[str]) -> bool:
    """Most non-blank answers are an e-mail, a phone number or an ID number and nothing else."""
    filled = [v for v in values if v and v.lower() not in {"anonymous", "ẩn danh"}]
    if not filled:
        return False
    personal = sum(1 for v in filled if any(p.fullmatch(v.strip()) for p, _, _ in MASKS))
    return personal / len(filled) >= _CONTENT_SHARE


def personal_columns(headers: Sequence[str], columns: Sequence[Sequence[str]]) -> dict[int, str]:
    """Column index → why it is personal ("tiêu đề" or "nội dung"), for every personal column."""
    out = {}
    for i, (header, values) in enumerate(zip(headers, columns, strict=True)):
        if header_role(header) == "pii":
            out[i] = "tiêu đề cột"
        elif looks_personal(values):
            out[i] = "nội dung cột"
    return out
