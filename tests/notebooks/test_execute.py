"""Every notebook of ``_toc.yml`` runs from top to bottom without an error: executed once per test
run, here, and reused by the book build.

Each notebook is executed exactly as the book build executes it (myst-nb's executor,
``jupyter_cache.executors.utils.single_nb_execution``, in the notebook's folder, with the timeout
of ``_config.yml``), and the executed notebook is stored in a jupyter-cache kept in a temporary
folder for this run. ``tests/book`` then builds the book with myst-nb's ``cache`` mode on that
cache, so the build renders these outputs instead of executing every notebook a second time.
A notebook that fails here is not stored; the build executes it again and fails as well.

Select notebooks with ``-k`` (e.g. ``-k part2/01``).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest

from scripts.toc_notebooks import toc_notebooks
from tests.conftest import EXECUTED_CACHE, ROOT, book_config

NOTEBOOKS = [p.relative_to(ROOT).as_posix() for p in toc_notebooks()]
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture(scope="session")
def executed_cache(request, tmp_path_factory):
    """An empty jupyter-cache for this run; its path is left in the config's stash for the book build."""
    from jupyter_cache import get_cache

    path = tmp_path_factory.mktemp("executed-notebooks") / "jupyter_cache"
    cache = get_cache(str(path))
    request.config.stash[EXECUTED_CACHE] = path
    return cache


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs(notebook: str, executed_cache) -> None:
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.executors.utils import single_nb_execution

    path = ROOT / notebook
    nb = nbformat.read(path, as_version=4)
    timeout = book_config().get("execute", {}).get("timeout", 1500)
    t0 = time.monotonic()
    result = single_nb_execution(nb, cwd=str(path.parent), timeout=timeout, allow_errors=False, meta_override=True)
    if result.err is not None:
        pytest.fail(f"{notebook}: a cell failed after {time.monotonic() - t0:.0f} s.\n"
                    f"{_ANSI.sub('', str(result.err))}", pytrace=False)
    errors = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{notebook}: error output in code cells {errors}"
    executed_cache.cache_notebook_bundle(CacheBundleIn(nb, str(path), data={"execution_seconds": result.time}),
                                         check_validity=False, overwrite=True)
