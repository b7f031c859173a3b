import numpy as np
import pytest

from yatlib import ridge, toy


def test_solve_matches_normal_equations():
    rng = np.random.default_rng(0)
    P, t = rng.standard_normal((30, 5)), np.sign(rng.standard_normal(30))
    a = ridge.solve(P, t, 0.1, relative=False)
    np.testing.assert_allclose((P.T @ P + 0.1 * np.eye(5)) @ a, P.T @ t, atol=1e-10)
    # relative penalty scales with the kernel: scaling Phi by s scales alpha by 1/s
    np.testing.assert_allclose(ridge.solve(10 * P, t, 0.1), ridge.solve(P, t, 0.1) / 10, rtol=1e-10)


def test_kmeans_ridge_separates_blobs_better_than_chance():
    X, y = toy.make("blobs", 200, seed=0)
    W, alpha, acc = ridge.kmeans_ridge(X, y, 3, "gaussian", sigma=0.5)
    assert W.shape == (6, 2) and alpha.shape == (6,)
    assert acc > 0.9


def test_accuracy_counts_zero_as_wrong():
    assert ridge.accuracy([0.0, 1.0, -1.0], [1, 1, 0]) == pytest.approx(2 / 3)


def test_bad_input():
    with pytest.raises(ValueError):
        ridge.solve(np.zeros((3, 2)), [1, 1])
    with pytest.raises(ValueError):
        ridge.design_matrix([[0, 0]], [[1, 1]], "nope")
