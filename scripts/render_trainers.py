"""What trainers use: a reveal.js deck and a printable handout per lesson, a class kit per group,
the trainers' hub, and a zip per group for a hall with no internet.

Decks and handouts are small standalone HTML files (no site chrome), rendered from the same lesson
Markdown with the same Markdown extensions as the site. Adding a lesson needs no slide work.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import markdown as md_lib

import citations
import csp
import deck_layout
from content import DEFAULT_LANG, ROOT, SOURCES_HEADING, Content, Lesson, subsections
from portal import qr_code
from render import GeneratedPage, source_list, front_matter, handout_path, hours, inline, lesson_url, slides_path, t

SESSION_MINUTES = 90
TEACHING_MINUTES = 60  # the rest is welcome, practice in pairs and wrap-up
DECK_ASSETS = {  # site path -> path inside node_modules/reveal.js/dist
    "assets/reveal/reveal.js": "reveal.js",
    "assets/reveal/reveal.css": "reveal.css",
    "assets/reveal/notes.js": "plugin/notes.js",
}
OWN_ASSETS = ["assets/slides.css", "assets/slides.js", "assets/handout.css"]


def zip_path(group: str, lang: str) -> str:
    return f"tai-ve/hoc-ky-nang-so-{group}-{lang}.zip"


class Renderer:
    """Markdown -> HTML with the site's own extensions (from mkdocs.yml), minus heading permalinks."""

    def __init__(self, extensions: list, configs: dict):
        configs = {k: dict(v) for k, v in configs.items()}
        configs.setdefault("toc", {})["permalink"] = False
        self.md = md_lib.Markdown(extensions=extensions, extension_configs=configs)

    def __call__(self, text: str, to_root: str, to_lang_root: str) -> str:
        """Render, pointing site links (/bai-hoc/x.md, /assets/...) at relative file paths."""
        text = re.sub(r"\]\(/bai-hoc/([a-z0-9-]+)\.md", rf"]({to_lang_root}bai-hoc/\1/index.html", text)
        text = re.sub(r"\]\(/assets/", rf"]({to_root}assets/", text)
        text = re.sub(r"\]\(/([a-z0-9/-]+)\.md", rf"]({to_lang_root}\1/index.html", text)
        self.md.reset()
        return csp.without_style_attributes(self.md.convert(text))


def qr_svg(url: str, lang: str, scale: int = 4, fit: bool = False) -> str:
    """A QR code as inline SVG; with `fit`, no fixed size: it scales to the box CSS gives it (posters)."""
    return qr_code(url).svg_inline(scale=scale, omitsize=fit, title=t("trainers.qr_alt", lang).format(url=url))


def page(lang: str, title: str, head: str, body: str, scripts: str = "", kind: str = "page") -> str:
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n{csp.meta(kind)}\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n{head}</head>\n<body>\n{body}\n{scripts}</body>\n</html>\n")


# --- decks ---------------------------------------------------------------------------------

def image_ratio(src: str) -> float | None:
    """Height/width of a picture a slide shows (src relative to the deck), from the SVG file."""
    m = re.search(r"assets/images/(.+)$", src)
    return deck_layout.image_ratio_from_svg(ROOT / "docs" / "assets" / "images" / m.group(1)) if m else None


class DeckBuilder:
    """The slides of one deck: each section's content packed onto as many slides as it needs
    (deck_layout), titles continued with "(tiếp)" / "(cont.)"."""

    def __init__(self, lang: str, r, units: deck_layout.Units):
        self.lang = lang
        self.r = r
        self.units = units
        self.cont = t("trainers.continued", lang)
        self.slides: list[str] = []

    def continued(self, title: str) -> str:
        return f"{title} {self.cont}"

    def title_budget(self, title: str):
        """Words and height of slide n's title: the first as given, the next ones continued."""
        first, rest = (f"<h2>{html.escape(x)}</h2>" for x in (title, self.continued(title)))
        sizes = [(deck_layout.count_words(h), deck_layout.estimate_height(h)) for h in (first, rest)]
        return lambda n: sizes[min(n, 1)]

    def room(self, title: str) -> tuple[int, float]:
        """What one unit may take under the longer, continued title."""
        words, height = self.title_budget(title)(1)
        return deck_layout.MAX_WORDS - words, deck_layout.HEIGHT_BUDGET - height

    def slide(self, kind: str, title: str, body: str, note: str = "") -> None:
        aside = f'\n<aside class="notes">{note}</aside>' if note else ""
        self.slides.append(f'<section data-kind="{kind}">\n<h2>{html.escape(title)}</h2>\n{body}{aside}\n</section>')

    def units_of(self, markdown: str, title: str) -> list[deck_layout.Unit]:
        words, height = self.room(title)
        return self.units.from_markdown(markdown, words, self.continued, height)

    def section(self, kind: str, title: str, units: list[deck_layout.Unit]) -> None:
        for n, group in enumerate(deck_layout.pack(units, self.title_budget(title))):
            self.slide(kind, title if n == 0 else self.continued(title), deck_layout.join(group))

    def markdown(self, kind: str, title: str, markdown: str) -> None:
        self.section(kind, title, self.units_of(markdown, title))


