# The two commands a newcomer needs: `make run` and `make test`. Everything else is for
# maintainers. Only Python 3.11+ has to be on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages bench clean loadtest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

# The site, and beside it the worker that runs queued background tasks (WordPress imports);
# the worker stops with the site.
run: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py db_worker --backend background & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerates the Swedish catalogue; translate the new entries, then commit .po and .mo.
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l sv --ignore='.venv/*' --ignore='var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages -l sv --ignore='.venv/*'

clean:
	rm -rf $(VENV) var/db.sqlite3* var/static

# Fills throw-away databases at the scales the issues name and prints medians and query
# counts. BENCH=blog runs only benchmarks whose name contains "blog"; the blog's filled
# databases (var/bench/blog/) are kept between runs.
bench: $(VENV)/.installed-dev
	mkdir -p var/bench && find var/bench -mindepth 1 -maxdepth 1 ! -name blog -exec rm -rf {} +
	$(BIN)/python bench/run.py $(BENCH)

# Not part of CI: gunicorn with production settings on 127.0.0.1 under wrk (Debian package
# `wrk`) for 30 s per page; prints req/s, p50/p99 and errors. LOADTEST_SECONDS=10 for less.
loadtest: $(VENV)/.installed-run
	$(BIN)/python bench/loadtest.py
