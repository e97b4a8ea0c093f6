"""Shared fixtures: one site build per test session, temporary project copies, a local server and
Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import docs  # noqa: E402

COPY_IGNORE = shutil.ignore_patterns(".venv", "site", ".site-*", "node_modules", ".git", ".cache", "__pycache__", ".pytest_cache")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once per session (per xdist worker) from the working tree."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = docs.build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


SUB = "https://phuong.example.gov.vn/binh-dan-hoc-vu-so/"
SUB_ALIAS = ("vneid-cu", "cai-dat-vneid")  # an old id the sub-path build redirects


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The site as a ward portal hosts it: built for a sub-path, precompressed for nginx, and with
    one lesson that has an old id."""
    project = tmp_path_factory.mktemp("sub") / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    old, lesson = SUB_ALIAS
    path = project / f"content/lessons/{lesson}.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"id: {lesson}\n", f"id: {lesson}\naliases: [{old}]\n", 1), encoding="utf-8")
    env = dict(os.environ, SITE_URL=SUB, NO_MKDOCS_2_WARNING="1")
    out = project / "site"
    result = subprocess.run([sys.executable, "scripts/docs.py", "build", "--precompress", "--site-dir", str(out)],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, to break on purpose."""
    dest = tmp_path / "project"
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # npm packages, installed once
    return dest


def build(project: Path):
    """Build a project copy; returns (result, site dir)."""
    out = project / "site"
    return docs.build(project, out), out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium not found at {CHROMIUM}: run 'make test' (it installs it) or apt-get install chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A phone-sized page (360×740) that records every request it makes."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, base_url=base_url)
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda req: pg.requests.append(req.url))  # type: ignore[attr-defined]
    yield pg
    context.close()


# Folders of the built site that hold files, not pages.
NOT_PAGES = {"assets", "api", "qr", "tai-ve", "en"}


def page_types(site: Path) -> list[str]:
    """One page of every kind, found in the built site by its address, so that a new kind of page
    (a new top-level folder) is covered with no change here: the home page and 404 of each locale,
    and for each top-level folder its own page and the first page inside it (an old-id redirect too,
    where there is one). Paths relative to the site, e.g. 'bai-hoc/an-toan/index.html'."""
    out = ["404.html"]
    for root in (site, site / "en"):
        out.append((root / "index.html").relative_to(site).as_posix())
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in NOT_PAGES):
            pages = sorted(folder.rglob("index.html"))
            if folder / "index.html" in pages:
                out.append((folder / "index.html").relative_to(site).as_posix())
            inner = [p for p in pages if p.parent != folder]
            normal = [p for p in inner if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:3000]]
            out += [p.relative_to(site).as_posix() for p in (normal[:1] + [p for p in inner if p not in normal][:1])]
    return out
