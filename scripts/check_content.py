#!/usr/bin/env python3
"""Check lessons, plans, exercises and ward folders: schema, anatomy, ids, links, images, translations, dates.

Usage: python scripts/check_content.py [--quiet] [--readability]
Prints `path:line: level: message` for each problem and a summary; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import DATA, DEFAULT_LANG, Problem, coverage, load_content, sentence_lengths  # noqa: E402

# Lessons for these groups are read by residents: keep their sentences short (content guide).
PLAIN_GROUPS = {"nguoi-dan", "nguoi-cao-tuoi", "nguoi-khuyet-tat", "tieu-thuong"}
PLAIN_MAX_AVG_WORDS = 20


def readability(content) -> list[tuple[str, str, float, bool]]:
    """(lesson id, locale, average words per sentence, is a residents' lesson) for each text."""
    rows = []
    for lesson in content.lessons.values():
        plain = bool(PLAIN_GROUPS & set(lesson.meta["groups"]))
        for lang, text in lesson.texts.items():
            lengths = sentence_lengths(text.src.body)
            rows.append((lesson.id, lang, statistics.mean(lengths) if lengths else 0.0, plain))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quiet", action="store_true", help="print errors only")
    ap.add_argument("--readability", action="store_true", help="print average sentence length per lesson")
    args = ap.parse_args(argv)

    content = load_content()
    problems = list(content.problems)
    for lid, lang, avg, plain in readability(content):
        if plain and lang == DEFAULT_LANG and avg >= PLAIN_MAX_AVG_WORDS:
            lesson = content.lessons[lid]
            problems.append(Problem(lesson.path, 1, f"average sentence is {avg:.1f} words; residents' lessons stay under {PLAIN_MAX_AVG_WORDS}", "warning"))
    gaps = coverage(content).gaps
    for slug, domains in gaps.items():
        problems.append(Problem(DATA / "groups.yml", 1, f"group '{slug}' has no lesson in domain(s) {', '.join(domains)}", "warning"))

    for p in problems:
        if p.level == "error" or not args.quiet:
            print(p)
    if args.readability:
        print("\nAverage words per sentence (residents' lessons must stay under 20):")
        for lid, lang, avg, plain in sorted(readability(content)):
            print(f"  {lid:50} {lang}  {avg:5.1f}{'  *' if plain else ''}")
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    translated = sum("en" in le.texts for le in content.lessons.values())
    items = sum(x.judged_items for x in content.exercises.values())
    print(f"check_content: {len(content.lessons)} lessons ({translated} translated), {len(content.plans)} plans, "
          f"{len(content.exercises)} exercises ({items} real-or-scam items), {len(content.wards)} wards: "
          f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
