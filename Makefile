# Two commands set everything up on a fresh machine: `make build` and `make test`.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Two locks: what building the site needs (requirements.lock: `make build`, the Pages deploy
# and every archived snapshot install only this), and what only the tests add
# (requirements-dev.lock: pytest, Playwright, frictionless, ...). `make lock` writes both.
STAMP := $(VENV)/.installed-$(shell cat requirements.lock | sha256sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.lock requirements-dev.lock | sha256sum | cut -c1-12)
CHROMIUM ?= /usr/bin/chromium
BROWSER_TESTS := tests/browser
AXE := $(BROWSER_TESTS)/node_modules/axe-core/axe.min.js
SVELTIA := cms/node_modules/@sveltia/cms/npm/index.js
# pip prints one "Location ... is ignored" line per package when the machine's own pip
# configuration names a file:// index folder that lacks that package (a partial local
# mirror); pip skips such a folder anyway. Only that line is dropped: any other warning shows.
PIP_INSTALL = set -o pipefail; $(PY) -m pip install --quiet --require-hashes --no-deps
PIP_QUIET_MIRROR = 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }

.PHONY: install install-dev lock build serve test test-fast validate schema snapshot clean chromium axe cms npm

$(STAMP): requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.lock $(PIP_QUIET_MIRROR)
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP_INSTALL) -r requirements.lock -r requirements-dev.lock $(PIP_QUIET_MIRROR)
	touch $@

## install: create .venv/ from requirements.lock (the other targets do it when needed)
install: $(STAMP)

## install-dev: add the test tools of requirements-dev.lock to .venv/ (`make test` does it when needed)
install-dev: $(DEV_STAMP)

## lock: regenerate both locks from pyproject.toml, with every file's hash, from PyPI only
## (uv: `pip install uv`); versions already locked are kept unless LOCK_ARGS=--upgrade
UV ?= uv
LOCK_FLAGS = --generate-hashes --universal --python-version 3.11.5 --no-config \
	--default-index https://pypi.org/simple --custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) --output-file requirements.lock
	$(UV) pip compile pyproject.toml --extra dev $(LOCK_FLAGS) --constraint requirements.lock \
	  $$(sed -n 's/^\([A-Za-z0-9._-]*\)==.*/--no-emit-package \1/p' requirements.lock) \
	  --output-file requirements-dev.lock

## build: check the records, then build the site into a temporary folder and swap it into site/
## (with the web editor /bien-tap/: Sveltia CMS from cms/package-lock.json, see `make cms`)
build: $(STAMP) cms
	$(PY) -m macros build

## serve: preview on http://127.0.0.1:8000, rebuilding when data/, macros/ or overrides/ change;
## with an error, every page shows the list of problems until it is fixed
serve: $(STAMP)
	$(PY) -m macros serve

## validate: check every record and print the problems (file:line:col)
validate: $(STAMP)
	$(PY) -m macros validate

## schema: regenerate the JSON Schemas in schemas/ from the models
schema: $(STAMP)
	$(PY) -m macros schema

## test: every test, browser tests included (installs Debian's chromium and axe-core when missing)
test: $(DEV_STAMP) chromium axe cms
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q

## test-fast: the tests that need no browser
test-fast: $(DEV_STAMP)
	$(PY) -m pytest -q -m "not browser"

## chromium: Debian's chromium for the browser tests (apt-get, as root, when missing)
## snapshot: the archival snapshot of one issue into snapshots/: make snapshot ISSUE=2023-04
## (a registered issue: its commit's code, in an environment made from its commit's
## requirements.lock, with the registered Python when found; SNAPSHOT_PYTHON=PATH chooses one)
SNAPSHOT_PYTHON ?=
SNAPSHOT_ARGS = $(if $(SNAPSHOT_PYTHON),--python $(SNAPSHOT_PYTHON))
snapshot: $(STAMP)
	@test -n "$(ISSUE)" || { echo "Cần số bản tin: make snapshot ISSUE=NNNN-SS (ví dụ 2023-04)" >&2; exit 2; }
	$(PY) -m macros snapshot $(ISSUE) $(SNAPSHOT_ARGS)

## archive: snapshot an issue from HEAD and record it in archive/register.yml, once: make archive ISSUE=2023-04
archive: $(STAMP)
	@test -n "$(ISSUE)" || { echo "Cần số bản tin: make archive ISSUE=NNNN-SS (ví dụ 2023-04)" >&2; exit 2; }
	$(PY) -m macros archive $(ISSUE) $(SNAPSHOT_ARGS)

## verify-snapshot: check a snapshot fully: make verify-snapshot SNAPSHOT=snapshots/khcn-ban-tin-2023-04.tar.gz,
## or rebuild a registered issue from the register alone and compare: make verify-snapshot ISSUE=2023-04
verify-snapshot: $(STAMP)
	@test -n "$(SNAPSHOT)$(ISSUE)" || { echo "Cần tệp hoặc thư mục (SNAPSHOT=...) hoặc số bản tin (ISSUE=...)" >&2; exit 2; }
	$(PY) -m macros verify-snapshot $(if $(ISSUE),--rebuild $(ISSUE) $(SNAPSHOT_ARGS)) $(SNAPSHOT)

.PHONY: archive verify-snapshot

## bench: build time and page weight of a synthetic bloc at two sizes against plain MkDocs (bench/)
bench: $(STAMP)
	$(PY) bench/build_bench.py $(BENCH_ARGS)

## lighthouse: Lighthouse scores of five pages served locally with gzip (npm ci into bench/ when needed)
lighthouse: $(STAMP) chromium
	CHROME_PATH=$(CHROMIUM) $(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)

.PHONY: bench lighthouse

## guide-screenshots: the screenshots of the guide's "Sửa trên trình duyệt" (content/assets/bien-tap/)
guide-screenshots: build chromium
	CHROMIUM=$(CHROMIUM) $(PY) tests/browser/guide_screenshots.py

.PHONY: guide-screenshots

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	  fi; \
	fi

## axe: axe-core at the version pinned in tests/browser/package-lock.json (npm ci)
axe: $(AXE)

$(AXE): $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json | npm
	cd $(BROWSER_TESTS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## cms: Sveltia CMS and the yaml library at the versions pinned in cms/package-lock.json (npm ci)
cms: $(SVELTIA)

$(SVELTIA): cms/package.json cms/package-lock.json | npm
	cd cms && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## npm: Debian's npm (apt-get, as root, when missing)
npm:
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else \
	    echo "npm is needed for axe-core and Sveltia CMS: sudo apt-get install npm" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site $(VENV) .pytest_cache $(BROWSER_TESTS)/node_modules cms/node_modules
