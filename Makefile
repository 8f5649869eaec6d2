# Two entry points: `make run` (install, validate, build today's consolidated text, HTML site and
# PDF into output/) and `make test` (install dev tools, lint, type-check, test).
# Everything installs from pyproject.toml, plus WeasyPrint's system libraries (system-deps).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
AT ?= today

.PHONY: run test lint bench bench-pdf validate clean system-deps
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP) system-deps
	$(BIN)/consolidator validate
	$(BIN)/consolidator text --at $(AT) -o output/texte.txt
	$(BIN)/consolidator text --at $(AT) --format json -o output/texte.json
	@echo "Consolidated text written to output/texte.txt and output/texte.json"
	$(BIN)/consolidator build --at $(AT) -o output
	@echo "Open the site: file://$(CURDIR)/output/index.html (PDF beside it: output/convention-*.pdf)"

# WeasyPrint (PDF) needs pango and a font; install them with apt-get when they are missing.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || ! fc-list 2>/dev/null | grep -qi dejavu; then \
		echo "installing WeasyPrint's system libraries (pango, DejaVu fonts)"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check consolidator tests benchmarks
	$(BIN)/ruff format --check consolidator tests benchmarks
	$(BIN)/mypy consolidator

test: lint system-deps
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

bench-pdf: $(STAMP) system-deps
	$(BIN)/python benchmarks/bench_pdf.py

validate: $(STAMP)
	$(BIN)/consolidator validate

clean:
	rm -rf output .pytest_cache .ruff_cache
