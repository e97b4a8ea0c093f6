"""Practice exercises as pages: /thuc-hanh/<id>/ (English /en/thuc-hanh/<id>/) and the list /thuc-hanh/.

One renderer for every exercise file (content/exercises/, loaded by scripts/exercises.py): the page is
plain Markdown around one block of HTML that assets/practice.js brings to life, one item at a time.
Everything the learner needs is in the HTML (screens, answers, explanations, citation marks), so a
page saved once works offline; practice.js adds no request. Lessons link their exercises, group pages
list them, and the class kit opens them in class mode.
"""

from __future__ import annotations

import html
import json
import re

import citations
from exercises import BAD, SCREEN_ACTIVITIES, SEGMENT, Exercise, shuffled
from content import DEFAULT_LANG, SOURCES_HEADING, Content
from render import GeneratedPage, date_vi, front_matter, inline, lesson_url, source_list, t



def exercise_url(exercise_id: str) -> str:
    return f"/thuc-hanh/{exercise_id}.md"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def rich(text: str) -> str:
    """Explanation text: escaped, with **bold** and `code`; citation marks are rendered page-wide."""
    return inline(text)


def screen_text(text: str, prefix: str) -> str:
    """A line of an imitation screen: escaped, each [[id: text]] a part the learner may tap."""
    out, last = [], 0
    for m in SEGMENT.finditer(text):
        out.append(esc(text[last:m.start()]))
        out.append(f'<span class="px-seg" data-seg="{esc(m.group(1))}" id="{prefix}-{esc(m.group(1))}">{esc(m.group(2))}</span>')
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def segment_words(item: dict) -> dict[str, str]:
    words = {}
    for key in ("from", "address", "subject", "title", "lines"):
        values = item.get(key) or []
        for text in values if isinstance(values, list) else [values]:
            words.update({sid: w for sid, w in SEGMENT.findall(text)})
    return words


def practice_words(lang: str) -> str:
    """The words practice.js says, as a JSON data block (no inline script: it is never executed)."""
    from render import strings
    words = {k: v[lang] for k, v in strings()["practice"]["js"].items()}
    return f'<script type="application/json" class="px-words">{json.dumps(words, ensure_ascii=False)}</script>'


# --- one item ----------------------------------------------------------------------------------

def render_screen(ex: Exercise, item: dict, lang: str, prefix: str) -> str:
    kind = item["screen"]
    tag = t(f"practice.screen.{kind}", lang)
    head = []
    if item.get("address"):
        head.append(f'<p class="px-address"><span class="sr-only">{t("practice.address_bar", lang)}: </span>'
                    f'<span class="px-lock" aria-hidden="true">🔒</span>{screen_text(item["address"], prefix)}</p>')
    if item.get("from"):
        label = t("practice.caller", lang) if kind == "call" else t("practice.from", lang)
        head.append(f'<p class="px-from"><span class="px-k">{label}:</span> {screen_text(item["from"], prefix)}</p>')
    if item.get("subject"):
        head.append(f'<p class="px-subject"><span class="px-k">{t("practice.subject", lang)}:</span> {screen_text(item["subject"], prefix)}</p>')
    if item.get("title"):
        head.append(f'<p class="px-title">{screen_text(item["title"], prefix)}</p>')
    rows = []
    for line in item["lines"]:
        label, sep, value = line.partition(": ")
        if kind in ("bank-confirm", "payment-notice") and sep and "[[" not in label and len(label) <= 30:
            rows.append(f'<p class="px-row"><span class="px-k">{esc(label)}</span> <span class="px-v">{screen_text(value, prefix)}</span></p>')
        else:
            rows.append(f"<p>{screen_text(line, prefix)}</p>")
    return (f'<figure class="px-screen px-{kind}"><figcaption class="px-tag">{tag}</figcaption>'
            + "".join(head) + f'<div class="px-body">{"".join(rows)}</div></figure>')


