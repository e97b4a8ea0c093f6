"""Content a resident can trust: every fact traceable to a source, sources graded by who publishes them.

The rules (content/data/sources.yml, scripts/citations.py) fail on a temporary copy of a lesson that
breaks them, naming the file and line; the repository's own lessons pass them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build

import citations
import source_tiers
from check_content import PLAIN_GROUPS
from content import DEFAULT_LANG, load_content

LESSON = "content/lessons/thanh-toan-qr-an-toan.vi.md"
TWIN = "content/lessons/thanh-toan-qr-an-toan.en.md"
RESIDENT_GROUPS = set(PLAIN_GROUPS)  # residents' lessons: the groups that must read plainly, too


@pytest.fixture(scope="module")
def content():
    return load_content()


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/check_content.py"], cwd=project, capture_output=True, text=True)


def edit(project: Path, rel: str, change) -> None:
    path = project / rel
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit changed nothing"
    path.write_text(after, encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, x in enumerate(lines, 1) if needle in x)


# --- tiers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, tier", [
    ("https://vanban.chinhphu.vn/?pageid=27160&docid=210513", "official"),
    ("https://congan.hanoi.gov.vn/tin-tuc/canh-bao", "official"),
    ("https://tinnhiemmang.vn/website-lua-dao", "official"),
    ("https://support.google.com/android/answer/9079129", "vendor"),
    ("https://www.quangtri.gov.vn/tin-tuc", "local-gov"),
    ("https://camthanh.camlo.quangtri.gov.vn/chi-tiet", "local-gov"),
    ("https://thanhnien.vn/bai-viet.htm", "press"),
    ("https://vietjack.me/tin-phap-luat/x", "blocked"),
    ("https://thuvienphapluat.vn/van-ban/x", "blocked"),
    ("https://example.org/page", None),
])
def test_a_source_is_graded_by_its_domain(url, tier):
    assert source_tiers.tier(url) == tier


@pytest.mark.parametrize("url, stale", [
    ("https://dean06.hanam.gov.vn/tailieu/dk_t5.html", True),     # Hà Nam merged into Ninh Bình
    ("https://congan.binhduong.gov.vn/tin", True),
    ("https://congan.ninhbinh.gov.vn/tin", False),
    ("https://vanban.chinhphu.vn/x", False),
])
def test_a_merged_provinces_portal_is_flagged_stale(url, stale):
    assert source_tiers.stale(url) is stale


def test_a_stale_source_is_a_warning_on_its_line(project):
    edit(project, LESSON, lambda s: s.replace(
        "sources:\n", "sources:\n  - id: ha-nam\n    title: Tài liệu Đề án 06\n    url: https://dean06.hanam.gov.vn/tailieu/dk_t5.html\n", 1))
    line = line_of(project, LESSON, "dean06.hanam.gov.vn")
    result = check(project)
    assert f"{LESSON}:{line}: warning: source on the portal of a merged province (dean06.hanam.gov.vn)" in result.stdout, result.stdout


# --- the checker: each rule fails on a broken copy, with file:line ------------------------------

def test_a_lesson_with_only_press_sources_fails(project):
    edit(project, LESSON, lambda s: re.sub(r"url: https://[^/\s]+/", "url: https://thanhnien.vn/", s))
    result = check(project)
    assert result.returncode == 1
    assert re.search(re.escape(LESSON) + r":\d+: error: no official or vendor source", result.stdout), result.stdout


def test_a_blocked_source_fails_on_its_line(project):
    edit(project, LESSON, lambda s: s.replace(
        "sources:\n", "sources:\n  - id: vietjack\n    title: Chép lại luật\n    url: https://vietjack.me/tin-phap-luat/vneid\n", 1))
    line = line_of(project, LESSON, "vietjack.me")
    result = check(project)
    assert result.returncode == 1
    assert f"{LESSON}:{line}: error: source on a blocked domain (vietjack.me)" in result.stdout, result.stdout


def test_an_unknown_domain_is_a_warning_that_names_it(project):
    edit(project, LESSON, lambda s: s.replace(
        "sources:\n", "sources:\n  - id: la\n    title: Trang lạ\n    url: https://khong-ro-nguon.example/x\n", 1))
    result = check(project)
    assert "warning: source domain 'khong-ro-nguon.example' is on no list" in result.stdout, result.stdout


def test_an_uncited_number_fails_on_its_line(project):
    edit(project, LESSON, lambda s: s.replace("### Sau khi trả tiền\n\n", "### Sau khi trả tiền\n\nPhí mỗi lần chuyển là 5.000 đồng.\n\n", 1))
    line = line_of(project, LESSON, "Phí mỗi lần chuyển là 5.000 đồng.")
    result = check(project)
    assert result.returncode == 1
    assert f"{LESSON}:{line}: error: uncited fact (number 5.000" in result.stdout, result.stdout


def test_an_uncited_label_or_agency_fails(project):
    edit(project, LESSON, lambda s: s.replace("### Sau khi trả tiền\n\n", "### Sau khi trả tiền\n\n"
                                              "Chạm nút \"Xác nhận\".\n\nBáo ngay cho Bộ Công an.\n\n", 1))
    result = check(project)
    label_line = line_of(project, LESSON, 'Chạm nút "Xác nhận".')
    assert f"{LESSON}:{label_line}: error: uncited fact (label" in result.stdout, result.stdout
    assert f"{LESSON}:{line_of(project, LESSON, 'Báo ngay cho Bộ Công an')}: error: uncited fact (name" in result.stdout


def test_the_same_sentence_with_a_citation_passes(project):
    sid = re.search(r"- id: ([a-z0-9-]+)", (project / LESSON).read_text(encoding="utf-8")).group(1)
    edit(project, LESSON, lambda s: s.replace("### Sau khi trả tiền\n\n", f"### Sau khi trả tiền\n\nPhí mỗi lần chuyển là 5.000 đồng.[^{sid}]\n\n", 1))
    result = check(project)
    assert "5.000" not in result.stdout and result.returncode == 0, result.stdout


def test_a_citation_to_no_source_fails(project):
    edit(project, LESSON, lambda s: s.replace("### Sau khi trả tiền\n\n", "### Sau khi trả tiền\n\nĐọc kỹ.[^khong-co]\n\n", 1))
    result = check(project)
    assert result.returncode == 1
    assert f"{LESSON}:{line_of(project, LESSON, '[^khong-co]')}: error: citation [^khong-co] names no source" in result.stdout


def test_the_english_twin_must_cite_the_same_sources(project):
    edit(project, TWIN, lambda s: re.sub(r"\[\^[a-z0-9-]+\]", "", s, count=1))
    result = check(project)
    assert result.returncode == 1
    assert re.search(re.escape(TWIN) + r":\d+: error: '## [A-Za-z ]+' cites .* the Vietnamese lesson cites", result.stdout), result.stdout


def test_a_lesson_without_a_review_note_fails(project):
    edit(project, LESSON, lambda s: re.sub(r"^review: .*\n", "", s, count=1, flags=re.M))
    result = check(project)
    assert result.returncode == 1
    assert "'review' is a required property" in result.stdout


def test_an_uncited_fact_stops_the_build(project):
    edit(project, LESSON, lambda s: s.replace("### Sau khi trả tiền\n\n", "### Sau khi trả tiền\n\nGọi số 1900 0000.\n\n", 1))
    result, out = build(project)
    assert result.returncode != 0
    assert f"{LESSON}:{line_of(project, LESSON, 'Gọi số 1900 0000.')}: error: uncited fact" in result.stdout + result.stderr
    assert not out.exists()


# --- the repository's lessons -----------------------------------------------------------------

def test_every_lesson_has_an_official_or_vendor_source(content):
    for le in content.lessons.values():
        tiers = [source_tiers.tier(s["url"]) for s in le.meta["sources"]]
        assert set(tiers) & set(source_tiers.PRIMARY), le.id
        assert "blocked" not in tiers, le.id


def test_at_least_half_of_all_sources_are_official_or_vendor(content):
    tiers = [source_tiers.tier(s["url"]) for le in content.lessons.values() for s in le.meta["sources"]]
    primary = sum(t in source_tiers.PRIMARY for t in tiers)
    assert primary * 2 >= len(tiers), f"{primary} of {len(tiers)}"


def test_residents_lessons_have_no_uncited_fact(content):
    for le in content.lessons.values():
        if RESIDENT_GROUPS & set(le.meta["groups"]):
            for lang, text in le.texts.items():
                findings, _ = citations.check_body(text.src.path, text.sections, le.meta["sources"], source_tiers.names())
                assert not findings, "\n".join(f"{f.path}:{f.line}: {f.message}" for f in findings)


def test_each_lesson_has_its_own_review(content):
    for le in content.lessons.values():
        assert le.meta["review"].strip() and le.texts["en"].src.meta["review"].strip(), le.id
        ids = set(citations.numbers(le.meta["sources"]))
        named = {sid for sid in ids if re.search(rf"(?<![\w-]){re.escape(sid)}(?![\w-])", le.meta["review"])}
        assert named, f"{le.id}: the review note names none of the lesson's sources"


# --- what a reader sees -------------------------------------------------------------------------

def test_citation_marks_link_to_the_lessons_numbered_sources(site, content):
    for le in content.lessons.values():
        for prefix in ("", "en/"):
            html = (site / f"{prefix}bai-hoc/{le.id}/index.html").read_text(encoding="utf-8")
            targets = set(re.findall(r'<sup class="cite"><a href="#(nguon-\d+)"', html))
            assert "[^" not in html, le.id
            for target in targets:
                assert f'<li id="{target}">' in html, (le.id, target)
            if RESIDENT_GROUPS & set(le.meta["groups"]):
                assert targets, le.id


def test_review_page_lists_each_lesson_with_date_and_tiers(site, content):
    for prefix, word in (("", "cơ quan nhà nước có thẩm quyền"), ("en/", "responsible agency")):
        html = (site / f"{prefix}kiem-chung/index.html").read_text(encoding="utf-8")
        assert word in html
        for le in content.lessons.values():
            assert f'id="{le.id}"' in html, le.id
            y, m, d = le.meta["reviewed"].split("-")
            assert f"{int(d)}/{int(m)}/{y}" in html


def test_handout_lists_numbered_sources(site, content):
    le = content.lessons["thanh-toan-qr-an-toan"]
    html = (site / "tai-lieu-in/thanh-toan-qr-an-toan/index.html").read_text(encoding="utf-8")
    assert '<sup class="cite">' in html and '<li id="nguon-1">' in html
    deck = (site / "trinh-chieu/thanh-toan-qr-an-toan/index.html").read_text(encoding="utf-8")
    assert "[^" not in deck and DEFAULT_LANG
    assert le.meta["sources"][0]["title"].split()[0] in deck
