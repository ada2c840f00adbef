"""Who issues a report and the document format of its kind of body (docs/export.md, Document format).

Party bodies (Tỉnh ủy, Huyện ủy, Ban Cán sự Đảng, Đảng đoàn) issue Party documents: "ĐẢNG CỘNG
SẢN VIỆT NAM", the superior body, the issuing body and "*", "Số …-BC/…" (Quy định
66-QĐ/TW 2017, Hướng dẫn 36-HD/VPTW 2018). State bodies (UBND, Sở) issue administrative
documents: the national title and motto, "Số: …/BC-…" (Nghị định 30/2020/NĐ-CP, Phụ lục I).
Both are data: one format table per kind of body (report/config/format_party.csv,
format_state.csv, every row with its source) and one row per issuer (report/config/issuers.csv).
Times New Roman throughout (report.docx_layout).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from vocab.text import strip_unit_prefix

__all__ = ["DEFAULT_ISSUER", "DocumentFormat", "Issuer", "Style", "issuer_for", "read_format"]

CONFIG = Path(__file__).resolve().parent / "config"
DEFAULT_ISSUER = {"province": "bcsd_ubnd", "district": "cap_uy_huyen", "hdnd": "dang_doan_hdnd"}
# A district's Party committee by the kind of its unit: heading, number suffix, the unit's word.
# The suffixes HU / TU / QU are the usual ones, not checked against a text (issuers.csv, source).
COMMITTEES = {
    "district": ("HUYỆN ỦY", "HU", "huyện"),
    "town": ("THỊ ỦY", "TU", "thị xã"),
    "city": ("THÀNH ỦY", "TU", "thành phố"),
    "urban_district": ("QUẬN ỦY", "QU", "quận"),
}


@dataclass(frozen=True)
class Style:
    value: str = ""
    size_pt: float = 14.0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    upper: bool = False

    def text(self, text: str | None = None) -> str:
        shown = self.value if text is None else text
        return shown.upper() if self.upper else shown


@dataclass(frozen=True)
class DocumentFormat:
    kind: str  # "party" | "state"
    styles: dict[str, Style]

    def __getitem__(self, element: str) -> Style:
        return self.styles[element]

    def mm(self, element: str) -> float:
        return float(self.styles[element].value)


def read_format(kind: str) -> DocumentFormat:
    """The format table of a kind of body ("party" or "state")."""
    path = CONFIG / f"format_{kind}.csv"
    if not path.exists():
        raise ValueError(f"no document format for {kind!r}")
    styles = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            styles[r["element"]] = Style(
                r["value"],
                float(r["size_pt"] or 14),
                r["bold"] == "1",
                r["italic"] == "1",
                r["underline"] == "1",
                r["upper"] == "1",
            )
    return DocumentFormat(kind, styles)


@dataclass(frozen=True)
class Issuer:
    code: str
    kind: str  # "party" | "state": which format its documents follow
    body: str  # as a sentence names it: "Ban Cán sự Đảng Ủy ban nhân dân tỉnh"
    superior: str
    name: tuple[str, ...]  # the issuing body's lines
    number_suffix: str  # "BC/BCSĐ", "BC-UBND"
    authority: tuple[str, ...]  # "T/M BAN CÁN SỰ ĐẢNG"; "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    signer_title: str
    recipients: tuple[str, ...]
    place: str  # the place name of the date line

    def report_number(self, year: int) -> str:
        """ "Báo cáo số …-BC/BCSĐ ngày … tháng … năm 2023 của Ban Cán sự Đảng …" (the appendix's line)."""
        joiner = "-" if self.kind == "party" else "/"
        return f"Báo cáo số …{joiner}{self.number_suffix} ngày … tháng … năm {year} của {self.body}"


def issuer_for(code: str, province_name: str, unit_name: str | None = None, unit_kind: str | None = None) -> Issuer:
    """An issuer of issuers.csv with the province (and, for a district's committee, the district) filled in."""
    with (CONFIG / "issuers.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["code"]: r for r in csv.DictReader(handle)}
    if code not in rows:
        raise ValueError(f"Không có cơ quan ban hành mã {code}. Các mã: {', '.join(rows)}.")
    province = strip_unit_prefix(province_name)[0]
    unit = strip_unit_prefix(unit_name)[0] if unit_name else province
    committee, suffix, word = COMMITTEES.get(unit_kind or "district", COMMITTEES["district"])
    fields = {
        "{PROVINCE}": province.upper(),
        "{Province}": province,
        "{Unit}": unit,
        "{UNIT}": unit.upper(),
        "{COMMITTEE}": committee,
        "{COMMITTEE_CODE}": suffix,
        "{committee}": committee.capitalize(),
        "{unit_kind}": word,
    }

    def fill(text: str) -> str:
        for key, value in fields.items():
            text = text.replace(key, value)
        return text

    r = rows[code]
    return Issuer(
        code,
        r["kind"],
        fill(r["body"]),
        fill(r["superior"]),
        tuple(fill(p) for p in r["name"].split("|")),
        fill(r["number_suffix"]),
        tuple(fill(p) for p in r["authority"].split("|") if p),
        fill(r["signer_title"]),
        tuple(fill(p) for p in r["recipients"].split("|") if p),
        fill(r["place"]),
    )