def render_whys(item: dict, lang: str, prefix: str) -> str:
    words = segment_words(item)
    out = []
    order = [sid for sid in words if sid in (item.get("clues") or {}) or sid in (item.get("decoys") or {})]
    for sid in order:
        is_clue = sid in (item.get("clues") or {})
        why = (item.get("clues") or {}).get(sid) or item["decoys"][sid]
        label = t("practice.clue", lang) if is_clue else t("practice.decoy", lang)
        out.append(f'<li class="px-why {"is-clue" if is_clue else "is-decoy"}" data-why="{esc(sid)}" data-clue="{int(is_clue)}" '
                   f'id="{prefix}-why-{esc(sid)}"><strong>“{esc(words[sid])}”</strong> '
                   f'<span class="px-kind">({label})</span>: {rich(why)}</li>')
    return f'<ul class="px-whys">{"".join(out)}</ul>' if out else ""


def render_screen_item(ex: Exercise, item: dict, n: int, total: int, lang: str) -> str:
    prefix = f"px-{item['id']}"
    bad, good = ex.verdict_pair
    verdict = item.get("verdict", "")
    clues = item.get("clues") or {}
    out = [f'<section class="px-item" data-item="{esc(item["id"])}" data-verdict="{verdict}" data-clues="{len(clues)}" '
           f'aria-labelledby="{prefix}-h">',
           f'<h2 class="px-item-h" id="{prefix}-h" tabindex="-1">{t("practice.item", lang).format(n=n, total=total)}</h2>']
    if item.get("context"):
        out.append(f'<p class="px-context"><strong>{t("practice.situation", lang)}:</strong> {rich(item["context"])}</p>')
    out.append(render_screen(ex, item, lang, prefix))
    if ex.activity == "real-or-scam":
        out.append(f'<div class="px-ask" role="group" aria-labelledby="{prefix}-q"><p class="px-q" id="{prefix}-q">'
                   f'{t(f"practice.ask.{bad}", lang)}</p><div class="px-choices">'
                   + "".join(f'<button type="button" class="px-btn px-choice" data-choice="{v}">{t(f"practice.verdict.{v}", lang)}</button>'
                             for v in (bad, good)) + "</div></div>")
    hunt_words = t("practice.hunt" if verdict in BAD or ex.activity == "spot-clue" else "practice.hunt_real", lang)
    out.append(f'<div class="px-result"><p class="px-mark" aria-hidden="true"></p>'
               f'<p class="px-explain">' + (f'<strong class="px-answer-label">{t("practice.verdict." + verdict, lang)}: </strong>' if verdict else "")
               + f'{rich(item["explain"])}</p></div>')
    out.append(f'<div class="px-hunt"><p class="px-hunt-q">{hunt_words} <span class="px-left"></span></p>'
               f'{render_whys(item, lang, prefix)}'
               + (f'<button type="button" class="px-btn px-show-all">{t("practice.show_all", lang)}</button>' if clues else "")
               + "</div>")
    out.append(nav(lang))
    out.append("</section>")
    return "".join(out)


def render_order_item(ex: Exercise, item: dict, n: int, total: int, lang: str) -> str:
    prefix = f"px-{item['id']}"
    out = [f'<section class="px-item" data-item="{esc(item["id"])}" aria-labelledby="{prefix}-h">',
           f'<h2 class="px-item-h" id="{prefix}-h" tabindex="-1">{t("practice.item", lang).format(n=n, total=total)}</h2>',
           f'<p class="px-task"><strong>{rich(item["task"])}</strong></p>',
           f'<p class="px-q" id="{prefix}-q">{t("practice.order_ask", lang)}</p>',
           f'<ol class="px-order" aria-labelledby="{prefix}-q">']
    for k in shuffled(item["steps"], ex.id + item["id"]):
        sid = f"{prefix}-s{k}"
        out.append(f'<li class="px-step" data-step="{k}"><span class="px-step-text" id="{sid}">{rich(item["steps"][k])}</span>'
                   f'<span class="px-step-mark"></span><span class="px-moves">'
                   f'<button type="button" class="px-btn px-up" aria-describedby="{sid}">▲ {t("practice.up", lang)}</button>'
                   f'<button type="button" class="px-btn px-down" aria-describedby="{sid}">▼ {t("practice.down", lang)}</button>'
                   f"</span></li>")
    out.append("</ol>")
    out.append(f'<p class="px-checks"><button type="button" class="px-btn px-primary px-check">{t("practice.check", lang)}</button> '
               f'<button type="button" class="px-btn px-show-order">{t("practice.show_order", lang)}</button></p>')
    out.append(f'<div class="px-result"><p class="px-mark" aria-hidden="true"></p><p class="px-explain">{rich(item["explain"])}</p></div>')
    out.append(nav(lang))
    out.append("</section>")
    return "".join(out)


