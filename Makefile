# One command per job; each creates .venv and installs what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo-data
DEMO_DB ?= reinstate.duckdb
DEMO_ORDERS ?= 300000
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
# The browser tests drive Debian's chromium through Playwright; nothing is downloaded by Playwright.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser demo test lint typecheck unit bench fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Reinstate needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,web]'
	@touch $(STAMP)

install: $(STAMP)

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  command -v apt-get >/dev/null || { echo "The browser tests need chromium at $(CHROMIUM); install it (Debian: apt-get install chromium) or set CHROMIUM=path."; exit 1; }; \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	fi

demo: $(STAMP)
	$(BIN)/reinstate --db $(DEMO_DB) demo $(DEMO_DIR) --orders $(DEMO_ORDERS) --serve --host $(DEMO_HOST) --port $(DEMO_PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser
	REINSTATE_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Fuzzing (docs/reliability.md, "Reading files"): the hypothesis fuzz tests with many examples,
# then each coverage-guided atheris target for FUZZ_SECONDS, grown from fuzz/corpus/<target>/.
# New inputs go to fuzz/work/, crashes to fuzz/crashes/ (copy one into fuzz/regressions/<target>/
# and tests/fuzz/test_regressions.py replays it in every `make test`).
FUZZ_SECONDS ?= 60
FUZZ_EXAMPLES ?= 500
FUZZ_TARGETS ?= all_orders feedback fulfilment defects v2_performance notice letter settings

fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,web,fuzz]'
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/fuzz
	@mkdir -p fuzz/crashes
	@for target in $(FUZZ_TARGETS); do \
	  echo "atheris: $$target for $(FUZZ_SECONDS) s"; \
	  mkdir -p fuzz/work/$$target; \
	  $(BIN)/python fuzz/target_$$target.py fuzz/work/$$target fuzz/corpus/$$target \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix=fuzz/crashes/$$target- || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis $(DEMO_DIR) $(DEMO_DB) fuzz/work
