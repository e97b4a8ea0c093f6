"""Precompressed copies for the web server: <file>.gz (gzip, level 9) and <file>.br (brotli, quality
11) next to every text file of the built site, so nginx sends them as they are (gzip_static,
brotli_static; deploy/) instead of compressing each response again.

Brotli at its best quality costs about 14 s of CPU for the whole site, so it runs only when asked:
`make build` and `python scripts/docs.py build --precompress` (PRECOMPRESS=1 for the MkDocs hook).
A copy that would not be smaller than its file is not written.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest", ".map", ".ico"}
ENV = "PRECOMPRESS"


def wanted() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def compress_site(site: Path) -> tuple[int, int]:
    """Write the .gz and .br copies; returns (files, copies written)."""
    files = written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT:
            continue
        data = path.read_bytes()
        files += 1
        for suffix, packed in ((".gz", gzip.compress(data, 9, mtime=0)),
                               (".br", brotli.compress(data, quality=11))):
            out = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                out.write_bytes(packed)
                written += 1
            elif out.exists():
                out.unlink()
    return files, written
