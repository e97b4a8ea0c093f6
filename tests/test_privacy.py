"""The built site requests nothing from another origin: no fonts, CDNs or trackers."""

from __future__ import annotations

import re

EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["'](?:stylesheet|preconnect|dns-prefetch|preload|icon|manifest|modulepreload)["'])[^>]*\bhref=["'](?:https?:)?//""",
    re.I)
CSS_EXTERNAL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?(?:https?:)?//""", re.I)


def test_no_html_page_loads_from_another_origin(site):
    offenders = []
    for page in site.rglob("*.html"):
        for m in EXTERNAL_LOAD.finditer(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(site)}: {m.group(0)[:120]}")
    assert not offenders, "\n".join(offenders[:20])


def test_no_stylesheet_or_script_names_another_origin(site):
    offenders = []
    for path in list(site.rglob("*.css")):
        for m in CSS_EXTERNAL.finditer(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{path.relative_to(site)}: {m.group(0)}")
    assert not offenders, "\n".join(offenders)
    for page in site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8"), page
