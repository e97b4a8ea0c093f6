"""How deck slides are cut (scripts/deck_layout.py), on made-up texts of any length: fast checks
without a browser. tests/test_trainers.py measures the real decks in Chromium."""

from __future__ import annotations

import re
import sys

import markdown

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import citations  # noqa: E402
import deck_layout as dl  # noqa: E402

MD = markdown.Markdown(extensions=["admonition", "attr_list", "md_in_html", "tables"])


def render(text: str) -> str:
    MD.reset()
    return MD.convert(citations.strip(text))


UNITS = dl.Units(render, lambda src: None)
TITLE = lambda n: (3, 76.0)  # noqa: E731  a one-line title of three words


def sentence(n: int, words: int = 10) -> str:
    return " ".join(f"từ{n}x{i}" for i in range(words - 1)) + " cuối."


def test_words_are_counted_as_the_browser_counts_them():
    html = ('<h2>Các bước (tiếp)</h2>\n<ol start="3">\n<li>Chạm <strong>Gửi</strong> – xong.</li>\n</ol>'
            '<aside class="notes">ghi chú không tính</aside><div class="qr"><svg><title>mã QR</title></svg></div>')
    assert dl.count_words(html) == 6  # "–" is no word; notes and the QR code's title are not shown
    assert dl.count_words(render("Gọi số đã biết.[^nd13] Xong [^nd13].")) == 5, "citation marks are not words"


def test_sentences_never_cut_inside_a_link_or_code():
    text = "Mở [trang Dịch vụ công. Bấm Đăng nhập](/x.md) ngay. Gõ `a. b` rồi chờ. Xong!"
    assert dl.sentences(text) == ["Mở [trang Dịch vụ công. Bấm Đăng nhập](/x.md) ngay.", "Gõ `a. b` rồi chờ.", "Xong!"]


def test_a_long_paragraph_is_cut_at_sentence_ends_within_the_budget():
    text = " ".join(sentence(i) for i in range(15))  # 150 words
    pieces = dl.split_text(text, 60, lambda s: dl.count_words(render(s)))
    assert all(dl.count_words(render(p)) <= 60 for p in pieces) and len(pieces) == 3
    assert all(p.endswith("cuối.") for p in pieces) and " ".join(pieces) == text


def test_one_endless_sentence_is_still_cut():
    text = " ".join(f"w{i}" for i in range(200)) + "."
    pieces = dl.split_text(text, 50, lambda s: dl.count_words(render(s)))
    assert all(dl.count_words(render(p)) <= 50 for p in pieces) and " ".join(pieces) == text


def test_a_long_step_list_is_evened_out_and_numbered_on():
    steps = "\n".join(f"{i}. {sentence(i, 9)}" for i in range(1, 10))  # 9 steps of 9 words
    units = UNITS.from_markdown(steps, 60, lambda t: t + " (tiếp)")
    slides = dl.pack(units, TITLE)
    assert [len(s) for s in slides] == [5, 4], "5 + 4, not 7 + 2"
    html = [dl.join(s) for s in slides]
    assert html[0].startswith("<ol>") and html[1].startswith('<ol start="6">')
    assert all(3 + dl.count_words(h) <= dl.MAX_WORDS for h in html)


def test_a_step_longer_than_a_slide_goes_on_without_a_new_number():
    steps = f"1. {' '.join(sentence(i) for i in range(9))}\n2. Bước hai."
    units = UNITS.from_markdown(steps, 60, lambda t: t + " (tiếp)")
    slides = dl.pack(units, TITLE)
    html = "\n".join(dl.join(s) for s in slides)
    assert len(slides) >= 2 and html.count("<li>") == 2 and 'class="cont"' in html
    assert '<ol start="2">' in html
    assert all(3 + dl.count_words(dl.join(s)) <= dl.MAX_WORDS for s in slides)


def test_one_note_per_slide_and_a_long_note_goes_on_under_its_title():
    notes = ('!!! danger "Không đưa mã OTP"\n    Ngắn thôi.\n\n'
             '!!! tip "Mẹo"\n    ' + " ".join(sentence(i) for i in range(14)) + "\n\n"
             '!!! warning "Cảnh giác"\n    Một câu.\n')
    units = UNITS.from_markdown(notes, 60, lambda t: t + " (tiếp)")
    slides = dl.pack(units, TITLE)
    titles = [re.findall(r'admonition-title">([^<]*)<', dl.join(s)) for s in slides]
    assert all(len(t) == 1 for t in titles), "one note per slide"
    flat = [t[0] for t in titles]
    assert flat[0] == "Không đưa mã OTP" and flat[1] == "Mẹo" and "Mẹo (tiếp)" in flat and flat[-1] == "Cảnh giác"
    assert all(3 + dl.count_words(dl.join(s)) <= dl.MAX_WORDS for s in slides)


def test_many_short_steps_are_cut_by_height_too():
    steps = "\n".join(f"{i}. Bấm." for i in range(1, 31))  # 30 one-word steps: few words, too tall
    slides = dl.pack(UNITS.from_markdown(steps, 60, lambda t: t), TITLE)
    assert len(slides) > 1
    assert all(76 + dl.estimate_group_height(s) <= dl.HEIGHT_BUDGET for s in slides)


def test_a_picture_stays_with_its_steps_or_moves_on_whole():
    md = "1. Mở ứng dụng.\n2. Chạm vào nút.\n\n![Sơ đồ](/assets/images/lessons/x.svg)\n\n3. Xong."
    units = UNITS.from_markdown(md, 60, lambda t: t)
    assert [u.kind for u in units] == ["ol", "ol", "image", "ol"]
    assert units[2].height >= dl.IMAGE_MAX_HEIGHT
    slides = dl.pack(units, TITLE)
    assert sum('<img' in dl.join(s) for s in slides) == 1


def test_an_intro_ending_in_a_colon_stays_with_what_follows():
    md = " ".join(sentence(i) for i in range(5)) + "\n\nCó hai mức:\n\n- Mức 1.\n- Mức 2."
    slides = dl.pack(UNITS.from_markdown(md, 60, lambda t: t), TITLE, max_words=56)
    assert not dl.join(slides[0]).rstrip().endswith("hai mức:</p>")


def test_a_step_with_a_nested_list_and_a_second_paragraph_keeps_them():
    md = "1. Chọn một trong hai:\n    - Wi-Fi nhà.\n    - 4G.\n\n    Rồi bấm Tiếp.\n2. Xong."
    units = UNITS.from_markdown(md, 60, lambda t: t)
    html = dl.join(units)
    assert [u.kind for u in units] == ["ol", "cont", "ol"]
    assert "<li>Chọn một trong hai:</li>" in html and "<li>Wi-Fi nhà.</li>" in html and "Rồi bấm Tiếp." in html
    assert '<ol start="2">' in html
