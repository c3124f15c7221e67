# TeamPlay: `make run` sets up and starts the server; `make test` sets up and runs every test; `make bench` measures
# a live room with real clients (bench/live.py; BENCH_ARGS="--players 250,500,1000,2000 --rooms 200x10" for more).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test bench setup setup-dev setup-bench clean

run: setup
	$(BIN)/python wsgi.py

# Two workers: one takes the browser tests (one Chromium at a time), the other everything else.
TEST_WORKERS ?= 2

test: setup-dev
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: setup-bench
	$(BIN)/python bench/live.py $(BENCH_ARGS)

setup: $(VENV)/.runtime-installed node_modules/.installed instance

setup-dev: setup $(VENV)/.dev-installed

setup-bench: setup-dev $(VENV)/.bench-installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(BIN)/python
	$(PIP) install -r requirements-dev.txt
	touch $@

$(VENV)/.bench-installed: requirements-bench.txt requirements-dev.txt requirements.txt | $(BIN)/python
	$(PIP) install -r requirements-bench.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

instance:
	mkdir -p instance

clean:
	rm -rf $(VENV) node_modules instance/teamplay.db* tests/artifacts
