#!/usr/bin/env python3
"""Build helpers (FastAPI-style: one script owns them). Used by the Makefile and the tests.

  python scripts/docs.py build [--project DIR] [--site-dir DIR] [--precompress]
                                                                   strict build, all or nothing
  python scripts/docs.py serve                                     live-reloading server on :8000
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # the banner about Material's end of life; README says it
    return env


def mkdocs_cmd() -> list[str]:
    return [sys.executable, "-m", "mkdocs"]


def build(project: Path = ROOT, site_dir: Path | None = None, precompress: bool = False) -> subprocess.CompletedProcess:
    """Build `project` into `site_dir` (default project/site) in strict mode.

    The site is built into a temporary folder and moved into place only when the build succeeds,
    so a failed build never leaves a half-built site behind. `precompress` also writes .gz and .br
    copies for the web server (scripts/precompress.py).
    """
    project = project.resolve()
    site_dir = (site_dir or project / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            mkdocs_cmd() + ["build", "--strict", "--site-dir", str(tmp), "--config-file", str(project / "mkdocs.yml")],
            cwd=project, env=dict(mkdocs_env(), **({"PRECOMPRESS": "1"} if precompress else {})),
            capture_output=True, text=True)
        if result.returncode == 0:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            tmp.rename(site_dir)
        return result
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the site (strict)")
    b.add_argument("--project", type=Path, default=ROOT)
    b.add_argument("--site-dir", type=Path)
    b.add_argument("--precompress", action="store_true", help="also write .gz and .br copies for the web server")
    s = sub.add_parser("serve", help="serve with live reload")
    s.add_argument("--addr", default="127.0.0.1:8000")
    args = ap.parse_args(argv)

    if args.cmd == "build":
        result = build(args.project, args.site_dir, args.precompress)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        if result.returncode:
            print("Build failed: nothing was written to the site folder.", file=sys.stderr)
        return result.returncode
    os.execvpe(sys.executable, mkdocs_cmd() + ["serve", "--livereload", "-a", args.addr], mkdocs_env())
    return 0


if __name__ == "__main__":
    sys.exit(main())
