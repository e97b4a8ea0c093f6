# Học kỹ năng số — two commands: `make serve` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup build serve test check links bench clean browser

help:
	@echo "make serve   set up, build and serve at http://127.0.0.1:8000 with live reload"
	@echo "make test    set up and run every check and test"
	@echo "make build   write the static site to site/"
	@echo "make check   check lesson and plan files only (fast)"
	@echo "make bench   compare size and speed with a plain Material build, and the cost of 3,321 wards"

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

check: $(STAMP)
	$(PY) scripts/check_content.py

build: setup
	$(PY) scripts/docs.py build

serve: setup
	$(PY) scripts/docs.py serve

links: build
	$(PY) scripts/check_links.py site

test: setup browser
	$(PY) scripts/check_content.py
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -n 2

bench: setup browser
	CHROMIUM=$(CHROMIUM) $(PY) scripts/bench.py
	$(PY) scripts/bench_wards.py --wards 3321

clean:
	rm -rf site build .pytest_cache
