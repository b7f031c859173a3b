"""The legibility ratio: known geometry gives known ratios; bad input is refused."""

import numpy as np
import pytest

from yatlib.legibility import LEGIBLE, floor, legibility


def lattice(n=60, d=5):
    """Points k * e_0, k = 0..n-1: every nearest-neighbour distance is exactly 1."""
    X = np.zeros((n, d), np.float32)
    X[:, 0] = np.arange(n)
    return X


def test_the_floor_of_a_unit_lattice_is_one():
    assert floor(lattice(), n_sample=30, seed=1) == pytest.approx(1.0)


def test_training_images_as_prototypes_have_ratio_zero():
    X = lattice()
    L = legibility(X[[3, 10, 40]], X)
    assert L.ratio == 0.0 and L.legible
    np.testing.assert_allclose(L.distances, 0.0)


def test_ratio_is_the_median_distance_over_the_floor():
    X = lattice()
    P = X[[5, 6, 7, 8, 9]].copy()
    P[:, 1] = [0.2, 0.5, 0.8, 3.0, 4.0]  # distances 0.2, 0.5, 0.8, 3, 4 off the line
    L = legibility(P, X, data_floor=0.5)
    np.testing.assert_allclose(L.distances, [0.2, 0.5, 0.8, 3.0, 4.0], rtol=1e-6)
    assert L.ratio == pytest.approx(0.8 / 0.5)
    assert not L.legible and L.ratio > LEGIBLE
    assert legibility(P, X).ratio == pytest.approx(0.8)  # floor computed from X: 1


@pytest.mark.parametrize(
    "P, kwargs, words",
    [
        (np.zeros((0, 5)), {}, r"^prototypes is empty"),
        (np.zeros(5), {}, r"^prototypes must be a 2-D array \[rows, features\]"),
        (np.full((2, 5), np.nan), {}, r"^prototypes contains NaN"),
        (np.zeros((2, 4)), {}, r"^X must have 4 features per row to match the prototypes"),
        (np.zeros((2, 5)), {"data_floor": 0.0}, r"^data_floor must be > 0"),
        (np.zeros((2, 5)), {"data_floor": float("nan")}, r"^data_floor must be a finite number"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(P, kwargs, words):
    with pytest.raises(ValueError, match=words):
        legibility(P, lattice(), **kwargs)


def test_the_floor_needs_two_rows():
    with pytest.raises(ValueError, match=r"^X has only 1 row"):
        floor(lattice()[:1])
