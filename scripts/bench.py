#!/usr/bin/env python3
"""Measure what a phone downloads, beside a plain Material build of the same Markdown, in one run.

  python scripts/bench.py [--lessons 1000] [--write docs/do-luong.md]

For the site as it is and for a copy grown to N lessons (copies of real lessons, both locales), it
builds this site and a plain Material for MkDocs site (system fonts, built-in search, flat nav, the
same Markdown and extensions), serves each on 127.0.0.1, and loads pages in Debian's Chromium:
build time, pages, a lesson's first visit (HTML, CSS, JS, fonts; each response gzipped as a server
would send it, and with brotli as deploy/'s nginx sends the build's .br copies), the repeat visit of a
saved lesson, and the first search.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from content import ROOT, load_content, split_sections  # noqa: E402
from conftest import _Quiet, _Server  # noqa: E402  (the tests' quiet local server)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LESSON = "nhan-dien-lua-dao-truc-tuyen"
PLAIN_QUERY = "lừa đảo"
IGNORE = shutil.ignore_patterns(".venv", "site", ".site-*", "node_modules", ".git", ".cache", "__pycache__", ".pytest_cache", "*.egg-info")


# --- projects --------------------------------------------------------------------------------

def copy_project(dest: Path, lessons: int) -> Path:
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    grow(dest, lessons)
    return dest


def grow(project: Path, target: int) -> None:
    """Add copies of real lessons (new ids, both locales) until there are `target` lessons."""
    base = project / "content/lessons"
    originals = sorted(p for p in base.glob("*.vi.md"))
    count, n = len(originals), 0
    out = base / "synthetic"
    out.mkdir(exist_ok=True)
    while count < target:
        src = originals[n % len(originals)]
        copy_id = f"{src.name.removesuffix('.vi.md')}-ban-sao-{n}"
        for lang in ("vi", "en"):
            text = (base / src.name.replace(".vi.md", f".{lang}.md")).read_text(encoding="utf-8")
            text = re.sub(r"^id: .*$", f"id: {copy_id}", text, count=1, flags=re.M)
            (out / f"{copy_id}.{lang}.md").write_text(text, encoding="utf-8")
        count, n = count + 1, n + 1


def plain_material(project: Path, dest: Path) -> Path:
    """The same lesson Markdown as a plain Material site: default theme, system fonts, search."""
    content = load_content_at(project)
    docs = dest / "docs"
    (docs / "bai-hoc").mkdir(parents=True)
    (docs / "en/bai-hoc").mkdir(parents=True)
    shutil.copytree(project / "docs/assets", docs / "assets")
    (docs / "index.md").write_text("# Học kỹ năng số\n", encoding="utf-8")
    for le in content.lessons.values():
        for lang, folder in (("vi", docs / "bai-hoc"), ("en", docs / "en/bai-hoc")):
            text = le.text(lang)
            _, sections = split_sections(text.src)
            body = "".join(f"## {s.title}\n{s.text}\n" for s in sections)
            (folder / f"{le.id}.md").write_text(f"# {text.title}\n\n{text.summary}\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return dest


PLAIN_CONFIG = """site_name: Plain Material
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist
validation:
  links:
    not_found: ignore
"""


def load_content_at(project: Path):
    out = subprocess.run([sys.executable, "-c", "import sys,pickle; sys.path.insert(0,'scripts');"
                          "from content import load_content; sys.stdout.buffer.write(pickle.dumps(load_content()))"],
                         cwd=project, capture_output=True, check=True)
    import pickle
    return pickle.loads(out.stdout)


def build(project: Path, ours: bool) -> tuple[float, Path]:
    site = project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = ([sys.executable, "scripts/docs.py", "build"] if ours
           else [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)])
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return took, site


# --- measuring in Chromium -------------------------------------------------------------------

class Served:
    """A local server that logs every file it sends: the bytes that really crossed the network,
    whoever asked (page or service worker), whatever the browser cached."""

    def __init__(self, site: Path):
        import functools
        import threading
        log = self.log = []
        self.last_br = 0

        class Handler(_Quiet):
            def send_head(self):
                f = super().send_head()
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if f is not None and path.is_file():
                    log.append((self.path, self.headers.get("Accept", ""), path))
                return f

        self.server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def take(self) -> list[tuple[str, str, int]]:
        rows, self.log[:] = list(self.log), []
        out = [(url, kind(url, "text/html" if p.suffix == ".html" else p.suffix), gz(p.read_bytes())) for url, _, p in rows]
        # the same page-load files (HTML, CSS, JS, fonts) over brotli
        self.last_br = sum(br(p.read_bytes()) for (_, _, p), (_, k, _) in zip(rows, out) if k in FIRST_VISIT)
        return out

    def close(self):
        self.server.shutdown()


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def br(data: bytes) -> int:
    """Brotli at quality 11, as `make build` precompresses (scripts/precompress.py)."""
    return len(brotli.compress(data, quality=11))


def kind(url: str, ctype: str) -> str:
    """html, css, js, font, search or other, from the URL and content type (or file suffix)."""
    if any(k in url for k in ("chi-muc.json", "minisearch", "/assets/search.js", "search_index", "/workers/search")):
        return "search"
    if "html" in ctype or url.split("?")[0].endswith("/"):
        return "html"
    if "css" in ctype or url.split("?")[0].endswith(".css"):
        return "css"
    if "javascript" in ctype or url.split("?")[0].endswith(".js"):
        return "js"
    if "font" in ctype or re.search(r"\.(woff2?|ttf)$", url):
        return "font"
    return "other"


FIRST_VISIT = ("html", "css", "js", "font")


def total(rows, kinds=FIRST_VISIT) -> int:
    return sum(size for _, k, size in rows if k in kinds)


def open_first_visit(browser, served: Served, path: str):
    """A new phone-sized browser context that has just visited `path` once: (context, page)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    served.take()
    page.goto(served.base + path, wait_until="networkidle")
    page.wait_for_timeout(1500)  # let a service worker finish its install
    page.wait_for_load_state("networkidle")
    return context, page


