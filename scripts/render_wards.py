"""Each ward's "Bình dân học vụ số" section, from content/wards/<id>/ (loaded by scripts/wards.py).

- /dia-phuong/<id>/ (and /en/…): classes, help points, teams, results beside the plan's targets (a
  chart and the same figures as a table), study material, stories and good practices;
  /dia-phuong/ and /dia-phuong/tinh/<province>/: the index of wards by province.
- For the ward's own portal: a tiny embeddable widget (nhung/dia-phuong/<id>/, no script, < 5 KB),
  an iCalendar feed of classes (dia-phuong/<id>/lich-hoc.ics, made with `icalendar`), a printable
  A4 schedule poster with QR codes (tai-lieu-in/dia-phuong/<id>/), catalog entries.

A ward adds pages and files inside its own section only: no other page lists or links wards, so
lesson pages stay byte-identical with 3,321 wards (tests/test_wards_scale.py).
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

from icalendar import Calendar, Event

import csp
from content import DEFAULT_LANG, LANGS, Content, slugify
from portal import build_time
from render import GeneratedPage, date_vi, front_matter, glossary_abbreviations, handout_path, slides_path, t
from render_plans import number_vi, target_value
from render_trainers import qr_svg
from wards import VN, Class, Story, Ward, group_by_province, text

UPCOMING_IN_FULL = 4  # classes shown with every detail; later ones as one line each
WIDGET_CLASSES = 3
WIDGET_HELP = 3
POSTER_CLASSES = 5
WIDGET_BUDGET = 5000  # bytes, HTML and CSS together


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def ward_src(ward_id: str) -> str:
    return f"dia-phuong/{ward_id}.md"


def ward_path(ward_id: str, lang: str) -> str:
    return f"{prefix(lang)}dia-phuong/{ward_id}/"


def widget_path(ward_id: str, lang: str) -> str:
    return f"{prefix(lang)}nhung/dia-phuong/{ward_id}/index.html"


def poster_path(ward_id: str, lang: str) -> str:
    return f"{prefix(lang)}tai-lieu-in/dia-phuong/{ward_id}/index.html"


def calendar_path(ward_id: str, lang: str) -> str:
    return f"{prefix(lang)}dia-phuong/{ward_id}/lich-hoc.ics"


def province_slug(province: str) -> str:
    return slugify(province)


def built_on() -> dt.date:
    return build_time().astimezone(VN).date()


# --- text ------------------------------------------------------------------------------------

# Ward files are written by ward officers: their words are text, never Markdown or HTML.
_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "&#92;", "`": "&#96;",
                      "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;",
                      "|": "&#124;", "~": "&#126;", "#": "&#35;", "!": "&#33;", "^": "&#94;"})


def esc(s: str) -> str:
    return str(s).translate(_ESC)


def tx(value, lang: str) -> str:
    """A ward field for a page in `lang`, escaped; marked as Vietnamese when it is not translated."""
    s, in_lang = text(value, lang)
    return esc(s) if in_lang == lang else f'<span lang="{in_lang}">{esc(s)}</span>'


def plain(value, lang: str) -> str:
    return text(value, lang)[0]


def when(c: Class, lang: str) -> str:
    return f"{t('wards.weekday', lang)[c.date.weekday()]}, {date_vi(c.date.isoformat())}, {c.start}–{c.end}"


def month_or_day(iso: str) -> str:
    return date_vi(iso) if len(iso) == 10 else f"{int(iso[5:7])}/{iso[:4]}"


def lesson_links(lesson_id: str, content: Content, lang: str) -> str:
    le = content.lessons[lesson_id]
    return (f"[{le.title(lang)}](/bai-hoc/{lesson_id}.md) "
            f"([{t('trainers.slides', lang)}](/{slides_path(lesson_id, lang)}) · "
            f"[{t('trainers.handout', lang)}](/{handout_path(lesson_id, lang)}))")


def group_name(slug: str, content: Content, lang: str) -> str:
    return content.data.group_slugs[slug]["name"][lang]


# --- the ward's page -----------------------------------------------------------------------------

def example_note(ward: Ward, lang: str) -> str:
    if not ward.example:
        return ""
    return (f'!!! warning "{t("wards.example", lang)}"\n'
            f'    {esc(t("wards.example_text", lang).format(name=ward.name(lang)))}\n\n')


def movement_intro(content: Content, lang: str) -> str:
    how = ("" if "hoc-tren-nen-tang-binh-dan-hoc-vu-so" not in content.lessons else
           f" · [{t('wards.platform', lang)}](/bai-hoc/hoc-tren-nen-tang-binh-dan-hoc-vu-so.md)")
    return f"{t('wards.movement', lang)} [{t('wards.movement_more', lang)}](/phong-trao/index.md){how}.\n\n"


def class_block(c: Class, content: Content, lang: str, anchor: str) -> str:
    heading = when(c, lang) + (f" — {t('wards.cancelled', lang)}" if c.cancelled else "")
    md = [f"### {heading} {{ #{anchor} }}\n\n"]
    if c.cancelled:
        md.append(f"**{t('wards.cancelled_text', lang)}**\n\n")
    m = c.meta
    md.append(f"- **{t('wards.place', lang)}:** {tx(m['place'], lang)}\n")
    md.append(f"- **{t('wards.group', lang)}:** [{group_name(c.group, content, lang)}](/nhom/{c.group}.md)\n")
    md.append(f"- **{t('wards.lessons', lang)}:** " + "; ".join(lesson_links(lid, content, lang) for lid in c.lessons) + "\n")
    md.append(f"- **{t('wards.trainer', lang)}:** {tx(m['trainer'], lang)}\n")
    md.append(f"- **{t('wards.signup', lang)}:** {tx(m['signup'], lang)}\n")
    if m.get("note"):
        md.append(f"- **{t('wards.note', lang)}:** {tx(m['note'], lang)}\n")
    return "".join(md) + "\n"


def class_line(c: Class, content: Content, lang: str) -> str:
    titles = "; ".join(f"[{content.lessons[lid].title(lang)}](/bai-hoc/{lid}.md)" for lid in c.lessons)
    mark = f" — **{t('wards.cancelled', lang)}**" if c.cancelled else ""
    return f"- {when(c, lang)}{mark} · {group_name(c.group, content, lang)} · {titles}\n"


def class_anchor(c: Class) -> str:
    h, m = map(int, c.start.split(":"))
    return f"lop-{c.date.isoformat()}-{h:02d}{m:02d}"


def plan_rhythm(ward: Ward, content: Content, lang: str) -> list[tuple[str, str]]:
    """The plan's own regular sessions (weekly, monthly…), for a ward with no dated class yet."""
    out = []
    for pid in ward.meta["plans"]:
        plan = content.plans[pid]
        for d in plan.meta.get("dates", []):
            if d["kind"] == "activity":
                out.append((d["when"][lang], d["what"][lang]))
    return out


