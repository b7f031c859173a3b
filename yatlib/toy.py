"""Two-dimensional toy data sets for Part I, seeded and dependency-free.

Each generator returns ``X [n, 2] float32`` and labels ``y [n] int32`` in
``{0, 1}`` (``blobs`` may have more classes). The same seed gives the same
points. :func:`make` picks one by name, for controls that switch data sets.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["moons", "circles", "rings", "xor", "spirals", "blobs", "DATASETS", "make"]


def _check(n: int, noise: float) -> None:
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2; got {n!r}.")
    if noise < 0 or not np.isfinite(noise):
        raise ValueError(f"noise must be a finite value >= 0; got {noise}.")


def _out(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X.astype(np.float32), y.astype(np.int32)


def moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles, centred near the origin.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2): ``n // 2`` on the upper moon (class 0), the rest on the lower (class 1).
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (at least 0).
    seed : int, default 0
        Seed of the ``numpy`` generator; the same seed gives the same points.

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points, roughly within :math:`[-1.5, 1.5] \times [-0.75, 0.75]` before noise.
    y : ndarray of int32 ``[n]``
        Their classes, 0 or 1.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0 = n // 2
    t0 = rng.uniform(0, np.pi, n0)
    t1 = rng.uniform(0, np.pi, n - n0)
    X = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]])
    X = X - [0.5, 0.25]
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _out(X + noise * rng.standard_normal(X.shape), y)


def circles(n: int = 200, *, noise: float = 0.08, factor: float = 0.45, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""A small circle (class 1) inside a large one (class 0), radius 1 and ``factor``.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2): ``n // 2`` on the large circle, the rest on the small one.
    noise : float, default 0.08
        Standard deviation of the Gaussian noise added to each coordinate (at least 0).
    factor : float, default 0.45
        Radius of the inner circle (the outer one has radius 1).
    seed : int, default 0
        Seed of the ``numpy`` generator; the angles are uniform on :math:`[0, 2\pi)`.

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points.
    y : ndarray of int32 ``[n]``
        Their classes: 0 on the large circle, 1 on the small one.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0 = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.r_[np.ones(n0), np.full(n - n0, factor)]
    X = np.c_[r * np.cos(t), r * np.sin(t)]
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _out(X + noise * rng.standard_normal(X.shape), y)


def rings(n: int = 200, *, noise: float = 0.08, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Concentric rings: the same as :func:`circles` (the name used by the lifting figure).

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2), half on each ring.
    noise : float, default 0.08
        Standard deviation of the Gaussian noise added to each coordinate (at least 0).
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points, on rings of radius 1 (class 0) and 0.45 (class 1).
    y : ndarray of int32 ``[n]``
        Their classes.
    """
    return circles(n, noise=noise, seed=seed)


def xor(n: int = 200, *, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Four clusters at (±1, ±1); the label is 1 where the two signs differ.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2), dealt to the four clusters in turn.
    noise : float, default 0.15
        Standard deviation of the Gaussian noise around each centre (at least 0).
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points; the cluster centres are :math:`0.8\,(\pm 1, \pm 1)`.
    y : ndarray of int32 ``[n]``
        Their classes: 0 in the quadrants where both signs agree, 1 where they differ.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    centres = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=np.float64)
    which = np.arange(n) % 4
    X = centres[which] * 0.8 + noise * rng.standard_normal((n, 2))
    y = (which >= 2).astype(int)
    return _out(X, y)


def spirals(n: int = 200, *, noise: float = 0.05, turns: float = 1.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals with ``turns`` turns each.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2): ``n // 2`` on the first spiral (class 0), the rest on the second.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate (at least 0).
    turns : float, default 1.5
        Turns of each spiral around the origin.
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points, within radius 1 before noise; the second spiral is the first turned by a half turn.
    y : ndarray of int32 ``[n]``
        Their classes, 0 or 1.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0 = n // 2
    t = np.sqrt(rng.uniform(0.02, 1, n)) * turns * 2 * np.pi
    sign = np.r_[np.ones(n0), -np.ones(n - n0)]
    r = t / (turns * 2 * np.pi)
    X = np.c_[sign * r * np.cos(t), sign * r * np.sin(t)]
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _out(X + noise * rng.standard_normal(X.shape), y)


def blobs(n: int = 200, *, noise: float = 0.25, centers: int = 2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""``centers`` Gaussian blobs placed evenly on a circle of radius 1.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2), dealt to the blobs in turn.
    noise : float, default 0.25
        Standard deviation of each blob (at least 0).
    centers : int, default 2
        Number of blobs and classes (at least 1); the first centre is at angle :math:`\pi/4`.
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points.
    y : ndarray of int32 ``[n]``
        Their blob, ``0 .. centers - 1``.
    """
    _check(n, noise)
    if centers < 1:
        raise ValueError(f"centers must be >= 1; got {centers}.")
    rng = np.random.default_rng(seed)
    which = np.arange(n) % centers
    angle = 2 * np.pi * which / centers + np.pi / 4
    X = np.c_[np.cos(angle), np.sin(angle)] + noise * rng.standard_normal((n, 2))
    return _out(X, which)


DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "moons": moons,
    "circles": circles,
    "rings": rings,
    "xor": xor,
    "spirals": spirals,
    "blobs": blobs,
}
"""The generators by name."""


def make(name: str, n: int = 200, *, seed: int = 0, **kwargs: float) -> tuple[np.ndarray, np.ndarray]:
    """The data set ``name`` (one of :data:`DATASETS`) with ``n`` points and ``seed``.

    Parameters
    ----------
    name : str
        ``"moons"``, ``"circles"``, ``"rings"``, ``"xor"``, ``"spirals"`` or ``"blobs"``.
    n : int, default 200
        Number of points (at least 2).
    seed : int, default 0
        Seed of the generator.
    **kwargs
        The generator's other keyword arguments (``noise``, and ``factor``, ``turns`` or ``centers``).

    Returns
    -------
    X : ndarray of float32 ``[n, 2]``
        The points.
    y : ndarray of int32 ``[n]``
        Their classes.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(DATASETS)}.")
    return DATASETS[name](n, seed=seed, **kwargs)
