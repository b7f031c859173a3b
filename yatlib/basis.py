r"""The privileged basis: what a rotation of the hidden layer changes.

Inserting an orthogonal :math:`Q` after the first layer of
:math:`f(x) = \Omega_2\, g(\Omega_1 x + \beta_1) + \beta_2`, and undoing it before the second:

.. math::

    f_Q(x) = \Omega_2 Q^\top g(Q(\Omega_1 x + \beta_1)) + \beta_2 .

Linear :math:`g`: :math:`f_Q = f` for every :math:`Q`. ReLU: :math:`g(Qh) \ne Q g(h)`, so the
neurons are privileged. Yat: :math:`\phi_u(x) = (w_u\cdot x + b)^2/(\lVert x-w_u\rVert^2+\varepsilon)`
depends only on a dot product and a distance, so rotating data and prototypes together,
:math:`x \mapsto Rx`, :math:`w_u \mapsto Rw_u`, leaves every activation unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "TwoLayerNet",
    "random_net",
    "givens_rotation",
    "haar_orthogonal",
    "rotation_2d",
    "forward",
    "yat_activations",
    "relative_change",
    "RotationSetup",
    "privileged_basis_setup",
]


@dataclass(frozen=True)
class TwoLayerNet:
    """Weights of :math:`f(x) = \\Omega_2\\, g(\\Omega_1 x + \\beta_1) + \\beta_2`
    (``W1 [H, D]``, ``c1 [H]``, ``W2 [O, H]``, ``c2 [O]``)."""

    W1: np.ndarray
    c1: np.ndarray
    W2: np.ndarray
    c2: np.ndarray


def random_net(in_features: int = 2, hidden: int = 8, out_features: int = 1, *, seed: int = 0) -> TwoLayerNet:
    """A network with standard normal weights scaled by :math:`1/\\sqrt{\\text{fan-in}}`.

    Parameters
    ----------
    in_features : int, default 2
        Input dimension ``D``.
    hidden : int, default 8
        Number of hidden neurons ``H``.
    out_features : int, default 1
        Output dimension ``O``.
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    TwoLayerNet
        ``W1 [H, D]`` and ``W2 [O, H]`` scaled by one over the square root of their fan-in, first-layer
        biases ``c1 [H]`` normal with standard deviation 0.5, output biases ``c2 [O]`` zero.
    """
    rng = np.random.default_rng(seed)
    return TwoLayerNet(
        rng.standard_normal((hidden, in_features)) / np.sqrt(in_features),
        0.5 * rng.standard_normal(hidden),
        rng.standard_normal((out_features, hidden)) / np.sqrt(hidden),
        np.zeros(out_features),
    )


def givens_rotation(hidden: int, theta: float) -> np.ndarray:
    r"""Orthogonal :math:`Q(\theta)`: a rotation by :math:`\theta` in each coordinate plane (0, 1), (2, 3), ...

    :math:`Q(0) = I`; an odd last coordinate is left alone.

    Parameters
    ----------
    hidden : int
        Size :math:`H` of the matrix (the hidden width).
    theta : float
        The angle, in radians.

    Returns
    -------
    ndarray ``[H, H]``
        The block-diagonal rotation :math:`Q(\theta)`.
    """
    Q = np.eye(hidden)
    c, s = np.cos(theta), np.sin(theta)
    for i in range(0, hidden - 1, 2):
        Q[i : i + 2, i : i + 2] = [[c, -s], [s, c]]
    return Q


def haar_orthogonal(n: int, *, seed: int = 0) -> np.ndarray:
    """A random orthogonal matrix (QR of a Gaussian matrix with the sign fix, Haar distributed).

    Parameters
    ----------
    n : int
        Size of the matrix.
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    ndarray ``[n, n]``
        An orthogonal matrix, drawn uniformly (Haar measure) from the orthogonal group.
    """
    rng = np.random.default_rng(seed)
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def rotation_2d(theta: float) -> np.ndarray:
    r"""The plane rotation
    :math:`R(\theta) = \begin{pmatrix}\cos\theta & -\sin\theta\\ \sin\theta & \cos\theta\end{pmatrix}`.

    Parameters
    ----------
    theta : float
        The angle, in radians, counter-clockwise.

    Returns
    -------
    ndarray ``[2, 2]``
        :math:`R(\theta)`; ``X @ R.T`` rotates the rows of ``X``.
    """
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def forward(net: TwoLayerNet, X: ArrayLike, *, activation: str = "linear", Q: ArrayLike | None = None) -> np.ndarray:
    r"""Output :math:`\Omega_2 Q^\top g(Q(\Omega_1 x + \beta_1)) + \beta_2` for each row of ``X``, shape ``[n, O]``.

    ``activation`` is ``"linear"`` or ``"relu"``; ``Q = None`` means the identity.

    Parameters
    ----------
    net : TwoLayerNet
        The weights.
    X : array ``[n, D]``
        The inputs.
    activation : {"linear", "relu"}, default "linear"
        The hidden activation :math:`g`.
    Q : array ``[H, H]``, optional
        The orthogonal matrix inserted after the first layer and undone before the second; None means
        the identity.

    Returns
    -------
    ndarray of float64 ``[n, O]``
        The outputs.
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


