"""Load and check the site's content: lessons and plans under content/, data under content/data/.

One module, used by the MkDocs hooks (the build) and by scripts/check_content.py (the checker), so
both apply the same schema and the same rules. Every problem is reported as `path:line: message`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

import citations
import sanitize
import source_tiers

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DATA = CONTENT / "data"
SCHEMAS = Path(__file__).resolve().parent / "schema"

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

# The anatomy of a lesson (content guide): authored sections, in this order, per locale.
# The build appends the sources section from front matter.
SECTIONS = {
    "vi": ["Bạn sẽ học được", "Cần chuẩn bị", "Các bước", "Lưu ý an toàn", "Thực hành",
           "Tự kiểm tra", "Ghi chú cho người hướng dẫn"],
    "en": ["What you will learn", "What you need", "Steps", "Safety notes", "Practice",
           "Check yourself", "Notes for trainers"],
}
SECTION_KEYS = ["objectives", "prepare", "steps", "safety", "practice", "quiz", "trainer"]
SOURCES_HEADING = {"vi": "Nguồn tham khảo", "en": "Sources"}

REVIEW_MAX_AGE = dt.timedelta(days=365)


# --- problems ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.level}: {self.message}"


class ContentError(Exception):
    """Raised by the build when content has errors; the message lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --- small helpers -------------------------------------------------------------------------

