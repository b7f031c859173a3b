"""Without a kernel, a slider moves between precomputed values (snapToPrecomputed in live.js, run with node):
the nearest one, and one arrow-key step always moves it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

LIVE = Path(__file__).resolve().parents[2] / "yatlib" / "widgets" / "live.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

_HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const ctx = {}; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), ctx);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(c => vm.runInContext("snapToPrecomputed", ctx)(...c))));
"""

GRID = [10, 20, 40, 100]
CASES = [
    ((GRID, 41, 40), 100),      # an arrow key up from 40: the next precomputed value up
    ((GRID, 39, 40), 20),       # and down
    ((GRID, 55, 10), 40),       # a drag: the nearest precomputed value
    ((GRID, 70, 40), 100),      # a tie between the current value and another: the move wins
    ((GRID, 99, 100), 40),
    ((GRID, 101, 100), 100),    # no value beyond the last
    ((GRID, 5, 10), 10),
    ((GRID, 40, 40), 40),       # no move
    (([0, 0.5, 1], 0.55, 0.5, 0.026), 1),      # F15's bias b: one step of 0.05 moves to the next setting
    (([0, 0.5, 1], 0.51, 0.5, 0.026), 0.5),    # within half a step: no move
    (([], 3, 7), 7),
]


def test_snap_to_precomputed():
    proc = subprocess.run([NODE, "-e", _HARNESS, str(LIVE)], input=json.dumps([list(a) for a, _ in CASES]),
                          capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(proc.stdout) == [want for _, want in CASES]