def yat_activations(
    X: ArrayLike, W: ArrayLike, *, b: float = 1.0, eps: float = 0.1, R: ArrayLike | None = None
) -> np.ndarray:
    r"""Yat activations :math:`\phi_u(Rx)` with prototypes :math:`Rw_u` (``R = None``: no rotation), ``[n, K]``.

    Parameters
    ----------
    X : array ``[n, D]``
        The inputs.
    W : array ``[K, D]``
        The prototypes.
    b : float, default 1.0
        Numerator bias :math:`b`.
    eps : float, default 0.1
        Denominator floor :math:`\varepsilon > 0`.
    R : array ``[D, D]``, optional
        Rotation applied to both the inputs and the prototypes; None means none.

    Returns
    -------
    ndarray of float64 ``[n, K]``
        :math:`(Rw_u\cdot Rx + b)^2 / (\lVert Rx - Rw_u\rVert^2 + \varepsilon)`; for an orthogonal
        :math:`R` the same as without it, up to rounding.
    """
    Xa = np.asarray(X, dtype=np.float64)
    Wa = np.asarray(W, dtype=np.float64)
    if R is not None:
        Ra = np.asarray(R, dtype=np.float64)
        Xa, Wa = Xa @ Ra.T, Wa @ Ra.T
    dot = Xa @ Wa.T
    d2 = np.maximum((Xa**2).sum(1)[:, None] + (Wa**2).sum(1)[None, :] - 2 * dot, 0.0)
    return (dot + b) ** 2 / (d2 + eps)


def relative_change(a: ArrayLike, b: ArrayLike) -> float:
    r""":math:`\max|a - b| / \max|a|`, the change of an output relative to its size.

    Parameters
    ----------
    a : array
        The reference output.
    b : array
        The changed output, of the same shape (or broadcastable to it).

    Returns
    -------
    float
        The largest absolute difference over the largest absolute value of ``a`` (0 for no change;
        the denominator is floored at ``1e-300``).
    """
    aa, bb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(aa - bb)) / max(np.max(np.abs(aa)), 1e-300))


