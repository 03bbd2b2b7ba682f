# Two commands set everything up on a fresh machine: `make build` and `make test`.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
CHROMIUM ?= /usr/bin/chromium

.PHONY: build serve test test-fast validate schema snapshot clean chromium

$(STAMP): requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

## build: check the records, then build the site into a temporary folder and swap it into site/
build: $(STAMP)
	$(PY) -m macros build

## serve: preview on http://127.0.0.1:8000, rebuilding when data/, macros/ or overrides/ change
serve: $(STAMP)
	$(PY) -m mkdocs serve --watch data --watch macros --watch overrides

## validate: check every record and print the problems (file:line:col)
validate: $(STAMP)
	$(PY) -m macros validate

## schema: regenerate the JSON Schemas in schemas/ from the models
schema: $(STAMP)
	$(PY) -m macros schema

## test: every test, browser tests included (installs Debian's chromium when missing)
test: $(STAMP) chromium
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q

## test-fast: the tests that need no browser
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not browser"

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site $(VENV) .pytest_cache
