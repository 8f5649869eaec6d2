# Two entry points: `make run` (install, validate, build today's consolidated text, HTML site and
# PDF into output/) and `make test` (install, lint, type-check, test).
# Both install exactly what uv.lock pins, with its hashes (`uv sync --locked`, never a fresh
# resolution), plus the Debian packages of DEBS. After a change of the dependencies in
# pyproject.toml, run `make lock` and commit uv.lock: until then `make run` and `make test` stop
# and say so. uv itself is pinned with its hashes in requirements-uv.txt.
PYTHON ?= python3
VENV ?= .venv
TOOLS ?= .tools
BIN := $(VENV)/bin
UV := $(TOOLS)/bin/uv
AT ?= today

# Targets written before uv.lock depended on $(STAMP): the same as depending on install.
STAMP := install
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# uv: the project's venv, this machine's Python (never a downloaded one), files copied from the cache.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

# Debian packages needed at run and test time: pango, HarfBuzz-Subset and fonts for WeasyPrint (PDF),
# chromium for the browser tests, poppler-utils (pdftoppm) to look at PDF pages.
DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig \
	chromium poppler-utils

.PHONY: run test install lock lint bench bench-pdf bench-build bench-scale bench-instructions validate clean system-deps

run: install system-deps
	$(BIN)/consolidator validate
	$(BIN)/consolidator build --at $(AT) -o output/site
	@echo "Open the site: file://$(CURDIR)/output/site/index.html (PDFs beside it: output/site/convention-*.pdf)"
	$(BIN)/consolidator text --at $(AT) -o output/texte.txt
	$(BIN)/consolidator text --at $(AT) --format json -o output/texte.json
	@echo "Consolidated text written to output/texte.txt and output/texte.json"
	@echo "To type the README's commands, put consolidator on your PATH: . $(VENV)/bin/activate"

test: lint system-deps
	$(BIN)/pytest

$(UV): requirements-uv.txt
	$(PYTHON) -m venv --clear $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		--no-deps -r requirements-uv.txt
	touch $@

# The venv is exactly uv.lock: packages missing or at another version are installed, others removed.
install: $(UV)
	@$(UV) lock --check --quiet || { \
		echo "error: uv.lock does not match pyproject.toml (its dependencies changed since the lock):"; \
		echo "  run 'make lock', then commit uv.lock with pyproject.toml"; exit 1; }
	$(UV) sync --locked --extra dev --quiet

# Refresh uv.lock from pyproject.toml (from PyPI, every platform, with hashes). Versions already
# locked are kept while they still fit; `$(UV) lock --upgrade` moves everything to the newest.
lock: $(UV)
	$(UV) lock

# Installs the Debian packages that are missing, by package presence; nothing when all are there.
system-deps:
	@missing=$$(for p in $(DEBS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

lint: install
	$(BIN)/ruff check consolidator tests benchmarks
	$(BIN)/ruff format --check consolidator tests benchmarks
	$(BIN)/mypy consolidator

bench: install
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/web.py

bench-pdf: install system-deps
	$(BIN)/python benchmarks/bench_pdf.py

# build: full without and with PDF, incremental after one act changed (targets 5 s, 20 s, 2 s)
bench-build: install system-deps
	$(BIN)/python benchmarks/bench_build.py

# every measure of issue 14 on synthetic corpora 1x, 10x and 50x the embedded one (ratios to 1x)
bench-scale: install
	$(BIN)/python benchmarks/scaling.py --sizes 1 10 50 --site 1 10 --pdf 1

# the cold commands' instruction counts (callgrind: independent of the shared machine's speed)
bench-instructions: install
	@command -v valgrind >/dev/null || $(MAKE) system-deps DEBS=valgrind
	$(BIN)/python benchmarks/instructions.py

validate: install
	$(BIN)/consolidator validate

clean:
	rm -rf output .pytest_cache .ruff_cache
