"""Citations: a lesson cites its front-matter sources in the body with `[^id]`.

`[^id]` is Markdown's footnote-reference syntax (so the text stays plain Markdown for any
renderer); the build turns it into a small numbered mark linking to the lesson's source list,
numbered in front-matter order so the numbers on the page, the handout and the deck agree.

The checker (`check`) reads the sections a resident acts on and reports, as `file:line`, every
paragraph, list item or note that states a fact (a number, a quoted label, a code, an agency's or
app's name) without a citation, every unknown source id, and each source by its trust tier.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import source_tiers

CITE = re.compile(r"\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]")
CHECKED_SECTIONS = ("steps", "safety", "practice", "quiz")  # what a learner acts on or is told is right

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_URL = re.compile(r"(?<!!)\[([^\]]+)\]\([^)]*\)")
_QUOTED = re.compile(r'"[^"\n]+"|“[^”\n]+”')
_CODE = re.compile(r"`[^`\n]+`")
_ITEM = re.compile(r"^(\s*)([-*]|\d+\.) +(\[[ xX]\] +)?")
_ADMONITION = re.compile(r'^(!!!|\?\?\?\+?) *[\w-]+')


@dataclass
class Block:
    line: int
    text: str


def numbers(sources: list[dict]) -> dict[str, int]:
    """Source id -> its number on the page (1-based, front-matter order)."""
    return {s["id"]: i for i, s in enumerate(sources, 1) if s.get("id")}


def strip(text: str) -> str:
    """Text without citation marks (for slides, search and word counts)."""
    return re.sub(r"[ \t]*" + CITE.pattern, "", text)


def render(text: str, sources: list[dict], label: str, href: str = "#nguon-{n}") -> str:
    """Replace `[^id]` by a small numbered mark; `label` is 'Nguồn {n}' or 'Source {n}'.

    The mark is inline in a sentence, so it needs no 44 px target (WCAG 2.5.8 inline exception);
    its accessible name says what it is rather than a bare number."""
    nums = numbers(sources)

    def mark(m: re.Match) -> str:
        n = nums.get(m.group(1))
        if n is None:  # the checker reports it; never print a dangling mark
            return ""
        name = html.escape(label.format(n=n))
        target = href.format(n=n)
        return f'<sup class="cite"><a href="{target}" aria-label="{name}">[{n}]</a></sup>'

    return CITE.sub(mark, text)


def cite_ids(note: str, sources: list[dict]) -> str:
    """A review note names sources by id ('checked against nd69'): make each a citation mark."""
    for sid in sorted(numbers(sources), key=len, reverse=True):
        note = re.sub(rf"(?<![\w^-]){re.escape(sid)}(?![\w-])", f"[^{sid}]", note)
    return note


def blocks(lines: list[tuple[int, str]], quiz: bool = False) -> list[Block]:
    """Paragraphs, list items, table rows and admonition paragraphs of a section, with first lines.

    In the self-check, only the explanation paragraphs count: headings and options are left out."""
    out: list[Block] = []
    cur: Block | None = None
    in_fence = False

    def close():
        nonlocal cur
        if cur and cur.text.strip():
            out.append(cur)
        cur = None

    for n, raw in lines:
        line = raw.rstrip()
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
            close()
            continue
        if in_fence:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "<!--")) or _ADMONITION.match(stripped):
            close()
            continue
        if quiz and re.match(r"^- \[[ xX]\]", stripped):
            close()
            continue
        if _IMAGE.fullmatch(stripped):
            close()
            continue
        if stripped.startswith("|"):
            close()
            if not re.fullmatch(r"\|[\s:|-]+\|?", stripped):
                out.append(Block(n, stripped))
            continue
        if _ITEM.match(stripped):
            close()
            cur = Block(n, _ITEM.sub("", stripped))
            continue
        if cur is None:
            cur = Block(n, stripped)
        else:
            cur.text += " " + stripped
    close()
    return out


LABEL_WORDS = 6  # a quoted text this short is a label on a screen; a longer one is an example message
_CELL = re.compile(r"\b[A-Z]{1,2}\d{1,4}\b")  # spreadsheet cells (A1, C7) are places, not figures


def facts(text: str, names: list[str]) -> list[str]:
    """Why a block states a fact that needs a source (empty: it does not).

    Facts are: a number (figures, dates, document numbers, phone numbers), a short quoted text
    (a button or menu label), or the name of an agency, a national app or a legal text. What the
    learner types (`code`) and long quoted examples are practice material, not claims."""
    plain = CITE.sub("", text)
    plain = _IMAGE.sub("", plain)
    plain = _LINK_URL.sub(r"\1", plain)
    plain = re.sub(r"<[^>]+>", "", plain)
    plain = _CODE.sub(" ", plain)
    why = []
    for q in _QUOTED.finditer(plain):
        if len(q.group(0).split()) <= LABEL_WORDS:
            why.append(f"label {q.group(0)}")
            break
    plain = _QUOTED.sub(lambda q: q.group(0) if len(q.group(0).split()) <= LABEL_WORDS else " ", plain)
    if d := re.search(r"\S*\d\S*", _CELL.sub(" ", plain)):
        why.append(f"number {d.group(0)}")
    for name in names:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", plain):
            why.append(f"name '{name}'")
            break
    return why


@dataclass
class Finding:
    path: Path
    line: int
    message: str
    level: str = "error"


def check_body(path: Path, sections: dict, sources: list[dict], names: list[str]) -> tuple[list[Finding], set[str]]:
    """Uncited facts and unknown ids in one locale of a lesson; also returns the ids it cites."""
    known = numbers(sources)
    findings: list[Finding] = []
    cited: set[str] = set()
    for key, section in sections.items():
        for n, line in section.lines:
            for m in CITE.finditer(line):
                cited.add(m.group(1))
                if m.group(1) not in known:
                    findings.append(Finding(path, n, f"citation [^{m.group(1)}] names no source of this lesson "
                                                     f"(ids: {', '.join(known) or 'none: give each source an id'})"))
        if key not in CHECKED_SECTIONS:
            continue
        for block in blocks(section.lines, quiz=key == "quiz"):
            if CITE.search(block.text):
                continue
            why = facts(block.text, names)
            if why:
                findings.append(Finding(path, block.line, f"uncited fact ({'; '.join(why)}): end the sentence "
                                                          f"with [^source-id] naming the source that says it"))
    return findings, cited


def cited_by_section(sections: dict) -> dict[str, set[str]]:
    return {key: {m.group(1) for m in CITE.finditer(s.text)} for key, s in sections.items()}


def source_line(path: Path, url: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if url in line:
            return i
    return 1


def check_sources(path: Path, sources: list[dict], line: int) -> list[Finding]:
    """Trust tiers: at least one official or vendor source, nothing blocked, unknown domains named."""
    findings = []
    tiers = [source_tiers.tier(s["url"]) for s in sources]
    for s, tier in zip(sources, tiers):
        where = source_line(path, s["url"])
        if tier == "blocked":
            findings.append(Finding(path, where, f"source on a blocked domain ({source_tiers.host(s['url'])}): "
                                                 "cite the agency's or vendor's own page instead"))
        elif source_tiers.stale(s["url"]):
            findings.append(Finding(path, where, f"source on the portal of a merged province ({source_tiers.host(s['url'])}): "
                                                 "its page may be gone and its bodies no longer current; cite the agency "
                                                 "or the portal of the province that exists now", "warning"))
        if tier is None:
            findings.append(Finding(path, where, f"source domain '{source_tiers.host(s['url'])}' is on no list in "
                                                 "content/data/sources.yml: add it to the right tier", "warning"))
    if not any(t in source_tiers.PRIMARY for t in tiers):
        findings.append(Finding(path, line, "no official or vendor source: cite at least one page of the responsible "
                                            "agency or of the app's maker (tiers: content/data/sources.yml)"))
    return findings
