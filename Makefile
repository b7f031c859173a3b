# The three commands: `make book`, `make test`, `make lab` (see README.md).
SHELL   := /bin/bash
PYTHON  ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-from-lock
export PATH := $(abspath $(BIN)):$(PATH)

NBVAL_OPTS := --nbval-lax --nbval-current-env --nbval-cell-timeout=1500 \
              --nbval-sanitize-with tests/nbval_sanitize.cfg
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

# Every test in one pytest run: unit tests, the toc's notebooks (nbval), the book
# build, then the built pages in chromium with the network blocked.
test: env
	$(BIN)/python -m pytest -rfE $(wildcard tests/unit) \
	  $$($(BIN)/python scripts/toc_notebooks.py) \
	  tests/book/test_build.py tests/browser $(NBVAL_OPTS)

lab: env
	$(BIN)/jupyter lab $(ROOT_FLAG)

bench: env
	@set -e; for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf _build book/_static/vendor .pytest_cache
