"""Trainers: decks that work from a USB stick, two-page handouts, class kits, the hub."""

from __future__ import annotations

import re
import sys
import zipfile

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from content import load_content  # noqa: E402
import deck_fit  # noqa: E402

CONTENT = load_content()
LESSONS = sorted(CONTENT.lessons)
SAMPLE = ["nhan-dien-lua-dao-truc-tuyen", "cai-dat-vneid", "bang-tinh-co-ban", "trinh-doc-man-hinh"]


def sections_of(deck: str) -> list[tuple[str, str]]:
    """(data-kind, inner HTML) of every slide of a built deck."""
    return re.findall(r'<section data-kind="([a-z]+)">(.*?)</section>', deck, flags=re.S)


def step_items(lesson_id: str, lang: str) -> list[int]:
    """The numbered steps of a lesson file, as written (1, 2, 3, 1, 2, …)."""
    text = CONTENT.lessons[lesson_id].texts[lang].sections["steps"].text
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.M)]


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_every_lesson_has_a_deck_and_handouts_in_both_locales(site, lesson_id):
    """Splitting loses nothing: every step in order, every safety note, question and picture."""
    for prefix, lang in (("", "vi"), ("en/", "en")):
        deck = (site / f"{prefix}trinh-chieu/{lesson_id}/index.html").read_text(encoding="utf-8")
        slides = sections_of(deck)
        kinds = [k for k, _ in slides if k not in ("summary", "answer")]
        order = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
        assert order == ["title", "objectives", "prepare", "steps", "safety", "practice", "question", "sources", "end"]
        text = CONTENT.lessons[lesson_id].texts[lang]
        # steps: each numbered item once, numbered as in the lesson, continued lists start where they left off
        shown = []
        for kind, body in slides:
            if kind == "steps":
                body = re.sub(r'<div class="cont">.*?</div>', "", body, flags=re.S)  # a step going on, or its sub-list
                for m in re.finditer(r'<ol(?: start="(\d+)")?>(.*?)</ol>', body, flags=re.S):
                    first = int(m.group(1) or 1)
                    shown += range(first, first + len(re.findall(r"<li>", m.group(2))))
        assert shown == step_items(lesson_id, lang)
        notes = len(re.findall(r"^!!! ", text.sections["safety"].text, flags=re.M))
        titles = [re.search(r'class="admonition-title">(.*?)</p>', b).group(1) for k, b in slides if k == "safety"]
        cont = "(tiếp)" if lang == "vi" else "(cont.)"
        assert len(titles) >= notes and len([x for x in titles if not x.endswith(cont)]) == notes, "one note per slide"
        assert len([k for k, b in slides if k == "question" and 'class="question"' in b]) == len(text.questions)
        pictures = re.findall(r"!\[[^\]]*\]\(/assets/images/([^)]+)\)", text.src.body)
        for pic in pictures:
            assert f"assets/images/{pic}" in deck, f"picture {pic} is on its slide"
        assert "[^" not in deck, "citation marks stay off the slides"
        assert (site / f"{prefix}tai-lieu-in/{lesson_id}/index.html").exists()
        assert (site / f"{prefix}tai-lieu-in/{lesson_id}/chu-to/index.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize("lesson_id", SAMPLE)
def test_deck_runs_from_a_folder_with_keys_and_notes(browser, site, lesson_id):
    folder = site.as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{folder}/trinh-chieu/{lesson_id}/index.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    deck = (site / f"trinh-chieu/{lesson_id}/index.html").read_text(encoding="utf-8")
    assert page.evaluate("Reveal.getTotalSlides()") == len(sections_of(deck))
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
    """A short question shows its answer on the next key press, on the same slide; a long one shows
    its answer on the next slide."""
    decks = {lid: (site / f"trinh-chieu/{lid}/index.html").read_text(encoding="utf-8") for lid in LESSONS}
    short = next(lid for lid, deck in decks.items() if 'class="fragment answer"' in deck)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{site.as_uri()}/trinh-chieu/{short}/index.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    index = page.evaluate("[...document.querySelectorAll('.slides > section')].findIndex(s => s.querySelector('.fragment.answer'))")
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
    long = next(lid for lid, deck in decks.items() if 'data-kind="answer"' in deck)
    slides = sections_of(decks[long])
    for i, (kind, body) in enumerate(slides):
        if kind == "answer":
            assert slides[i - 1][0] in ("question", "answer") and "Đáp án" in body + slides[i - 1][1]
            assert 'class="fragment' not in slides[i - 1][1]


@pytest.mark.browser
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_every_slide_fits_the_screen_and_carries_at_most_70_words(browser, site, lesson_id):
    """Each slide of both decks measured in Chromium at a 16:9 (1280×720) and a 4:3 (1024×768)
    projector: content no taller or wider than the slide and nothing outside the window, at most
    70 visible words (speaker notes aside), text at 24 px or more in the deck's own pixels, and
    every picture loaded and shown large."""
    for prefix in ("", "en/"):
        page = browser.new_page()
        result = deck_fit.measure_deck(page, (site / f"{prefix}trinh-chieu/{lesson_id}/index.html").as_uri())
        page.close()
        bad = deck_fit.problems(result)
        for res in result.values():
            bad += [f"{s['index'] + 1}: picture {img['src']} only {img['height']} px tall"
                    for s in res["slides"] for img in s["images"] if img["height"] < 150]
        assert bad == [], f"{prefix}{lesson_id}:\n" + "\n".join(bad)
        assert all(len(res["slides"]) > 8 for res in result.values())


PRINT_FONT_PT = """() => {
  let least = Infinity;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim() || n.parentElement.closest('svg')) continue;
    least = Math.min(least, parseFloat(getComputedStyle(n.parentElement).fontSize));
  }
  return least * 72 / 96;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_handouts_fit_on_a4_two_pages_and_large_print_four(browser, site, lesson_id):
    page = browser.new_page()
    page.emulate_media(media="print")
    for prefix in ("", "en/"):
        lang = "en" if prefix else "vi"
        cited = "[^" in CONTENT.lessons[lesson_id].texts[lang].src.body
        for folder, most, smallest in (("", 2, None), ("chu-to/", 4, 14)):
            page.goto((site / f"{prefix}tai-lieu-in/{lesson_id}/{folder}index.html").as_uri())
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            assert 1 <= pages <= most, f"{prefix}{lesson_id}/{folder}: {pages} pages"
            if smallest:
                size = page.evaluate(PRINT_FONT_PT)
                assert size >= smallest - 0.01, f"{prefix}{lesson_id}/{folder}: text at {size:.1f} pt"
            text = page.inner_text("body")
            assert ("Lưu ý an toàn" in text and "Thực hành" in text) or ("Safety notes" in text and "Practice" in text)
            assert page.locator("svg title").first.text_content().endswith(f"bai-hoc/{lesson_id}/")
            assert page.locator(".sources ol li").count() == len(CONTENT.lessons[lesson_id].meta["sources"])
            if cited:  # numbered marks that lead to the numbered source list
                assert page.locator("sup.cite a[href^='#nguon-']").count() > 0
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


def test_lessons_link_to_their_deck_and_handouts_and_the_hub_and_kits_list_them(site):
    for prefix in ("", "en/"):
        html = (site / f"{prefix}bai-hoc/cai-dat-vneid/index.html").read_text(encoding="utf-8")
        for target in ("trinh-chieu/cai-dat-vneid/", "tai-lieu-in/cai-dat-vneid/", "tai-lieu-in/cai-dat-vneid/chu-to/"):
            assert re.search(rf'href="\.\./\.\./{target}(index\.html)?"', html), (prefix, target)
        hub = (site / f"{prefix}huong-dan-vien/index.html").read_text(encoding="utf-8")
        for lid in LESSONS:
            assert f"trinh-chieu/{lid}/" in hub and f"tai-lieu-in/{lid}/" in hub and f"tai-lieu-in/{lid}/chu-to/" in hub
        for group in CONTENT.data.groups:
            kit = (site / f"{prefix}lop-hoc/{group['slug']}/index.html").read_text(encoding="utf-8")
            first = CONTENT.lessons_in_group(group["slug"])[0].id
            assert f"tai-lieu-in/{first}/chu-to/" in kit, (prefix, group["slug"])


def lengthen(text: str, cite: str) -> str:
    """A lesson rewritten longer, as its authors may: twice the steps, every other step four times
    as long (some longer than a slide), paragraphs, safety notes and explanations three times as
    long, a citation mark after each of them."""
    head, _, body = text.partition("\n---\n")
    head = head.replace("\nsources:\n", f"\nsources:\n  - id: {cite}\n    title: Nguồn thử\n"
                                       f"    url: https://vanban.chinhphu.vn/?pageid=27160\n", 1)
    out = []
    for line in body.splitlines():
        item = re.match(r"^(\d+)\. (.*)$", line)
        if item:
            n, words = int(item.group(1)), item.group(2)
            out += [f"{2 * n - 1}. {' '.join([words] * 4)} [^{cite}]", f"{2 * n}. {words}"]
        elif line.startswith("    ") and line.strip():
            out.append(f"{line} {line.strip()} {line.strip()} [^{cite}]")
        elif line.strip() and not line.startswith(("#", "!", "-", "|", " ")):
            out.append(" ".join([line] * 3) + f" [^{cite}]")
        else:
            out.append(line)
    return head + "\n---\n" + "\n".join(out) + "\n"


@pytest.mark.browser
def test_a_new_lesson_gets_its_deck_and_handouts_by_itself_and_long_texts_still_fit(project, browser):
    """Splitting is general, not tuned to today's lessons: a lesson made several times longer (with
    citation marks) still gets slides that fit at both sizes, at most 70 words each."""
    from conftest import build
    lessons = project / "content/lessons"
    for lang in ("vi", "en"):
        src = (lessons / f"cai-dat-vneid.{lang}.md").read_text(encoding="utf-8")
        src = src.replace("id: cai-dat-vneid", "id: bai-moi-thu-nghiem")
        (lessons / f"bai-moi.{lang}.md").write_text(lengthen(src, "nguon-moi"), encoding="utf-8")
    result, out = build(project)
    assert result.returncode == 0, result.stderr
    for prefix in ("", "en/"):
        assert (out / f"{prefix}tai-lieu-in/bai-moi-thu-nghiem/index.html").exists()
        large = (out / f"{prefix}tai-lieu-in/bai-moi-thu-nghiem/chu-to/index.html").read_text(encoding="utf-8")
        assert '<sup class="cite"><a href="#nguon-1"' in large, "numbered marks on the large print too"
        deck = out / f"{prefix}trinh-chieu/bai-moi-thu-nghiem/index.html"
        assert "[^" not in deck.read_text(encoding="utf-8")
        page = browser.new_page()
        result = deck_fit.measure_deck(page, deck.as_uri())
        page.close()
        assert deck_fit.problems(result) == []
        slides = result[(1280, 720)]["slides"]
        assert len([s for s in slides if s["kind"] == "safety"]) > 3, "a long note goes on over several slides"
        assert max(s["words"] for s in slides) <= 70
