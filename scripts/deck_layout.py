"""Fit lesson content on projector slides.

A section's Markdown is cut into units (a paragraph, one list item, a picture, one note, a table),
each rendered alone, with its word count (the words a reader sees, exactly as the deck test
counts them in the browser) and an estimate of its height in the deck's own pixels. Units are then
packed greedily into slides under two budgets: at most MAX_WORDS words on a slide (title included)
and an estimated height under HEIGHT_BUDGET. Notes go one per slide. A paragraph, list item or note
too long for one slide is first cut at sentence ends. Slides of one section are then evened out
(the smallest word budget that needs no more slides), so a list of 9 steps becomes 5 + 4, not 8 + 1.

The height estimate is a small text-layout model of slides.css (font sizes, margins, indents, a
conservative average glyph width, greedy line wrapping), so it needs no browser at build time;
tests/test_trainers.py measures every built slide in Chromium to hold the model to account.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable

# --- the slide, as configured in docs/assets/slides.js and styled in docs/assets/slides.css --------
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
FONT = 34.0                      # .reveal font-size (px in the deck's own pixels)
LINE = 1.35                      # .reveal line-height
PAD_X = 0.4 * FONT               # section padding left and right (box-sizing: border-box)
CONTENT_WIDTH = SLIDE_WIDTH - 2 * PAD_X
LIST_INDENT = 2.2 * FONT         # ol/ul padding-left
NOTE_BORDER = 8.0                # .admonition border-left
NOTE_PAD_X, NOTE_PAD_Y = 0.6 * FONT, 0.3 * FONT
IMAGE_MAX_HEIGHT = 340.0         # .reveal img max-height

MAX_WORDS = 70                   # readable from the back of a hall
# What the model may fill: the slide less a reserve, since the slide number and the arrows sit over
# its bottom corners at 1280×720 (content is centred, so a full slide's last line would meet them).
HEIGHT_BUDGET = SLIDE_HEIGHT - 60

# Average width of a letter (spaces apart) in em, measured over all lessons in Chromium: Noto Sans
# (Debian's system-ui) 0.54 Vietnamese / 0.52 English, bold 0.58; DejaVu Sans 0.57, bold 0.64;
# Arial's metrics (Liberation Sans) 0.51. The model takes a wide font, so a slide that fits here
# fits on a trainer's laptop too.
CHAR_EM = 0.58
BOLD = 1.08
CODE_EM = 0.6
SPACE_EM = 0.3


# --- words -----------------------------------------------------------------------------------

_NOTES = re.compile(r"<aside\b.*?</aside>|<svg\b.*?</svg>|<script\b.*?</script>|<style\b.*?</style>", re.S)
_TAG = re.compile(r"<[^>]+>")


def visible_text(fragment: str) -> str:
    """What textContent gives for a slide without its speaker notes and QR code."""
    return html_lib.unescape(_TAG.sub("", _NOTES.sub("", fragment)))


def count_words(fragment: str) -> int:
    """Words as the deck test counts them: runs of non-space holding a letter or a digit."""
    return sum(1 for w in visible_text(fragment).split() if re.search(r"[^\W_]", w))


# --- height ----------------------------------------------------------------------------------

def text_lines(words: list[float], width: float, space: float) -> int:
    """Lines needed for words of the given pixel widths, wrapped greedily (long words break)."""
    lines, used = 0, 0.0
    for w in words:
        if used and used + space + w <= width:
            used += space + w
            continue
        lines += 1
        used = w
        while used > width:  # a word wider than the line (a URL) breaks anywhere
            lines += 1
            used -= width
    return max(lines, 1) if words else 0


@dataclass
class _Ctx:
    tag: str
    font: float
    indent: float       # taken from the left
    right: float        # taken from the right
    bold: bool
    code: bool
    line: float         # line-height factor
    box: bool = False   # a note or an answer: padded, with a margin below


# font size (em of the parent), line-height, bold, margin below (em of own font) by element
_BLOCK_STYLE = {
    "h1": (1.9, 1.15, True, 0.5),
    "h2": (1.35, 1.15, True, 0.5),
    "h3": (1.1, 1.2, True, 0.3),
    "h4": (1.0, 1.2, True, 0.3),
    "p": (1.0, LINE, False, 0.5),
    "li": (1.0, LINE, False, 0.3),
    "pre": (0.8, 1.3, False, 0.5),
    "figcaption": (0.75, LINE, False, 0.3),
}
_CLASS_FONT = {"summary": 1.1, "meta": 0.75, "hint": 0.75, "small": 0.75, "url": 0.75}
_BLOCKS = set(_BLOCK_STYLE) | {"div", "ol", "ul", "table", "tr", "figure", "section", "blockquote"}


class _Estimator(HTMLParser):
    """A small model of how tall a slide fragment lays out in slides.css."""

    def __init__(self, image_ratio: Callable[[str], float | None], width: float):
        super().__init__(convert_charrefs=True)
        self.image_ratio = image_ratio
        self.stack = [_Ctx("root", FONT, 0.0, 0.0, False, False, LINE)]
        self.width = width
        self.height = 0.0
        self.words: list[float] = []   # pixel widths of the words of the block being filled
        self.word = 0.0                # the word being read (text runs without a space between)
        self.row: list[float] | None = None   # cell heights of a table row
        self.cell_start = 0.0

    # text runs
    def _flush_word(self):
        if self.word:
            self.words.append(self.word)
            self.word = 0.0

    def handle_data(self, data):
        ctx = self.stack[-1]
        em = CODE_EM * 0.9 if ctx.code else CHAR_EM * (BOLD if ctx.bold else 1.0)
        for part in re.split(r"(\s+)", data):
            if not part:
                continue
            if part.isspace():
                self._flush_word()
            else:
                self.word += len(part) * em * ctx.font

    def _flush_block(self):
        self._flush_word()
        if self.words:
            ctx = self.stack[-1]
            width = self.width - ctx.indent - ctx.right
            lines = text_lines(self.words, width, SPACE_EM * ctx.font)
            self.height += lines * ctx.line * ctx.font
            self.words = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        parent = self.stack[-1]
        if tag == "br":
            self._flush_block()
            return
        if tag == "img":
            self._flush_block()
            width = self.width - parent.indent - parent.right
            ratio = self.image_ratio(a.get("src", ""))
            h = IMAGE_MAX_HEIGHT if ratio is None else min(IMAGE_MAX_HEIGHT, width * ratio)
            self.height += h + 2 * 0.2 * FONT
            return
        if tag in _BLOCKS or tag in ("td", "th"):
            self._flush_block()
        font, line, bold, code = parent.font, parent.line, parent.bold, parent.code
        indent, right = parent.indent, parent.right
        if tag in _BLOCK_STYLE:
            f, line, b, _ = _BLOCK_STYLE[tag]
            font = parent.font * f if tag != "li" else parent.font
            bold = bold or b
        for c in classes:
            if c in _CLASS_FONT:
                font = FONT * _CLASS_FONT[c]
        if tag in ("ol", "ul") or "cont" in classes:
            indent += LIST_INDENT
        box = "admonition" in classes or "answer" in classes
        if "admonition" in classes:
            indent += NOTE_BORDER + NOTE_PAD_X
            right += NOTE_PAD_X
            self.height += 2 * NOTE_PAD_Y
        if "admonition-title" in classes or "question" in classes or tag in ("strong", "b", "th"):
            bold = True
        if tag == "code":
            code = True
            font = parent.font * 0.9
        if "answer" in classes:
            indent += 8 + 0.6 * FONT
            right += 0.6 * FONT
            self.height += 0.4 * FONT
        if tag == "table":
            font = parent.font * 0.8
        if tag == "tr":
            self.row = []
        if tag in ("td", "th"):
            self.cell_start = self.height
        self.stack.append(_Ctx(tag, font, indent, right, bold, code, line, box))

    def handle_endtag(self, tag):
        if tag in ("br", "img"):
            return
        # close up to the matching tag (Markdown output is well formed; be lenient anyway)
        if not any(c.tag == tag for c in self.stack[1:]):
            return
        if tag in _BLOCKS or tag in ("td", "th"):
            self._flush_block()
        while self.stack[-1].tag != tag:
            self.stack.pop()
        ctx = self.stack.pop()
        if tag in _BLOCK_STYLE:
            self.height += _BLOCK_STYLE[tag][3] * ctx.font
        elif tag in ("ol", "ul"):
            self.height += 0.3 * FONT  # the list's margin (a small item's own margin is smaller)
        elif ctx.box:
            self.height += 0.5 * FONT
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self.height - self.cell_start + 0.2 * ctx.font)
            self.height = self.cell_start
        if tag == "tr" and self.row is not None:
            self.height += max(self.row, default=0.0)
            self.row = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def close(self):
        super().close()
        self._flush_block()


def estimate_height(fragment: str, image_ratio: Callable[[str], float | None] = lambda s: None,
                    width: float = CONTENT_WIDTH) -> float:
    """Estimated height in deck pixels of an HTML fragment on a slide."""
    est = _Estimator(image_ratio, width)
    est.feed(_NOTES.sub("", fragment))
    est.close()
    return est.height


# --- units -----------------------------------------------------------------------------------

@dataclass
class Unit:
    html: str                 # the unit rendered alone (a list item without its list)
    words: int
    height: float
    wrap: str = ""            # consecutive units with the same wrap share one list: "ol", "ul", "olA"
    number: int = 1           # an ordered item's number in its list
    alone: bool = False       # one per slide (a safety note)
    keep_with_next: bool = False
    src: str = ""             # its Markdown, for splitting
    kind: str = ""


_OL = re.compile(r"^(\d+)\.\s+")
_UL = re.compile(r"^[-*+]\s+")
_ADMONITION = re.compile(r'^(!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+"(.*)")?\s*$')
_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass
class Block:
    kind: str                 # p, ol, ul, image, note, table, code, heading
    lines: list[str] = field(default_factory=list)
    number: int = 1           # an ordered item's number in its list


def blocks(markdown: str) -> list[Block]:
    """Top-level blocks of a section's Markdown: paragraphs, single list items (with their indented
    continuation), pictures standing alone, notes, tables, code, headings."""
    out: list[Block] = []
    cur: Block | None = None
    blank = False
    fence = False
    for line in markdown.splitlines():
        if fence:
            cur.lines.append(line)
            if _FENCE.match(line.strip()):
                fence = False
                cur = None
            continue
        if not line.strip():
            blank = True
            if cur and cur.kind in ("note", "ol", "ul"):
                cur.lines.append("")
            elif cur:
                cur = None
            continue
        indented = line.startswith(("    ", "\t")) or (line.startswith("  ") and cur is not None and cur.kind in ("ol", "ul"))
        if indented and cur is not None and cur.kind in ("note", "ol", "ul"):
            cur.lines.append(line)
            blank = False
            continue
        stripped = line.strip()
        if _FENCE.match(stripped):
            cur = Block("code", [line])
            out.append(cur)
            fence = True
        elif _ADMONITION.match(stripped):
            cur = Block("note", [line])
            out.append(cur)
        elif _OL.match(line):
            # numbered as a reader sees it: on from the list's previous item, else from 1
            prev = out[-1] if out else None
            cur = Block("ol", [line], prev.number + 1 if prev is not None and prev.kind == "ol" else 1)
            out.append(cur)
        elif _UL.match(line):
            cur = Block("ul", [line])
            out.append(cur)
        elif line.startswith("#"):
            cur = Block("heading", [line])
            out.append(cur)
            cur = None
        elif _IMAGE_LINE.match(stripped) and (cur is None or blank or cur.kind != "p"):
            out.append(Block("image", [line]))
            cur = None
        elif stripped.startswith("|"):
            if cur is None or cur.kind != "table":
                cur = Block("table", [])
                out.append(cur)
            cur.lines.append(line)
        elif cur is not None and not blank and cur.kind in ("p", "ol", "ul"):
            cur.lines.append(line)  # a paragraph's next line, or a lazy continuation of an item
        elif cur is not None and cur.kind == "note" and not blank:
            cur.lines.append(line)
        else:
            cur = Block("p", [line])
            out.append(cur)
        blank = False
    for b in out:
        while b.lines and not b.lines[-1].strip():
            b.lines.pop()
    return out


# Sentence ends: after . ! ? … (and a closing quote or bracket), before the next word.
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=\S)")


def _balanced(text: str) -> bool:
    """True where a cut would not fall inside a link, code or bold span."""
    return (text.count("[") == text.count("]") and text.count("(") == text.count(")")
            and text.count("`") % 2 == 0 and text.count("**") % 2 == 0)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (never cutting inside a link, a code span or bold text)."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        piece = text[start:m.end()]
        if _balanced(text[:m.end()]) and piece.strip():
            out.append(piece.strip())
            start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def word_pieces(text: str, size: int) -> list[str]:
    """Last resort for one very long sentence: pieces of about `size` words, cut between words
    outside markup."""
    words = text.split(" ")
    out, cur = [], []
    for w in words:
        cur.append(w)
        joined = " ".join(cur)
        if len([x for x in cur if re.search(r"[^\W_]", x)]) >= size and _balanced(joined):
            out.append(joined)
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def group_by_words(parts: list[str], budget: int, words: Callable[[str], int]) -> list[str]:
    """Join consecutive parts into pieces of at most `budget` words (a part over it stands alone)."""
    out: list[str] = []
    for part in parts:
        if out and words(out[-1] + " " + part) <= budget:
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def split_text(text: str, budget: int, words: Callable[[str], int]) -> list[str]:
    """A text in pieces of at most `budget` words: at sentence ends, else between words."""
    if words(text) <= budget:
        return [text]
    parts: list[str] = []
    for s in sentences(text):
        parts += [s] if words(s) <= budget else word_pieces(s, max(budget - 2, 5))
    return group_by_words(parts, budget, words)


class Units:
    """Turns Markdown blocks into units with a Markdown renderer and a picture-size lookup."""

    def __init__(self, render: Callable[[str], str], image_ratio: Callable[[str], float | None]):
        self.render = render
        self.image_ratio = image_ratio

    def unit(self, html: str, **kw) -> Unit:
        """A unit from its HTML; list items are measured at the list's width."""
        width = CONTENT_WIDTH - (LIST_INDENT if kw.get("wrap") else 0)
        return Unit(html=html, words=count_words(html), height=estimate_height(html, self.image_ratio, width), **kw)

    def md_words(self, md: str) -> int:
        return count_words(self.render(md))

    def from_markdown(self, markdown: str, budget: int, note_title: Callable[[str], str],
                      height: float = HEIGHT_BUDGET) -> list[Unit]:
        """Units of a section (or part); `budget` and `height` are the words and height a unit may
        take (the slide's title left out). `note_title(t)` is a continued note's title."""
        out: list[Unit] = []
        for b in blocks(markdown):
            text = "\n".join(b.lines)
            if b.kind in ("ol", "ul"):
                out += self._item(b, budget)
            elif b.kind == "p":
                joined = " ".join(line.strip() for line in b.lines)
                whole = self.render(joined)
                if count_words(whole) <= budget:
                    out.append(self.unit(whole, keep_with_next=joined.rstrip().endswith(":"), src=joined, kind="p"))
                    continue
                pieces = split_text(joined, budget, self.md_words)
                for i, piece in enumerate(pieces):
                    keep = i == len(pieces) - 1 and piece.rstrip().endswith(":")
                    out.append(self.unit(self.render(piece), keep_with_next=keep, src=piece, kind="p"))
            elif b.kind == "note":
                out += self._note(b, budget, note_title, height)
            elif b.kind == "heading":
                out.append(self.unit(self.render(text), keep_with_next=True, kind="heading"))
            elif b.kind == "table":
                out += self._table(b, budget)
            else:  # image, code
                out.append(self.unit(self.render(text), kind=b.kind))
        return out

    def _item(self, b: Block, budget: int) -> list[Unit]:
        """One list item; too long for a slide, it goes on as indented paragraphs (no new number)."""
        marker = _OL.match(b.lines[0]) or _UL.match(b.lines[0])
        lines = [b.lines[0][marker.end():].strip()] + [line[4:] if line.startswith("    ") else line.lstrip()
                                                        for line in b.lines[1:]]
        # the item's own text runs to a blank line or a nested list; the rest goes on below it
        end = next((i for i, line in enumerate(lines) if i and (not line.strip() or _OL.match(line) or _UL.match(line))),
                   len(lines))
        first_para = " ".join(line.strip() for line in lines[:end])
        more = "\n".join(lines[end:])
        html = self.render("- " + first_para)
        pieces = [first_para] if count_words(html) <= budget else split_text(first_para, budget, self.md_words)
        if len(pieces) > 1:
            html = self.render("- " + pieces[0])
        html = re.sub(r"^\s*<(ol|ul)[^>]*>\s*|\s*</(ol|ul)>\s*$", "", html)
        units = [self.unit(html, wrap=b.kind, number=b.number, src=pieces[0], kind=b.kind)]
        for piece in pieces[1:]:
            units.append(self.unit(f'<div class="cont">{self.render(piece)}</div>', src=piece, kind="cont"))
        if more.strip():  # a nested list, further paragraphs or pictures: together if they fit
            whole = self.unit(f'<div class="cont">\n{self.render(more)}\n</div>', kind="cont")
            if whole.words <= budget and whole.height <= HEIGHT_BUDGET / 2:
                units.append(whole)
            else:
                for u in self.from_markdown(more, budget, lambda t: t):
                    units.append(self.unit(f'<div class="cont">\n{join([u])}\n</div>', alone=u.alone, kind="cont"))
        return units

    def _note(self, b: Block, budget: int, note_title: Callable[[str], str], height: float) -> list[Unit]:
        m = _ADMONITION.match(b.lines[0].strip())
        kind, title = m.group(2), m.group(3)
        body = "\n".join(line[4:] if line.startswith("    ") else line.lstrip() for line in b.lines[1:])
        whole = self.unit(self.render(f"!!! {kind}" + (f' "{title}"' if title is not None else "") + "\n" + _indent(body)),
                          alone=True, kind="note")
        if whole.words <= budget and whole.height <= height:
            return [whole]
        # Too long for one slide: the same note over several, its title continued.
        head = self._note_html(kind, note_title(title) if title else None, [])
        head_words, head_height = count_words(head), estimate_height(head) + 0.5 * FONT
        inner = self.from_markdown(body, budget - head_words, note_title, height - head_height)
        pieces = pack(inner, lambda n: (head_words, head_height), budget, height)
        return [self.unit(self._note_html(kind, title if i == 0 or title is None else note_title(title), piece),
                          alone=True, kind="note") for i, piece in enumerate(pieces)]

    @staticmethod
    def _note_html(kind: str, title: str | None, piece: list[Unit]) -> str:
        head = f'<p class="admonition-title">{html_lib.escape(title)}</p>\n' if title else ""
        return f'<div class="admonition {kind}">\n{head}{join(piece)}\n</div>'

    def _table(self, b: Block, budget: int) -> list[Unit]:
        head, rows = b.lines[:2], b.lines[2:]
        out, cur = [], []
        for row in rows:
            if cur and self.md_words("\n".join(head + cur + [row])) > budget:
                out.append(cur)
                cur = []
            cur.append(row)
        out.append(cur)
        return [self.unit(self.render("\n".join(head + rows_)), kind="table") for rows_ in out]


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.splitlines())


