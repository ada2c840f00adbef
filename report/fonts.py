"""The project's own font for exported images: Noto Sans (SIL Open Font License 1.1, report/fonts/).

Every Vietnamese letter is in it, and the renderer uses it whatever fonts the server has:
kaleido's Chromium finds fonts through fontconfig, and ``use_project_fonts`` points
fontconfig (``FONTCONFIG_FILE``, read by the browser kaleido starts) at a configuration that
adds report/fonts/ to the system's fonts. An SVG carries the font itself (``embed_fonts``:
@font-face with the TTF as a data URL), so it looks the same on a machine without Noto Sans.
The Word appendix's body text stays Times New Roman (report.docx_layout).
"""

from __future__ import annotations

import base64
import os
import tempfile
from functools import cache
from pathlib import Path

__all__ = ["EXPORT_FONT", "FONT_DIR", "embed_fonts", "use_project_fonts"]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
EXPORT_FONT = "Noto Sans"
_FACES = (("NotoSans-Regular.ttf", "normal"), ("NotoSans-Bold.ttf", "bold"))
_SYSTEM_CONF = Path("/etc/fonts/fonts.conf")


def use_project_fonts() -> Path:
    """Write a fontconfig file that adds report/fonts/ (and keeps the system's fonts), and make the
    browsers this process starts use it. Returns the file."""
    folder = Path(tempfile.gettempdir()) / f"nq29-fonts-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(exist_ok=True)
    conf = folder / "fonts.conf"
    system = f'<include ignore_missing="yes">{_SYSTEM_CONF}</include>' if _SYSTEM_CONF.exists() else ""
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig>\n  <dir>{FONT_DIR}</dir>\n  {system}\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(conf)
    return conf


@cache
def _font_faces() -> str:
    rules = []
    for name, weight in _FACES:
        data = base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{EXPORT_FONT}';font-weight:{weight};"
            f"src:url(data:font/ttf;base64,{data}) format('truetype');}}"
        )
    return "<style>" + "".join(rules) + "</style>"


def embed_fonts(svg: bytes) -> bytes:
    """The SVG with Noto Sans inside it (right after the opening <svg …> tag)."""
    end = svg.find(b">", svg.find(b"<svg")) + 1
    if end <= 0:
        return svg
    return svg[:end] + _font_faces().encode("ascii") + svg[end:]
