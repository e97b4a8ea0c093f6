"""What ward and commune portals use: the catalog, QR codes, embeddable cards, feeds, redirects
from old lesson ids, the sitemap and the QR posters. Every URL is built from `site_url`, so the site
works under a sub-path such as https://portal.gov.vn/binh-dan-hoc-vu-so/.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import segno

import csp

from content import DEFAULT_LANG, LANGS, SCHEMAS, Content, Lesson
from render import GeneratedPage, front_matter, handout_path, slides_path, t

CATALOG = "api/catalog.json"
CATALOG_SCHEMA = "api/catalog.schema.json"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def lesson_path(lesson_id: str, lang: str) -> str:
    return f"{prefix(lang)}bai-hoc/{lesson_id}/"


def embed_path(lesson_id: str, lang: str) -> str:
    return f"{prefix(lang)}nhung/{lesson_id}/index.html"


@lru_cache(maxsize=None)
def qr_code(url: str) -> segno.QRCode:
    """One QR code per address per build: decks, handouts, posters and both locales share it
    (encoding was a sixth of the build)."""
    return segno.make(url, error="m")


def qr_path(lesson_id: str) -> str:
    return f"qr/{lesson_id}.svg"


def feed_path(lang: str) -> str:
    return f"{prefix(lang)}feed.xml"


@lru_cache(maxsize=1)
def build_time() -> dt.datetime:
    """Build time, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def both(fn) -> dict:
    return {lang: fn(lang) for lang in LANGS}


# --- catalog -------------------------------------------------------------------------------

def catalog(content: Content, site_url: str) -> dict:
    def lesson_entry(le: Lesson) -> dict:
        m = le.meta
        return {
            "id": le.id,
            "title": both(le.title),
            "summary": both(lambda lg: le.text(lg).summary),
            "groups": m["groups"],
            "competencies": m["competencies"],
            "level": m["level"],
            "duration_minutes": m["duration_minutes"],
            "reviewed": m["reviewed"],
            "url": both(lambda lg: site_url + lesson_path(le.id, lg)),
            "slides": both(lambda lg: site_url + slides_path(le.id, lg).removesuffix("index.html")),
            "handout": both(lambda lg: site_url + handout_path(le.id, lg).removesuffix("index.html")),
            "handout_large_print": both(lambda lg: site_url + handout_path(le.id, lg, large=True).removesuffix("index.html")),
            "embed": both(lambda lg: site_url + embed_path(le.id, lg).removesuffix("index.html")),
            "qr": site_url + qr_path(le.id),
            "aliases": m.get("aliases", []),
            "exercises": [x.id for x in content.exercises_for(le.id)],
        }

    return {
        "version": 1,
        "site_url": site_url,
        "generated": build_time().isoformat().replace("+00:00", "Z"),
        "locales": list(LANGS),
        "groups": [{
            "slug": g["slug"],
            "name": dict(g["name"]),
            "url": both(lambda lg, s=g["slug"]: f"{site_url}{prefix(lg)}nhom/{s}/"),
            "lessons": [le.id for le in content.lessons_in_group(g["slug"])],
        } for g in content.data.groups],
        "lessons": [lesson_entry(le) for le in sorted(content.lessons.values(), key=lambda le: le.id)],
        "plans": [{
            "id": p.id,
            "title": both(lambda lg, p=p: p.text(lg).meta["title"]),
            "summary": both(lambda lg, p=p: p.text(lg).meta["summary"]),
            "locality": p.meta["locality"]["name"],
            "province": p.meta["locality"]["province"],
            "url": both(lambda lg, p=p: f"{site_url}{prefix(lg)}ke-hoach/{p.id}/"),
        } for p in sorted(content.plans.values(), key=lambda p: p.id)],
        "exercises": [{
            "id": x.id,
            "title": both(x.title),
            "summary": both(lambda lg, x=x: x.text(lg)["summary"]),
            "activity": x.activity,
            "lessons": x.meta["lessons"],
            "items": len(x.meta.get("items", [])) or 1,
            "duration_minutes": x.meta["duration_minutes"],
            "reviewed": x.meta["reviewed"],
            "url": both(lambda lg, x=x: f"{site_url}{prefix(lg)}thuc-hanh/{x.id}/"),
            "class_mode": both(lambda lg, x=x: f"{site_url}{prefix(lg)}thuc-hanh/{x.id}/?lop=1"),
        } for x in sorted(content.exercises.values(), key=lambda x: x.id)],
        "wards": ward_entries(content, site_url),
    }


