"""Shared test fixtures and the order and timing of the test run's stages.

Stages, always run in this order whatever the command line: ``unit`` (tests/unit),
``notebooks`` (tests/notebooks: every toc notebook executed once), ``book build``
(tests/book: built from the executed notebooks of the same run when there are any),
``browser`` (tests/browser: the static book in chromium) and ``jupyterlab`` (tests/lab).
The wall time of each stage is printed at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
BUILD_LOG = BUILD / "book-build.log"

# Debian's chromium (never a downloaded browser build), for the browser and JupyterLab stages.
CHROMIUM = os.environ.get("YATLIB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# (stage name, test folder) in the order they run.
STAGES = [
    ("unit", "unit"),
    ("notebooks", "notebooks"),
    ("book build", "book"),
    ("browser", "browser"),
    ("jupyterlab", "lab"),
]
_STAGE_OF_DIR = {folder: name for name, folder in STAGES}
_STAGE_RANK = {name: i for i, (name, _) in enumerate(STAGES)}

# The key under which tests/notebooks leaves the folder of this session's executed notebooks.
EXECUTED = pytest.StashKey[Path]()


def executed_folder(config: pytest.Config) -> Path | None:
    """The folder of executed notebooks the book is built from: this session's (tests/notebooks ran), else
    ``$YATLIB_EXECUTED_NOTEBOOKS`` (scripts/run_tests.py executes the notebooks in runs of their own), else None."""
    if EXECUTED in config.stash:
        return config.stash[EXECUTED]
    env = os.environ.get("YATLIB_EXECUTED_NOTEBOOKS")
    return Path(env) if env else None


def jupyter_book() -> str:
    exe = Path(sys.executable).parent / "jupyter-book"
    return str(exe) if exe.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def book_config() -> dict:
    """The book's ``_config.yml``."""
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def build_book(executed: Path | None = None, edition: str | None = None) -> Path:
    """Build the whole book from a clean ``_build``, or one of its editions into ``_build/<edition>``.

    With ``executed`` (a folder of executed notebooks at their paths in the repository, written by
    tests/notebooks), the build takes every notebook's outputs from there instead of executing it
    again: the notebooks are put in a fresh jupyter-cache and the build reads it (myst-nb's
    ``cache`` mode, through a copy of ``_config.yml`` that differs only in ``execute``); a
    notebook missing from the folder is executed by the build. Without it, the build executes
    every notebook, as ``make book`` does.

    With ``edition`` (``"student"`` or ``"instructor"``, see ``book/_ext/yat_editions.py``), that edition is
    built into ``_build/<edition>`` (jupyter-book's ``--path-output``; its pages in
    ``_build/<edition>/_build/html``), its log in ``_build/book-build-<edition>.log``; the rest of
    ``_build`` is left alone.

    Fails the calling test with the tail of the build log when the build fails.
    Returns ``_build/html`` (or the edition's ``html`` folder).
    """
    out, log_path, env = BUILD, BUILD_LOG, os.environ.copy()
    if edition:
        out, log_path = BUILD / edition, BUILD / f"book-build-{edition}.log"
        env["YATLIB_EDITION"] = edition
        shutil.rmtree(out, ignore_errors=True)
        BUILD.mkdir(exist_ok=True)
    else:
        shutil.rmtree(BUILD, ignore_errors=True)
        BUILD.mkdir()
    cmd = [jupyter_book(), "build", str(ROOT), "-W", "--keep-going"]
    if edition:
        cmd += ["--path-output", str(out)]
    if executed is not None:
        import nbformat
        from jupyter_cache import get_cache
        from jupyter_cache.base import CacheBundleIn

        work = Path(tempfile.mkdtemp(prefix="yat-book-cache-"))
        cache = get_cache(str(work / "jupyter_cache"))
        for path in sorted(executed.rglob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            cache.cache_notebook_bundle(
                CacheBundleIn(nb, str(ROOT / path.relative_to(executed))), check_validity=False, overwrite=True
            )
        config = book_config()
        config["execute"] = {
            **config.get("execute", {}),
            "execute_notebooks": "cache",
            "cache": str(work / "jupyter_cache"),
        }
        # jupyter-book resolves local extensions against the config file's folder: make them absolute.
        local = config.get("sphinx", {}).get("local_extensions") or {}
        config.setdefault("sphinx", {})["local_extensions"] = {k: str(ROOT / v) for k, v in local.items()}
        path = work / "_config.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
        cmd += ["--config", str(path)]
    html = out / "_build" / "html" if edition else BUILD / "html"
    with open(log_path, "w") as log:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    if proc.returncode != 0 or not (html / "index.html").exists():
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-80:])
        pytest.fail(
            f"`{' '.join(cmd)}` failed (exit {proc.returncode}); full log in {log_path}.\n--- last lines ---\n{tail}",
            pytrace=False,
        )
    return html


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright, once per test run.

    The JupyterLab stage (tests/lab) uses this same browser too: Playwright's sync API runs one
    instance per thread, and a second ``sync_playwright()`` started while this one is alive
    fails with "using Playwright Sync API inside the asyncio loop".
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium).", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def built_book(request) -> Path:
    """The book, built from clean once in this session (``_build/html``), from the executed notebooks of
    tests/notebooks when it ran before (:func:`executed_folder`)."""
    html = build_book(executed_folder(request.config))
    request.config._yat_book_html = html  # reused by tests/browser's ``book_html``
    return html


# ------------------------------------------------------------------ stage order and timing


def stage_of(item: pytest.Item) -> str:
    """The stage of a test item (the name of its folder under tests/), or ``"other"``."""
    try:
        rel = Path(str(item.path)).resolve().relative_to(ROOT / "tests")
    except ValueError:
        return "other"
    return _STAGE_OF_DIR.get(rel.parts[0], "other") if len(rel.parts) > 1 else "other"


def pytest_collection_modifyitems(session, config, items) -> None:
    """Run the stages in order (the book build needs the executed notebooks; the browser tests the build)."""
    items.sort(key=lambda it: _STAGE_RANK.get(stage_of(it), len(STAGES)))  # stable: file order kept within a stage


_stage_time: dict[str, float] = {}
_stage_count: dict[str, int] = {}
_stage_failed: dict[str, int] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Add the wall time of each test (setup, call and teardown, so session fixtures such as the
    book build and the JupyterLab server count where they are used) to its stage."""
    t0 = time.monotonic()
    try:
        return (yield)
    finally:
        stage = stage_of(item)
        _stage_time[stage] = _stage_time.get(stage, 0.0) + time.monotonic() - t0
        _stage_count[stage] = _stage_count.get(stage, 0) + 1


def pytest_runtest_logreport(report) -> None:
    if report.failed:
        parts = report.nodeid.split("::")[0].split("/")
        stage = _STAGE_OF_DIR.get(parts[1], "other") if len(parts) > 2 and parts[0] == "tests" else "other"
        _stage_failed[stage] = _stage_failed.get(stage, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not _stage_time:
        return
    tr = terminalreporter
    tr.section("time per stage")
    order = [name for name, _ in STAGES if name in _stage_time] + [s for s in _stage_time if s not in _STAGE_RANK]
    for name in order:
        failed = _stage_failed.get(name, 0)
        tr.write_line(
            f"{name:<12} {_stage_time[name] / 60:6.1f} min  {_stage_count[name]:4d} tests"
            + (f"  ({failed} failed)" if failed else "")
        )
    tr.write_line(f"{'total':<12} {sum(_stage_time.values()) / 60:6.1f} min")
