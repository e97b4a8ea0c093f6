"""The Content Security Policy: one text per kind of page, used for the <meta> tag every built page
carries and for the header the hosting sends (scripts/nginx_conf.py), so the two never differ.

Pages run only scripts and styles from the site's own files: no inline <script>, no style="" and
no event attributes anywhere in what we build. The one exception is reveal.js's speaker view: it
writes a whole page (inline <script> and <style>, two style attributes) into the window it opens,
and that window inherits the deck's policy. Decks allow exactly those blocks by their sha256,
read from the pinned reveal.js, so a trainer's S key keeps working and nothing else inline runs.

A <meta> policy cannot say frame-ancestors (browsers ignore it there): the header adds it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTES_JS = ROOT / "node_modules" / "reveal.js" / "dist" / "plugin" / "notes.js"

# data: images: Material's stylesheet draws its icons as data: SVGs (mask-image), never scripts.
BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
KINDS = ("page", "deck")
# Who may put a page in a frame (header only): embed cards anyone (ward portals show them), decks
# the site itself (the speaker view frames the deck), every other page nobody.
FRAME_ANCESTORS = {"page": "'none'", "deck": "'self'", "embed": None}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _cook(raw: str) -> str:
    """The value of a JavaScript template literal's raw text (its escapes resolved)."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}

    def one(m: re.Match) -> str:
        e = m.group(1)
        if e[0] == "x":
            return chr(int(e[1:], 16))
        if e[0] == "u":
            return chr(int(e[1:].strip("{}"), 16))
        if e == "\n":
            return ""  # a line continuation
        return simple.get(e, e)
    return re.sub(r"\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[\s\S])", one, raw)


@lru_cache(maxsize=1)
def speaker_view() -> dict[str, list[str]]:
    """Hashes of the inline script, style block and style attributes reveal.js's speaker view writes."""
    source = NOTES_JS.read_text(encoding="utf-8")
    start = source.index("document.write(`") + len("document.write(`")
    end = start
    while True:  # the closing backtick is the first one not escaped
        end = source.index("`", end)
        if source[end - 1] != "\\":
            break
        end += 1
    raw = source[start:end]
    if "${" in raw:
        raise ValueError(f"{NOTES_JS}: the speaker view is no longer a plain string; hash it another way")
    page = _cook(raw)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    attrs = sorted(set(re.findall(r'\sstyle="([^"]*)"', page)))
    if not scripts or not styles:
        raise ValueError(f"{NOTES_JS}: no speaker view found to hash")
    return {"script-src": [sha256(s) for s in scripts],
            "style-src": [sha256(s) for s in styles] + (["'unsafe-hashes'"] + [sha256(a) for a in attrs] if attrs else [])}


def directives(kind: str = "page") -> dict[str, list[str]]:
    out = {k: list(v) for k, v in BASE.items()}
    if kind == "deck":
        for name, sources in speaker_view().items():
            out[name] += sources
    elif kind not in KINDS:
        raise ValueError(f"unknown page kind {kind!r}")
    return out


def policy(kind: str = "page") -> str:
    """The policy as a <meta> tag carries it."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives(kind).items())


def header(kind: str) -> str:
    """The policy as the server sends it: the <meta> policy plus frame-ancestors where framing is limited."""
    frames = FRAME_ANCESTORS[kind]
    text = policy("deck" if kind == "deck" else "page")
    return text + (f"; frame-ancestors {frames}" if frames else "")


def meta(kind: str = "page") -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(kind)}">'


# Markdown's tables align columns with style="text-align: …"; a strict style-src refuses those.
_ALIGN = re.compile(r'<(th|td) style="text-align: (left|center|right);">')


def without_style_attributes(html: str) -> str:
    """Table alignment as classes (site.css, handout.css and slides.css style them)."""
    return _ALIGN.sub(r'<\1 class="align-\2">', html)