def slugify(text: str, sep: str = "-") -> str:
    """ASCII slug for URLs and anchors: 'Các bước' -> 'cac-buoc', 'Đắk Rve' -> 'dak-rve'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s_]+", sep, text)


def toc_slugify(value: str, separator: str = "-", unicode: bool = False) -> str:  # noqa: ARG001
    """Python-Markdown toc `slugify` signature, so heading anchors are ASCII too."""
    return slugify(value, separator)


def locale_of(path: Path) -> str:
    suffixes = path.name.split(".")
    return suffixes[-2] if len(suffixes) >= 3 and suffixes[-2] in LANGS else DEFAULT_LANG


@lru_cache(maxsize=None)
def schema_validator(name: str, definition: str | None = None) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    if definition:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class _DateAsString(yaml.SafeLoader):
    """Front matter loader that keeps dates as 'YYYY-MM-DD' strings, as the schema expects."""


_DateAsString.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Source:
    """A Markdown file split into front matter and body, with line numbers kept."""

    path: Path
    meta: dict
    body: str
    body_line: int  # line number (1-based) of the first body line
    meta_lines: dict = field(default_factory=dict)  # top-level key -> line

    @property
    def lang(self) -> str:
        return locale_of(self.path)

    def line_of(self, key: str | None) -> int:
        return self.meta_lines.get(key, 1)


def read_source(path: Path, problems: list[Problem]) -> Source | None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        problems.append(Problem(path, 1, "missing YAML front matter (the file must start with '---')"))
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        problems.append(Problem(path, 1, "front matter is not closed by a '---' line"))
        return None
    raw = text[4:end + 1]
    try:
        meta = yaml.load(raw, Loader=_DateAsString)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(path, line, f"malformed front matter: {problem}"))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(path, 2, "front matter must be a mapping of keys to values"))
        return None
    meta_lines = {}
    for i, line in enumerate(raw.splitlines(), start=2):
        m = re.match(r"^([A-Za-z_][\w-]*):", line)
        if m:
            meta_lines.setdefault(m.group(1), i)
    body_line = raw.count("\n") + 3
    return Source(path, meta, text[end + 5:], body_line, meta_lines)


def validate_schema(src: Source, validator: Draft202012Validator, problems: list[Problem]) -> bool:
    ok = True
    for err in sorted(validator.iter_errors(src.meta), key=lambda e: list(e.absolute_path)):
        ok = False
        where = list(err.absolute_path)
        key = where[0] if where else None
        if err.validator == "additionalProperties" and not where:
            extra = sorted(set(src.meta) - set(err.schema.get("properties", {})))
            key = extra[0] if extra else None
        label = ".".join(str(p) for p in where) or "front matter"
        problems.append(Problem(src.path, src.line_of(key), f"{label}: {err.message}"))
    return ok


def valid_sources(paths: list[Path], schema: str, problems: list[Problem]) -> list[Source]:
    """Read each file and check its front matter: the Vietnamese file against `$defs/<schema>`
    (every field), a translation against `$defs/translation`. Files with problems are left out."""
    validators = {DEFAULT_LANG: schema_validator(schema, schema), "en": schema_validator(schema, "translation")}
    out = []
    for path in paths:
        src = read_source(path, problems)
        if src and validate_schema(src, validators[src.lang], problems):
            unsafe = sanitize.problems(src.path, src.body, src.body_line)
            problems.extend(Problem(p, n, msg) for p, n, msg in unsafe)
            if not unsafe:
                out.append(src)
    return out


# --- Markdown structure ---------------------------------------------------------------------

FENCE = re.compile(r"^(```|~~~)")


@dataclass
class Section:
    title: str
    line: int
    lines: list[tuple[int, str]]  # (line number, text) of the body

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)


def split_sections(src: Source, level: int = 2) -> tuple[list[tuple[int, str]], list[Section]]:
    """Split a body at `## ` headings outside code fences; returns (preamble, sections)."""
    marker = "#" * level + " "
    preamble: list[tuple[int, str]] = []
    sections: list[Section] = []
    in_fence = False
    for n, line in enumerate(src.body.splitlines(), start=src.body_line):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        if not in_fence and line.startswith(marker):
            sections.append(Section(line[len(marker):].strip(), n, []))
        elif sections:
            sections[-1].lines.append((n, line))
        else:
            preamble.append((n, line))
    return preamble, sections


def subsections(section: Section) -> tuple[list[tuple[int, str]], list[Section]]:
    pre: list[tuple[int, str]] = []
    subs: list[Section] = []
    for n, line in section.lines:
        if line.startswith("### "):
            subs.append(Section(line[4:].strip(), n, []))
        elif subs:
            subs[-1].lines.append((n, line))
        else:
            pre.append((n, line))
    return pre, subs


OL_ITEM = re.compile(r"^(\d+)\. +\S")
UL_ITEM = re.compile(r"^[-*] +\S")
TASK_ITEM = re.compile(r"^- \[( |x|X)\] +(.+)$")
ADMONITION = re.compile(r'^(!!!|\?\?\?\+?) *([\w-]+)(?: +"(.*)")? *$')
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def list_shape(lines: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """The top-level lists of a block as [(kind, item count)], kind 'ol' or 'ul'."""
    shape: list[tuple[str, int]] = []
    prev_kind = None
    blank = False
    for _, line in lines:
        if not line.strip():
            blank = True
            continue
        kind = "ol" if OL_ITEM.match(line) else "ul" if UL_ITEM.match(line) else None
        if kind:
            if kind == prev_kind and shape:
                shape[-1] = (kind, shape[-1][1] + 1)
            else:
                shape.append((kind, 1))
            prev_kind = kind
        elif not line.startswith((" ", "\t")):
            prev_kind = None  # a paragraph ends the list
        blank = False
    del blank
    return shape


@dataclass
class Question:
    text: str
    line: int
    options: list[str]
    correct: int
    why: str


def parse_quiz(section: Section, path: Path, problems: list[Problem]) -> list[Question]:
    pre, subs = subsections(section)
    if any(t.strip() for _, t in pre):
        n = next(n for n, t in pre if t.strip())
        problems.append(Problem(path, n, "only '### question?' blocks may stand in the self-check section"))
    questions = []
    for sub in subs:
        options, correct, why = [], [], []
        for n, line in sub.lines:
            m = TASK_ITEM.match(line)
            if m:
                if m.group(1) in "xX":
                    correct.append(len(options))
                options.append(m.group(2).strip())
            elif line.strip():
                why.append(line.strip())
        where = Problem(path, sub.line, "")
        if not sub.title.endswith("?"):
            problems.append(Problem(path, sub.line, f"question must end with '?': {sub.title!r}"))
        if not 2 <= len(options) <= 4:
            problems.append(Problem(path, where.line, f"question needs 2 to 4 options '- [ ] …', found {len(options)}"))
        if len(correct) != 1:
            problems.append(Problem(path, where.line, f"question needs exactly one right option '- [x] …', found {len(correct)}"))
        if not why:
            problems.append(Problem(path, where.line, "question needs a paragraph after the options saying why"))
        questions.append(Question(sub.title, sub.line, options, correct[0] if correct else -1, " ".join(why)))
    if not 3 <= len(questions) <= 5:
        problems.append(Problem(path, section.line, f"the self-check needs 3 to 5 questions, found {len(questions)}"))
    return questions


SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n")


def sentence_lengths(markdown: str) -> list[int]:
    """Word counts of the prose sentences of a Markdown body (headings, code and markup left out)."""
    text = re.sub(r"```.*?```", " ", citations.strip(markdown), flags=re.S)
    text = re.sub(r"`[^`]*`", "X", text)
    text = IMAGE.sub(" ", text)
    text = LINK.sub(r"\1", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!!!", "???", "|", "<")):
            continue
        line = re.sub(r"^([-*]|\d+\.)\s+(\[[ xX]\]\s+)?", "", line)
        line = line.replace("**", "")
        for sentence in SENTENCE_END.split(line):
            words = [w for w in sentence.split() if re.search(r"\w", w)]
            if words:
                out.append(len(words))
    return out


# --- data ----------------------------------------------------------------------------------

@dataclass
class Data:
    groups: list[dict]
    domains: list[dict]
    models: list[dict]
    glossary: list[dict]

    @property
    def group_slugs(self) -> dict[str, dict]:
        return {g["slug"]: g for g in self.groups}

    @property
    def competency_codes(self) -> dict[str, dict]:
        return {code: {**names, "domain": d["domain"]} for d in self.domains for code, names in d["items"].items()}

    @property
    def model_slugs(self) -> dict[str, dict]:
        return {m["slug"]: m for m in self.models}


def load_data() -> Data:
    glossary_path = DATA / "glossary.yml"
    glossary = load_yaml(glossary_path) if glossary_path.exists() else []
    return Data(
        groups=load_yaml(DATA / "groups.yml"),
        domains=load_yaml(DATA / "competencies.yml"),
        models=load_yaml(DATA / "models.yml"),
        glossary=glossary or [],
    )


# --- lessons -------------------------------------------------------------------------------

@dataclass
class LessonText:
    """One locale of a lesson."""

    src: Source
    sections: dict[str, Section]
    questions: list[Question]

    @property
    def title(self) -> str:
        return self.src.meta["title"]

    @property
    def summary(self) -> str:
        return self.src.meta["summary"]


@dataclass
class Lesson:
    id: str
    meta: dict  # the Vietnamese front matter: every field
    texts: dict[str, LessonText]  # by locale

    @property
    def path(self) -> Path:
        return self.texts[DEFAULT_LANG].src.path

    def text(self, lang: str) -> LessonText:
        """The lesson in `lang`, or the Vietnamese one when it is not translated yet."""
        return self.texts.get(lang) or self.texts[DEFAULT_LANG]

    def title(self, lang: str) -> str:
        return self.text(lang).title


def renamed_ids(lessons: dict[str, Lesson]) -> dict[str, str]:
    return {a: le.id for le in lessons.values() for a in le.meta.get("aliases", [])}


@dataclass
class Content:
    data: Data
    lessons: dict[str, Lesson]
    plans: dict[str, "Plan"]
    problems: list[Problem]
    exercises: dict = field(default_factory=dict)  # id -> exercises.Exercise (content/exercises/)
    wards: dict = field(default_factory=dict)  # id -> wards.Ward (content/wards/)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @cached_property  # read for every page of a build
    def renamed(self) -> dict[str, str]:
        """Old lesson id -> current id, from `aliases`."""
        return renamed_ids(self.lessons)

    def lessons_in_group(self, slug: str) -> list[Lesson]:
        group = self.data.group_slugs[slug]
        order = group.get("order") or []
        members = [le for le in self.lessons.values() if slug in le.meta["groups"]]
        rank = {lid: i for i, lid in enumerate(order)}
        return sorted(members, key=lambda le: (rank.get(le.id, len(rank)), le.meta["level"] != "co-ban",
                                               le.title(DEFAULT_LANG)))

    def exercises_for(self, lesson_id: str) -> list:
        """Exercises that practise this lesson (their `lessons:`), by title."""
        return sorted((x for x in self.exercises.values() if lesson_id in x.meta["lessons"]),
                      key=lambda x: x.title(DEFAULT_LANG))

    def exercises_in_group(self, slug: str) -> list:
        """Exercises for the group's lessons, in the order of the lessons they practise first."""
        order = {le.id: i for i, le in enumerate(self.lessons_in_group(slug))}
        mine = [x for x in self.exercises.values() if any(lid in order for lid in x.meta["lessons"])]
        return sorted(mine, key=lambda x: (min(order.get(lid, len(order)) for lid in x.meta["lessons"]), x.id))

    def lessons_in_model(self, slug: str) -> list[Lesson]:
        return sorted((le for le in self.lessons.values() if slug in le.meta.get("models", [])),
                      key=lambda le: le.title(DEFAULT_LANG))


