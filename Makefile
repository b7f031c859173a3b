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

# Every test (scripts/run_tests.py): the notebooks stage (every toc notebook executed once) and
# the book built from it, with the unit tests beside it; then the browser tests of the built book
# beside the JupyterLab test. Prints each run's output, its stage times and the wall time.
test: env
	$(BIN)/python scripts/run_tests.py

lab: env
	$(BIN)/jupyter lab $(ROOT_FLAG)

bench: env
	@set -e; for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf _build book/_static/vendor .pytest_cache
