"""Every test of the project (``make test``): four pytest runs, two at a time where one does not
need the other, on a 2-core machine whose cores a single run leaves partly idle.

    first    notebooks + book build   every toc notebook executed once; the book built from them
             unit                     at the same time (it needs neither)
    then     browser                  the built book in chromium         } at the same time, once
             jupyterlab               every notebook in JupyterLab       } the book is built

The browser stage needs the built book and the JupyterLab stage the weights the notebooks stage
trained into yatlib's cache (without them every Run All would train again), so both wait for the
first run. Each run writes its output to a log that is printed whole when it ends (two runs'
output interleaved line by line would be unreadable), followed by a table of wall times.
Exit status: 0 when every run passed.

Run one stage on its own with pytest, e.g. ``.venv/bin/python -m pytest tests/unit``; a single
``pytest tests/unit tests/notebooks tests/book tests/browser tests/lab`` runs the stages one after
another in that order (tests/conftest.py) and takes longer.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-rfE", "--durations=15"]


@dataclass
class Run:
    """One pytest run: its name, its test folders and, once started, its process and log."""

    name: str
    paths: list[str]
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    log: Path | None = None
    start: float = 0.0
    end: float = 0.0
    status: str = "not run"

    def launch(self, logs: Path, t0: float) -> None:
        self.log = logs / f"{self.name.replace(' ', '-')}.log"
        self.start = time.monotonic() - t0
        _say(t0, f"{self.name}: started (pytest {' '.join(self.paths)})")
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen(PYTEST + self.paths, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                         env={**os.environ, **self.env})

    def finish(self, t0: float) -> bool:
        """Wait for the run, print its log whole; True when it passed."""
        code = self.proc.wait()
        self.end = time.monotonic() - t0
        self.status = "passed" if code == 0 else f"FAILED (exit {code})"
        print(f"\n{'=' * 30} {self.name}: output {'=' * 30}", flush=True)
        sys.stdout.write(self.log.read_text(errors="replace"))
        _say(t0, f"{self.name}: {self.status} after {(self.end - self.start) / 60:.1f} min")
        return code == 0


def _say(t0: float, text: str) -> None:
    print(f"[{(time.monotonic() - t0) / 60:5.1f} min] {text}", flush=True)


def main() -> int:
    t0 = time.monotonic()
    book_html = ROOT / "_build" / "html"
    first = [Run("notebooks + book build", ["tests/notebooks", "tests/book"]), Run("unit", ["tests/unit"])]
    then = [Run("browser", ["tests/browser"], env={"YATLIB_BOOK_HTML": str(book_html)}),
            Run("jupyterlab", ["tests/lab"])]
    with tempfile.TemporaryDirectory(prefix="yat-test-logs-") as tmp:
        logs = Path(tmp)
        for run in first:
            run.launch(logs, t0)
        ok = first[0].finish(t0)
        built = (book_html / "index.html").exists()
        for run in then:
            if run.name == "browser" and not built:
                run.status = "not run: the book was not built"
                _say(t0, f"browser: {run.status}")
                continue
            run.launch(logs, t0)
        # Print each run when it ends, in the order they end.
        pending = [r for r in first[1:] + then if r.proc is not None]
        while pending:
            done = next((r for r in pending if r.proc.poll() is not None), None)
            if done is None:
                time.sleep(2)
                continue
            ok = done.finish(t0) and ok
            pending.remove(done)
    ok = ok and built
    total = time.monotonic() - t0
    print(f"\n{'=' * 30} every test: wall time {'=' * 30}")
    print(f"{'run':<24} {'from':>7} {'to':>7} {'wall':>7}  result")
    for run in first + then:
        span = f"{run.start / 60:6.1f}m {run.end / 60:6.1f}m {(run.end - run.start) / 60:6.1f}m" if run.end else " " * 24
        print(f"{run.name:<24} {span}  {run.status}")
    print(f"{'total':<24} {'':>7} {'':>7} {total / 60:6.1f}m  {'passed' if ok else 'FAILED'}")
    print("(each run's own table 'time per stage' is in its output above; two runs share the 2 cores at a time)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
