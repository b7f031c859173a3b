r"""Is it a kernel? Eigenvalue checks of Gram matrices.

A symmetric :math:`k` is a (Mercer) kernel when every Gram matrix :math:`G_{ij} = k(x_i, x_j)` is
positive semi-definite; in floating point we accept :math:`\lambda_{\min} \ge -\tau\,\lambda_{\max}`
with a small :math:`\tau`. The Yat kernel passes (the Schur product of :math:`(x\cdot y + b)^2` and
:math:`1/(\lVert x - y\rVert^2 + \varepsilon)`); the negative distance :math:`-\lVert x - y\rVert`
(zero trace) and the "sigmoid kernel" :math:`\tanh(a\,x\cdot y + c)` (e.g. :math:`c < 0`) fail.
The browser runs the same Jacobi routine (``jacobiEigenvalues`` in ``yatlib/widgets/linalg.js``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["yat_gram", "neg_distance_gram", "tanh_gram", "CONTRASTS", "spectrum", "RandomCheck", "random_check"]


def _points(X: ArrayLike) -> np.ndarray:
    Xa = np.asarray(X, dtype=np.float64)
    if Xa.ndim != 2 or Xa.shape[0] < 1:
        raise ValueError(f"X must be a non-empty [n, D] array; got shape {Xa.shape}.")
    if not np.isfinite(Xa).all():
        raise ValueError("X contains NaN or infinite values.")
    return Xa


def yat_gram(X: ArrayLike, *, b: float = 0.0, eps: float = 0.1) -> np.ndarray:
    r"""Yat Gram matrix :math:`G_{ij} = (x_i\cdot x_j + b)^2/(\lVert x_i-x_j\rVert^2+\varepsilon)` in float64.

    Parameters
    ----------
    X : array ``[n, D]``
        The points, at least one, all finite.
    b : float, default 0.0
        Numerator bias, :math:`b \ge 0`.
    eps : float, default 0.1
        Denominator floor, :math:`\varepsilon > 0`.

    Returns
    -------
    ndarray ``[n, n]``
        The symmetric Gram matrix, float64.
    """
    if b < 0 or eps <= 0:
        raise ValueError(f"need b >= 0 and eps > 0; got b={b}, eps={eps}.")
    Xa = _points(X)
    dot = Xa @ Xa.T
    n2 = np.diag(dot)
    d2 = np.maximum(n2[:, None] + n2[None, :] - 2 * dot, 0.0)
    return (dot + b) ** 2 / (d2 + eps)


def neg_distance_gram(X: ArrayLike) -> np.ndarray:
    r"""The matrix :math:`-\lVert x_i - x_j\rVert`, which is not positive semi-definite (zero trace).

    Parameters
    ----------
    X : array ``[n, D]``
        The points, at least one, all finite.

    Returns
    -------
    ndarray ``[n, n]``
        Minus the pairwise Euclidean distances, float64 (0 on the diagonal).
    """
    Xa = _points(X)
    dot = Xa @ Xa.T
    n2 = np.diag(dot)
    return -np.sqrt(np.maximum(n2[:, None] + n2[None, :] - 2 * dot, 0.0))


def tanh_gram(X: ArrayLike, *, a: float = 1.0, c: float = -1.0) -> np.ndarray:
    r"""The "sigmoid kernel" matrix :math:`\tanh(a\,x_i\cdot x_j + c)`.

    Parameters
    ----------
    X : array ``[n, D]``
        The points, at least one, all finite.
    a : float, default 1.0
        Scale :math:`a` of the dot product.
    c : float, default -1.0
        Offset :math:`c`; with :math:`c < 0` the matrix is in general not positive semi-definite.

    Returns
    -------
    ndarray ``[n, n]``
        The symmetric matrix, float64, entries in :math:`[-1, 1]`.
    """
    Xa = _points(X)
    return np.tanh(a * (Xa @ Xa.T) + c)


CONTRASTS = {"negdist": neg_distance_gram, "tanh": tanh_gram}
"""Similarities that are not kernels, by name (the same names as in the widget)."""


def spectrum(G: ArrayLike) -> np.ndarray:
    """Eigenvalues of the symmetric matrix ``G``, ascending.

    Parameters
    ----------
    G : array ``[n, n]``
        A square matrix; it is symmetrised, ``(G + G.T) / 2``, before the eigenvalues are computed.

    Returns
    -------
    ndarray ``[n]``
        The real eigenvalues in float64, smallest first (``numpy.linalg.eigvalsh``).
    """
    Ga = np.asarray(G, dtype=np.float64)
    if Ga.ndim != 2 or Ga.shape[0] != Ga.shape[1]:
        raise ValueError(f"G must be square; got shape {Ga.shape}.")
    return np.linalg.eigvalsh(0.5 * (Ga + Ga.T))


@dataclass(frozen=True)
class RandomCheck:
    """Result of :func:`random_check`: the worst ratio :math:`\\lambda_{\\min}/\\lambda_{\\max}` over all draws."""

    draws: int
    worst_ratio_yat: float
    worst_ratio_contrast: float
    contrast_negative_fraction: float

    def __str__(self) -> str:
        return (
            f"{self.draws} random draws: worst λ_min/λ_max {self.worst_ratio_yat:.1e} for the Yat kernel, "
            f"{self.worst_ratio_contrast:.2f} for the contrast (negative in {self.contrast_negative_fraction:.0%} "
            "of the draws)"
        )


def random_check(draws: int = 300, *, seed: int = 0, contrast: str = "negdist") -> RandomCheck:
    r"""Draw random point sets and kernel parameters and record :math:`\lambda_{\min}/\lambda_{\max}`.

    Each draw picks :math:`n \in [2, 60]` points in :math:`D \in [1, 8]` dimensions
    (standard normal, times a random scale in :math:`[0.1, 3]`), :math:`b \in [0, 3]`
    (a quarter of the draws use :math:`b = 0` exactly) and :math:`\varepsilon` log-uniform
    in :math:`[10^{-3}, 10]`. ``contrast_negative_fraction`` is the fraction of draws in
    which the contrast's Gram matrix has :math:`\lambda_{\min} < -10^{-6}\lambda_{\max}`.

    Parameters
    ----------
    draws : int, default 300
        Number of random draws.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``; the same seed repeats the same draws.
    contrast : {"negdist", "tanh"}
        The similarity in :data:`CONTRASTS` to test beside the Yat kernel (``tanh`` with its
        defaults :math:`a = 1, c = -1`).

    Returns
    -------
    RandomCheck
        The number of draws, the worst (smallest) ratio of the smallest eigenvalue to the largest
        absolute eigenvalue, :math:`\lambda_{\min}/\max_i \lvert\lambda_i\rvert`, for the Yat kernel and
        for the contrast, and the fraction of draws in which the contrast's ratio is below :math:`-10^{-6}`.
    """
    if contrast not in CONTRASTS:
        raise ValueError(f"unknown contrast {contrast!r}; choose one of {sorted(CONTRASTS)}.")
    rng = np.random.default_rng(seed)
    worst_y, worst_c, neg = np.inf, np.inf, 0
    for _ in range(int(draws)):
        n = int(rng.integers(2, 61))
        d = int(rng.integers(1, 9))
        X = rng.standard_normal((n, d)) * rng.uniform(0.1, 3.0)
        b = 0.0 if rng.uniform() < 0.25 else float(rng.uniform(0, 3))
        eps = float(10 ** rng.uniform(-3, 1))
        ev = spectrum(yat_gram(X, b=b, eps=eps))
        worst_y = min(worst_y, ev[0] / max(abs(ev[-1]), abs(ev[0])))
        ec = spectrum(CONTRASTS[contrast](X))
        rc = ec[0] / max(abs(ec[-1]), abs(ec[0]))
        worst_c = min(worst_c, rc)
        neg += rc < -1e-6
    return RandomCheck(int(draws), float(worst_y), float(worst_c), int(neg) / int(draws))
