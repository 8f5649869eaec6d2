# Two entry points: `make run` (install + build today's consolidated text into output/)
# and `make test` (install dev tools + lint + tests). Everything installs from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
AT ?= today

.PHONY: run test lint bench validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(BIN)/consolidator validate
	$(BIN)/consolidator text --at $(AT) -o output/texte.txt
	$(BIN)/consolidator text --at $(AT) --format json -o output/texte.json
	@echo "Consolidated text written to output/texte.txt and output/texte.json"

lint: $(STAMP)
	$(BIN)/ruff check consolidator tests benchmarks
	$(BIN)/ruff format --check consolidator tests benchmarks

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

validate: $(STAMP)
	$(BIN)/consolidator validate

clean:
	rm -rf output .pytest_cache .ruff_cache
