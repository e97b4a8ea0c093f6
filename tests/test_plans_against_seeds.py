"""Cross-check plan summaries against the seed plans they summarise.

For each content/plans/*.vi.md: every `quote` (targets, models, dates, reporting) must occur in
the seed text, whitespace runs counting as one space; each target's percent ("80%") or count
("4.200") must occur inside its own quote; document.number, when given, must occur in the seed.
The seeds live outside the repository (../shared/seeds); without them the check is skipped.
"""
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
PLANS = sorted((ROOT / "content" / "plans").glob("*.vi.md"))

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)


def front_matter(path: Path) -> dict:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: no YAML front matter"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict), f"{path.name}: front matter is not a mapping"
    return data


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def percent_as_written(value) -> str:
    """80 -> "80%", 12.5 -> "12,5%" (Vietnamese decimal comma)."""
    if float(value).is_integer():
        return f"{int(value)}%"
    return f"{value}".replace(".", ",") + "%"


def count_as_written(value: int) -> str:
    """4200 -> "4.200" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def quotes(plan: dict):
    """(where, quote) for every quote the plan carries."""
    for i, target in enumerate(plan.get("targets") or []):
        yield f"targets[{i}]", target["quote"]
    for i, model in enumerate(plan.get("models") or []):
        yield f"models[{i}] ({model['model']})", model["quote"]
    for i, date in enumerate(plan.get("dates") or []):
        yield f"dates[{i}]", date["quote"]
    if plan.get("reporting"):
        yield "reporting", plan["reporting"]["quote"]


@pytest.mark.parametrize("path", PLANS, ids=[p.name for p in PLANS])
def test_plan_against_seed(path):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present: seed cross-check skipped")
    plan = front_matter(path)
    seed_file = SEEDS / plan["source"]["file"]
    assert seed_file.is_file(), f"{path.name}: source file {seed_file.name} not found in {SEEDS}"
    seed = collapse(seed_file.read_text(encoding="utf-8"))

    problems = []
    for where, quote in quotes(plan):
        if collapse(quote) not in seed:
            problems.append(f"{where}: quote not in {seed_file.name}: {quote!r}")

    for i, target in enumerate(plan.get("targets") or []):
        quote = collapse(target["quote"])
        if target.get("percent") is not None:
            written = percent_as_written(target["percent"])
            if written not in quote:
                problems.append(f"targets[{i}]: {written} not inside its quote {quote!r}")
        if target.get("count") is not None:
            written = count_as_written(target["count"])
            if written not in quote:
                problems.append(f"targets[{i}]: {written} not inside its quote {quote!r}")
        if target.get("percent") is None and target.get("count") is None:
            problems.append(f"targets[{i}]: neither percent nor count given")

    number = plan["document"].get("number")
    if number is not None and collapse(number) not in seed:
        problems.append(f"document.number {number!r} not in {seed_file.name}")

    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)
