#!/usr/bin/env python3
"""What 3,321 wards cost: generate ward folders from the template into a copy of the project and
build it beside the copy as it is.

  python scripts/bench_wards.py [--wards 3321] [--write docs/do-luong.en.md docs/do-luong.md]

Viet Nam has 3,321 wards, communes and special zones (since 1/7/2025). Each generated ward is the
template content/wards/_mau/ with its sample marks removed, its own name, one of 34 provinces and
three classes after today. The bench checks that a lesson page's HTML is byte-identical with and
without them, and compares the build's cost per page (wall clock and CPU time of the build process).
tests/test_wards_scale.py runs the same with 200 wards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import ROOT  # noqa: E402

WARDS_IN_VIETNAM = 3321
PROVINCES = 34
LESSON_PAGE = "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html"
IGNORE = shutil.ignore_patterns(".venv", "site", ".site-*", "node_modules", ".git", ".cache", "__pycache__",
                                ".pytest_cache", "*.egg-info")


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def generate(project: Path, count: int, today: dt.date | None = None) -> list[str]:
    """Add `count` ward folders made from the template; returns their ids."""
    from wards import vn_today
    today = today or vn_today()
    base = project / "content/wards"
    template = base / "_mau"
    ids = []
    for i in range(count):
        ward_id = f"phuong-thu-nghiem-{i:04d}"
        dest = base / ward_id
        shutil.copytree(template, dest)
        for path in dest.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8").replace(" (mẫu)", "").replace("(mẫu)", "")
                path.write_text(text, encoding="utf-8")
        ward = dest / "ward.yml"
        text = ward.read_text(encoding="utf-8")
        text = re.sub(r"^name: .*$", f"name: Phường Thử Nghiệm {i:04d}", text, count=1, flags=re.M)
        text = re.sub(r"^province: .*$", f"province: Tỉnh Thử Nghiệm {i % PROVINCES + 1:02d}", text, count=1, flags=re.M)
        ward.write_text(text, encoding="utf-8")
        classes = dest / "classes.yml"
        first = classes.read_text(encoding="utf-8").split("classes:\n", 1)[1]
        entries = []
        for k in range(3):  # three classes, a week apart, after today
            day = today + dt.timedelta(days=3 + (i % 30) + 7 * k)
            entries.append(re.sub(r"date: \d{4}-\d{2}-\d{2}", f"date: {day.isoformat()}", first, count=1))
        classes.write_text("classes:\n" + "".join(entries), encoding="utf-8")
        ids.append(ward_id)
    return ids


def build(project: Path) -> dict:
    """Build a project copy; wall and CPU seconds of the build, and its HTML pages."""
    site = project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("WARD", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "scripts/docs.py", "build", "--site-dir", str(site)], cwd=project,
                            env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise RuntimeError(f"build failed in {project}:\n{result.stderr[-3000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"site": site, "wall": wall, "cpu": cpu, "pages": pages,
            "wall_per_page": wall / pages, "cpu_per_page": cpu / pages}


def measure(count: int, work: Path) -> dict:
    plain = build(copy_project(work / "now"))
    grown_project = copy_project(work / "grown")
    ids = generate(grown_project, count)
    grown = build(grown_project)
    lesson_same = (plain["site"] / LESSON_PAGE).read_bytes() == (grown["site"] / LESSON_PAGE).read_bytes()
    site = grown["site"]
    sample = ids[len(ids) // 2]
    sizes = {
        "ward page": (site / f"dia-phuong/{sample}/index.html").stat().st_size,
        "widget + CSS": (site / f"nhung/dia-phuong/{sample}/index.html").stat().st_size
                        + (site / "assets/widget.css").stat().st_size,
        "calendar (.ics)": (site / f"dia-phuong/{sample}/lich-hoc.ics").stat().st_size,
        "poster": (site / f"tai-lieu-in/dia-phuong/{sample}/index.html").stat().st_size,
        "index of provinces": (site / "dia-phuong/index.html").stat().st_size,
        "largest province page": max(p.stat().st_size for p in (site / "dia-phuong/tinh").glob("*/index.html")),
        "catalog.json": (site / "api/catalog.json").stat().st_size,
        "catalog.json gzipped": len(gzip.compress((site / "api/catalog.json").read_bytes(), 9)),
        "search index (vi)": (site / "tim-kiem/chi-muc.json").stat().st_size,
    }
    search_before = (plain["site"] / "tim-kiem/chi-muc.json").stat().st_size
    return {"count": count, "plain": plain, "grown": grown, "lesson_same": lesson_same, "sizes": sizes,
            "search_before": search_before}


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def report(r: dict) -> str:
    p, g = r["plain"], r["grown"]
    rows = ["| site | HTML pages | build (wall) | build (CPU) | per page (wall) | per page (CPU) |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, m in (("as it is", p), (f"with {r['count']:,} more wards", g)):
        rows.append(f"| {name} | {m['pages']:,} | {m['wall']:.1f} s | {m['cpu']:.1f} s | "
                    f"{m['wall_per_page'] * 1000:.1f} ms | {m['cpu_per_page'] * 1000:.1f} ms |")
    ratio_wall = g["wall_per_page"] / p["wall_per_page"]
    ratio_cpu = g["cpu_per_page"] / p["cpu_per_page"]
    sizes = ", ".join(f"{k} {kb(v)}" for k, v in r["sizes"].items())
    return ("\n".join(rows) + "\n\n"
            f"Per-page cost with {r['count']:,} wards: {ratio_wall:.2f}× (wall), {ratio_cpu:.2f}× (CPU) of the site as it is "
            f"(limit 2×). Lesson page HTML byte-identical: {'yes' if r['lesson_same'] else 'NO'}. "
            f"Sizes (one generated ward; raw unless gzipped): {sizes}; search index before: {kb(r['search_before'])} "
            f"(ward pages are not indexed).\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wards", type=int, default=WARDS_IN_VIETNAM)
    ap.add_argument("--write", type=Path, nargs="*", default=[], help="pages to update between the bench-wards markers")
    args = ap.parse_args(argv)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    work = Path(tempfile.mkdtemp(prefix="bench-wards-"))
    try:
        r = measure(args.wards, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(r) + f"Measured {started} on this machine with `make bench` (scripts/bench_wards.py --wards {args.wards}).\n"
    print(text)
    for page in args.write:
        body = page.read_text(encoding="utf-8")
        block = f"<!-- bench-wards:start -->\n{text}<!-- bench-wards:end -->"
        page.write_text(re.sub(r"<!-- bench-wards:start -->.*<!-- bench-wards:end -->", lambda _: block, body, flags=re.S),
                        encoding="utf-8")
    ok = r["lesson_same"] and r["grown"]["cpu_per_page"] <= 2 * r["plain"]["cpu_per_page"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
