"""Text from files and users is made inert before a Markdown-rendering widget shows it (docs/limits.md)."""

from __future__ import annotations

import re

from vocab.text import markdown_escape


def test_markdown_escape_leaves_no_link_image_or_directive() -> None:
    text = markdown_escape("[Bấm vào đây](http://example.invalid/x) ![x](y.png) **đậm** :red[đỏ] $x$\nwww.a.vn")
    assert re.findall(r"(?<!\\)(?:[\[\]*$]|:(?=[a-z]))", text) == []  # every Markdown character escaped
    assert "://" not in text and "www." not in text  # no automatic link either
    assert "\n" not in text
    assert text.replace("\\", "").replace("\u200b", "") == (
        "[Bấm vào đây](http://example.invalid/x) ![x](y.png) **đậm** :red[đỏ] $x$ www.a.vn"
    )


def test_a_leading_list_or_heading_marker_stays_text() -> None:
    assert markdown_escape("1. Tiểu học") == "1\\. Tiểu học"
    assert markdown_escape("- Trong đó: nữ") == "\\- Trong đó: nữ"
    assert markdown_escape("# Tổng số") == "\\# Tổng số"
