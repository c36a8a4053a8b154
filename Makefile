# One-command entry points; each creates .venv and installs what it needs on a fresh machine,
# from lock files with exact versions and hashes (requirements/*.txt; `make lock` refreshes them).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --quiet
STAMP := $(VENV)/.installed-test
APP_STAMP := $(VENV)/.installed-app
PORT ?= 8501
# A staff tool listens on this machine only; ADDRESS=0.0.0.0 puts it on the network on purpose.
ADDRESS ?= 127.0.0.1

.PHONY: run test data check-data lint format clean browser report-deps postgres office load screenshots report-screenshots bench lock \
	proxy serve deploy-assets bench-deploy try-signin

# The app's packages only (make run); the test tools come with make test.
define install
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes -r $(1)
	$(PIP) install --no-deps --no-build-isolation -e .
endef

$(APP_STAMP): requirements/app.txt pyproject.toml
	$(call install,requirements/app.txt)
	touch $@

$(STAMP): requirements/test.txt pyproject.toml
	$(call install,requirements/test.txt)
	touch $@ $(APP_STAMP)

run: $(APP_STAMP)
	-@bash scripts/ensure-report.sh  # the PDF report's fonts; without them the dashboard runs and says what to install
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

test: $(STAMP) browser report-deps postgres office proxy deploy-assets
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

browser:
	bash scripts/ensure-browser.sh

# LOCAL TRY-OUT ONLY: a test identity provider (oidc-provider-mock, 127.0.0.1:9400) and the dashboard on the demo
# database, with demo accounts (a hyogo editor, a union editor, an admin); docs/access.md. Never for deployment.
try-signin: $(STAMP)
	$(PY) -m scripts.try_signin --port $(PORT)

# LibreOffice Calc and a Japanese font: the workbook print test prints the export to PDF.
office:
	bash scripts/ensure-office.sh

# The fonts the PDF report embeds (Debian packages; installed when root, else the command is printed).
report-deps:
	bash scripts/ensure-report.sh

# Resolve pyproject.toml's dependencies again into the lock files, keeping every pin that still fits; the
# largest set first, the others constrained by it, so a package has one version in all three.
# Upgrade one package: make lock LOCK_ARGS="--upgrade-package streamlit"; everything: LOCK_ARGS=--upgrade
LOCK_ARGS ?=
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml requirements/build.in --universal --generate-hashes \
	--python-version 3.11 --quiet $(LOCK_ARGS)

lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install uv
	$(UV_COMPILE) --extra test --extra bench -o requirements/bench.txt
	$(UV_COMPILE) --extra test -c requirements/bench.txt -o requirements/test.txt
	$(UV_COMPILE) -c requirements/bench.txt -o requirements/app.txt

# The progress store's tests run on a real PostgreSQL too (tests/pg.py starts a throw-away server).
postgres:
	bash scripts/ensure-postgres.sh

data: $(APP_STAMP)
	$(PY) -m dashboard.build

check-data: $(APP_STAMP)
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

# docs/screenshots/report-pdf.png and report-pptx.png: a page of each report of /matrix?area=su,
# rendered with pdftoppm and (for the .pptx) LibreOffice Impress, installed here when root.
report-screenshots: $(STAMP)
	bash scripts/ensure-report.sh --render
	$(PY) scripts/report_screenshots.py

# Every page next to Streamlit's own floor (an empty page; a minimal dashboard page), in one run: server
# script runs on the real table and on 10,000 / 100,000 synthetic rows, browser load and filter round
# trips, server memory, pyinstrument profiles. Markdown tables on stdout, JSON in bench/results/bench.json.
# A tiny run: make bench BENCH_ARGS="--reps 1 --sizes 0 --pages / --quick"
BENCH_STAMP := $(VENV)/.installed-bench
BENCH_ARGS ?=

$(BENCH_STAMP): $(STAMP) requirements/bench.txt
	$(call install,requirements/bench.txt)
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) browser
	$(PY) -m bench.run $(BENCH_ARGS)

# docs/performance.md from the benchmark's JSON: adopts bench/results/bench.json and load.json (those that
# exist) as docs/performance.json and docs/load.json, then rewrites the page; tests/test_perfdoc.py checks they agree.
.PHONY: perf-doc
perf-doc: $(STAMP)
	$(PY) -m bench.perfdoc $(if $(wildcard bench/results/bench.json),--bench bench/results/bench.json) \
		$(if $(wildcard bench/results/load.json),--load bench/results/load.json)

# ----------------------------------------------------------------------------------------- serving
# nginx (with the Brotli modules) and HAProxy from Debian, for make serve and the deploy tests.
proxy:
	bash scripts/ensure-proxy.sh

# nginx on ADDRESS:PORT → HAProxy (cookie affinity, health checks) → REPLICAS Streamlit processes, until
# Ctrl-C or SIGTERM (docs/deploy.md). More than one replica needs PROGRESS_DATABASE_URL=postgresql+psycopg://…
REPLICAS ?= 1
serve: $(APP_STAMP) proxy
	$(PY) -m deploy.serve --replicas $(REPLICAS) --port $(PORT) --address $(ADDRESS)

# Streamlit's static files pre-compressed (gzip + Brotli) into var/deploy/static, once per Streamlit version.
deploy-assets: $(APP_STAMP)
	$(PY) -m deploy.assets

# Direct vs through the proxy (cold and warm first loads, throttled too) and the load test over 1 and 2
# replicas; JSON in bench/results/deploy.json (docs/performance.md via make perf-doc).
DEPLOY_BENCH_ARGS ?=
bench-deploy: $(BENCH_STAMP) browser proxy postgres
	$(PY) -m bench.deploy $(DEPLOY_BENCH_ARGS)
