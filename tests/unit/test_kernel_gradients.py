"""Values and gradients of the kernels and of YatLayer against float64, near and far from a prototype.

The reference is computed in numpy float64 from the same float32 inputs, with the distance
taken directly as sum((x - w)^2) and the analytic derivatives. Errors are relative: for
values, the largest absolute error over a row divided by the row's largest value; for a
gradient, the norm of the error divided by the norm of the reference gradient.
"""

import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax import nnx

from yatlib import kernels
from yatlib.layers import YatLayer

DISTANCES = [0.0, 1e-4, 1e-2, 0.1, 1.0]
NORMS = [1.0, 10.0, 100.0]
TOL = 1e-3


def reference(name, x, w, params):
    """Float64 values and the derivatives of the kernel with respect to x·w and to ||x - w||^2."""
    x, w = x.astype(np.float64), w.astype(np.float64)
    diff = x[:, None, :] - w[None, :, :]
    d2 = (diff**2).sum(-1)
    dot = x @ w.T
    if name == "yat":
        b, eps = params["b"], params["eps"]
        num, den = (dot + b) ** 2, d2 + eps
        return num / den, 2 * (dot + b) / den, -num / den**2, diff
    if name == "gaussian":
        s2 = params["sigma"] ** 2
        phi = np.exp(-d2 / (2 * s2))
        return phi, 0 * phi, -phi / (2 * s2), diff
    if name == "imq":
        e, p = params["eps"], params["power"]
        return (d2 + e) ** -p, 0 * d2, -p * (d2 + e) ** (-p - 1), diff
    if name == "laplace":
        s, r = params["sigma"], np.sqrt(d2)
        phi = np.exp(-r / s)
        return phi, 0 * phi, -phi / (2 * s * r), diff
    raise AssertionError(name)


def reference_gradients(name, x, w, params, weights):
    """Float64 value and gradients of sum(weights * K(x, w)) with respect to x and w."""
    phi, d_dot, d_d2, diff = reference(name, x, w, params)
    a, g = weights * d_dot, weights * d_d2
    gx = a @ w.astype(np.float64) + 2 * np.einsum("nk,nkd->nd", g, diff)
    gw = a.T @ x.astype(np.float64) - 2 * np.einsum("nk,nkd->kd", g, diff)
    return phi, gx, gw


def near_case(d, norm, dist, k=4, seed=0):
    """Prototypes of norm ``norm`` (positive, like images) and one input at distance ``dist`` from the first."""
    rng = np.random.default_rng(seed)
    w = rng.random((k, d))
    w = (w / np.linalg.norm(w, axis=1, keepdims=True) * norm).astype(np.float32)
    u = rng.standard_normal(d)
    x = (w[:1].astype(np.float64) + dist * u / np.linalg.norm(u)).astype(np.float32)
    return x, w


def rel_value(got, want):
    return float(np.abs(np.asarray(got, np.float64) - want).max() / np.abs(want).max())


def rel_vector(got, want):
    return float(np.linalg.norm(np.asarray(got, np.float64) - want) / np.linalg.norm(want))


KERNELS = [
    ("yat", kernels.yat, dict(b=0.0, eps=0.1)),
    ("yat", kernels.yat, dict(b=1.0, eps=1.0)),
    ("yat", kernels.yat, dict(b=0.5, eps=0.05)),
    ("gaussian", kernels.gaussian, dict(sigma=1.0)),
    ("imq", kernels.inverse_multiquadric, dict(eps=1.0, power=0.5)),
    ("laplace", kernels.laplace, dict(sigma=1.0)),
]


@functools.cache
def _grad_fn(name, params):
    """The jitted gradient of sum(weights * K(x, w)), compiled once per kernel and shape."""
    fn = dict((n, f) for n, f, _ in KERNELS)[name]
    return jax.jit(jax.grad(lambda x, w, c: (fn(x, w, **dict(params)) * c).sum(), argnums=(0, 1)))


