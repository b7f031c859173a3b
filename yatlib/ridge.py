r"""Fit the readout of a kernel layer by ridge least squares.

With the design matrix :math:`\Phi_{iu} = K(x_i, w_u)` and targets :math:`t_i = \pm 1` (class 1 is
:math:`+1`), the readout is

.. math::

    \alpha = \arg\min_\alpha \lVert \Phi\alpha - t\rVert^2 + \lambda\lVert\alpha\rVert^2
           = (\Phi^\top\Phi + \lambda I)^{-1}\Phi^\top t ,

and the classifier predicts :math:`\mathrm{sign}\, f(x)`, :math:`f(x) = \sum_u \alpha_u K(x, w_u)`.
With ``relative=True`` (the default) :math:`\lambda_{\text{eff}} = \lambda\,\mathrm{tr}(\Phi^\top\Phi)/K`,
so :math:`\lambda` means the same whatever the kernel's scale. The browser runs the same solve
(``ridgeSolve`` in ``yatlib/widgets/linalg.js``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import kernels

__all__ = ["design_matrix", "solve", "fit", "predict", "accuracy", "kmeans_ridge"]


def design_matrix(X: ArrayLike, W: ArrayLike, kernel: str = "yat", **params: float) -> np.ndarray:
    r"""The matrix :math:`\Phi_{iu} = K(x_i, w_u)`, shape ``[n, K]``, in float64.

    ``kernel`` is ``"yat"`` (params ``b``, ``eps``) or ``"gaussian"`` (param ``sigma``),
    or any name in :data:`yatlib.kernels.KERNELS`.

    Parameters
    ----------
    X : array ``[n, D]``
        The points.
    W : array ``[K, D]``
        The prototypes.
    kernel : str, default "yat"
        A name in :data:`yatlib.kernels.KERNELS`.
    **params
        The kernel's keyword parameters (e.g. ``b=0.0, eps=0.1`` for ``"yat"``); omitted ones take
        the kernel's defaults.

    Returns
    -------
    ndarray ``[n, K]``
        :math:`\Phi`, in float64 (the kernel itself runs in float64 only when JAX has 64-bit enabled).
    """
    if kernel not in kernels.KERNELS:
        raise ValueError(f"unknown kernel {kernel!r}; choose one of {sorted(kernels.KERNELS)}.")
    Xa = np.asarray(X, dtype=np.float64)
    Wa = np.asarray(W, dtype=np.float64)
    return np.asarray(kernels.KERNELS[kernel](Xa, Wa, **params), dtype=np.float64)


def solve(Phi: ArrayLike, t: ArrayLike, lam: float = 1e-3, *, relative: bool = True) -> np.ndarray:
    r"""Ridge solution :math:`\alpha = (\Phi^\top\Phi + \lambda_{\text{eff}} I)^{-1}\Phi^\top t`.

    Parameters
    ----------
    Phi : array ``[n, K]``
        Design matrix.
    t : array ``[n]``
        Targets (``±1`` for classification).
    lam : float
        Penalty :math:`\lambda \ge 0`.
    relative : bool
        Scale :math:`\lambda` by :math:`\mathrm{tr}(\Phi^\top\Phi)/K`.

    Returns
    -------
    numpy.ndarray
        :math:`\alpha`, shape ``[K]``. All zeros when :math:`\Phi = 0` (no prototype
        responds to any point).
    """
    P = np.asarray(Phi, dtype=np.float64)
    tt = np.asarray(t, dtype=np.float64).reshape(-1)
    if P.ndim != 2 or P.shape[1] == 0:
        raise ValueError(f"Phi must be a [n, K] matrix with K >= 1; got shape {P.shape}.")
    if P.shape[0] != tt.shape[0]:
        raise ValueError(f"Phi has {P.shape[0]} rows but t has {tt.shape[0]} entries.")
    if lam < 0 or not np.isfinite(lam):
        raise ValueError(f"lam must be a finite value >= 0; got {lam}.")
    G = P.T @ P
    scale = np.trace(G) / G.shape[0] if relative else 1.0
    if scale == 0:
        return np.zeros(G.shape[0])
    A = G + lam * scale * np.eye(G.shape[0])
    return np.linalg.solve(A, P.T @ tt)


def fit(
    X: ArrayLike,
    y: ArrayLike,
    W: ArrayLike,
    kernel: str = "yat",
    *,
    lam: float = 1e-3,
    relative: bool = True,
    **params: float,
) -> np.ndarray:
    r"""Readout :math:`\alpha` for prototypes ``W`` on labelled points
    (``y`` in {0, 1} mapped to :math:`t = 2y - 1`).

    Parameters
    ----------
    X : array ``[n, D]``
        The points.
    y : array ``[n]``
        Their classes, 0 or 1.
    W : array ``[K, D]``
        The prototypes.
    kernel : str, default "yat"
        A name in :data:`yatlib.kernels.KERNELS`.
    lam : float, default 1e-3
        Penalty :math:`\lambda \ge 0`.
    relative : bool, default True
        Scale :math:`\lambda` by :math:`\mathrm{tr}(\Phi^\top\Phi)/K` (see :func:`solve`).
    **params
        The kernel's keyword parameters (e.g. ``b``, ``eps`` for ``"yat"``).

    Returns
    -------
    ndarray ``[K]``
        :math:`\alpha`, one weight per prototype.
    """
    t = 2.0 * np.asarray(y, dtype=np.float64) - 1.0
    return solve(design_matrix(X, W, kernel, **params), t, lam, relative=relative)


def predict(X: ArrayLike, W: ArrayLike, alpha: ArrayLike, kernel: str = "yat", **params: float) -> np.ndarray:
    r"""The field :math:`f(x) = \sum_u \alpha_u K(x, w_u)`, shape ``[n]``.

    Parameters
    ----------
    X : array ``[n, D]``
        The points to evaluate at.
    W : array ``[K, D]``
        The prototypes.
    alpha : array ``[K]``
        The readout, e.g. from :func:`fit`.
    kernel : str, default "yat"
        A name in :data:`yatlib.kernels.KERNELS`; use the kernel and ``params`` the readout was fitted with.
    **params
        The kernel's keyword parameters.

    Returns
    -------
    ndarray ``[n]``
        :math:`f(x)` in float64; its sign is the predicted class (positive: class 1).
    """
    return design_matrix(X, W, kernel, **params) @ np.asarray(alpha, dtype=np.float64)


def accuracy(f: ArrayLike, y: ArrayLike) -> float:
    r"""Fraction of points with :math:`\mathrm{sign}\, f = 2y - 1`; a point with :math:`f = 0` counts as wrong.

    Parameters
    ----------
    f : array ``[n]``
        The field at the points, e.g. from :func:`predict`.
    y : array ``[n]``
        Their classes, 0 or 1.

    Returns
    -------
    float
        The accuracy, in [0, 1].
    """
    fa = np.asarray(f, dtype=np.float64)
    t = 2 * np.asarray(y) - 1
    return float(np.mean(np.sign(fa) == t))


def kmeans_ridge(
    X: ArrayLike,
    y: ArrayLike,
    per_class: int,
    kernel: str = "yat",
    *,
    lam: float = 1e-3,
    seed: int = 0,
    **params: float,
) -> tuple[np.ndarray, np.ndarray, float]:
    r"""Prototypes by k-means within each class, then the ridge readout.

    Returns ``(W [2*per_class, 2], alpha, train accuracy)``.

    Parameters
    ----------
    X : array ``[n, D]``
        The training points (2-D in the book's toy problems).
    y : array ``[n]``
        Their classes, 0 or 1.
    per_class : int
        k-means clusters per class; each class needs at least this many points.
    kernel : str, default "yat"
        A name in :data:`yatlib.kernels.KERNELS`.
    lam : float, default 1e-3
        Penalty :math:`\lambda \ge 0`, relative to :math:`\mathrm{tr}(\Phi^\top\Phi)/K`.
    seed : int, default 0
        Seed of k-means (``random_state``).
    **params
        The kernel's keyword parameters.

    Returns
    -------
    W : ndarray ``[2 * per_class, D]``
        The centroids in float64, class 0's first, each class's largest cluster first.
    alpha : ndarray ``[2 * per_class]``
        The ridge readout.
    accuracy : float
        The accuracy on the training points, in [0, 1].
    """
    from .prototypes import kmeans_prototypes

    W, _ = kmeans_prototypes(np.asarray(X), np.asarray(y), per_class, max_per_class=None, random_state=seed)
    alpha = fit(X, y, W, kernel, lam=lam, relative=True, **params)
    acc = accuracy(predict(X, W, alpha, kernel, **params), y)
    return W.astype(np.float64), alpha, acc
