import numpy as np
import pytest
from flax import nnx

from yatlib import forces, toy
from yatlib.layers import ReluMLP, YatMLP


@pytest.fixture(scope="module")
def data():
    return toy.make("moons", 60, seed=0)


def test_yat_force_matches_finite_differences(data):
    X, y = data
    m = YatMLP(2, 4, 2, rngs=nnx.Rngs(0))
    p = np.array([[0.3, -0.2]], np.float32)
    F, L = forces.yat_probe_forces(m, X, y, 1, p)
    h = 1e-2
    num = []
    for k in range(2):
        e = np.zeros((1, 2), np.float32)
        e[0, k] = h
        Lp = forces.yat_probe_forces(m, X, y, 1, p + e)[1][0]
        Lm = forces.yat_probe_forces(m, X, y, 1, p - e)[1][0]
        num.append(-(Lp - Lm) / (2 * h))
    np.testing.assert_allclose(F[0], num, rtol=0.05, atol=1e-4)


def test_yat_force_nonzero_everywhere_relu_zero_where_dead(data):
    X, y = data
    G = forces.square_grid(-2, 2, 9)
    F, _ = forces.yat_probe_forces(YatMLP(2, 4, 2, rngs=nnx.Rngs(0)), X, y, 0, G)
    assert (np.linalg.norm(F, axis=1) > 0).all()
    relu = ReluMLP(2, 4, 2, rngs=nnx.Rngs(0))
    relu.hidden.bias[...] = relu.hidden.bias[...].at[0].set(-1.0)  # off on every point for small weights
    Fr, _ = forces.relu_probe_forces(relu, X, y, 0, G)
    norms = np.linalg.norm(Fr, axis=1)
    centre = np.argmin(np.linalg.norm(G, axis=1))
    assert norms[centre] == 0.0 and norms.max() > 0
    relu.hidden.kernel[...] = relu.hidden.kernel[...].at[:, 0].set(0.0)
    assert forces.dead_relu_units(relu, X)[0]


def test_unit_gradient_norms_zero_for_dead(data):
    X, y = data
    relu = ReluMLP(2, 4, 2, rngs=nnx.Rngs(0))
    relu.hidden.bias[...] = relu.hidden.bias[...].at[2].set(-100.0)
    g = forces.unit_gradient_norms(relu, X, y)
    assert g[2] == 0.0 and (np.delete(g, 2) > 0).any()


def test_bilinear_exact_on_nodes_and_linear_fields():
    lo, hi, n = -1.0, 1.0, 5
    G = forces.square_grid(lo, hi, n)
    field = np.c_[2 * G[:, 0] + 1, -G[:, 1] + 3 * G[:, 0]]
    for p in [(0.0, 0.0), (0.3, -0.7), (1.0, 1.0), (-0.55, 0.2)]:
        np.testing.assert_allclose(forces.bilinear(field, lo, hi, n, p), [2 * p[0] + 1, -p[1] + 3 * p[0]], atol=1e-6)
    # outside the square: clamped
    np.testing.assert_allclose(forces.bilinear(field, lo, hi, n, (5.0, 0.0)), [3.0, 3.0], atol=1e-6)


def test_flow_path_follows_constant_field():
    G = forces.square_grid(-1, 1, 3)
    field = np.tile([1.0, 0.0], (len(G), 1))
    path = forces.flow_path(field, -1, 1, 3, (-0.5, 0.0), steps=10, step=0.1)
    np.testing.assert_allclose(path[-1], [0.5, 0.0], atol=1e-9)
    zero = forces.flow_path(np.zeros_like(field), -1, 1, 3, (0, 0))
    assert len(zero) == 1


def test_mean_distance_to_data():
    assert forces.mean_distance_to_data([[0, 0], [3, 4]], [[0, 0]]) == pytest.approx(2.5)