INPUT_TYPES = {"text": "text", "tel": "tel", "email": "email", "date": "date", "file": "file", "checkbox": "checkbox"}


def render_field(f: dict, lang: str) -> str:
    fid = f"pxf-{f['id']}"
    required = f.get("required", True)
    described = []
    parts = [f'<div class="px-field px-field-{f["type"]}" data-field="{esc(f["id"])}" data-type="{f["type"]}" '
             f'data-required="{int(required)}"' + (f' data-check="{f["check"]}"' if f.get("check") else "") + ">"]
    label = esc(f["label"])
    hint = []
    if f.get("hint"):
        hint.append(esc(f["hint"]))
    if f.get("sample"):
        hint.append(f'{t("practice.sample", lang)}: <span class="px-sample">{esc(f["sample"])}</span>')
    if hint:
        described.append(f"{fid}-hint")
    err = f'<p class="px-error" id="{fid}-err" hidden><span class="px-x" aria-hidden="true">✗ </span>{rich(f["error"])}</p>'
    if f["type"] == "checkbox":
        parts.append(f'<p class="px-check-row"><input type="checkbox" id="{fid}" aria-describedby="{fid}-err">'
                     f'<label for="{fid}">{label}</label></p>{err}')
    else:
        parts.append(f'<label for="{fid}" class="px-label">{label}</label>')
        if hint:
            parts.append(f'<p class="px-hint" id="{fid}-hint">{" · ".join(hint)}</p>')
        parts.append(err)
        desc = " ".join(described + [f"{fid}-err"])
        if f["type"] == "select":
            opts = "".join(f'<option value="{i}">{esc(o)}</option>' for i, o in enumerate(f["options"], 1))
            parts.append(f'<select id="{fid}" aria-describedby="{desc}"><option value="">—</option>{opts}</select>')
        else:
            extra = ' inputmode="numeric"' if f.get("check") in ("digits", "phone") else ""
            if f["type"] == "file":
                extra += f' accept="{esc(f.get("accept", "image/*"))}"'
            else:
                extra += ' autocomplete="off"'
            parts.append(f'<input type="{INPUT_TYPES[f["type"]]}" id="{fid}" aria-describedby="{desc}"{extra}>')
            if f["type"] == "file":
                parts.append(f'<p class="px-file-name" aria-live="polite" data-chosen="{t("practice.file_chosen", lang)}"></p>')
    parts.append("</div>")
    return "".join(parts)


def render_form(ex: Exercise, form: dict, lang: str) -> str:
    prefix = f"px-{form['id']}"
    # No input has a `name`: even a browser without JavaScript has nothing to send.
    out = [f'<section class="px-item px-form-item" data-item="{esc(form["id"])}" aria-labelledby="{prefix}-h">',
           f'<h2 class="px-item-h" id="{prefix}-h" tabindex="-1">{esc(form["title"])}</h2>',
           f'<div class="px-errors" id="{prefix}-errors" tabindex="-1" hidden><h3 class="px-errors-h" '
           f'data-text="{esc(t("practice.form_errors", lang))}"></h3><ul></ul></div>',
           f'<form class="px-form" novalidate aria-labelledby="{prefix}-h">']
    out += [render_field(f, lang) for f in form["fields"]]
    out.append(f'<p><button type="submit" class="px-btn px-primary">{t("practice.form_submit", lang)}</button></p></form>')
    out.append(f'<div class="px-otp" hidden><figure class="px-screen px-sms"><figcaption class="px-tag">{t("practice.screen.sms", lang)}</figcaption>'
               f'<p class="px-from"><span class="px-k">{t("practice.from", lang)}:</span> {t("practice.otp_from", lang)}</p>'
               f'<div class="px-body"><p class="px-otp-sms" data-text="{esc(t("practice.otp_sms", lang))}"></p>'
               + (f"<p>{rich(form['otp'])}</p>" if form.get("otp") else "") + "</div></figure>"
               f'<p><label for="pxf-otp" class="px-label">{t("practice.otp_label", lang)}</label></p>'
               f'<p class="px-error" id="pxf-otp-err" hidden><span class="px-x" aria-hidden="true">✗ </span>{t("practice.otp_wrong", lang)}</p>'
               f'<p><input type="text" id="pxf-otp" inputmode="numeric" autocomplete="one-time-code" aria-describedby="pxf-otp-err"> '
               f'<button type="button" class="px-btn px-primary px-otp-ok">{t("practice.otp_confirm", lang)}</button></p></div>')
    out.append(f'<div class="px-receipt" hidden><h3 class="px-receipt-h" tabindex="-1">✓ {t("practice.receipt_title", lang)}</h3>'
               f'<p>{t("practice.receipt_code", lang)}: <strong class="px-receipt-code"></strong></p>'
               f'<p>{t("practice.receipt_note", lang)}</p><p class="px-explain">{rich(form["explain"])}</p></div>')
    out.append(nav(lang, last=True))
    out.append("</section>")
    return "".join(out)


