"""The browser math of the force and locality widgets (fields.js, kernels.js) agrees with yatlib on the same inputs.

The JavaScript runs in node: the plain function file is evaluated in a ``vm`` context and each
function is called on inputs generated here, then compared with the Python implementation.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from yatlib import forces, locality

WIDGETS = Path(__file__).resolve().parents[2] / "yatlib" / "widgets"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const ctx = {};
vm.createContext(ctx);
for (const f of process.argv.slice(1, -1)) vm.runInContext(fs.readFileSync(f, "utf8"), ctx);
const calls = JSON.parse(fs.readFileSync(process.argv[process.argv.length - 1], "utf8"));
const out = calls.map(([fn, args]) => {
  const r = vm.runInContext(fn, ctx)(...args);
  if (ArrayBuffer.isView(r)) return Array.from(r);  // typed arrays from the vm realm
  return r && typeof r === "object" && "mask" in r ? { mask: Array.from(r.mask), fraction: r.fraction } : r;
});
process.stdout.write(JSON.stringify(out));
"""


def run_js(calls, tmp_path):
    spec = tmp_path / "calls.json"
    spec.write_text(json.dumps(calls))
    files = [str(WIDGETS / "kernels.js"), str(WIDGETS / "fields.js")]
    proc = subprocess.run([NODE, "-e", HARNESS, *files, str(spec)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_bilinear_and_flow_agree(tmp_path):
    lo, hi, n = -2.5, 2.5, 7
    rng = np.random.default_rng(0)
    field = rng.standard_normal((n * n, 2))
    points = [(0.1, 0.2), (-2.5, 2.5), (2.4, -1.1), (3.5, 0.0), (-0.83, 1.77)]
    calls = [["bilinear", [field.ravel().tolist(), lo, hi, n, px, py]] for px, py in points]
    calls.append(["flowPath", [field.ravel().tolist(), lo, hi, n, 0.3, -0.4, 40, 0.05]])
    out = run_js(calls, tmp_path)
    for (px, py), got in zip(points, out[:-1]):
        np.testing.assert_allclose(got, forces.bilinear(field, lo, hi, n, (px, py)), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.asarray(out[-1]), forces.flow_path(field, lo, hi, n, (0.3, -0.4), 40, 0.05),
                               rtol=1e-9, atol=1e-12)


def test_locality_math_agrees(tmp_path):
    W, V, c = locality.random_units(2, 20, seed=3)
    queries = [(0.5, -0.2), (0.0, 0.0), (2.0, 1.5), tuple(W[4])]  # the last one sits on a prototype
    b, eps, tau = 0.4, 0.05, 0.1
    calls = []
    for qx, qy in queries:
        calls += [["yatResponses2d", [qx, qy, W.ravel().tolist(), len(W), b, eps]],
                  ["reluActiveFraction", [qx, qy, V.ravel().tolist(), c.tolist()]],
                  ["capacity", [qx, qy, b, eps]]]
    out = run_js(calls, tmp_path)
    for k, (qx, qy) in enumerate(queries):
        phi_js, relu_js, cap_js = out[3 * k: 3 * k + 3]
        q = np.array([[qx, qy]])
        phi = locality.yat_responses(q, W, b, eps)[0]
        np.testing.assert_allclose(phi_js, phi, rtol=1e-10)
        assert relu_js == pytest.approx(locality.relu_active_fraction(q, V, c)[0])
        assert cap_js == pytest.approx(locality.capacity(q, b, eps)[0], rel=1e-12)
        more = run_js([["activeUnits", [phi_js, tau]], ["sharesOrNull", [phi_js]]], tmp_path)
        assert more[0]["fraction"] == pytest.approx(locality.yat_active_fraction(q, W, b, eps, tau)[0])
        np.testing.assert_allclose(more[1], locality.contributions(phi[None])[0], rtol=1e-12)


def test_degenerate_inputs_give_messages_not_nan(tmp_path):
    out = run_js([["sharesOrNull", [[]]], ["sharesOrNull", [[0, 0, 0]]], ["activeUnits", [[0, 0], 0.1]],
                  ["reluActiveFraction", [0.1, 0.2, [], []]]], tmp_path)
    assert out[0] is None and out[1] is None
    assert out[2] == {"mask": [False, False], "fraction": 0}
    assert out[3] == 0