def join(units: list[Unit]) -> str:
    """The HTML of units on one slide: consecutive list items share one list."""
    out: list[str] = []
    i = 0
    while i < len(units):
        u = units[i]
        if not u.wrap:
            out.append(u.html)
            i += 1
            continue
        j = i
        while j < len(units) and units[j].wrap == u.wrap:
            j += 1
        tag = "ul" if u.wrap == "ul" else "ol"
        attrs = ' type="A"' if u.wrap == "olA" else ""
        if tag == "ol" and u.number != 1:
            attrs += f' start="{u.number}"'
        out.append(f"<{tag}{attrs}>\n" + "\n".join(x.html for x in units[i:j]) + f"\n</{tag}>")
        i = j
    return "\n".join(out)


# --- packing ---------------------------------------------------------------------------------

def _greedy(units: list[Unit], title: Callable[[int], tuple[int, float]], words: int, height: float) -> list[list[Unit]]:
    slides: list[list[Unit]] = []
    cur: list[Unit] = []

    def fits(extra: list[Unit], n: int) -> bool:
        tw, th = title(n)
        group = cur + extra
        return (tw + sum(u.words for u in group) <= words
                and th + estimate_group_height(group) <= height)

    for k, u in enumerate(units):
        n = len(slides)
        nxt = units[k + 1:k + 2] if u.keep_with_next else []
        if cur and (u.alone or cur[-1].alone or not fits([u] + [x for x in nxt if not x.alone], n)):
            slides.append(cur)
            cur = []
        cur.append(u)
    if cur:
        slides.append(cur)
    return slides


