# `make book` and `make test` (README.md); `make lab`, `make lint`, `make bench`, `make clean`.
SHELL   := /bin/bash
PYTHON  ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-from-lock
export PATH := $(abspath $(BIN)):$(PATH)

ROOT_FLAG  := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True,)

.PHONY: env book test unit lint lab bench clean

# The environment: created once, reinstalled only when the lock or pyproject changes.
env: $(STAMP)
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

# The whole book from a clean _build, executing every notebook; warnings are errors.
# EDITION=student (the exercises without solutions or answers) or EDITION=instructor (the answer key)
# builds that edition instead, into _build/<edition>/_build/html (book/_ext/yat_editions.py).
EDITION ?=
book: env
ifeq ($(EDITION),)
	rm -rf _build
	$(BIN)/jupyter-book build . -W --keep-going
	@echo "The book: $(CURDIR)/_build/html/index.html"
else
	rm -rf _build/$(EDITION)
	YATLIB_EDITION=$(EDITION) $(BIN)/jupyter-book build . -W --keep-going --path-output _build/$(EDITION)
	@echo "The $(EDITION) edition: $(CURDIR)/_build/$(EDITION)/_build/html/index.html"
endif

# Every test (scripts/run_tests.py, tests/README.md): nbval executes every chapter cold, the chapters
# are executed again warm for the book, then the book build, browser, JupyterLab and unit tests, on
# two pinned lanes. Prints each run's output, the wall times and each chapter's time against its budget.
test: env
	$(BIN)/python scripts/run_tests.py

# The fast loop while editing: the unit tests without the `slow` set (CI runs that set once).
unit: env
	$(BIN)/python -m pytest tests/unit -m "not slow"

# Lint and type check (also a run of `make test`): ruff (pyproject.toml [tool.ruff]) and mypy on yatlib/.
lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

lab: env
	$(BIN)/jupyter lab $(ROOT_FLAG)

bench: env
	@set -e; for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf _build book/_static/vendor .pytest_cache
