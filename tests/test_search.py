"""Search: Vietnamese with or without diacritics (đ/d too), small typos, both locales, light pages,
glossary and headings searchable, and search on a phone with no signal."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser

# (query, a page that must be among the first three results)
VI = [
    ("dịch vụ công", "bai-hoc/dich-vu-cong-truc-tuyen/"),
    ("dich vu cong", "bai-hoc/dich-vu-cong-truc-tuyen/"),
    ("lừa đảo trực tuyến", "bai-hoc/nhan-dien-lua-dao-truc-tuyen/"),
    ("lua dao truc tuyen", "bai-hoc/nhan-dien-lua-dao-truc-tuyen/"),
    ("định danh điện tử", "bai-hoc/cai-dat-vneid/"),
    ("dinh danh dien tu", "bai-hoc/cai-dat-vneid/"),
    ("dak rve", "ke-hoach/dak-rve-quang-ngai-2025/"),
    ("sổ sức khỏe điện tử", "bai-hoc/so-suc-khoe-dien-tu/"),
    ("so suc khoe dien tu", "bai-hoc/so-suc-khoe-dien-tu/"),
    ("chu ky so", "bai-hoc/chu-ky-so-va-van-ban-dien-tu/"),
    ("bảng tính", "bai-hoc/bang-tinh-co-ban/"),
    ("trinh doc man hinh", "bai-hoc/trinh-doc-man-hinh/"),
    ("mat khau otp", "bai-hoc/mat-khau-va-ma-otp/"),
    ("bat nat tren mang", "bai-hoc/bat-nat-tren-mang-va-nguoi-la/"),
    ("dai su so", "phong-trao/dai-su-so/"),
    ("tinh nguyen vien so", "bai-hoc/tinh-nguyen-vien-so-cho-gia-dinh/"),
]
TYPOS = [("trinh doc man hinhh", "bai-hoc/trinh-doc-man-hinh/"), ("bang tinhh", "bai-hoc/bang-tinh-co-ban/"),
         ("vneidd", "bai-hoc/cai-dat-vneid/")]
EN = [
    ("online scams", "en/bai-hoc/nhan-dien-lua-dao-truc-tuyen/"),
    ("spreadsheet", "en/bai-hoc/bang-tinh-co-ban/"),
    ("digital signature", "en/bai-hoc/chu-ky-so-va-van-ban-dien-tu/"),
    ("screen reader", "en/bai-hoc/trinh-doc-man-hinh/"),
    ("cyberbullying", "en/bai-hoc/bat-nat-tren-mang-va-nguoi-la/"),
]


def top3(page, base_url, locale_prefix: str, query: str, keep_anchor: bool = False) -> list[str]:
    page.goto(f"{base_url}/{locale_prefix}tim-kiem/")
    page.locator("#search-input").fill(query)
    page.wait_for_function("() => /kết quả|result/.test(document.querySelector('.search-status').textContent)", timeout=10000)
    links = page.locator(".search-result-link").evaluate_all("els => els.slice(0, 3).map(a => a.getAttribute('href'))")
    return [re.sub(r"^/|\?.*$" if keep_anchor else r"^/|#.*$|\?.*$", "", h) for h in links]


@pytest.mark.parametrize("query,expected", VI)
def test_vietnamese_query_finds_the_lesson(page, base_url, query, expected):
    assert expected in top3(page, base_url, "", query)


@pytest.mark.parametrize("query,expected", TYPOS)
def test_a_small_typo_still_finds_the_lesson(page, base_url, query, expected):
    assert expected in top3(page, base_url, "", query)


@pytest.mark.parametrize("query,expected", EN)
def test_english_pages_search_english_content(page, base_url, query, expected):
    assert expected in top3(page, base_url, "en/", query)


def test_with_and_without_diacritics_find_the_same_lessons(page, base_url):
    with_marks = top3(page, base_url, "", "thanh toán mã QR")
    without = top3(page, base_url, "", "thanh toan ma qr")
    assert "bai-hoc/thanh-toan-qr-an-toan/" in with_marks and "bai-hoc/thanh-toan-qr-an-toan/" in without


def test_results_show_title_group_and_snippet(page, base_url):
    top3(page, base_url, "", "vneid")
    first = page.locator(".search-results li").first
    assert first.locator(".search-result-link").inner_text()
    assert "Người dân" in first.locator(".search-result-groups").inner_text()
    excerpt = first.locator(".search-result-excerpt")
    assert len(excerpt.inner_text()) > 40 and excerpt.locator("mark").count() >= 1


def test_vietnamese_search_stays_in_vietnamese(page, base_url):
    assert all(not h.startswith("en/") for h in top3(page, base_url, "", "lua dao"))


def test_search_button_on_every_page_and_no_index_on_a_page_visit(page, base_url, site):
    for html in site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        if "md-header" in text:
            here = html.parent.name == "tim-kiem"
            assert re.search(r'href="[./]*tim-kiem/"' if not here else r'href="\./" aria-label="(Tìm kiếm|Search)"', text), html
    page.goto(f"{base_url}/bai-hoc/cai-dat-vneid/")
    assert not [u for u in page.requests if "chi-muc" in u or "minisearch" in u], "a page visit downloads no search data"
    page.locator('a[href$="tim-kiem/"]').first.click()
    page.wait_for_url("**/tim-kiem/")
    assert page.locator("#search-input").is_visible()


def test_search_works_from_the_keyboard(page, base_url):
    page.goto(f"{base_url}/tim-kiem/")
    page.keyboard.type("vneid")
    page.wait_for_selector(".search-result-link")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('search-result-link')")


@pytest.mark.parametrize("query", ["họp", "hợp", "chợ"])
def test_a_word_typed_with_its_marks_ranks_pages_spelt_that_way_first(page, base_url, query):
    # "hop" is both họp (meeting) and hợp (suitable), "cho" both chợ (market) and cho (for)
    top3(page, base_url, "", query)
    title = page.locator(".search-result-link").first.inner_text().lower()
    assert query in title


def test_glossary_terms_are_found_with_their_definition(page, base_url):
    assert "tu-dien/#napas" in top3(page, base_url, "", "napas", keep_anchor=True)
    assert "NAPAS" in page.locator(".search-result-link").first.inner_text()
    assert page.locator(".search-results li").first.locator(".search-result-excerpt").inner_text()


def test_a_word_only_in_a_step_heading_finds_its_lesson(page, base_url, site):
    # from the built index: a word of a lesson's step headings that no other page's title, summary or
    # headings use; searching it must find that lesson
    from search_index import WORD, fold
    rows = json.loads((site / "tim-kiem/chi-muc.json").read_text(encoding="utf-8"))["pages"]
    seen: dict[str, set[str]] = {}
    for url, title, summary, _label, words in rows:
        for w in set(WORD.findall(fold(f"{title} {summary} {words}"))):
            seen.setdefault(w, set()).add(url)
    word, url = next((w, next(iter(urls))) for w, urls in sorted(seen.items())
                     if len(urls) == 1 and len(w) >= 4 and w.isalpha() and next(iter(urls)).startswith("bai-hoc/")
                     and w in next(r[4] for r in rows if r[0] in urls).split())
    assert url in top3(page, base_url, "", word), word


def test_search_works_offline_on_a_phone_that_opened_it_once(page, base_url):
    page.goto(f"{base_url}/tim-kiem/")
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'", timeout=10000)
    page.context.set_offline(True)
    assert "bai-hoc/nhan-dien-lua-dao-truc-tuyen/" in top3(page, base_url, "", "lua dao")


def test_saving_a_group_also_saves_search_for_offline_use(page, base_url):
    page.goto(f"{base_url}/nhom/nguoi-dan/")
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'", timeout=10000)
    page.locator("[data-offline-save]").click()
    page.wait_for_function("() => document.querySelector('.offline-status').textContent.startsWith('Đã lưu')", timeout=60000)
    page.context.set_offline(True)
    assert "bai-hoc/cai-dat-vneid/" in top3(page, base_url, "", "dinh danh dien tu")

