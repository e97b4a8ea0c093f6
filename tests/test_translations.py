"""Vietnamese at /, English at /en/; an untranslated page falls back to Vietnamese with a note."""

from __future__ import annotations

import re

from conftest import build

NOTE = "has not been translated into English yet"


def test_every_page_has_both_locales(site):
    vi = {p.relative_to(site) for p in site.rglob("index.html") if not p.relative_to(site).parts[0] == "en"}
    for rel in vi:
        assert (site / "en" / rel).exists(), f"/en/{rel} is missing (it must fall back, never 404)"


def test_pages_declare_their_language(site):
    assert '<html lang="vi"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en/index.html").read_text(encoding="utf-8")


def test_translated_lesson_has_no_fallback_note(site):
    html = (site / "en/bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").read_text(encoding="utf-8")
    assert NOTE not in html
    assert "What you will learn" in html


def test_untranslated_lesson_falls_back_with_a_note(project):
    (project / "content/lessons/nhan-dien-lua-dao-truc-tuyen.en.md").unlink()
    result, site = build(project)
    assert result.returncode == 0, result.stderr
    html = (site / "en/bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").read_text(encoding="utf-8")
    assert NOTE in html
    assert '<div lang="vi">' in html and "Bạn sẽ học được" in html


def test_untranslated_site_page_falls_back_with_a_note(project):
    (project / "docs/chi-tieng-viet.md").write_text("# Trang chỉ có tiếng Việt\n\nNội dung.\n", encoding="utf-8")
    result, site = build(project)
    assert result.returncode == 0, result.stderr
    html = (site / "en/chi-tieng-viet/index.html").read_text(encoding="utf-8")
    assert NOTE in html and "Nội dung." in html
    assert re.search(r'<div lang="vi">\s*<p>Nội dung.</p>', html)
    assert NOTE not in (site / "chi-tieng-viet/index.html").read_text(encoding="utf-8")


def test_language_switcher_links_to_the_same_lesson(site):
    html = (site / "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./en/bai-hoc/nhan-dien-lua-dao-truc-tuyen/"[^>]*hreflang="en"', html)
    html = (site / "en/bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(\.\./)+bai-hoc/nhan-dien-lua-dao-truc-tuyen/"[^>]*hreflang="vi"', html)
