"""The browser math of the force and locality widgets (fields.js, kernels.js) agrees with yatlib on the same inputs.

The JavaScript runs in node: the plain function file is evaluated in a ``vm`` context and each
function is called on inputs generated here, then compared with the Python implementation.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit.node_js import call_js, needs_node
from yatlib import forces, locality

pytestmark = needs_node


def run_js(calls):
    return call_js(["kernels.js", "fields.js"], calls)


def test_bilinear_and_flow_agree():
    lo, hi, n = -2.5, 2.5, 7
    rng = np.random.default_rng(0)
    field = rng.standard_normal((n * n, 2))
    points = [(0.1, 0.2), (-2.5, 2.5), (2.4, -1.1), (3.5, 0.0), (-0.83, 1.77)]
    calls = [["bilinear", [field.ravel().tolist(), lo, hi, n, px, py]] for px, py in points]
    calls.append(["flowPath", [field.ravel().tolist(), lo, hi, n, 0.3, -0.4, 40, 0.05]])
    out = run_js(calls)
    for (px, py), got in zip(points, out[:-1]):
        np.testing.assert_allclose(got, forces.bilinear(field, lo, hi, n, (px, py)), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        np.asarray(out[-1]), forces.flow_path(field, lo, hi, n, (0.3, -0.4), 40, 0.05), rtol=1e-9, atol=1e-12
    )


def test_locality_math_agrees():
    W, V, c = locality.random_units(2, 20, seed=3)
    queries = [(0.5, -0.2), (0.0, 0.0), (2.0, 1.5), tuple(W[4])]  # the last one sits on a prototype
    b, eps, tau = 0.4, 0.05, 0.1
    calls = []
    for qx, qy in queries:
        calls += [
            ["yatResponses2d", [qx, qy, W.ravel().tolist(), len(W), b, eps]],
            ["reluActiveFraction", [qx, qy, V.ravel().tolist(), c.tolist()]],
            ["capacity", [qx, qy, b, eps]],
        ]
    out = run_js(calls)
    for k, (qx, qy) in enumerate(queries):
        phi_js, relu_js, cap_js = out[3 * k : 3 * k + 3]
        q = np.array([[qx, qy]])
        phi = locality.yat_responses(q, W, b, eps)[0]
        np.testing.assert_allclose(phi_js, phi, rtol=1e-10)
        assert relu_js == pytest.approx(locality.relu_active_fraction(q, V, c)[0])
        assert cap_js == pytest.approx(locality.capacity(q, b, eps)[0], rel=1e-12)
        more = run_js([["activeUnits", [phi_js, tau]], ["sharesOrNull", [phi_js]]])
        assert more[0]["fraction"] == pytest.approx(locality.yat_active_fraction(q, W, b, eps, tau)[0])
        np.testing.assert_allclose(more[1], locality.contributions(phi[None])[0], rtol=1e-12)


def test_degenerate_inputs_give_messages_not_nan():
    out = run_js(
        [
            ["sharesOrNull", [[]]],
            ["sharesOrNull", [[0, 0, 0]]],
            ["activeUnits", [[0, 0], 0.1]],
            ["reluActiveFraction", [0.1, 0.2, [], []]],
        ]
    )
    assert out[0] is None and out[1] is None
    assert out[2] == {"mask": [False, False], "fraction": 0}
    assert out[3] == 0
