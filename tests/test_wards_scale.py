"""Wards scale: a ward adds pages to its own section only. With 200 wards made from the template
(3,321 in `make bench`, scripts/bench_wards.py), a lesson page's HTML is byte-identical and the
build's cost per page stays within 2× of the site as it is."""

from __future__ import annotations

import shutil
import sys

from conftest import COPY_IGNORE, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from bench_wards import LESSON_PAGE, build, generate  # noqa: E402

WARDS = 200


def test_200_wards_leave_lesson_pages_unchanged_and_the_per_page_build_cost_within_2x(tmp_path):
    plain_project = tmp_path / "plain"
    shutil.copytree(ROOT, plain_project, ignore=COPY_IGNORE)
    (plain_project / "node_modules").symlink_to(ROOT / "node_modules")
    grown_project = tmp_path / "grown"
    shutil.copytree(plain_project, grown_project, symlinks=True)
    ids = generate(grown_project, WARDS)

    plain = build(plain_project)
    grown = build(grown_project)

    assert (plain["site"] / LESSON_PAGE).read_bytes() == (grown["site"] / LESSON_PAGE).read_bytes()
    assert (grown["site"] / f"dia-phuong/{ids[-1]}/index.html").exists()
    assert (grown["site"] / f"en/nhung/dia-phuong/{ids[0]}/index.html").stat().st_size < 5000
    assert grown["pages"] >= plain["pages"] + 4 * WARDS  # page and poster (and widget) per locale
    # CPU time of the build process: steadier than the wall clock on a shared machine
    assert grown["cpu_per_page"] <= 2 * plain["cpu_per_page"], (plain, grown)
