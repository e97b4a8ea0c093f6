#!/usr/bin/env python3
"""Measure built decks in Chromium: does every slide fit its screen, and how much does it say?

For each slide (reached with Reveal's own API, fragments included since they take their space):
its content height and width in the deck's own pixels (section.scrollHeight / scrollWidth against
Reveal's configured width and height), whether any of it falls outside the window, the words of
its visible text (speaker notes and the QR code's inner title left out), the smallest text size in
deck pixels, and its pictures (loaded, and how tall on the slide).

Used by tests/test_trainers.py; also a report for maintainers:

  python scripts/deck_fit.py SITE_DIR [--lesson ID ...]   (needs Debian's chromium, as make test)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

WINDOWS = [(1280, 720), (1024, 768)]  # a 16:9 projector and an old 4:3 one
MAX_WORDS = 70
MIN_FONT_PX = 24  # in the deck's own pixels (1280×720), before Reveal scales the slide to the window

MEASURE_JS = r"""
async () => {
  await document.fonts.ready;
  await Promise.all([...document.images].map(img => img.complete ? null
    : new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); })));
  Reveal.layout();
  const cfg = Reveal.getConfig();
  const scale = Reveal.getScale();
  const words = el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('aside.notes, svg, script, style').forEach(n => n.remove());
    return copy.textContent.split(/\s+/).filter(w => /[\p{L}\p{N}]/u.test(w)).length;
  };
  const out = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i);
    const s = Reveal.getCurrentSlide();
    const box = s.getBoundingClientRect();
    let minFont = Infinity;
    const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || n.parentElement.closest('aside.notes, svg')) continue;
      minFont = Math.min(minFont, parseFloat(getComputedStyle(n.parentElement).fontSize));
    }
    // the slide's content on screen: its box, grown by whatever overflows it
    const bottom = box.top + Math.max(box.height, s.scrollHeight * scale);
    const right = box.left + Math.max(box.width, s.scrollWidth * scale);
    const outside = Math.max(0, bottom - innerHeight, right - innerWidth, -box.top, -box.left);
    out.push({
      index: i,
      kind: s.dataset.kind || '',
      title: (s.querySelector('h1, h2') || {textContent: ''}).textContent.trim(),
      height: s.scrollHeight, width: s.scrollWidth,
      slideHeight: cfg.height, slideWidth: cfg.width,
      outside: Math.round(outside * 10) / 10,
      words: words(s),
      minFont: minFont === Infinity ? null : minFont,
      images: [...s.querySelectorAll('img')].map(img => ({
        src: img.getAttribute('src'), loaded: img.naturalWidth > 0,
        height: Math.round(img.getBoundingClientRect().height / scale)})),
    });
  }
  Reveal.slide(0);
  return {scale, window: [innerWidth, innerHeight], slides: out};
}
"""


def measure_deck(page, url: str) -> dict[tuple[int, int], dict]:
    """Open one deck in `page` and measure every slide at each window size."""
    page.set_viewport_size({"width": WINDOWS[0][0], "height": WINDOWS[0][1]})
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    out = {}
    for w, h in WINDOWS:
        page.set_viewport_size({"width": w, "height": h})
        out[(w, h)] = page.evaluate(MEASURE_JS)
    return out


def problems(result: dict[tuple[int, int], dict]) -> list[str]:
    """Every slide that is too tall or too wide, cut off by the window, too wordy or too small."""
    bad = []
    for (w, h), res in result.items():
        for s in res["slides"]:
            where = f"{w}×{h} slide {s['index'] + 1} [{s['kind']}] {s['title'][:50]!r}"
            if s["height"] > s["slideHeight"]:
                bad.append(f"{where}: {s['height']} px tall on a {s['slideHeight']} px slide")
            if s["width"] > s["slideWidth"]:
                bad.append(f"{where}: {s['width']} px wide on a {s['slideWidth']} px slide")
            if s["outside"] > 1:
                bad.append(f"{where}: {s['outside']} px outside the window")
            if s["words"] > MAX_WORDS:
                bad.append(f"{where}: {s['words']} words (at most {MAX_WORDS})")
            if s["minFont"] is not None and s["minFont"] < MIN_FONT_PX:
                bad.append(f"{where}: text at {s['minFont']} px (at least {MIN_FONT_PX})")
            for img in s["images"]:
                if not img["loaded"]:
                    bad.append(f"{where}: picture {img['src']} did not load")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--lesson", action="append", help="only these lesson ids")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every problem")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright
    decks = sorted(args.site.glob("trinh-chieu/*/index.html")) + sorted(args.site.glob("en/trinh-chieu/*/index.html"))
    if args.lesson:
        decks = [d for d in decks if d.parent.name in args.lesson]
    totals = {win: {"slides": 0, "tall": 0, "wordy": 0, "max_words": 0, "max_ratio": 0.0, "min_font": 1e9} for win in WINDOWS}
    all_bad = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        for deck in decks:
            name = deck.relative_to(args.site).parent.as_posix()
            result = measure_deck(page, deck.as_uri())
            all_bad += [f"{name}: {b}" for b in problems(result)]
            for win, res in result.items():
                tot = totals[win]
                for s in res["slides"]:
                    tot["slides"] += 1
                    tot["tall"] += s["height"] > s["slideHeight"]
                    tot["wordy"] += s["words"] > MAX_WORDS
                    tot["max_words"] = max(tot["max_words"], s["words"])
                    tot["max_ratio"] = max(tot["max_ratio"], s["height"] / s["slideHeight"])
                    if s["minFont"] is not None:
                        tot["min_font"] = min(tot["min_font"], s["minFont"])
        browser.close()
    print(f"{len(decks)} decks")
    for (w, h), tot in totals.items():
        print(f"{w}×{h}: {tot['slides']} slides, {tot['tall']} taller than the slide (max height ratio "
              f"{tot['max_ratio']:.3f}), {tot['wordy']} over {MAX_WORDS} words (max {tot['max_words']}), "
              f"smallest text {tot['min_font']:g} px")
    if args.verbose:
        print("\n".join(all_bad))
    print(f"{len(all_bad)} problems")
    return 1 if all_bad else 0


if __name__ == "__main__":
    sys.exit(main())