def estimate_group_height(units: list[Unit]) -> float:
    """Units stacked on a slide: their heights, plus a list's own margin where a list ends."""
    ends = sum(1 for i, u in enumerate(units) if u.wrap and (i + 1 == len(units) or units[i + 1].wrap != u.wrap))
    return sum(u.height for u in units) + ends * 0.3 * FONT


def pack(units: list[Unit], title: Callable[[int], tuple[int, float]],
         max_words: int = MAX_WORDS, max_height: float = HEIGHT_BUDGET) -> list[list[Unit]]:
    """Units on as few slides as the budgets allow, then evened out: the smallest word budget that
    needs no more slides. `title(n)` gives the words and height of slide n's title."""
    if not units:
        return []
    best = _greedy(units, title, max_words, max_height)
    if len(best) == 1:
        return best
    for w in range(max(u.words for u in units), max_words):
        slides = _greedy(units, title, w, max_height)
        if len(slides) <= len(best):
            return slides
    return best


def image_ratio_from_svg(path) -> float | None:
    """Height/width of an SVG picture from its viewBox or width and height."""
    try:
        head = path.read_text(encoding="utf-8")[:2000]
    except OSError:
        return None
    m = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', head)
    if m and float(m.group(1)):
        return float(m.group(2)) / float(m.group(1))
    w = re.search(r'<svg[^>]*\bwidth="([\d.]+)', head)
    h = re.search(r'<svg[^>]*\bheight="([\d.]+)', head)
    if w and h and float(w.group(1)):
        return float(h.group(1)) / float(w.group(1))
    return None