def render_deck(lesson: Lesson, lang: str, render: Renderer, site_url: str) -> str:
    text = lesson.text(lang)
    tl = text.src.lang
    depth = slides_path(lesson.id, lang).count("/")
    to_root = "../" * depth
    to_lang_root = "../" * 2
    r = lambda s: render(citations.strip(s), to_root, to_lang_root)  # noqa: E731  (marks: on the page, not on slides)
    sec = text.sections
    notes = r(sec["trainer"].text)
    m = lesson.meta
    deck = DeckBuilder(lang, r, deck_layout.Units(r, image_ratio))
    unit = deck.units.unit

    # Title slide: the key hint for the trainer stays on it while the slide has room, else it goes
    # to the speaker notes; a summary too long to share the slide gets its own.
    head = f'<h1>{html.escape(text.title)}</h1>'
    summary = f'<p class="summary">{html.escape(text.summary)}</p>'
    meta = f'<p class="meta">{m["duration_minutes"]} {t("minutes", lang)} · {t("level." + m["level"], lang)}</p>'
    hint = f'<p class="hint">{t("trainers.start_slides", lang)}</p>'

    def fits(*parts: str) -> bool:
        body = "\n".join(parts)
        return (deck_layout.count_words(body) <= deck_layout.MAX_WORDS
                and deck_layout.estimate_height(body) <= deck_layout.HEIGHT_BUDGET)

    title_notes = notes if fits(head, summary, meta, hint) else f"{hint}\n{notes}"
    first = [p for p in ([head, summary, meta, hint] if fits(head, summary, meta, hint) else
                         [head, summary, meta] if fits(head, summary, meta) else [head, meta])]
    deck.slides.append(f'<section data-kind="title">\n' + "\n".join(first) +
                       f'\n<aside class="notes">{title_notes}</aside>\n</section>')
    if summary not in first:
        deck.section("summary", text.title, [unit(summary)])

    deck.markdown("objectives", sec["objectives"].title, sec["objectives"].text)
    deck.markdown("prepare", sec["prepare"].title, sec["prepare"].text)
    pre, parts = subsections(sec["steps"])
    blocks = ([("", pre)] if any(x.strip() for _, x in pre) else []) + [(p.title, p.lines) for p in parts]
    for part_title, lines in blocks:
        heading = sec["steps"].title + (f": {part_title}" if part_title else "")
        deck.markdown("steps", heading, "\n".join(x for _, x in lines))
    deck.markdown("safety", sec["safety"].title, sec["safety"].text)
    deck.markdown("practice", sec["practice"].title, sec["practice"].text)

    for n, q in enumerate(text.questions, start=1):
        title = f"{sec['quiz'].title} – {t('question', tl)} {n}"
        ask = [unit(f'<p class="question">{inline(citations.strip(q.text))}</p>')]
        ask += [unit(f"<li>{inline(citations.strip(o))}</li>", wrap="olA", number=i)
                for i, o in enumerate(q.options, start=1)]
        said = (f'<p><strong>{t("trainers.answer", lang)}: {"ABCD"[q.correct]}. '
                f'{inline(citations.strip(q.options[q.correct]))}</strong></p>')
        why = citations.strip(q.why)
        answer = unit(f'<div class="fragment answer">\n{said}\n<p>{inline(why)}</p>\n</div>')
        if len(deck_layout.pack(ask + [answer], deck.title_budget(title))) == 1:
            deck.section("question", title, ask + [answer])  # the answer appears on the next key press
            continue
        # Too much for one slide: the question and its options, then the answer on the next slide.
        deck.section("question", title, ask)
        room = deck.room(title)[0]
        count = lambda s: deck_layout.count_words(inline(s))  # noqa: E731
        pieces = deck_layout.split_text(why, room, count)  # the first shares its slide with the answer
        if count(pieces[0]) + deck_layout.count_words(said) > room:
            first = deck_layout.split_text(pieces[0], room - deck_layout.count_words(said), count)
            pieces = first[:1] + deck_layout.split_text(" ".join(first[1:] + pieces[1:]), room, count)
        for i, piece in enumerate(pieces):
            deck.slide("answer", deck.continued(title),
                       f'<div class="answer">\n{said if i == 0 else ""}\n<p>{inline(piece)}</p>\n</div>')

    url = site_url + ("en/" if lang != DEFAULT_LANG else "") + f"bai-hoc/{lesson.id}/"
    deck.section("sources", SOURCES_HEADING[tl],
                 [unit(f'<li class="small">{html.escape(s["title"])}</li>', wrap="ul") for s in m["sources"]])
    alt = html.escape(t("trainers.qr_alt", lang).format(url=url))
    deck.slide("end", t("trainers.end", lang),
               f'<div class="qr-row">\n<div class="qr" role="img" aria-label="{alt}">{qr_svg(url, lang, 5)}</div>\n'
               f'<div>\n<p>{t("trainers.scan", lang)}</p>\n<p class="url">{html.escape(url)}</p>\n</div>\n</div>')
    head = (f'<link rel="stylesheet" href="{to_root}assets/reveal/reveal.css">\n'
            f'<link rel="stylesheet" href="{to_root}assets/slides.css">\n')
    scripts = (f'<script src="{to_root}assets/reveal/reveal.js"></script>\n'
               f'<script src="{to_root}assets/reveal/notes.js"></script>\n'
               f'<script src="{to_root}assets/slides.js"></script>\n')
    body = f'<div class="reveal"><div class="slides">\n' + "\n".join(deck.slides) + "\n</div></div>"
    if tl != lang:
        body = f'<div lang="{tl}">{body}</div>'
    return page(lang, f"{text.title} – {t('trainers.slides', lang)}", head, body, scripts, kind="deck")


