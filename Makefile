# The two commands a person needs are `make run` and `make test`; both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps run test lint typecheck bench bundle clean translations screenshots native

setup: system-deps $(STAMP) native

system-deps:
	@bash scripts/system-deps.sh $(if $(filter run,$(MAKECMDGOALS)),--xvfb,)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)
	@# Byte-compile once: PYTHONDONTWRITEBYTECODE machines would otherwise recompile at each start.
	@$(BIN)/python -m compileall -q src >/dev/null

# Reader's native helpers (src/reader/native/readernative.c): BM25 ranking and match marking
# for the search index, MinHash for near-duplicates. Reader works without them, only slower,
# so a machine without a C compiler or SQLite's headers gets a note instead of an error.
NATIVE := src/reader/native/libreadernative.so.1
native: $(NATIVE)

$(NATIVE): src/reader/native/readernative.c
	@if command -v $(CC) >/dev/null 2>&1 && echo '#include <sqlite3ext.h>' | $(CC) -E - >/dev/null 2>&1; then \
		$(CC) -O2 -Wall -Wextra -shared -fPIC -o $@ $< -lm && echo "setup: built $@"; \
	else \
		echo "setup: no C compiler or SQLite headers; Reader runs without its native helpers (slower search and import)" >&2; \
	fi

run: setup
	$(BIN)/reader

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

test: lint typecheck
	bash scripts/run-tests.sh

bench: setup
	@$(BIN)/python -m compileall -q src benchmarks >/dev/null
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# The desktop bundle: dist/reader/, one folder with one executable (dist/reader/reader) that is
# both the window and the command line. See packaging/README.md.
bundle: setup
	$(BIN)/pyinstaller packaging/reader.spec --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller

# The window's strings: lupdate collects them from src/reader/ui into resources/translations/
# (reader.ts is the template, reader_<language>.ts a translation; reader_en.ts holds only the
# English plural forms), and lrelease builds the .qm files Reader loads at start.
# `make translations NEW=fr` starts a French translation.
TS_DIR := resources/translations
TS_FILES := $(filter-out $(TS_DIR)/reader_en.ts,$(wildcard $(TS_DIR)/reader_*.ts)) \
	$(if $(NEW),$(TS_DIR)/reader_$(NEW).ts)
LUPDATE := $(BIN)/pyside6-lupdate -silent -extensions py -no-obsolete -locations relative \
	-source-language en
translations: | $(STAMP)
	$(LUPDATE) src/reader/ui -ts $(TS_DIR)/reader.ts $(TS_FILES)
	$(LUPDATE) -pluralonly src/reader/ui -ts $(TS_DIR)/reader_en.ts
	@for ts in $(TS_DIR)/reader_*.ts; do \
		$(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; \
	done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The README's and the store listing's pictures, drawn by `reader screenshot` from a fresh
# library of the sample articles (light and dark).
screenshots: setup
	@tmp=$$(mktemp -d) && \
	READER_DATA_DIR=$$tmp/data READER_CONFIG_DIR=$$tmp/config QT_QPA_PLATFORM=offscreen \
	  $(BIN)/reader screenshot docs/screenshot.png --theme light && \
	READER_DATA_DIR=$$tmp/data READER_CONFIG_DIR=$$tmp/config QT_QPA_PLATFORM=offscreen \
	  $(BIN)/reader screenshot docs/screenshot-dark.png --theme dark && \
	rm -rf $$tmp
