"""The checkers a content author runs: scripts/check_content.py and scripts/check_links.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT

PY = sys.executable


def run(*args, cwd=ROOT):
    return subprocess.run([PY, *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_content_check_passes_on_the_repository():
    result = run("scripts/check_content.py", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout


def test_content_check_reports_path_line_and_fails(project):
    lesson = project / "content/lessons/nhan-dien-lua-dao-truc-tuyen.vi.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("level: co-ban", "level: sieu-kho"), encoding="utf-8")
    result = run("scripts/check_content.py", cwd=project)
    assert result.returncode == 1
    assert "content/lessons/nhan-dien-lua-dao-truc-tuyen.vi.md:8: error: level:" in result.stdout


def test_old_review_date_is_a_warning_not_an_error(project):
    lesson = project / "content/lessons/nhan-dien-lua-dao-truc-tuyen.vi.md"
    lesson.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2020-01-01", lesson.read_text(encoding="utf-8"), count=1, flags=re.M),
                      encoding="utf-8")
    result = run("scripts/check_content.py", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "warning: facts last reviewed on 2020-01-01" in result.stdout


def test_link_check_passes_on_the_built_site(site):
    result = run("scripts/check_links.py", site)
    assert result.returncode == 0, result.stdout
    assert " 0 broken internal link(s)" in result.stdout


def test_link_check_finds_a_link_broken_after_the_build(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "en/nhom/hoc-sinh")  # the English home page links here
    result = run("scripts/check_links.py", copy)
    assert result.returncode == 1
    assert "en/index.html: broken link" in result.stdout and "hoc-sinh" in result.stdout


def test_link_check_finds_a_broken_anchor(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", '<a href="bai-hoc/nhan-dien-lua-dao-truc-tuyen/#khong-co">x</a></article>', 1), encoding="utf-8")
    result = run("scripts/check_links.py", copy)
    assert result.returncode == 1 and "broken anchor" in result.stdout
