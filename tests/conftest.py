"""Shared test fixtures: building the book once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
BUILD_LOG = BUILD / "book-build.log"


def jupyter_book() -> str:
    exe = Path(sys.executable).parent / "jupyter-book"
    return str(exe) if exe.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def build_book() -> Path:
    """Build the whole book from a clean ``_build``, executing every notebook.

    Fails the calling test with the tail of the build log when the build fails.
    Returns ``_build/html``.
    """
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir()
    cmd = [jupyter_book(), "build", str(ROOT), "-W", "--keep-going"]
    with open(BUILD_LOG, "w") as log:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
    if proc.returncode != 0 or not (BUILD / "html" / "index.html").exists():
        tail = "\n".join(BUILD_LOG.read_text(errors="replace").splitlines()[-80:])
        pytest.fail(f"`{' '.join(cmd)}` failed (exit {proc.returncode}); full log in {BUILD_LOG}.\n"
                    f"--- last lines ---\n{tail}", pytrace=False)
    return BUILD / "html"


@pytest.fixture(scope="session")
def built_book(request) -> Path:
    """The book, built from clean once in this session (``_build/html``)."""
    html = build_book()
    request.config._yat_book_html = html  # reused by tests/browser's ``book_html``
    return html