@dataclass(frozen=True)
class RotationSetup:
    r"""What Figure F13 shows: two tiny networks, a Yat layer with its data, and the change of each
    under a rotation.

    Attributes
    ----------
    net : TwoLayerNet
        The network :math:`f(x) = \Omega_2\, g(\Omega_1 x + \beta_1) + \beta_2` (2 inputs, one output), used with
        :math:`\sigma` the identity and ReLU.
    X, y : numpy.ndarray
        The data of the Yat panel (``[n, 2]``) and its labels (``[n]``).
    prototypes, readout : numpy.ndarray
        The Yat layer's prototypes ``[K, 2]`` and its readout :math:`a_u = \pm 1` ``[K]``.
    b, eps : float
        The Yat layer's :math:`b` and :math:`\varepsilon`.
    lim : float
        The panels show ``[-lim, lim]²``.
    table : list of tuple
        One row ``(θ in degrees, linear change, ReLU change, Yat change)`` per slider step
        (:func:`relative_change` against :math:`\theta = 0`).
    """

    net: TwoLayerNet
    X: np.ndarray
    y: np.ndarray
    prototypes: np.ndarray
    readout: np.ndarray
    b: float
    eps: float
    lim: float
    table: list[tuple[float, float, float, float]]


def privileged_basis_setup(
    *,
    hidden: int = 8,
    seed: int = 0,
    steps: int = 13,
    grid: int = 41,
    lim: float = 2.0,
    b: float = 1.0,
    eps: float = 0.3,
) -> RotationSetup:
    r"""Figure F13's networks and the change of each output at ``steps`` angles :math:`\theta \in [0, \pi]`.

    The linear and the ReLU network get :math:`Q = Q(\theta)` from :func:`givens_rotation`
    (:func:`forward`); their change is :func:`relative_change` of the output over a ``grid × grid``
    grid of ``[-lim, lim]²`` against :math:`\theta = 0`. The Yat layer (six prototypes on the moons,
    readout :math:`\pm 1`) has its data and prototypes rotated by :math:`R(\theta)`; its change is
    that of the activations :math:`\phi_u(Rx_i)` with prototypes :math:`Rw_u` (:func:`yat_activations`).

    Parameters
    ----------
    hidden : int, default 8
        Hidden width of the linear and the ReLU network.
    seed : int, default 0
        Seed of the networks' weights and of the 80 moons points.
    steps : int, default 13
        Number of angles, evenly spaced from 0 to :math:`\pi` inclusive (at least 2; 13 gives steps of 15°).
    grid : int, default 41
        Points per side of the grid on which the networks' outputs are compared (at least 2).
    lim : float, default 2.0
        Half-width of the square ``[-lim, lim]²`` of the grid.
    b : float, default 1.0
        The Yat layer's numerator bias.
    eps : float, default 0.3
        The Yat layer's :math:`\varepsilon > 0`.

    Returns
    -------
    RotationSetup
        The networks, the Yat layer with its data, and the table of relative changes per angle.
    """
    from . import toy

    if steps < 2 or grid < 2:
        raise ValueError(f"steps and grid must be at least 2; got steps={steps}, grid={grid}.")
    net = random_net(2, hidden, 1, seed=seed)
    g = np.linspace(-lim, lim, grid)
    G = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    X, labels = toy.make("moons", 80, seed=seed)
    X = X.astype(np.float64)
    W = np.array([[-0.8, 0.5], [0.0, 0.9], [0.8, 0.4], [0.2, -0.4], [1.0, -0.3], [1.5, 0.0]])
    a = np.array([-1, -1, -1, 1, 1, 1], dtype=np.float64)
    base_lin, base_relu = forward(net, G), forward(net, G, activation="relu")
    base_act = yat_activations(X, W, b=b, eps=eps)
    table = []
    for th in np.linspace(0, np.pi, steps):
        Q = givens_rotation(hidden, th)
        table.append(
            (
                float(np.degrees(th)),
                relative_change(base_lin, forward(net, G, Q=Q)),
                relative_change(base_relu, forward(net, G, activation="relu", Q=Q)),
                relative_change(base_act, yat_activations(X, W, b=b, eps=eps, R=rotation_2d(th))),
            )
        )
    return RotationSetup(
        net=net,
        X=X,
        y=np.asarray(labels),
        prototypes=W,
        readout=a,
        b=float(b),
        eps=float(eps),
        lim=float(lim),
        table=table,
    )
