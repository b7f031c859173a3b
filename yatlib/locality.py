r"""Locality of a unit: which units an input wakes up, and how much each one contributes.

A ReLU unit is active on a half-space; a Yat unit
:math:`\phi_u(x) = (w_u\cdot x + b)^2/(\lVert x-w_u\rVert^2+\varepsilon)` has one peak, just beyond
its prototype (:func:`yatlib.kernel_maximum.yat_maximum`). It is *active* on :math:`x` when
:math:`\phi_u(x) \ge \tau \max_v \phi_v(x)`; the normalised contributions

.. math::

    a_u(x) = \frac{\phi_u(x)}{\sum_v \phi_v(x)}, \qquad \sum_u a_u(x) = 1,

split a normalised readout exactly. The capacity of a unit centred at :math:`x` is
:math:`\kappa(x, x) = (\lVert x\rVert^2 + b)^2/\varepsilon`, the squared RKHS norm of
:math:`\kappa(\cdot, x)`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "yat_responses",
    "yat_active_fraction",
    "relu_active_fraction",
    "contributions",
    "capacity",
    "random_units",
    "random_units_fractions",
    "band_data",
    "band_models",
    "offdistribution_curves",
]


def _mat(a: ArrayLike, name: str) -> np.ndarray:
    m = np.asarray(a, dtype=np.float64)
    if m.ndim == 1:
        m = m[None, :]
    if m.ndim != 2 or m.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty [rows, D] array; got shape {m.shape}.")
    if not np.isfinite(m).all():
        raise ValueError(f"{name} contains NaN or infinite values.")
    return m


def _check_be(b: float, eps: float) -> None:
    if not np.isfinite(b) or b < 0:
        raise ValueError(f"b must be finite and >= 0; got {b}.")
    if not np.isfinite(eps) or eps <= 0:
        raise ValueError(f"eps must be finite and > 0; got {eps}.")


def yat_responses(x: ArrayLike, w: ArrayLike, b: float, eps: float) -> np.ndarray:
    r"""Yat responses :math:`\phi_u(x_n)`, shape ``[N, K]``, in float64 (same formula as :func:`yatlib.kernels.yat`).

    Parameters
    ----------
    x : array ``[N, D]`` or ``[D]``
        Inputs (finite).
    w : array ``[K, D]`` or ``[D]``
        Prototypes (finite).
    b : float
        Numerator bias, :math:`b \ge 0`.
    eps : float
        Denominator floor, :math:`\varepsilon > 0`.

    Returns
    -------
    numpy.ndarray ``[N, K]``
        :math:`(w_u\cdot x_n + b)^2 / (\lVert x_n - w_u\rVert^2 + \varepsilon)`, never negative.
    """
    X, W = _mat(x, "x"), _mat(w, "w")
    if X.shape[1] != W.shape[1]:
        raise ValueError(f"x has {X.shape[1]} features, w has {W.shape[1]}.")
    _check_be(b, eps)
    dot = X @ W.T
    d2 = np.maximum((X * X).sum(1)[:, None] + (W * W).sum(1)[None, :] - 2 * dot, 0.0)
    return (dot + b) ** 2 / (d2 + eps)


def yat_active_fraction(x: ArrayLike, w: ArrayLike, b: float, eps: float, tau: float = 0.1) -> np.ndarray:
    r"""Per input, the fraction of Yat units with :math:`\phi_u(x) \ge \tau\max_v\phi_v(x)`, shape ``[N]``.

    An input at which every unit is exactly zero counts as having no active unit.

    Parameters
    ----------
    x : array ``[N, D]`` or ``[D]``
        Inputs.
    w : array ``[K, D]``
        Prototypes.
    b : float
        Numerator bias, :math:`b \ge 0`.
    eps : float
        Denominator floor, :math:`\varepsilon > 0`; smaller makes each unit more local.
    tau : float, default 0.1
        Threshold :math:`\tau \in (0, 1]`, relative to the strongest unit at that input (1 keeps only the
        strongest).

    Returns
    -------
    numpy.ndarray ``[N]``
        Fractions in ``[0, 1]``; at least :math:`1/K` wherever some unit responds.
    """
    if not 0 < tau <= 1:
        raise ValueError(f"tau must be in (0, 1]; got {tau}.")
    phi = yat_responses(x, w, b, eps)
    top = phi.max(1, keepdims=True)
    active = (phi >= tau * top) & (top > 0)
    return active.mean(1)


def relu_active_fraction(x: ArrayLike, v: ArrayLike, c: ArrayLike | None = None) -> np.ndarray:
    r"""Per input, the fraction of ReLU units with a positive pre-activation
    :math:`\omega_u\cdot x + \beta_u > 0`, shape ``[N]``.

    Parameters
    ----------
    x : array ``[N, D]`` or ``[D]``
        Inputs.
    v : array ``[K, D]``
        The units' weights :math:`\omega_u`.
    c : array ``[K]``, optional
        The units' biases :math:`\beta_u`; None means zero.

    Returns
    -------
    numpy.ndarray ``[N]``
        Fractions in ``[0, 1]``.
    """
    X, V = _mat(x, "x"), _mat(v, "v")
    if X.shape[1] != V.shape[1]:
        raise ValueError(f"x has {X.shape[1]} features, v has {V.shape[1]}.")
    pre = X @ V.T
    if c is not None:
        cc = np.asarray(c, dtype=np.float64)
        if cc.shape != (len(V),):
            raise ValueError(f"c must have shape [{len(V)}]; got {cc.shape}.")
        pre = pre + cc
    return (pre > 0).mean(1)


def contributions(phi: ArrayLike) -> np.ndarray:
    r"""Normalised contributions :math:`a_u = \phi_u / \sum_v \phi_v` along the last axis (rows sum to 1).

    Raises :class:`ValueError` when a row has no positive response (nothing to attribute).

    Parameters
    ----------
    phi : array ``[..., K]``
        Responses, finite and non-negative (e.g. :func:`yat_responses`, ``[N, K]``).

    Returns
    -------
    numpy.ndarray
        The shares :math:`a_u`, same shape as ``phi``, each in ``[0, 1]``.
    """
    p = np.asarray(phi, dtype=np.float64)
    if p.size == 0 or p.shape[-1] == 0:
        raise ValueError("no units: there is nothing to attribute.")
    if (p < 0).any() or not np.isfinite(p).all():
        raise ValueError("responses must be finite and >= 0.")
    total = p.sum(-1, keepdims=True)
    if (total <= 0).any():
        raise ValueError("every response is zero for some input: the shares are undefined there.")
    return p / total


def capacity(x: ArrayLike, b: float, eps: float) -> np.ndarray:
    r"""Capacity :math:`\kappa(x, x) = (\lVert x\rVert^2 + b)^2/\varepsilon`, the value at its prototype
    of a unit centred at each row of ``x``.

    Parameters
    ----------
    x : array ``[N, D]`` or ``[D]``
        The prototypes.
    b : float
        Numerator bias, :math:`b \ge 0`.
    eps : float
        Denominator floor, :math:`\varepsilon > 0`.

    Returns
    -------
    numpy.ndarray ``[N]``
        One capacity per row; it grows as :math:`\lVert x\rVert^4` and as :math:`1/\varepsilon`.
    """
    X = _mat(x, "x")
    _check_be(b, eps)
    return ((X * X).sum(1) + b) ** 2 / eps


def random_units(d: int = 2, n_units: int = 64, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Random units in :math:`\mathbb{R}^d`: Yat prototypes :math:`W`, ReLU weights :math:`V` (standard normal)
    and ReLU biases :math:`c` (normal, standard deviation 0.1). Returns ``(W [n, d], V [n, d], c [n])``.

    Parameters
    ----------
    d : int, default 2
        Input dimension (at least 1).
    n_units : int, default 64
        Number of units ``n`` of each kind (at least 1).
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    W : numpy.ndarray ``[n, d]``
        Yat prototypes.
    V : numpy.ndarray ``[n, d]``
        ReLU weights.
    c : numpy.ndarray ``[n]``
        ReLU biases.
    """
    if d < 1 or n_units < 1:
        raise ValueError(f"d and n_units must be >= 1; got {d}, {n_units}.")
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_units, d)), rng.standard_normal((n_units, d)), 0.1 * rng.standard_normal(n_units)


