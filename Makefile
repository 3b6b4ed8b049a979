# Musharaka's two set-up commands, on a fresh machine:
#   make run    the dashboard on the bundled sample data (loaded into data/musharaka.db if empty)
#   make test   the whole test suite, SQLite and PostgreSQL
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8501
# The screen's text: one gettext catalog per language (docs/translating.md). The compiled
# .mo files are built here, never committed.
CATALOGS = $(wildcard locale/*/LC_MESSAGES/musharaka.po)
COMPILED = $(CATALOGS:.po=.mo)
# axe-core, which the accessibility tests inject into the pages (docs/accessibility.md):
# the version tests/a11y/package-lock.json pins, installed by npm.
AXE = tests/a11y/node_modules/axe-core/axe.min.js

.PHONY: run test lint format sample clean messages catalogs fonts

run: $(VENV)/.runtime $(COMPILED)
	$(BIN)/python -m etl sample --if-empty
	$(BIN)/streamlit run serve.py --server.port $(PORT)

test: $(VENV)/.dev $(COMPILED) $(AXE)
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

sample: $(VENV)/.runtime
	$(BIN)/python -m etl sample

catalogs: $(COMPILED)

# The static site's Arabic font, cut to what its pages show (etl/publish/fonts.py).
fonts: $(VENV)/.runtime
	$(BIN)/python tools/subset_fonts.py

locale/%/LC_MESSAGES/musharaka.mo: locale/%/LC_MESSAGES/musharaka.po $(VENV)/.runtime
	$(BIN)/pybabel compile --domain musharaka --locale $* --input-file $< --output-file $@ --statistics

# After adding or renaming a message id in the code: the ids the code uses (found by
# musharaka.messages.extract, importable because Python runs from here), plus every id
# of the English catalog (some are built at run time), become the template; every
# language's catalog is brought to it (new ids arrive empty), then compiled.
messages: $(VENV)/.runtime
	$(BIN)/python -m babel.messages.frontend extract --mapping-file babel.cfg --keyword t --no-location \
		--no-wrap --output-file locale/extracted.pot musharaka pages dashboard.py etl/publish
	$(BIN)/python -m musharaka.messages locale/extracted.pot locale/musharaka.pot
	$(BIN)/pybabel update --domain musharaka --input-file locale/musharaka.pot \
		--output-dir locale --no-fuzzy-matching --width 100
	rm -f locale/extracted.pot
	$(MAKE) catalogs

$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	cd tests/a11y && npm ci --no-audit --no-fund
	touch $@

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
	rm -f $(COMPILED) locale/*.pot
	rm -rf tests/a11y/node_modules
