"""Cross-check plan summaries against the seed plans they summarise.

For each content/plans/*.vi.md: every `quote` (grounds, targets, models, dates, bodies, reporting)
must occur in the seed text, whitespace runs counting as one space; each target's percent ("80%")
or count ("4.200") must occur inside its own quote; each ground's number and date ("21/3/2025",
"ngày 21 tháng 3 năm 2025") inside its quote; each body's name inside its quote; each date's
day, month or year ("10/10", "tháng 8/2025", "2027") and every figure of its wording inside its
quote; each model's `term` in the seed and every figure of what it `says` inside its quote;
document.number, each part of document.as_written and its date in the seed.
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


def date_forms(value: str) -> set[str]:
    """The ways a plan writes a date field: "2025-03-21" -> 21/3/2025, 21/03/2025, ngày 21 tháng 3 năm 2025…;
    "2025-08" -> 8/2025, tháng 8 năm 2025…; "10-10" -> 10/10; "2027" -> 2027."""
    def both(n: int) -> set[str]:
        return {str(n), f"{n:02d}"}
    parts = [int(p) for p in value.split("-")]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        y, m, d = parts
        return ({f"{dd}/{mm}/{y}" for dd in both(d) for mm in both(m)}
                | {f"ngày {dd} tháng {mm} năm {y}" for dd in both(d) for mm in both(m)})
    if re.fullmatch(r"\d{4}-\d{2}", value):
        y, m = parts
        return {f"{mm}/{y}" for mm in both(m)} | {f"tháng {mm} năm {y}" for mm in both(m)}
    if re.fullmatch(r"\d{2}-\d{2}", value):
        m, d = parts
        return {f"{dd}/{mm}" for dd in both(d) for mm in both(m)}
    return {value}


def written_in(value: str, text: str) -> bool:
    """Whether one of the written forms of a date field stands in `text` (not inside a longer number)."""
    return any(re.search(rf"(?<![\d/]){re.escape(form)}(?![\d/])", text) for form in date_forms(value))


def figures(text: str) -> set[int]:
    """Every number in a text, leading zeros dropped ("05" and "5" are one figure)."""
    return {int(n) for n in re.findall(r"\d+", text)}


def quotes(plan: dict):
    """(where, quote) for every quote the plan carries."""
    for i, ground in enumerate(plan.get("grounds") or []):
        yield f"grounds[{i}] ({ground['ref']})", ground["quote"]
    for i, target in enumerate(plan.get("targets") or []):
        yield f"targets[{i}]", target["quote"]
    for i, model in enumerate(plan.get("models") or []):
        yield f"models[{i}] ({model['model']})", model["quote"]
    for i, date in enumerate(plan.get("dates") or []):
        yield f"dates[{i}]", date["quote"]
    for i, body in enumerate(plan.get("bodies") or []):
        yield f"bodies[{i}]", body["quote"]
    if plan.get("reporting"):
        yield "reporting", plan["reporting"]["quote"]


def target_problems(plan: dict) -> list[str]:
    problems = []
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
    return problems


def ground_problems(plan: dict) -> list[str]:
    """Each cited document's number and date as the seed writes them, inside the citation."""
    problems = []
    for i, ground in enumerate(plan.get("grounds") or []):
        where, quote = f"grounds[{i}] ({ground['ref']})", collapse(ground["quote"])
        number = ground.get("number")
        if number is not None:
            if number not in ground["ref"]:
                problems.append(f"{where}: number {number!r} not in its ref")
            if collapse(number) not in quote:
                problems.append(f"{where}: number {number!r} not inside its quote {quote!r}")
        if ground.get("date") and not written_in(ground["date"], quote):
            problems.append(f"{where}: date {ground['date']} ({' / '.join(sorted(date_forms(ground['date'])))}) "
                            f"not inside its quote {quote!r}")
    return problems


def date_problems(plan: dict) -> list[str]:
    """Each date's day, month or year, and every figure of how the page words it, inside its quote."""
    problems = []
    for i, date in enumerate(plan.get("dates") or []):
        quote = collapse(date["quote"])
        for field in ("date", "until"):
            value = date.get(field)
            if value and not written_in(value, quote):
                problems.append(f"dates[{i}]: {field} {value} ({' / '.join(sorted(date_forms(value)))}) "
                                f"not inside its quote {quote!r}")
        extra = figures(date["when"]["vi"]) - figures(quote)
        if extra:
            problems.append(f"dates[{i}]: when.vi {date['when']['vi']!r} has figures {sorted(extra)} not in its quote")
    return problems


def body_problems(plan: dict) -> list[str]:
    """Each body's Vietnamese name, as the plan writes it, inside its quote."""
    problems = []
    for i, body in enumerate(plan.get("bodies") or []):
        name = collapse(body["name"]["vi"]).casefold()
        if name not in collapse(body["quote"]).casefold():
            problems.append(f"bodies[{i}]: name {body['name']['vi']!r} not inside its quote {body['quote']!r}")
    return problems


def model_problems(plan: dict, seed: str) -> list[str]:
    """Each model's name as the plan words it in the seed; every figure of what it says inside its quote."""
    problems = []
    for i, model in enumerate(plan.get("models") or []):
        where = f"models[{i}] ({model['model']})"
        if collapse(model["term"]).casefold() not in seed.casefold():
            problems.append(f"{where}: term {model['term']!r} not in the seed")
        extra = figures(model["says"]["vi"]) - figures(model["quote"])
        if extra:
            problems.append(f"{where}: says.vi has figures {sorted(extra)} not in its quote")
    return problems


def document_problems(plan: dict, seed: str, seed_name: str) -> list[str]:
    problems = []
    doc = plan["document"]
    number = doc.get("number")
    if number is not None and collapse(number) not in seed:
        problems.append(f"document.number {number!r} not in {seed_name}")
    for part in doc["as_written"].split("; "):
        if collapse(part) not in seed:
            problems.append(f"document.as_written part {part!r} not in {seed_name}")
    if doc.get("date") and not written_in(doc["date"], doc["as_written"]):
        problems.append(f"document.date {doc['date']} not in document.as_written {doc['as_written']!r}")
    blank = set(doc.get("blank") or [])
    if ("number" in blank) != (number is None):
        problems.append("document: number is null exactly when blank lists 'number'")
    if doc.get("date") and ("day" in blank) != bool(re.fullmatch(r"\d{4}-\d{2}", doc["date"])):
        problems.append("document: date is YYYY-MM exactly when blank lists 'day'")
    return problems


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
    problems += target_problems(plan)
    problems += ground_problems(plan)
    problems += date_problems(plan)
    problems += body_problems(plan)
    problems += model_problems(plan, seed)
    problems += document_problems(plan, seed, seed_file.name)

    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)