def check_lesson_text(src: Source, problems: list[Problem]) -> LessonText | None:
    preamble, sections = split_sections(src)
    lang = src.lang
    for n, line in preamble:
        if line.strip():
            problems.append(Problem(src.path, n, "text before the first '## ' section; the title comes from front matter"))
            break
    found = [s.title for s in sections]
    expected = SECTIONS[lang]
    if found != expected:
        missing = [t for t in expected if t not in found]
        unknown = [s for s in sections if s.title not in expected]
        if missing:
            problems.append(Problem(src.path, src.body_line, f"missing section(s): {', '.join('## ' + t for t in missing)}"))
        for s in unknown:
            problems.append(Problem(src.path, s.line, f"unknown section '## {s.title}' (allowed, in order: {', '.join(expected)})"))
        if not missing and not unknown:
            problems.append(Problem(src.path, sections[0].line, f"sections out of order; expected: {', '.join(expected)}"))
        return None
    by_key = dict(zip(SECTION_KEYS, sections))
    if not any(kind == "ol" for kind, _ in list_shape(by_key["steps"].lines)):
        problems.append(Problem(src.path, by_key["steps"].line, "the steps section needs a numbered list (1. 2. 3.)"))
    safety_lines = [(n, t) for n, t in by_key["safety"].lines if t.strip()]
    if not any(ADMONITION.match(t) for _, t in safety_lines):
        problems.append(Problem(src.path, by_key["safety"].line, "the safety section must be admonitions: !!! warning \"…\""))
    for n, t in safety_lines:
        if not (ADMONITION.match(t) or t.startswith("    ")):
            problems.append(Problem(src.path, n, "only admonitions (indented 4 spaces) may stand in the safety section"))
            break
    questions = parse_quiz(by_key["quiz"], src.path, problems)
    return LessonText(src, by_key, questions)