# --- handouts ------------------------------------------------------------------------------

def render_handout(lesson: Lesson, lang: str, render: Renderer, site_url: str, large: bool = False) -> str:
    """The A4 handout (two pages at 11 pt), or with `large` its large-print twin: the same text at
    14 pt or more on up to four pages, for learners who find small print hard to read."""
    text = lesson.text(lang)
    tl = text.src.lang
    path = handout_path(lesson.id, lang, large)
    to_root = "../" * path.count("/")
    to_lang_root = "../" * (path.count("/") - (lang != DEFAULT_LANG))
    r = lambda s: citations.render(render(s, to_root, to_lang_root), lesson.meta["sources"], t("cite", tl))  # noqa: E731
    sec = text.sections
    m = lesson.meta
    url = site_url + ("en/" if lang != DEFAULT_LANG else "") + f"bai-hoc/{lesson.id}/"
    alt = html.escape(t("trainers.qr_alt", lang).format(url=url))
    caption = "" if large else f"<figcaption>{html.escape(url)}</figcaption>"  # large print: the URL is in the footer
    body = (f'<main lang="{tl}"><header><div><h1>{html.escape(text.title)}</h1>'
            f'<p class="summary">{html.escape(text.summary)}</p>'
            f'<p class="meta">{m["duration_minutes"]} {t("minutes", lang)} · {t("level." + m["level"], lang)}</p></div>'
            f'<figure class="qr"><div role="img" aria-label="{alt}">{qr_svg(url, lang, 3)}</div>{caption}</figure></header>'
            f'<section><h2>{html.escape(sec["steps"].title)}</h2>{r(sec["steps"].text)}</section>'
            f'<section><h2>{html.escape(sec["safety"].title)}</h2>{r(sec["safety"].text)}</section>'
            f'<section><h2>{html.escape(sec["practice"].title)}</h2>{r(sec["practice"].text)}</section>'
            f'<section class="sources"><h2>{SOURCES_HEADING[tl]}</h2>{source_list(m["sources"], tl)}</section>'
            f'<footer>{t("trainers.scan", lang)}: {html.escape(url)}</footer></main>')
    head = f'<link rel="stylesheet" href="{to_root}assets/handout.css">\n'
    kind = t("trainers.handout_large" if large else "trainers.handout", lang)
    html_page = page(lang, f"{text.title} – {kind}", head, body)
    return html_page.replace("<body>", '<body class="large-print">', 1) if large else html_page


