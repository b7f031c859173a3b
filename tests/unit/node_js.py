"""Run the widgets' browser JavaScript with node, to compare it with yatlib.

``run_js(files, expr, job)`` loads ``files`` (from yatlib/widgets) into one fresh context, binds
``job`` (any JSON value) and returns the JSON value of ``expr`` (typed arrays become lists);
``atob`` is there, as in a browser. ``call_js(files, calls)`` calls functions by name on
arguments: ``[[name, [args...]], ...]`` gives the list of their values. Tests that use them are
skipped when node is not installed (``needs_node``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

WIDGETS = Path(__file__).resolve().parents[2] / "yatlib" / "widgets"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")

_HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const ctx = { atob: (s) => Buffer.from(s, "base64").toString("latin1") }; vm.createContext(ctx);
for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, "utf8"), ctx);
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const out = vm.runInContext(job.expr, Object.assign(ctx, {job}));
process.stdout.write(JSON.stringify(out, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
"""


def run_js(files: list[str], expr: str, job: dict[str, Any], timeout: float = 120) -> Any:
    """The value of the JavaScript expression ``expr`` after loading ``files`` (names in yatlib/widgets)."""
    proc = subprocess.run(
        [NODE, "-e", _HARNESS, *(str(WIDGETS / f) for f in files)],
        input=json.dumps({**job, "expr": expr}),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def call_js(files: list[str], calls: list[list[Any]], timeout: float = 120) -> list[Any]:
    """The values of ``[[function name, [arguments...]], ...]``, called after loading ``files``."""
    return run_js(files, "job.calls.map(([name, args]) => globalThis[name](...args))", {"calls": calls}, timeout)