def check_markdown_refs(src: Source, known_lessons: set[str], problems: list[Problem],
                        aliases: dict[str, str] | None = None) -> None:
    """Images need alt text; site links must point at something that exists."""
    in_fence = False
    for n, line in enumerate(src.body.splitlines(), start=src.body_line):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        if in_fence:
            continue
        for m in IMAGE.finditer(line):
            alt, url = m.group(1).strip(), m.group(2)
            if not alt:
                problems.append(Problem(src.path, n, f"image without alt text: {url}"))
            if url.startswith("/") and not (ROOT / "docs" / url.lstrip("/")).exists():
                problems.append(Problem(src.path, n, f"image not found: {url} (looked in docs{url})"))
        for m in LINK.finditer(line):
            url = m.group(2)
            target, _, _anchor = url.partition("#")
            if url.startswith("http://"):
                problems.append(Problem(src.path, n, f"link must use https: {url}"))
            elif target.startswith("/bai-hoc/"):
                lid = target[len("/bai-hoc/"):].removesuffix(".md").strip("/")
                if aliases and lid in aliases:
                    problems.append(Problem(src.path, n, f"link to the old id '{lid}' (it redirects): use '{aliases[lid]}'", "warning"))
                elif lid not in known_lessons:
                    problems.append(Problem(src.path, n, f"broken link: no lesson with id '{lid}' ({url})"))
            elif target.startswith("/") and target.endswith(".md"):
                page = ROOT / "docs" / target.lstrip("/")
                if not page.exists() and not generated_page(target):
                    problems.append(Problem(src.path, n, f"broken link: no page docs{target}"))