# --- class kits and hub (site pages) ---------------------------------------------------------

def sessions(lessons: list[Lesson]) -> list[list[Lesson]]:
    """Lessons in order, packed into sessions of about TEACHING_MINUTES each."""
    out: list[list[Lesson]] = [[]]
    used = 0
    for le in lessons:
        d = le.meta["duration_minutes"]
        if out[-1] and used + d > TEACHING_MINUTES:
            out.append([])
            used = 0
        out[-1].append(le)
        used += d
    return [s for s in out if s]


def bullets(section_text: str) -> list[str]:
    return [re.sub(r"^[-*] +", "", line).strip() for line in section_text.splitlines() if re.match(r"^[-*] +", line)]


def links_for(lesson: Lesson, lang: str) -> str:
    return (f"[{t('trainers.slides', lang)}](/{slides_path(lesson.id, lang)}) · "
            f"[{t('trainers.handout', lang)}](/{handout_path(lesson.id, lang)}) · "
            f"[{t('trainers.handout_large', lang)}](/{handout_path(lesson.id, lang, large=True)})")


def render_kit(slug: str, content: Content, lang: str) -> GeneratedPage:
    group = content.data.group_slugs[slug]
    name = group["name"][lang]
    title = t("trainers.kit_title", lang).format(group=name)
    plan = sessions(content.lessons_in_group(slug))
    first = plan[0] if plan else []
    md = [front_matter(title=title, description=t("trainers.hub_intro", lang), kind="kit", group=slug), f"# {title}\n\n"]
    md.append(f"[{t('trainers.download', lang)}](/{zip_path(slug, lang)})  \n{t('trainers.download_how', lang)}\n\n")
    md.append(f"## {t('trainers.plan_title', lang)}\n\n| {t('trainers.minute', lang)} | {t('trainers.activity', lang)} |\n|---|---|\n")
    clock = 0
    md.append(f"| {clock}–{clock + 10} | {t('trainers.welcome', lang)} |\n")
    clock = 10
    teach = sum(le.meta["duration_minutes"] for le in first)
    for le in first:
        # scale lesson times into the teaching block so the session always ends at 90 minutes
        d = round(le.meta["duration_minutes"] * min(1, TEACHING_MINUTES / teach)) if teach else 0
        md.append(f"| {clock}–{clock + d} | {t('trainers.lesson_slot', lang).format(title=le.title(lang))} "
                  f"({links_for(le, lang)}) |\n")
        clock += d
    practice_end = SESSION_MINUTES - 10
    md.append(f"| {clock}–{practice_end} | {t('trainers.practice_all', lang)} |\n")
    md.append(f"| {practice_end}–{SESSION_MINUTES} | {t('trainers.wrap_up', lang)} |\n\n")
    md.append(f"### {t('trainers.materials', lang)}\n\n- {t('trainers.materials_base', lang)}\n")
    if first:
        md.append(f"- {t('trainers.materials_large', lang)}: " + "; ".join(
            f"[{le.title(lang)}](/{handout_path(le.id, lang, large=True)})" for le in first) + "\n")
    seen: set[str] = set()
    for le in first:
        for b in bullets(le.text(lang).sections["prepare"].text):
            if b.lower() not in seen:
                seen.add(b.lower())
                md.append(f"- {b}\n")
    md.append(f"\n### {t('trainers.outcomes', lang)}\n\n")
    for le in first:
        md += [f"- {b}\n" for b in bullets(le.text(lang).sections["objectives"].text)]
    from render_exercises import kit_section
    md.append(kit_section(slug, content, lang))
    if len(plan) > 1:
        md.append(f"\n## {t('trainers.next_sessions', lang)}\n\n")
        for n, sess in enumerate(plan[1:], start=2):
            items = "; ".join(f"[{le.title(lang)}]({lesson_url(le.id)})" for le in sess)
            md.append(f"- **{t('trainers.session', lang).format(n=n)}** "
                      f"({hours(sum(le.meta['duration_minutes'] for le in sess), lang)}): {items}\n")
    md.append(f'\n<div class="print-page" markdown>\n\n## {t("trainers.attendance", lang)}\n\n'
              f"{t('trainers.attendance_meta', lang)}\n\n"
              f"| {t('trainers.row_no', lang)} | {t('trainers.name', lang)} | {t('trainers.area', lang)} | {t('trainers.sign', lang)} |\n"
              "|---|---|---|---|\n")
    md += [f"| {i} | | | |\n" for i in range(1, 21)]
    md.append("\n</div>\n")
    md.append(f'\n<div class="print-page" markdown>\n\n## {t("trainers.mentor_title", lang)}\n\n{t("trainers.mentor_intro", lang)}\n\n'
              f"{t('trainers.mentor', lang)}: ……………………………… {t('trainers.mentee_names', lang)}: "
              + " · ".join(f"({i}) ……………" for i in range(1, 6)) + "\n\n"
              f"| {t('trainers.lesson', lang)} | " + " | ".join(str(i) for i in range(1, 6)) + " |\n|---" + "|:-:" * 5 + "|\n")
    md += [f"| {le.title(lang)} | ☐ | ☐ | ☐ | ☐ | ☐ |\n" for le in content.lessons_in_group(slug)]
    md.append("\n</div>\n")
    return GeneratedPage(f"lop-hoc/{slug}.md", "".join(md), lang)


