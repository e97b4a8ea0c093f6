"""Turn loaded content into the Markdown of generated pages (lessons, group pages, indexes, glossary).

Pure functions from `content.Content` to Markdown strings; scripts/mkdocs_hooks.py hands them to
MkDocs as virtual files. Keeping the output plain Markdown (plus a little HTML) keeps a later move
to another generator small.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import citations
import source_tiers
from content import DATA, DEFAULT_LANG, SECTIONS, SOURCES_HEADING, Content, Lesson, coverage, load_yaml, subsections


@lru_cache(maxsize=None)
def strings() -> dict:
    return load_yaml(DATA / "strings.yml")


def t(key: str, lang: str) -> str:
    node = strings()
    for part in key.split("."):
        node = node[part]
    return node[lang]


@dataclass
class GeneratedPage:
    src_uri: str  # where MkDocs pretends the page lives in docs/ (links resolve from here)
    markdown: str
    lang: str  # the language of the text (may be the default when not translated)


def slides_path(lesson_id: str, lang: str) -> str:
    return ("en/" if lang != DEFAULT_LANG else "") + f"trinh-chieu/{lesson_id}/index.html"


def handout_path(lesson_id: str, lang: str, large: bool = False) -> str:
    """The A4 handout; `large`: its large-print twin (body text at 14 pt or more, up to 4 pages)."""
    return ("en/" if lang != DEFAULT_LANG else "") + f"tai-lieu-in/{lesson_id}/" + ("chu-to/" if large else "") + "index.html"


def lesson_url(lesson_id: str) -> str:
    return f"/bai-hoc/{lesson_id}.md"


def front_matter(**fields: str) -> str:
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {yaml_str(value)}")
    lines.append("---\n")
    return "\n".join(lines)


def yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inline(text: str) -> str:
    """Escape text for HTML, keeping **bold** and `code` from the Markdown source."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def date_vi(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


def fallback_note(lang: str) -> str:
    return f'!!! info "English"\n    {t("not_translated", lang)}\n\n'


# --- lessons -------------------------------------------------------------------------------

def lesson_meta_line(lesson: Lesson, content: Content, lang: str) -> str:
    m = lesson.meta
    groups = ", ".join(
        f"[{content.data.group_slugs[g]['name'][lang]}](/nhom/{g}.md)" for g in m["groups"])
    return (f'<p class="lesson-meta" data-search-ignore markdown>'
            f'<span>{t("duration", lang)}: {m["duration_minutes"]} {t("minutes", lang)}</span> · '
            f'<span>{t("level." + m["level"], lang)}</span> · '
            f'<span>{t("for_groups", lang)}: {groups}</span></p>\n\n'
            f'<p class="lesson-links" data-search-ignore markdown>[{t("trainers.slides", lang)}](/{slides_path(lesson.id, lang)}) · '
            f'[{t("trainers.handout", lang)}](/{handout_path(lesson.id, lang)}) · '
            f'[{t("trainers.handout_large", lang)}](/{handout_path(lesson.id, lang, large=True)})</p>\n\n')


def render_quiz(lesson: Lesson, lang: str) -> str:
    text = lesson.text(lang)
    out = ['<div class="quiz" data-quiz>']
    for i, q in enumerate(text.questions, start=1):
        name = f"{lesson.id}-q{i}"
        out.append(f'<form class="quiz-q" data-correct="{q.correct}" action="#">')
        out.append(f'<fieldset><legend><span class="quiz-n">{t("question", lang)} {i}.</span> {inline(q.text)}</legend>')
        for j, option in enumerate(q.options):
            out.append(f'<label><input type="radio" name="{name}" value="{j}"> <span>{inline(option)}</span></label>')
        out.append("</fieldset>")
        out.append('<p class="quiz-feedback" role="status" aria-live="polite"></p>')
        out.append(f'<details class="quiz-why"><summary>{t("check_answer", lang)}</summary>'
                   f'<p><strong>{t("answer", lang)}:</strong> {inline(q.options[q.correct])}</p>'
                   f'<p>{inline(q.why)}</p></details>')
        out.append("</form>")
    out.append("</div>")
    return "\n".join(out) + "\n\n"


def indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line.strip() else "" for line in text.splitlines())


def glossary_abbreviations(markdown: str, content: Content, lang: str) -> str:
    """Markdown abbreviations for glossary terms the page uses, so each is explained where it appears."""
    lines = []
    for entry in content.data.glossary:
        term = entry["term"][lang]
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", markdown):
            definition = entry["definition"][lang].replace("\n", " ").strip()
            lines.append(f"*[{term}]: {definition}")
    return ("\n\n" + "\n".join(lines) + "\n") if lines else ""


def unindexed(markdown: str) -> str:
    """Shown on the page but left out of the search index: a lesson is found by its title, summary,
    groups and step headings, which keeps the index a phone downloads to search small."""
    markdown = markdown.strip("\n")
    return f'<div data-search-ignore markdown>\n\n{markdown}\n\n</div>\n\n' if markdown.strip() else ""


def render_lesson(lesson: Lesson, content: Content, lang: str) -> GeneratedPage:
    text = lesson.text(lang)
    text_lang = text.src.lang
    group_names = ", ".join(content.data.group_slugs[g]["name"][lang] for g in lesson.meta["groups"])
    parts = [front_matter(title=text.title, description=text.summary, kind="lesson", lesson_id=lesson.id,
                          group_names=group_names)]
    parts.append(f"# {text.title}\n\n")
    if text_lang != lang:
        parts.append(fallback_note(lang))
        parts.append(f'<div lang="{text_lang}" markdown>\n\n')
    parts.append(f'<p class="lesson-summary">{inline(text.summary)}</p>\n\n')
    parts.append(lesson_meta_line(lesson, content, lang))
    for key, section in text.sections.items():
        # section names are the same on every lesson: nothing to search for, only index weight
        parts.append(f"## {section.title} {{ data-search-ignore }}\n\n")
        if key == "quiz":
            parts.append(unindexed(render_quiz(lesson, text_lang)))
        elif key == "trainer":
            parts.append(unindexed(f'??? note "{t("trainer_notes_open", text_lang)}"\n'
                                   + indent(section.text.strip("\n")) + "\n"))
        elif key == "steps":
            pre, subs = subsections(section)
            parts.append(unindexed("\n".join(x for _, x in pre)))
            for sub in subs:  # each step's heading is searchable, its text is not (index size)
                parts.append(f"### {sub.title}\n\n" + unindexed(sub.text))
        else:
            parts.append(unindexed(section.text))
        if key == "practice":  # the exercises that practise this lesson (their `lessons:`)
            from render_exercises import lesson_practice_links
            parts.append(lesson_practice_links(lesson.id, content, lang))
    parts.append(f"## {SOURCES_HEADING[text_lang]} {{ data-search-ignore }}\n\n")
    parts.append(unindexed(source_list(lesson.meta["sources"], text_lang)))
    review = text.src.meta.get("review") or lesson.meta.get("review")
    parts.append(f'\n<p class="lesson-reviewed" data-search-ignore markdown>{t("reviewed", lang)}: {date_vi(lesson.meta["reviewed"])}.'
                 + (f" {inline(citations.cite_ids(review, lesson.meta['sources']))}" if review else "")
                 + f' [{t("review_page", lang)}](/kiem-chung.md#{lesson.id})</p>\n')
    if text_lang != lang:
        parts.append("\n</div>\n")
    body = citations.render("".join(parts), lesson.meta["sources"], t("cite", text_lang))
    return GeneratedPage(f"bai-hoc/{lesson.id}.md", body + glossary_abbreviations(body, content, text_lang), text_lang)


