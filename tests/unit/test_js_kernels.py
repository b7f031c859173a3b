"""The widgets' kernel and linear-algebra JavaScript (kernels.js, linalg.js) agrees with yatlib (run with node)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit import node_js
from tests.unit.node_js import needs_node
from yatlib import kernel_checks, kernels, ridge, toy

pytestmark = needs_node
FILES = ["kernels.js", "linalg.js"]


def run_js(expr: str, job: dict) -> object:
    return node_js.run_js(FILES, expr, job)


def test_kernels_match_yatlib():
    rng = np.random.default_rng(1)
    X, W = rng.standard_normal((7, 2)), rng.standard_normal((5, 2))
    params = {
        "yat": dict(b=0.5, eps=0.2),
        "gaussian": dict(sigma=0.7),
        "laplace": dict(sigma=0.7),
        "polynomial": dict(c=1.0),
    }
    for name, p in params.items():
        js = np.array(
            run_js(
                "Array.from(designMatrix(job.X, job.W, job.name, job.p))",
                dict(X=X.tolist(), W=W.tolist(), name=name, p=p),
            )
        ).reshape(7, 5)
        py = np.asarray(kernels.KERNELS[name](X, W, **p), dtype=np.float64)
        np.testing.assert_allclose(js, py, rtol=2e-5, atol=1e-6, err_msg=name)


@pytest.mark.parametrize("kernel,p", [("yat", dict(b=1.0, eps=0.1)), ("gaussian", dict(sigma=0.4))])
def test_ridge_matches_python(kernel, p):
    X, y = toy.make("moons", 80, seed=3)
    W = X[::9].astype(np.float64) + 0.05
    alpha_py = ridge.fit(X, y, W, kernel, lam=1e-3, **p)
    js = run_js(
        "(() => { const Phi = designMatrix(job.X, job.W, job.k, job.p);"
        " const t = job.y.map(v => 2*v - 1); const r = ridgeSolve(Phi, job.X.length, job.W.length, t, 1e-3, true);"
        " const f = []; for (let i = 0; i < job.X.length; i++) { let s = 0;"
        " for (let u = 0; u < job.W.length; u++) s += r.alpha[u] * Phi[i*job.W.length+u]; f.push(s); }"
        " return {alpha: Array.from(r.alpha), ok: r.ok, acc: signAccuracy(f, job.y).acc}; })()",
        dict(X=X.astype(np.float64).tolist(), W=W.tolist(), y=y.tolist(), k=kernel, p=p),
    )
    assert js["ok"]
    # both solve the same system; the JS design matrix is float64 and yatlib's too
    np.testing.assert_allclose(js["alpha"], alpha_py, rtol=1e-4, atol=1e-6 * np.abs(alpha_py).max())
    acc_py = ridge.accuracy(ridge.predict(X, W, alpha_py, kernel, **p), y)
    assert js["acc"] == pytest.approx(acc_py)


def test_ridge_degenerate_cases():
    # no prototype responds (Yat, b = 0, prototype at the origin): alpha = 0, flagged, no NaN
    r = run_js(
        "(() => { const r = ridgeSolve(new Float64Array(6), 3, 2, [1, -1, 1], 1e-3, true);"
        " return {ok: r.ok, alpha: Array.from(r.alpha)}; })()",
        {},
    )
    assert r == {"ok": False, "alpha": [0, 0]}
    assert np.all(ridge.solve(np.zeros((3, 2)), [1, -1, 1]) == 0)
    # two identical prototypes: singular Phi^T Phi, ridge keeps it solvable and finite
    X, y = toy.make("blobs", 40, seed=0)
    W = np.array([[0.5, 0.5], [0.5, 0.5]])
    js = run_js(
        "Array.from(ridgeSolve(designMatrix(job.X, job.W, 'yat', {b: 1, eps: 0.1}), job.X.length, 2,"
        " job.y.map(v => 2*v-1), 1e-3, true).alpha)",
        dict(X=X.astype(np.float64).tolist(), W=W.tolist(), y=y.tolist()),
    )
    np.testing.assert_allclose(js, ridge.fit(X, y, W, "yat", b=1.0, eps=0.1), rtol=1e-5)


@pytest.mark.parametrize("which", ["yat", "negdist", "tanh"])
def test_jacobi_matches_numpy(which):
    rng = np.random.default_rng(7)
    X = rng.standard_normal((40, 2))
    G = {
        "yat": lambda: kernel_checks.yat_gram(X, b=0.5, eps=0.05),
        "negdist": lambda: kernel_checks.neg_distance_gram(X),
        "tanh": lambda: kernel_checks.tanh_gram(X),
    }[which]()
    js = np.array(
        run_js(
            "Array.from(jacobiEigenvalues(gramMatrix(job.X, job.k, {b: 0.5, eps: 0.05}), job.X.length))",
            dict(X=X.tolist(), k=which),
        )
    )
    ev = kernel_checks.spectrum(G)
    np.testing.assert_allclose(js, ev, rtol=0, atol=1e-9 * np.abs(ev).max())
