"""Content is untrusted input: what its Markdown renders to must survive an HTML sanitiser unchanged.

Lessons, plans and (later) wards' pages are written by volunteers. Each body is rendered with the
site's Markdown extensions and cleaned by nh3 (Ammonia) against an allowlist of what our Markdown
legitimately produces. Anything the sanitiser would remove (a script, an event attribute, a
`javascript:` or `data:` link, an iframe, a form, inline style) is reported as `file:line`, so it
stops `make check` and the build instead of reaching a reader's phone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3

GLOBAL_ATTRS = {"class", "id", "title", "lang", "dir", "markdown"}
TAGS: dict[str, set[str]] = {
    **{t: set() for t in (
        "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "caption", "div", "span",
        "summary", "figure", "figcaption", "abbr")},
    "details": {"open"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "th": {"style", "scope", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "input": {"type", "disabled", "checked"},  # task lists render disabled checkboxes
    "label": set(),
}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
ALIGN = re.compile(r"text-align: ?(left|right|center);?")

# The Markdown extensions content may use (mkdocs.yml's list; attr_list etc. make no raw HTML).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.tilde"]


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr in ("href", "src"):
        # browsers drop tabs, newlines and controls inside a URL ("java\tscript:"): judge it as they read it
        squeezed = re.sub(r"[\x00-\x20\x7f]", "", value)
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", squeezed)
        if scheme and scheme.group(1).lower() not in URL_SCHEMES:
            return None
    if attr == "style":  # Markdown's own table alignment, nothing else
        return value if tag in ("th", "td") and ALIGN.fullmatch(value.strip()) else None
    if tag == "input" and attr == "type":
        return value if value == "checkbox" else None
    return value


def clean(html: str) -> str:
    return nh3.clean(html, tags=set(TAGS), attributes={"*": GLOBAL_ATTRS, **TAGS}, url_schemes=URL_SCHEMES,
                     attribute_filter=_attribute_filter, link_rel=None, strip_comments=True)


class _Elements(HTMLParser):
    """The document as a list of (tag, attribute, value) facts, for comparing before and after."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.facts: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.facts.append((tag, "", ""))
        for name, value in attrs:
            self.facts.append((tag, name, (value or "").strip()))

    handle_startendtag = handle_starttag


def _facts(html: str) -> list[tuple[str, str, str]]:
    p = _Elements()
    p.feed(html)
    p.close()
    return p.facts


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


def render(text: str) -> str:
    md = _md()
    md.reset()
    return md.convert(text)


def _line(body: str, start: int, needles: list[str]) -> int:
    lines = body.splitlines()
    for needle in needles:
        for i, line in enumerate(lines):
            if needle and needle.lower() in line.lower():
                return start + i
    return start


def _what(tag: str, attr: str, value: str) -> tuple[str, list[str]]:
    if not attr:
        return f"<{tag}> is not allowed in content", [f"<{tag}"]
    if attr in ("href", "src"):
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        squeezed = re.sub(r"[\x00-\x20\x7f]", "", value)
        scheme = squeezed.split(":", 1)[0].lower() if ":" in squeezed else ""
        return (f"{attr}=\"{value[:40]}\" on <{tag}>: only https, mailto and tel links are allowed"
                if scheme else f"{attr} on <{tag}> is not allowed"), [scheme + ":" if scheme else value, "&#", attr + "=", "]("]
    if attr == "style":
        return f"inline style on <{tag}> is not allowed (use Markdown)", ["style="]
    return f"attribute {attr}= on <{tag}> is not allowed", [attr + "=", attr]


def problems(path: Path, body: str, body_line: int) -> list[tuple[Path, int, str]]:
    """What the sanitiser would remove from this body, each with the line it comes from."""
    html = render(body)
    before, after = _facts(html), _facts(clean(html))
    removed = list(before)
    for fact in after:
        if fact in removed:
            removed.remove(fact)
    gone = {tag for tag, attr, _ in removed if not attr}
    out, seen = [], set()
    for tag, attr, value in removed:
        if attr and tag in gone:
            continue  # the element itself is reported
        message, needles = _what(tag, attr, value)
        if message in seen:
            continue
        seen.add(message)
        out.append((path, _line(body, body_line, needles), message))
    if re.search(r"<!--.*?-->", body, re.S) is None and "<!--" in body:
        out.append((path, _line(body, body_line, ["<!--"]), "unclosed HTML comment"))
    return out
