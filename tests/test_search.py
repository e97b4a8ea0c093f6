"""Search: Vietnamese with or without diacritics (đ/d too), small typos, both locales, light pages."""

from __future__ import annotations

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


def top3(page, base_url, locale_prefix: str, query: str) -> list[str]:
    page.goto(f"{base_url}/{locale_prefix}tim-kiem/")
    page.locator("#search-input").fill(query)
    page.wait_for_function("/kết quả|results/.test(document.querySelector('.search-status').textContent)", timeout=10000)
    links = page.locator(".search-result-link").evaluate_all("els => els.slice(0, 3).map(a => a.getAttribute('href'))")
    return [re.sub(r"^/|#.*$|\?.*$", "", h) for h in links]


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
    assert not [u for u in page.requests if "/pagefind/" in u]
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
