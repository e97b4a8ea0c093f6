"""Pages for local plans: one page per plan, and comparison pages built from the plans' front matter.

Nothing here is typed twice: every figure on /ke-hoach/ comes from `content/plans/*.vi.md` front
matter (the schema is scripts/schema/plan.schema.json), so a corrected plan corrects every table.
"""

from __future__ import annotations

from content import Content, Plan
from render import GeneratedPage, date_vi, front_matter, t

INDICATORS = ["can-bo", "hoc-sinh", "nguoi-dan", "xac-nhan-vneid", "nguoi-lao-dong", "co-so-giao-duc"]
QUALIFIER = {"tren": ">", "it-nhat": "≥", "bang": ""}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip() or "—"


def number_vi(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "." if lang == "vi" else ",")


def target_value(target: dict, lang: str) -> str:
    sign = QUALIFIER[target["qualifier"]]
    parts = []
    if target.get("count") is not None:
        parts.append(f"{sign}{' ' if sign else ''}{number_vi(target['count'], lang)} {t('plans.people', lang)}")
    if target.get("percent") is not None:
        pct = f"{target['percent']:g}%"
        parts.append(f"({pct})" if parts else f"{sign}{' ' if sign else ''}{pct}")
    return " ".join(parts) or "—"


def place(plan: Plan, lang: str) -> str:
    loc = plan.meta["locality"]
    return f"{loc['name']} ({loc['province'].replace('Thành phố ', '').replace('Tỉnh ', '')})"


def plan_link(plan: Plan, lang: str) -> str:
    return f"[{place(plan, lang)}](/ke-hoach/{plan.id}.md)"


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def vi_text(text: str, lang: str) -> str:
    """Vietnamese words as the plan writes them (names, document refs), marked as such on English pages."""
    return text if lang == "vi" else f'<span lang="vi">{text}</span>'


def issued_when(doc: dict, lang: str) -> str:
    """The plan's own date: a day, a month whose day is left blank, or none."""
    date = doc.get("date")
    if not date:
        return first_upper(t("plans.no_date", lang))
    if len(date) == 7:  # YYYY-MM: the day is left blank
        y, m = date.split("-")
        return first_upper(t("plans.day_blank", lang).format(month=int(m), year=y))
    return date_vi(date)


def grounds_list(m: dict, lang: str) -> str:
    """Every document the plan cites: how it cites it, number, date, issuer, subject."""
    md = []
    for g in m["grounds"]:
        ref = vi_text(g["ref"], lang) + ("" if g.get("number") else f" ({t('plans.no_number', lang)})")
        date = date_vi(g["date"]) if g.get("date") else t("plans.no_date", lang)
        relation = t("plans.relation." + g["relation"], lang)
        if g["issuer"]["en"] == "Not stated":  # say so after the subject, not as if it were a name
            about = f"{g['about'][lang]} ({t('plans.issuer', lang)}: {g['issuer'][lang].lower()})"
        else:
            about = f"{g['issuer'][lang]}: {g['about'][lang]}"
        md.append(f"- *{relation}* **{ref}**, {date}. {about}.\n")
    return "".join(md)


def dates_table(m: dict, lang: str) -> str:
    """The issue date (from `document`), then every date the plan sets, as it words them."""
    doc = m["document"]
    md = [f"| {t('plans.when', lang)} | {t('plans.date_kind_title', lang)} | {t('plans.what', lang)} |\n|---|---|---|\n",
          f"| {issued_when(doc, lang)} | {t('plans.date_kind.issue', lang)} | "
          f"{cell(t('plans.issued_what', lang).format(kind=doc['kind'][lang].lower()))} |\n"]
    for d in m.get("dates", []):
        kind = t("plans.date_kind." + d["kind"], lang)
        md.append(f"| {cell(first_upper(d['when'][lang]))} | {kind} | {cell(d['what'][lang])} |\n")
    return "".join(md)


def bodies_list(m: dict, lang: str) -> str:
    """Steering committees, working groups, councils, teams: who leads them and what they do."""
    md = []
    for b in m["bodies"]:
        name = f"**{b['name'][lang]}**" if lang == "vi" else f"**{b['name']['en']}** ({vi_text(b['name']['vi'], lang)})"
        status = t("plans.status." + b["status"], lang)
        md.append(f"- {name} — {status}. "
                  f"{t('plans.lead', lang)}: {b['lead'][lang]}. {b['role'][lang]}\n")
    return "".join(md)


def model_terms(m: dict, content: Content, lang: str) -> str:
    """Each model under the name and in the words the plan uses."""
    md = []
    for mdl in m["models"]:
        name = content.data.model_slugs[mdl["model"]]["name"][lang]
        md.append(f"- [{name}](/phong-trao/{mdl['model']}.md): **{vi_text(mdl['term'], lang)}** — {mdl['says'][lang]}\n")
    return "".join(md)


