# Musharaka's two set-up commands, on a fresh machine:
#   make run    the dashboard on the bundled sample data (loaded into data/musharaka.db if empty)
#   make test   the whole test suite, SQLite and PostgreSQL
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format sample clean

run: $(VENV)/.runtime
	$(BIN)/python -m etl sample --if-empty
	$(BIN)/streamlit run dashboard.py --server.port $(PORT)

test: $(VENV)/.dev
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

sample: $(VENV)/.runtime
	$(BIN)/python -m etl sample

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
