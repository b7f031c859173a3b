"""A pytest plugin for the nbval runs of ``make test``: each notebook's execution time and its slowest cell.

nbval runs a notebook as one test per cell in one kernel; a notebook's time is the sum of its
cells' setup, call and teardown (the kernel's start counts in its first cell's setup). At the
end of the session the times are written as JSON ``{notebook: {"seconds": s, "slowest_cell": s}}``
to the file named by ``$YATLIB_NBVAL_TIMINGS`` (scripts/run_tests.py prints them against each
chapter's budget) and printed. Load it with ``-p tests.nbval_timing``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

_seconds: dict[str, float] = {}
_cells: dict[str, dict[str, float]] = {}


def pytest_runtest_logreport(report) -> None:
    path, _, cell = report.nodeid.partition("::")
    if path.endswith(".ipynb") and cell:
        _seconds[path] = _seconds.get(path, 0.0) + report.duration
        cells = _cells.setdefault(path, {})
        cells[cell] = cells.get(cell, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter) -> None:
    if not _seconds:
        return
    terminalreporter.section("notebook execution (nbval, one kernel per notebook)")
    for notebook, seconds in _seconds.items():
        cell, slowest = max(_cells[notebook].items(), key=lambda kv: kv[1])
        terminalreporter.write_line(f"{notebook:<52} {seconds:6.0f} s   slowest: {cell} {slowest:5.0f} s")
    terminalreporter.write_line(f"{'sum':<52} {sum(_seconds.values()):6.0f} s")
    out = os.environ.get("YATLIB_NBVAL_TIMINGS")
    if out:
        Path(out).write_text(
            json.dumps(
                {nb: {"seconds": s, "slowest_cell": max(_cells[nb].values())} for nb, s in _seconds.items()}, indent=1
            )
        )
