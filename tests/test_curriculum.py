"""The curriculum: enough complete lessons for every group, in both languages, plainly written."""

from __future__ import annotations

import re
import subprocess
from html import escape as html_escape
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from check_content import PLAIN_GROUPS, PLAIN_MAX_AVG_WORDS, readability  # noqa: E402
from content import coverage, load_content  # noqa: E402

MINIMUMS = {"nguoi-dan": 10, "nguoi-cao-tuoi": 4, "nguoi-khuyet-tat": 3, "tieu-thuong": 4,
            "can-bo": 6, "hoc-sinh": 6, "nguoi-lao-dong": 6}


@pytest.fixture(scope="module")
def content():
    return load_content()


def test_at_least_45_lessons_with_no_content_error(content):
    assert len(content.lessons) >= 45
    assert not content.errors, "\n".join(map(str, content.errors))


@pytest.mark.parametrize("group,minimum", MINIMUMS.items())
def test_each_group_has_its_minimum_of_lessons(content, group, minimum):
    assert len(content.lessons_in_group(group)) >= minimum


def test_gia_dinh_so_has_a_family_rules_lesson(content):
    assert "quy-tac-gia-dinh-va-kiem-soat-cua-phu-huynh" in [le.id for le in content.lessons_in_model("gia-dinh-so")]


def test_every_lesson_is_translated(content):
    assert [le.id for le in content.lessons.values() if "en" not in le.texts] == []


def test_main_groups_cover_all_six_domains(content):
    assert coverage(content).gaps == {}


def test_residents_lessons_average_under_20_words_a_sentence(content):
    long = [(lid, lang, round(avg, 1)) for lid, lang, avg, plain in readability(content)
            if plain and avg >= PLAIN_MAX_AVG_WORDS]
    assert long == []
    assert PLAIN_GROUPS >= {"nguoi-dan", "nguoi-cao-tuoi"}


def test_readability_report_prints_each_lesson():
    out = subprocess.run([sys.executable, "scripts/check_content.py", "--readability"], cwd=ROOT,
                         capture_output=True, text=True).stdout
    assert re.search(r"cai-dat-vneid\s+vi\s+\d+\.\d", out)


def test_english_twin_must_keep_the_structure(project):
    en = project / "content/lessons/cai-dat-vneid.en.md"
    text = en.read_text(encoding="utf-8")
    # drop the last step of the first numbered list
    lines = text.splitlines()
    first = next(i for i, x in enumerate(lines) if re.match(r"^1\. ", x))
    end = first
    while end + 1 < len(lines) and re.match(r"^\d+\. ", lines[end + 1]):
        end += 1
    del lines[end]
    en.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "scripts/check_content.py"], cwd=project, capture_output=True, text=True)
    assert out.returncode == 1
    assert "content/lessons/cai-dat-vneid.en.md" in out.stdout and "lists differ from the Vietnamese lesson" in out.stdout


def test_english_quiz_must_keep_the_right_answer(project):
    en = project / "content/lessons/nhan-dien-lua-dao-truc-tuyen.en.md"
    text = en.read_text(encoding="utf-8")
    text = text.replace("- [ ] Read the code to help", "- [x] Read the code to help", 1)
    text = text.replace("- [x] Do not read the code", "- [ ] Do not read the code", 1)
    en.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "scripts/check_content.py"], cwd=project, capture_output=True, text=True)
    assert out.returncode == 1 and "right answer" in out.stdout


def test_a_coverage_gap_fails_the_check(project):
    # take domain 6 (AI) away from every lesson of the officials' group
    for path in (project / "content/lessons").glob("*.vi.md"):
        text = path.read_text(encoding="utf-8")
        if "can-bo" in text.split("---")[1]:
            text = re.sub(r'"6\.\d",? ?', "", text)
            path.write_text(text.replace("competencies: []", 'competencies: ["4.2"]'), encoding="utf-8")
    sys.path.insert(0, str(project / "scripts"))
    out = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'scripts');"
                          "from content import load_content, coverage; print(coverage(load_content()).gaps)"],
                         cwd=project, capture_output=True, text=True)
    assert "'can-bo': ['6']" in out.stdout, out.stdout + out.stderr


def test_group_pages_give_an_order_and_the_time_it_takes(site, content):
    html = (site / "nhom/nguoi-dan/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'data-lesson="([a-z0-9-]+)"', html)
    assert ids == [le.id for le in content.lessons_in_group("nguoi-dan")]
    assert ids[0] == "dien-thoai-co-ban"
    total = sum(le.meta["duration_minutes"] for le in content.lessons_in_group("nguoi-dan"))
    assert f"{total // 60} giờ {total % 60} phút" in html


def test_glossary_terms_are_explained_where_they_appear(site, content):
    assert len(content.data.glossary) >= 30
    html = (site / "bai-hoc/mat-khau-va-ma-otp/index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">OTP</abbr>', html)
    glossary = (site / "tu-dien/index.html").read_text(encoding="utf-8")
    assert all(f'id="{e["id"]}"' in glossary for e in content.data.glossary)


def test_coverage_page_shows_counts_and_links(site):
    html = (site / "bao-phu/index.html").read_text(encoding="utf-8")
    assert "Khai thác dữ liệu và thông tin" in html and "Ứng dụng trí tuệ nhân tạo" in html
    assert 'href="../nhom/can-bo/"' in html


def test_every_lesson_lists_official_sources(site, content):
    for le in content.lessons.values():
        html = (site / f"bai-hoc/{le.id}/index.html").read_text(encoding="utf-8")
        assert "Nguồn tham khảo" in html
        assert all(html_escape(s["url"]) in html for s in le.meta["sources"]), le.id
