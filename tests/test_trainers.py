"""Trainers: decks that work from a USB stick, two-page handouts, class kits, the hub."""

from __future__ import annotations

import math
import re
import sys
import zipfile

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from content import load_content  # noqa: E402

CONTENT = load_content()
LESSONS = sorted(CONTENT.lessons)
SAMPLE = ["nhan-dien-lua-dao-truc-tuyen", "cai-dat-vneid", "bang-tinh-co-ban", "trinh-doc-man-hinh"]


def expected_slides(lesson_id: str, lang: str = "vi") -> int:
    """Counted from the lesson file itself: title, one per section, steps in chunks of 4, one per
    question, and the closing sources slide. Trainer notes become speaker notes, not slides."""
    text = CONTENT.lessons[lesson_id].texts[lang].src.body
    steps = re.split(r"^## ", text, flags=re.M)[3]  # the steps section
    parts = re.split(r"^### ", steps, flags=re.M)
    # the part before the first ### counts without its heading line ("Các bước")
    parts = [parts[0].split("\n", 1)[1]] + [p.split("\n", 1)[1] for p in parts[1:]]
    step_slides = sum(max(1, math.ceil(len(re.findall(r"^\d+\. ", p, flags=re.M)) / 4)) for p in parts if p.strip())
    questions = len(CONTENT.lessons[lesson_id].texts[lang].questions)
    return 1 + 2 + step_slides + 2 + questions + 1


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_every_lesson_has_a_deck_and_a_handout_in_both_locales(site, lesson_id):
    for prefix in ("", "en/"):
        deck = (site / f"{prefix}trinh-chieu/{lesson_id}/index.html").read_text(encoding="utf-8")
        assert len(re.findall(r"<section\b", deck)) == expected_slides(lesson_id, "vi" if not prefix else "en")
        assert (site / f"{prefix}tai-lieu-in/{lesson_id}/index.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize("lesson_id", SAMPLE)
def test_deck_runs_from_a_folder_with_keys_and_notes(browser, site, lesson_id):
    folder = site.as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{folder}/trinh-chieu/{lesson_id}/index.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getTotalSlides()") == expected_slides(lesson_id)
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    page.keyboard.press("PageDown")
    assert page.evaluate("Reveal.getIndices().h") == 2
    page.keyboard.press("PageUp")
    assert page.evaluate("Reveal.getIndices().h") == 1
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('section.present li, section.present p')).fontSize) * Reveal.getScale()")
    assert size >= 28, size
    notes = page.evaluate("document.querySelector('.slides > section aside.notes').textContent.trim()")
    assert len(notes) > 40, "the trainer notes are the first slide's speaker notes"
    assert all(u.startswith(folder) for u in requests), [u for u in requests if not u.startswith(folder)]
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    popup.value.wait_for_load_state()
    assert popup.value.evaluate("document.body.innerText").strip(), "speaker view opened"
    page.close()


def Reveal_index(page) -> int:
    return page.evaluate("Reveal.getIndices().h")


@pytest.mark.browser
def test_question_slide_reveals_the_answer_on_the_next_step(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{site.as_uri()}/trinh-chieu/nhan-dien-lua-dao-truc-tuyen/index.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    index = page.evaluate("[...document.querySelectorAll('.slides > section')].findIndex(s => s.dataset.kind === 'question')")
    page.evaluate(f"Reveal.slide({index})")
    page.wait_for_function(f"() => Reveal.getIndices().h === {index}")
    answer = page.locator("section.present .answer")
    assert not answer.evaluate("e => e.classList.contains('visible')")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('section.present .answer').classList.contains('visible')")
    assert Reveal_index(page) == index, "the answer is a step of the same slide"
    # shown once its fade-in has made it visible (innerText is empty while it is still hidden)
    page.wait_for_function("() => document.querySelector('section.present .answer').innerText.includes('Đáp án')", timeout=5000)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_handout_fits_on_two_a4_pages(browser, site, lesson_id):
    page = browser.new_page()
    for prefix in ("", "en/"):
        page.goto((site / f"{prefix}tai-lieu-in/{lesson_id}/index.html").as_uri())
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, f"{prefix}{lesson_id}: {pages} pages"
        text = page.inner_text("body")
        assert ("Lưu ý an toàn" in text and "Thực hành" in text) or ("Safety notes" in text and "Practice" in text)
        assert page.locator("svg title").first.text_content().endswith(f"bai-hoc/{lesson_id}/")
    page.close()


@pytest.mark.browser
def test_class_zip_opens_from_a_usb_stick(browser, site, tmp_path):
    with zipfile.ZipFile(site / "tai-ve/hoc-ky-nang-so-nguoi-cao-tuoi-vi.zip") as zf:
        zf.extractall(tmp_path)
    deck = tmp_path / "trinh-chieu/goi-video-voi-gia-dinh/index.html"
    assert deck.exists() and (tmp_path / "tai-lieu-in/goi-video-voi-gia-dinh/index.html").exists()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getTotalSlides()") > 5
    assert failed == []
    page.close()


def test_class_kits_have_a_90_minute_plan_attendance_and_mentor_sheet(site):
    for group in CONTENT.data.groups:
        html = (site / f"lop-hoc/{group['slug']}/index.html").read_text(encoding="utf-8")
        ends = [int(m) for m in re.findall(r"<td>\d+–(\d+)</td>", html)]
        assert ends and ends[-1] == 90 and ends == sorted(ends), (group["slug"], ends)
        assert "Danh sách điểm danh" in html and html.count("<tr>") > 20
        assert "Phiếu theo dõi của Đại sứ số" in html
        mentor = html[html.index("Phiếu theo dõi của Đại sứ số"):]
        assert len(re.findall(r"<th[^>]*>\d</th>", mentor)) >= 5, "at least five mentees"


def test_lessons_link_to_their_deck_and_handout_and_the_hub_lists_them(site):
    html = (site / "bai-hoc/cai-dat-vneid/index.html").read_text(encoding="utf-8")
    assert 'href="../../trinh-chieu/cai-dat-vneid/"' in html or 'href="../../trinh-chieu/cai-dat-vneid/index.html"' in html
    hub = (site / "huong-dan-vien/index.html").read_text(encoding="utf-8")
    for lid in LESSONS:
        assert f"trinh-chieu/{lid}/" in hub and f"tai-lieu-in/{lid}/" in hub


def test_a_new_lesson_gets_its_deck_and_handout_by_itself(project):
    from conftest import build
    src = (project / "content/lessons/cai-dat-vneid.vi.md").read_text(encoding="utf-8")
    (project / "content/lessons/bai-moi.vi.md").write_text(src.replace("id: cai-dat-vneid", "id: bai-moi-thu-nghiem"), encoding="utf-8")
    result, out = build(project)
    assert result.returncode == 0, result.stderr
    assert (out / "trinh-chieu/bai-moi-thu-nghiem/index.html").exists()
    assert (out / "tai-lieu-in/bai-moi-thu-nghiem/index.html").exists()
    assert (out / "en/trinh-chieu/bai-moi-thu-nghiem/index.html").exists()