def measure(browser, served: Served, lesson_path: str, search_path: str | None, query: str) -> dict:
    context, page = open_first_visit(browser, served, lesson_path)
    first = served.take()
    first_br = served.last_br
    html_gz = next(size for url, k, size in first if k == "html")
    raw_html = len(page.content().encode("utf-8"))
    page.goto(served.base + lesson_path, wait_until="networkidle")
    page.wait_for_timeout(500)
    repeat = served.take()
    if search_path:
        # this site: everything the search page and one search download, after the lesson visit
        page.goto(served.base + search_path, wait_until="networkidle")
        page.fill("#search-input", query)
        page.wait_for_function("() => /kết quả|result/.test(document.querySelector('.search-status').textContent)")
        page.wait_for_load_state("networkidle")
        search_rows = served.take()
    else:
        # plain Material: its search index and worker load with the first visit; then type a query
        page.locator("label.md-search__icon, label[for=__search]").first.click()
        page.locator("input.md-search__input").press_sequentially(PLAIN_QUERY, delay=30)  # lunr finds nothing for "lua dao"
        page.wait_for_selector(".md-search-result__item", timeout=60000)
        page.wait_for_load_state("networkidle")
        search_rows = [r for r in first if r[1] == "search"] + served.take()
    search_bytes = sum(size for *_, size in search_rows)
    context.close()
    return {
        "first_visit": total(first),
        "first_visit_br": first_br,
        "first_visit_all": sum(size for *_, size in first),
        "search_on_visit": sum(size for _, k, size in first if k == "search"),
        "lesson_html_gz": html_gz,
        "lesson_html_raw": raw_html,
        "repeat_visit": sum(size for *_, size in repeat),
        "repeat_requests": len(repeat),
        "first_search": search_bytes,
        "search_rows": search_rows,
    }


def first_visit(browser, served: Served, path: str) -> int:
    """HTML, CSS, JS and fonts (gzipped) a phone downloads on its first visit of one page."""
    context, _ = open_first_visit(browser, served, path)
    size = total(served.take())
    context.close()
    return size


PRACTICE_BUDGET = 10 * 1024  # an exercise page's first visit adds at most 10 KB gzipped over a lesson page


def practice_cost(browser, site: Path, heaviest_only: bool = False) -> dict:
    """First visit of every exercise page beside the lesson page's: the heaviest, and what it adds.

    The pages share their script and style, so with `heaviest_only` (the tests) only the page with
    the largest gzipped HTML is visited."""
    served = Served(site)
    try:
        lesson = first_visit(browser, served, f"/bai-hoc/{LESSON}/")
        pages = sorted(p.parent.name for p in (site / "thuc-hanh").glob("*/index.html"))
        if heaviest_only:
            pages = [max(pages, key=lambda x: gz((site / "thuc-hanh" / x / "index.html").read_bytes()))]
        exercises = {x: first_visit(browser, served, f"/thuc-hanh/{x}/") for x in pages}
    finally:
        served.close()
    heaviest = max(exercises, key=exercises.get)
    return {"lesson": lesson, "exercises": exercises, "heaviest": heaviest,
            "added": exercises[heaviest] - lesson}


def practice_line(cost: dict) -> str:
    return (f"Practice exercise pages, first visit: up to {kb(cost['exercises'][cost['heaviest']])} (thuc-hanh/{cost['heaviest']}/, "
            f"{len(cost['exercises'])} pages) against {kb(cost['lesson'])} for the lesson page: "
            f"{'+' if cost['added'] >= 0 else '−'}{kb(abs(cost['added']))} (budget +{kb(PRACTICE_BUDGET)}).\n")


