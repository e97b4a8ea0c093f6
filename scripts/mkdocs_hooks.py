"""MkDocs hooks: the whole of our build logic, wired in mkdocs.yml (`hooks:`).

- on_pre_build: load and check content/ (scripts/content.py); any error stops the build with
  `path:line: message` for each, before anything is written.
- on_files: after mkdocs-static-i18n has chosen this locale's files, add the generated pages
  (lessons at bai-hoc/<id>/, groups, indexes, glossary) for that locale, with their alternates so
  the language switcher and hreflang links work.
- on_page_markdown: shortcodes in hand-written pages, and the "not translated yet" note.
- on_env: the Content Security Policy <meta> tag for every template (scripts/csp.py).
- on_post_build: search indexes, sitemap, service worker; .gz/.br copies when asked (precompress.py).
- WARD=<id> (environment): a ward's own copy of the site, with that ward's section as the home page
  and its name in the header; everything else is the same site.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import markupsafe
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import DEFAULT_LANG, load_content, toc_slugify  # noqa: E402
import csp  # noqa: E402
import precompress  # noqa: E402
import render  # noqa: E402
import render_exercises  # noqa: E402
import render_plans  # noqa: E402
import render_trainers  # noqa: E402
import render_wards  # noqa: E402
import wards  # noqa: E402
import portal  # noqa: E402
import search_index  # noqa: E402
import valid_html  # noqa: E402
from shortcodes import expand_shortcodes  # noqa: E402

_state: dict = {}


def current_lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANG


def branded_ward() -> str | None:
    """The ward whose own copy this build is (WARD=<id>), or None for the whole site."""
    return os.environ.get("WARD", "").strip() or None


@event_priority(-150)  # after mkdocs-static-i18n (-100) has set this locale's site_name
def on_config(config):
    # ASCII anchors for Vietnamese headings ('Các bước' -> #cac-buoc), same slugs as the checker.
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    ward_id = branded_ward()
    if ward_id:
        path = wards.WARDS / ward_id / "ward.yml"
        doc = wards.read_yaml(path, []) if path.exists() else None
        if doc is None or not isinstance(doc.data, dict) or "name" not in doc.data:
            raise PluginError(f"WARD={ward_id}: no ward folder content/wards/{ward_id}/ with a ward.yml")
        name = wards.text(doc.data["name"], current_lang(config))[0]
        if not config.site_name.startswith(name + " · "):  # serve rebuilds reuse the config
            config.site_name = f"{name} · {config.site_name}"
    return config


def on_env(env, config, files):
    # A global, so that Material's 404 page (rendered without page hooks) carries the policy too.
    env.globals["csp_meta"] = markupsafe.Markup(csp.meta())
    env.globals["not_found"] = render.strings()["not_found"]  # overrides/404.html, both languages
    return env


def on_pre_build(config):
    if getattr(config.plugins.get("i18n"), "building", False) and "content" in _state:
        return  # the English build runs nested inside the Vietnamese one: content is loaded and checked
    content = load_content()
    if content.errors:
        raise PluginError("Content errors (fix them, then build again):\n" + "\n".join(map(str, content.errors)))
    ward_id = branded_ward()
    if ward_id and ward_id not in content.wards:
        raise PluginError(f"WARD={ward_id}: no such ward in content/wards/ (folders starting with _ are templates)")
    _state["content"] = content


class _Alternate:
    """What mkdocs-static-i18n's language switcher reads from a file's alternates: its url."""

    def __init__(self, url: str):
        self.url = url


def _url(src_uri: str, lang: str) -> str:
    path = src_uri[: -len(".md")]
    path = "" if path == "index" else (path[: -len("/index")] + "/" if path.endswith("/index") else path + "/")
    return (f"{lang}/" if lang != DEFAULT_LANG else "") + path


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built this locale's file list
def on_files(files, config):
    lang = current_lang(config)
    langs = [lg.locale for lg in config.plugins["i18n"].config.languages] if "i18n" in config.plugins else [lang]
    content = _state["content"]
    pages = (render.generated_pages(content, lang) + render_plans.plan_pages(content, lang)
             + render_trainers.trainer_pages(content, lang) + portal.portal_pages(content, lang)
             + render_exercises.exercise_pages(content, lang)
             + render_wards.ward_pages(content, lang, site_url(config)))
    ward_id = branded_ward()
    if ward_id:  # the ward's own copy: its section is the home page
        home = next(f for f in files if f.is_documentation_page() and f.dest_uri == prefix_of(lang) + "index.html")
        files.remove(home)
        pages.append(render_wards.home_page(content.wards[ward_id], content, lang, site_url(config)))
    for page in pages:
        url = _url(page.src_uri, lang)
        f = File.generated(config, page.src_uri, content=page.markdown)
        f.dest_uri = url + "index.html"
        f.url = url
        f.abs_dest_path = str(Path(config.site_dir) / f.dest_uri)
        # i18n metadata read by mkdocs-static-i18n and our templates
        f.locale = page.lang
        f.locale_alternate_of = lang
        f.localization = None if page.lang == DEFAULT_LANG else page.lang
        f.norm_src_uri = page.src_uri
        f.alternates = {lg: _Alternate(_url(page.src_uri, lg)) for lg in langs}
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            raise PluginError(f"docs/{existing.src_uri}: this path is generated from content/ — remove the file")
        files.append(f)
    add_trainer_files(files, config, content, lang)
    if lang == DEFAULT_LANG:
        files.append(File.generated(config, search_index.LIBRARY, content=search_index.library()))
    for path, text in portal.static_files(content, lang, site_url(config)).items():
        files.append(File.generated(config, path, content=text))
    widget_css = len((Path(config.docs_dir) / "assets/widget.css").read_bytes())
    for path, data in render_wards.static_files(content, lang, site_url(config), widget_css).items():
        files.append(File.generated(config, path, content=data))
    return files


def prefix_of(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def site_url(config) -> str:
    url = config.site_url or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def add_trainer_files(files, config, content, lang: str) -> None:
    """Decks, handouts, their assets and the class zips: static files, so links to them validate."""
    renderer = render_trainers.Renderer(config.markdown_extensions, config.mdx_configs)
    pages = render_trainers.standalone_files(content, lang, renderer, site_url(config))
    for path, text in pages.items():
        files.append(File.generated(config, path, content=text))
    if lang == DEFAULT_LANG:
        for path, src in render_trainers.asset_sources().items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(src)))
    for group in content.data.groups:
        data = render_trainers.group_zip(content, group["slug"], lang, pages)
        files.append(File.generated(config, render_trainers.zip_path(group["slug"], lang), content=data))


def on_page_context(context, page, config, nav):
    """Interface words for the templates, in the page's language (content/data/strings.yml)."""
    lang = current_lang(config)
    if page.meta.get("description"):
        # Material prints it into content="…" without escaping: a summary with "quotes" broke the tag.
        # Markup is escaped once here and never again by `| e`.
        page.meta["description"] = markupsafe.escape(page.meta["description"])
    context["ui"] = {k: v[lang] for k, v in render.strings()["ui"].items()}
    context["page_lang"] = lang
    return context