def random_units_fractions(
    d: int = 2,
    n_units: int = 64,
    n_inputs: int = 2000,
    eps_values: tuple[float, ...] = (1.0, 0.3, 0.1, 0.03, 0.01),
    *,
    b: float = 0.0,
    tau: float = 0.1,
    seed: int = 0,
) -> dict[str, object]:
    r"""Mean active fractions of random units on random inputs, for ReLU and for Yat at several :math:`\varepsilon`.

    Inputs and prototypes (or ReLU weights) are standard normal in :math:`\mathbb{R}^d`; ReLU biases
    are normal with standard deviation 0.1. Returns ``{"relu": float, "yat": {eps: float}}``.

    Parameters
    ----------
    d : int, default 2
        Input dimension.
    n_units : int, default 64
        Number of units of each kind.
    n_inputs : int, default 2000
        Number of random inputs the fractions are averaged over.
    eps_values : tuple of float, default ``(1.0, 0.3, 0.1, 0.03, 0.01)``
        The Yat :math:`\varepsilon` values to compare (each > 0).
    b : float, default 0.0
        The Yat numerator bias, :math:`b \ge 0`.
    tau : float, default 0.1
        Activity threshold of :func:`yat_active_fraction`, in :math:`(0, 1]`.
    seed : int, default 0
        Seed of the units (:func:`random_units`) and of the inputs.

    Returns
    -------
    dict
        ``"relu"``: the mean ReLU active fraction; ``"yat"``: the mean Yat active fraction per
        :math:`\varepsilon` (keys are the floats of ``eps_values``).
    """
    W, V, c = random_units(d, n_units, seed=seed)
    X = np.random.default_rng([seed, 1]).standard_normal((n_inputs, d))
    relu = float(relu_active_fraction(X, V, c).mean())
    yat = {float(e): float(yat_active_fraction(X, W, b, e, tau).mean()) for e in eps_values}
    return {"relu": relu, "yat": yat}