def classes_section(ward: Ward, content: Content, lang: str) -> str:
    md = [f"## {t('wards.classes', lang)} {{ #lop-hoc }}\n\n",
          f"[{t('wards.add_calendar', lang)}](/{calendar_path(ward.id, lang)}) · "
          f"[{t('wards.print_poster', lang)}](/{poster_path(ward.id, lang)})\n\n"]
    upcoming = ward.upcoming()
    if not upcoming:
        md.append(t("wards.no_classes", lang) + "\n\n")
        rhythm = plan_rhythm(ward, content, lang)
        if rhythm:
            md.append(t("wards.plan_rhythm", lang) + "\n\n")
            md += [f"- {esc(w[:1].upper() + w[1:])}: {esc(what)}\n" for w, what in rhythm]
            md.append("\n")
        return "".join(md)
    seen: dict[str, int] = {}
    for c in upcoming[:UPCOMING_IN_FULL]:
        anchor = class_anchor(c)
        seen[anchor] = seen.get(anchor, 0) + 1
        md.append(class_block(c, content, lang, anchor + (f"-{seen[anchor]}" if seen[anchor] > 1 else "")))
    later = upcoming[UPCOMING_IN_FULL:]
    if later:
        md.append(f"### {t('wards.later', lang)}\n\n")
        md += [class_line(c, content, lang) for c in later]
        md.append("\n")
    return "".join(md)


def contact_line(contact: dict, lang: str) -> str:
    parts = []
    if contact.get("phone"):
        tel = "".join(ch for ch in contact["phone"] if ch.isdigit() or ch == "+")
        parts.append(f'{t("wards.phone", lang)}: <a href="tel:{tel}">{esc(contact["phone"])}</a>')
    if contact.get("email"):
        parts.append(f'{t("wards.email", lang)}: <a href="mailto:{html.escape(contact["email"])}">{esc(contact["email"])}</a>')
    if contact.get("url"):
        parts.append(f'{t("wards.web", lang)}: <a href="{html.escape(contact["url"])}">{esc(urlsplit(contact["url"]).netloc)}</a>')
    return " · ".join(parts)


def help_section(ward: Ward, lang: str) -> str:
    md = [f"## {t('wards.help', lang)} {{ #ho-tro }}\n\n"]
    if not ward.meta["help"]:
        return md[0] + t("wards.no_help", lang) + "\n\n"
    for h in ward.meta["help"]:
        hours = tx(h["hours"], lang) if h.get("hours") else t("wards.no_hours", lang)
        md.append(f"- **{tx(h['place'], lang)}** — {tx(h['what'], lang)}  \n  {t('wards.hours', lang)}: {hours}")
        if h.get("contact"):
            md.append(f"  \n  {t('wards.contact', lang)}: {contact_line(h['contact'], lang)}")
        md.append("\n")
    return "".join(md) + "\n"


