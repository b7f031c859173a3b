"""Cold and warm build time of the whole book.

cold: clean ``_build`` and an empty yatlib cache (a temporary ``YATLIB_CACHE``);
warm: a second clean build with that cache kept (trained weights are loaded, not trained).
Slow: it executes every notebook twice. Not part of the tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(env: dict[str, str]) -> float:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    jb = Path(sys.executable).parent / "jupyter-book"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(jb), "build", str(ROOT), "-W", "--keep-going"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"book build failed:\n{proc.stdout[-4000:]}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yatlib-bench-cache-") as cache:
        env = {**os.environ, "YATLIB_CACHE": cache}
        cold = build(env)
        warm = build(env)
    print(f"book build, cold (empty cache): {cold:7.1f} s")
    print(f"book build, warm (cache kept):  {warm:7.1f} s")


if __name__ == "__main__":
    main()
