r"""The exact, finite feature map of the Yat numerator, and the lift it makes possible.

The numerator of the Yat unit is a degree-2 polynomial kernel; with :math:`b \ge 0` the map

.. math::

    \psi_b(x) = \big(x_1^2, \dots, x_d^2,\ \sqrt 2\, x_i x_j\ (i<j),\
                   \sqrt{2b}\, x_1, \dots, \sqrt{2b}\, x_d,\ b\big)

has :math:`(d+1)(d+2)/2` coordinates and satisfies :math:`(x\cdot w + b)^2 = \psi_b(x)\cdot\psi_b(w)`
exactly. A plane :math:`\omega\cdot\psi_b(x) = 0` in that space is a conic in the input space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "n_features",
    "feature_map",
    "feature_names",
    "QuadraticSeparator",
    "fit_plane",
    "conic_curve",
    "LiftView",
    "lift_views",
]


def n_features(d: int) -> int:
    r"""Length of :math:`\psi_b` for inputs of dimension ``d``: :math:`(d+1)(d+2)/2`.

    Parameters
    ----------
    d : int
        Input dimension (at least 1).

    Returns
    -------
    int
        :math:`d` squares, :math:`d(d-1)/2` cross terms, :math:`d` linear terms and one constant.
    """
    if not isinstance(d, (int, np.integer)) or d < 1:
        raise ValueError(f"d must be a positive integer; got {d!r}.")
    return (d + 1) * (d + 2) // 2


def _rows(x: ArrayLike) -> np.ndarray:
    a = np.asarray(x, dtype=np.float64)
    if a.ndim == 1:
        a = a[None, :]
    if a.ndim != 2 or a.shape[0] == 0 or a.shape[1] == 0:
        raise ValueError(f"x must be a non-empty [N, d] array (or one vector of length d); got shape {a.shape}.")
    if not np.isfinite(a).all():
        raise ValueError("x contains NaN or infinite values.")
    return a


def feature_map(x: ArrayLike, b: float = 1.0) -> np.ndarray:
    r"""The degree-2 feature map :math:`\psi_b(x)`, shape ``[N, (d+1)(d+2)/2]`` (float64).

    Parameters
    ----------
    x : array ``[N, d]`` or ``[d]``
        Inputs (or prototypes: the same map is applied to both sides).
    b : float, default 1.0
        The numerator bias, :math:`b \ge 0`.

    Returns
    -------
    numpy.ndarray
        Rows :math:`\psi_b(x_i)` with :math:`\psi_b(x)\cdot\psi_b(w) = (x\cdot w + b)^2`.
    """
    if not np.isfinite(b) or b < 0:
        raise ValueError(f"b must be a finite value >= 0 (the map uses sqrt(2b)); got {b}.")
    a = _rows(x)
    d = a.shape[1]
    iu, ju = np.triu_indices(d, k=1)
    parts = [a * a, np.sqrt(2.0) * a[:, iu] * a[:, ju], np.sqrt(2.0 * b) * a, np.full((len(a), 1), float(b))]
    return np.concatenate(parts, axis=1)


def feature_names(d: int) -> list[str]:
    """Readable names of the coordinates of :func:`feature_map`, e.g. ``x1²``, ``√2·x1x2``, ``√(2b)·x1``, ``b``.

    Parameters
    ----------
    d : int
        Input dimension (at least 1).

    Returns
    -------
    list of str
        :func:`n_features` names, in the order of the columns of :func:`feature_map`.
    """
    n_features(d)
    names = [f"x{i + 1}²" for i in range(d)]
    names += [f"√2·x{i + 1}x{j + 1}" for i, j in zip(*np.triu_indices(d, k=1))]
    names += [f"√(2b)·x{i + 1}" for i in range(d)]
    return names + ["b"]


@dataclass
class QuadraticSeparator:
    r"""A plane :math:`f(x) = \omega\cdot\psi_1(x)` fitted in feature space.

    Attributes
    ----------
    theta : numpy.ndarray
        Plane coefficients :math:`\omega`, one per feature of :math:`\psi_1` (the last one is the offset).
    d : int
        Input dimension.
    """

    theta: np.ndarray
    d: int

    def score(self, x: ArrayLike) -> np.ndarray:
        r"""The quadratic score :math:`f(x) = \omega\cdot\psi_1(x)`, shape ``[N]``; its sign is the class.

        Parameters
        ----------
        x : array ``[N, d]`` or ``[d]``
            Points, with the separator's input dimension ``d``.

        Returns
        -------
        numpy.ndarray ``[N]``
            The scores: positive on the class-1 side of the conic, negative on the class-0 side.
        """
        a = _rows(x)
        if a.shape[1] != self.d:
            raise ValueError(f"x must have {self.d} features; got {a.shape[1]}.")
        return feature_map(a, 1.0) @ self.theta

    def predict(self, x: ArrayLike) -> np.ndarray:
        """Class 1 where the score is positive, class 0 elsewhere.

        Parameters
        ----------
        x : array ``[N, d]`` or ``[d]``
            Points, with the separator's input dimension ``d``.

        Returns
        -------
        numpy.ndarray of int32 ``[N]``
            The predicted classes, 0 or 1.
        """
        return (self.score(x) > 0).astype(np.int32)

    def accuracy(self, x: ArrayLike, y: ArrayLike) -> float:
        """Fraction of points on the correct side of the conic.

        Parameters
        ----------
        x : array ``[N, d]`` or ``[d]``
            Points.
        y : array ``[N]``
            Their labels, 0 or 1.

        Returns
        -------
        float
            The accuracy, in ``[0, 1]``.
        """
        return float((self.predict(x) == np.asarray(y)).mean())


def fit_plane(x: ArrayLike, y: ArrayLike, *, ridge: float = 1e-6) -> QuadraticSeparator:
    r"""Least-squares plane in feature space for labels :math:`y \in \{0, 1\}`.

    Solves :math:`\min_\theta \lVert \Phi\theta - t\rVert^2 + \lambda\lVert\theta\rVert^2` with
    :math:`\Phi_n = \varphi_1(x_n)` and targets :math:`t_n = 2y_n - 1`, by the normal equations.

    Parameters
    ----------
    x : array ``[N, d]``
        Points (finite).
    y : array ``[N]``
        Their labels, 0 or 1.
    ridge : float, default 1e-6
        :math:`\lambda \ge 0`; the small default only keeps the normal equations solvable.

    Returns
    -------
    QuadraticSeparator
        The plane :math:`\theta`, with :math:`b = 1` in the feature map.
    """
    a = _rows(x)
    lab = np.asarray(y)
    if lab.shape != (len(a),):
        raise ValueError(f"y must have shape [{len(a)}]; got {lab.shape}.")
    if not set(np.unique(lab).tolist()) <= {0, 1}:
        raise ValueError("y must hold binary labels 0 and 1.")
    if ridge < 0:
        raise ValueError(f"ridge must be >= 0; got {ridge}.")
    phi = feature_map(a, 1.0)
    t = 2.0 * lab - 1.0
    theta = np.linalg.solve(phi.T @ phi + ridge * np.eye(phi.shape[1]), phi.T @ t)
    return QuadraticSeparator(theta=theta, d=a.shape[1])


def conic_curve(sep: QuadraticSeparator, lo: float, hi: float, n: int = 200) -> list[np.ndarray]:
    r"""The curve :math:`s(x) = 0` inside the square ``[lo, hi]²``, as a list of ``[M, 2]`` polylines.

    Traced by marching squares (``contourpy``) on an ``n × n`` grid of the score.

    Parameters
    ----------
    sep : QuadraticSeparator
        A separator of 2-D points (``sep.d == 2``).
    lo, hi : float
        The square's bounds along both axes.
    n : int, default 200
        Grid points per side; more gives a smoother curve.

    Returns
    -------
    list of numpy.ndarray
        Polylines ``[M, 2]`` of points :math:`(x_1, x_2)`, one per piece of the curve (none when the
        conic misses the square).
    """
    if sep.d != 2:
        raise ValueError("conic_curve draws 2-D separators only.")
    import contourpy

    g = np.linspace(lo, hi, n)
    gx, gy = np.meshgrid(g, g)
    s = sep.score(np.c_[gx.ravel(), gy.ravel()]).reshape(n, n)
    lines = contourpy.contour_generator(gx, gy, s).lines(0.0)
    return [np.asarray(seg) for seg in lines if len(seg) > 1]


@dataclass
class LiftView:
    r"""One data set lifted by its plane in feature space (Figure F10).

    Attributes
    ----------
    name : str
        The data set.
    X : numpy.ndarray
        Points ``[N, 2]``.
    y : numpy.ndarray
        Labels ``[N]`` (0 or 1).
    height : numpy.ndarray
        Each point's score at full lift, :math:`f(x)/\max_i|f(x_i)|` ``[N]``; at lift :math:`t` it
        sits at :math:`t` times this.
    grid : numpy.ndarray
        The coordinates ``[n]`` of the score sheet along each axis.
    sheet : numpy.ndarray
        The score sheet at full lift over ``grid × grid`` (rows along :math:`x_2`), clipped to ±1.2.
    conic : list of numpy.ndarray
        The curve :math:`f(x) = 0` as ``[M, 2]`` polylines (:func:`conic_curve`).
    accuracy : float
        Training accuracy of the plane.
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    height: np.ndarray
    grid: np.ndarray
    sheet: np.ndarray
    conic: list[np.ndarray]
    accuracy: float