# --- one plan ------------------------------------------------------------------------------

def render_plan(plan: Plan, content: Content, lang: str) -> GeneratedPage:
    m = plan.meta
    text = plan.text(lang)
    text_lang = text.lang
    title = text.meta["title"]
    md = [front_matter(title=title, description=text.meta["summary"], kind="plan",
                       search_label=t("plans.index_title", lang)), f"# {title}\n\n"]
    if text_lang != lang:
        from render import fallback_note
        md.append(fallback_note(lang))
    md.append(f'<p class="lesson-summary">{text.meta["summary"]}</p>\n\n')
    doc = m["document"]
    blank = ""
    if doc.get("blank"):
        parts = ", ".join(t(f"plans.blank_parts.{b}", lang) for b in doc["blank"])
        blank = " " + t("plans.blank", lang).format(what=parts)
    md.append(f"## {t('plans.facts', lang)}\n\n| | |\n|---|---|\n")
    md.append(f"| {t('plans.issuer', lang)} | {cell(m['issuer'][lang])} |\n")
    md.append(f"| {doc['kind'][lang]} | {cell(doc['as_written'])}{' ' + cell(blank) if blank else ''} |\n")
    md.append(f"| {t('plans.locality', lang)} | {cell(m['locality']['name'])}, {cell(m['locality']['province'])} |\n")
    md.append(f"| {t('plans.signer', lang)} | {cell(m['signer_role'][lang])} |\n")
    if m.get("period"):
        span = m["period"]["from"] if m["period"]["from"] == m["period"]["to"] else f"{m['period']['from']}–{m['period']['to']}"
        md.append(f"| {t('plans.period', lang)} | {span} |\n")
    md.append("\n")
    if m.get("grounds"):
        md.append(f"## {t('plans.grounds', lang)}\n\n{grounds_list(m, lang)}\n")
    md.append(f"## {t('plans.targets', lang)}\n\n")
    if m.get("targets"):
        md.append(f"| {t('plans.year', lang)} | {t('plans.targets', lang)} | |\n|---|---|---|\n")
        for tg in sorted(m["targets"], key=lambda x: (x["year"], INDICATORS.index(x["indicator"]) if x["indicator"] in INDICATORS else 99)):
            md.append(f"| {tg['year']} | {target_value(tg, lang)} | {cell(tg['text'][lang])} |\n")
        md.append("\n")
    else:
        md.append(t("plans.no_targets", lang) + "\n\n")
    if m.get("models"):
        md.append(f"## {t('plans.models', lang)}\n\n| {t('plans.model', lang)} | {t('plans.lead', lang)} | "
                  f"{t('plans.partners', lang)} | {t('plans.timeline', lang)} |\n|---|---|---|---|\n")
        for mdl in m["models"]:
            name = content.data.model_slugs[mdl["model"]]["name"][lang]
            partners = "; ".join(p[lang] for p in mdl.get("partners", [])) or "—"
            md.append(f"| [{cell(name)}](/phong-trao/{mdl['model']}.md) | {cell(mdl['lead'][lang])} | "
                      f"{cell(partners)} | {cell(mdl['timeline'][lang])} |\n")
        md.append(f"\n### {t('plans.terms', lang)}\n\n{model_terms(m, content, lang)}\n")
    if m.get("other_activities"):
        md.append(f"### {t('plans.other', lang)}\n\n")
        md += [f"- {a[lang]}\n" for a in m["other_activities"]]
        md.append("\n")
    if m.get("bodies"):
        md.append(f"## {t('plans.bodies', lang)}\n\n{bodies_list(m, lang)}\n")
    md.append(f"## {t('plans.dates', lang)}\n\n{dates_table(m, lang)}\n")
    if m.get("reporting"):
        r = m["reporting"]
        md.append(f"## {t('plans.reporting_title', lang)}\n\n{r['cadence'][lang]}. {r['to'][lang]}.\n\n")
    body = text.body.strip()
    if text_lang != lang:
        body = f'<div lang="{text_lang}" markdown>\n\n{body}\n\n</div>'
    md.append(body + "\n\n")
    md.append(f"## {t('plans.source', lang)}\n\n{t('plans.source_text', lang)}\n")
    return GeneratedPage(f"ke-hoach/{plan.id}.md", "".join(md), text_lang)


# --- comparisons ---------------------------------------------------------------------------

def sorted_plans(content: Content) -> list[Plan]:
    return sorted(content.plans.values(), key=lambda p: p.meta["locality"]["name"])