def teams_section(ward: Ward, lang: str) -> str:
    md = [f"## {t('wards.teams', lang)} {{ #to-ho-tro }}\n\n"]
    if not ward.meta["teams"]:
        return md[0] + t("wards.no_teams", lang) + "\n\n"
    for team in ward.meta["teams"]:
        md.append(f"- **{tx(team['name'], lang)}** — {t('wards.lead', lang)}: {tx(team['lead'], lang)}.")
        if team.get("members"):
            md.append(f" {t('wards.members', lang)}: {tx(team['members'], lang)}.")
        md.append(f"  \n  {tx(team['does'], lang)}\n")
    return "".join(md) + "\n"


# --- results beside targets -----------------------------------------------------------------------

def targets(ward: Ward, content: Content) -> list[dict]:
    """The plan's targets (from its summary) and the ward's own, each with where it comes from."""
    out = []
    for pid in ward.meta["plans"]:
        plan = content.plans[pid]
        for tg in plan.meta.get("targets", []):
            out.append({**tg, "from_plan": pid})
    out += [{"count": None, "percent": None, **tg} for tg in ward.meta.get("targets", [])]
    return sorted(out, key=lambda tg: (tg["year"], tg["indicator"]))


def figure_share(fig: dict) -> float | None:
    if fig.get("percent") is not None:
        return float(fig["percent"])
    if fig.get("count") is not None and fig.get("of"):
        return 100 * fig["count"] / fig["of"]
    return None


def percent_text(p: float, lang: str) -> str:
    s = f"{p:.1f}".rstrip("0").rstrip(".")
    return (s.replace(".", ",") if lang == "vi" else s) + "%"


def figure_value(fig: dict, lang: str) -> str:
    parts = []
    if fig.get("count") is not None:
        parts.append(f"{number_vi(fig['count'], lang)} {t('plans.people', lang)}"
                     if fig["indicator"] != "co-so-giao-duc" else number_vi(fig["count"], lang))
        if fig.get("of"):
            parts.append(t("wards.of", lang).format(n=number_vi(fig["of"], lang)))
    share = figure_share(fig)
    if share is not None:
        parts.append(f"({percent_text(share, lang)})" if parts else percent_text(share, lang))
    return " ".join(parts)


def match_rows(ward: Ward, content: Content) -> list[tuple[dict | None, dict | None]]:
    """(target, figure) rows: each figure beside the target of its indicator and year."""
    tgs = targets(ward, content)
    rows: list[list] = [[tg, None] for tg in tgs]
    for fig in ward.progress["figures"]:
        years = sorted({tg["year"] for tg in tgs if tg["indicator"] == fig["indicator"]})
        as_of_year = int(fig["as_of"][:4])
        year = fig.get("year") or next((y for y in years if y >= as_of_year), years[-1] if years else None)
        row = next((r for r in rows if r[0] and r[1] is None and r[0]["indicator"] == fig["indicator"]
                    and r[0]["year"] == year), None)
        if row:
            row[1] = fig
        else:
            rows.append([None, fig])
    return [(a, b) for a, b in rows]


def indicator_label(target: dict | None, fig: dict | None, lang: str) -> str:
    item = fig if fig and fig.get("label") else None
    if item:
        return tx(item["label"], lang)
    code = (fig or target)["indicator"]
    name = t(f"plans.indicator.{code}", lang)
    if code == "khac" and target:
        return tx(target["text"], lang)
    return name


def chart(rows: list[tuple[dict | None, dict | None]], lang: str) -> str:
    """An SVG bar per figure that can be drawn against its target. aria-hidden: the table below
    carries the same numbers for screen readers."""
    bars = []
    for tg, fig in rows:
        if not fig:
            continue
        share = figure_share(fig)
        if tg and tg.get("percent") is not None and share is not None:
            value, mark, scale, shown = share, float(tg["percent"]), 100.0, percent_text(share, lang)
        elif tg and tg.get("count") and fig.get("count") is not None:
            value, mark = float(fig["count"]), float(tg["count"])
            scale, shown = max(value, mark) * 1.15, number_vi(fig["count"], lang)
        elif share is not None:
            value, mark, scale, shown = share, None, 100.0, percent_text(share, lang)
        else:
            continue
        label = html.unescape(indicator_label(tg, fig, lang).replace('<span lang="vi">', "").replace("</span>", ""))
        goal = t("wards.target_short", lang).format(value=target_value(tg, lang)) if tg else ""
        bars.append((label, value / scale, None if mark is None else mark / scale,
                     t("wards.reached", lang).format(value=shown), goal))
    if not bars:
        return ""
    width, row = 360, 78
    out = [f'<figure class="ward-chart">\n<svg viewBox="0 0 {width} {row * len(bars)}" width="100%" '
           f'aria-hidden="true" focusable="false">']
    for i, (label, v, mark, reached, goal) in enumerate(bars):
        y = i * row
        out.append(f'<text x="0" y="{y + 17}" class="ward-chart-label">{html.escape(clip(label, 40))}</text>')
        out.append(f'<rect x="0.5" y="{y + 25}" width="{width - 1}" height="20" rx="4" class="ward-chart-track"/>')
        out.append(f'<rect x="0.5" y="{y + 25}" width="{min(v, 1) * (width - 1):.1f}" height="20" rx="4" class="ward-chart-bar"/>')
        if mark is not None:
            x = min(mark, 1) * width
            out.append(f'<rect x="{min(max(x - 2.5, 0), width - 5):.1f}" y="{y + 20}" width="5" height="30" class="ward-chart-target"/>')
        out.append(f'<text x="0" y="{y + 66}">{html.escape(reached)}</text>')
        if goal:
            out.append(f'<text x="{width}" y="{y + 66}" text-anchor="end">{html.escape(goal)}</text>')
    out.append(f"</svg>\n<figcaption>{t('wards.chart_caption', lang)}</figcaption>\n</figure>\n\n")
    return "\n".join(out)


