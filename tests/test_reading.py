"""Phone-first reading: text size, contrast, read aloud, learned progress, offline, print."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import serve

pytestmark = pytest.mark.browser
LESSON = "/bai-hoc/nhan-dien-lua-dao-truc-tuyen/"
OTHER = "/nhom/nguoi-dan/"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_no_page_scrolls_sideways_on_a_360px_screen_and_the_language_menu_opens_inside_it(browser, base_url):
    # Without a phone's layout viewport, which widens itself to fit what sticks out and so hides it.
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base_url, service_workers="block")
    page = context.new_page()
    for path in (LESSON, OTHER, "/", "/en/", "/404.html", "/ngoai-tuyen/", "/dia-phuong/", "/thuc-hanh/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.locator(".md-select button").focus()
    menu = page.locator(".md-select__inner")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert page.locator(".md-select__link[hreflang=en]").is_visible()
    context.close()


def test_text_size_goes_to_200_percent_without_horizontal_scrolling(page):
    page.goto(LESSON)
    base = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    bigger = page.locator('[data-reader="bigger"]')
    for _ in range(4):
        bigger.click()
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert size >= 2 * base - 0.5, (base, size)
    assert bigger.is_disabled()
    assert no_horizontal_scroll(page)


def test_text_size_and_contrast_persist_across_pages(page):
    page.goto(LESSON)
    page.locator('[data-reader="bigger"]').click()
    page.locator('[data-reader="bigger"]').click()
    page.locator('[data-reader="contrast"]').click()
    assert page.locator('[data-reader="contrast"]').get_attribute("aria-pressed") == "true"
    page.goto(OTHER)
    assert page.evaluate("document.documentElement.dataset.textSize") == "2"
    assert page.evaluate("document.documentElement.dataset.contrast") == "high"
    assert page.locator('[data-reader="contrast"]').get_attribute("aria-pressed") == "true"
    color = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
    assert color in ("rgb(0, 0, 0)", "rgb(255, 255, 255)"), color


def test_reader_buttons_are_big_enough_to_touch(page):
    page.goto(LESSON)
    for box in page.locator(".reader-tools button:visible").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])"):
        assert box[0] >= 44 and box[1] >= 44, box


def test_read_aloud_says_clearly_when_the_phone_has_no_voice(page):
    """The real Web Speech API: Debian's headless Chromium has no Vietnamese voice."""
    page.goto(LESSON)
    has_voice = page.evaluate("speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('vi'))")
    page.locator('[data-reader="speak"]').click()
    status = page.locator(".rt-status")
    if has_voice:  # a machine with a real voice: reading starts
        page.wait_for_selector('[data-reader="stop"]:visible')
    else:
        status.wait_for()
        assert "chưa có giọng đọc tiếng Việt" in status.inner_text()