def targets_table(content: Content, year: int, lang: str) -> str:
    plans = sorted_plans(content)
    used = [i for i in INDICATORS if any(tg["indicator"] == i and tg["year"] == year
                                         for p in plans for tg in p.meta.get("targets", []))]
    head = f"| {t('plans.locality', lang)} | " + " | ".join(t(f"plans.indicator.{i}", lang) for i in used) + " |\n"
    head += "|---" * (len(used) + 1) + "|\n"
    rows = []
    for p in plans:
        cells = []
        for i in used:
            found = [tg for tg in p.meta.get("targets", []) if tg["indicator"] == i and tg["year"] == year]
            cells.append(" / ".join(target_value(tg, lang) for tg in found) or "—")
        rows.append(f"| {plan_link(p, lang)} | " + " | ".join(cells) + " |\n")
    return head + "".join(rows)


def models_table(content: Content, lang: str) -> str:
    plans = sorted_plans(content)
    head = f"| {t('plans.model', lang)} | " + " | ".join(place(p, lang) for p in plans) + " |\n"
    head += "|---" * (len(plans) + 1) + "|\n"
    rows = []
    for model in content.data.models:
        marks = []
        for p in plans:
            adopted = [x for x in p.meta.get("models", []) if x["model"] == model["slug"]]
            marks.append("✓" if adopted else "—")
        rows.append(f"| [{model['name'][lang]}](/phong-trao/{model['slug']}.md) | " + " | ".join(marks) + " |\n")
    return head + "".join(rows)


def model_leads(content: Content, slug: str, lang: str) -> str:
    """Who leads one model in each plan (used on the model's own page)."""
    rows = [f"| {t('plans.locality', lang)} | {t('plans.lead', lang)} | {t('plans.partners', lang)} | "
            f"{t('plans.timeline', lang)} |\n|---|---|---|---|\n"]
    for p in sorted_plans(content):
        adopted = [x for x in p.meta.get("models", []) if x["model"] == slug]
        if not adopted:
            rows.append(f"| {plan_link(p, lang)} | {t('plans.not_adopted', lang)} | — | — |\n")
        for x in adopted:
            partners = "; ".join(pt[lang] for pt in x.get("partners", [])) or "—"
            rows.append(f"| {plan_link(p, lang)} | {cell(x['lead'][lang])} | {cell(partners)} | {cell(x['timeline'][lang])} |\n")
    return "".join(rows)


def calendar(content: Content, lang: str) -> str:
    order = {"yearly": 0, "half-yearly": 1, "quarterly": 2, "monthly": 3, "weekly": 4, "ongoing": 5, "once": 6}
    entries = []
    for p in sorted_plans(content):
        for d in p.meta.get("dates", []):
            if d["kind"] != "reporting":  # reporting has its own list below
                entries.append((order[d["recurs"]], d.get("date") or "9999", place(p, lang), d, p))
    md = [f"| {t('plans.when', lang)} | {t('plans.what', lang)} | {t('plans.locality', lang)} |\n|---|---|---|\n"]
    for _, _, _, d, p in sorted(entries, key=lambda e: e[:3]):
        md.append(f"| {cell(first_upper(d['when'][lang]))} | {cell(d['what'][lang])} | {plan_link(p, lang)} |\n")
    md.append(f"\n### {t('plans.reporting_title', lang)}\n\n")
    for p in sorted_plans(content):
        r = p.meta.get("reporting")
        if r:
            md.append(f"- {plan_link(p, lang)}: {r['cadence'][lang]}. {r['to'][lang]}.\n")
    return "".join(md)


def render_plans_index(content: Content, lang: str) -> GeneratedPage:
    title = t("plans.index_title", lang)
    md = [front_matter(title=title, description=t("plans.index_intro", lang), kind="index"),
          f"# {title}\n\n{t('plans.index_intro', lang)}\n\n## {t('plans.list', lang)}\n\n"]
    for p in sorted_plans(content):
        md.append(f"- {plan_link(p, lang)} — {p.text(lang).meta['summary']}\n")
    years = sorted({tg["year"] for p in content.plans.values() for tg in p.meta.get("targets", [])})
    for year in years:
        md.append(f"\n## {t('plans.targets_title', lang).format(year=year)}\n\n{targets_table(content, year, lang)}\n"
                  f"{t('plans.targets_note', lang)}\n")
    md.append(f"\n## {t('plans.models_title', lang)}\n\n{models_table(content, lang)}\n{t('plans.models_note', lang)}\n")
    md.append(f"\n## {t('plans.calendar_title', lang)}\n\n{calendar(content, lang)}")
    return GeneratedPage("ke-hoach/index.md", "".join(md), lang)


def plan_pages(content: Content, lang: str) -> list[GeneratedPage]:
    if not content.plans:
        return []
    return [render_plan(p, content, lang) for p in content.plans.values()] + [render_plans_index(content, lang)]