def on_page_content(html, page, config, files):
    # Heading permalinks ('¶') are not words to search.
    html = html.replace('class="headerlink"', 'class="headerlink" data-search-ignore')
    # Wide tables scroll sideways on a phone: a focusable, named region lets keyboard users scroll too.
    label = "Bảng (vuốt ngang để xem hết)" if current_lang(config) == DEFAULT_LANG else "Table (swipe sideways to see all)"
    html = html.replace("<table>", f'<div class="table-wrap" tabindex="0" role="region" aria-label="{label}"><table>')
    html = html.replace("</table>", "</table></div>")
    return csp.without_style_attributes(html)


_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang=')


def on_post_page(output, page, config):
    # hreflang links must be absolute (site_url-based). And Material's JS fetches `<href>/sitemap.xml`
    # for every <link rel=alternate> (it expects language roots), which 404s for page-level links:
    # rel=" alternate" is the same token list for browsers and crawlers but does not match Material's
    # exact [rel=alternate] selector.
    here = site_url(config) + page.url

    def absolute(m: re.Match) -> str:
        return f'<link rel=" alternate" href="{urljoin(here, m.group(1))}" hreflang='
    return valid_html.fix_theme_markup(_HEAD_ALTERNATE.sub(absolute, output))


def on_post_template(output, template_name, config):
    # Material's 404 page is a static template: it gets no on_post_page.
    if template_name == "404.html":
        # Each locale's build writes the one /404.html; the last (English) would win. The page holds
        # both languages, so the Vietnamese build's copy (lang="vi", Vietnamese menu) is kept.
        if current_lang(config) == DEFAULT_LANG:
            _state["404"] = valid_html.fix_theme_markup(output)
        return _state.get("404") or valid_html.fix_theme_markup(output)
    return valid_html.fix_theme_markup(output) if template_name.endswith(".html") else output


def on_page_markdown(markdown, page, config, files):
    lang = current_lang(config)
    renamed = _state["content"].renamed
    if renamed:  # links to a lesson's old id go straight to its new page
        markdown = re.sub(r"\]\(/bai-hoc/([a-z0-9-]+)\.md",
                          lambda m: f"](/bai-hoc/{renamed.get(m.group(1), m.group(1))}.md", markdown)
    if getattr(page.file, "generated_by", None):
        return markdown
    where = f"docs/{page.file.src_uri}"
    try:
        markdown = expand_shortcodes(markdown, _state["content"], lang, where)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    if getattr(page.file, "locale", lang) != lang:
        # Not translated yet: say so, and mark the text's own language for screen readers.
        title, _, rest = markdown.partition("\n")
        if title.startswith("# "):
            return f"{title}\n\n{render.fallback_note(lang)}<div lang=\"{page.file.locale}\" markdown>\n{rest}\n</div>\n"
        return f"{render.fallback_note(lang)}<div lang=\"{page.file.locale}\" markdown>\n{markdown}\n</div>\n"
    return markdown


@event_priority(-200)  # after mkdocs-static-i18n has built the other locales
def on_post_build(config):
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # the English build runs nested inside the Vietnamese one; index once, at the end
    site = Path(config.site_dir)
    # One small search index per language, read from the built pages; fetched only on the search page.
    search_index.build(site, [lg.locale for lg in config.plugins["i18n"].config.languages])
    xml = portal.sitemap(site, site_url(config))
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    write_service_worker(site)
    if precompress.wanted():  # last: every file is final now
        precompress.compress_site(site)


def write_service_worker(site: Path) -> None:
    """Fill in sw.js: a version that changes with any built file, and the shell every page needs."""
    sw = site / "sw.js"
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p != sw):
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(path.read_bytes())
    # The offline page, with its script: what a phone shows for a page it has not saved.
    shell = ["manifest.webmanifest", "assets/images/icon-192.png", "ngoai-tuyen/", "en/ngoai-tuyen/"]
    for page in (site / "index.html", site / "en/index.html", site / "ngoai-tuyen/index.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="([^"]+)"', html):
            path = (page.parent / url.split("?")[0]).resolve().relative_to(site.resolve()).as_posix()
            if path not in shell:
                shell.append(path)
    text = sw.read_text(encoding="utf-8")
    sw.write_text(text.replace('"__VERSION__"', json.dumps(digest.hexdigest()[:16]))
                      .replace("__SHELL__", json.dumps(shell)), encoding="utf-8")
