"""Figure F24 bins the distances in the browser: check the histogram against numpy's."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import yatlib.widgets as widgets

HERE = Path(widgets.__file__).parent
NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_histogram_matches_numpy():
    rng = np.random.default_rng(2)
    values = np.concatenate([rng.gamma(4, 1.2, 300), [0.0, 7.5]])
    lo, hi, n = 0.0, 7.5, 40
    module = (HERE / "seed_comparison.mjs").read_text()
    code = module[: module.index("export default")]  # the module's functions, without its export
    script = (
        code + f"\nprocess.stdout.write(JSON.stringify(binFractions({json.dumps(values.tolist())}, {lo}, {hi}, {n})));"
    )
    proc = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    js = np.asarray(json.loads(proc.stdout))
    counts, _ = np.histogram(values[(values >= lo) & (values <= hi)], bins=n, range=(lo, hi))
    np.testing.assert_allclose(js, counts / len(values), atol=1e-12)
    assert re.search(r"function binFractions", module)
