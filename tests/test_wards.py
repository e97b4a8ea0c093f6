"""Ward kits: each ward's “Bình dân học vụ số” section, built from one folder of plain files
(content/wards/<id>/), with its widget, calendar, poster and catalog entry; bad ward files stop the
build with file:line; a ward's own copy of the site (WARD=<id>) opens on its section."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "scripts"))
import wards  # noqa: E402
from content import load_content  # noqa: E402

SITE_URL = "https://hockynangso.example.vn/"
CONTENT = load_content()
EXAMPLE = "phuong-vi-du"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_WARDS = ["bac-thanh-mien-hai-phong", "ban-thach-da-nang", "dak-rve-quang-ngai", "hong-bang-hai-phong",
              "nam-dong-hai-phong"]
LOCALES = {"vi": "", "en": "en/"}
EXAMPLE_LABEL = {"vi": "Ví dụ minh họa", "en": "Example"}


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


# --- the content -------------------------------------------------------------------------------

def test_the_example_and_the_five_seed_localities_are_wards():
    assert set(CONTENT.wards) == {EXAMPLE, *SEED_WARDS}
    assert CONTENT.wards[EXAMPLE].example and not any(CONTENT.wards[w].example for w in SEED_WARDS)
    assert [p for p in CONTENT.problems if "content/wards" in str(p.path)] == []


def test_seed_localities_follow_their_plans_and_invent_nothing():
    """Targets and models come from the plan summaries; no contact, figure or story is added."""
    for wid in SEED_WARDS:
        ward = CONTENT.wards[wid]
        assert ward.meta["plans"] and all(p in CONTENT.plans for p in ward.meta["plans"])
        assert not ward.meta.get("targets"), "a summarised plan's targets come from the summary"
        assert ward.progress["figures"] == [], f"{wid}: no seed states a result in figures"
        assert ward.classes == [] and ward.stories == [] and ward.practices == []
        assert not any(h.get("contact") for h in ward.meta["help"]), f"{wid}: the plans give no contact"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed plans live outside the repository (../shared/seeds)")
def test_every_quote_in_a_seed_ward_is_in_its_plans_source_text():
    def quotes(value):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from ([v] if k == "quote" else quotes(v))
        elif isinstance(value, list):
            for v in value:
                yield from quotes(v)

    collapse = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    for wid in SEED_WARDS:
        ward = CONTENT.wards[wid]
        sources = [collapse((SEEDS / CONTENT.plans[p].meta["source"]["file"]).read_text(encoding="utf-8"))
                   for p in ward.meta["plans"]]
        found = list(quotes(ward.meta)) + list(quotes(ward.progress))
        assert found, wid
        for q in found:
            assert any(collapse(q) in s for s in sources), f"{wid}: not in the seed: {q!r}"
        # every help point and team says where it comes from
        assert all(item.get("quote") for item in ward.meta["help"] + ward.meta["teams"]), wid


# --- pages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LOCALES)
def test_the_example_ward_has_its_page_widget_calendar_and_poster_marked_as_an_example(site, lang):
    p = LOCALES[lang]
    page = read(site, f"{p}dia-phuong/{EXAMPLE}/index.html")
    widget = read(site, f"{p}nhung/dia-phuong/{EXAMPLE}/index.html")
    poster = read(site, f"{p}tai-lieu-in/dia-phuong/{EXAMPLE}/index.html")
    ics = (site / f"{p}dia-phuong/{EXAMPLE}/lich-hoc.ics").read_bytes()
    label = EXAMPLE_LABEL[lang]
    assert re.search(rf"<h1[^>]*>[^<]*\({label}\)", page)
    assert f'<p class="admonition-title">{label}</p>' in page
    assert label in widget and label in poster
    cal = Calendar.from_ical(ics)
    assert label in str(cal["X-WR-CALNAME"]) and label in str(cal["NAME"])
    assert all(str(e.get("SUMMARY")).startswith(f"[{label}]") for e in cal.walk("VEVENT"))


def test_a_ward_page_lists_the_next_classes_in_date_order_with_each_lessons_slides_and_handout(site):
    html = read(site, f"dia-phuong/{EXAMPLE}/index.html")
    ward = CONTENT.wards[EXAMPLE]
    upcoming = ward.upcoming()
    shown = re.findall(r'<h3 id="(lop-[0-9-]+)"', html)
    assert shown == [f"lop-{c.date.isoformat()}-{int(c.start.split(':')[0]):02d}{c.start.split(':')[1]}"
                     for c in upcoming[:len(shown)]]
    assert len(shown) >= 3
    section = html.split('id="lop-hoc"')[1].split('id="ho-tro"')[0]
    for lid in upcoming[0].lessons:
        assert f'href="../../bai-hoc/{lid}/"' in section
        assert f'href="../../trinh-chieu/{lid}/"' in section and f'href="../../tai-lieu-in/{lid}/"' in section
    held = ward.past()[0]
    assert date_vi(held.date) not in section, "a class that took place is not an upcoming one"
    assert date_vi(held.date) in html.split('id="lop-da-hoc"')[1]
    cancelled = next(c for c in upcoming if c.cancelled)
    assert re.search(rf"{date_vi(cancelled.date)}, [0-9:–]+ — Đã hủy", section)
    for c in upcoming[len(shown):]:  # later classes: one line each
        assert date_vi(c.date) in section


def date_vi(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def test_a_wards_results_stand_beside_its_plans_targets_as_a_chart_and_as_a_table(site):
    html = read(site, f"dia-phuong/{EXAMPLE}/index.html")
    results = html.split('id="ket-qua"')[1].split("</table>")[0]
    assert re.search(r'<svg viewBox="[^"]+" width="100%" aria-hidden="true"', results)
    assert "60,6%" in results and "3.150 người trên 5.200" in results and "30/11/2026" in results
    assert "Báo cáo số 00/BC-UBND ngày 30/11/2026 (ví dụ)" in results, "each figure names its source document"
    en = read(site, f"en/dia-phuong/{EXAMPLE}/index.html").split('id="ket-qua"')[1]
    assert "60.6%" in en and "3,150 people of 5,200" in en
    seed = read(site, "dia-phuong/nam-dong-hai-phong/index.html").split('id="ket-qua"')[1].split('id="ke-hoach"')[0]
    assert "<svg" not in seed and "Chưa có số liệu" in seed
    assert seed.count("../../ke-hoach/nam-dong-hai-phong-2025/") == len(CONTENT.plans["nam-dong-hai-phong-2025"].meta["targets"])
    assert "&gt; 80%" in seed or "> 80%" in seed  # "Trên 80%" of officials, as the plan words it


def test_seed_ward_pages_show_their_plans_teams_models_and_regular_sessions_and_no_contact(site):
    for wid in SEED_WARDS:
        html = read(site, f"dia-phuong/{wid}/index.html")
        assert "tel:" not in html and "mailto:" not in html
        for pid in CONTENT.wards[wid].meta["plans"]:
            assert f"../../ke-hoach/{pid}/" in html
            for model in CONTENT.plans[pid].meta.get("models", []):
                assert f"../../phong-trao/{model['model']}/" in html
        for team in CONTENT.wards[wid].meta["teams"]:
            assert wards.text(team["name"], "vi")[0].replace("“", "").split()[0] in html
    nam_dong = read(site, "dia-phuong/nam-dong-hai-phong/index.html").split('id="lop-hoc"')[1].split('id="ho-tro"')[0]
    assert "Chưa có lớp học có ngày, giờ cụ thể." in nam_dong and "Định kỳ hằng tháng" in nam_dong


def test_wards_are_indexed_by_province(site):
    index = read(site, "dia-phuong/index.html")
    for province in {w.province for w in CONTENT.wards.values()}:
        slug = wards_slug(province)
        assert f'href="tinh/{slug}/"' in index
        page = read(site, f"dia-phuong/tinh/{slug}/index.html")
        for w in (w for w in CONTENT.wards.values() if w.province == province):
            assert f'href="../../{w.id}/"' in page
    assert "(Ví dụ minh họa)" in read(site, "dia-phuong/tinh/tinh-vi-du/index.html")
    assert (site / "en/dia-phuong/tinh/thanh-pho-hai-phong/index.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize("prefix,found,none", [("", "1 phường, xã có tên khớp.", "Không có phường, xã nào"),
                                               ("/en", "Wards and communes with a matching name: 1", "No ward or commune")])
def test_a_province_page_finds_a_ward_typed_with_or_without_marks(page, prefix, found, none):
    province = CONTENT.wards["hong-bang-hai-phong"].province
    everyone = sorted(w.name("vi") for w in CONTENT.wards.values() if w.province == province)
    page.goto(f"{prefix}/dia-phuong/tinh/{wards_slug(province)}/")
    box = page.locator("#ward-filter-input")
    status = page.locator(".ward-filter-status")
    shown = lambda: sorted(page.locator(".ward-list li:visible").all_inner_texts())  # noqa: E731
    assert box.is_visible() and shown() == everyone and len(everyone) >= 3
    box.fill("hong bang")
    assert shown() == ["Phường Hồng Bàng"] and status.inner_text().startswith(found)
    box.fill("XÃ  thanh miện")
    assert shown() == ["Xã Bắc Thanh Miện"]
    box.fill("khong co phuong nay")
    assert shown() == [] and status.inner_text().startswith(none)
    box.fill("")
    assert shown() == everyone and status.inner_text() == ""


def wards_slug(province: str) -> str:
    from content import slugify
    return slugify(province)


def test_a_ward_adds_nothing_outside_its_section(site):
    lesson = read(site, "bai-hoc/cai-dat-vneid/index.html")
    assert not any(wid in lesson for wid in CONTENT.wards), "no lesson page names a ward"
    rows = json.loads(read(site, "tim-kiem/chi-muc.json"))["pages"]
    assert not [r for r in rows if r[0].startswith("dia-phuong/") and r[0] != "dia-phuong/"], \
        "ward pages stay out of the search index a phone downloads"


def test_catalog_lists_every_ward_with_its_widget_calendar_and_poster(site):
    catalog = json.loads(read(site, "api/catalog.json"))
    entries = {w["id"]: w for w in catalog["wards"]}
    assert set(entries) == set(CONTENT.wards)
    ex = entries[EXAMPLE]
    assert ex["example"] is True and ex["name"]["en"] == "Ví Dụ Ward"
    assert ex["url"]["vi"] == f"{SITE_URL}dia-phuong/{EXAMPLE}/"
    assert ex["widget"]["en"] == f"{SITE_URL}en/nhung/dia-phuong/{EXAMPLE}/"
    assert ex["calendar"]["vi"] == f"{SITE_URL}dia-phuong/{EXAMPLE}/lich-hoc.ics"
    assert ex["poster"]["vi"] == f"{SITE_URL}tai-lieu-in/dia-phuong/{EXAMPLE}/"
    assert ex["next_class"] == next(c.date.isoformat() for c in CONTENT.wards[EXAMPLE].upcoming() if not c.cancelled)
    assert entries["hong-bang-hai-phong"]["plans"] == ["hong-bang-hai-phong-2025"]


# --- widget, calendar, poster --------------------------------------------------------------------

def test_every_widget_is_under_5_kb_with_its_css_and_has_no_script_or_inline_style(site):
    css = (site / "assets/widget.css").stat().st_size
    for wid in CONTENT.wards:
        for p in LOCALES.values():
            path = site / f"{p}nhung/dia-phuong/{wid}/index.html"
            html = path.read_text(encoding="utf-8")
            assert path.stat().st_size + css < 5000, path
            assert "<script" not in html and "style=" not in html and "<style" not in html, path
            assert "md-header" not in html


@pytest.mark.browser
def test_the_widget_fits_a_narrow_column_and_opens_the_ward_section_in_a_new_tab(browser, base_url):
    page = browser.new_page(viewport={"width": 300, "height": 600})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base_url}/nhung/dia-phuong/{EXAMPLE}/")
    assert page.evaluate("document.documentElement.scrollWidth <= 300")
    assert page.locator("li").count() >= 4  # next classes and help points
    link = page.locator("a.go")
    assert link.get_attribute("target") == "_blank"
    with page.expect_popup() as popup:
        link.click()
    popup.value.wait_for_load_state()
    assert popup.value.url == f"{base_url}/dia-phuong/{EXAMPLE}/"
    assert all(u.startswith(base_url) for u in requests)
    page.close()


@pytest.mark.parametrize("lang", LOCALES)
def test_the_calendar_parses_back_and_suits_phone_calendar_apps(site, lang):
    raw = (site / f"{LOCALES[lang]}dia-phuong/{EXAMPLE}/lich-hoc.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "RFC 5545 folds lines at 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF"
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"] and str(cal["METHOD"]) == "PUBLISH"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    events = cal.walk("VEVENT")
    ward = CONTENT.wards[EXAMPLE]
    assert len(events) == len(ward.classes)
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = min(ward.upcoming(), key=lambda c: c.date)
    event = next(e for e in events if e.decoded("DTSTART").date() == first.date)
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh" and f"{start.hour}:{start.minute:02d}" == first.start
    assert event.decoded("DTEND") > start and event.get("DTSTAMP") and event.get("LOCATION")
    assert f"{SITE_URL}{LOCALES[lang]}bai-hoc/{first.lessons[0]}/" in str(event["DESCRIPTION"])
    cancelled = [e for e in events if str(e.get("STATUS")) == "CANCELLED"]
    assert len(cancelled) == sum(c.cancelled for c in ward.classes)


def test_a_ward_without_classes_still_has_a_valid_empty_calendar(site):
    cal = Calendar.from_ical((site / "dia-phuong/hong-bang-hai-phong/lich-hoc.ics").read_bytes())
    assert cal.walk("VEVENT") == [] and str(cal["X-WR-CALNAME"]).endswith("Phường Hồng Bàng")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LOCALES)
def test_the_poster_prints_on_one_a4_page_with_qr_codes_for_the_section_and_the_calendar(browser, site, lang):
    import zxingcpp
    from PIL import Image
    p = LOCALES[lang]
    context = browser.new_context(viewport={"width": 800, "height": 1200}, device_scale_factor=3)
    page = context.new_page()
    page.goto((site / f"{p}tai-lieu-in/dia-phuong/{EXAMPLE}/index.html").as_uri())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    found = []
    for qr in page.locator(".qr svg").all():
        found += [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
    context.close()
    found.sort()
    assert found == sorted([f"{SITE_URL}{p}dia-phuong/{EXAMPLE}/", f"{SITE_URL}{p}dia-phuong/{EXAMPLE}/lich-hoc.ics"])


@pytest.mark.browser
def test_ward_pages_load_nothing_from_another_origin(page):
    for path in (f"/dia-phuong/{EXAMPLE}/", f"/en/dia-phuong/{EXAMPLE}/", "/dia-phuong/", f"/nhung/dia-phuong/{EXAMPLE}/",
                 f"/tai-lieu-in/dia-phuong/{EXAMPLE}/", "/dia-phuong/dak-rve-quang-ngai/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    origin = page.url.split("/dia-phuong")[0].split("/nhung")[0].split("/tai-lieu-in")[0]
    foreign = [u for u in page.requests if not u.startswith(origin)]
    assert foreign == []


# --- bad files stop the build with file:line ------------------------------------------------------------

def make_ward(base: Path, ward_id: str = "phuong-kiem-tra") -> Path:
    """A real (not example) ward copied from the example, so its classes are checked against today."""
    dest = base / ward_id
    shutil.copytree(ROOT / "content/wards" / EXAMPLE, dest)
    (dest / "ward.yml").write_text((dest / "ward.yml").read_text(encoding="utf-8").replace("example: true\n", ""),
                                   encoding="utf-8")
    return dest


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_lesson_past_next_class_malformed_date_unconsented_name_and_undated_figure_stop_the_build(project):
    ward = make_ward(project / "content/wards")
    rel = "content/wards/phuong-kiem-tra/"
    classes, progress = ward / "classes.yml", ward / "progress.yml"
    replace(classes, "lessons: [cai-dat-vneid, cuoc-goi", "lessons: [khong-co-bai-nay, cuoc-goi")
    replace(classes, "date: 2027-01-02", "date: 2020-01-04")
    replace(classes, "date: 2027-01-30", "date: 2027-13-30")
    replace(progress, "    as_of: 2026-10-31\n", "")
    story = ward / "stories/hoc-goi-video-o-tuoi-70.md"
    replace(story, "Một bác hưu trí", "Bà Nguyễn Thị Hoa, một người hưu trí")
    expected = [
        (classes, "khong-co-bai-nay", "unknown lesson 'khong-co-bai-nay'"),
        (classes, "2020-01-04", r"class on 2020-01-04 is before today \(.*\) and would show as the next class"),
        (classes, "2027-13-30", r"classes\.4\.date: '2027-13-30' is not a 'date'"),
        (progress, "count: 23", r"figures\.2: 'as_of' is a required property"),
        (story, "Bà Nguyễn Thị Hoa", r"names a person \('Bà Nguyễn Thị Hoa'\) without consent"),
    ]
    wanted = [(f"{rel}{p.relative_to(ward).as_posix()}:{line_of(p, needle) - (1 if 'as_of' in msg else 0)}", msg)
              for p, needle, msg in expected]
    result, out = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not out.exists()
    for where, message in wanted:
        assert re.search(re.escape(where) + r": error: " + message, output), (where, message, output[-3000:])


def test_the_checker_reports_the_same_problems(project):
    ward = make_ward(project / "content/wards")
    replace(ward / "classes.yml", "date: 2027-01-02", "date: 2020-01-04")
    out = subprocess.run([sys.executable, "scripts/check_content.py", "--quiet"], cwd=project, capture_output=True, text=True)
    assert out.returncode == 1
    assert re.search(r"content/wards/phuong-kiem-tra/classes\.yml:\d+: error: class on 2020-01-04", out.stdout)


# --- the loader's rules, without a build -----------------------------------------------------------------

def load(base: Path, today: dt.date = dt.date(2026, 12, 2)) -> tuple[dict, list[str]]:
    problems: list = []
    found = wards.load_wards(CONTENT.data, CONTENT.lessons, CONTENT.plans, CONTENT.renamed, problems, today, base=base)
    return found, [str(p) for p in problems]


def only(problems: list[str], text: str) -> list[str]:
    return [p for p in problems if text in p]


def test_the_example_copied_as_a_real_ward_loads_cleanly(tmp_path):
    make_ward(tmp_path)
    found, problems = load(tmp_path)
    assert list(found) == ["phuong-kiem-tra"] and [p for p in problems if ": error:" in p] == []


def test_a_province_written_two_ways_is_one_province_and_both_files_are_warned(tmp_path):
    make_ward(tmp_path, "phuong-a")
    other = make_ward(tmp_path, "phuong-b")
    province = CONTENT.wards[EXAMPLE].province
    replace(other / "ward.yml", f"province: {province}", f"province: {province.lower()}")
    found, problems = load(tmp_path)
    warned = only(problems, "province written in more than one way")
    assert sorted(p.split(": warning")[0] for p in warned) == [
        f"{tmp_path}/phuong-a/ward.yml:{line_of(tmp_path / 'phuong-a/ward.yml', 'province:')}",
        f"{tmp_path}/phuong-b/ward.yml:{line_of(other / 'ward.yml', 'province:')}"]
    assert list(wards.group_by_province(found.values()).values()) == [[found["phuong-a"], found["phuong-b"]]]


def test_a_held_or_cancelled_past_class_is_fine_and_a_held_future_one_is_not(tmp_path):
    ward = make_ward(tmp_path)
    replace(ward / "classes.yml", "date: 2027-01-02", "date: 2020-01-04\n    held: true")
    replace(ward / "classes.yml", "date: 2027-01-30", "date: 2020-02-01\n    cancelled: true")
    replace(ward / "classes.yml", "date: 2027-02-27", "date: 2027-02-27\n    held: true")
    found, problems = load(tmp_path)
    assert only(problems, "before today") == []
    assert len(only(problems, "is marked held but is still to come")) == 1
    ward = found["phuong-kiem-tra"]
    assert "2020-01-04" in [c.date.isoformat() for c in ward.past()]
    assert "2020-02-01" not in [c.date.isoformat() for c in ward.upcoming() + ward.past()], "a past cancelled class is gone"


def test_an_example_wards_past_classes_show_as_held_with_a_warning(tmp_path):
    shutil.copytree(ROOT / "content/wards" / EXAMPLE, tmp_path / EXAMPLE)
    found, problems = load(tmp_path, today=dt.date(2027, 1, 15))
    assert len(only(problems, "warning: example class on")) == 2  # 5/12/2026 and 2/1/2027; 19/12/2026 was cancelled
    assert found[EXAMPLE].upcoming()[0].date == dt.date(2027, 1, 30)
    assert [c.date for c in found[EXAMPLE].past()][:2] == [dt.date(2027, 1, 2), dt.date(2026, 12, 5)]


def test_a_story_may_name_people_who_consented(tmp_path):
    ward = make_ward(tmp_path)
    story = ward / "stories/hoc-goi-video-o-tuoi-70.md"
    replace(story, "Một bác hưu trí", "Bà Hoa, một người hưu trí")
    replace(story, "summary:", "people: [Bà Hoa]\nsummary:")
    _, problems = load(tmp_path)
    assert len(only(problems, "names people without their consent")) == 1
    replace(story, "summary:", "consent: {given: true, date: 2026-11-21, recorded_by: Cán bộ Văn hóa - Xã hội phường}\nsummary:")
    _, problems = load(tmp_path)
    assert only(problems, "consent") == []


def test_place_names_that_look_like_people_can_be_declared(tmp_path):
    ward = make_ward(tmp_path)
    story = ward / "stories/hoc-goi-video-o-tuoi-70.md"
    replace(story, "Một bác hưu trí ở tổ dân phố số 3", "Một bác hưu trí quê Bà Rịa, nhà gần đường Trần Hưng Đạo,")
    _, problems = load(tmp_path)
    assert only(problems, "('Bà Rịa')") and not only(problems, "Trần Hưng Đạo")  # a street is not a person
    replace(story, "summary:", "not_people: [Bà Rịa]\nsummary:")
    _, problems = load(tmp_path)
    assert only(problems, "names a person") == []


@pytest.mark.parametrize("line", ["Chị Lan giúp cả xóm.", "Mrs Hoa called her grandson.", "Anh Trần Văn Bình dạy lớp.",
                                  "Lê Thị Mai đến lớp sớm."])
def test_names_of_people_are_recognised(line):
    assert wards.named_people(line)


@pytest.mark.parametrize("line", ["Bà con trong phường đến lớp.", "Trường THCS Nguyễn Du mở lớp.", "Cô giáo hướng dẫn.",
                                  "Thành phố Hồ Chí Minh", "Đoàn Thanh niên phường tổ chức lớp."])
def test_words_that_are_not_names_are_not_flagged(line):
    assert wards.named_people(line) == []


def test_the_loader_explains_common_slips_in_plain_words(tmp_path):
    ward = make_ward(tmp_path)
    replace(ward / "progress.yml", "source: {vi: Báo cáo số 00/BC-VP ngày", "source: {vi: Báo cáo số 00/BC-VP, ngày")
    replace(ward / "classes.yml", 'end: "9:30"', 'end: "7:30"')
    replace(ward / "classes.yml", "group: nguoi-cao-tuoi", "group: nguoi-gia")
    replace(ward / "progress.yml", "count: 3150", "count: 5300")
    replace(ward / "ward.yml", "url: https://dichvucong.gov.vn", "url: https://thuvienphapluat.vn/van-ban")
    _, problems = load(tmp_path)
    assert only(problems, 'a comma splits this text: put each text in quotes')
    assert only(problems, "ends at 7:30, not after it starts (8:00)")
    assert only(problems, "unknown group 'nguoi-gia'")
    assert only(problems, "count 5300 is more than `of` 5200")
    assert only(problems, "links to a blocked domain")


def test_8_00_written_without_quotes_stays_a_time(tmp_path):
    ward = make_ward(tmp_path)
    replace(ward / "classes.yml", 'start: "8:00"', "start: 8:00")
    found, problems = load(tmp_path)
    assert [p for p in problems if ": error:" in p] == []
    assert found["phuong-kiem-tra"].classes[0].start == "8:00"


def test_folder_names_are_addresses_and_aliases_cannot_take_another_wards_id(tmp_path):
    make_ward(tmp_path, "Phuong_Sai")
    ward = make_ward(tmp_path, "phuong-a")
    make_ward(tmp_path, "phuong-b")
    replace(ward / "ward.yml", "updated:", "aliases: [phuong-b]\nupdated:")
    _, problems = load(tmp_path)
    assert only(problems, "folder name 'Phuong_Sai' is the ward's address")
    assert only(problems, "alias 'phuong-b' is the id of another ward")


def test_the_template_is_checked_but_never_published_and_a_copy_must_replace_its_samples(tmp_path):
    assert "_mau" not in CONTENT.wards
    shutil.copytree(ROOT / "content/wards/_mau", tmp_path / "_mau")
    found, problems = load(tmp_path, today=dt.date(2030, 1, 1))
    assert found == {} and problems == [], "the template is valid, whatever today is"
    shutil.copytree(ROOT / "content/wards/_mau", tmp_path / "xa-moi")
    found, problems = load(tmp_path)
    samples = only(problems, "still the template's sample text")
    assert samples and all(p.startswith(str(tmp_path / "xa-moi")) for p in samples)
    assert any("ward.yml:" in p and "name:" in p for p in samples)


def test_the_guide_explains_every_field_of_every_ward_file():
    guide = (ROOT / "content/wards/README.md").read_text(encoding="utf-8")
    for name in ("ward", "progress", "classes", "story"):
        schema = json.loads((ROOT / f"scripts/schema/{name}.schema.json").read_text(encoding="utf-8"))
        fields = set()

        def walk(node):
            if isinstance(node, dict):
                fields.update(node.get("properties", {}))
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(schema)
        missing = [f for f in fields - {"vi", "en"} if f"`{f}`" not in guide]  # texts: "Cách viết chữ"
        assert missing == [], f"{name}: {missing}"
    for step in ("_mau", "make check", "held: true", "WARD=", "(mẫu)"):
        assert step in guide


# --- a ward's own copy ---------------------------------------------------------------------------------

def branded_build(project: Path, ward_id: str) -> tuple[subprocess.CompletedProcess, Path]:
    out = project / "site"
    env = dict(os.environ, WARD=ward_id, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "scripts/docs.py", "build", "--site-dir", str(out)], cwd=project,
                            env=env, capture_output=True, text=True)
    return result, out


def article(html: str) -> str:
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def test_ward_build_puts_that_ward_first_with_its_name_in_the_header_and_changes_nothing_else(project, site):
    result, out = branded_build(project, EXAMPLE)
    assert result.returncode == 0, result.stderr[-3000:]
    for lang, name in (("vi", "Phường Ví Dụ"), ("en", "Ví Dụ Ward")):
        home = read(out, f"{LOCALES[lang]}index.html")
        assert re.search(rf"<h1[^>]*>{name}: Bình dân học vụ số", home)
        topic = re.search(r'md-header__topic">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', home).group(1)
        assert topic.startswith(f"{name} · ")
        assert 'id="lop-hoc"' in home and EXAMPLE_LABEL[lang] in home
    lesson = "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html"
    assert article(read(out, lesson)) == article(read(site, lesson))
    assert (out / f"dia-phuong/{EXAMPLE}/index.html").exists() and (out / "dia-phuong/index.html").exists()


def test_ward_build_of_an_unknown_ward_stops_with_its_name(project):
    result, out = branded_build(project, "phuong-khong-co")
    assert result.returncode != 0 and "WARD=phuong-khong-co" in result.stderr
    assert not out.exists()
