"""Kernels: properties (hypothesis), direct formulas, numerics at x = w, and bad input."""

import jax
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from yatlib import kernels

finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False, width=32)


def points(n_min=1, n_max=8, d_min=1, d_max=6):
    return st.integers(d_min, d_max).flatmap(
        lambda d: st.tuples(
            arrays(np.float32, st.tuples(st.integers(n_min, n_max), st.just(d)), elements=finite),
            arrays(np.float32, st.tuples(st.integers(n_min, n_max), st.just(d)), elements=finite),
        )
    )


def direct_sqdist(x, w):
    return ((x[:, None, :].astype(np.float64) - w[None, :, :]) ** 2).sum(-1)


@settings(max_examples=25, deadline=None)
@given(points(), st.floats(0, 2), st.floats(1e-2, 5))
def test_yat_is_non_negative_and_matches_direct_formula(xw, b, eps):
    x, w = xw
    got = np.asarray(kernels.yat(x, w, b=b, eps=eps), np.float64)
    dot = x.astype(np.float64) @ w.T.astype(np.float64)
    want = (dot + b) ** 2 / (direct_sqdist(x, w) + eps)
    assert got.shape == (len(x), len(w))
    assert (got >= 0).all()
    np.testing.assert_allclose(got, want, rtol=2e-3, atol=1e-4)


@settings(max_examples=20, deadline=None)
@given(points(), st.floats(0.1, 3))
def test_gaussian_laplace_imq_match_numpy(xw, sigma):
    x, w = xw
    d2 = direct_sqdist(x, w)
    np.testing.assert_allclose(kernels.gaussian(x, w, sigma=sigma), np.exp(-d2 / (2 * sigma**2)), rtol=1e-3, atol=1e-5)
    np.testing.assert_allclose(kernels.laplace(x, w, sigma=sigma), np.exp(-np.sqrt(d2) / sigma), rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(
        kernels.inverse_multiquadric(x, w, eps=sigma, power=0.5), (d2 + sigma) ** -0.5, rtol=1e-3, atol=1e-5
    )
    np.testing.assert_allclose(
        kernels.polynomial(x, w, degree=2, c=1.0), (x.astype(np.float64) @ w.T + 1.0) ** 2, rtol=1e-3, atol=1e-3
    )


@settings(max_examples=20, deadline=None)
@given(
    arrays(np.float32, st.tuples(st.integers(1, 12), st.integers(1, 5)), elements=finite),
    st.sampled_from(["yat", "gaussian", "laplace", "imq"]),
)
def test_gram_matrices_are_symmetric(x, name):
    g = np.asarray(kernels.gram(x, name), np.float64)
    np.testing.assert_allclose(g, g.T, rtol=1e-4, atol=1e-4)


@settings(max_examples=25, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(2, 25), st.integers(1, 6)), elements=st.floats(-3, 3)),
    st.floats(0, 2),
    st.floats(0.05, 5),
)
def test_yat_gram_is_positive_semidefinite(x, b, eps):
    """Claim C12: the smallest eigenvalue is >= -1e-6 times the largest."""
    dot = x @ x.T
    d2 = np.maximum((x**2).sum(1)[:, None] + (x**2).sum(1)[None] - 2 * dot, 0)
    g = (dot + b) ** 2 / (d2 + eps)  # float64 Gram: the test is about the kernel, not float32 rounding
    g32 = np.asarray(kernels.gram(x.astype(np.float32), "yat", b=b, eps=eps), np.float64)
    np.testing.assert_allclose(g32, g, rtol=5e-3, atol=1e-3)
    ev = np.linalg.eigvalsh(g)
    assert ev.min() >= -1e-6 * max(ev.max(), 1e-12)


@pytest.mark.parametrize("scale", [1.0, 10.0, 30.0])
def test_yat_is_finite_and_accurate_at_x_equal_w(scale):
    rng = np.random.default_rng(0)
    w = (rng.standard_normal((16, 784)) * scale / np.sqrt(784)).astype(np.float32)
    w = w / np.linalg.norm(w, axis=1, keepdims=True) * scale
    got = np.diag(np.asarray(kernels.yat(w, w, b=0.5, eps=0.05), np.float64))
    norm2 = (w.astype(np.float64) ** 2).sum(1)
    want = (norm2 + 0.5) ** 2 / 0.05
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, want, rtol=2e-2)


def test_squared_distance_is_clamped_at_zero_for_huge_norms():
    x = np.full((3, 784), 300.0, np.float32) + np.arange(3, dtype=np.float32)[:, None] * 1e-3
    d2 = np.asarray(kernels.squared_distances(x, x))
    assert (d2 >= 0).all()
    out = np.asarray(kernels.yat(x, x, b=0.0, eps=1e-3))
    assert np.isfinite(out).all() and (out >= 0).all()


def test_polynomial_does_not_decay_but_yat_does():
    w = np.array([[1.0, 1.0]], np.float32)
    far = np.array([[100.0, 100.0]], np.float32)
    assert float(kernels.polynomial(far, w)[0, 0]) > float(kernels.polynomial(w, w)[0, 0])
    assert float(kernels.yat(far, w, eps=0.1)[0, 0]) < float(kernels.yat(w, w, eps=0.1)[0, 0])


def test_kernels_work_under_jit_and_grad():
    x = np.ones((2, 3), np.float32)
    w = np.zeros((4, 3), np.float32)
    f = jax.jit(lambda x: kernels.yat(x, w, b=0.5, eps=0.1).sum())
    g = jax.grad(lambda x: kernels.laplace(x, x).sum())(x)
    assert np.isfinite(float(f(x))) and np.isfinite(np.asarray(g)).all()


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: kernels.yat(np.ones((2, 3)), np.ones((4, 2))), "feature dimensions differ"),
        (lambda: kernels.yat(np.ones(3), np.ones((4, 3))), "2-D array"),
        (lambda: kernels.yat(np.ones((2, 3)), np.ones((4, 3)), eps=0.0), "eps must be > 0"),
        (lambda: kernels.yat(np.ones((2, 3)), np.ones((4, 3)), eps=-1.0), "eps must be > 0"),
        (lambda: kernels.yat(np.ones((2, 3)), np.ones((4, 3)), b=-0.1), "b must be >= 0"),
        (lambda: kernels.yat(np.full((2, 3), np.nan), np.ones((4, 3))), "NaN"),
        (lambda: kernels.yat(np.zeros((0, 3)), np.ones((4, 3))), "empty"),
        (lambda: kernels.yat(np.ones((2, 3)), np.zeros((0, 3))), "empty"),
        (lambda: kernels.yat(np.array([["a", "b"]]), np.ones((1, 2))), "numeric"),
        (lambda: kernels.gaussian(np.ones((2, 3)), np.ones((2, 3)), sigma=0), "sigma must be > 0"),
        (lambda: kernels.polynomial(np.ones((2, 3)), np.ones((2, 3)), degree=0), "degree"),
        (lambda: kernels.gram(np.ones((2, 3)), "relu"), "unknown kernel"),
        (lambda: kernels.yat(np.ones((2, 3)), np.ones((2, 3)), eps=np.ones(2)), "scalar"),
    ],
)
def test_bad_input_gives_a_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