def results_section(ward: Ward, content: Content, lang: str) -> str:
    md = [f"## {t('wards.results', lang)} {{ #ket-qua }}\n\n"]
    rows = match_rows(ward, content)
    if not ward.progress["figures"]:
        md.append(f"**{t('wards.no_figures', lang)}**\n\n")
    else:
        md.append(chart(rows, lang))
    if rows:
        md.append(f"| {t('wards.indicator', lang)} | {t('wards.target', lang)} | {t('wards.result', lang)} | "
                  f"{t('wards.as_of', lang)} | {t('wards.source', lang)} |\n|---|---|---|---|---|\n")
        for tg, fig in rows:
            goal = f"{target_value(tg, lang)} ({tg['year']})" if tg else "—"
            if fig:
                src = tx(fig["source"], lang)
                if fig.get("url"):
                    src = f'<a href="{html.escape(fig["url"])}">{src}</a>'
                md.append(f"| {indicator_label(tg, fig, lang)} | {goal} | {figure_value(fig, lang)} | "
                          f"{date_vi(fig['as_of'])} | {src} |\n")
            else:
                source = (f"[{t('wards.plan', lang)}](/ke-hoach/{tg['from_plan']}.md)" if tg.get("from_plan")
                          else tx(tg["source"], lang))
                md.append(f"| {indicator_label(tg, None, lang)} | {goal} | {t('wards.no_figures', lang)} | — | {source} |\n")
        md.append("\n")
    updates = ward.progress.get("updates", [])
    if updates:
        md.append(f"### {t('wards.updates', lang)}\n\n")
        for up in sorted(updates, key=lambda u: u["as_of"], reverse=True):
            src = tx(up["source"], lang)
            if up.get("url"):
                src = f'<a href="{html.escape(up["url"])}">{src}</a>'
            md.append(f"- {month_or_day(up['as_of'])}: {tx(up['text'], lang)} <small>({t('wards.source', lang)}: {src})</small>\n")
        md.append("\n")
    return "".join(md)


def plan_section(ward: Ward, content: Content, lang: str) -> str:
    if not ward.meta["plans"]:
        return ""
    md = [f"## {t('wards.plan', lang)} {{ #ke-hoach }}\n\n"]
    for pid in ward.meta["plans"]:
        plan = content.plans[pid]
        meta = plan.text(lang).meta
        md.append(f"[{meta['title']}](/ke-hoach/{pid}.md)\n\n{meta['summary']}\n\n")
        models = plan.meta.get("models", [])
        if models:
            md.append(f"### {t('wards.plan_models', lang)}\n\n")
            for mdl in models:
                name = content.data.model_slugs[mdl["model"]]["name"][lang]
                md.append(f"- [{name}](/phong-trao/{mdl['model']}.md): {mdl['says'][lang]} "
                          f"<small>({t('plans.lead', lang)}: {mdl['lead'][lang]}; {mdl['timeline'][lang]})</small>\n")
            md.append("\n")
    return "".join(md)


def material_section(ward: Ward, content: Content, lang: str) -> str:
    md = [f"## {t('wards.material', lang)} {{ #tai-lieu }}\n\n"]
    if ward.meta.get("lessons"):
        md.append(t("wards.material_intro", lang) + "\n\n")
        md += [f"- {lesson_links(lid, content, lang)}\n" for lid in ward.meta["lessons"]]
        md.append("\n")
    links = ward.meta.get("links", [])
    if links:
        md.append(f"### {t('wards.links', lang)}\n\n")
        for link in links:
            kind = t(f"wards.link_kind.{link['kind']}", lang)
            if link.get("url"):
                md.append(f'- <a href="{html.escape(link["url"])}">{tx(link["title"], lang)}</a> <small>({kind})</small>\n')
            else:
                md.append(f"- {tx(link['title'], lang)} <small>({kind}; {t('wards.no_address', lang)})</small>\n")
        md.append("\n")
    md.append(f"[{t('wards.all_lessons', lang)}](/nhom/index.md)\n\n")
    return "".join(md)


def story_block(story: Story, lang: str) -> str:
    src = story.text(lang)
    md = [f"### {esc(src.meta['title'])} {{ #{story.kind}-{slugify(story.slug)} }}\n\n",
          f'<p class="ward-story-meta">{date_vi(story.meta["date"])}</p>\n\n']
    body = src.body.strip()
    if src.lang != lang:
        body = f'<div lang="{src.lang}" markdown>\n\n{body}\n\n</div>'
    md.append(body + "\n\n")
    return "".join(md)


