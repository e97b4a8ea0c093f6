"""Ward kits: load and check content/wards/<id>/ — ward.yml, progress.yml, classes.yml, and the
optional stories/*.md and practices/*.md — for each ward's "Bình dân học vụ số" section.

Used by content.load_content, so `make check` and the build apply the same rules. One JSON Schema
per file kind (scripts/schema/ward, progress, classes, story); every problem is `path:line`, the
line of a YAML value taken from the parser's node marks. Folders starting with `_` (the template
`_mau`) are checked but never published, and their dates are not compared with today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from jsonschema.exceptions import best_match

import source_tiers
from content import (CONTENT, DEFAULT_LANG, FENCE, Problem, Source, check_markdown_refs, schema_validator, slugify,
                     valid_sources)

WARDS = CONTENT / "wards"
FILES = ("ward.yml", "progress.yml", "classes.yml")
STORY_KINDS = {"stories": "story", "practices": "practice"}
RESERVED_IDS = {"tinh"}  # /dia-phuong/tinh/<province>/ lists one province's wards
RESERVED_LESSON_ID = "dia-phuong"  # ward widgets and posters live at nhung/dia-phuong/, tai-lieu-in/dia-phuong/
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SAMPLE = "(mẫu)"  # marks the template's sample words: a published ward must replace every one
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn_today() -> dt.date:
    """Today in Việt Nam, where the classes take place (a build server may run on UTC)."""
    return dt.datetime.now(VN).date()


# --- YAML with line numbers --------------------------------------------------------------------

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Dates stay 'YYYY-MM-DD' strings (the schemas check them), and 8:00 stays '8:00' instead of
    YAML 1.1's base-60 integer 480."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DECIMAL = {"tag:yaml.org,2002:int": re.compile(r"^[-+]?(0|[1-9][0-9_]*)$"),
            "tag:yaml.org,2002:float": re.compile(r"^[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?$")}
for _first in "0123456789":
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, _DECIMAL.get(tag, rx)) for tag, rx in _Loader.yaml_implicit_resolvers.get(_first, [])]


@dataclass
class YamlFile:
    path: Path
    data: Any
    lines: dict[tuple, int]
    invalid: set = field(default_factory=set)  # (list key, index) of entries the schema rejected

    def items(self, key: str):
        """(index, entry) of a top-level list, leaving out entries already reported as invalid."""
        for i, item in enumerate(self.data.get(key) or []):
            if (key, i) not in self.invalid:
                yield i, item

    def line(self, where=()) -> int:
        """The line of a value (by its path of keys and indexes), or of the nearest parent known."""
        where = tuple(where)
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)


def _walk(node, at: tuple, lines: dict) -> None:
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = at + (key.value,)
            lines[here] = key.start_mark.line + 1
            _walk(value, here, lines)
            lines[here] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, at + (i,), lines)


def read_yaml(path: Path, problems: list[Problem]) -> YamlFile | None:
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(path, mark.line + 1 if mark else 1, f"malformed YAML: {problem}"))
        return None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    if data is None:
        problems.append(Problem(path, 1, "the file is empty: copy it from content/wards/_mau/"))
        return None
    return YamlFile(path, data, lines)


def check_schema(doc: YamlFile, schema: str, problems: list[Problem]) -> bool:
    """Report every schema error. True when the file can be used: it is valid, or only some entries
    of its lists are not (those are left out, so the other entries are still checked)."""
    ok = True
    for err in sorted(schema_validator(schema).iter_errors(doc.data), key=lambda e: list(e.absolute_path)):
        at = list(err.absolute_path)
        if len(at) >= 2 and isinstance(at[1], int) and isinstance(doc.data.get(at[0]), list):
            doc.invalid.add((at[0], at[1]))
        else:
            ok = False
        split = isinstance(err.instance, dict) and any(v is None for k, v in err.instance.items() if k not in ("vi", "en"))
        if err.context:  # oneOf / anyOf: say what the closest alternative wanted
            err = best_match(err.context) or err
        where = list(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            where += extra[:1]
        label = ".".join(str(p) for p in where) or doc.path.name
        message = err.message
        if split:  # {vi: Chợ A, khu B, en: …}: YAML reads the comma as a new key
            message = 'a comma splits this text: put each text in quotes, {vi: "…, …", en: "…, …"}'
        problems.append(Problem(doc.path, doc.line(where), f"{label}: {message}"))
    return ok and (schema != "ward" or not doc.invalid)  # ward.yml is used whole


# --- texts ---------------------------------------------------------------------------------

def text(value, lang: str) -> tuple[str, str]:
    """A field's text in `lang` and the language it is really in (Vietnamese when not translated)."""
    if value is None:
        return "", lang
    if isinstance(value, str):
        return value, DEFAULT_LANG
    if lang in value:
        return value[lang], lang
    return value[DEFAULT_LANG], DEFAULT_LANG