def source_list(sources: list[dict], lang: str, anchor: str = "nguon-") -> str:
    """The numbered source list the citation marks point at, each source with its trust tier."""
    items = []
    for n, s in enumerate(sources, 1):
        tier = source_tiers.tier(s["url"]) or "unlisted"
        publisher = f" — {html.escape(s['publisher'])}" if s.get("publisher") else ""
        items.append(f'<li id="{anchor}{n}"><a href="{html.escape(s["url"])}">{html.escape(s["title"])}</a>{publisher} '
                     f'<span class="source-tier" data-tier="{tier}">({t("tier." + tier, lang)})</span></li>')
    return '<ol class="lesson-sources">\n' + "\n".join(items) + "\n</ol>\n"


def render_source_review(content: Content, lang: str) -> str:
    """The public review page: sources by tier across the curriculum, then each lesson's review."""
    counts = {tier: 0 for tier in (*source_tiers.TIERS, "unlisted")}
    for le in content.lessons.values():
        for s in le.meta["sources"]:
            counts[source_tiers.tier(s["url"]) or "unlisted"] += 1
    total = sum(counts.values()) or 1
    out = [f"| {t('tier.heading', lang)} | {t('tier.count', lang)} | % |\n|---|---:|---:|\n"]
    for tier, n in counts.items():
        if n or tier in source_tiers.PRIMARY:
            out.append(f"| {t('tier.' + tier, lang)} | {n} | {round(100 * n / total)}% |\n")
    out.append("\n")
    for le in sorted(content.lessons.values(), key=lambda x: x.title(lang).lower()):
        text = le.text(lang)
        review = text.src.meta.get("review") or le.meta.get("review") or ""
        primary = sum(1 for s in le.meta["sources"] if source_tiers.tier(s["url"]) in source_tiers.PRIMARY)
        out.append(f"### {le.title(lang)} {{ #{le.id} }}\n\n")
        out.append(f"[{t('review_open', lang)}]({lesson_url(le.id)}) · {t('reviewed', lang)}: {date_vi(le.meta['reviewed'])} · "
                   f"{t('tier.primary_share', lang).format(n=primary, total=len(le.meta['sources']))}\n\n")
        if review:
            out.append(citations.render(inline(citations.cite_ids(review, le.meta["sources"])), le.meta["sources"],
                                        t("cite", lang), href=f"#{le.id}-{{n}}") + "\n\n")
        out.append(source_list(le.meta["sources"], lang, anchor=f"{le.id}-") + "\n")
    return unindexed("".join(out))


def lesson_list_item(lesson: Lesson, lang: str, numbered: int | None = None) -> str:
    m = lesson.meta
    bullet = f"{numbered}." if numbered else "-"
    return (f"{bullet} [{lesson.title(lang)}]({lesson_url(lesson.id)}){{ data-lesson=\"{lesson.id}\" }} "
            f"<small>{m['duration_minutes']} {t('minutes', lang)} · {t('level.' + m['level'], lang)}</small>  \n"
            f"    {lesson.text(lang).summary}\n")


# --- indexes -------------------------------------------------------------------------------

def render_group(slug: str, content: Content, lang: str) -> GeneratedPage:
    group = content.data.group_slugs[slug]
    lessons = content.lessons_in_group(slug)
    total = sum(le.meta["duration_minutes"] for le in lessons)
    name = group["name"][lang]
    md = [front_matter(title=name, description=group["who"][lang], kind="group", group=slug), f"# {name}\n\n"]
    md.append(f'<p class="lesson-summary">{t("who", lang)}: {group["who"][lang]}.</p>\n\n')
    md.append(f"{len(lessons)} {t('lesson_count', lang)} · {t('group_total', lang)}: "
              f"{hours(total, lang)}\n\n## {t('group_order', lang)}\n\n")
    md += [lesson_list_item(le, lang, i) for i, le in enumerate(lessons, start=1)]
    from render_exercises import group_section
    md.append(group_section(slug, content, lang))
    return GeneratedPage(f"nhom/{slug}.md", "".join(md), lang)


