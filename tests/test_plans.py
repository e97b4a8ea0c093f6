"""Local plans: faithful summaries, comparisons built from their front matter, model pages."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, build
from render import date_vi

PLANS = ["nam-dong-hai-phong-2025", "dak-rve-quang-ngai-2025", "bac-thanh-mien-hai-phong-2025",
         "ban-thach-da-nang-2025", "hong-bang-hai-phong-2025"]
MODELS = ["gia-dinh-so", "cho-so-4t", "moi-cong-dan-mot-danh-tinh-so", "to-cong-nghe-so-cong-dong",
          "dai-su-so", "thanh-nien-chung-tay"]
# OCR slips of the sources that must never reach a page (content guide and plan notes).
OCR_GARBAGE = ["VnELD", "VNED", "VneID", "MNCs", "Killing", "Tiling ương", "Công dịch vụ công", "viên thông"]


@pytest.mark.parametrize("plan", PLANS)
def test_each_plan_has_a_page_in_both_locales(site, plan):
    vi = (site / f"ke-hoach/{plan}/index.html").read_text(encoding="utf-8")
    en = (site / f"en/ke-hoach/{plan}/index.html").read_text(encoding="utf-8")
    assert "Thông tin văn bản" in vi and "About the document" in en
    assert "has not been translated" not in en


def plan_data(plan: str) -> dict:
    text = (ROOT / f"content/plans/{plan}.vi.md").read_text(encoding="utf-8")
    return yaml.safe_load(re.match(r"\A---\s*\n(.*?)\n---", text, re.S).group(1))


def section(page: str, heading: str) -> str:
    """The HTML from an <h2> with this text to the next <h2>."""
    start = re.search(rf"<h2[^>]*>\s*{re.escape(heading)}\s*<", page)
    assert start, f"no <h2> {heading!r}"
    end = page.find("<h2", start.end())
    return page[start.start():end if end > 0 else len(page)]


def words(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace runs as one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment)))


@pytest.mark.parametrize("plan", PLANS)
def test_plan_page_shows_its_grounds_bodies_dates_and_model_terms(site, plan):
    data = plan_data(plan)
    for lang, prefix, (grounds, bodies, dates, models) in (
            ("vi", "", ("Căn cứ", "Bộ máy", "Các mốc thời gian", "Mô hình cộng đồng")),
            ("en", "en/", ("Grounds", "Bodies", "Dates", "Community models"))):
        page = (site / f"{prefix}ke-hoach/{plan}/index.html").read_text(encoding="utf-8")
        items = [words(li) for li in re.findall(r"<li>(.*?)</li>", section(page, grounds), re.S)]
        for g in data["grounds"]:  # one item per document: its number and its date together
            date = date_vi(g["date"]) if g["date"] else ("không ghi ngày" if lang == "vi" else "no date given")
            assert any(g["ref"] in li and date in li for li in items), (lang, g["ref"], date)
        assert len(items) == len(data["grounds"])
        text = words(section(page, bodies))
        for b in data["bodies"]:
            assert b["name"]["vi"] in text and b["name"][lang] in text, (lang, b["name"])
            assert b["lead"][lang] in text, (lang, b["lead"])
        table = section(page, dates)
        assert "<table>" in table and len(re.findall(r"<th[ >]", table)) == 3, "the dates table has a header row"
        text = words(table)
        assert ("Ban hành" if lang == "vi" else "Issued") in text, "the issue date comes first"
        for d in data["dates"]:
            when = d["when"][lang]
            assert when[:1].upper() + when[1:] in text, (lang, when)
        if data["models"]:
            text = words(section(page, models))
            assert all(m["term"] in text for m in data["models"]), lang


def test_movement_and_model_pages_exist_in_both_locales(site):
    for rel in ["phong-trao", "phong-trao/viet-tat", "ke-hoach"] + [f"phong-trao/{m}" for m in MODELS]:
        assert (site / rel / "index.html").exists(), rel
        assert "has not been translated" not in (site / "en" / rel / "index.html").read_text(encoding="utf-8"), rel


def test_model_pages_list_leads_from_plan_data_and_lessons(site):
    html = (site / "phong-trao/gia-dinh-so/index.html").read_text(encoding="utf-8")
    assert "Hội Phụ nữ xã" in html  # Bắc Thanh Miện's lead, from its front matter
    assert "quy-tac-gia-dinh-va-kiem-soat-cua-phu-huynh" in html


def test_no_ocr_garbage_reaches_any_page(site):
    found = []
    for page in site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {g}" for g in OCR_GARBAGE if g in text]
    assert not found, found[:10]


def test_comparison_numbers_come_from_plan_front_matter(project):
    plan = project / "content/plans/dak-rve-quang-ngai-2025.vi.md"
    text = plan.read_text(encoding="utf-8")
    assert "    count: 4200\n" in text
    plan.write_text(text.replace("    count: 4200\n", "    count: 4321\n", 1), encoding="utf-8")
    result, site = build(project)
    assert result.returncode == 0, result.stderr
    html = (site / "ke-hoach/index.html").read_text(encoding="utf-8")
    table_2025 = html[html.index('id="chi-tieu-nam-2025"'):html.index('id="chi-tieu-nam-2026"')]
    assert "4.321 người" in table_2025 and "4.200 người" not in table_2025
    assert "4,321 people" in (site / "en/ke-hoach/index.html").read_text(encoding="utf-8")


def test_comparison_page_has_targets_models_and_calendar(site):
    html = (site / "ke-hoach/index.html").read_text(encoding="utf-8")
    for heading in ["Chỉ tiêu năm 2025", "Chỉ tiêu năm 2026", "Mô hình cộng đồng ở từng địa phương", "Lịch và thời hạn"]:
        assert heading in html
    assert "<table>" in html and "10/10" in html


def test_the_template_passes_the_checker(project):
    shutil.copy(project / "content/plans/_template.vi.md.txt", project / "content/plans/mau-thu.vi.md")
    out = subprocess.run([sys.executable, "scripts/check_content.py"], cwd=project, capture_output=True, text=True)
    assert " 0 error(s)" in out.stdout, out.stdout
    assert "6 plans" in out.stdout


def test_a_plan_with_an_unknown_model_stops_the_build(project):
    plan = project / "content/plans/nam-dong-hai-phong-2025.vi.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"model: gia-dinh-so", "model: mo-hinh-khong-co", text, count=1), encoding="utf-8")
    result, _ = build(project)
    assert result.returncode != 0
    assert "content/plans/nam-dong-hai-phong-2025.vi.md" in result.stderr and "mo-hinh-khong-co" in result.stderr


def test_seed_check_runs_only_beside_the_seeds():
    seeds = ROOT.parent / "shared" / "seeds"
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_plans_against_seeds.py"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert ("5 passed" in out.stdout) if seeds.exists() else ("5 skipped" in out.stdout)