def nav(lang: str, last: bool = False) -> str:
    return (f'<p class="px-nav"><button type="button" class="px-btn px-prev">◀ {t("practice.previous", lang)}</button> '
            f'<button type="button" class="px-btn px-primary px-next">{t("practice.next", lang)} ▶</button> '
            f'<button type="button" class="px-btn px-reveal">{t("practice.reveal", lang)}</button></p>')


# --- the page ------------------------------------------------------------------------------------

def render_widget(ex: Exercise, lang: str) -> str:
    text = ex.text(lang)
    items = text.get("items", [])
    total = len(items) or 1
    out = [f'<div class="px" data-practice="{esc(ex.id)}" data-activity="{ex.activity}" data-total="{total}" data-search-ignore>',
           practice_words(lang),
           f'<div class="px-bar"><button type="button" class="px-btn px-class-toggle" aria-pressed="false">{t("practice.class_mode", lang)}</button></div>',
           '<p class="px-resume" hidden></p>',
           '<p class="px-live sr-only" role="status" aria-live="polite"></p>']
    if ex.activity in SCREEN_ACTIVITIES:
        out += [render_screen_item(ex, it, n, total, lang) for n, it in enumerate(items, 1)]
    elif ex.activity == "order-steps":
        out += [render_order_item(ex, it, n, total, lang) for n, it in enumerate(items, 1)]
    else:
        out.append(render_form(ex, text["form"], lang))
    lessons = " · ".join(f'<a href="{{lesson:{lid}}}">{{title:{lid}}}</a>' for lid in ex.meta["lessons"])
    out.append(f'<section class="px-done" hidden aria-labelledby="px-done-h"><h2 id="px-done-h" tabindex="-1">{t("practice.result_title", lang)}</h2>'
               f'<p class="px-score"></p><p class="px-when"></p>'
               f'<p><button type="button" class="px-btn px-primary px-again">{t("practice.again", lang)}</button></p>'
               f'<p>{t("practice.review_lessons", lang)}: {lessons}</p></section>')
    out.append("</div>")
    return "".join(out)