def generated_page(target: str) -> bool:
    """Pages made by the build rather than written in docs/ (see scripts/mkdocs_hooks.py)."""
    return bool(re.fullmatch(r"/(nhom/[a-z0-9-]+|ke-hoach/[a-z0-9-]+|ke-hoach/index|bai-hoc/index|thuc-hanh/[a-z0-9-]+"
                             r"|dia-phuong/[a-z0-9-]+|dia-phuong/tinh/[a-z0-9-]+)\.md", target))


def compare_twins(vi: LessonText, en: LessonText, problems: list[Problem]) -> None:
    """The English twin keeps the Vietnamese lesson's skeleton (FastAPI-style parity check)."""
    path = en.src.path
    for key in SECTION_KEYS:
        a, b = vi.sections[key], en.sections[key]
        if key == "quiz":
            continue
        a_pre, a_subs = subsections(a)
        b_pre, b_subs = subsections(b)
        if len(a_subs) != len(b_subs):
            problems.append(Problem(path, b.line, f"'## {b.title}' has {len(b_subs)} '###' parts; the Vietnamese lesson has {len(a_subs)}"))
            continue
        for a_block, b_block, line in [(a_pre, b_pre, b.line)] + [(x.lines, y.lines, y.line) for x, y in zip(a_subs, b_subs)]:
            if list_shape(a_block) != list_shape(b_block):
                problems.append(Problem(path, line, f"lists differ from the Vietnamese lesson: {list_shape(b_block)} vs {list_shape(a_block)}"))
        a_adm = sum(1 for _, t in a.lines if ADMONITION.match(t))
        b_adm = sum(1 for _, t in b.lines if ADMONITION.match(t))
        if a_adm != b_adm:
            problems.append(Problem(path, b.line, f"{b_adm} admonitions; the Vietnamese lesson has {a_adm}"))
        a_img = len(IMAGE.findall(a.text))
        b_img = len(IMAGE.findall(b.text))
        if a_img != b_img:
            problems.append(Problem(path, b.line, f"{b_img} images; the Vietnamese lesson has {a_img}"))
    if len(vi.questions) != len(en.questions):
        problems.append(Problem(path, en.sections["quiz"].line, f"{len(en.questions)} questions; the Vietnamese lesson has {len(vi.questions)}"))
    for qa, qb in zip(vi.questions, en.questions):
        if len(qa.options) != len(qb.options) or qa.correct != qb.correct:
            problems.append(Problem(path, qb.line, "question differs from the Vietnamese one in its options or right answer"))


def _add(findings, problems: list[Problem]) -> None:
    problems.extend(Problem(f.path, f.line, f.message, f.level) for f in findings)


def check_citations(src: Source, text: LessonText, problems: list[Problem]) -> None:
    """Sources by trust tier, and every stated fact of the Vietnamese lesson tied to one of them."""
    sources = src.meta["sources"]
    _add(citations.check_sources(src.path, sources, src.line_of("sources")), problems)
    seen: set[str] = set()
    for s in sources:  # the schema requires an id
        if s["id"] in seen:
            problems.append(Problem(src.path, citations.source_line(src.path, s["url"]), f"duplicate source id '{s['id']}'"))
        seen.add(s["id"])
    findings, cited = citations.check_body(src.path, text.sections, sources, source_tiers.names())
    _add(findings, problems)
    for s in sources:
        if s.get("id") and s["id"] not in cited:
            problems.append(Problem(src.path, citations.source_line(src.path, s["url"]),
                                    f"source '{s['id']}' is never cited in the text: cite it where it is used, or remove it",
                                    "warning"))


def check_twin_citations(lesson: Lesson, en: LessonText, problems: list[Problem]) -> None:
    """The English twin states the same facts, so it cites the same sources in the same sections."""
    findings, _ = citations.check_body(en.src.path, en.sections, lesson.meta["sources"], source_tiers.names())
    _add(findings, problems)
    vi = citations.cited_by_section(lesson.texts[DEFAULT_LANG].sections)
    for key, ids in citations.cited_by_section(en.sections).items():
        if ids != vi[key]:
            problems.append(Problem(en.src.path, en.sections[key].line,
                                    f"'## {en.sections[key].title}' cites {sorted(ids) or 'nothing'}; "
                                    f"the Vietnamese lesson cites {sorted(vi[key]) or 'nothing'} there"))


