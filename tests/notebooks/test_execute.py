"""Every notebook of ``_toc.yml`` runs from top to bottom without an error: executed once per test
run, here, and reused by the book build.

Each notebook is executed exactly as the book build executes it (myst-nb's executor,
``jupyter_cache.executors.utils.single_nb_execution``, in the notebook's folder, with the timeout
of ``_config.yml``), and the executed notebook is stored in a jupyter-cache kept in a temporary
folder for this run. ``tests/book`` then builds the book with myst-nb's ``cache`` mode on that
cache, so the build renders these outputs instead of executing every notebook a second time.
A notebook that fails here is not stored; the build executes it again and fails as well.

The book's parts run side by side, each in its own kernel (``YATLIB_NOTEBOOK_WORKERS``, default 2,
parts at a time; the notebooks of one part run one after another in book order, as a reader runs
them). A notebook waits for nothing another part computes: an entry of yatlib's cache that two
kernels ask for at once is computed by one and loaded by the other (``yatlib.cache.entry_lock``).
Each test reports its own notebook (its duration in pytest's table is mostly waiting); the end of
the run prints every notebook's own execution time.

The kernels run with ``YATLIB_QUIET=1``, as the book build's own kernels do (``book/_ext/yat_quiet.py``):
the outputs the book renders carry no ``[cache]`` log.

Select notebooks with ``-k`` (e.g. ``-k part2/01``).
"""

from __future__ import annotations

import os
import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from scripts.toc_notebooks import toc_notebooks
from tests.conftest import EXECUTED_CACHE, ROOT, book_config

NOTEBOOKS = [p.relative_to(ROOT).as_posix() for p in toc_notebooks()]
WORKERS = int(os.environ.get("YATLIB_NOTEBOOK_WORKERS", "2"))
LONGEST_FIRST = ("notebooks/part3",)
"""Parts started before the others, longest first: Part III's first chapter trains the painter, the
longest single job of the book (about 8 minutes alone), so it starts at once while the other
kernel runs Parts I and II one after another; started last it would end the stage alone."""
EXECUTION_SECONDS: dict[str, float] = {}
"""Each notebook that ran without an error: its own execution time (printed by tests/notebooks/conftest.py)."""
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture(scope="session")
def executed_cache(request, tmp_path_factory):
    """An empty jupyter-cache for this run; its path is left in the config's stash for the book build."""
    from jupyter_cache import get_cache

    path = tmp_path_factory.mktemp("executed-notebooks") / "jupyter_cache"
    cache = get_cache(str(path))
    request.config.stash[EXECUTED_CACHE] = path
    return cache


def _execute(notebook: str) -> tuple[nbformat.NotebookNode, object, float]:
    """Execute one notebook as the book build would; returns (executed notebook, result, seconds)."""
    from jupyter_cache.executors.utils import single_nb_execution

    path = ROOT / notebook
    nb = nbformat.read(path, as_version=4)
    timeout = book_config().get("execute", {}).get("timeout", 1500)
    t0 = time.monotonic()
    result = single_nb_execution(nb, cwd=str(path.parent), timeout=timeout, allow_errors=False, meta_override=True)
    return nb, result, time.monotonic() - t0


@pytest.fixture(scope="session")
def executions(request):
    """The selected notebooks, executed in the background: {notebook: Future of _execute's result}.

    The notebooks are grouped by part (their folder); ``WORKERS`` parts run at a time, each
    part's notebooks in book order, the parts of :data:`LONGEST_FIRST` first, then book order.
    """
    selected = [item.callspec.params["notebook"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_notebook_runs"]
    parts: dict[str, list[str]] = {}
    for notebook in selected:
        parts.setdefault(Path(notebook).parent.as_posix(), []).append(notebook)
    futures: dict[str, Future] = {nb: Future() for nb in selected}

    def run_part(notebooks: list[str]) -> None:
        for notebook in notebooks:
            if not futures[notebook].set_running_or_notify_cancel():
                continue
            try:
                futures[notebook].set_result(_execute(notebook))
            except BaseException as err:  # reported by the notebook's own test
                futures[notebook].set_exception(err)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YATLIB_QUIET", "1")  # the kernels print no [cache] log: the book renders these outputs
        pool = ThreadPoolExecutor(max_workers=max(1, WORKERS), thread_name_prefix="notebooks")
        for part in sorted(parts, key=lambda part: part not in LONGEST_FIRST):  # stable: book order otherwise
            pool.submit(run_part, parts[part])
        yield futures
        for future in futures.values():  # interrupted: notebooks not started yet are not started
            future.cancel()
        pool.shutdown(wait=True)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs(notebook: str, executed_cache, executions) -> None:
    from jupyter_cache.base import CacheBundleIn

    nb, result, seconds = executions[notebook].result()
    if result.err is not None:
        pytest.fail(f"{notebook}: a cell failed after {seconds:.0f} s.\n"
                    f"{_ANSI.sub('', str(result.err))}", pytrace=False)
    errors = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{notebook}: error output in code cells {errors}"
    EXECUTION_SECONDS[notebook] = seconds
    executed_cache.cache_notebook_bundle(CacheBundleIn(nb, str(ROOT / notebook), data={"execution_seconds": result.time}),
                                         check_validity=False, overwrite=True)
