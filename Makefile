# One task runner. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/nq29.duckdb
PORT ?= 8501
export NQ29_DB := $(abspath $(DB))

.PHONY: run test lint typecheck check demo bench bench-load e2e-deps clean-db freeze schema-doc

run: $(VENV)/.runtime $(DB)
	$(PY) -m streamlit run dashboard.py --server.headless true --server.address 127.0.0.1 \
		--server.port $(PORT) --browser.gatherUsageStats false --client.toolbarMode viewer

test: $(VENV)/.dev $(DB)
	$(PY) -m pytest

PACKAGES := vocab store access etl analysis charts page_models report ui bench

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/vulture $(PACKAGES) dashboard.py pages tests vulture_whitelist.py --min-confidence 60

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

check: lint typecheck test

demo: $(VENV)/.runtime
	$(PY) -m etl demo --db $(DB)

bench: $(VENV)/.runtime
	$(PY) -m bench.run
	$(PY) -m bench.pages
	$(PY) -m bench.report
	$(PY) -m bench.exports
	$(PY) -m bench.hostile
	$(PY) -m bench.speed

# Many leaders at once (issue 21): 20 Chromium contexts for 120 s against a local server.
# Not part of `make test` nor `make bench`: it takes the machine for two minutes.
LOAD_SESSIONS ?= 20
LOAD_SECONDS ?= 120
bench-load: $(VENV)/.dev $(DB)
	$(PY) -m bench.load --sessions $(LOAD_SESSIONS) --seconds $(LOAD_SECONDS)

$(DB): $(VENV)/.runtime
	$(PY) -m etl demo --db $(DB)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

schema-doc: $(VENV)/.runtime
	$(PY) -m store.schema_doc > docs/schema.md

clean-db:
	rm -f $(DB) $(DB).wal $(DB).lock

freeze:
	$(PY) -m pip freeze
