"""Every notebook of ``_toc.yml`` runs from top to bottom without an error, executed as the book
build executes it; the executed notebooks are what the book is built from.

Each notebook is executed exactly as the book build would (myst-nb's executor,
``jupyter_cache.executors.utils.single_nb_execution``, in the notebook's folder, with the timeout
of ``_config.yml``) and written, with its outputs, to a folder of executed notebooks: this
session's temporary folder, or ``$YATLIB_EXECUTED_NOTEBOOKS`` when set (``make test`` runs Part III
and Parts I-II in runs of their own, after nbval has run them cold, so this execution is warm: it
loads from yatlib's cache what nbval computed). tests/book builds the book from that folder, so
the build renders these outputs instead of executing every notebook once more. A notebook that
fails here is not written; the build executes it again and fails as well.

The book's parts run side by side, each in its own kernel (``YATLIB_NOTEBOOK_WORKERS``, default 2,
parts at a time; the notebooks of one part run one after another in book order, as a reader runs
them). An entry of yatlib's cache that two kernels ask for at once is computed by one and loaded
by the other (``yatlib.cache.entry_lock``). Each test reports its own notebook; the end of the run
prints every notebook's own execution time.

The kernels run with ``YATLIB_QUIET=1``, as the book build's own kernels do (``book/_ext/yat_quiet.py``):
the outputs the book renders carry no ``[cache]`` log.

Select notebooks with ``-k`` (e.g. ``-k part2/01``, or ``-k part3``).
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
from tests.conftest import EXECUTED, ROOT, book_config

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
def executed(request, tmp_path_factory) -> Path:
    """The folder the executed notebooks are written to; left in the config's stash for the book build."""
    env = os.environ.get("YATLIB_EXECUTED_NOTEBOOKS")
    path = Path(env) if env else tmp_path_factory.mktemp("executed-notebooks")
    path.mkdir(parents=True, exist_ok=True)
    request.config.stash[EXECUTED] = path
    return path


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
    selected = [
        item.callspec.params["notebook"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_notebook_runs"
    ]
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
def test_notebook_runs(notebook: str, executed: Path, executions) -> None:
    nb, result, seconds = executions[notebook].result()
    if result.err is not None:
        pytest.fail(
            f"{notebook}: a cell failed after {seconds:.0f} s.\n{_ANSI.sub('', str(result.err))}", pytrace=False
        )
    errors = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors, f"{notebook}: error output in code cells {errors}"
    EXECUTION_SECONDS[notebook] = seconds
    out = executed / notebook
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