def render_exercise(ex: Exercise, content: Content, lang: str) -> GeneratedPage:
    text = ex.text(lang)
    parts = [front_matter(title=text["title"], description=text["summary"], kind="exercise", exercise_id=ex.id,
                          search_label=t("practice.search_label", lang)),
             f"# {text['title']}\n\n",
             f'<p class="lesson-summary">{inline(text["summary"])}</p>\n\n',
             f'<p class="px-sim-note" data-search-ignore><strong>{t("practice.sim_label", lang)}.</strong> '
             f'{esc(t("practice.sim_note", lang))}</p>\n\n']
    lessons = ", ".join(f"[{content.lessons[lid].title(lang)}]({lesson_url(lid)})" for lid in ex.meta["lessons"])
    parts.append(f'<p class="lesson-meta" data-search-ignore markdown><span>{t("duration", lang)}: {ex.meta["duration_minutes"]} '
                 f'{t("minutes", lang)}</span> · <span>{t(f"practice.activity.{ex.activity}", lang)}</span> · '
                 f'<span>{t("practice.for_lessons", lang)}: {lessons}</span></p>\n\n')
    if text.get("intro"):
        parts.append(f'<p class="px-intro">{inline(text["intro"])}</p>\n\n')
    widget = render_widget(ex, lang)
    widget = re.sub(r"\{lesson:([a-z0-9-]+)\}", lambda m: f"../../bai-hoc/{m.group(1)}/", widget)
    widget = re.sub(r"\{title:([a-z0-9-]+)\}", lambda m: esc(content.lessons[m.group(1)].title(lang)), widget)
    parts.append(widget + "\n\n")
    parts.append(f"## {SOURCES_HEADING[lang]} {{ data-search-ignore }}\n\n")
    parts.append(source_list(ex.meta["sources"], lang))
    review = text.get("review") or ex.meta["review"]
    parts.append(f'\n<p class="lesson-reviewed" data-search-ignore>{t("reviewed", lang)}: {date_vi(ex.meta["reviewed"])}. '
                 f'{inline(citations.cite_ids(review, ex.meta["sources"]))}</p>\n')
    body = citations.render("".join(parts), ex.meta["sources"], t("cite", lang))
    return GeneratedPage(f"thuc-hanh/{ex.id}.md", body, lang)


def render_index(content: Content, lang: str) -> GeneratedPage:
    title = t("practice.index_title", lang)
    md = [front_matter(title=title, description=t("practice.index_intro", lang), kind="index"),
          f"# {title}\n\n{t('practice.index_intro', lang)}\n\n"]
    for activity in ("real-or-scam", "spot-clue", "order-steps", "practice-form"):
        mine = sorted((x for x in content.exercises.values() if x.activity == activity), key=lambda x: x.title(lang).lower())
        if not mine:
            continue
        md.append(f"## {t(f'practice.activity.{activity}', lang)}\n\n")
        md += [exercise_list_item(x, lang) for x in mine]
        md.append("\n")
    return GeneratedPage("thuc-hanh/index.md", "".join(md), lang)


def exercise_list_item(ex: Exercise, lang: str) -> str:
    return (f"- [{ex.title(lang)}]({exercise_url(ex.id)}){{ data-exercise=\"{ex.id}\" }} "
            f"<small>{ex.meta['duration_minutes']} {t('minutes', lang)} · {t(f'practice.activity.{ex.activity}', lang)}</small>  \n"
            f"    {ex.text(lang)['summary']}\n")


def exercise_pages(content: Content, lang: str) -> list[GeneratedPage]:
    if not content.exercises:
        return []
    return [render_exercise(x, content, lang) for x in content.exercises.values()] + [render_index(content, lang)]


# --- where exercises are linked from ---------------------------------------------------------------

def lesson_practice_links(lesson_id: str, content: Content, lang: str) -> str:
    """Appended to a lesson's practice section: its exercises, by the exercises' `lessons:`."""
    mine = content.exercises_for(lesson_id)
    if not mine:
        return ""
    links = " · ".join(f"[{x.title(lang)}]({exercise_url(x.id)}){{ data-exercise=\"{x.id}\" }}" for x in mine)
    return f'\n<p class="lesson-practice" data-search-ignore markdown>**{t("practice.lesson_link", lang)}:** {links}</p>\n\n'


def group_section(slug: str, content: Content, lang: str) -> str:
    """A group page's list of exercises, with the progress line site.js fills from localStorage."""
    mine = content.exercises_in_group(slug)
    if not mine:
        return ""
    return (f"\n## {t('practice.group_heading', lang)}\n\n"
            f'<p class="practice-progress" role="status" data-text="{esc(t("practice.group_progress", lang))}" data-search-ignore></p>\n\n'
            + "".join(exercise_list_item(x, lang) for x in mine))


def kit_section(slug: str, content: Content, lang: str) -> str:
    """A class kit's list of exercises to project, each opened in class mode."""
    mine = content.exercises_in_group(slug)
    if not mine:
        return ""
    return (f"\n## {t('practice.kit_heading', lang)}\n\n{t('practice.kit_intro', lang)}\n\n"
            + "".join(f"- [{x.title(lang)}]({exercise_url(x.id)}) · [{t('practice.class_mode_link', lang)}]({exercise_url(x.id)}?lop=1)\n"
                      for x in mine) + "\n")
