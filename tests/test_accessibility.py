"""axe-core (npm, locked) in Debian's Chromium: zero WCAG 2.2 A/AA violations on every built page,
both locales, on a 360×740 phone and on a desktop, in the light and the dark scheme.

Site pages are checked in all four settings; decks, handouts (normal and large print) and embed
cards (one template each) in the setting they are used in. No rule is disabled and nothing is excluded.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SETTINGS = {
    "phone-light": ((360, 740), "light"),
    "phone-dark": ((360, 740), "dark"),
    "desktop-light": ((1280, 800), "light"),
    "desktop-dark": ((1280, 800), "dark"),
}
STANDALONE = {"trinh-chieu": ["desktop-light"], "tai-lieu-in": ["phone-light", "desktop-light"], "nhung": ["phone-light", "phone-dark"]}
CHUNK = 12


def built_pages() -> list[str]:
    """Every page, from the same content the session builds (a test below checks none is missed)."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from content import load_content, slugify
    c = load_content()
    pages = []
    for prefix in ("", "en/"):
        pages += [f"{prefix}bai-hoc/{lid}/" for lid in c.lessons]
        pages += [f"{prefix}{kind}/{g['slug']}/" for g in c.data.groups for kind in ("nhom", "lop-hoc", "ap-phich")]
        pages += [f"{prefix}ke-hoach/{pid}/" for pid in c.plans]
        pages += [f"{prefix}thuc-hanh/{xid}/" for xid in c.exercises] + [f"{prefix}thuc-hanh/"]
        pages += [f"{prefix}{p}" for p in ("bai-hoc/", "nhom/", "ke-hoach/", "tu-dien/", "huong-dan-vien/", "tim-kiem/?q=vneid")]
        for md in sorted((ROOT / "docs").rglob("*.md")):  # hand-written pages
            rel = md.relative_to(ROOT / "docs").as_posix()
            if rel.endswith(".en.md") or rel == "tim-kiem.md":
                continue
            rel = rel.removesuffix(".md")
            rel = "" if rel == "index" else rel.removesuffix("/index") + "/"
            pages.append(f"{prefix}{rel}")
        for kind in STANDALONE:
            pages += [f"{prefix}{kind}/{lid}/" for lid in c.lessons]
        pages += [f"{prefix}tai-lieu-in/{lid}/chu-to/" for lid in c.lessons]  # large-print handouts
        # ward sections (scripts/render_wards.py): pages, province lists, widgets and posters
        pages += [f"{prefix}dia-phuong/"] + [f"{prefix}dia-phuong/{wid}/" for wid in c.wards]
        pages += [f"{prefix}dia-phuong/tinh/{slugify(p)}/" for p in sorted({w.province for w in c.wards.values()})]
        pages += [f"{prefix}{kind}/dia-phuong/{wid}/" for kind in ("nhung", "tai-lieu-in") for wid in c.wards]
    pages.append("404.html")  # one page in both languages, for any missing address
    return pages


PAGES = built_pages()


def cases():
    out = []
    site_pages = [p for p in PAGES if not any(p.startswith(k) or p.startswith("en/" + k) for k in STANDALONE)]
    for setting in SETTINGS:
        for i in range(0, len(site_pages), CHUNK):
            out.append(pytest.param(setting, site_pages[i:i + CHUNK], id=f"{setting}-{i // CHUNK:02d}"))
    for kind, settings in STANDALONE.items():
        pages = [p for p in PAGES if p.startswith(kind) or p.startswith("en/" + kind)]
        for setting in settings:
            for i in range(0, len(pages), CHUNK * 2):
                out.append(pytest.param(setting, pages[i:i + CHUNK * 2], id=f"{kind}-{setting}-{i // (CHUNK * 2):02d}"))
    return out


def test_every_page_is_in_the_sweep(site):
    built = {p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
             if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:3000]}
    swept = {p.split("?")[0] for p in PAGES}
    assert built - swept == set()


@pytest.mark.parametrize("setting,pages", cases())
def test_no_axe_violations(browser, base_url, setting, pages):
    (width, height), scheme = SETTINGS[setting]
    # service workers blocked: the offline cache is tested elsewhere and would only slow the sweep
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, base_url=base_url,
                                  service_workers="block")
    # as an init script: the pages' Content Security Policy refuses a <script> tag added to them
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    failures = []
    for path in pages:
        page.goto("/" + path)
        if path.endswith("tim-kiem/?q=vneid"):  # check the search page with its results open
            page.wait_for_selector(".search-result-link")
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`)", TAGS)
        failures += [f"/{path} [{setting}] {v}" for v in violations]
    context.close()
    assert failures == [], "\n".join(failures)
