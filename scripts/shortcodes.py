"""Shortcodes in hand-written pages: `<!-- kind:name arg -->` markers, invisible in any other Markdown
viewer, replaced at build time with lists and tables generated from content (Material's own
shortcodes hook works the same way). An unknown marker or argument stops the build."""

from __future__ import annotations

import re

from content import Content
from render import lesson_list_item, render_coverage_lessons, render_coverage_table, render_source_review, unindexed
from portal import catalog_fields
from render_plans import model_leads

SHORTCODE = re.compile(r"^<!-- (lessons:model|lessons:group|plans:model|catalog:fields|coverage:lessons|coverage|sources:review|bench:start|bench:end)(?: ([a-z0-9-]+))? -->$", re.M)
ANY_SHORTCODE = re.compile(r"^<!-- ([a-z]+:[a-z]+|[a-z]+)(?: [^>]*)? -->$", re.M)


def expand_shortcodes(markdown: str, content: Content, lang: str, where: str) -> str:
    def replace(m: re.Match) -> str:
        kind, arg = m.group(1), m.group(2)
        if kind in ("lessons:model", "plans:model") and arg not in content.data.model_slugs:
            raise ValueError(f"{where}: unknown model '{arg}' in shortcode {m.group(0)}")
        if kind == "lessons:group" and arg not in content.data.group_slugs:
            raise ValueError(f"{where}: unknown group '{arg}' in shortcode {m.group(0)}")
        # lists of lessons grow with the curriculum: shown, not indexed for search (each lesson is)
        if kind == "lessons:model":
            return unindexed("".join(lesson_list_item(le, lang) for le in content.lessons_in_model(arg)))
        if kind == "lessons:group":
            return unindexed("".join(lesson_list_item(le, lang, i) for i, le in enumerate(content.lessons_in_group(arg), 1)))
        if kind == "plans:model":
            return model_leads(content, arg, lang)
        if kind == "catalog:fields":
            return catalog_fields(lang)
        if kind.startswith("bench:"):
            return ""  # markers around the table that scripts/bench.py --write replaces
        if kind == "sources:review":
            return render_source_review(content, lang)
        if kind == "coverage:lessons":
            return render_coverage_lessons(content, lang)
        return render_coverage_table(content, lang)

    for m in ANY_SHORTCODE.finditer(markdown):
        if not SHORTCODE.fullmatch(m.group(0)):
            raise ValueError(f"{where}: unknown shortcode {m.group(0)}")
    return SHORTCODE.sub(replace, markdown)
