"""How far a lesson's source can be trusted, by its domain (content/data/sources.yml).

Used by the checker (content.py) and by the public review page (render.py), so both read one list.
"""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DATA = Path(__file__).resolve().parent.parent / "content" / "data"

TIERS = ("official", "vendor", "local-gov", "press", "blocked")
PRIMARY = ("official", "vendor")  # what every lesson needs at least one of


@lru_cache(maxsize=1)
def tier_list() -> dict:
    return yaml.safe_load((DATA / "sources.yml").read_text(encoding="utf-8"))


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _matches(h: str, pattern: str) -> bool:
    if "*" in pattern:
        return fnmatch.fnmatchcase(h, pattern)
    return h == pattern or h.endswith("." + pattern)


def tier(url: str) -> str | None:
    """'official', 'vendor', 'local-gov', 'press', 'blocked', or None for a domain on no list.

    Blocked wins over everything; a listed domain wins over the `*.gov.vn` rule."""
    h = host(url)
    tiers = tier_list()["tiers"]
    if any(_matches(h, p) for p in tiers.get("blocked", [])):
        return "blocked"
    for name in ("official", "vendor", "local-gov", "press"):
        if any(_matches(h, p) for p in tiers.get(name, []) or []):
            return name
    if h.endswith(".gov.vn"):
        return "local-gov"
    return None


def stale(url: str) -> bool:
    """A portal of a province that no longer exists as such (merged on 1/7/2025)."""
    h = host(url)
    return any(_matches(h, p) for p in tier_list().get("stale", []))


def names() -> list[str]:
    """Agency, app and document names whose mention states a fact that needs a citation."""
    return tier_list().get("names", [])