def lesson_row_gz(site: Path) -> float:
    """What one lesson adds to the Vietnamese search index, gzipped. Copies of a lesson compress
    against each other, so the grown site understates it; the real lessons of the small site give
    the honest figure for a projection to N different lessons."""
    import json
    rows = json.loads((site / "tim-kiem/chi-muc.json").read_text(encoding="utf-8"))["pages"]
    lessons = [r for r in rows if r[0].startswith("bai-hoc/") and "#" not in r[0] and r[0].count("/") == 2]
    others = [r for r in rows if r not in lessons]
    size = lambda rs: gz(json.dumps(rs, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))  # noqa: E731
    return (size(rows) - size(others)) / max(1, len(lessons))


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def kb(n) -> str:
    return "–" if n is None else f"{n / 1024:.1f} KB"


def run(lessons_target: int) -> list[dict]:
    from playwright.sync_api import sync_playwright
    results = []
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            for n in (None, lessons_target):
                ours_project = copy_project(work / f"ours-{n or 'now'}", n or 0)
                count = len(load_content_at(ours_project).lessons)
                plain_project = plain_material(ours_project, work / f"plain-{n or 'now'}")
                for name, project, is_ours in (("this site", ours_project, True), ("plain Material", plain_project, False)):
                    took, site = build(project, is_ours)
                    served = Served(site)
                    try:
                        m = measure(browser, served, f"/bai-hoc/{LESSON}/", "/tim-kiem/" if is_ours else None, "lua dao")
                    finally:
                        served.close()
                    results.append({"site": name, "lessons": count, "build_s": took, "pages": pages(site),
                                    "lesson_row_gz": lesson_row_gz(site) if is_ours else None, **m})
                    if is_ours and n is None:
                        results[-1]["practice"] = practice_cost(browser, site)
                    print(f"  measured {name} with {count} lessons", file=sys.stderr)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def table(results: list[dict]) -> str:
    rows = ["| site | lessons | build | HTML pages | lesson first visit (HTML+CSS+JS+fonts, gz) | the same over brotli | "
            "everything on first visit (gz) | of which search | lesson HTML (raw / gz) | repeat visit of a saved lesson | first search |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r['site']} | {r['lessons']} | {r['build_s']:.1f} s | {r['pages']} | {kb(r['first_visit'])} | {kb(r['first_visit_br'])} | "
                    f"{kb(r['first_visit_all'])} | {kb(r['search_on_visit'])} | {kb(r['lesson_html_raw'])} / {kb(r['lesson_html_gz'])} | "
                    f"{kb(r['repeat_visit'])} ({r['repeat_requests']} requests) | {kb(r['first_search'])} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lessons", type=int, default=1000, help="grow the content to this many lessons (default 1000)")
    ap.add_argument("--write", type=Path, help="also write the table into this Markdown file, between the bench markers")
    ap.add_argument("--practice-only", action="store_true", help="only measure exercise pages against a lesson page (quick)")
    args = ap.parse_args(argv)
    if args.practice_only:
        return practice_only()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = run(args.lessons)
    text = table(results)
    ours = {r["lessons"]: r for r in results if r["site"] == "this site"}
    small, big = min(ours), max(ours)
    growth = ours[big]["lesson_html_raw"] / ours[small]["lesson_html_raw"]
    plain = {r["lessons"]: r for r in results if r["site"] != "this site"}
    plain_growth = plain[big]["lesson_html_raw"] / plain[small]["lesson_html_raw"]
    per_lesson = ours[small]["lesson_row_gz"]
    projected = ours[small]["first_search"] + per_lesson * (big - small)
    summary = (f"\nLesson page HTML at {big} lessons: {growth:.2f}× its size at {small} (plain Material: {plain_growth:.1f}×).\n"
               f"First search at {big} *different* lessons, projected: {kb(projected)} (the first search at {small} real lessons "
               f"plus {per_lesson:.0f} bytes gzipped per lesson, measured on the real lessons' index rows; the grown site's "
               f"copies compress against each other).\n"
               + practice_line(ours[small]["practice"]) +
               f"Measured {started} on this machine with `make bench` (scripts/bench.py --lessons {args.lessons}).\n")
    print(text + "\n" + summary)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        block = f"<!-- bench:start -->\n{text}\n{summary}<!-- bench:end -->"
        page = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", lambda _: block, page, flags=re.S)
        args.write.write_text(page, encoding="utf-8")
    return 0


def practice_only() -> int:
    from playwright.sync_api import sync_playwright
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        _, site = build(copy_project(work / "ours", 0), True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
            cost = practice_cost(browser, site)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for x, size in sorted(cost["exercises"].items()):
        print(f"  thuc-hanh/{x}/: {kb(size)}")
    print(practice_line(cost))
    return 0 if cost["added"] <= PRACTICE_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
