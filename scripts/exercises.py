"""Load and check practice exercises: content/exercises/<id>.vi.yml and its English twin <id>.en.yml.

Used by content.load_content, so the build and `make check` apply the same schema
(scripts/schema/exercise.schema.json) and the same rules, each problem as `path:line: message`:
lessons named must exist, every item explains itself and cites an official source, every part the
learner can tap has a why, the English file translates every item, and the screens imitate without
showing anything that looks like a real phone or account number.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import citations
import source_tiers
from content import CONTENT, DEFAULT_LANG, REVIEW_MAX_AGE, ROOT, Problem, _DateAsString, schema_validator

FOLDER = CONTENT / "exercises"
SEGMENT = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*):\s*(.+?)\]\]")
SCREEN_FIELDS = ("from", "address", "subject", "title", "lines")  # where parts to tap may be marked
VERDICT_PAIRS = (("scam", "real"), ("unsafe", "safe"), ("weak", "strong"))  # (bad, good)
BAD = {bad for bad, _ in VERDICT_PAIRS}
SCREEN_ACTIVITIES = ("real-or-scam", "spot-clue")
# Nine or more digits in a row (single spaces allowed, as phone numbers are written) look like a real
# phone or account number; imitations mask them with x.
NUMBER_LIKE = re.compile(r"\+?\d(?: ?\d){8,}")


# --- YAML with line numbers ------------------------------------------------------------------

def read_yaml(path: Path, problems: list[Problem]) -> tuple[dict, dict] | None:
    """The document and, for every key path (('items', 2, 'explain')), the line it starts on."""
    text = path.read_text(encoding="utf-8")
    try:
        loader = _DateAsString(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(path, mark.line + 1 if mark else 1, f"malformed YAML: {getattr(exc, 'problem', None) or exc}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "an exercise file must be a mapping of keys to values"))
        return None
    lines: dict[tuple, int] = {}

    def walk(n, at: tuple) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                lines[at + (k.value,)] = k.start_mark.line + 1
                walk(v, at + (k.value,))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                lines[at + (i,)] = v.start_mark.line + 1
                walk(v, at + (i,))
    walk(node, ())
    return data, lines


@dataclass
class Doc:
    path: Path
    data: dict
    lines: dict

    def line(self, *at) -> int:
        """Line of the deepest known key on the path (the file's first line if none)."""
        for n in range(len(at), 0, -1):
            if tuple(at[:n]) in self.lines:
                return self.lines[tuple(at[:n])]
        return 1

    def problem(self, message: str, *at, level: str = "error") -> Problem:
        return Problem(self.path, self.line(*at), message, level)


# --- the model -------------------------------------------------------------------------------

@dataclass
class Exercise:
    id: str
    meta: dict  # the Vietnamese file: every field
    docs: dict[str, Doc] = field(default_factory=dict)  # by locale

    @property
    def path(self) -> Path:
        return self.docs[DEFAULT_LANG].path

    @property
    def activity(self) -> str:
        return self.meta["activity"]

    def text(self, lang: str) -> dict:
        """The exercise in `lang`: the Vietnamese structure (answers, checks) with this locale's words."""
        vi = self.meta
        tr = (self.docs.get(lang) or self.docs[DEFAULT_LANG]).data
        out = {**vi, **{k: tr[k] for k in ("title", "summary", "intro", "review") if k in tr}}
        if lang != DEFAULT_LANG and "intro" not in tr:
            out.pop("intro", None)
        words = {it["id"]: it for it in tr.get("items", [])}
        out["items"] = [{**it, **words.get(it["id"], {})} for it in vi.get("items", [])]
        if "form" in vi:
            form_tr = tr.get("form", {})
            fields = {f["id"]: f for f in form_tr.get("fields", [])}
            out["form"] = {**vi["form"], **{k: v for k, v in form_tr.items() if k != "fields"},
                           "fields": [{**f, **fields.get(f["id"], {})} for f in vi["form"]["fields"]]}
        return out

    def title(self, lang: str) -> str:
        return self.text(lang)["title"]

    @property
    def verdict_pair(self) -> tuple[str, str]:
        for bad, good in VERDICT_PAIRS:
            if any(it.get("verdict") in (bad, good) for it in self.meta.get("items", [])):
                return bad, good
        return VERDICT_PAIRS[0]

    @property
    def judged_items(self) -> int:
        """Items the learner judges: real/scam (or safe/unsafe, weak/strong) screens and clue hunts."""
        return len(self.meta.get("items", [])) if self.activity in SCREEN_ACTIVITIES else 0


def segments(text: str) -> list[tuple[str, str]]:
    return SEGMENT.findall(text)


def screen_strings(item: dict) -> list[tuple[tuple, str]]:
    out = []
    for key in SCREEN_FIELDS:
        if key == "lines":
            out += [(("lines", i), line) for i, line in enumerate(item.get("lines", []))]
        elif item.get(key):
            out.append(((key,), item[key]))
    return out


def shuffled(steps: list, seed: str) -> list[int]:
    """A fixed shuffle of step positions (the same on every build), never already in order."""
    order = list(range(len(steps)))
    random.Random(seed).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


# --- checks ----------------------------------------------------------------------------------

def explained_texts(item: dict, activity: str) -> list[tuple[tuple, str]]:
    """(key path, text) of every explanation an item carries: where citations and facts are checked."""
    out = [(("explain",), item["explain"])] if item.get("explain") else []
    for kind in ("clues", "decoys"):
        out += [((kind, k), v) for k, v in (item.get(kind) or {}).items()]
    return out


def check_citations(doc: Doc, texts: list[tuple[tuple, str]], sources: list[dict], problems: list[Problem]) -> set[str]:
    known = citations.numbers(sources)
    cited: set[str] = set()
    for at, text in texts:
        for m in citations.CITE.finditer(text):
            cited.add(m.group(1))
            if m.group(1) not in known:
                problems.append(doc.problem(f"citation [^{m.group(1)}] names no source of this exercise "
                                            f"(ids: {', '.join(known) or 'none'})", *at))
    return cited


def check_screen_item(doc: Doc, i: int, item: dict, activity: str, problems: list[Problem]) -> None:
    at = ("items", i)
    marked: dict[str, int] = {}
    for key, text in screen_strings(item):
        for sid, _ in segments(text):
            if sid in marked:
                problems.append(doc.problem(f"item '{item['id']}': part '{sid}' is marked twice", *at, *key))
            marked[sid] = 1
        rest = SEGMENT.sub("", text)
        if "[[" in rest or "]]" in rest:
            problems.append(doc.problem(f"item '{item['id']}': unclosed part marker; write [[id: text]]", *at, *key))
        if m := NUMBER_LIKE.search(SEGMENT.sub(r"\2", text)):
            problems.append(doc.problem(f"item '{item['id']}': '{m.group(0)}' looks like a real phone or account number; "
                                        "imitations mask digits (xxxx 6789)", *at, *key))
    clues, decoys = item.get("clues") or {}, item.get("decoys") or {}
    for sid in sorted(set(clues) & set(decoys)):
        problems.append(doc.problem(f"item '{item['id']}': '{sid}' is both a clue and a decoy", *at, "decoys", sid))
    for sid in sorted(set(marked) - set(clues) - set(decoys)):
        problems.append(doc.problem(f"item '{item['id']}': the part [[{sid}: …]] has no explanation: "
                                    f"add it under clues (it gives the message away) or decoys (it does not)", *at))
    for kind, whys in (("clues", clues), ("decoys", decoys)):
        for sid in sorted(set(whys) - set(marked)):
            problems.append(doc.problem(f"item '{item['id']}': {kind[:-1]} '{sid}' is not marked in the screen text "
                                        f"as [[{sid}: …]]", *at, kind, sid))
    verdict = item.get("verdict")
    if activity == "real-or-scam":
        if not verdict:
            problems.append(doc.problem(f"item '{item['id']}' needs a verdict (scam or real, unsafe or safe, weak or strong)", *at))
        elif verdict in BAD and not clues:
            problems.append(doc.problem(f"item '{item['id']}' is '{verdict}' but has no clues for the learner to find", *at))
        elif verdict not in BAD and clues:
            problems.append(doc.problem(f"item '{item['id']}' is '{verdict}': its parts are decoys, not clues", *at, "clues"))
    else:
        if verdict:
            problems.append(doc.problem(f"item '{item['id']}': a spot-clue item has no verdict", *at, "verdict"))
        if not clues:
            problems.append(doc.problem(f"item '{item['id']}' has no clues for the learner to find", *at))


def check_vi(doc: Doc, lessons: dict, renamed: dict, problems: list[Problem], today: dt.date) -> None:
    """Checks of the Vietnamese file beyond its schema."""
    meta = doc.data
    for lid in meta["lessons"]:
        if lid in renamed:
            problems.append(doc.problem(f"lesson '{lid}' was renamed: use '{renamed[lid]}'", "lessons", level="warning"))
        elif lid not in lessons:
            problems.append(doc.problem(f"unknown lesson '{lid}' (lessons: content/lessons/)", "lessons"))
    meta["lessons"] = [renamed.get(lid, lid) for lid in meta["lessons"]]
    reviewed = dt.date.fromisoformat(meta["reviewed"])
    if reviewed > today:
        problems.append(doc.problem(f"reviewed date {reviewed} is in the future", "reviewed"))
    elif today - reviewed > REVIEW_MAX_AGE:
        problems.append(doc.problem(f"facts last reviewed on {reviewed}, more than a year ago: check them again",
                                    "reviewed", level="warning"))
    sources = meta["sources"]
    problems.extend(Problem(f.path, f.line, f.message, f.level)
                    for f in citations.check_sources(doc.path, sources, doc.line("sources")))
    seen: set[str] = set()
    for s in sources:
        if s["id"] in seen:
            problems.append(Problem(doc.path, citations.source_line(doc.path, s["url"]), f"duplicate source id '{s['id']}'"))
        seen.add(s["id"])
    activity = meta["activity"]
    texts: list[tuple[tuple, str]] = []
    ids: set[str] = set()
    for i, item in enumerate(meta.get("items", [])):
        if item["id"] in ids:
            problems.append(doc.problem(f"duplicate item id '{item['id']}'", "items", i, "id"))
        ids.add(item["id"])
        if activity in SCREEN_ACTIVITIES:
            check_screen_item(doc, i, item, activity, problems)
        else:
            if len(set(item["steps"])) != len(item["steps"]):
                problems.append(doc.problem(f"item '{item['id']}': two steps have the same words", "items", i, "steps"))
            for j, step in enumerate(item["steps"]):
                if citations.CITE.search(step):
                    problems.append(doc.problem(f"item '{item['id']}': steps are shuffled on the page, so cite in the "
                                                "explanation, not in a step", "items", i, "steps", j))
        texts += [(("items", i) + at, t) for at, t in explained_texts(item, activity)]
        if not citations.CITE.search(item["explain"]):
            problems.append(doc.problem(f"item '{item['id']}': the explanation cites no source; end it with "
                                        "[^source-id] naming the official warning it comes from", "items", i, "explain"))
    if activity == "real-or-scam":
        used = {it["verdict"] for it in meta["items"] if it.get("verdict")}
        if not any(used <= set(pair) for pair in VERDICT_PAIRS):
            problems.append(doc.problem(f"verdicts {sorted(used)} mix pairs: use one of scam/real, unsafe/safe, weak/strong", "items"))
    if form := meta.get("form"):
        fids: set[str] = set()
        for i, f in enumerate(form["fields"]):
            if f["id"] in fids:
                problems.append(doc.problem(f"duplicate field id '{f['id']}'", "form", "fields", i, "id"))
            fids.add(f["id"])
            if f["type"] == "select" and not f.get("options"):
                problems.append(doc.problem(f"field '{f['id']}' is a select and needs options", "form", "fields", i))
            if f.get("sample") and NUMBER_LIKE.search(f["sample"]) and set(re.sub(r"\D", "", f["sample"])) - {"0"}:
                problems.append(doc.problem(f"field '{f['id']}': a sample number must be visibly made up (all zeros)",
                                            "form", "fields", i, "sample"))
            texts.append((("form", "fields", i, "error"), f["error"]))
        for key in ("otp", "explain"):
            if form.get(key):
                texts.append((("form", key), form[key]))
        if not citations.CITE.search(form["explain"]):
            problems.append(doc.problem("the form's explanation cites no source; end it with [^source-id]", "form", "explain"))
    cited = check_citations(doc, texts, sources, problems)
    names = source_tiers.names()
    for at, text in texts:
        if citations.CITE.search(text):
            continue
        if why := citations.facts(text, names):
            problems.append(doc.problem(f"uncited fact ({'; '.join(why)}): end it with [^source-id]", *at))
    for s in sources:
        if s["id"] not in cited:
            problems.append(Problem(doc.path, citations.source_line(doc.path, s["url"]),
                                    f"source '{s['id']}' is never cited: cite it where it is used, or remove it", "warning"))


def check_twin(ex: Exercise, doc: Doc, problems: list[Problem]) -> None:
    """The English file translates every item, part, step and field of the Vietnamese one."""
    vi = ex.meta
    tr = doc.data
    sources = vi["sources"]
    if vi.get("intro") and not tr.get("intro"):
        problems.append(doc.problem("the Vietnamese file has an intro: translate it", "id"))
    words = {it["id"]: (i, it) for i, it in enumerate(tr.get("items", []))}
    for it in vi.get("items", []):
        if it["id"] not in words:
            problems.append(doc.problem(f"item '{it['id']}' is not translated: add it under items with the same id", "items"))
            continue
        i, en = words[it["id"]]
        at = ("items", i)
        needed = [k for k in (SCREEN_FIELDS + ("context",) if ex.activity in SCREEN_ACTIVITIES else ("task", "steps")) if it.get(k)]
        for key in needed:
            if not en.get(key):
                problems.append(doc.problem(f"item '{it['id']}': '{key}' is not translated", *at))
        for key in [k for k in en if k not in it and k != "id"]:
            problems.append(doc.problem(f"item '{it['id']}': '{key}' is not in the Vietnamese item", *at, key))
        if en.get("explain") == it["explain"]:
            problems.append(doc.problem(f"item '{it['id']}': the explanation is not translated", *at, "explain"))
        if ex.activity in SCREEN_ACTIVITIES:
            marked_vi = sorted(s for _, t in screen_strings(it) for s, _ in segments(t))
            marked_en = sorted(s for _, t in screen_strings(en) for s, _ in segments(t))
            if marked_vi != marked_en:
                problems.append(doc.problem(f"item '{it['id']}': marks parts {marked_en}; the Vietnamese item marks {marked_vi}", *at))
            for kind in ("clues", "decoys"):
                if set(it.get(kind) or {}) != set(en.get(kind) or {}):
                    problems.append(doc.problem(f"item '{it['id']}': {kind} {sorted(en.get(kind) or {})} differ from the "
                                                f"Vietnamese {sorted(it.get(kind) or {})}", *at, kind))
        elif len(en.get("steps", [])) != len(it["steps"]):
            problems.append(doc.problem(f"item '{it['id']}': {len(en.get('steps', []))} steps; the Vietnamese item has "
                                        f"{len(it['steps'])}", *at, "steps"))
        vi_cites = {m.group(1) for _, t in explained_texts(it, ex.activity) for m in citations.CITE.finditer(t)}
        en_texts = explained_texts(en, ex.activity)
        en_cites = {m.group(1) for _, t in en_texts for m in citations.CITE.finditer(t)}
        if vi_cites != en_cites:
            problems.append(doc.problem(f"item '{it['id']}' cites {sorted(en_cites) or 'nothing'}; the Vietnamese item "
                                        f"cites {sorted(vi_cites)}", *at, "explain"))
        check_citations(doc, [(at + a, t) for a, t in en_texts], sources, problems)
    known = {it["id"] for it in vi.get("items", [])}
    for i, en in enumerate(tr.get("items", [])):
        if en["id"] not in known:
            problems.append(doc.problem(f"item '{en['id']}' is not in the Vietnamese file", "items", i, "id"))
    if "form" in vi:
        form = tr.get("form")
        if not form:
            problems.append(doc.problem("the form is not translated: add form with the same field ids", "id"))
            return
        fields = {f["id"]: (i, f) for i, f in enumerate(form["fields"])}
        for f in vi["form"]["fields"]:
            if f["id"] not in fields:
                problems.append(doc.problem(f"field '{f['id']}' is not translated", "form", "fields"))
                continue
            i, en = fields[f["id"]]
            if len(en.get("options", [])) != len(f.get("options", [])):
                problems.append(doc.problem(f"field '{f['id']}': {len(en.get('options', []))} options; the Vietnamese "
                                            f"field has {len(f.get('options', []))}", "form", "fields", i))
            if en["error"] == f["error"]:
                problems.append(doc.problem(f"field '{f['id']}': the error message is not translated", "form", "fields", i, "error"))
        for key in ("otp", "explain"):
            if vi["form"].get(key) and not form.get(key):
                problems.append(doc.problem(f"the form's '{key}' is not translated", "form"))
        texts = [(("form", "fields", i, "error"), f["error"]) for i, f in enumerate(form["fields"])]
        texts += [(("form", k), form[k]) for k in ("otp", "explain") if form.get(k)]
        check_citations(doc, texts, sources, problems)


def load_exercises(lessons: dict, renamed: dict, problems: list[Problem], today: dt.date) -> dict[str, Exercise]:
    if not FOLDER.exists():
        return {}
    validators = {DEFAULT_LANG: schema_validator("exercise", "exercise"), "en": schema_validator("exercise", "translation")}
    exercises: dict[str, Exercise] = {}
    twins: list[Doc] = []
    named: set[str] = set()  # ids of Vietnamese files, even those with errors
    for path in sorted(FOLDER.rglob("*.yml")):
        parts = path.name.split(".")
        lang = parts[-2] if len(parts) >= 3 and parts[-2] in validators else None
        if lang is None:
            problems.append(Problem(path, 1, "name an exercise file <id>.vi.yml or <id>.en.yml"))
            continue
        read = read_yaml(path, problems)
        if read is None:
            continue
        doc = Doc(path, *read)
        if lang == DEFAULT_LANG:
            named.add(str(doc.data.get("id")))
        errors = sorted(validators[lang].iter_errors(doc.data), key=lambda e: list(e.absolute_path))
        for err in errors:
            where = list(err.absolute_path)
            label = ".".join(str(p) for p in where) or "exercise"
            problems.append(doc.problem(f"{label}: {err.message}", *where))
        if errors:
            continue
        if lang != DEFAULT_LANG:
            twins.append(doc)
            continue
        xid = doc.data["id"]
        if xid in exercises:
            problems.append(doc.problem(f"duplicate exercise id '{xid}': also in {exercises[xid].path.relative_to(ROOT)}", "id"))
            continue
        check_vi(doc, lessons, renamed, problems, today)  # errors stop the build; the twin is still compared
        exercises[xid] = Exercise(xid, doc.data, {DEFAULT_LANG: doc})
    for doc in twins:
        ex = exercises.get(doc.data["id"])
        if ex is None:
            if doc.data["id"] not in named:
                problems.append(doc.problem(f"translation of unknown exercise '{doc.data['id']}': no Vietnamese file has this id", "id"))
        elif "en" in ex.docs:
            problems.append(doc.problem(f"duplicate English exercise '{ex.id}'", "id"))
        else:
            check_twin(ex, doc, problems)
            ex.docs["en"] = doc
    for ex in exercises.values():
        if "en" not in ex.docs:
            problems.append(Problem(ex.path, 1, f"exercise '{ex.id}' has no English translation "
                                                f"({ex.path.name.replace('.vi.yml', '.en.yml')}): every item must be translated"))
    return exercises