def hours(minutes: int, lang: str) -> str:
    h, m = divmod(minutes, 60)
    unit_h = "giờ" if lang == "vi" else "h"
    return f"{h} {unit_h} {m} {t('minutes', lang)}" if h else f"{m} {t('minutes', lang)}"


def render_groups_index(content: Content, lang: str) -> GeneratedPage:
    title = t("groups_title", lang)
    md = [front_matter(title=title, description=t("groups_intro", lang), kind="index"), f"# {title}\n\n", t("groups_intro", lang), "\n\n"]
    for group in content.data.groups:
        n = len(content.lessons_in_group(group["slug"]))
        md.append(f"- [{group['name'][lang]}](/nhom/{group['slug']}.md) — {group['who'][lang]} "
                  f"<small>({n} {t('lesson_count', lang)})</small>\n")
    return GeneratedPage("nhom/index.md", "".join(md), lang)


def render_lessons_index(content: Content, lang: str) -> GeneratedPage:
    title = t("lessons_title", lang)
    md = [front_matter(title=title, description=t("lessons_intro", lang), kind="index"), f"# {title}\n\n", t("lessons_intro", lang), "\n\n"]
    for lesson in sorted(content.lessons.values(), key=lambda le: le.title(lang).lower()):
        md.append(lesson_list_item(lesson, lang))
    return GeneratedPage("bai-hoc/index.md", "".join(md), lang)


def render_glossary(content: Content, lang: str) -> GeneratedPage:
    title = t("glossary_title", lang)
    md = [front_matter(title=title, description=t("glossary_intro", lang), kind="glossary"), f"# {title}\n\n", t("glossary_intro", lang), "\n\n"]
    for entry in sorted(content.data.glossary, key=lambda e: e["term"][lang].lower()):
        md.append(f"{entry['term'][lang]} {{#{entry['id']}}}\n:   {entry['definition'][lang].strip()}\n\n")
    return GeneratedPage("tu-dien.md", "".join(md), lang)


def generated_pages(content: Content, lang: str) -> list[GeneratedPage]:
    pages = [render_lesson(le, content, lang) for le in content.lessons.values()]
    pages += [render_group(g["slug"], content, lang) for g in content.data.groups]
    pages += [render_groups_index(content, lang), render_lessons_index(content, lang), render_glossary(content, lang)]
    return pages


def render_coverage_lessons(content: Content, lang: str) -> str:
    """Lessons under each competence domain, so a gap in the table can be read lesson by lesson."""
    codes = content.data.competency_codes
    out = []
    for d in content.data.domains:
        out.append(f"### {d['domain']}. {d['name'][lang]}\n\n")
        for le in sorted(content.lessons.values(), key=lambda x: x.title(lang)):
            mine = [c for c in le.meta["competencies"] if codes.get(c, {}).get("domain") == d["domain"]]
            if mine:
                out.append(f"- [{le.title(lang)}]({lesson_url(le.id)}) <small>{', '.join(mine)}</small>\n")
        out.append("\n")
    return "".join(out)


def render_coverage_table(content: Content, lang: str) -> str:
    cov = coverage(content)
    head = "| | " + " | ".join(f"{d['domain']}. {d['name'][lang]}" for d in cov.domains) + " |\n"
    head += "|---" * (len(cov.domains) + 1) + "|\n"
    rows = []
    for group in content.data.groups:
        cells = []
        for d in cov.domains:
            lessons = cov.cells[group["slug"]][d["domain"]]
            cells.append(str(len(lessons)) if lessons else "**0**")
        rows.append(f"| [{group['name'][lang]}](/nhom/{group['slug']}.md) | " + " | ".join(cells) + " |\n")
    return head + "".join(rows)


