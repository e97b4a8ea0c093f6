"""Ward portals: permanent links, catalog, QR codes, cards, feeds, sharing and sub-path hosting."""

from __future__ import annotations

import functools
import http.server
import io
import json
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conftest import ROOT, SUB, _Quiet, _Server, build

sys.path.insert(0, str(ROOT / "scripts"))
from content import load_content  # noqa: E402

SITE_URL = "https://hockynangso.example.vn/"
CONTENT = load_content()


def test_catalog_validates_against_its_published_schema_and_lists_every_lesson(site):
    catalog = json.loads((site / "api/catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api/catalog.schema.json").read_text(encoding="utf-8"))
    errors = [e.message for e in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(catalog)]
    assert errors == []
    assert {le["id"] for le in catalog["lessons"]} == set(CONTENT.lessons)
    assert {p["id"] for p in catalog["plans"]} == set(CONTENT.plans)
    lesson = next(le for le in catalog["lessons"] if le["id"] == "cai-dat-vneid")
    assert lesson["url"] == {"vi": SITE_URL + "bai-hoc/cai-dat-vneid/", "en": SITE_URL + "en/bai-hoc/cai-dat-vneid/"}
    assert lesson["qr"] == SITE_URL + "qr/cai-dat-vneid.svg"
    assert lesson["title"]["en"] and lesson["summary"]["vi"]


def test_catalog_schema_rejects_a_renamed_field(site):
    catalog = json.loads((site / "api/catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api/catalog.schema.json").read_text(encoding="utf-8"))
    catalog["lessons"][0]["duration"] = catalog["lessons"][0].pop("duration_minutes")
    assert list(Draft202012Validator(schema).iter_errors(catalog))


@pytest.mark.browser
@pytest.mark.parametrize("lesson_id", sorted(CONTENT.lessons))
def test_qr_code_decodes_to_the_lesson_url(browser, site, lesson_id):
    import zxingcpp
    from PIL import Image
    page = browser.new_page(viewport={"width": 500, "height": 500})
    page.goto((site / f"qr/{lesson_id}.svg").as_uri())
    image = Image.open(io.BytesIO(page.screenshot()))
    page.close()
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [f"{SITE_URL}bai-hoc/{lesson_id}/"]


def test_poster_pages_show_a_large_qr_code_per_lesson(site):
    html = (site / "ap-phich/nguoi-dan/index.html").read_text(encoding="utf-8")
    for le in CONTENT.lessons_in_group("nguoi-dan"):
        assert f'src="../../qr/{le.id}.svg"' in html


@pytest.mark.browser
def test_embed_card_is_small_responsive_and_opens_the_lesson_in_a_new_tab(browser, site, base_url):
    path = site / "nhung/cai-dat-vneid/index.html"
    assert path.stat().st_size < 5000
    html = path.read_text(encoding="utf-8")
    assert "md-header" not in html and "<script" not in html
    page = browser.new_page(viewport={"width": 300, "height": 400})
    page.goto(f"{base_url}/nhung/cai-dat-vneid/")
    assert page.evaluate("document.documentElement.scrollWidth <= 300")
    link = page.locator("a.go")
    assert link.get_attribute("target") == "_blank"
    with page.expect_popup() as popup:
        link.click()
    popup.value.wait_for_load_state()
    assert popup.value.url == f"{base_url}/bai-hoc/cai-dat-vneid/"
    page.close()


def test_feed_lists_every_lesson_and_every_page_advertises_it(site):
    for lang, path in (("vi", "feed.xml"), ("en", "en/feed.xml")):
        root = ET.parse(site / path).getroot()
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = root.findall("a:entry", ns)
        assert len(entries) == len(CONTENT.lessons)
        assert all(e.find("a:link", ns).get("href").startswith(SITE_URL) for e in entries)
    for page in (site / "bai-hoc").glob("*/index.html"):
        assert re.search(r'<link rel=" alternate" type="application/atom\+xml"[^>]+href="\.\./\.\./feed\.xml"',
                         page.read_text(encoding="utf-8")), page