# --- people named in stories -----------------------------------------------------------------

HONORIFICS = ("ông bà anh chị em cô chú bác cụ dì cậu thím mợ thầy cháu bé "
              "mr mrs ms miss mx dr uncle aunt auntie grandma grandpa granny").split()
SURNAMES = set("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Lâm Mai "
               "Tô Hà Lương Tạ Cao Chu Kiều Thái Quách Vương Triệu".split())
# Place and institution words before a name-like run: "đường Trần Phú", "Trường THCS Nguyễn Du".
PLACE_WORDS = set("đường phố phường xã thôn làng xóm trường ngõ ngách hẻm quận huyện tỉnh cầu chợ chùa đình đền "
                  "thcs thpt tiểu street road school ward commune district bridge market".split())
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _cap(word: str) -> bool:
    return word[:1].isupper()


def named_people(line: str) -> list[str]:
    """Name-like phrases in a line of Vietnamese or English: an honorific followed by a capitalised
    word ("bà Lan", "Mrs Hoa"), or a common surname with two capitalised words ("Nguyễn Văn An")."""
    words = [(m.group(0), m.start()) for m in WORD.finditer(line)]
    found = []
    i = 0
    while i < len(words):
        w = words[i][0]
        prev = words[i - 1][0].lower() if i else ""
        run = 0
        while i + 1 + run < len(words) and _cap(words[i + 1 + run][0]):
            run += 1
        if w.lower() in HONORIFICS and run >= 1 and prev not in PLACE_WORDS:
            found.append(" ".join(x for x, _ in words[i:i + 1 + run]))
            i += 1 + run
            continue
        if w in SURNAMES and run >= 2 and prev not in PLACE_WORDS:
            found.append(" ".join(x for x, _ in words[i:i + 1 + run]))
            i += 1 + run
            continue
        i += 1
    return found


# --- the ward ------------------------------------------------------------------------------

@dataclass
class Class:
    date: dt.date
    start: str
    end: str
    meta: dict
    line: int

    @property
    def held(self) -> bool:
        return bool(self.meta.get("held"))

    @property
    def cancelled(self) -> bool:
        return bool(self.meta.get("cancelled"))

    @property
    def lessons(self) -> list[str]:
        return self.meta["lessons"]

    @property
    def group(self) -> str:
        return self.meta["group"]


@dataclass
class Story:
    kind: str  # "story" or "practice"
    slug: str  # from the file name: the anchor on the ward's page
    texts: dict[str, Source]

    @property
    def meta(self) -> dict:
        return self.texts[DEFAULT_LANG].meta

    def text(self, lang: str) -> Source:
        return self.texts.get(lang) or self.texts[DEFAULT_LANG]


@dataclass
class Ward:
    id: str
    folder: Path
    meta: dict  # ward.yml
    progress: dict  # progress.yml
    classes: list[Class]
    stories: list[Story] = field(default_factory=list)
    practices: list[Story] = field(default_factory=list)
    lines: dict[str, YamlFile] = field(default_factory=dict)
    today: dt.date | None = None  # the day the folder was checked against

    @property
    def example(self) -> bool:
        return bool(self.meta.get("example"))

    @property
    def province(self) -> str:
        return self.meta["province"]

    def name(self, lang: str) -> str:
        return text(self.meta["name"], lang)[0]

    def upcoming(self) -> list[Class]:
        """Classes still to come (cancelled ones stay listed, marked), in date order."""
        return sorted((c for c in self.classes if not c.held and (self.today is None or c.date >= self.today)),
                      key=lambda c: (c.date, c.start))

    def past(self) -> list[Class]:
        return sorted((c for c in self.classes if c.held), key=lambda c: (c.date, c.start), reverse=True)