def stories_section(ward: Ward, lang: str) -> str:
    md = []
    for key, items, anchor in (("wards.stories", ward.stories, "cau-chuyen"), ("wards.practices", ward.practices, "cach-lam-hay")):
        if items:
            md.append(f"## {t(key, lang)} {{ #{anchor} }}\n\n")
            md += [story_block(s, lang) for s in items]
    return "".join(md)


def past_section(ward: Ward, content: Content, lang: str) -> str:
    past = ward.past()
    if not past:
        return ""
    return (f"## {t('wards.past', lang)} {{ #lop-da-hoc }}\n\n" + "".join(class_line(c, content, lang) for c in past) + "\n")


def portal_section(ward: Ward, lang: str, site_url: str) -> str:
    widget = site_url + widget_path(ward.id, lang).removesuffix("index.html")
    title = t("wards.widget_title", lang).format(name=ward.name(lang)).replace('"', "'")
    return (f"## {t('wards.portal', lang)} {{ #cong-thong-tin }}\n\n"
            f"{t('wards.portal_widget', lang)}\n\n"
            f'```html\n<iframe src="{widget}" title="{title}"\n        width="100%" height="460" style="border:0" loading="lazy"></iframe>\n```\n\n'
            f"{t('wards.portal_calendar', lang)} `{site_url}{calendar_path(ward.id, lang)}`\n\n"
            f"{t('wards.portal_poster', lang)} [{t('wards.print_poster', lang)}](/{poster_path(ward.id, lang)})\n\n"
            f"{esc(t('wards.portal_host', lang).format(id=ward.id))}\n\n")


def groups_section(content: Content, lang: str) -> str:
    """On a ward's own copy, the home page also leads to the lessons (what the site's home did)."""
    md = [f"## {t('groups_title', lang)}\n\n"]
    md += [f"- [{g['name'][lang]}](/nhom/{g['slug']}.md) — {g['who'][lang]}\n" for g in content.data.groups]
    return "".join(md) + "\n"


def ward_markdown(ward: Ward, content: Content, lang: str, site_url: str, home: bool = False) -> str:
    name = ward.name(lang)
    title = t("wards.title", lang).format(name=name)
    desc = t("wards.description", lang).format(name=name, province=ward.province)
    if ward.example:
        title = f"{title} ({t('wards.example', lang)})"
    md = [front_matter(title=title, description=desc, kind="ward"), f"# {esc(title)}\n\n", example_note(ward, lang)]
    md.append(f'<p class="lesson-summary">{esc(ward.province)} · '
              f'{t("wards.updated", lang).format(date=date_vi(ward.meta["updated"]))}</p>\n\n')
    if ward.meta.get("intro"):
        md.append(f"{tx(ward.meta['intro'], lang)}\n\n")
    md.append(movement_intro(content, lang))
    md.append(classes_section(ward, content, lang))
    md.append(help_section(ward, lang))
    md.append(teams_section(ward, lang))
    md.append(results_section(ward, content, lang))
    md.append(plan_section(ward, content, lang))
    md.append(material_section(ward, content, lang))
    if home:
        md.append(groups_section(content, lang))
    md.append(stories_section(ward, lang))
    md.append(past_section(ward, content, lang))
    md.append(portal_section(ward, lang, site_url))
    md.append(f"## {t('wards.about', lang)} {{ #ve-trang }}\n\n"
              + esc(t("wards.about_text", lang).format(id=ward.id, date=date_vi(built_on().isoformat()))) + "\n")
    body = "".join(md)
    return body + glossary_abbreviations(body, content, lang)


def render_ward(ward: Ward, content: Content, lang: str, site_url: str) -> GeneratedPage:
    return GeneratedPage(ward_src(ward.id), ward_markdown(ward, content, lang, site_url), lang)


def home_page(ward: Ward, content: Content, lang: str, site_url: str) -> GeneratedPage:
    """For WARD=<id> builds: the ward's section as the home page of the ward's own copy."""
    return GeneratedPage("index.md", ward_markdown(ward, content, lang, site_url, home=True), lang)


# --- index by province ------------------------------------------------------------------------------

def by_province(content: Content) -> dict[str, list[Ward]]:
    """Province (as its first ward writes it) -> its wards; spellings that differ only in case or
    marks share one page (the checker warns about them)."""
    groups = group_by_province(content.wards.values())
    out = {ws[0].province: sorted(ws, key=lambda w: (w.example, w.name(DEFAULT_LANG))) for ws in groups.values()}
    return dict(sorted(out.items()))


def ward_item(ward: Ward, lang: str) -> str:
    mark = f" <small>({t('wards.example', lang)})</small>" if ward.example else ""
    return f"- [{esc(ward.name(lang))}](/{ward_src(ward.id)}){mark}\n"


