"""Text from files and users is made inert before a Markdown-rendering widget shows it (docs/limits.md)."""

from __future__ import annotations

import re

from vocab.text import markdown_escape


def test_markdown_escape_leaves_no_link_image_or_directive() -> None:
    text = markdown_escape("[Bấm vào đây](http://example.invalid/x) ![x](y.png) **đậm** :red[đỏ] $x$\nwww.a.vn")
    assert re.findall(r"(?<!\\)[\[\]()!*:$]", text) == []  # every Markdown character escaped
    assert "://" not in text and "www." not in text  # no automatic link either
    assert "\n" not in text
    assert text.replace("\\", "").replace("\u200b", "") == (
        "[Bấm vào đây](http://example.invalid/x) ![x](y.png) **đậm** :red[đỏ] $x$ www.a.vn"
    )