def ward_entries(content: Content, site_url: str) -> list[dict]:
    import render_wards  # imports this module
    return render_wards.catalog_entries(content, site_url)


def catalog_fields(lang: str) -> str:
    """A table of the catalog's lesson fields, from the schema's own descriptions (one source)."""
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    rows = ["| field | meaning |\n|---|---|\n"]
    for name, spec in schema["properties"].items():
        rows.append(f"| `{name}` | {html.escape(spec.get('description', ''), quote=False)} |\n")
    for name, spec in schema["properties"]["lessons"]["items"]["properties"].items():
        # escaped: a description's "bai-hoc/<id>/" is text, not a tag
        rows.append(f"| `lessons[].{name}` | {html.escape(spec.get('description', ''), quote=False)} |\n")
    for name, spec in schema["properties"]["exercises"]["items"]["properties"].items():
        rows.append(f"| `exercises[].{name}` | {html.escape(spec.get('description', ''), quote=False)} |\n")
    return "".join(rows)


# --- QR codes, cards, redirects --------------------------------------------------------------

def _svg_document(qr, title: str) -> str:
    """A standalone SVG file (with a <title> for screen readers) for printing or a portal page."""
    buf = io.BytesIO()
    qr.save(buf, kind="svg", scale=10, border=4, title=title, xmldecl=True, svgns=True)
    return buf.getvalue().decode("utf-8")


def embed_card(lesson: Lesson, content: Content, lang: str, site_url: str) -> str:
    text = lesson.text(lang)
    m = lesson.meta
    target = "../../bai-hoc/" + lesson.id + "/"  # relative: right under any sub-path
    groups = ", ".join(content.data.group_slugs[g]["name"][lang] for g in m["groups"])
    new_tab = " (mở trong thẻ mới)" if lang == "vi" else " (opens in a new tab)"
    open_label = "Mở bài học" if lang == "vi" else "Open the lesson"
    to_root = "../" * embed_path(lesson.id, lang).count("/")
    return (f'<!doctype html>\n<html lang="{text.src.lang}"><head><meta charset="utf-8">{csp.meta()}'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{html.escape(text.title)}</title><meta name="robots" content="noindex">'
            f'<link rel="canonical" href="{site_url}{lesson_path(lesson.id, lang)}">'
            f'<link rel="stylesheet" href="{to_root}assets/card.css"></head>'
            f'<body><main><article><p class="k">{html.escape(t("ui_site_name", lang))}</p>'
            f'<h1><a href="{target}" target="_blank" rel="noopener">{html.escape(text.title)}<span class="s">{new_tab}</span></a></h1>'
            f'<p>{html.escape(text.summary)}</p>'
            f'<p class="m">{m["duration_minutes"]} {t("minutes", lang)} · {t("level." + m["level"], lang)} · {html.escape(groups)}</p>'
            f'<a class="go" href="{target}" target="_blank" rel="noopener">{open_label}<span class="s">{new_tab}</span></a>'
            f'</article></main></body></html>\n')


def redirect_page(alias: str, lesson: Lesson, lang: str, site_url: str) -> str:
    title = lesson.title(lang)
    moved = "Bài học đã chuyển sang địa chỉ mới:" if lang == "vi" else "This lesson has moved to a new address:"
    target = f"../{lesson.id}/"
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">{csp.meta()}'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>'
            f'<meta name="robots" content="noindex"><link rel="canonical" href="{site_url}{lesson_path(lesson.id, lang)}">'
            f'<meta http-equiv="refresh" content="0; url={target}"></head>'
            f'<body><main><p>{moved} <a href="{target}">{html.escape(title)}</a></p></main></body></html>\n')


# --- feeds and sitemap -----------------------------------------------------------------------