def render_index(content: Content, lang: str) -> GeneratedPage:
    title = t("wards.index_title", lang)
    md = [front_matter(title=title, description=t("wards.index_intro", lang)), f"# {title}\n\n",
          t("wards.index_intro", lang), "\n\n"]
    for province, wards in by_province(content).items():
        md.append(f"- [{esc(province)}](/dia-phuong/tinh/{province_slug(province)}.md) "
                  f"<small>({t('wards.count', lang).format(n=len(wards))})</small>\n")
    md.append(f"\n{esc(t('wards.index_add', lang))}\n")
    return GeneratedPage("dia-phuong/index.md", "".join(md), lang)


def render_province(province: str, wards: list[Ward], lang: str) -> GeneratedPage:
    title = t("wards.province_title", lang).format(province=province)
    md = [front_matter(title=title, description=t("wards.province_intro", lang).format(province=province), kind="index",
                       ward_filter="yes"),
          f"# {esc(title)}\n\n", esc(t("wards.province_intro", lang).format(province=province)), "\n\n"]
    # A province lists about a hundred wards: assets/ward-filter.js shows this box and narrows the
    # list as the resident types (without the script the whole list is there, and the box hidden).
    md.append(f'<form class="search-form ward-filter" role="search" data-ward-filter hidden '
              f'data-found="{html.escape(t("wards.filter_found", lang))}" data-none="{html.escape(t("wards.filter_none", lang))}">\n'
              f'<label for="ward-filter-input">{esc(t("wards.filter_label", lang))}</label>\n'
              f'<input id="ward-filter-input" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search">\n'
              f'</form>\n<p class="ward-filter-status" role="status" aria-live="polite"></p>\n\n')
    md.append('<div class="ward-list" markdown>\n\n')
    md += [ward_item(w, lang) for w in wards]
    md.append("\n</div>\n")
    md.append(f"\n[{t('wards.all_provinces', lang)}](/dia-phuong/index.md)\n")
    return GeneratedPage(f"dia-phuong/tinh/{province_slug(province)}.md", "".join(md), lang)


def ward_pages(content: Content, lang: str, site_url: str) -> list[GeneratedPage]:
    if not content.wards:
        return []
    pages = [render_ward(w, content, lang, site_url) for w in content.wards.values()]
    pages += [render_province(p, ws, lang) for p, ws in by_province(content).items()]
    return pages + [render_index(content, lang)]


# --- the widget ---------------------------------------------------------------------------------------

def clip(s: str, n: int = 110) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def hx(value, lang: str, n: int = 110) -> str:
    """A ward field in a standalone HTML file: escaped, clipped, marked when not translated."""
    s, in_lang = text(value, lang)
    s = html.escape(clip(s, n))
    return s if in_lang == lang else f'<span lang="{in_lang}">{s}</span>'


def widget(ward: Ward, content: Content, lang: str, site_url: str, css_bytes: int = 0) -> str:
    """The ward's next classes and help points in a box for an iframe: no script, no site chrome."""
    to_root = "../" * widget_path(ward.id, lang).count("/")
    target = "../../../" + ward_path(ward.id, lang)[len(prefix(lang)):]  # from nhung/dia-phuong/<id>/
    new_tab = " (mở trong thẻ mới)" if lang == "vi" else " (opens in a new tab)"
    name = ward.name(lang)

    def build(n_classes: int, n_help: int) -> str:
        parts = [f'<p class="k">Bình dân học vụ số · {html.escape(name)}</p>']
        if ward.example:
            parts.append(f'<p class="x">{t("wards.example", lang)}</p>')
        parts.append(f"<h1>{t('wards.classes', lang)}</h1>")
        upcoming = ward.upcoming()[:n_classes]
        if upcoming:
            items = []
            for c in upcoming:
                titles = "; ".join(html.escape(content.lessons[lid].title(lang)) for lid in c.lessons[:2])
                more = "…" if len(c.lessons) > 2 else ""
                status = f" <b>{t('wards.cancelled', lang)}</b>" if c.cancelled else ""
                items.append(f"<li><b>{html.escape(when(c, lang))}</b>{status}<br>{hx(c.meta['place'], lang)} · "
                             f"{html.escape(group_name(c.group, content, lang))}<br>{titles}{more}</li>")
            parts.append('<ul>' + "".join(items) + "</ul>")
        else:
            parts.append(f"<p>{t('wards.no_classes', lang)}</p>")
        helps = ward.meta["help"][:n_help]
        if helps:
            parts.append(f"<h2>{t('wards.help', lang)}</h2><ul>")
            for h in helps:
                hours = hx(h["hours"], lang, 60) if h.get("hours") else t("wards.no_hours", lang)
                phone = ""
                if h.get("contact", {}).get("phone"):
                    tel = "".join(ch for ch in h["contact"]["phone"] if ch.isdigit() or ch == "+")
                    phone = f' · <a href="tel:{tel}">{html.escape(h["contact"]["phone"])}</a>'
                parts.append(f"<li><b>{hx(h['place'], lang, 80)}</b><br>{hours}{phone}</li>")
            parts.append("</ul>")
        parts.append(f'<a class="go" href="{target}" target="_blank" rel="noopener">{t("wards.widget_more", lang)}'
                     f'<span class="s">{new_tab}</span></a>')
        title = t("wards.widget_title", lang).format(name=name)
        return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">{csp.meta()}'
                f'<meta name="viewport" content="width=device-width,initial-scale=1">'
                f'<title>{html.escape(title)}</title><meta name="robots" content="noindex">'
                f'<link rel="canonical" href="{site_url}{ward_path(ward.id, lang)}">'
                f'<link rel="stylesheet" href="{to_root}assets/widget.css"></head>'
                f'<body><main><article>{"".join(parts)}</article></main></body></html>\n')

    # Fewer items rather than a box that outgrows the budget (long place names, many lessons).
    for n_classes, n_help in ((WIDGET_CLASSES, WIDGET_HELP), (3, 2), (2, 2), (2, 1), (1, 1), (1, 0), (0, 0)):
        page = build(n_classes, n_help)
        if len(page.encode("utf-8")) + css_bytes < WIDGET_BUDGET:
            return page
    return page


