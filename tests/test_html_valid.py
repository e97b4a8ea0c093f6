"""Valid HTML: the Nu Html Checker (npm vnu-jar, locked; Java from Debian) finds no error in the
built site. One page of every kind in both locales is always checked (found by address, so new
kinds are covered by themselves), and so is every other page: one JVM checks them all at once."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT, page_types

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(files: list) -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.fail("Java not found: run 'make test' (it installs it) or apt-get install default-jre-headless")
    out = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
                         capture_output=True, text=True, timeout=600)
    return [line for line in out.stderr.splitlines() if line.strip()]


def test_every_page_is_valid_html(site):
    kinds = [site / p for p in page_types(site)]
    assert {"404.html", "index.html", "en/index.html"} <= set(page_types(site)) and len(kinds) > 30
    pages = kinds + sorted(set(site.rglob("*.html")) - set(kinds))
    errors = vnu(pages)
    assert errors == [], "\n".join(e.replace(f"{site}/", "") for e in errors[:40])


def test_the_checker_finds_errors(tmp_path):
    """The sweep above would catch a broken attribute like the unescaped quote it once found."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title>'
                   '<meta property="og:title" content="Dữ liệu "đúng, đủ" x"></head><body></body></html>', encoding="utf-8")
    assert any("not allowed on element" in e or "Quote" in e for e in vnu([bad]))
