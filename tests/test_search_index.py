"""The search index the build writes: what is in it, per locale, and what is left out."""

from __future__ import annotations

import json
from pathlib import Path

from content import load_content
from search_index import fold, rows_for


def index(site: Path, lang: str) -> dict[str, list[str]]:
    path = site / ("" if lang == "vi" else f"{lang}/") / "tim-kiem/chi-muc.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["lang"] == lang
    return {row[0]: row for row in data["pages"]}


def test_every_lesson_is_in_each_locales_index_with_its_own_title_summary_and_groups(site):
    content = load_content()
    for lang in ("vi", "en"):
        rows = index(site, lang)
        for le in content.lessons.values():
            url, title, summary, label, _ = rows[f"bai-hoc/{le.id}/"]
            assert le.title(lang) == title.replace("\u00a0", " ")
            assert summary == le.text(lang).summary
            assert content.data.group_slugs[le.meta["groups"][0]]["name"][lang] in label


def test_each_glossary_term_is_a_result_of_its_own(site):
    content = load_content()
    rows = index(site, "vi")
    for entry in content.data.glossary:
        url, term, definition, *_ = rows[f"tu-dien/#{entry['id']}"]
        assert term == entry["term"]["vi"] and definition == " ".join(entry["definition"]["vi"].split())


def test_lists_of_lessons_and_the_search_page_are_not_indexed(site):
    rows = index(site, "vi")
    assert not [u for u in rows if u.startswith("nhom/") or u in ("bai-hoc/", "tim-kiem/")]
    assert not [u for u in rows if u.startswith(("trinh-chieu/", "tai-lieu-in/", "nhung/", "en/"))]


def test_the_index_keeps_words_only_once_and_leaves_ignored_parts_out():
    html = """<meta name="description" content="Tóm tắt về mã OTP.">
      <div data-search-body data-search-label="Người dân">
        <h1>Mật khẩu<a data-search-ignore href="#x">¶</a></h1><img src="a.png" alt=""><br>
        <h2 data-search-ignore>Các bước</h2>
        <h3>Đặt mật khẩu mạnh</h3><h3>Bật xác thực hai lớp</h3>
        <dl><dt id="otp">OTP</dt><dd>Mã dùng <em>một lần</em>.</dd></dl>
      </div><h2>Ngoài phần tìm kiếm</h2>"""
    page, term = rows_for(html, "bai-hoc/mat-khau/")
    assert page[:4] == ["bai-hoc/mat-khau/", "Mật khẩu", "Tóm tắt về mã OTP.", "Người dân"]
    # heading words, folded, minus those already in the title or summary; nothing outside the body
    assert page[4].split() == ["dat", "manh", "bat", "xac", "thuc", "hai", "lop"]
    assert term == ["bai-hoc/mat-khau/#otp", "OTP", "Mã dùng một lần.", "Mật khẩu", ""]


def test_folding_matches_the_search_page():
    # keep in step with fold() in docs/assets/search.js
    assert fold("Định danh ĐIỆN TỬ, Đắk Rve, chợ, ưu đãi") == "dinh danh dien tu, dak rve, cho, uu dai"
