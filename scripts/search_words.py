"""Help Pagefind with Vietnamese typed without diacritics.

Measured (see docs/do-luong.md): Pagefind 1.5 folds tone marks (“lưa đao” finds “lừa đảo”) but not
the letters ư ơ ă â ê ô đ, so “lua dao”, “dinh danh” or “dak rve” find little or nothing. The build
writes a small table from each ASCII-folded word to the tone-less spellings the site uses, most
frequent first (“dinh” → [“đinh”, “dinh”], “bang” → [“băng”, “bang”]); the search page searches the
query as typed and its respellings, and merges the results. Pagefind's tone folding does the rest.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def strip_tones(word: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in TONES))


def fold(word: str) -> str:
    word = word.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def vocabulary(texts, keep: int = 3) -> dict[str, list[str]]:
    """ASCII-folded word -> its tone-less spellings in the site, most frequent first (where any differs)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for w in WORD.findall(text.lower()):
            counts[fold(w)][strip_tones(w)] += 1
    return {k: [w for w, _ in c.most_common(keep)] for k, c in sorted(counts.items())
            if k.isascii() and any(w != k for w in c)}


def page_text(html: str) -> str:
    body = html.split("data-pagefind-body", 1)[-1]
    return re.sub(r"<[^>]+>", " ", body)


def write(site: Path, out: str = "tim-kiem/tu-vung.json") -> int:
    """Build the table from the Vietnamese pages Pagefind indexes; returns its number of entries."""
    texts = (page_text(p.read_text(encoding="utf-8")) for p in site.rglob("index.html")
             if not p.relative_to(site).as_posix().startswith("en/") and "data-pagefind-body" in p.read_text(encoding="utf-8"))
    table = vocabulary(texts)
    target = site / out
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(table)
