# One-command entry points; each creates .venv and installs what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test data check-data lint format clean browser load screenshots bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

browser:
	bash scripts/ensure-browser.sh

data: $(STAMP)
	$(PY) -m dashboard.build

check-data: $(STAMP)
	$(PY) -m dashboard.build --check

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info src/*.egg-info

# Many users at once, over Streamlit's websocket protocol (no browser): 50 concurrent sessions for
# 60 s, then 500 sequential; errors must be 0 and the server's RSS must end within 10 % of its warm baseline.
load: $(STAMP)
	$(PY) -m bench.load

# The README's screenshots (docs/screenshots/<page>.png): the app started as the browser tests do,
# each page opened with a filter in Chromium, saved 1280 px wide and palette-compressed.
screenshots: $(STAMP) browser
	$(PY) -m scripts.screenshots

# Every page next to Streamlit's own floor (an empty page; a minimal dashboard page), in one run: server
# script runs on the real table and on 10,000 / 100,000 synthetic rows, browser load and filter round
# trips, server memory, pyinstrument profiles. Markdown tables on stdout, JSON in bench/results/bench.json.
# A tiny run: make bench BENCH_ARGS="--reps 1 --sizes 0 --pages / --quick"
BENCH_STAMP := $(VENV)/.installed-bench
BENCH_ARGS ?=

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) browser
	$(PY) -m bench.run $(BENCH_ARGS)

# docs/performance.md from the benchmark's JSON: adopts bench/results/bench.json and load.json (those that
# exist) as docs/performance.json and docs/load.json, then rewrites the page; tests/test_perfdoc.py checks they agree.
.PHONY: perf-doc
perf-doc: $(STAMP)
	$(PY) -m bench.perfdoc $(if $(wildcard bench/results/bench.json),--bench bench/results/bench.json) \
		$(if $(wildcard bench/results/load.json),--load bench/results/load.json)