def band_data(n: int = 200, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""1-D data in the band :math:`[-1, 1]`: class 1 where :math:`|x| < 0.5`, class 0 elsewhere in the band.

    Parameters
    ----------
    n : int, default 200
        Number of points, uniform on :math:`[-1, 1]`.
    seed : int, default 0
        Seed of the ``numpy`` generator.

    Returns
    -------
    x : numpy.ndarray of float32 ``[n, 1]``
        The points.
    y : numpy.ndarray of int32 ``[n]``
        Their classes, 0 or 1.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    return x, (np.abs(x[:, 0]) < 0.5).astype(np.int32)


def band_models(units: int = 8, steps: int = 400, seed: int = 0) -> tuple[Any, Any]:
    r"""A Yat MLP and a ReLU MLP with ``units`` hidden units trained on :func:`band_data` (cached).

    Full-batch Adam, learning rate 0.03, ``steps`` steps. Returns ``(yat_model, relu_model)``.

    Parameters
    ----------
    units : int, default 8
        Hidden units of each model; the Yat prototypes start evenly spaced on :math:`[-1, 1]`, with
        :math:`b = 1` and :math:`\varepsilon = 0.3`.
    steps : int, default 400
        Adam steps (one per epoch, as every batch is the whole data set).
    seed : int, default 0
        Seed of the data, of the models' initial weights and of the training; part of the cache key,
        with ``units`` and ``steps``.

    Returns
    -------
    yat_model : yatlib.layers.YatMLP
        The trained Yat MLP (1 input, 2 classes).
    relu_model : yatlib.layers.ReluMLP
        The trained ReLU MLP (1 input, 2 classes).
    """
    from flax import nnx

    from . import training
    from .layers import ReluMLP, YatMLP

    X, y = band_data(seed=seed)
    start = np.linspace(-1, 1, units, dtype=np.float32)[:, None]
    yat_m = YatMLP(1, units, 2, rngs=nnx.Rngs(seed), prototypes=start, b_init=1.0, eps_init=0.3)
    relu_m = ReluMLP(1, units, 2, rngs=nnx.Rngs(seed))
    out = []
    for name, m in (("yat", yat_m), ("relu", relu_m)):
        cfg = dict(kind=name, units=units, steps=steps, seed=seed)
        trained, _, _ = training.train_or_load(
            f"p1b-band-{name}",
            m,
            X,
            y,
            config=cfg,
            epochs=steps,
            batch_size=len(X),
            learning_rate=0.03,
            seed=seed,
            progress=False,
        )
        out.append(trained)
    return out[0], out[1]


def offdistribution_curves(
    yat_model: Any,
    relu_model: Any,
    *,
    span: float = 6.0,
    n: int = 481,
    w: float = 0.5,
    b: float = 1.0,
    eps: float = 0.3,
) -> dict[str, np.ndarray]:
    r"""Single units and the trained models' margins :math:`|f_1(x) - f_0(x)|` along a 1-D line (Figure F11).

    Single units: a ReLU pre-activation :math:`x` (weight 1, bias 0) and a Yat unit
    :math:`(wx + b)^2/((x-w)^2 + \varepsilon)`, which tends to :math:`w^2` as :math:`|x|\to\infty`.
    Models: the margin of the two models of :func:`band_models`. Returns the curves on ``n`` points of
    ``[-span, span]``: ``x``, ``relu_unit``, ``yat_unit``, ``relu_margin``, ``yat_margin``.

    Parameters
    ----------
    yat_model, relu_model : callable
        Models mapping inputs ``[n, 1]`` to two logits ``[n, 2]``, e.g. those of :func:`band_models`.
    span : float, default 6.0
        Half-width of the line (> 0); the training data fill only :math:`[-1, 1]`.
    n : int, default 481
        Number of points on the line (at least 2).
    w : float, default 0.5
        The single Yat unit's prototype.
    b : float, default 1.0
        The single Yat unit's numerator bias, :math:`b \ge 0`.
    eps : float, default 0.3
        The single Yat unit's :math:`\varepsilon > 0`.

    Returns
    -------
    dict of str to numpy.ndarray
        Five arrays ``[n]``: the points ``x`` and the four curves on them.
    """
    import jax.numpy as jnp

    if span <= 0 or n < 2:
        raise ValueError(f"need span > 0 and n >= 2; got span={span}, n={n}.")
    _check_be(b, eps)
    xs = np.linspace(-span, span, n)
    grid = jnp.asarray(xs[:, None].astype(np.float32))

    def margin(m: Any) -> np.ndarray:
        lg = np.asarray(m(grid), np.float64)
        return np.abs(lg[:, 1] - lg[:, 0])

    return {
        "x": xs,
        "relu_unit": xs.copy(),
        "yat_unit": (w * xs + b) ** 2 / ((xs - w) ** 2 + eps),
        "relu_margin": margin(relu_model),
        "yat_margin": margin(yat_model),
    }
