"""Nearest-image distances and the data's nearest-neighbour floor, against brute force."""

from __future__ import annotations

import numpy as np
import pytest

from yatlib import provenance


def test_nearest_distances_brute_force():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (300, 50)).astype(np.float32)
    P = rng.uniform(0, 1, (17, 50)).astype(np.float32)
    d, j = provenance.nearest_distances(P, X, batch_size=5)
    full = np.linalg.norm(P[:, None, :].astype(np.float64) - X[None].astype(np.float64), axis=2)
    np.testing.assert_array_equal(j, full.argmin(1))
    np.testing.assert_allclose(d, full.min(1), rtol=1e-10)
    # a prototype equal to a data point is at distance exactly 0
    d0, j0 = provenance.nearest_distances(X[[7, 9]], X)
    assert list(j0) == [7, 9] and np.all(d0 == 0)


def test_nn_floor_excludes_the_point_itself():
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 1, (120, 10)).astype(np.float32)
    f = provenance.nn_floor(X, n_sample=40, seed=3)
    idx = np.random.default_rng(3).choice(120, size=40, replace=False)
    full = np.linalg.norm(X[idx, None].astype(np.float64) - X[None].astype(np.float64), axis=2)
    full[np.arange(40), idx] = np.inf
    np.testing.assert_allclose(f, full.min(1), rtol=1e-10)
    assert np.all(f > 0)
    with pytest.raises(ValueError):
        provenance.nn_floor(X, n_sample=120)