def render_hub(content: Content, lang: str) -> GeneratedPage:
    title = t("trainers.hub_title", lang)
    md = [front_matter(title=title, description=t("trainers.hub_intro", lang), kind="index"),
          f"# {title}\n\n{t('trainers.hub_intro', lang)}\n\n"]
    for group in content.data.groups:
        slug = group["slug"]
        md.append(f"## {group['name'][lang]}\n\n[{t('trainers.kit', lang)}](/lop-hoc/{slug}.md) · "
                  f"[{t('trainers.download', lang)}](/{zip_path(slug, lang)})\n\n")
        for le in content.lessons_in_group(slug):
            md.append(f"- [{le.title(lang)}]({lesson_url(le.id)}): {links_for(le, lang)}\n")
        md.append("\n")
    return GeneratedPage("huong-dan-vien.md", "".join(md), lang)


def trainer_pages(content: Content, lang: str) -> list[GeneratedPage]:
    return [render_kit(g["slug"], content, lang) for g in content.data.groups] + [render_hub(content, lang)]


def standalone_files(content: Content, lang: str, render: Renderer, site_url: str) -> dict[str, str]:
    """Site path -> HTML of each deck and handout for one locale."""
    out = {}
    for le in content.lessons.values():
        out[slides_path(le.id, lang)] = render_deck(le, lang, render, site_url)
        out[handout_path(le.id, lang)] = render_handout(le, lang, render, site_url)
        out[handout_path(le.id, lang, large=True)] = render_handout(le, lang, render, site_url, large=True)
    return out


def asset_sources() -> dict[str, Path]:
    """Files every deck and handout loads: reveal.js from node_modules (npm, locked) and our own."""
    dist = ROOT / "node_modules" / "reveal.js" / "dist"
    if not dist.exists():
        raise FileNotFoundError("node_modules/reveal.js is missing: run `make setup` (npm ci)")
    out = {site: dist / rel for site, rel in DECK_ASSETS.items()}
    out.update({site: ROOT / "docs" / site for site in OWN_ASSETS})
    return out


def group_zip(content: Content, slug: str, lang: str, pages: dict[str, str]) -> bytes:
    """A zip of one group's decks and handouts with everything they load, at their site paths,
    so that a double-click on a deck works from a USB stick."""
    import io
    files: dict[str, bytes] = {}
    for site_path, src in asset_sources().items():
        files[site_path] = src.read_bytes()
    for le in content.lessons_in_group(slug):
        for p in (slides_path(le.id, lang), handout_path(le.id, lang), handout_path(le.id, lang, large=True)):
            files[p] = pages[p].encode("utf-8")
            for src in re.findall(r'src="((?:\.\./)+assets/images/[^"]+)"', pages[p]):
                rel = (Path(p).parent / src).as_posix()
                parts: list[str] = []
                for part in rel.split("/"):
                    if part == "..":
                        parts.pop()
                    else:
                        parts.append(part)
                files["/".join(parts)] = (ROOT / "docs" / "/".join(parts)).read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))  # same bytes for the same input
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return buf.getvalue()
