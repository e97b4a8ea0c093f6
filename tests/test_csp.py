"""A strict Content Security Policy on every page (scripts/csp.py): only the site's own scripts and
styles run, nothing inline. Debian's Chromium records every violation (securitypolicyviolation
events and the console's CSP errors) while one page of every kind is opened and used."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, page_types

sys.path.insert(0, str(ROOT / "scripts"))
import csp  # noqa: E402

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber})`));
"""
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def kind_of(path: str) -> str:
    return "deck" if re.match(r"(en/)?trinh-chieu/", path) else "page"


def test_every_page_carries_the_policy_before_any_script_or_style(site):
    missing = []
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        m = META.search(html)
        if not m or m.group(1) != csp.policy(kind_of(rel)):
            missing.append(rel)
            continue
        first_load = min([i for i in (html.find("<script"), html.find("<style"), html.find('rel="stylesheet"')) if i >= 0] or [len(html)])
        if m.start() > first_load:
            missing.append(rel + " (after a script or style)")
    assert missing == [], missing[:10]


def test_the_policy_is_strict():
    for kind in csp.KINDS:
        d = csp.directives(kind)
        assert d["default-src"] == ["'self'"] and d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"]
        assert "'unsafe-inline'" not in d["script-src"] + d["style-src"] and "'unsafe-eval'" not in d["script-src"]
        assert all(s == "'self'" or s.startswith("'sha256-") for s in d["script-src"])
    assert csp.directives("page")["script-src"] == ["'self'"] and csp.directives("page")["style-src"] == ["'self'"]
    assert "frame-ancestors" not in csp.policy("page"), "a <meta> policy cannot carry frame-ancestors"


def test_no_inline_script_style_or_event_handler_in_any_built_page(site):
    found = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"|javascript:", html, re.I):
            found.append(f"{page.relative_to(site)}: {m.group(0)}")
    assert found == [], found[:10]


def exercise(page, path: str) -> None:
    """Use what the page offers, so that scripts run their code paths under the policy."""
    if path.endswith("tim-kiem/index.html"):
        page.fill("#search-input", "vneid")
        page.wait_for_selector(".search-result-link")
    if page.locator("[data-reader=bigger]").count():
        page.locator("[data-reader=bigger]:enabled, [data-reader=smaller]:enabled").first.click()
        page.click("[data-reader=contrast]")
    if page.locator("label[for^=__palette_]:visible").count():
        page.locator("label[for^=__palette_]:visible").first.click()
    if page.locator("form.quiz-q input[type=radio]").count():
        page.locator("form.quiz-q input[type=radio]").first.check()
    if page.locator("article abbr[title]").count():
        page.locator("article abbr[title]").first.click()
    if page.locator("[data-offline-save]").count():
        page.click("[data-offline-save]")
        page.wait_for_function("() => document.querySelector('.offline-status').textContent.length > 0", timeout=20000)


@pytest.mark.browser
def test_no_csp_violation_on_any_kind_of_page(browser, base_url, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base_url)
    context.add_init_script(RECORD)
    console = []
    context.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page = context.new_page()
    failures, seen = [], []
    for path in page_types(site):
        url = "/" + path.removesuffix("index.html")
        page.goto(url)  # 404.html too: the test server sends its own error page for a missing path
        page.wait_for_load_state("load")
        exercise(page, path)
        if kind_of(path) == "deck":
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            page.keyboard.press("ArrowRight")
            with page.expect_popup() as popup:
                page.keyboard.press("s")  # the speaker view writes its own inline page: allowed by hash
            speaker = popup.value
            speaker.wait_for_load_state()
            speaker.wait_for_function("() => document.querySelector('#current-slide iframe') !== null")
            speaker.wait_for_timeout(1000)
            assert "reveal.js" in speaker.title()
            speaker.close()
        page.wait_for_timeout(100)
        failures += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
        failures += [f"{url}: {c}" for c in console]
        console.clear()
        seen.append(url)
    context.close()
    assert len(seen) > 30
    assert failures == [], "\n".join(failures)


@pytest.mark.browser
def test_a_deck_from_a_usb_stick_runs_under_its_policy(browser, site):
    """Opened from file:// (the class zip), 'self' still admits the deck's own scripts."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(RECORD)
    console = []
    context.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page = context.new_page()
    page.goto((site / "trinh-chieu/nhan-dien-lua-dao-truc-tuyen/index.html").as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    assert page.evaluate("window.__csp") == [] and console == []
    context.close()


def test_speaker_view_hashes_come_from_the_pinned_reveal_js():
    hashes = csp.speaker_view()
    assert len(hashes["script-src"]) == 1 and len(hashes["style-src"]) >= 3  # block, 'unsafe-hashes', attribute
    assert "'unsafe-hashes'" in hashes["style-src"]
