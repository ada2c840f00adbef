"""Command line: python -m report build --out DIR [--variant province|district|hdnd] [--unit CODE] [--db PATH]
[--groups ...] [--units ...] [--from Y] [--to Y] [--round CODE] [--issuer CODE] [--outline CSV] [--draft-only]."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from report.content import Options, OptionsError
from report.images import BrowserMissingError, stop_renderer
from report.outline import VARIANTS, OutlineError
from report.pack import build_draft, build_pack
from store import StoreMissingError, resolve_db_path
from vocab.display import format_duration


def _codes(text: str | None) -> tuple[str, ...] | None:
    codes = tuple(c.strip() for c in (text or "").split(",") if c.strip())
    return codes or None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m report", description="Xuất bộ báo cáo tổng kết NQ 29.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="write the draft report, its DOCX appendix, the XLSX workbook and the PNG figures")
    p.add_argument("--out", required=True, type=Path, help="output folder (created if missing)")
    p.add_argument("--db", help="database file (default: $NQ29_DB or data/nq29.duckdb)")
    p.add_argument("--groups", help="indicator group codes, comma-separated (default: all), e.g. dieu_kien,hieu_qua")
    p.add_argument("--units", help="district codes, comma-separated (default: all), e.g. 993,999")
    p.add_argument("--from", dest="first_year", type=int, help="first year (default: the round's first year)")
    p.add_argument("--to", dest="last_year", type=int, help="last year (default: the round's last year)")
    p.add_argument("--round", dest="round_code", help="reporting round code (default: the current round)")
    p.add_argument(
        "--variant",
        choices=VARIANTS,
        default="province",
        help="whose report: the province's (Ban Cán sự Đảng UBND tỉnh), a district's (its Standing Committee, "
        "with --unit) or the Đảng đoàn HĐND tỉnh's (resources and policies); default province",
    )
    p.add_argument("--unit", dest="unit_code", help="the district of a district's report, e.g. 999")
    p.add_argument("--issuer", help="another issuing body of report/config/issuers.csv, e.g. ubnd_tinh")
    p.add_argument("--outline", type=Path, help="the report outline (default: data/reference/report_outline.csv)")
    p.add_argument("--draft-only", action="store_true", help="only the draft report (no figures, no browser needed)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = resolve_db_path(args.db)
    options = Options(
        _codes(args.groups),
        _codes(args.units),
        args.first_year,
        args.last_year,
        args.round_code,
        args.variant,
        args.unit_code,
        args.issuer,
        args.outline,
    )

    def progress(fraction: float, message: str) -> None:
        if not args.quiet:
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr)

    try:
        if args.draft_only:
            draft, data = build_draft(db, options)
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / draft.file_name).write_bytes(data)
            print(args.out / draft.file_name)
            return 0
        pack = build_pack(db, options, progress)
    except StoreMissingError:
        print(f"Chưa có cơ sở dữ liệu {db}. Chạy: python -m etl init --db {db}", file=sys.stderr)
        return 2
    except BrowserMissingError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except (OptionsError, OutlineError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        stop_renderer()
    for path in pack.write(args.out):
        print(path)
    t = pack.timings
    print(
        f"{len(pack.content.figures)} biểu đồ, {len(pack.content.tables)} bảng; {format_duration(t['total_s'])}",
        file=sys.stderr,
    )
    return 0
