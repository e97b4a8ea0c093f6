#!/usr/bin/env python3
"""nginx configuration for the built site, from deploy/hockynangso.conf.j2.

  SITE_URL=https://phuong.gov.vn/binh-dan-hoc-vu-so/ make nginx-conf ROOT=/srv/hkns/site > /etc/nginx/conf.d/hkns.conf
  python scripts/nginx_conf.py --site site [--prefix /binh-dan-hoc-vu-so/] [--root /srv/hkns/site]
                               [--listen 80] [--server-name phuong.gov.vn] > /etc/nginx/conf.d/hockynangso.conf
  python scripts/nginx_conf.py --site site --standalone DIR --listen 127.0.0.1:8080
      a whole nginx.conf in DIR to try it without root: nginx -p DIR -c nginx.conf -e stderr

Old lesson ids become 301 redirects (the built site's api/catalog.json lists each lesson's aliases);
the Content Security Policy header is the one every page carries as <meta> (scripts/csp.py), plus
frame-ancestors, which only a header can carry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent))

import csp  # noqa: E402
from content import DEFAULT_LANG, LANGS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "hockynangso.conf.j2"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# Nothing on the site uses these; fullscreen is the decks' F key.
PERMISSIONS = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), fullscreen=(self)"


def redirects(site: Path) -> list[tuple[str, str]]:
    """(old path, new path) below the prefix, for every alias, in both locales, with and without '/'."""
    catalog = json.loads((site / "api" / "catalog.json").read_text(encoding="utf-8"))
    out = []
    for lesson in catalog["lessons"]:
        for alias in lesson.get("aliases", []):
            for lang in LANGS:
                base = "" if lang == DEFAULT_LANG else f"{lang}/"
                new = f"{base}bai-hoc/{lesson['id']}/"
                out += [(f"{base}bai-hoc/{alias}/", new), (f"{base}bai-hoc/{alias}", new)]
    return out


def server_config(site: Path, prefix: str = "/", root: Path | None = None, listen: str = "80",
                  server_name: str = "_") -> str:
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    root = (root or site).resolve()
    template = jinja2.Template(TEMPLATE.read_text(encoding="utf-8"), keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    return template.render(
        site=site, prefix=prefix, prefix_re=re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", prefix), root=root.as_posix(),
        listen=listen, server_name=server_name, permissions=PERMISSIONS, redirects=redirects(site),
        csp={kind: csp.header(kind) for kind in ("page", "embed", "deck")})


def standalone(server: str, workdir: Path) -> Path:
    """A whole nginx.conf around `server` that runs from `workdir` as any user (tests, trying it out)."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "site.conf").write_text(server, encoding="utf-8")
    temp = "\n".join(f"    {name}_temp_path {workdir / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = workdir / "nginx.conf"
    conf.write_text(
        (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "")
        + ("user root;\n" if os.geteuid() == 0 else "")  # workers must read the site where the caller can
        + f"worker_processes 1;\npid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'} warn;\n"
        + "events { worker_connections 64; }\n"
        + f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        + f"    access_log off;\n{temp}\n    include {workdir / 'site.conf'};\n}}\n", encoding="utf-8")
    return conf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (make build)")
    ap.add_argument("--prefix", default=urlsplit(os.environ.get("SITE_URL", "")).path or "/",
                    help="address path the site is served at, e.g. /binh-dan-hoc-vu-so/ (default: SITE_URL's path)")
    ap.add_argument("--root", type=Path, help="where the site's files are on the server (default: --site)")
    ap.add_argument("--listen", default="80")
    ap.add_argument("--server-name", default="_")
    ap.add_argument("--standalone", type=Path, help="write a whole nginx.conf into this folder instead")
    args = ap.parse_args(argv)
    server = server_config(args.site, args.prefix, args.root, args.listen, args.server_name)
    if args.standalone:
        print(f"nginx -p {args.standalone} -c {standalone(server, args.standalone)} -e stderr -g 'daemon off;'")
    else:
        sys.stdout.write(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
