r"""The privileged basis: what a rotation of the hidden layer changes.

Take a two-layer network :math:`y = W_2\,\sigma(W_1 x + c_1) + c_2` and insert an
orthogonal matrix :math:`Q` (:math:`Q^\top Q = I`) after the first layer, undoing
it before the second:

.. math::

    y_Q = W_2 Q^\top \sigma(Q(W_1 x + c_1)) + c_2 .

* Linear (:math:`\sigma = \mathrm{id}`): :math:`Q^\top Q = I`, so :math:`y_Q = y` for every
  :math:`Q`. No hidden coordinate is special.
* ReLU: :math:`\sigma` acts on each coordinate, so :math:`\sigma(Qh) \ne Q\sigma(h)` and
  :math:`y_Q \ne y`. The coordinate axes (the neurons) are privileged.
* Yat layer: :math:`\phi_u(x) = (w_u\cdot x + b)^2/(\lVert x-w_u\rVert^2+\varepsilon)` depends
  on :math:`x` and :math:`w_u` only through a dot product and a distance, so rotating the
  data and the prototypes together, :math:`x \mapsto Rx`, :math:`w_u \mapsto Rw_u`, leaves
  every activation unchanged: the prototypes are points that rotate with the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["TwoLayerNet", "random_net", "givens_rotation", "haar_orthogonal", "rotation_2d",
           "forward", "yat_activations", "relative_change"]


@dataclass(frozen=True)
class TwoLayerNet:
    """Weights of :math:`y = W_2\\,\\sigma(W_1 x + c_1) + c_2` (``W1 [H, D]``, ``c1 [H]``, ``W2 [O, H]``, ``c2 [O]``)."""

    W1: np.ndarray
    c1: np.ndarray
    W2: np.ndarray
    c2: np.ndarray


def random_net(in_features: int = 2, hidden: int = 8, out_features: int = 1, *, seed: int = 0) -> TwoLayerNet:
    """A network with standard normal weights scaled by :math:`1/\\sqrt{\\text{fan-in}}`."""
    rng = np.random.default_rng(seed)
    return TwoLayerNet(rng.standard_normal((hidden, in_features)) / np.sqrt(in_features),
                       0.5 * rng.standard_normal(hidden),
                       rng.standard_normal((out_features, hidden)) / np.sqrt(hidden),
                       np.zeros(out_features))


def givens_rotation(hidden: int, theta: float) -> np.ndarray:
    r"""Orthogonal :math:`Q(\theta)`: a rotation by :math:`\theta` in each coordinate plane (0, 1), (2, 3), ...

    :math:`Q(0) = I`; an odd last coordinate is left alone.
    """
    Q = np.eye(hidden)
    c, s = np.cos(theta), np.sin(theta)
    for i in range(0, hidden - 1, 2):
        Q[i:i + 2, i:i + 2] = [[c, -s], [s, c]]
    return Q


def haar_orthogonal(n: int, *, seed: int = 0) -> np.ndarray:
    """A random orthogonal matrix (QR of a Gaussian matrix with the sign fix, Haar distributed)."""
    rng = np.random.default_rng(seed)
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def rotation_2d(theta: float) -> np.ndarray:
    r"""The plane rotation :math:`R(\theta) = \begin{pmatrix}\cos\theta & -\sin\theta\\ \sin\theta & \cos\theta\end{pmatrix}`."""
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def forward(net: TwoLayerNet, X: ArrayLike, *, activation: str = "linear", Q: ArrayLike | None = None) -> np.ndarray:
    r"""Output :math:`W_2 Q^\top \sigma(Q(W_1 x + c_1)) + c_2` for each row of ``X``, shape ``[n, O]``.

    ``activation`` is ``"linear"`` or ``"relu"``; ``Q = None`` means the identity.
    """
    if activation not in ("linear", "relu"):
        raise ValueError(f"activation must be 'linear' or 'relu'; got {activation!r}.")
    Xa = np.asarray(X, dtype=np.float64)
    H = net.W1.shape[0]
    Qa = np.eye(H) if Q is None else np.asarray(Q, dtype=np.float64)
    if Qa.shape != (H, H):
        raise ValueError(f"Q must be [{H}, {H}]; got {Qa.shape}.")
    h = (Xa @ net.W1.T + net.c1) @ Qa.T
    if activation == "relu":
        h = np.maximum(h, 0.0)
    return (h @ Qa) @ net.W2.T + net.c2


def yat_activations(X: ArrayLike, W: ArrayLike, *, b: float = 1.0, eps: float = 0.1,
                    R: ArrayLike | None = None) -> np.ndarray:
    r"""Yat activations :math:`\phi_u(Rx)` with prototypes :math:`Rw_u` (``R = None``: no rotation), ``[n, K]``."""
    Xa = np.asarray(X, dtype=np.float64)
    Wa = np.asarray(W, dtype=np.float64)
    if R is not None:
        Ra = np.asarray(R, dtype=np.float64)
        Xa, Wa = Xa @ Ra.T, Wa @ Ra.T
    dot = Xa @ Wa.T
    d2 = np.maximum((Xa ** 2).sum(1)[:, None] + (Wa ** 2).sum(1)[None, :] - 2 * dot, 0.0)
    return (dot + b) ** 2 / (d2 + eps)


def relative_change(a: ArrayLike, b: ArrayLike) -> float:
    r""":math:`\max|a - b| / \max|a|`, the change of an output relative to its size."""
    aa, bb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(aa - bb)) / max(np.max(np.abs(aa)), 1e-300))


def privileged_basis_figure(*, hidden: int = 8, seed: int = 0, steps: int = 13, grid: int = 41,
                            lim: float = 2.0, b: float = 1.0, eps: float = 0.3):
    r"""Figure F13 (plotly, one slider step per angle :math:`\theta \in [0, \pi]`).

    Left: the linear network's output :math:`y_Q(x)` with :math:`Q = Q(\theta)` from
    :func:`givens_rotation`. Middle: the same for the ReLU network. Right: a Yat layer
    (six prototypes, readout :math:`\pm 1`) with the data and the prototypes rotated by
    :math:`R(\theta)`. The title of each step gives the relative change of each output
    (:func:`relative_change`) against :math:`\theta = 0`; for the Yat layer it is the
    change of the activations :math:`\phi_u(Rx_i)` with prototypes :math:`Rw_u`.

    Returns ``(figure, table)`` where ``table`` lists ``(theta, linear, relu, yat)`` changes.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from . import toy

    net = random_net(2, hidden, 1, seed=seed)
    g = np.linspace(-lim, lim, grid)
    G = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    X, yl = toy.make("moons", 80, seed=seed)
    X = X.astype(np.float64)
    W = np.array([[-0.8, 0.5], [0.0, 0.9], [0.8, 0.4], [0.2, -0.4], [1.0, -0.3], [1.5, 0.0]])
    a = np.array([-1, -1, -1, 1, 1, 1], dtype=np.float64)
    base_lin, base_relu = forward(net, G), forward(net, G, activation="relu")
    base_act = yat_activations(X, W, b=b, eps=eps)
    thetas = np.linspace(0, np.pi, steps)
    fig = make_subplots(1, 3, subplot_titles=("linear: Q in, Q undone", "ReLU: Q in, Q undone",
                                              "Yat: data, prototypes rotated"),
                        horizontal_spacing=0.06)
    lo_l, hi_l = float(base_lin.min()), float(base_lin.max())
    lo_r, hi_r = float(base_relu.min()), float(base_relu.max())
    states, table = [], []
    for th in thetas:
        Q, R = givens_rotation(hidden, th), rotation_2d(th)
        lin, relu = forward(net, G, Q=Q), forward(net, G, activation="relu", Q=Q)
        field = yat_activations(G, W @ R.T, b=b, eps=eps) @ a
        act = yat_activations(X, W, b=b, eps=eps, R=R)
        row = (float(np.degrees(th)), relative_change(base_lin, lin), relative_change(base_relu, relu),
               relative_change(base_act, act))
        table.append(row)
        states.append((lin.reshape(grid, grid).round(3), relu.reshape(grid, grid).round(3),
                       np.tanh(field / 20).reshape(grid, grid).round(3), X @ R.T, W @ R.T, row))
    def _cbar(col: int, title: str = "y") -> dict:
        dom = fig.layout[f"xaxis{'' if col == 0 else col + 1}"].domain
        return dict(orientation="h", x=(dom[0] + dom[1]) / 2, xanchor="center", y=-0.2, yanchor="top",
                    len=(dom[1] - dom[0]), thickness=10, title=dict(text=title, side="top"))

    s0 = states[0]
    fig.add_trace(go.Heatmap(x=g, y=g, z=s0[0], zmin=lo_l, zmax=hi_l, colorscale="RdBu_r",
                             colorbar=_cbar(0), name="linear"), 1, 1)
    fig.add_trace(go.Heatmap(x=g, y=g, z=s0[1], zmin=lo_r, zmax=hi_r, colorscale="RdBu_r",
                             colorbar=_cbar(1), name="ReLU"), 1, 2)
    fig.add_trace(go.Heatmap(x=g, y=g, z=s0[2], zmin=-1, zmax=1, colorscale="RdBu_r",
                             colorbar=_cbar(2, "tanh(f/20)"), name="Yat field"), 1, 3)
    fig.add_trace(go.Scatter(x=s0[3][:, 0], y=s0[3][:, 1], mode="markers", name="data",
                             marker=dict(size=5, color=yl, colorscale=[[0, "#3a6ea5"], [1, "#d9822b"]],
                                         line=dict(width=0.5, color="white"))), 1, 3)
    fig.add_trace(go.Scatter(x=s0[4][:, 0], y=s0[4][:, 1], mode="markers", name="prototypes",
                             marker=dict(size=11, symbol="diamond", color="black", line=dict(width=1, color="white"))), 1, 3)

    def title(row):
        return (f"θ = {row[0]:.0f}°: relative change of the output, linear {row[1]:.1e}, "
                f"ReLU {row[2]:.2f}; Yat activations {row[3]:.1e}")

    steps_ = []
    for st in states:
        steps_.append(dict(method="update", label=f"{st[5][0]:.0f}°",
                           args=[{"z": [st[0], st[1], st[2], None, None],
                                  "x": [g, g, g, st[3][:, 0].round(3), st[4][:, 0].round(3)],
                                  "y": [g, g, g, st[3][:, 1].round(3), st[4][:, 1].round(3)]},
                                 {"title.text": title(st[5])}]))
    fig.update_layout(height=480, margin=dict(t=90, b=10, l=50, r=20), showlegend=False, title=dict(text=title(table[0]), font=dict(size=13)),
                      sliders=[dict(active=0, steps=steps_, currentvalue=dict(prefix="rotation angle θ = "), y=-0.42, pad=dict(t=10))])
    for c in (1, 2, 3):
        fig.update_xaxes(title_text="x₁", range=[-lim, lim], row=1, col=c)
        fig.update_yaxes(title_text="x₂" if c == 1 else None, range=[-lim, lim], row=1, col=c)
    return fig, table
