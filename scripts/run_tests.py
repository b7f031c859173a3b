"""Every test of the project (``make test``): pytest runs scheduled on the machine's cores, each
notebook's cold time printed against its budget at the end.

The runs, and what each needs first::

    nbval Part III        every Part III chapter executed by nbval, cold (it trains the painter),
                          alone on the whole machine
    nbval Parts I-II      every Part I and II chapter executed by nbval, cold
    execute Parts I-II    tests/notebooks -k "part1 or part2": the chapters executed     needs nbval Parts I-II
                          again as the book build executes them, warm (they load what
                          nbval computed), written to a folder of executed notebooks
    execute Part III      the same for Part III                                        needs nbval Part III
    book                  tests/book: the book built from the executed notebooks       needs both executes
    browser               tests/browser: the built book in chromium                    needs book
    jupyterlab            tests/lab: every chapter in JupyterLab, warm                 needs both nbval runs
    unit                  tests/unit, the slow set included (it fills a lane that would wait)
    lint                  ruff check, ruff format --check and mypy (``make lint``), not pytest

nbval Part III runs first and alone, on the whole machine: its time is Part III's cold cost on
the machine, what a reader who runs Part III gets. Then the machine's cores are split into two
lanes (one core each on a 2-core machine). Each run gets a lane of its own, pinned to its cores,
with its thread pools (XLA, BLAS, OpenMP, numba) sized to them, so two runs side by side never
fight over a core: an XLA program whose threads spin-wait for a core held by another process runs
several times slower. A lane that falls free takes the first run, in the order above, whose needs
are met; a run that needs the whole machine waits until every lane is free, and no run after it
starts meanwhile. Each run's output is printed whole when it ends (two runs interleaved line by
line would be unreadable), then a table of runs and one of every notebook's cold time (its nbval
cells, kernel start included) against its budget in ``tests/README.md``; a chapter over its
budget is reported there, not failed.
Exit status: 0 when every run passed.

One stage alone is a plain pytest command, e.g. ``.venv/bin/python -m pytest tests/unit``;
``--only NAME ...`` runs some of the runs above (their needs are not run for them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.toc_notebooks import toc_notebooks  # noqa: E402

PYTEST = [sys.executable, "-m", "pytest", "-rfE", "--durations=10"]
_PY = shlex.quote(sys.executable)
# No cache written into the checkout: the JupyterLab stage beside it checks that nothing is.
LINT = [
    "sh",
    "-c",
    f"set -e; {_PY} -m ruff check --no-cache .; {_PY} -m ruff format --no-cache --check .; "
    f"{_PY} -m mypy --cache-dir=/dev/null",
]
CELL_TIMEOUT = int(yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]["timeout"])
"""Seconds a cell may take (the book's ``execute.timeout``); no cell should take a third of it."""
NBVAL = [
    "--nbval-lax",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
    "--nbval-cell-timeout",
    str(CELL_TIMEOUT),
    "-p",
    "tests.nbval_timing",
]
BUDGET_TABLE = ROOT / "tests" / "README.md"


@dataclass
class Run:
    """One pytest run (or, with ``command``, another command): its name, arguments and needs, and whether it
    takes the whole machine (every lane); once started, its lanes, process and log."""

    name: str
    args: list[str]
    needs: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    command: list[str] | None = None
    whole: bool = False
    proc: subprocess.Popen | None = None
    lanes: tuple[int, ...] = ()
    log: Path | None = None
    start: float = 0.0
    end: float = 0.0
    status: str = "not run"

    @property
    def lane(self) -> str:
        """The lanes it ran on, for the table: ``0``, ``1``, or ``all`` for the whole machine."""
        return "all" if self.whole and self.lanes else " ".join(map(str, self.lanes))

    def launch(self, lanes: tuple[int, ...], cores: set[int], logs: Path, t0: float) -> None:
        self.lanes, self.log = lanes, logs / f"{self.name.replace(' ', '-')}.log"
        self.start = time.monotonic() - t0
        _say(t0, f"{self.name}: started on lane {self.lane} (cores {sorted(cores)})")
        env = {**os.environ, **lane_environment(len(cores)), **self.env}
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen(
                self.command or PYTEST + self.args,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
            )

    def finish(self, t0: float) -> bool:
        """Record the end of a run that has ended and print its log whole; True when it passed."""
        code = self.proc.wait()
        self.end = time.monotonic() - t0
        self.status = "passed" if code == 0 else f"FAILED (exit {code})"
        print(f"\n{'=' * 30} {self.name}: output {'=' * 30}", flush=True)
        sys.stdout.write(self.log.read_text(errors="replace"))
        _say(t0, f"{self.name}: {self.status} after {(self.end - self.start) / 60:.1f} min")
        return code == 0


def lane_environment(n_cores: int) -> dict[str, str]:
    """Thread-pool sizes for a process that owns ``n_cores`` cores (inherited by its kernels and browsers)."""
    n = str(max(1, n_cores))
    return {
        "OMP_NUM_THREADS": n,
        "OPENBLAS_NUM_THREADS": n,
        "MKL_NUM_THREADS": n,
        "NUMBA_NUM_THREADS": n,
        "XLA_FLAGS": f"--xla_cpu_multi_thread_eigen={'true' if n_cores > 1 else 'false'} "
        f"intra_op_parallelism_threads={n}".strip(),
        "YATLIB_NOTEBOOK_WORKERS": "1",
    }


def lanes() -> list[set[int]]:
    """The machine's cores in two lanes (one core each on a two-core machine; no pinning with one core)."""
    try:
        cores = sorted(os.sched_getaffinity(0))
    except AttributeError:  # not Linux: no pinning
        return [set(), set()]
    if len(cores) < 2:
        return [set(), set()]
    return [set(cores[0::2]), set(cores[1::2])]


def all_runs(timings: Path, book_html: Path) -> list[Run]:
    """The runs of :func:`main`, in the order a free lane takes them."""
    notebooks = [p.relative_to(ROOT).as_posix() for p in toc_notebooks()]
    part3 = [nb for nb in notebooks if nb.startswith("notebooks/part3/")]
    rest = [nb for nb in notebooks if nb not in part3]
    nbval = ("nbval Part III", "nbval Parts I-II")
    return [
        Run(nbval[0], NBVAL + part3, env={"YATLIB_NBVAL_TIMINGS": str(timings / "part3.json")}, whole=True),
        Run(nbval[1], NBVAL + rest, env={"YATLIB_NBVAL_TIMINGS": str(timings / "parts12.json")}),
        Run("execute Parts I-II", ["tests/notebooks", "-k", "part1 or part2"], needs=(nbval[1],)),
        Run("execute Part III", ["tests/notebooks", "-k", "part3"], needs=(nbval[0],)),
        Run("book", ["tests/book"], needs=("execute Parts I-II", "execute Part III")),
        Run("browser", ["tests/browser"], needs=("book",), env={"YATLIB_BOOK_HTML": str(book_html)}),
        Run("jupyterlab", ["tests/lab"], needs=nbval),
        Run("unit", ["tests/unit"]),
        Run("lint", [], command=LINT),
    ]


def _say(t0: float, text: str) -> None:
    print(f"[{(time.monotonic() - t0) / 60:5.1f} min] {text}", flush=True)


def schedule(runs: list[Run], logs: Path, t0: float, book_html: Path, *, poll: float = 1.0) -> bool:
    """Start each run on a free lane (a run with ``whole`` on every lane, once all are free) when its needs
    have passed; returns True when every run passed."""
    every = dict(enumerate(lanes()))
    free = dict(every)
    waiting, running, ok = list(runs), [], True
    done: dict[str, bool] = {}
    while waiting or running:
        for run in [r for r in running if r.proc.poll() is not None]:
            passed = run.finish(t0)
            ok = ok and passed
            done[run.name] = passed and (run.name != "book" or (book_html / "index.html").exists())
            running.remove(run)
            free.update({lane: every[lane] for lane in run.lanes})
        for run in list(waiting):
            needs = [n for n in run.needs if any(r.name == n for r in runs)]
            if any(n in done and not done[n] for n in needs):
                run.status = "not run: " + ", ".join(n for n in needs if not done.get(n, True)) + " failed"
                _say(t0, f"{run.name}: {run.status}")
                waiting.remove(run)
                ok = False
            elif not all(done.get(n) for n in needs):
                continue
            elif run.whole:
                if len(free) < len(every):
                    break  # it waits for the whole machine, and nothing after it jumps the queue
                taken = tuple(sorted(free))
                run.launch(taken, set().union(*(free.pop(lane) for lane in taken)), logs, t0)
                waiting.remove(run)
                running.append(run)
            elif free:
                lane = min(free)
                run.launch((lane,), free.pop(lane), logs, t0)
                waiting.remove(run)
                running.append(run)
        time.sleep(poll)
    return ok


def budgets() -> dict[str, float]:
    """Each chapter's cold budget in seconds, from the table in tests/README.md (``| notebooks/... | … | 120 s |``)."""
    out = {}
    for line in BUDGET_TABLE.read_text(encoding="utf-8").splitlines() if BUDGET_TABLE.exists() else []:
        m = re.match(r"\|\s*`?(notebooks/\S+?\.ipynb)`?\s*\|.*\|\s*(\d+)\s*s\s*\|\s*$", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


def notebook_report(timings: Path, cell_timeout: float = CELL_TIMEOUT) -> list[str]:
    """Lines of the table of every notebook's cold time (from the nbval runs) against its budget, and its
    slowest cell against a third of the cell timeout."""
    seen: dict[str, dict[str, float]] = {}
    for f in sorted(timings.glob("*.json")):
        seen.update(json.loads(f.read_text()))
    if not seen:
        return []
    budget, limit = budgets(), cell_timeout / 3
    lines = [f"{'notebook (cold, nbval)':<52} {'time':>7} {'budget':>7} {'slowest cell':>13}  verdict"]
    flagged = 0
    for nb in [p.relative_to(ROOT).as_posix() for p in toc_notebooks()]:
        if nb not in seen:
            continue
        s, cell, b = seen[nb]["seconds"], seen[nb]["slowest_cell"], budget.get(nb)
        verdict = ["no budget in tests/README.md" if b is None else ("OVER BUDGET" if s > b else "ok")]
        if cell > limit:
            verdict.append(f"a cell over a third of the {cell_timeout:.0f} s timeout")
        flagged += verdict != ["ok"]
        lines.append(f"{nb:<52} {s:6.0f}s {'' if b is None else f'{b:6.0f}s':>7} {cell:12.0f}s  {'; '.join(verdict)}")
    lines.append(
        f"{'sum':<52} {sum(v['seconds'] for v in seen.values()):6.0f}s {sum(budget.values()):6.0f}s "
        f"{'':>13}  " + (f"{flagged} chapter(s) flagged" if flagged else "every chapter within budget")
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="RUN", help="run only these runs (names as in the docstring)")
    args = parser.parse_args()
    t0 = time.monotonic()
    book_html = ROOT / "_build" / "html"
    with tempfile.TemporaryDirectory(prefix="yat-test-") as tmp:
        logs, timings, executed = Path(tmp) / "logs", Path(tmp) / "timings", Path(tmp) / "executed"
        for folder in (logs, timings, executed):
            folder.mkdir()
        os.environ["YATLIB_EXECUTED_NOTEBOOKS"] = str(executed)  # written by the executes, read by the book
        runs = all_runs(timings, book_html)
        if args.only:
            unknown = set(args.only) - {r.name for r in runs}
            if unknown:
                parser.error(f"unknown run(s) {sorted(unknown)}; the runs are {[r.name for r in runs]}")
            runs = [r for r in runs if r.name in args.only]
        if any(r.name == "book" for r in runs):
            shutil.rmtree(book_html, ignore_errors=True)  # this run's build makes it again (no stale pages tested)
        _say(t0, f"lanes: {[sorted(c) for c in lanes()]} (cores of this machine: {os.cpu_count()})")
        try:
            ok = schedule(runs, logs, t0, book_html)
        finally:  # interrupted (Ctrl-C): stop what still runs
            for run in runs:
                if run.proc is not None and run.proc.poll() is None:
                    run.proc.terminate()
        report = notebook_report(timings)
    total = time.monotonic() - t0
    print(f"\n{'=' * 30} every test: wall time {'=' * 30}")
    print(f"{'run':<20} {'lane':>4} {'from':>7} {'to':>7} {'wall':>7}  result")
    for run in runs:
        span = (
            f"{run.start / 60:6.1f}m {run.end / 60:6.1f}m {(run.end - run.start) / 60:6.1f}m" if run.end else " " * 24
        )
        print(f"{run.name:<20} {run.lane:>4} {span}  {run.status}")
    print(f"{'total':<20} {'':>4} {'':>7} {'':>7} {total / 60:6.1f}m  {'passed' if ok else 'FAILED'}")
    if report:
        print(f"\n{'=' * 30} each chapter's cold time against its budget {'=' * 30}")
        print("\n".join(report))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