def lift_views(
    datasets: dict[str, tuple[np.ndarray, np.ndarray]], lim: float = 2.0, surface_n: int = 25
) -> tuple[list[LiftView], dict[str, float]]:
    r"""The lifting picture of each data set: points raised to :math:`t\,s(x)/\max|s|`, the score
    sheet, and the conic :math:`s(x) = 0`, with a plane fitted by :func:`fit_plane`.

    Parameters
    ----------
    datasets : dict of str to (X, y)
        Data sets by name: points ``[N, 2]`` and labels ``[N]`` (0 or 1); at least one.
    lim : float, default 2.0
        The sheet and the conic cover ``[-lim, lim]²`` (:math:`\mathrm{lim} > 0`).
    surface_n : int, default 25
        Points per side of the score sheet (at least 2).

    Returns
    -------
    (list of LiftView, dict)
        One view per data set, and the training accuracy of each data set's plane.
    """
    if not datasets:
        raise ValueError("datasets is empty: give at least one {name: (X, y)}.")
    if surface_n < 2 or lim <= 0:
        raise ValueError(f"need surface_n >= 2 and lim > 0; got surface_n={surface_n}, lim={lim}.")
    g = np.linspace(-lim, lim, surface_n)
    gx, gy = np.meshgrid(g, g)
    views = []
    for name, (X, y) in datasets.items():
        sep = fit_plane(X, y)
        s = sep.score(X)
        scale = float(np.abs(s).max()) or 1.0
        sheet = np.clip(sep.score(np.c_[gx.ravel(), gy.ravel()]).reshape(gx.shape) / scale, -1.2, 1.2)
        views.append(
            LiftView(
                name=name,
                X=np.asarray(X, np.float64),
                y=np.asarray(y).astype(int),
                height=s / scale,
                grid=g,
                sheet=sheet,
                conic=conic_curve(sep, -lim, lim),
                accuracy=sep.accuracy(X, y),
            )
        )
    return views, {v.name: v.accuracy for v in views}
