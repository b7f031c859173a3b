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
    cases = [(theta, relu) for theta in (0.0, 0.3, np.pi / 2, 2.5, np.pi) for relu in (False, True)]
    # one node process for all the cases (starting node costs more than the evaluations)
    outs = run_js(
        "job.cases.map(([theta, relu]) => job.X.map(([a, b]) => rotatedNetOutput(job.net, a, b, theta, relu)))",
        dict(net=jnet, X=X.tolist(), cases=cases),
    )
    assert len(outs) == len(cases)
    for (theta, relu), js in zip(cases, outs):
        Q = basis.givens_rotation(hidden, theta)
        py = basis.forward(net, X, activation="relu" if relu else "linear", Q=Q)[:, 0]
        np.testing.assert_allclose(js, py, rtol=1e-12, atol=1e-12, err_msg=f"theta={theta}, relu={relu}")


def test_rotated_yat_readout_matches_yatlib():
    setup = basis.privileged_basis_setup(steps=3, grid=5)
    X = np.random.default_rng(1).uniform(-2, 2, (30, 2))
    thetas = (0.0, 1.0, np.pi)
    # one node process for every angle: [the field, the turned points] per angle
    outs = run_js(
        "job.thetas.map((theta) => [job.X.map(([a, b]) => rotatedYatReadout(a, b, job.W, job.a, job.b, job.eps,"
        " theta)), job.X.map(([a, b]) => rotate2d(a, b, theta))])",
        dict(
            X=X.tolist(),
            W=setup.prototypes.ravel().tolist(),
            a=setup.readout.tolist(),
            b=setup.b,
            eps=setup.eps,
            thetas=list(thetas),
        ),
    )
    assert len(outs) == len(thetas)
    for theta, (js, js_pts) in zip(thetas, outs):
        R = basis.rotation_2d(theta)
        # the field at fixed points with the prototypes turned by R
        py = basis.yat_activations(X, setup.prototypes @ R.T, b=setup.b, eps=setup.eps) @ setup.readout
        np.testing.assert_allclose(js, py, rtol=1e-10)
        # the data turned in the browser lands where yatlib puts it
        np.testing.assert_allclose(js_pts, X @ R.T, rtol=0, atol=1e-12)
