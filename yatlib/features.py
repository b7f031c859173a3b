r"""The exact, finite feature map of the Yat numerator, and the lift it makes possible.

The numerator of the Yat unit is a degree-2 polynomial kernel. Expanding the square,

.. math::

    (x\cdot w + b)^2 = \sum_i x_i^2 w_i^2 + 2\sum_{i<j} x_i x_j\, w_i w_j
                       + 2b \sum_i x_i w_i + b^2 ,

so with :math:`b \ge 0` the map

.. math::

    \varphi_b(x) = \big(x_1^2, \dots, x_d^2,\ \sqrt 2\, x_i x_j\ (i<j),\
                   \sqrt{2b}\, x_1, \dots, \sqrt{2b}\, x_d,\ b\big)

has :math:`d + d(d-1)/2 + d + 1 = (d+1)(d+2)/2` coordinates and satisfies
:math:`(x\cdot w + b)^2 = \varphi_b(x)\cdot\varphi_b(w)` exactly.
A plane :math:`\theta\cdot\varphi(x) = 0` in that space is a conic in the input
space (a circle, an ellipse, a hyperbola or a pair of lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["n_features", "feature_map", "feature_names", "QuadraticSeparator", "fit_plane", "conic_curve", "lift_figure"]


def n_features(d: int) -> int:
    r"""Length of :math:`\varphi_b` for inputs of dimension ``d``: :math:`(d+1)(d+2)/2`."""
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
    r"""The degree-2 feature map :math:`\varphi_b(x)`, shape ``[N, (d+1)(d+2)/2]`` (float64).

    Parameters
    ----------
    x : array ``[N, d]`` or ``[d]``
        Inputs (or prototypes: the same map is applied to both sides).
    b : float, default 1.0
        The numerator bias, :math:`b \ge 0`.

    Returns
    -------
    numpy.ndarray
        Rows :math:`\varphi_b(x_n)` with :math:`\varphi_b(x)\cdot\varphi_b(w) = (x\cdot w + b)^2`.
    """
    if not np.isfinite(b) or b < 0:
        raise ValueError(f"b must be a finite value >= 0 (the map uses sqrt(2b)); got {b}.")
    a = _rows(x)
    d = a.shape[1]
    iu, ju = np.triu_indices(d, k=1)
    parts = [a * a, np.sqrt(2.0) * a[:, iu] * a[:, ju], np.sqrt(2.0 * b) * a, np.full((len(a), 1), float(b))]
    return np.concatenate(parts, axis=1)


def feature_names(d: int) -> list[str]:
    """Readable names of the coordinates of :func:`feature_map`, e.g. ``x1²``, ``√2·x1x2``, ``√(2b)·x1``, ``b``."""
    n_features(d)
    names = [f"x{i + 1}²" for i in range(d)]
    names += [f"√2·x{i + 1}x{j + 1}" for i, j in zip(*np.triu_indices(d, k=1))]
    names += [f"√(2b)·x{i + 1}" for i in range(d)]
    return names + ["b"]


@dataclass
class QuadraticSeparator:
    r"""A plane :math:`s(x) = \theta\cdot\varphi_1(x)` fitted in feature space.

    Attributes
    ----------
    theta : numpy.ndarray
        Plane coefficients, one per feature of :math:`\varphi_1` (the last one is the offset).
    d : int
        Input dimension.
    """

    theta: np.ndarray
    d: int

    def score(self, x: ArrayLike) -> np.ndarray:
        r"""The quadratic score :math:`s(x) = \theta\cdot\varphi_1(x)`, shape ``[N]``; its sign is the class."""
        a = _rows(x)
        if a.shape[1] != self.d:
            raise ValueError(f"x must have {self.d} features; got {a.shape[1]}.")
        return feature_map(a, 1.0) @ self.theta

    def predict(self, x: ArrayLike) -> np.ndarray:
        """Class 1 where the score is positive, class 0 elsewhere."""
        return (self.score(x) > 0).astype(np.int32)

    def accuracy(self, x: ArrayLike, y: ArrayLike) -> float:
        """Fraction of points on the correct side of the conic."""
        return float((self.predict(x) == np.asarray(y)).mean())


def fit_plane(x: ArrayLike, y: ArrayLike, *, ridge: float = 1e-6) -> QuadraticSeparator:
    r"""Least-squares plane in feature space for labels :math:`y \in \{0, 1\}`.

    Solves :math:`\min_\theta \lVert \Phi\theta - t\rVert^2 + \lambda\lVert\theta\rVert^2` with
    :math:`\Phi_n = \varphi_1(x_n)` and targets :math:`t_n = 2y_n - 1`, by the normal equations.
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
    """
    if sep.d != 2:
        raise ValueError("conic_curve draws 2-D separators only.")
    import contourpy

    g = np.linspace(lo, hi, n)
    gx, gy = np.meshgrid(g, g)
    s = sep.score(np.c_[gx.ravel(), gy.ravel()]).reshape(n, n)
    lines = contourpy.contour_generator(gx, gy, s).lines(0.0)
    return [np.asarray(seg) for seg in lines if len(seg) > 1]


def lift_figure(datasets: dict[str, tuple[np.ndarray, np.ndarray]], lifts: Sequence[float] | None = None,
                lim: float = 2.0, surface_n: int = 25) -> tuple[Any, dict[str, float]]:
    r"""The 3-D lifting picture: points raised to height :math:`t\,s(x)/\max|s|`, the plane :math:`z = 0`,
    and the conic :math:`s(x) = 0` on the floor.

    A plane is fitted with :func:`fit_plane` for each data set. The lift amount :math:`t \in [0, 1]` is a
    slider (precomputed steps), the data set a button row; both work without a kernel.

    Returns
    -------
    (plotly.graph_objects.Figure, dict)
        The figure and the training accuracy of each data set's plane.
    """
    import plotly.graph_objects as go

    if not datasets:
        raise ValueError("no data sets given.")
    lifts = list(np.linspace(0, 1, 11) if lifts is None else lifts)
    floor = -1.25
    g = np.linspace(-lim, lim, surface_n)
    gx, gy = np.meshgrid(g, g)
    fig = go.Figure()
    acc: dict[str, float] = {}
    lifted: list[tuple[int, np.ndarray, str]] = []  # (trace index, unit-height z, kind)
    names = list(datasets)
    per = 5
    for k, name in enumerate(names):
        X, y = datasets[name]
        sep = fit_plane(X, y)
        acc[name] = sep.accuracy(X, y)
        s = sep.score(X)
        scale = float(np.abs(s).max()) or 1.0
        z_pts = s / scale
        z_surf = np.clip(sep.score(np.c_[gx.ravel(), gy.ravel()]).reshape(gx.shape) / scale, -1.2, 1.2)
        show = k == 0
        for cls, colour in ((0, "#2c6fbb"), (1, "#e07b00")):
            m = np.asarray(y) == cls
            fig.add_trace(go.Scatter3d(x=X[m, 0], y=X[m, 1], z=0 * z_pts[m], mode="markers", visible=show,
                                       marker=dict(size=2.5, color=colour), name=f"{name}: class {cls}"))
            lifted.append((len(fig.data) - 1, z_pts[m], "points"))
        fig.add_trace(go.Surface(x=g, y=g, z=0 * z_surf, opacity=0.25, showscale=False, visible=show,
                                 colorscale=[[0, "#2c6fbb"], [1, "#e07b00"]], cmin=-1, cmax=1,
                                 surfacecolor=z_surf, name=f"{name}: score sheet", hoverinfo="skip"))
        lifted.append((len(fig.data) - 1, z_surf, "surface"))
        xs, ys = [], []
        for seg in conic_curve(sep, -lim, lim):
            xs += seg[:, 0].tolist() + [None]
            ys += seg[:, 1].tolist() + [None]
        for z0, label in ((floor, "conic s(x) = 0 on the floor"), (0.0, "where the plane cuts the sheet")):
            fig.add_trace(go.Scatter3d(x=xs, y=ys, z=[None if v is None else z0 for v in xs], mode="lines",
                                       visible=show, line=dict(color="black", width=4 if z0 == floor else 2),
                                       name=f"{name}: {label}"))
    fig.add_trace(go.Surface(x=[-lim, lim], y=[-lim, lim], z=[[0, 0], [0, 0]], opacity=0.35, showscale=False,
                             colorscale=[[0, "#888"], [1, "#888"]], name="the flat plane z = 0", hoverinfo="skip"))
    n_tr = len(fig.data)
    idx = [i for i, _, _ in lifted]
    steps = []
    for t in lifts:
        zs = [np.round(t * z, 3).tolist() for _, z, _ in lifted]
        steps.append(dict(method="restyle", label=f"{t:.1f}", args=[{"z": zs}, idx]))
    buttons = []
    for k, name in enumerate(names):
        vis = [(k * per <= i < (k + 1) * per) or i == n_tr - 1 for i in range(n_tr)]
        buttons.append(dict(method="update", label=name, args=[{"visible": vis},
                            {"title.text": f"{name}: the plane in feature space classifies {acc[name]:.1%} of the points"}]))
    fig.update_layout(
        title=dict(text=f"{names[0]}: the plane in feature space classifies {acc[names[0]]:.1%} of the points",
                   x=0.3, xanchor="left", font=dict(size=13)),
        height=620, margin=dict(l=0, r=0, t=70, b=0), showlegend=False,
        scene=dict(xaxis_title="x₁", yaxis_title="x₂", zaxis_title="lift × quadratic score",
                   zaxis=dict(range=[floor - 0.05, 1.25]), aspectmode="manual", aspectratio=dict(x=1, y=1, z=0.7)),
        sliders=[dict(active=0, steps=steps, currentvalue=dict(prefix="lift amount: "), pad=dict(t=10))],
        updatemenus=[dict(type="buttons", direction="right", buttons=buttons, x=0, y=1.1, xanchor="left", yanchor="top",
                          showactive=True)])
    return fig, acc