def test_every_page_has_sharing_canonical_and_hreflang(site):
    pages = [p for p in site.rglob("index.html") if not re.match(r"(en/)?(nhung|trinh-chieu|tai-lieu-in)/", p.relative_to(site).as_posix())
             and "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:3000]]
    assert len(pages) > 150
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for prop in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            assert f'property="{prop}"' in html or f'name="{prop}"' in html, (page, prop)
        image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
        assert image == SITE_URL + "assets/images/social.png"
        assert re.search(r'<link rel="canonical" href="https://', html), page
        hreflangs = re.findall(r'<link rel=" alternate" href="(https://[^"]+)" hreflang="(\w+)"', html)
        assert {lang for _, lang in hreflangs} == {"vi", "en"}, page
    assert (site / "assets/images/social.png").exists()


@pytest.mark.browser
def test_a_renamed_lesson_keeps_its_old_address(project, browser):
    lesson = project / "content/lessons/cai-dat-vneid.vi.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("id: cai-dat-vneid", "id: vneid-va-dinh-danh-muc-2\naliases: [cai-dat-vneid]", 1), encoding="utf-8")
    en = project / "content/lessons/cai-dat-vneid.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("id: cai-dat-vneid", "id: vneid-va-dinh-danh-muc-2", 1), encoding="utf-8")
    result, site = build(project)
    assert result.returncode == 0, result.stderr
    old = site / "bai-hoc/cai-dat-vneid/index.html"
    assert old.stat().st_size < 1000 and '<html lang="vi">' in old.read_text(encoding="utf-8")
    from conftest import serve
    server, url = serve(site)
    try:
        page = browser.new_page()
        page.goto(f"{url}/bai-hoc/cai-dat-vneid/")
        page.wait_for_url(f"{url}/bai-hoc/vneid-va-dinh-danh-muc-2/")
        assert page.locator("h1").inner_text().startswith("Cài đặt VNeID")
        page.goto(f"{url}/en/bai-hoc/cai-dat-vneid/")
        page.wait_for_url(f"{url}/en/bai-hoc/vneid-va-dinh-danh-muc-2/")
        page.close()
    finally:
        server.shutdown()
    catalog = json.loads((site / "api/catalog.json").read_text(encoding="utf-8"))
    assert next(le for le in catalog["lessons"] if le["id"] == "vneid-va-dinh-danh-muc-2")["aliases"] == ["cai-dat-vneid"]


def test_an_alias_that_is_a_live_id_stops_the_build(project):
    lesson = project / "content/lessons/cai-dat-vneid.vi.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("id: cai-dat-vneid", "id: cai-dat-vneid\naliases: [mat-khau-va-ma-otp]", 1), encoding="utf-8")
    result, _ = build(project)
    assert result.returncode != 0 and "alias 'mat-khau-va-ma-otp' is the id of another lesson" in result.stderr


def test_under_a_sub_path_every_link_catalog_and_feed_entry_stays_inside(subpath_site):
    out = subprocess.run([sys.executable, "scripts/check_links.py", str(subpath_site), "--site-url", SUB],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]
    catalog = json.loads((subpath_site / "api/catalog.json").read_text(encoding="utf-8"))
    assert catalog["site_url"] == SUB and catalog["lessons"][0]["url"]["vi"].startswith(SUB)
    html = (subpath_site / "bai-hoc/cai-dat-vneid/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SUB}bai-hoc/cai-dat-vneid/">' in html
    assert f'href="{SUB}en/bai-hoc/cai-dat-vneid/" hreflang="en"' in html


@pytest.mark.browser
def test_under_a_sub_path_the_language_switch_and_search_work(subpath_site, browser):
    prefix = "/binh-dan-hoc-vu-so"

    class Handler(_Quiet):
        def translate_path(self, path):
            if not path.startswith(prefix + "/"):
                return str(subpath_site / "__outside__")
            return super().translate_path(path[len(prefix):])

    server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(subpath_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    try:
        page = browser.new_page()
        bad = []
        page.on("response", lambda r: bad.append(r.url) if r.status >= 400 else None)
        page.goto(f"{base}/bai-hoc/cai-dat-vneid/")
        page.locator("a[hreflang=en]").first.dispatch_event("click")
        page.wait_for_url(f"{base}/en/bai-hoc/cai-dat-vneid/")
        page.goto(f"{base}/tim-kiem/?q=vneid")
        page.wait_for_selector(".search-result-link")
        assert page.locator(".search-result-link").first.get_attribute("href").startswith(prefix + "/")
        assert bad == [], bad
        page.close()
    finally:
        server.shutdown()
