r"""Two-dimensional maps of prototypes and data: PCA and UMAP.

Prototypes live in the images' space, so a map fitted on images places prototypes too. *PCA*
projects on the two leading right singular vectors of the centred data,
:math:`z = \big((x - \bar x)\cdot v_1,\ (x - \bar x)\cdot v_2\big)`; *UMAP* (McInnes et al., 2018)
learns a layout that keeps nearest neighbours near and can ``transform`` new points
(:func:`umap_map`, cached with :mod:`yatlib.cache`). The maps are drawn by
:class:`yatlib.widgets.ConceptMap` (F21) and :class:`yatlib.widgets.TrajectoryMap` (F25).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import numpy as np
from jax.typing import ArrayLike

from . import cache

__all__ = ["PCA", "pca", "umap_sample", "umap_map"]


class PCA:
    """Principal component analysis by SVD (numpy only).

    Parameters
    ----------
    n_components : int
        Number of components kept (2 for a map).

    Attributes
    ----------
    mean_ : ndarray ``[D]``
    components_ : ndarray ``[n_components, D]``
        Orthonormal rows, the leading right singular vectors of the centred data
        (sign fixed so each row's largest-magnitude entry is positive).
    explained_variance_ratio_ : ndarray ``[n_components]``
    """

    def __init__(self, n_components: int = 2):
        if n_components < 1:
            raise ValueError(f"n_components must be >= 1; got {n_components}.")
        self.n_components = n_components
        self.mean_: np.ndarray | None = None
        self.components_: np.ndarray | None = None
        self.explained_variance_ratio_: np.ndarray | None = None

    def fit(self, X: ArrayLike) -> PCA:
        """Fit on ``X [N, D]``; returns self.

        Parameters
        ----------
        X : array ``[N, D]``
            The data, at least 2 rows, with ``n_components <= min(N, D)``; computed in float64.

        Returns
        -------
        PCA
            ``self``, with ``mean_``, ``components_`` and ``explained_variance_ratio_`` set.
        """
        Xa = np.asarray(X, np.float64)
        if Xa.ndim != 2 or len(Xa) < 2:
            raise ValueError(f"PCA needs an [N, D] array with N >= 2; got shape {Xa.shape}.")
        if self.n_components > min(Xa.shape):
            raise ValueError(f"n_components={self.n_components} exceeds min(N, D)={min(Xa.shape)}.")
        self.mean_ = Xa.mean(0)
        _, s, vt = np.linalg.svd(Xa - self.mean_, full_matrices=False)
        comps = vt[: self.n_components]
        signs = np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(1)])
        self.components_ = comps * signs[:, None]
        var = s**2
        self.explained_variance_ratio_ = var[: self.n_components] / var.sum()
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        r"""Coordinates ``[N, n_components]`` of ``X`` in the fitted components.

        Parameters
        ----------
        X : array ``[N, D]``
            Points of the fitted space (the data or, e.g., prototypes), ``D`` as in :meth:`fit`.

        Returns
        -------
        ndarray ``[N, n_components]``
            :math:`(x - \bar x)\cdot v_i` for each point and component, in float64.
        """
        if self.components_ is None or self.mean_ is None:
            raise ValueError("this PCA is not fitted yet; call fit(X) first.")
        Xa = np.asarray(X, np.float64)
        if Xa.ndim != 2 or Xa.shape[1] != len(self.mean_):
            raise ValueError(f"X must be [N, {len(self.mean_)}]; got shape {Xa.shape}.")
        return (Xa - self.mean_) @ self.components_.T


def pca(X: ArrayLike, n_components: int = 2) -> np.ndarray:
    """Fit PCA on ``X`` and return its coordinates ``[N, n_components]``.

    Parameters
    ----------
    X : array ``[N, D]``
        The data, at least 2 rows.
    n_components : int, default 2
        Number of components kept, from 1 to ``min(N, D)``.

    Returns
    -------
    ndarray ``[N, n_components]``
        The coordinates of ``X`` on its leading principal components, in float64.
    """
    return PCA(n_components).fit(X).transform(X)


def umap_sample(n_items: int, n_sample: int = 3000, seed: int = 5) -> np.ndarray:
    """Indices of the data sample a UMAP map is fitted on: ``RandomState(seed).permutation(n_items)[:n_sample]``.

    Parameters
    ----------
    n_items : int
        Number of items in the data ``N``.
    n_sample : int, default 3000
        Size of the sample, from 1 to ``n_items``.
    seed : int, default 5
        Seed of ``numpy.random.RandomState`` (the article's).

    Returns
    -------
    ndarray ``[n_sample]``
        Distinct indices into the data, in random order.
    """
    if not 1 <= n_sample <= n_items:
        raise ValueError(f"n_sample must be between 1 and {n_items}; got {n_sample}.")
    return np.random.RandomState(seed).permutation(n_items)[:n_sample]


def _digest(a: np.ndarray) -> str:
    a = np.ascontiguousarray(a, np.float32)
    return hashlib.sha256(str(a.shape).encode() + a.tobytes()).hexdigest()[:16]


def umap_map(
    X: ArrayLike,
    points: Mapping[str, ArrayLike] | None = None,
    *,
    n_sample: int = 3000,
    sample_seed: int = 5,
    n_neighbors: int = 15,
    min_dist: float = 0.25,
    random_state: int = 42,
    cache_name: str = "umap-map",
) -> dict[str, np.ndarray]:
    """Fit UMAP on a sample of ``X`` and place further point sets in the same map (cached).

    Parameters
    ----------
    X : array ``[N, D]``
        The data; the map is fitted on ``X[umap_sample(N, n_sample, sample_seed)]``.
    points : mapping name -> array ``[..., D]``
        Point sets to transform into the fitted map (e.g. prototypes ``[K, D]`` or
        snapshots ``[S, K, D]``); leading dimensions are kept.
    n_neighbors, min_dist, random_state : UMAP settings (the article's: 15, 0.25, 42).

    Returns
    -------
    dict
        ``"sample"`` (indices into ``X``), ``"data_xy"`` ``[n_sample, 2]``, and
        ``"<name>_xy"`` ``[..., 2]`` for each point set.
    """
    Xa = np.asarray(X, np.float32)
    if Xa.ndim != 2:
        raise ValueError(f"X must be [N, D]; got shape {Xa.shape}.")
    pts = {k: np.asarray(v, np.float32) for k, v in (points or {}).items()}
    for k, v in pts.items():
        if v.shape[-1] != Xa.shape[1] or not np.isfinite(v).all():
            raise ValueError(f"point set {k!r} must be finite [..., {Xa.shape[1]}]; got shape {v.shape}.")
    idx = umap_sample(len(Xa), n_sample, sample_seed)
    config = {
        "data": _digest(Xa[idx]),
        "n_neighbors": n_neighbors,
        "min_dist": min_dist,
        "random_state": random_state,
        "points": {k: _digest(v) for k, v in pts.items()},
    }

    def compute() -> dict[str, np.ndarray]:
        import warnings

        import umap

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # umap warns that random_state disables parallelism
            reducer = umap.UMAP(n_neighbors=n_neighbors, min_dist=min_dist, random_state=random_state)
            reducer.fit(Xa[idx])
            out = {"sample": idx, "data_xy": np.asarray(reducer.embedding_, np.float32)}
            for k, v in pts.items():
                flat = v.reshape(-1, v.shape[-1])
                out[f"{k}_xy"] = np.asarray(reducer.transform(flat), np.float32).reshape(*v.shape[:-1], 2)
        return out

    return cache.cached_arrays(cache_name, config, compute)
