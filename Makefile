# Học kỹ năng số — two commands: `make serve` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup build serve test check links bench clean browser java nginx nginx-conf

help:
	@echo "make serve   set up, build and serve at http://127.0.0.1:8000 with live reload"
	@echo "make test    set up and run every check and test"
	@echo "make build   write the static site to site/"
	@echo "make check   check lesson and plan files only (fast)"
	@echo "make bench   compare size and speed with a plain Material build, and the cost of 3,321 wards"
	@echo "make nginx-conf  nginx configuration for the built site (deploy/README.md)"

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMP) $(NODE_STAMP)

# Debian's Chromium drives the browser tests (no browser downloads itself here).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	  else \
	    echo "Browser tests need Debian's Chromium: run 'sudo apt-get install chromium fonts-noto-core', then 'make test' again."; exit 1; \
	  fi; \
	fi

# Java runs the Nu Html Checker (vnu-jar from npm) over the built pages.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's Java for the HTML checker…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "The HTML check needs Java: run 'sudo apt-get install default-jre-headless', then 'make test' again."; exit 1; \
	  fi; \
	fi

# Debian's nginx with brotli: the hosting test serves the site with deploy/'s configuration.
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
nginx:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -f $(NGINX_BROTLI) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's nginx for the hosting test…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null; \
	  else \
	    echo "The hosting test needs nginx: run 'sudo apt-get install nginx libnginx-mod-http-brotli-static', then 'make test' again."; exit 1; \
	  fi; \
	fi

check: $(STAMP)
	$(PY) scripts/check_content.py

build: setup
	$(PY) scripts/docs.py build --precompress

# The same SITE_URL as the build (its path is the prefix); ROOT: where site/ is on the server.
nginx-conf:
	@$(PY) scripts/nginx_conf.py --site site $(if $(ROOT),--root $(ROOT))

serve: setup
	$(PY) scripts/docs.py serve

links: build
	$(PY) scripts/check_links.py site

# worksteal: a worker that runs out of tests takes some of the other's, so one long test at the end
# does not leave a core idle.
test: setup browser java nginx
	$(PY) scripts/check_content.py
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -n 2 --dist worksteal

bench: setup browser
	CHROMIUM=$(CHROMIUM) $(PY) scripts/bench.py
	$(PY) scripts/bench_wards.py --wards 3321

clean:
	rm -rf site build .pytest_cache
