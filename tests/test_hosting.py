"""Production hosting (deploy/, scripts/nginx_conf.py): Debian's nginx, started on a loopback port
with the generated configuration, serves the site as a ward portal would, under a sub-path: security
headers equal to each page's own policy, the build's brotli and gzip copies, cache lifetimes, old
lesson ids as real 301s, the 404 page. And at the root of a domain, with no precompressed copies."""

from __future__ import annotations

import brotli
import contextlib
import gzip
import http.client
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SUB_ALIAS, serve

sys.path.insert(0, str(ROOT / "scripts"))
import csp  # noqa: E402
import nginx_conf  # noqa: E402

PREFIX = "/binh-dan-hoc-vu-so/"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(site: Path, prefix: str, workdir: Path):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx not found: run 'make test' (it installs it) or apt-get install nginx libnginx-mod-http-brotli-static")
    port = free_port()
    server = nginx_conf.server_config(site, prefix, listen=f"127.0.0.1:{port}", server_name="localhost")
    conf = nginx_conf.standalone(server, workdir)
    check = subprocess.run([binary, "-t", "-p", str(workdir), "-c", str(conf), "-e", "stderr"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([binary, "-p", str(workdir), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() is not None else "nginx did not start"
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(port: int, path: str, encoding: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res, body


@pytest.fixture(scope="module")
def hosted(subpath_site, tmp_path_factory):
    with nginx(subpath_site, PREFIX, tmp_path_factory.mktemp("nginx")) as port:
        yield port, subpath_site


PAGES = {  # path below the prefix -> header policy kind
    "": "page", "bai-hoc/cai-dat-vneid/": "page", "en/nhom/nguoi-dan/": "page", "tim-kiem/": "page",
    "tai-lieu-in/cai-dat-vneid/": "page", "nhung/cai-dat-vneid/": "embed", "en/nhung/cai-dat-vneid/": "embed",
    "trinh-chieu/cai-dat-vneid/": "deck", "en/trinh-chieu/cai-dat-vneid/": "deck",
}


def test_every_kind_of_page_gets_its_own_policy_as_a_header_and_the_security_headers(hosted):
    port, _ = hosted
    for path, kind in PAGES.items():
        res, body = get(port, PREFIX + path)
        assert res.status == 200, path
        header = res.getheader("Content-Security-Policy")
        meta = META.search(body.decode("utf-8")).group(1)
        assert header == csp.header(kind) and header.startswith(meta), path  # the page's own policy, plus frames
        frames = re.search(r"frame-ancestors ([^;]+)", header)
        assert (frames and frames.group(1)) == {"page": "'none'", "deck": "'self'", "embed": None}[kind], path
        assert res.getheader("X-Frame-Options") == {"page": "DENY", "deck": "SAMEORIGIN", "embed": None}[kind], path
        assert res.getheader("X-Content-Type-Options") == "nosniff"
        assert res.getheader("Referrer-Policy") == "same-origin"
        assert "camera=()" in res.getheader("Permissions-Policy") and "microphone=()" in res.getheader("Permissions-Policy")
        assert res.getheader("Content-Type") == "text/html; charset=utf-8"
        assert res.getheader("Server") == "nginx", "no version number"


def test_the_builds_brotli_and_gzip_copies_are_sent_as_they_are(hosted):
    port, site = hosted
    for path in ("assets/site.css", "assets/site.js", "bai-hoc/cai-dat-vneid/", "tim-kiem/chi-muc.json"):
        file = site / (path + "index.html" if path.endswith("/") else path)
        raw = file.read_bytes()
        res, body = get(port, PREFIX + path, "br, gzip")
        assert res.getheader("Content-Encoding") == "br" and body == file.with_name(file.name + ".br").read_bytes(), path
        assert brotli.decompress(body) == raw and "Accept-Encoding" in res.getheader("Vary", "")
        res, body = get(port, PREFIX + path, "gzip")
        assert res.getheader("Content-Encoding") == "gzip" and gzip.decompress(body) == raw, path
        res, body = get(port, PREFIX + path)
        assert res.getheader("Content-Encoding") is None and body == raw, path
    assert len(brotli.compress(raw)) < len(gzip.compress(raw))  # why brotli: smaller than gzip


def test_cache_lifetimes_long_for_fingerprinted_files_short_for_pages(hosted):
    port, site = hosted
    fingerprinted = next((site / "assets/stylesheets").glob("main.*.min.css")).relative_to(site).as_posix()
    expected = {
        fingerprinted: "public, max-age=31536000, immutable",
        "bai-hoc/cai-dat-vneid/": "public, max-age=300",
        "": "public, max-age=300",
        "assets/site.css": "no-cache",  # same name every build: always checked (304s cost no bytes)
        "sw.js": "no-cache",
        "assets/images/icon-192.png": "public, max-age=86400",
    }
    for path, value in expected.items():
        res, _ = get(port, PREFIX + path, "br")
        assert res.status == 200 and res.getheader("Cache-Control") == value, (path, res.getheader("Cache-Control"))
    res, _ = get(port, PREFIX + "manifest.webmanifest")
    assert res.getheader("Content-Type").startswith("application/manifest+json")


def test_an_old_lesson_id_is_a_permanent_redirect(hosted):
    port, _ = hosted
    old, new = SUB_ALIAS
    for lang in ("", "en/"):
        for tail in ("/", ""):
            res, _ = get(port, f"{PREFIX}{lang}bai-hoc/{old}{tail}")
            assert res.status == 301 and res.getheader("Location") == f"{PREFIX}{lang}bai-hoc/{new}/", (lang, tail)
    res, _ = get(port, PREFIX.rstrip("/"))
    assert res.status == 301 and res.getheader("Location") == PREFIX


def test_a_missing_page_gets_the_sites_404_page_with_its_styles(hosted):
    port, _ = hosted
    res, body = get(port, PREFIX + "bai-hoc/khong-co-bai-nay/")
    html = body.decode("utf-8")
    assert res.status == 404 and "md-header" in html and META.search(html)
    assert res.getheader("Content-Security-Policy") == csp.header("page")
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        assert href.startswith(PREFIX) and get(port, href)[0].status == 200, href
    # A resident who followed an old link or a mistyped QR address reads Vietnamese first, then
    # English (one page serves both), and every way on from it is a page that exists.
    assert '<html lang="vi"' in html and "<h1>Không tìm thấy trang này</h1>" in html
    assert '<section class="not-found" lang="en"><h2>Page not found</h2>' in html
    ways = re.findall(r'<section class="not-found".*?</section>', html, re.S)
    links = [href for part in ways for href in re.findall(r'<a href="([^"]+)"', part)]
    assert len(links) == 8
    for href in links:
        assert href.startswith(PREFIX) and get(port, href)[0].status == 200, href


@pytest.mark.browser
def test_in_chromium_through_nginx_decks_embeds_and_pages_run_under_both_policies(hosted, browser, tmp_path):
    port, _ = hosted
    base = f"http://127.0.0.1:{port}{PREFIX}"
    # A ward portal on another origin frames an embed card (allowed) and a lesson page (refused).
    portal = tmp_path / "portal"
    portal.mkdir()
    (portal / "index.html").write_text(
        f'<!doctype html><title>portal</title><iframe id="card" src="{base}nhung/cai-dat-vneid/"></iframe>'
        f'<iframe id="lesson" src="{base}bai-hoc/cai-dat-vneid/"></iframe>', encoding="utf-8")
    server, portal_url = serve(portal)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    console = []
    context.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page = context.new_page()
        for path in ("bai-hoc/cai-dat-vneid/", "tim-kiem/?q=vneid", "nhom/nguoi-dan/"):
            page.goto(base + path)
            page.wait_for_load_state("load")
        page.wait_for_selector(".search-result-link, .md-content")
        page.goto(base + "trinh-chieu/cai-dat-vneid/")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        with page.expect_popup() as popup:
            page.keyboard.press("s")
        popup.value.wait_for_function("() => document.querySelector('#current-slide iframe') !== null")
        popup.value.wait_for_timeout(1500)  # the speaker view frames the deck: frame-ancestors 'self'
        assert popup.value.frames[1].url.startswith(base + "trinh-chieu/") and popup.value.frames[1].locator(".reveal").count()
        assert console == [], console
        page.goto(portal_url + "/")
        page.wait_for_timeout(1500)
        card = page.frame_locator("#card")
        assert card.locator("h1").inner_text().startswith("Cài đặt VNeID")
        assert any("frame-ancestors 'none'" in m for m in console), console  # the lesson refused to be framed
        assert not page.query_selector("#lesson").content_frame().url.startswith(base)  # Chromium's error page instead
    finally:
        context.close()
        server.shutdown()


def test_at_the_root_of_a_domain_without_copies_nginx_compresses_itself(site, tmp_path):
    assert not list(site.glob("assets/*.br")), "the test build writes no copies"
    with nginx(site, "/", tmp_path / "nginx") as port:
        res, body = get(port, "/assets/site.css", "gzip")
        assert res.status == 200 and res.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(body) == (site / "assets/site.css").read_bytes()
        res, body = get(port, "/khong-co/")
        assert res.status == 404 and 'href="/assets/stylesheets/' in body.decode("utf-8")
        res, _ = get(port, "/bai-hoc/cai-dat-vneid/")
        assert res.status == 200 and res.getheader("Content-Security-Policy") == csp.header("page")
