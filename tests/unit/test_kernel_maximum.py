"""The closed-form maximum of a Yat unit (yatlib.kernel_maximum) against a numerical optimiser, a grid and its
special cases."""

import numpy as np
import pytest

from yatlib import kernel_maximum, kernels


def _yat_one(x, w, b, eps):
    return (w @ x + b) ** 2 / ((x - w) @ (x - w) + eps)


def _minus_yat_one(x, w, b, eps):
    return -_yat_one(x, w, b, eps)


def test_yat_maximum_matches_a_numerical_optimiser():
    """The closed form against BFGS from several starts: random w (1 to 8 dimensions), b of both signs,
    ε over 3 decades."""
    from scipy.optimize import minimize

    rng = np.random.default_rng(0)
    for _ in range(60):
        d = int(rng.integers(1, 9))
        w = rng.standard_normal(d) * rng.uniform(0.2, 3.0)
        b = float(rng.choice([0.0, rng.uniform(0, 3), rng.uniform(-3, 0), -(w @ w) - rng.uniform(0.1, 3)]))
        eps = float(10 ** rng.uniform(-2, 1))
        m = kernel_maximum.yat_maximum(w, b, eps)
        best = max(
            -minimize(_minus_yat_one, w + rng.standard_normal(d) * s, args=(w, b, eps), method="BFGS").fun
            for s in (0.0, 0.5, 2.0, 5.0, 5.0)
        )
        assert m.attained
        assert best <= m.value * (1 + 1e-9)  # no start finds more than the closed form
        np.testing.assert_allclose(best, m.value, rtol=1e-6)  # and the optimiser reaches it
        np.testing.assert_allclose(_yat_one(m.argmax, w, b, eps), m.value, rtol=1e-12)
        np.testing.assert_allclose(m.at_prototype, _yat_one(w, w, b, eps), rtol=1e-12)
        np.testing.assert_allclose(m.value - m.at_prototype, w @ w, rtol=1e-9, atol=1e-12)


def test_yat_maximum_agrees_with_yat_and_a_fine_grid():
    w, eps = np.array([1.0, 0.5]), 1.0
    m = kernel_maximum.yat_maximum(w, 0.0, eps)
    np.testing.assert_allclose(m.argmax, [1.8, 0.9])
    np.testing.assert_allclose([m.value, m.at_prototype], [2.8125, 1.5625])
    np.testing.assert_allclose(float(kernels.yat(m.argmax[None], w[None], b=0.0, eps=eps)[0, 0]), m.value, rtol=1e-6)
    g = np.linspace(-3, 3, 601)
    G = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    k = np.asarray(kernels.yat(G, w[None], b=0.0, eps=eps), np.float64)[:, 0]
    assert k.max() <= m.value * (1 + 1e-6) and np.linalg.norm(G[k.argmax()] - m.argmax) < 0.02


def test_yat_maximum_special_cases():
    w = np.array([1.0, -2.0])
    # b = -|w|^2: the supremum |w|^2 is approached along the line through w, never reached
    m = kernel_maximum.yat_maximum(w, -5.0, 0.3)
    assert not m.attained and np.isnan(m.argmax).all() and m.value == 5.0
    far = [_yat_one(w + t * w, w, -5.0, 0.3) for t in (10.0, 1e3, -1e3)]
    assert all(v < 5.0 for v in far) and far[1] > 5.0 - 1e-5
    # b < -|w|^2: the maximiser is on the origin's side of w (between, at, or past the origin)
    for eps, where in ((1.0, "between"), (3.0, "origin"), (6.0, "past")):
        m = kernel_maximum.yat_maximum(w, -8.0, eps)  # s = -3
        t = m.argmax @ w / (w @ w)
        assert {"between": 0 < t < 1, "origin": abs(t) < 1e-12, "past": t < 0}[where]
    # w = 0: b^2 / eps at the origin; w = 0 and b = 0: zero everywhere
    m = kernel_maximum.yat_maximum(np.zeros(3), 2.0, 0.5)
    assert m.value == 8.0 and (m.argmax == 0).all()
    m = kernel_maximum.yat_maximum(np.zeros(3), 0.0, 0.5)
    assert m.value == 0.0 and m.attained
    # eps -> 0: the maximiser tends to w and the maximum to the value at w, relatively
    ms = [kernel_maximum.yat_maximum(w, 0.5, e) for e in (1e-1, 1e-3, 1e-5)]
    assert [np.linalg.norm(m.argmax - w) for m in ms] == sorted(
        [np.linalg.norm(m.argmax - w) for m in ms], reverse=True
    )
    assert ms[-1].value / ms[-1].at_prototype - 1 < 1e-5


def test_yat_maximum_rejects_bad_input():
    with pytest.raises(ValueError, match="eps"):
        kernel_maximum.yat_maximum([1.0, 0.0], 0.0, 0.0)
    with pytest.raises(ValueError, match="w"):
        kernel_maximum.yat_maximum([[1.0, 0.0]], 0.0, 0.1)
    with pytest.raises(ValueError, match="b"):
        kernel_maximum.yat_maximum([1.0, 0.0], float("nan"), 0.1)
