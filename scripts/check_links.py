#!/usr/bin/env python3
"""Check every internal link and #anchor in a built site (both locales); external links on request.

  python scripts/check_links.py site               internal links and anchors (offline)
  python scripts/check_links.py site --external    also fetch external links (cached a week)

Prints `page: broken link …` for each problem and a summary; exits 1 when something is broken.
MkDocs' own validation catches links written in Markdown; this catches what templates and
generated pages add (language switcher, indexes, feeds).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "external-links.json"
CACHE_DAYS = 7


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        attr = LINK_ATTRS.get(tag)
        if attr and attrs.get(attr):
            rel = set((attrs.get("rel") or "").split())
            # canonical and alternate (hreflang, feeds) are references, not loads: checked like <a>
            self.links.append(("a" if tag == "link" and rel & {"canonical", "alternate"} else tag, attrs[attr]))


def parse(path: Path, cache: dict) -> PageParser:
    if path not in cache:
        p = PageParser()
        p.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = p
    return cache[path]


def target_file(site: Path, page: Path, url: str) -> Path | None:
    """The file a relative or root-relative URL points to, or None when it is outside the site."""
    page_url = "/" + page.relative_to(site).as_posix()
    path = unquote(urlsplit(urljoin(page_url, url)).path)
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_site(site: Path, base_path: str = "/", site_url: str | None = None) -> tuple[list[str], set[str], int]:
    """Return (problems, external urls, pages checked).

    `base_path` is site_url's path; absolute links that start with `site_url` are checked as
    links inside the site (canonical, hreflang, og:url-like references, catalog URLs).
    """
    problems: list[str] = []
    external: set[str] = set()
    cache: dict = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        for tag, url in parse(page, cache).links:
            if site_url and url.startswith(site_url):
                url = base_path + url[len(site_url):]
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if tag == "a":
                    external.add(url)
                else:
                    problems.append(f"{page.relative_to(site)}: loads from another origin: {url}")
                continue
            if parts.scheme in ("mailto", "tel", "data", "javascript", "sms"):
                continue
            if url.startswith("/") and base_path != "/":
                if not url.startswith(base_path):
                    problems.append(f"{page.relative_to(site)}: link outside the site's path {base_path}: {url}")
                    continue
                url = "/" + url[len(base_path):]
            target = target_file(site, page, url) if (parts.path or not parts.fragment) else page
            if target is None or not target.exists():
                problems.append(f"{page.relative_to(site)}: broken link {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                anchor = unquote(parts.fragment)
                if anchor not in parse(target, cache).ids and anchor not in ("", "__skip"):
                    problems.append(f"{page.relative_to(site)}: broken anchor {url} (no id '{anchor}' in {target.relative_to(site)})")
    return problems, external, len(pages)


def check_data_files(site: Path, site_url: str) -> list[str]:
    """Every URL in the catalog and the feeds must start with site_url and resolve to a file."""
    import re as _re
    problems = []
    urls: list[tuple[str, str]] = []

    def walk(node, where):
        if isinstance(node, dict):
            for v in node.values():
                walk(v, where)
        elif isinstance(node, list):
            for v in node:
                walk(v, where)
        elif isinstance(node, str) and _re.match(r"https?://", node):
            urls.append((where, node))

    catalog = site / "api" / "catalog.json"
    if catalog.exists():
        walk(json.loads(catalog.read_text(encoding="utf-8")), "api/catalog.json")
    for feed in list(site.glob("feed.xml")) + list(site.glob("*/feed.xml")):
        where = feed.relative_to(site).as_posix()
        for u in _re.findall(r'(?:href="|<id>)(https?://[^"<]+)', feed.read_text(encoding="utf-8")):
            urls.append((where, u))
    for where, url in urls:
        if not url.startswith(site_url):
            if "$schema" not in url and "json-schema.org" not in url and "w3.org" not in url:
                problems.append(f"{where}: URL outside the site: {url}")
            continue
        rest = unquote(urlsplit(url[len(site_url):]).path)
        target = site / rest
        if rest == "" or rest.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.exists():
            problems.append(f"{where}: broken link {url}")
    return problems


def check_external(urls: set[str], timeout: float = 10) -> list[str]:
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    now = time.time()
    todo = [u for u in sorted(urls) if now - cache.get(u, {}).get("t", 0) > CACHE_DAYS * 86400]

    def fetch(url: str) -> tuple[str, int | str]:
        req = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "hoc-ky-nang-so link check"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return url, resp.status
        except urllib.error.HTTPError as exc:
            return url, exc.code
        except Exception as exc:  # timeouts, DNS, TLS: reported, never fatal to the build
            return url, type(exc).__name__

    with ThreadPoolExecutor(8) as pool:
        for url, status in pool.map(fetch, todo):
            cache[url] = {"t": now, "status": status}
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(cache, indent=1, sort_keys=True))
    report = []
    for url in sorted(urls):
        status = cache[url]["status"]
        # 403 and 429 are bot blocks and rate limits, not dead pages (Programming Historian's rule).
        if not (isinstance(status, int) and (status < 400 or status in (403, 429))):
            report.append(f"external: {status} {url}")
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, nargs="?", default=Path("site"))
    ap.add_argument("--site-url", help="the site's own address: absolute links to it are checked too")
    ap.add_argument("--external", action="store_true", help="also check external links (network)")
    args = ap.parse_args(argv)
    base_path = urlsplit(args.site_url).path if args.site_url else "/"
    problems, external, pages = check_site(args.site, base_path or "/", args.site_url)
    if args.site_url:
        problems += check_data_files(args.site, args.site_url)
    for p in problems:
        print(p)
    print(f"check_links: {pages} pages, {len(problems)} broken internal link(s), {len(external)} external link(s)")
    if args.external:
        report = check_external(external)
        for line in report:
            print(line)
        print(f"check_links: {len(report)} external link(s) failing (report only)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
