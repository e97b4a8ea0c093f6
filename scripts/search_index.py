"""The search index: one small JSON per locale, searched in the browser with MiniSearch (npm, locked).

Why not Pagefind (measured, see docs/do-luong.md): its fixed runtime alone is about 91 KB gzipped
(a WebAssembly module, its loader and a worker), and at 1,000 lessons a first search cost 226 KB;
it also folds tone marks but not ư ơ ă â ê ô đ, so "dinh danh" or "dak rve" needed a respelling
table. Here every word is indexed as written and fully folded (assets/search.js folds the same
way), and a lesson costs about 100 bytes gzipped (97 measured by `make bench`): title, summary, group names and the words of its
own headings. Nothing is downloaded until someone opens the search page.

Each row: [url relative to the locale root, title, summary, label (groups or section), extra words].
Pages opt in with `data-search-body` (overrides/main.html); `data-search-ignore` leaves a part out;
each `<dt id>` (the glossary) becomes a row of its own pointing at its anchor.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from content import DEFAULT_LANG, ROOT

INDEX_NAME = "chi-muc.json"  # beside the search page: tim-kiem/chi-muc.json, en/tim-kiem/chi-muc.json
LIBRARY = "assets/minisearch.js"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without any diacritic, đ as d: what assets/search.js does to a query."""
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class _Page(HTMLParser):
    """The searchable parts of one built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.body_at = self.ignore_at = None  # depth where data-search-body / -ignore began
        self.description = ""
        self.label = ""
        self.title = ""
        self.headings: list[str] = []
        self.terms: list[list[str]] = []  # [id, term, definition]
        self._text: list[str] | None = None
        self._capture = None  # ("h1" | "h" | "dt" | "dd", tag)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content") or ""
        if tag in VOID:
            return
        self.depth += 1
        if "data-search-body" in a and self.body_at is None:
            self.body_at, self.label = self.depth, a.get("data-search-label") or ""
        if "data-search-ignore" in a and self.ignore_at is None:
            self.ignore_at = self.depth
        if self.body_at in (None, -1) or self.ignore_at is not None or self._capture:
            return
        if tag == "h1" and not self.title:
            self._capture, self._text = ("h1", tag), []
        elif tag in ("h2", "h3"):
            self._capture, self._text = ("h", tag), []
        elif tag == "dt" and a.get("id"):
            self.terms.append([a["id"], "", ""])
            self._capture, self._text = ("dt", tag), []
        elif tag == "dd" and self.terms and not self.terms[-1][2]:
            self._capture, self._text = ("dd", tag), []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._capture and self._capture[1] == tag:
            kind, text = self._capture[0], " ".join("".join(self._text).split())
            if kind == "h1":
                self.title = text
            elif kind == "h":
                self.headings.append(text)
            elif kind == "dt":
                self.terms[-1][1] = text
            else:
                self.terms[-1][2] = text
            self._capture = self._text = None
        if self.ignore_at == self.depth:
            self.ignore_at = None
        if self.body_at == self.depth:
            self.body_at = -1  # done: one body per page
        self.depth -= 1

    def handle_data(self, data):
        if self._text is not None and self.ignore_at is None:
            self._text.append(data)


def new_words(texts: list[str], known: str) -> str:
    """Folded words of `texts` that are not already in `known`, once each (searchable, never shown)."""
    seen = set(WORD.findall(fold(known)))
    out = []
    for w in WORD.findall(fold(" ".join(texts))):
        if w not in seen:
            seen.add(w)
            out.append(w)
    return " ".join(out)


def rows_for(html: str, url: str) -> list[list[str]]:
    page = _Page()
    page.feed(html)
    if page.body_at is None or not page.title:
        return []
    rows = [[url, page.title, page.description, page.label, new_words(page.headings, page.title + " " + page.description)]]
    for anchor, term, definition in page.terms:
        rows.append([f"{url}#{anchor}", term, definition, page.title, ""])
    return rows


def build(site: Path, langs: list[str]) -> dict[str, int]:
    """Write each locale's index beside its search page; returns rows per locale."""
    counts = {}
    for lang in langs:
        root = site if lang == DEFAULT_LANG else site / lang
        others = {site / lg for lg in langs if lg != DEFAULT_LANG and lg != lang}
        rows = []
        for path in sorted(root.rglob("index.html")):
            if lang == DEFAULT_LANG and any(o in path.parents for o in others):
                continue
            url = path.parent.relative_to(root).as_posix()
            rows += rows_for(path.read_text(encoding="utf-8"), "" if url == "." else url + "/")
        target = root / "tim-kiem" / INDEX_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"lang": lang, "pages": rows}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[lang] = len(rows)
    return counts


def library() -> str:
    """MiniSearch's browser build from node_modules (npm, locked), minified: 18.6 KB -> 7.3 KB gzipped."""
    import rjsmin
    src = ROOT / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
    if not src.exists():
        raise FileNotFoundError("node_modules/minisearch is missing: run `make setup` (npm ci)")
    return rjsmin.jsmin(src.read_text(encoding="utf-8"))
