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
    """Two interleaving half circles, centred near the origin."""
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
    """A small circle (class 1) inside a large one (class 0), radius 1 and ``factor``."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0 = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.r_[np.ones(n0), np.full(n - n0, factor)]
    X = np.c_[r * np.cos(t), r * np.sin(t)]
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _out(X + noise * rng.standard_normal(X.shape), y)


def rings(n: int = 200, *, noise: float = 0.08, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Concentric rings: the same as :func:`circles` (the name used by the lifting figure)."""
    return circles(n, noise=noise, seed=seed)


def xor(n: int = 200, *, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Four clusters at (±1, ±1); the label is 1 where the two signs differ."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    centres = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=np.float64)
    which = np.arange(n) % 4
    X = centres[which] * 0.8 + noise * rng.standard_normal((n, 2))
    y = (which >= 2).astype(int)
    return _out(X, y)


def spirals(n: int = 200, *, noise: float = 0.05, turns: float = 1.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals with ``turns`` turns each."""
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
    """``centers`` Gaussian blobs placed evenly on a circle of radius 1."""
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
    """The data set ``name`` (one of :data:`DATASETS`) with ``n`` points and ``seed``."""
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(DATASETS)}.")
    return DATASETS[name](n, seed=seed, **kwargs)