def load_lessons(data: Data, problems: list[Problem], today: dt.date) -> dict[str, Lesson]:
    base = CONTENT / "lessons"
    files = sorted(p for p in base.rglob("*.md") if p.name != "README.md")
    lessons: dict[str, Lesson] = {}
    twins: dict[str, Source] = {}
    seen: dict[tuple[str, str], Path] = {}
    sources: list[Source] = []
    for src in valid_sources(files, "lesson", problems):
        path = src.path
        key = (src.meta["id"], src.lang)
        if key in seen:
            problems.append(Problem(path, src.line_of("id"), f"duplicate id '{src.meta['id']}' ({src.lang}): also in {seen[key].relative_to(ROOT)}"))
            continue
        seen[key] = path
        sources.append(src)
    # Old ids (aliases) must not collide with live ids either.
    for src in sources:
        if src.lang == DEFAULT_LANG:
            for alias in src.meta.get("aliases", []):
                if (alias, DEFAULT_LANG) in seen:
                    problems.append(Problem(src.path, src.line_of("aliases"), f"alias '{alias}' is the id of another lesson"))
    known = {lid for lid, lang in seen if lang == DEFAULT_LANG}
    aliases = {a: src.meta["id"] for src in sources if src.lang == DEFAULT_LANG for a in src.meta.get("aliases", [])}
    for src in sources:
        check_markdown_refs(src, known, problems, aliases)
        text = check_lesson_text(src, problems)
        if src.lang != DEFAULT_LANG:
            if text:
                twins[src.meta["id"]] = text  # type: ignore[assignment]
            continue
        meta = src.meta
        for g in meta["groups"]:
            if g not in data.group_slugs:
                problems.append(Problem(src.path, src.line_of("groups"), f"unknown group '{g}' (known: {', '.join(data.group_slugs)})"))
        for c in meta["competencies"]:
            if c not in data.competency_codes:
                problems.append(Problem(src.path, src.line_of("competencies"), f"unknown competency code '{c}' (see content/data/competencies.yml)"))
        for mdl in meta.get("models", []):
            if mdl not in data.model_slugs:
                problems.append(Problem(src.path, src.line_of("models"), f"unknown model '{mdl}' (see content/data/models.yml)"))
        reviewed = dt.date.fromisoformat(meta["reviewed"])
        if reviewed > today:
            problems.append(Problem(src.path, src.line_of("reviewed"), f"reviewed date {reviewed} is in the future"))
        elif today - reviewed > REVIEW_MAX_AGE:
            problems.append(Problem(src.path, src.line_of("reviewed"), f"facts last reviewed on {reviewed}, more than a year ago: check them again", "warning"))
        if text:
            check_citations(src, text, problems)
            lessons[meta["id"]] = Lesson(meta["id"], meta, {DEFAULT_LANG: text})
    for lid, en in twins.items():
        lesson = lessons.get(lid)
        if lesson is None:
            if (lid, DEFAULT_LANG) not in seen:
                problems.append(Problem(en.src.path, en.src.line_of("id"), f"translation of unknown lesson '{lid}': no Vietnamese file has this id"))
            continue
        compare_twins(lesson.texts[DEFAULT_LANG], en, problems)  # type: ignore[arg-type]
        check_twin_citations(lesson, en, problems)  # type: ignore[arg-type]
        lesson.texts["en"] = en  # type: ignore[assignment]
    for lesson in lessons.values():
        if "en" not in lesson.texts:
            problems.append(Problem(lesson.path, 1, f"lesson '{lesson.id}' has no English translation (.en.md): /en/ shows the Vietnamese text", "warning"))
    return lessons


# --- plans ---------------------------------------------------------------------------------

@dataclass
class Plan:
    id: str
    meta: dict
    texts: dict[str, Source]

    @property
    def path(self) -> Path:
        return self.texts[DEFAULT_LANG].path

    def text(self, lang: str) -> Source:
        return self.texts.get(lang) or self.texts[DEFAULT_LANG]


