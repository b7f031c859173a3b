"""The privileged-basis widget's browser math (basis.js) agrees with yatlib.basis (run with node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from yatlib import basis

WIDGETS = Path(basis.__file__).parent / "widgets"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const ctx = {}; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), ctx);
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const out = vm.runInContext(job.expr, Object.assign(ctx, { job }));
process.stdout.write(JSON.stringify(out));
"""


def run_js(expr: str, job: dict) -> object:
    proc = subprocess.run([NODE, "-e", HARNESS, str(WIDGETS / "basis.js")], input=json.dumps({**job, "expr": expr}),
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("hidden", [8, 7])
def test_rotated_networks_match_yatlib(hidden):
    net = basis.random_net(2, hidden, 1, seed=3)
    X = np.random.default_rng(0).uniform(-2, 2, (40, 2))
    jnet = {k: np.asarray(getattr(net, k)).tolist() for k in ("W1", "c1", "W2", "c2")}
    for theta in (0.0, 0.3, np.pi / 2, 2.5, np.pi):
        Q = basis.givens_rotation(hidden, theta)
        for relu in (False, True):
            js = run_js("job.X.map(([a, b]) => rotatedNetOutput(job.net, a, b, job.theta, job.relu))",
                        dict(net=jnet, X=X.tolist(), theta=theta, relu=relu))
            py = basis.forward(net, X, activation="relu" if relu else "linear", Q=Q)[:, 0]
            np.testing.assert_allclose(js, py, rtol=1e-12, atol=1e-12, err_msg=f"theta={theta}, relu={relu}")


def test_rotated_yat_readout_matches_yatlib():
    setup = basis.privileged_basis_setup(steps=3, grid=5)
    X = np.random.default_rng(1).uniform(-2, 2, (30, 2))
    for theta in (0.0, 1.0, np.pi):
        R = basis.rotation_2d(theta)
        # the field at fixed points with the prototypes turned by R
        py = basis.yat_activations(X, setup.prototypes @ R.T, b=setup.b, eps=setup.eps) @ setup.readout
        js = run_js("job.X.map(([a, b]) => rotatedYatReadout(a, b, job.W, job.a, job.b, job.eps, job.theta))",
                    dict(X=X.tolist(), W=setup.prototypes.ravel().tolist(), a=setup.readout.tolist(), b=setup.b,
                         eps=setup.eps, theta=theta))
        np.testing.assert_allclose(js, py, rtol=1e-10)
        # the data turned in the browser lands where yatlib puts it
        js_pts = run_js("job.X.map(([a, b]) => rotate2d(a, b, job.theta))", dict(X=X.tolist(), theta=theta))
        np.testing.assert_allclose(js_pts, X @ R.T, rtol=0, atol=1e-12)