# --- the calendar -------------------------------------------------------------------------------------

def calendar(ward: Ward, content: Content, lang: str, site_url: str) -> bytes:
    """An iCalendar (RFC 5545) feed of the ward's classes, with the Asia/Ho_Chi_Minh time zone."""
    name = ward.name(lang)
    cal_name = t("wards.calendar_name", lang).format(name=name)
    if ward.example:
        cal_name += f" ({t('wards.example', lang)})"
    page = site_url + ward_path(ward.id, lang)
    host = urlsplit(site_url).hostname or "hockynangso"
    # name= also writes X-WR-CALNAME, description= X-WR-CALDESC (what phone calendar apps read)
    cal = Calendar.new(name=cal_name, prodid="-//Hoc ky nang so//Lich hoc phuong xa//VI", method="PUBLISH",
                       url=page, refresh_interval=dt.timedelta(days=1), uid=f"{ward.id}-{lang}@{host}",
                       description=t("wards.description", lang).format(name=name, province=ward.province))
    cal.add("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh")
    stamp = build_time()
    seen: dict[str, int] = {}
    for c in sorted(ward.classes, key=lambda c: (c.date, c.start)):
        h1, m1 = map(int, c.start.split(":"))
        h2, m2 = map(int, c.end.split(":"))
        key = f"{ward.id}-{c.date.isoformat()}-{h1:02d}{m1:02d}-{c.group}"
        seen[key] = seen.get(key, 0) + 1
        uid = f"{key}{'-' + str(seen[key]) if seen[key] > 1 else ''}@{host}"
        lessons = [content.lessons[lid] for lid in c.lessons]
        summary = f"{group_name(c.group, content, lang)}: " + "; ".join(le.title(lang) for le in lessons)
        if ward.example:
            summary = f"[{t('wards.example', lang)}] {summary}"
        lines = [f"{t('wards.trainer', lang)}: {plain(c.meta['trainer'], lang)}",
                 f"{t('wards.signup', lang)}: {plain(c.meta['signup'], lang)}"]
        if c.meta.get("note"):
            lines.append(f"{t('wards.note', lang)}: {plain(c.meta['note'], lang)}")
        lines += [f"{le.title(lang)}: {site_url}{prefix(lang)}bai-hoc/{le.id}/" for le in lessons]
        lines.append(page)
        event = Event.new(
            uid=uid, stamp=stamp, summary=summary, location=plain(c.meta["place"], lang),
            start=dt.datetime(c.date.year, c.date.month, c.date.day, h1, m1, tzinfo=VN),
            end=dt.datetime(c.date.year, c.date.month, c.date.day, h2, m2, tzinfo=VN),
            description="\n".join(lines), url=page + "#" + class_anchor(c),
            status="CANCELLED" if c.cancelled else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


# --- the poster ---------------------------------------------------------------------------------------

def poster(ward: Ward, content: Content, lang: str, site_url: str) -> str:
    """An A4 class schedule to print, with QR codes for the ward's page and its calendar."""
    from render_trainers import page as html_page
    to_root = "../" * poster_path(ward.id, lang).count("/")
    name = ward.name(lang)
    head = f'<link rel="stylesheet" href="{to_root}assets/ward-poster.css">\n'
    parts = [f'<header><p class="k">Bình dân học vụ số</p><h1>{t("wards.poster_title", lang)}</h1>'
             f'<p class="w">{html.escape(name)} · {html.escape(ward.province)}</p>']
    if ward.example:
        parts.append(f'<p class="x">{t("wards.example", lang)}</p>')
    parts.append("</header>")
    upcoming = ward.upcoming()[:POSTER_CLASSES]
    if upcoming:
        rows = []
        for c in upcoming:
            lessons = "<br>".join(html.escape(content.lessons[lid].title(lang)) for lid in c.lessons)
            status = f"<br><b>{t('wards.cancelled', lang)}</b>" if c.cancelled else ""
            rows.append(f"<tr><td><b>{html.escape(when(c, lang))}</b>{status}</td><td>{hx(c.meta['place'], lang, 200)}"
                        f"<br><small>{t('wards.signup', lang)}: {hx(c.meta['signup'], lang, 200)}</small></td>"
                        f"<td>{html.escape(group_name(c.group, content, lang))}</td><td>{lessons}</td></tr>")
        parts.append(f"<table><thead><tr><th>{t('wards.when', lang)}</th><th>{t('wards.place', lang)}</th>"
                     f"<th>{t('wards.group', lang)}</th><th>{t('wards.lessons', lang)}</th></tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table>")
        parts.append(f'<p class="free">{t("wards.poster_free", lang)}</p>')
    else:
        parts.append(f"<p>{t('wards.no_classes', lang)}</p>")
        rhythm = plan_rhythm(ward, content, lang)
        if rhythm:
            parts.append(f"<p>{t('wards.plan_rhythm', lang)}</p><ul>"
                         + "".join(f"<li>{html.escape(w[:1].upper() + w[1:])}: {html.escape(what)}</li>" for w, what in rhythm)
                         + "</ul>")
    if ward.meta["help"]:
        parts.append(f"<section><h2>{t('wards.help', lang)}</h2><ul>")
        for h in ward.meta["help"][:3]:
            hours = hx(h["hours"], lang, 80) if h.get("hours") else t("wards.no_hours", lang)
            phone = f" · {html.escape(h['contact']['phone'])}" if h.get("contact", {}).get("phone") else ""
            parts.append(f"<li><b>{hx(h['place'], lang, 120)}</b> ({hours}{phone})</li>")
        parts.append("</ul></section>")
    page_url = site_url + ward_path(ward.id, lang)
    ics_url = site_url + calendar_path(ward.id, lang)
    qrs = []
    for url, caption in ((page_url, t("wards.poster_scan_page", lang)), (ics_url, t("wards.poster_scan_calendar", lang))):
        alt = html.escape(t("trainers.qr_alt", lang).format(url=url))
        qrs.append(f'<figure class="qr"><div role="img" aria-label="{alt}">{qr_svg(url, lang, fit=True)}</div>'
                   f"<figcaption><b>{caption}</b><br>{html.escape(url)}</figcaption></figure>")
    parts.append(f'<footer><div class="qrs">{"".join(qrs)}</div>'
                 f'<p>{t("wards.built", lang).format(date=date_vi(built_on().isoformat()))} · {t("ui_site_name", lang)}</p></footer>')
    title = f"{t('wards.poster_title', lang)} – {name}"
    return html_page(lang, title, head, f'<main>{"".join(parts)}</main>')


# --- files, redirects, catalog --------------------------------------------------------------------------

def redirect(alias: str, ward: Ward, lang: str, site_url: str) -> str:
    target = f"../{ward.id}/"
    title = html.escape(t("wards.title", lang).format(name=ward.name(lang)))
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">{csp.meta()}'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>'
            f'<meta name="robots" content="noindex"><link rel="canonical" href="{site_url}{ward_path(ward.id, lang)}">'
            f'<meta http-equiv="refresh" content="0; url={target}"></head>'
            f'<body><main><p><a href="{target}">{title}</a></p></main></body></html>\n')