def load_plans(data: Data, problems: list[Problem]) -> dict[str, Plan]:
    base = CONTENT / "plans"
    if not (SCHEMAS / "plan.schema.json").exists():
        return {}
    plans: dict[str, Plan] = {}
    pending: list[Source] = []
    for src in valid_sources(sorted(p for p in base.rglob("*.md") if p.name != "README.md"), "plan", problems):
        path = src.path
        if src.lang != DEFAULT_LANG:
            pending.append(src)
            continue
        pid = src.meta["id"]
        if pid in plans:
            problems.append(Problem(path, src.line_of("id"), f"duplicate plan id '{pid}': also in {plans[pid].path.relative_to(ROOT)}"))
            continue
        for m in src.meta.get("models", []):
            if m.get("model") not in data.model_slugs:
                problems.append(Problem(path, src.line_of("models"), f"unknown model '{m.get('model')}' (see content/data/models.yml)"))
        plans[pid] = Plan(pid, src.meta, {DEFAULT_LANG: src})
    for src in pending:
        plan = plans.get(src.meta["id"])
        if plan is None:
            problems.append(Problem(src.path, src.line_of("id"), f"translation of unknown plan '{src.meta['id']}'"))
        elif "en" in plan.texts:
            problems.append(Problem(src.path, src.line_of("id"), f"duplicate English plan '{src.meta['id']}'"))
        else:
            plan.texts["en"] = src
    for plan in plans.values():
        if "en" not in plan.texts:
            problems.append(Problem(plan.path, 1, f"plan '{plan.id}' has no English translation (.en.md)", "warning"))
    return plans


# --- everything ----------------------------------------------------------------------------

def load_content(today: dt.date | None = None) -> Content:
    import wards as ward_kits  # imports this module
    ward_today = today or ward_kits.vn_today()
    today = today or dt.date.today()
    problems: list[Problem] = []
    data = load_data()
    lessons = load_lessons(data, problems, today)
    plans = load_plans(data, problems)
    groups_file = DATA / "groups.yml"
    lines = groups_file.read_text(encoding="utf-8").splitlines()
    renamed = renamed_ids(lessons)
    for group in data.groups:
        line = next((i for i, x in enumerate(lines, 1) if x.strip() == f"- slug: {group['slug']}"), 1)
        if group.get("order"):
            for old in set(group["order"]) & set(renamed):
                problems.append(Problem(groups_file, line, f"order of '{group['slug']}' names the old id '{old}': use '{renamed[old]}'", "warning"))
            group["order"] = [renamed.get(lid, lid) for lid in group["order"]]
        for lid in group.get("order") or []:
            if lid not in lessons or group["slug"] not in lessons[lid].meta["groups"]:
                problems.append(Problem(groups_file, line, f"order of '{group['slug']}' names '{lid}', which is not a lesson of this group"))
    for pid in plans:
        if pid in lessons:
            problems.append(Problem(plans[pid].path, 1, f"plan id '{pid}' is also a lesson id"))
    import exercises as exercise_files  # here, not at the top: it imports this module
    exercises = exercise_files.load_exercises(lessons, renamed, problems, today)
    wards = ward_kits.load_wards(data, lessons, plans, renamed, problems, ward_today)
    return Content(data, lessons, plans, problems, exercises, wards)


# --- coverage: groups × competence domains --------------------------------------------------

@dataclass
class Coverage:
    domains: list[dict]
    cells: dict[str, dict[str, list[Lesson]]]  # group slug -> domain -> lessons
    gaps: dict[str, list[str]]  # main group slug -> domains with no lesson


def coverage(content: Content) -> Coverage:
    codes = content.data.competency_codes
    cells: dict[str, dict[str, list[Lesson]]] = {}
    for group in content.data.groups:
        row = {d["domain"]: [] for d in content.data.domains}
        for lesson in content.lessons_in_group(group["slug"]):
            for domain in sorted({codes[c]["domain"] for c in lesson.meta["competencies"] if c in codes}):
                row[domain].append(lesson)
        cells[group["slug"]] = row
    gaps = {g["slug"]: [d for d, ls in cells[g["slug"]].items() if not ls]
            for g in content.data.groups if g.get("main")}
    return Coverage(content.data.domains, cells, {k: v for k, v in gaps.items() if v})
