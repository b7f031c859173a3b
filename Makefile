# The three commands: `make book`, `make test`, `make lab` (see README.md).
SHELL   := /bin/bash
PYTHON  ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-from-lock
export PATH := $(abspath $(BIN)):$(PATH)

ROOT_FLAG  := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True,)

.PHONY: env book test lab bench clean

# The environment: created once, reinstalled only when the lock or pyproject changes.
env: $(STAMP)
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

# The whole book from a clean _build, executing every notebook; warnings are errors.
book: env
	rm -rf _build
	$(BIN)/jupyter-book build . -W --keep-going
	@echo "The book: $(CURDIR)/_build/html/index.html"

# Every test in one pytest run, in this order (tests/conftest.py): unit tests; every notebook
# of the toc executed once (tests/notebooks); the book built from those executed notebooks
# (tests/book); the built pages in chromium with the network blocked (tests/browser); every
# notebook in JupyterLab (tests/lab). Prints the time of each stage and the JupyterLab table.
test: env
	$(BIN)/python -m pytest -rfE --durations=15 tests/unit tests/notebooks tests/book tests/browser tests/lab

lab: env
	$(BIN)/jupyter lab $(ROOT_FLAG)

bench: env
	@set -e; for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf _build book/_static/vendor .pytest_cache