def feed(content: Content, lang: str, site_url: str) -> str:
    lessons = sorted(content.lessons.values(), key=lambda le: (le.meta["reviewed"], le.id), reverse=True)
    updated = (lessons[0].meta["reviewed"] if lessons else "2025-01-01") + "T00:00:00Z"
    title = t("feed_title", lang)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
           f"<title>{escape(title)}</title>",
           f"<id>{site_url}{feed_path(lang)}</id>",
           f'<link rel="self" type="application/atom+xml" href="{site_url}{feed_path(lang)}"/>',
           f'<link rel="alternate" type="text/html" href="{site_url}{prefix(lang)}"/>',
           f"<updated>{updated}</updated>",
           f"<author><name>{escape(t('ui_site_name', lang))}</name></author>"]
    for le in lessons:
        url = site_url + lesson_path(le.id, lang)
        out += ["<entry>",
                f"<title>{escape(le.title(lang))}</title>",
                f"<id>{url}</id>",
                f'<link rel="alternate" type="text/html" href="{url}"/>',
                f"<updated>{le.meta['reviewed']}T00:00:00Z</updated>",
                f"<summary>{escape(le.text(lang).summary)}</summary>"]
        out += [f'<category term="{g}" label="{escape(content.data.group_slugs[g]["name"][lang])}"/>' for g in le.meta["groups"]]
        out.append("</entry>")
    out.append("</feed>\n")
    return "\n".join(out)


SKIP_IN_SITEMAP = ("nhung/", "trinh-chieu/", "tai-lieu-in/", "assets/")


def sitemap(site: Path, site_url: str) -> str:
    """Every page, with its other-language twin as hreflang alternates (Google's sitemap method)."""
    entries = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel + "/"
        if rel.startswith("en/") or rel == "en/" or rel.startswith(SKIP_IN_SITEMAP):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue  # redirects from old ids
        alts = {"vi": rel}
        if (site / "en" / rel / "index.html").exists():
            alts["en"] = "en/" + rel
        for loc in alts.values():
            links = "".join(f'<xhtml:link rel="alternate" hreflang="{lg}" href="{site_url}{u}"/>' for lg, u in alts.items())
            entries.append(f"<url><loc>{site_url}{loc}</loc>{links}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")


# --- posters -------------------------------------------------------------------------------

def render_posters(slug: str, content: Content, lang: str) -> GeneratedPage:
    group = content.data.group_slugs[slug]
    title = t("posters_title", lang).format(group=group["name"][lang])
    md = [front_matter(title=title, description=t("posters_intro", lang), kind="posters", group=slug),
          f"# {title}\n\n{t('posters_intro', lang)}\n\n"]
    for le in content.lessons_in_group(slug):
        alt = t("trainers.qr_alt", lang).format(url=lesson_path(le.id, DEFAULT_LANG))
        md.append(f'<div class="poster" markdown>\n\n## {le.title(lang)}\n\n'
                  f'![{alt}](/{qr_path(le.id)}){{ .poster-qr width="340" height="340" }}\n\n'
                  f'{le.text(lang).summary}\n\n</div>\n\n')
    return GeneratedPage(f"ap-phich/{slug}.md", "".join(md), lang)


def portal_pages(content: Content, lang: str) -> list[GeneratedPage]:
    return [render_posters(g["slug"], content, lang) for g in content.data.groups]


def static_files(content: Content, lang: str, site_url: str) -> dict[str, str]:
    """Site path -> text of every portal file for one locale."""
    out: dict[str, str] = {feed_path(lang): feed(content, lang, site_url)}
    for le in content.lessons.values():
        out[embed_path(le.id, lang)] = embed_card(le, content, lang, site_url)
        for alias in le.meta.get("aliases", []):
            out[f"{prefix(lang)}bai-hoc/{alias}/index.html"] = redirect_page(alias, le, lang, site_url)
    # Shared files are added to every locale's build (same bytes, same place) so links to them validate.
    out[CATALOG] = json.dumps(catalog(content, site_url), ensure_ascii=False, indent=1) + "\n"
    out[CATALOG_SCHEMA] = (SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8")
    for le in content.lessons.values():
        url = site_url + lesson_path(le.id, DEFAULT_LANG)
        out[qr_path(le.id)] = _svg_document(qr_code(url), f"{le.title(DEFAULT_LANG)} – {url}")
    return out

