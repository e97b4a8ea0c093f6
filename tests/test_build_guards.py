"""Bad input stops the build with `file:line: what is wrong`, and leaves no half-built site."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build

LESSON = "content/lessons/nhan-dien-lua-dao-truc-tuyen.vi.md"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_fails_naming(project: Path, rel: str, pattern: str) -> str:
    result, out = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    assert re.search(re.escape(rel) + r":\d+: .*" + pattern, output) or (rel in output and re.search(pattern, output)), output[-2000:]
    assert not out.exists(), "a failed build must not leave a site behind"
    return output


def test_a_clean_copy_builds(project):
    result, out = build(project)
    assert result.returncode == 0, result.stderr
    assert (out / "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").exists()


def test_broken_link_in_a_lesson_stops_the_build(project):
    edit(project, LESSON, "## Thực hành\n", "## Thực hành\n\nXem [bài này](/bai-hoc/khong-co-bai-nay.md).\n")
    out = assert_fails_naming(project, LESSON, "broken link: no lesson with id 'khong-co-bai-nay'")
    assert re.search(re.escape(LESSON) + r":\d+:", out)


def test_broken_link_in_a_site_page_stops_the_build(project):
    edit(project, "docs/index.md", "## Về trang này", "[hỏng](khong-co-trang-nay.md)\n\n## Về trang này")
    result, out = build(project)
    assert result.returncode != 0
    assert "index.md" in result.stderr and "khong-co-trang-nay.md" in result.stderr
    assert not out.exists()


def test_malformed_front_matter_stops_the_build(project):
    edit(project, LESSON, "level: co-ban", "level: [co-ban")
    assert_fails_naming(project, LESSON, "malformed front matter")


def test_missing_required_field_stops_the_build(project):
    edit(project, LESSON, "duration_minutes: 30\n", "")
    assert_fails_naming(project, LESSON, "'duration_minutes' is a required property")


def test_unknown_group_stops_the_build(project):
    edit(project, LESSON, "groups: [nguoi-dan,", "groups: [nguoi-ngoai-hanh-tinh,")
    out = assert_fails_naming(project, LESSON, "unknown group 'nguoi-ngoai-hanh-tinh'")
    assert re.search(re.escape(LESSON) + r":5:", out), "the line of `groups:` is named"


def test_unknown_competency_stops_the_build(project):
    edit(project, LESSON, 'competencies: ["1.2"', 'competencies: ["9.9"')
    assert_fails_naming(project, LESSON, "competencies")


def test_duplicate_id_stops_the_build(project):
    src = project / LESSON
    copy = project / "content/lessons/sub/ban-sao.vi.md"
    copy.parent.mkdir()
    copy.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    assert_fails_naming(project, "content/lessons/sub/ban-sao.vi.md", "duplicate id 'nhan-dien-lua-dao-truc-tuyen'")


def test_missing_section_stops_the_build(project):
    edit(project, LESSON, "## Thực hành\n", "## Luyện tập\n")
    assert_fails_naming(project, LESSON, "unknown section '## Luyện tập'")


def test_question_without_a_right_answer_stops_the_build(project):
    edit(project, LESSON, "- [x] Không đọc mã", "- [ ] Không đọc mã")
    assert_fails_naming(project, LESSON, "exactly one right option")


def test_image_without_alt_text_stops_the_build(project):
    edit(project, LESSON, "![Sơ đồ ba bước: dừng lại, kiểm tra, báo cáo]", "![]")
    assert_fails_naming(project, LESSON, "image without alt text")


def test_moving_a_lesson_file_keeps_its_url(project):
    src = project / LESSON
    dest = project / "content/lessons/an-toan/lua-dao/bai-moi-ten.vi.md"
    dest.parent.mkdir(parents=True)
    src.rename(dest)
    result, out = build(project)
    assert result.returncode == 0, result.stderr
    assert (out / "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").exists()
