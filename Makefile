# Quick start: `make run` serves the demo province, `make test` runs the whole suite.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PG_URL ?= $(or $(HUB_TEST_POSTGRES_URL),postgresql://postgres@127.0.0.1:5432/postgres)

.PHONY: run test lint format install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/hub init
	$(BIN)/hub demo
	$(BIN)/hub serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	@echo "==> Test suite on SQLite"
	$(BIN)/pytest --db sqlite
	@if $(BIN)/python -c "import psycopg2; psycopg2.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "==> Test suite on PostgreSQL ($(PG_URL))"; \
		HUB_TEST_POSTGRES_URL='$(PG_URL)' $(BIN)/pytest --db postgresql; \
	else \
		echo "==> PostgreSQL not reachable at $(PG_URL): PostgreSQL run skipped"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