STUB = """
window.__spoken = []; window.__calls = [];
const fake = {
  paused: false, speaking: false,
  getVoices: () => [{name: 'Giọng Việt', lang: 'vi-VN'}, {name: 'English', lang: 'en-US'}],
  speak: (u) => { window.__spoken.push([u.text, u.lang, u.voice && u.voice.name]); fake.speaking = true; },
  pause: () => { fake.paused = true; window.__calls.push('pause'); },
  resume: () => { fake.paused = false; window.__calls.push('resume'); },
  cancel: () => { fake.speaking = false; window.__calls.push('cancel'); },
  addEventListener: () => {},
};
Object.defineProperty(window, 'speechSynthesis', {value: fake, configurable: true});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_read_aloud_starts_pauses_and_stops_with_a_vietnamese_voice(page):
    """Speech stubbed (this machine has no voice): the lesson is queued in order, in Vietnamese."""
    page.add_init_script(STUB)
    page.goto(LESSON)
    page.locator('[data-reader="speak"]').click()
    page.wait_for_selector('[data-reader="stop"]:visible')
    spoken = page.evaluate("window.__spoken")
    assert spoken[0][0].startswith("Nhận diện và báo cáo lừa đảo")
    assert all(lang == "vi-VN" and voice == "Giọng Việt" for _, lang, voice in spoken)
    assert any("Bạn sẽ học được" in text for text, _, _ in spoken)
    assert not any("Thời gian:" in text and "10 phút" in text for text, _, _ in spoken), "trainer notes are not read"
    page.locator('[data-reader="pause"]').click()
    assert page.locator('[data-reader="pause"]').inner_text() == "Đọc tiếp"
    page.locator('[data-reader="pause"]').click()
    page.locator('[data-reader="stop"]').click()
    assert page.evaluate("window.__calls") [-3:] == ["pause", "resume", "cancel"]
    assert page.locator('[data-reader="speak"]').is_visible()


def test_mark_as_learned_shows_progress_on_the_group_page(page):
    page.goto(OTHER)
    progress = page.locator(".group-progress")
    total = page.locator("article a[data-lesson]").count()
    assert progress.inner_text().startswith(f"Bạn đã học 0/{total}")
    page.goto(LESSON)
    page.locator('[data-reader="learned"]').click()
    assert page.locator('[data-reader="learned"]').get_attribute("aria-pressed") == "true"
    page.goto(OTHER)
    assert progress.inner_text().startswith(f"Bạn đã học 1/{total}")
    stored = page.evaluate("JSON.parse(localStorage.getItem('hkns.learned'))")
    assert list(stored) == ["nhan-dien-lua-dao-truc-tuyen"]


def test_lesson_opened_once_opens_again_offline(page):
    page.goto(LESSON)
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'")
    page.context.set_offline(True)
    page.goto(LESSON)
    assert page.locator("h1").inner_text().startswith("Nhận diện")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", "styles came from the cache"


@pytest.mark.parametrize("prefix,heading,title", [("", "Không có mạng", "Nhận diện"), ("/en", "No connection", "Spot")])
def test_offline_a_page_not_saved_opens_the_offline_page_with_the_way_back_and_what_is_saved(page, prefix, heading, title):
    page.goto(prefix + LESSON)
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'")
    page.context.set_offline(True)
    wanted = prefix + "/bai-hoc/cai-dat-vneid/"  # never opened on this phone
    page.goto(wanted)
    assert page.url.split("?")[0].endswith(prefix + "/ngoai-tuyen/")
    assert page.locator("article h1").inner_text().startswith(heading)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", "styles came from the cache"
    retry = page.locator("[data-offline-retry]")
    assert retry.is_visible() and retry.get_attribute("href").endswith(wanted)
    saved = page.locator("[data-offline-saved] a")
    saved.first.wait_for()
    texts = saved.all_inner_texts()
    assert [t for t in texts if t.startswith(title)] and not [t for t in texts if "¶" in t], texts
    assert page.locator(".offline-none").is_hidden()
    saved.filter(has_text=title).first.click()
    page.wait_for_url("**" + prefix + LESSON)
    assert page.locator("article h1").inner_text().startswith(title)


def test_saving_a_group_for_offline_use_shows_progress(page):
    page.goto(OTHER)
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'")
    # the group's lessons and its practice exercises
    links = page.locator("article a[data-lesson], article a[data-exercise]").evaluate_all("els => els.map(a => a.href)")
    page.locator("[data-offline-save]").click()
    status = page.locator(".offline-status")
    page.wait_for_function("() => document.querySelector('.offline-status').textContent.startsWith('Đã lưu')")
    assert f"Đã lưu {len(links)} bài" in status.inner_text()
    page.context.set_offline(True)
    for url in links[:3]:
        page.goto(url)
        assert page.locator("article h1").count() == 1


def test_a_new_build_replaces_saved_pages(browser, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    server, url = serve(copy)
    try:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.goto(LESSON)
        page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'")
        lesson = copy / LESSON.strip("/") / "index.html"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("Nhận diện và báo cáo", "BẢN MỚI"), encoding="utf-8")
        page.goto(LESSON)
        assert "BẢN MỚI" not in page.locator("h1").inner_text(), "served from the phone until a new build is announced"
        sw = copy / "sw.js"
        sw.write_text(re.sub(r'var VERSION = "\w+"', 'var VERSION = "new-build"', sw.read_text(encoding="utf-8")), encoding="utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function("""() => caches.keys().then(k => k.includes('hkns-shell-new-build')).then(ok => window.__ok = ok) && window.__ok""", timeout=10000)
        page.wait_for_timeout(1500)
        page.goto(LESSON)
        assert "BẢN MỚI" in page.locator("h1").inner_text()
        context.close()
    finally:
        server.shutdown()


def test_lesson_prints_on_a4_without_controls_and_with_its_address(page):
    page.goto(LESSON)
    page.emulate_media(media="print")
    assert page.locator(".reader-tools").is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert page.locator("article .admonition.danger").is_visible(), "safety notes are kept"
    assert page.locator("article ol li").first.is_visible(), "steps are kept"
    address = page.locator(".print-only")
    assert address.is_visible() and "bai-hoc/nhan-dien-lua-dao-truc-tuyen/" in address.inner_text()


def test_dark_phones_get_the_dark_scheme_and_the_switch_is_remembered(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark", base_url=base_url)
    page = context.new_page()
    page.goto(LESSON)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.locator("label[for^=__palette_]:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.goto(OTHER)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default", "the reader's choice is kept"
    context.close()


def test_glossary_word_explains_itself_when_tapped(page):
    page.goto("/bai-hoc/mat-khau-va-ma-otp/")
    term = page.locator("article abbr", has_text="OTP").first
    term.click()
    assert term.get_attribute("aria-expanded") == "true"
    note = page.locator(".term-note").first
    assert len(note.inner_text()) > 10


def test_the_menu_opens_on_a_phone_without_materials_script(page):
    page.goto(LESSON)
    assert not [u for u in page.requests if "bundle." in u], "Material's bundle is not loaded"
    page.locator(".md-header label[for=__drawer]").click()
    assert page.locator(".md-nav--primary").first.is_visible()