def minutes(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


def check_ward_yml(doc: YamlFile, plans: dict, lessons: dict, renamed: dict, problems: list[Problem],
                   today: dt.date | None) -> None:
    m = doc.data
    for i, pid in enumerate(m["plans"]):
        if pid not in plans:
            problems.append(Problem(doc.path, doc.line(("plans", i)), f"unknown plan '{pid}' (see content/plans/)"))
    m["lessons"] = resolve_lessons(doc, ("lessons",), m.get("lessons", []), lessons, renamed, problems)
    for i, link in enumerate(m.get("links", [])):
        if not link.get("url"):
            continue
        tier = source_tiers.tier(link["url"])
        where = doc.line(("links", i, "url"))
        if tier == "blocked":
            problems.append(Problem(doc.path, where, f"links to a blocked domain (content/data/sources.yml): {link['url']}"))
        elif tier is None:
            problems.append(Problem(doc.path, where, f"domain of {link['url']} is on no list in content/data/sources.yml: "
                                                     "add it to the right tier", "warning"))
    if today and dt.date.fromisoformat(m["updated"]) > today:
        problems.append(Problem(doc.path, doc.line(("updated",)), f"updated {m['updated']} is after today ({today})"))


def resolve_lessons(doc: YamlFile, at: tuple, ids: list, lessons: dict, renamed: dict,
                    problems: list[Problem]) -> list[str]:
    out = []
    for i, lid in enumerate(ids):
        line = doc.line(at + (i,))
        if lid in lessons:
            out.append(lid)
        elif lid in renamed:
            problems.append(Problem(doc.path, line, f"lesson '{lid}' has a new id: use '{renamed[lid]}'", "warning"))
            out.append(renamed[lid])
        else:
            problems.append(Problem(doc.path, line, f"unknown lesson '{lid}' (no lesson has this id)"))
    return out


def check_progress(doc: YamlFile, problems: list[Problem], today: dt.date | None) -> None:
    for i, fig in doc.items("figures"):
        where = ("figures", i)
        if fig["indicator"] == "khac" and not fig.get("label"):
            problems.append(Problem(doc.path, doc.line(where), "a figure for 'khac' needs a `label` saying what was counted"))
        if fig.get("of") is not None and fig.get("count") is None:
            problems.append(Problem(doc.path, doc.line(where + ("of",)), "`of` needs a `count`"))
        if fig.get("count") is not None and fig.get("of") is not None and fig["count"] > fig["of"]:
            problems.append(Problem(doc.path, doc.line(where + ("count",)), f"count {fig['count']} is more than `of` {fig['of']}"))
        if today and dt.date.fromisoformat(fig["as_of"]) > today:
            problems.append(Problem(doc.path, doc.line(where + ("as_of",)), f"as_of {fig['as_of']} is after today ({today})"))
    for i, up in doc.items("updates"):
        line = doc.line(("updates", i, "as_of"))
        day = up["as_of"] if len(up["as_of"]) == 10 else up["as_of"] + "-01"
        try:
            when = dt.date.fromisoformat(day)
        except ValueError:
            problems.append(Problem(doc.path, line, f"as_of: '{up['as_of']}' is not a real date"))
            continue
        if today and when > today:
            problems.append(Problem(doc.path, line, f"as_of {up['as_of']} is after today ({today})"))


def load_classes(doc: YamlFile, groups: dict, lessons: dict, renamed: dict, problems: list[Problem],
                 today: dt.date | None, example: bool) -> list[Class]:
    out = []
    for i, c in doc.items("classes"):
        where = ("classes", i)
        line = doc.line(where + ("date",))
        if c["group"] not in groups:
            problems.append(Problem(doc.path, doc.line(where + ("group",)),
                                    f"unknown group '{c['group']}' (known: {', '.join(groups)})"))
        c["lessons"] = resolve_lessons(doc, where + ("lessons",), c["lessons"], lessons, renamed, problems)
        if minutes(c["end"]) <= minutes(c["start"]):
            problems.append(Problem(doc.path, doc.line(where + ("end",)), f"ends at {c['end']}, not after it starts ({c['start']})"))
        day = dt.date.fromisoformat(c["date"])
        if today and day < today and not (c.get("held") or c.get("cancelled")):
            if example:  # made-up classes: shown as held rather than stopping the build
                problems.append(Problem(doc.path, line, f"example class on {c['date']} is past: shown as held", "warning"))
                c["held"] = True
            else:
                problems.append(Problem(doc.path, line, f"class on {c['date']} is before today ({today}) and would show as "
                                                        "the next class: add `held: true` if it took place, `cancelled: true` "
                                                        "if it did not, or correct the date"))
        if today and day > today and c.get("held"):
            problems.append(Problem(doc.path, doc.line(where + ("held",)), f"class on {c['date']} is marked held but is still to come"))
        if c.get("held") and c.get("cancelled"):
            problems.append(Problem(doc.path, doc.line(where + ("cancelled",)), "a class is either held or cancelled, not both"))
        out.append(Class(day, c["start"], c["end"], c, doc.line(where)))
    return out


def load_stories(folder: Path, kind: str, known_lessons: set, aliases: dict, problems: list[Problem],
                 today: dt.date | None, template: bool = False) -> list[Story]:
    base = folder / kind
    if not base.is_dir():
        return []
    stories: dict[str, Story] = {}
    twins = []
    for src in valid_sources(sorted(base.glob("*.md")), "story", problems):
        slug = src.path.name.split(".")[0]
        if not template:
            for n, line in [(src.line_of(k), str(v)) for k, v in src.meta.items()] + list(
                    enumerate(src.body.splitlines(), start=src.body_line)):
                if SAMPLE in line:
                    problems.append(Problem(src.path, n, "still the template's sample text (mẫu): write the ward's own"))
        if src.lang != DEFAULT_LANG:
            twins.append((slug, src))
            continue
        check_story(src, known_lessons, aliases, problems, today)
        stories[slug] = Story(STORY_KINDS[kind], slug, {DEFAULT_LANG: src})
    for slug, src in twins:
        if slug not in stories:
            problems.append(Problem(src.path, 1, f"translation of no story: there is no {slug}.md or {slug}.vi.md beside it"))
            continue
        check_story(src, known_lessons, aliases, problems, None, consent=stories[slug].meta)
        stories[slug].texts[src.lang] = src
    return sorted(stories.values(), key=lambda s: (s.meta["date"], s.slug), reverse=True)


def check_story(src: Source, known_lessons: set, aliases: dict, problems: list[Problem], today: dt.date | None,
                consent: dict | None = None) -> None:
    """`consent`: for a translation, the Vietnamese story's front matter (whom it names, their consent)."""
    meta = consent or src.meta
    check_markdown_refs(src, known_lessons, problems, aliases)
    in_fence = False
    for n, line in enumerate(src.body.splitlines(), start=src.body_line):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        if not in_fence and line.startswith("#"):
            problems.append(Problem(src.path, n, "no headings in a story: its title comes from the front matter"))
    if today and dt.date.fromisoformat(src.meta["date"]) > today:
        problems.append(Problem(src.path, src.line_of("date"), f"date {src.meta['date']} is after today ({today})"))
    if meta.get("consent"):
        return
    if meta.get("people"):
        if consent is None:  # said once, on the Vietnamese story
            problems.append(Problem(src.path, src.line_of("people"), "names people without their consent: add `consent:` "
                                                                      "(given, date, recorded_by) or leave the names out"))
        return
    allowed = [w.lower() for w in meta.get("not_people", [])]
    fields = [(src.line_of(k), src.meta.get(k, "")) for k in ("title", "summary")]
    for n, line in fields + list(enumerate(src.body.splitlines(), start=src.body_line)):
        for name in named_people(line):
            if not any(a in name.lower() or name.lower() in a for a in allowed):
                problems.append(Problem(src.path, n, f"names a person ('{name}') without consent: list whom the story names "
                                                     "under `people:` with their `consent:`, leave the name out, or list "
                                                     "the words under `not_people:` if they are not a person"))


def samples(value, at: tuple = ()):
    """(path, text) of every string still holding the template's sample marker."""
    if isinstance(value, str):
        if SAMPLE in value:
            yield at, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from samples(v, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from samples(v, at + (i,))


def check_samples(doc: YamlFile, problems: list[Problem]) -> None:
    for at, value in samples(doc.data):
        problems.append(Problem(doc.path, doc.line(at), f"{'.'.join(map(str, at))}: still the template's sample text "
                                                        f"('{value}'): write the ward's own, or remove the entry"))


def load_ward(folder: Path, data, plans: dict, lessons: dict, renamed: dict, problems: list[Problem],
              today: dt.date | None, template: bool = False) -> Ward | None:
    docs = {}
    for name in FILES:
        path = folder / name
        if not path.exists():
            problems.append(Problem(path, 1, f"missing {name}: copy it from content/wards/_mau/"))
            continue
        doc = read_yaml(path, problems)
        if doc and check_schema(doc, name.removesuffix(".yml"), problems):
            docs[name] = doc
            if not template:
                check_samples(doc, problems)
    if len(docs) < len(FILES):
        return None
    ward_doc = docs["ward.yml"]
    check_ward_yml(ward_doc, plans, lessons, renamed, problems, today)
    check_progress(docs["progress.yml"], problems, today)
    example = bool(ward_doc.data.get("example"))
    classes = load_classes(docs["classes.yml"], data.group_slugs, lessons, renamed, problems, today, example)
    known = set(lessons)
    stories = load_stories(folder, "stories", known, renamed, problems, today, template)
    practices = load_stories(folder, "practices", known, renamed, problems, today, template)
    return Ward(folder.name, folder, ward_doc.data, docs["progress.yml"].data, classes, stories, practices,
                dict(docs), today)


def group_by_province(wards) -> dict[str, list[Ward]]:
    """Wards by their province's slug, in id order: spellings that differ only in case or marks
    are one province (one page; the checker warns about the second spelling)."""
    groups: dict[str, list[Ward]] = {}
    for ward in sorted(wards, key=lambda w: w.id):
        groups.setdefault(slugify(ward.province), []).append(ward)
    return groups


def load_wards(data, lessons: dict, plans: dict, renamed: dict, problems: list[Problem], today: dt.date,
               base: Path = WARDS) -> dict[str, Ward]:
    """Every ward under content/wards/ (the `_` template folders are checked, not returned)."""
    if RESERVED_LESSON_ID in lessons:
        problems.append(Problem(lessons[RESERVED_LESSON_ID].path, 1, f"lesson id '{RESERVED_LESSON_ID}' is reserved for ward kits"))
    if not base.is_dir():
        return {}
    wards: dict[str, Ward] = {}
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        template = folder.name.startswith("_")
        if not template and (not ID.match(folder.name) or folder.name in RESERVED_IDS):
            problems.append(Problem(folder / "ward.yml", 1, f"folder name '{folder.name}' is the ward's address: use "
                                                            "lower-case letters, digits and hyphens (not 'tinh')"))
            continue
        ward = load_ward(folder, data, plans, lessons, renamed, problems, None if template else today, template)
        if ward and not template:
            wards[ward.id] = ward
    for same in group_by_province(wards.values()).values():
        names = {ward.province for ward in same}
        if len(names) > 1:
            for ward in same:
                doc = ward.lines["ward.yml"]
                problems.append(Problem(doc.path, doc.line(("province",)), f"province written in more than one way "
                                                                           f"({' / '.join(sorted(names))}): use one spelling",
                                        "warning"))
    owners = {}
    for ward in wards.values():
        for i, alias in enumerate(ward.meta.get("aliases", [])):
            doc = ward.lines["ward.yml"]
            if alias in wards or alias in owners:
                problems.append(Problem(doc.path, doc.line(("aliases", i)), f"alias '{alias}' is the id of another ward"))
            owners[alias] = ward.id
    return wards
