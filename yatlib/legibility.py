r"""How legible a set of prototypes is: how close it sits to real images.

With :math:`\operatorname{dist}(w_u, X) = \min_i \lVert w_u - x_i \rVert_2` the distance of a
prototype to its nearest training image, and :math:`\delta` the data's nearest-neighbour floor (the
median distance of a training image to the nearest other one, :func:`yatlib.provenance.nn_floor`),
the **legibility ratio** is

.. math::

    L = \frac{\operatorname{median}_u \operatorname{dist}(w_u, X)}{\delta} .

The book calls a prototype set legible at :math:`L \le 1.5`; noise-like prototypes sit at
:math:`L \approx 2` and more. :mod:`yatlib.gap` reports it beside each recipe's accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from jax.typing import ArrayLike

from .provenance import nearest_distances, nn_floor
from .validation import check_array, check_int, check_positive

__all__ = ["LEGIBLE", "Legibility", "floor", "legibility"]

LEGIBLE = 1.5
"""The threshold the book uses: a prototype set is legible when :math:`L \\le 1.5`."""


@dataclass(frozen=True)
class Legibility:
    """The legibility of one prototype set.

    Attributes
    ----------
    ratio : float
        :math:`L`, the median distance to the nearest training image over the floor.
    distances : ndarray ``[K]``
        :math:`d(w_u)` for every prototype.
    floor : float
        The data's nearest-neighbour floor :math:`f` used.
    """

    ratio: float
    distances: np.ndarray
    floor: float

    @property
    def legible(self) -> bool:
        """True when :math:`L \\le` :data:`LEGIBLE`."""
        return self.ratio <= LEGIBLE


def floor(X: ArrayLike, *, n_sample: int = 2000, seed: int = 0) -> float:
    """The data's nearest-neighbour floor :math:`f`: the median distance from ``n_sample`` random rows
    of ``X`` (all rows if fewer) to their nearest other row.

    Parameters
    ----------
    X : array ``[N, D]``
        The training items, at least 2 rows.
    n_sample : int, default 2000
        How many rows to measure from, at least 1 (at most ``N - 1`` are used).
    seed : int, default 0
        Seed of the draw of rows, at least 0 (see :func:`yatlib.provenance.nn_floor`).

    Returns
    -------
    float
        :math:`f`, a Euclidean distance in the units of ``X``.
    """
    Xa = check_array(X, "X", min_rows=2, who="legibility.floor")
    n_sample = check_int(n_sample, "n_sample", low=1, why="It is how many rows the floor is measured from.")
    seed = check_int(seed, "seed", low=0)
    return float(np.median(nn_floor(Xa, n_sample=min(n_sample, len(Xa) - 1), seed=seed)))


def legibility(prototypes: ArrayLike, X: ArrayLike, *, data_floor: float | None = None) -> Legibility:
    r"""The legibility ratio :math:`L` of ``prototypes`` ``[K, D]`` against the training items ``X`` ``[N, D]``.

    ``data_floor`` is :math:`f` (computed from ``X`` with :func:`floor` when None;
    pass it to measure many prototype sets against the same data cheaply).

    Parameters
    ----------
    prototypes : array ``[K, D]``
        The prototype set.
    X : array ``[N, D]``
        The training items, in the prototypes' space.
    data_floor : float, optional
        The floor :math:`f > 0`; by default :func:`floor` of ``X`` with its defaults.

    Returns
    -------
    Legibility
        The ratio :math:`L`, each prototype's distance to its nearest item ``[K]`` and the floor used;
        ``.legible`` says whether :math:`L \le 1.5`.
    """
    P = check_array(prototypes, "prototypes", who="legibility")
    Xa = check_array(X, "X", n_features=P.shape[1], features_of="the prototypes", who="legibility")
    if data_floor is None:
        f = floor(Xa)
    else:
        f = check_positive(
            data_floor, "data_floor", why="It is the data's nearest-neighbour distance (legibility.floor)."
        )
    d = nearest_distances(P, Xa)[0]
    return Legibility(float(np.median(d) / f), d, f)
