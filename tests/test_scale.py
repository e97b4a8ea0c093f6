"""A lesson page does not grow with the number of lessons elsewhere (a phone never downloads
a thousand navigation links)."""

from __future__ import annotations

import sys

from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "scripts"))
from bench import grow  # noqa: E402

PAGE = "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html"


def test_lesson_page_html_stays_the_same_size_with_more_lessons(project, site):
    before = (site / PAGE).stat().st_size
    grow(project, 150)  # about three times the curriculum, both locales
    result, grown = build(project)
    assert result.returncode == 0, result.stderr
    after = (grown / PAGE).stat().st_size
    assert after <= before * 1.01, (before, after)
    assert len(list((grown / "bai-hoc").glob("*/index.html"))) >= 150
