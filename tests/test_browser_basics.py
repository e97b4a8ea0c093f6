"""What a resident sees on a phone, in Debian's Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser
LESSON = "/bai-hoc/nhan-dien-lua-dao-truc-tuyen/"


def same_origin(page, base_url):
    origin = urlsplit(base_url).netloc
    return [u for u in page.requests if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != origin]


def test_lesson_opens_in_vietnamese_with_its_sections(page, base_url):
    page.goto(LESSON)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text().startswith("Nhận diện")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.strip("¶ \n") for h in headings][:3] == ["Bạn sẽ học được", "Cần chuẩn bị", "Các bước"]
    assert not same_origin(page, base_url), same_origin(page, base_url)


def test_language_switcher_opens_the_english_lesson(page):
    page.goto(LESSON)
    page.locator("a[hreflang=en]").first.dispatch_event("click")
    page.wait_for_url("**/en/bai-hoc/nhan-dien-lua-dao-truc-tuyen/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Spot and report" in page.locator("h1").inner_text()


def test_self_check_question_answers_on_the_page(page):
    page.goto(LESSON)
    first = page.locator("form.quiz-q").first
    first.locator("input[value='0']").check()
    feedback = first.locator(".quiz-feedback")
    assert "Chưa đúng" in feedback.inner_text()
    assert first.locator("details.quiz-why").get_attribute("open") is not None
    first.locator("input[value='1']").check()
    assert feedback.inner_text().startswith("Đúng rồi")


def test_self_check_works_with_the_keyboard(page):
    page.goto(LESSON)
    radio = page.locator("form.quiz-q").nth(1).locator("input").first
    radio.focus()
    page.keyboard.press("Space")
    assert page.locator("form.quiz-q").nth(1).locator(".quiz-feedback").inner_text().startswith("Đúng rồi")


def test_home_page_makes_no_request_to_another_origin(page, base_url):
    page.goto("/")
    page.goto("/en/")
    assert not same_origin(page, base_url), same_origin(page, base_url)
