"""The privileged-basis widget's browser math (basis.js) agrees with yatlib.basis (run with node)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit import node_js
from tests.unit.node_js import needs_node
from yatlib import basis

pytestmark = needs_node


def run_js(expr: str, job: dict) -> object:
    return node_js.run_js(["basis.js"], expr, job)


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
