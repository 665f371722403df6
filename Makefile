# Quick start: `make site` builds the learner site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# nbgrader gets its own environment: its dependencies add seconds to every site build's imports.
COHORT_VENV := .venv-cohort
COHORT_STAMP := $(COHORT_VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
# Byte-identical rebuilds: dates in the sitemap come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export SOURCE_DATE_EPOCH

.PHONY: site trainer-site serve check test lint bench clean chromium cohort

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(COHORT_STAMP): pyproject.toml
	$(PYTHON) -m venv $(COHORT_VENV)
	$(COHORT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(COHORT_VENV)/bin/python -m pip install --quiet -e '.[cohort]' ipykernel
	touch $@

cohort: $(COHORT_STAMP) ## nbgrader for cohort grading, in .venv-cohort/
	@echo "nbgrader is ready: PATH=$$PWD/$(COHORT_VENV)/bin:\$$PATH nbgrader --help"

site: $(STAMP) ## Check the curriculum, then build the learner edition into site/
	$(BIN)/peer-curriculum check
	$(BIN)/mkdocs build --strict --site-dir site
	@echo "Built the learner site in site/. Open site/index.html, or run 'make serve' for a live preview at http://127.0.0.1:8000"

trainer-site: $(STAMP) ## Check the curriculum, then build the trainer edition into site-trainer/
	$(BIN)/peer-curriculum check
	PEER_EDITION=trainer $(BIN)/mkdocs build --strict --site-dir site-trainer
	@echo "Built the trainer edition in site-trainer/. Keep it away from learners."

serve: $(STAMP) ## Live preview at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(STAMP) ## Validate the curriculum
	$(BIN)/peer-curriculum check

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM). Install it with: sudo apt-get install chromium" >&2; exit 1; \
	  fi; \
	fi

test: $(TEST_STAMP) $(COHORT_STAMP) chromium ## Run the whole test suite
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check tools tests bench
	$(BIN)/ruff format --check tools tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/build.py

clean:
	rm -rf site site-trainer .pytest_cache