@pytest.mark.parametrize("d", [3, 784])
@pytest.mark.parametrize("norm", NORMS)
@pytest.mark.parametrize("dist", DISTANCES)
@pytest.mark.parametrize("name, fn, params", KERNELS, ids=lambda v: v if isinstance(v, str) else "")
def test_kernel_values_and_gradients_match_float64(name, fn, params, d, norm, dist):
    if name == "laplace" and dist == 0:
        pytest.skip("the Laplace kernel has no gradient at x = w")
    x, w = near_case(d, norm, dist)
    weights = np.random.default_rng(1).uniform(0.5, 1.5, (1, len(w)))
    phi, rgx, rgw = reference_gradients(name, x, w, params, weights)
    representable = phi[0] > 1e-30  # a far Gaussian underflows in float32: no relative error there
    got = np.asarray(fn(x, w, **params), np.float64)
    assert rel_value(got[:, representable], phi[:, representable]) <= TOL
    gx, gw = _grad_fn(name, tuple(sorted(params.items())))(jnp.asarray(x), jnp.asarray(w), jnp.asarray(weights))
    if np.linalg.norm(rgx) == 0:  # the Gaussian or IMQ exactly at its peak: the gradient is 0
        assert np.abs(np.asarray(gx)).max() <= 1e-6 and np.abs(np.asarray(gw)).max() <= 1e-6
        return
    assert rel_vector(gx, rgx) <= TOL
    assert rel_vector(gw, rgw) <= TOL


_layer_grad = nnx.jit(nnx.grad(lambda m, x: m(x).sum(), argnums=(0, 1)))


@pytest.mark.parametrize("d", [3, 784])
@pytest.mark.parametrize("norm", NORMS)
@pytest.mark.parametrize("dist", DISTANCES)
def test_yat_layer_values_and_gradients_match_float64(d, norm, dist):
    x, w = near_case(d, norm, dist)
    layer = YatLayer(d, len(w), rngs=nnx.Rngs(0), prototypes=w, b_init=0.8, eps_init=0.5)
    params = dict(b=float(layer.b), eps=float(layer.eps))
    phi, rgx, rgw = reference_gradients("yat", x, w, params, np.ones((1, len(w))))
    assert rel_value(layer(x), phi) <= TOL
    g_layer, gx = _layer_grad(layer, jnp.asarray(x))
    assert rel_vector(gx, rgx) <= TOL
    assert rel_vector(g_layer.prototypes[...], rgw) <= TOL


def test_the_peak_is_exact_and_the_distance_is_exactly_zero_at_x_equal_w():
    w = np.random.default_rng(0).random((5, 784)).astype(np.float32) * 3
    d2 = np.asarray(kernels.squared_distances(w, w))
    assert (np.diag(d2) == 0).all() and (d2 >= 0).all()
    peak = np.diag(np.asarray(kernels.yat(w, w, b=0.5, eps=0.05), np.float64))
    want = ((w.astype(np.float64) ** 2).sum(1) + 0.5) ** 2 / 0.05
    np.testing.assert_allclose(peak, want, rtol=1e-5)


def test_several_near_prototypes_per_row_under_jit_and_vmap():
    """Rows with 0, 1 and 3 near prototypes: each near pair's distance and gradient are exact."""
    rng = np.random.default_rng(2)
    base = rng.random((3, 50)).astype(np.float32) * 4
    w = np.concatenate([base, base[:1] + 1e-3, base[:1] - 2e-3]).astype(np.float32)  # three near base[0]
    x = np.stack([base[0], base[1] + 5e-3, rng.random(50).astype(np.float32) * 4 + 10]).astype(np.float32)
    want = ((x[:, None, :].astype(np.float64) - w[None]) ** 2).sum(-1)
    got = np.asarray(jax.jit(kernels.squared_distances)(x, w), np.float64)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-12)
    weights = rng.uniform(0.5, 1.5, (len(x), len(w)))
    _, rgx, rgw = reference_gradients("yat", x, w, dict(b=0.3, eps=0.2), weights)
    f = jax.jit(jax.grad(lambda x, w: (kernels.yat_unchecked(x, w, 0.3, 0.2) * weights).sum(), argnums=(0, 1)))
    gx, gw = f(jnp.asarray(x), jnp.asarray(w))
    assert rel_vector(gx, rgx) <= TOL and rel_vector(gw, rgw) <= TOL
    rows = jax.vmap(lambda xi: kernels.yat_unchecked(xi[None], jnp.asarray(w), 0.3, 0.2)[0])(jnp.asarray(x))
    np.testing.assert_allclose(np.asarray(rows), np.asarray(kernels.yat(x, w, b=0.3, eps=0.2)), rtol=1e-6)