def static_files(content: Content, lang: str, site_url: str, css_bytes: int) -> dict[str, str | bytes]:
    """Site path -> text of each ward's widget, calendar, poster and old-address redirects, for one locale."""
    out: dict[str, str | bytes] = {}
    for ward in content.wards.values():
        out[widget_path(ward.id, lang)] = widget(ward, content, lang, site_url, css_bytes)
        out[calendar_path(ward.id, lang)] = calendar(ward, content, lang, site_url)
        out[poster_path(ward.id, lang)] = poster(ward, content, lang, site_url)
        for alias in ward.meta.get("aliases", []):
            out[f"{prefix(lang)}dia-phuong/{alias}/index.html"] = redirect(alias, ward, lang, site_url)
    return out


def catalog_entries(content: Content, site_url: str) -> list[dict]:
    def both(fn) -> dict:
        return {lang: fn(lang) for lang in LANGS}

    return [{
        "id": w.id,
        "name": both(w.name),
        "province": w.province,
        "kind": w.meta["kind"],
        "example": w.example,
        "plans": list(w.meta["plans"]),
        "updated": w.meta["updated"],
        "url": both(lambda lg, w=w: site_url + ward_path(w.id, lg)),
        "widget": both(lambda lg, w=w: site_url + widget_path(w.id, lg).removesuffix("index.html")),
        "calendar": both(lambda lg, w=w: site_url + calendar_path(w.id, lg)),
        "poster": both(lambda lg, w=w: site_url + poster_path(w.id, lg).removesuffix("index.html")),
        "next_class": next((c.date.isoformat() for c in w.upcoming() if not c.cancelled), None),
        "aliases": list(w.meta.get("aliases", [])),
    } for w in sorted(content.wards.values(), key=lambda w: w.id)]
