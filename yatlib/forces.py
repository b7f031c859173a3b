r"""Why prototypes move: the force of the loss on a prototype, snapshots of a run, and dead ReLU units.

Moving one prototype :math:`w_u` to :math:`w`, everything else fixed, the loss is

.. math::

    \mathcal{L}(w) = -\frac{1}{N}\sum_i \log\operatorname{softmax}\big(\phi(x_i; w)\,A + \beta\big)_{y_i},

and the *force* is :math:`F(w) = -\nabla_w \mathcal{L}(w)` (:func:`jax.grad`), non-zero almost
everywhere since :math:`\phi_u(x) > 0`. A ReLU unit whose pre-activation is negative on every data
point has :math:`\nabla_{\omega_u}\mathcal{L} = 0` and :math:`\partial\mathcal{L}/\partial \beta_u = 0`
exactly: it is *dead*.
"""

from __future__ import annotations

from typing import Any

import jax
import numpy as np
import optax
from flax import nnx
from numpy.typing import ArrayLike

from . import toy, toy_training, training
from .kernels import yat_unchecked
from .layers import ReluMLP, YatMLP
from .validation import to_jax

__all__ = [
    "square_grid",
    "yat_probe_forces",
    "relu_probe_forces",
    "bilinear",
    "flow_path",
    "dead_relu_units",
    "unit_gradient_norms",
    "train_with_snapshots",
    "model_from_run",
    "mean_distance_to_data",
    "dead_unit_comparison",
]


def square_grid(lo: float, hi: float, n: int) -> np.ndarray:
    """The ``n × n`` grid of points of ``[lo, hi]²``, row-major with y increasing by row, shape ``[n*n, 2]``.

    Parameters
    ----------
    lo, hi : float
        The square's sides run from ``lo`` to ``hi`` (``hi > lo``).
    n : int
        Points per side, at least 2.

    Returns
    -------
    float32 ndarray ``[n*n, 2]``
        Point ``j*n + i`` is ``(g[i], g[j])`` with ``g = linspace(lo, hi, n)``.
    """
    if n < 2 or not hi > lo:
        raise ValueError(f"need n >= 2 and hi > lo; got n={n}, lo={lo}, hi={hi}.")
    g = np.linspace(lo, hi, n)
    gx, gy = np.meshgrid(g, g)
    return np.c_[gx.ravel(), gy.ravel()].astype(np.float32)


def _bias(layer: nnx.Linear) -> nnx.Param[jax.Array]:
    """A linear layer's bias (flax types it as optional; the MLPs build theirs with one)."""
    if layer.bias is None:
        raise ValueError("the layer has no bias; yatlib's MLPs build theirs with one.")
    return layer.bias


def _xy(X: ArrayLike, y: ArrayLike) -> tuple[jax.Array, jax.Array]:
    Xa = np.asarray(X, np.float32)
    ya = np.asarray(y)
    if Xa.ndim != 2 or Xa.shape[1] != 2 or len(Xa) == 0:
        raise ValueError(f"X must be a non-empty [N, 2] array; got shape {Xa.shape}.")
    if ya.shape != (len(Xa),):
        raise ValueError(f"y must have shape [{len(Xa)}]; got {ya.shape}.")
    return to_jax(Xa), to_jax(ya.astype(np.int32))


def yat_probe_forces(
    model: YatMLP, X: ArrayLike, y: ArrayLike, unit: int, positions: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    r"""Force :math:`-\nabla_p\mathcal{L}(p)` on prototype ``unit`` placed at each of ``positions``.

    Returns ``(forces [G, 2], loss [G])``; every other parameter of ``model`` stays as it is.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP on 2-D inputs; it is not changed (the prototype is moved in the loss only).
    X : array ``[N, 2]``
        The data the loss is computed on (at least one point).
    y : array ``[N]``
        Their integer class labels.
    unit : int
        The prototype to move, ``0 .. K-1``.
    positions : array ``[G, 2]``
        The places :math:`p` to put it (e.g. :func:`square_grid`).

    Returns
    -------
    forces : float64 ndarray ``[G, 2]``
        :math:`-\nabla_p\mathcal{L}(p)` at each position.
    loss : float64 ndarray ``[G]``
        The mean cross-entropy :math:`\mathcal{L}(p)` on ``(X, y)`` at each position.
    """
    Xj, yj = _xy(X, y)
    W = model.yat.prototypes[...]
    if not 0 <= unit < W.shape[0]:
        raise ValueError(f"unit must be in 0..{W.shape[0] - 1}; got {unit}.")
    b, eps = model.yat.b, model.yat.eps
    A, c = model.readout.kernel[...], _bias(model.readout)[...]
    P = to_jax(np.asarray(positions, np.float32))
    vals, grads = _yat_probe(P, Xj, yj, W, b, eps, A, c, unit)
    return -np.asarray(grads, np.float64), np.asarray(vals, np.float64)


# The probes are compiled once per shapes, with everything they read passed as arguments: a closure
# over the model's arrays would be compiled again on every call (each probe of a widget).


@jax.jit
def _yat_probe(
    P: jax.Array,
    X: jax.Array,
    y: jax.Array,
    W: jax.Array,
    b: jax.Array,
    eps: jax.Array,
    A: jax.Array,
    c: jax.Array,
    unit: int,
) -> tuple[jax.Array, jax.Array]:
    def loss(p: jax.Array) -> jax.Array:
        logits = yat_unchecked(X, W.at[unit].set(p), b, eps) @ A + c
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

    return jax.vmap(jax.value_and_grad(loss))(P)


@jax.jit
def _relu_probe(
    P: jax.Array, X: jax.Array, y: jax.Array, V: jax.Array, cb: jax.Array, A: jax.Array, c: jax.Array, unit: int
) -> tuple[jax.Array, jax.Array]:
    def loss(p: jax.Array) -> jax.Array:
        logits = jax.nn.relu(X @ V.at[:, unit].set(p) + cb) @ A + c
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

    return jax.vmap(jax.value_and_grad(loss))(P)


def relu_probe_forces(
    model: ReluMLP, X: ArrayLike, y: ArrayLike, unit: int, positions: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    r"""Force :math:`-\nabla_{\omega_u}\mathcal{L}` on the incoming weight vector :math:`\omega_u`
    of ReLU unit ``unit`` set to each position.

    Its bias :math:`\beta_u` stays at the trained value. Returns ``(forces [G, 2], loss [G])``.
    Where :math:`\omega_u\cdot x_i + \beta_u \le 0` for every data point the force is exactly zero.

    Parameters
    ----------
    model : ReluMLP
        A ReLU MLP on 2-D inputs; it is not changed.
    X : array ``[N, 2]``
        The data the loss is computed on (at least one point).
    y : array ``[N]``
        Their integer class labels.
    unit : int
        The hidden unit whose weight vector :math:`\omega_u` is moved, ``0 .. K-1``.
    positions : array ``[G, 2]``
        The values given to :math:`\omega_u` (e.g. :func:`square_grid`).

    Returns
    -------
    forces : float64 ndarray ``[G, 2]``
        :math:`-\nabla_{\omega_u}\mathcal{L}` at each position.
    loss : float64 ndarray ``[G]``
        The mean cross-entropy on ``(X, y)`` at each position.
    """
    Xj, yj = _xy(X, y)
    V, cb = model.hidden.kernel[...], _bias(model.hidden)[...]
    if not 0 <= unit < V.shape[1]:
        raise ValueError(f"unit must be in 0..{V.shape[1] - 1}; got {unit}.")
    A, c = model.readout.kernel[...], _bias(model.readout)[...]
    P = to_jax(np.asarray(positions, np.float32))
    vals, grads = _relu_probe(P, Xj, yj, V, cb, A, c, unit)
    return -np.asarray(grads, np.float64), np.asarray(vals, np.float64)


def bilinear(field: ArrayLike, lo: float, hi: float, n: int, p: ArrayLike) -> np.ndarray:
    r"""Bilinear interpolation of a vector field sampled on :func:`square_grid` (``[n*n, 2]``) at point ``p``.

    Points outside ``[lo, hi]²`` are clamped to the square. The browser widget uses the same rule.

    Parameters
    ----------
    field : array ``[n*n, 2]``
        The vector field at the points of ``square_grid(lo, hi, n)``, in that order.
    lo, hi : float
        The range of the square, as given to :func:`square_grid`.
    n : int
        Points per side of the grid, at least 2.
    p : array ``[2]``
        The point ``(x, y)``.

    Returns
    -------
    float64 ndarray ``[2]``
        The interpolated vector at ``p``.
    """
    F = np.asarray(field, np.float64).reshape(n, n, 2)
    px, py = np.asarray(p, np.float64)
    h = (hi - lo) / (n - 1)
    gx = min(max((float(px) - lo) / h, 0.0), n - 1.0)
    gy = min(max((float(py) - lo) / h, 0.0), n - 1.0)
    i, j = min(int(gx), n - 2), min(int(gy), n - 2)
    fx, fy = gx - i, gy - j
    return (
        (1 - fx) * (1 - fy) * F[j, i]
        + fx * (1 - fy) * F[j, i + 1]
        + (1 - fx) * fy * F[j + 1, i]
        + fx * fy * F[j + 1, i + 1]
    )


def flow_path(
    field: ArrayLike, lo: float, hi: float, n: int, p0: ArrayLike, steps: int = 60, step: float = 0.05
) -> np.ndarray:
    r"""Follow the interpolated force from ``p0`` in steps of fixed length,
    :math:`p \leftarrow p + h\,F/\lVert F\rVert`.

    Stops early where the force vanishes (below 1e-12) or the path leaves the square. Returns ``[M, 2]``.

    Parameters
    ----------
    field : array ``[n*n, 2]``
        The force sampled on ``square_grid(lo, hi, n)``.
    lo, hi : float
        The range of the square, as given to :func:`square_grid`.
    n : int
        Points per side of the grid, at least 2.
    p0 : array ``[2]``
        The starting point.
    steps : int, default 60
        The largest number of steps.
    step : float, default 0.05
        The length :math:`h` of each step, in the units of the plane.

    Returns
    -------
    float64 ndarray ``[M, 2]``
        The points visited, ``p0`` first; :math:`M \le` ``steps + 1``.
    """
    p = np.asarray(p0, np.float64).copy()
    path = [p.copy()]
    for _ in range(steps):
        f = bilinear(field, lo, hi, n, p)
        norm = float(np.hypot(f[0], f[1]))
        if norm < 1e-12:
            break
        p = p + step * f / norm
        if not (lo <= p[0] <= hi and lo <= p[1] <= hi):
            break
        path.append(p.copy())
    return np.asarray(path)


def dead_relu_units(model: ReluMLP, X: ArrayLike) -> np.ndarray:
    """Boolean mask ``[K]`` of hidden ReLU units whose activation is zero on every row of ``X``.

    Parameters
    ----------
    model : ReluMLP
        The network.
    X : array ``[N, D]``
        The data, e.g. its training set.

    Returns
    -------
    bool ndarray ``[K]``
        True for a hidden unit whose ReLU output is 0 on every row of ``X``.
    """
    acts = np.asarray(model.activations(to_jax(np.asarray(X, np.float32))))
    return np.asarray((acts <= 0).all(axis=0))


def unit_gradient_norms(model: nnx.Module, X: ArrayLike, y: ArrayLike) -> np.ndarray:
    r"""Norm of :math:`\nabla\mathcal{L}` with respect to each hidden unit's own parameters, shape ``[K]``.

    For a :class:`~yatlib.layers.YatMLP` these are the prototype rows :math:`w_u`; for a
    :class:`~yatlib.layers.ReluMLP` the incoming weights :math:`\omega_u` and bias :math:`\beta_u`.

    Parameters
    ----------
    model : YatMLP or ReluMLP
        The network (another type raises :class:`TypeError`).
    X : array ``[N, D]``
        Inputs.
    y : array ``[N]``
        Their integer class labels; :math:`\mathcal{L}` is the mean cross-entropy on ``(X, y)``.

    Returns
    -------
    ndarray ``[K]``
        :math:`\lVert\nabla_{w_u}\mathcal{L}\rVert` for a Yat MLP;
        :math:`\big(\lVert\nabla_{\omega_u}\mathcal{L}\rVert^2 + (\partial\mathcal{L}/\partial\beta_u)^2\big)^{1/2}`
        for a ReLU MLP.
    """
    grads = _loss_gradient(model, to_jax(np.asarray(X, np.float32)), to_jax(np.asarray(y, np.int32)))
    if isinstance(model, YatMLP):
        g = np.asarray(grads.yat.prototypes[...])
        return np.linalg.norm(g, axis=1)
    if isinstance(model, ReluMLP):
        gv = np.asarray(grads.hidden.kernel[...])
        gc = np.asarray(grads.hidden.bias[...])
        return np.sqrt((gv**2).sum(0) + gc**2)
    raise TypeError(f"expected a YatMLP or a ReluMLP; got {type(model).__name__}.")


@nnx.jit
def _loss_gradient(model: nnx.Module, X: jax.Array, y: jax.Array) -> nnx.State:
    """The gradient of the mean cross-entropy with respect to every parameter, one compiled program per
    architecture and shapes (evaluated eagerly, each operation of the forward and backward pass would be
    compiled on its own)."""
    return nnx.grad(lambda m: optax.softmax_cross_entropy_with_integer_labels(m(X), y).mean())(model)


def train_with_snapshots(
    dataset: str,
    eps: float,
    *,
    n: int = 200,
    units: int = 12,
    steps: int = 300,
    every: int = 10,
    learning_rate: float = 0.03,
    lim: float = 2.2,
    seed: int = 0,
) -> dict[str, Any]:
    r"""Train a small Yat MLP on a 2-D toy set and record snapshots of it: a run of Figure F06.

    Full-batch Adam on the ``n`` points of :func:`yatlib.toy_training.figure_data` ``(dataset)``;
    ``units`` prototypes start uniformly scattered over ``[-lim, lim]²`` (drawn by the seeded
    generator the browser also uses); :math:`b_0 = 1` and :math:`\varepsilon_0 =` ``eps``. It is
    :func:`yatlib.toy_training.train_run` (float64, hand-written gradients), so the reader's
    browser repeats the run exactly from the same seed. Every ``every`` steps a snapshot stores the
    prototypes, the readout, the training loss and accuracy and the current :math:`b, \varepsilon`.

    Parameters
    ----------
    dataset : {'moons', 'circles', 'xor', 'spirals', 'blobs'}
        The toy data set (:data:`yatlib.toy_training.FIGURE_DATASETS`), always drawn with seed 0.
    eps : float
        The starting :math:`\varepsilon_0 > 0`.
    n : int, default 200
        Number of data points.
    units : int, default 12
        Number of prototypes :math:`K`.
    steps : int, default 300
        Adam steps, 0 to 20000. The run ends early if the loss stops being finite.
    every : int, default 10
        Steps between snapshots (there is one at step 0 and one at the last step).
    learning_rate : float, default 0.03
        Adam's step size.
    lim : float, default 2.2
        The starting prototypes are uniform on :math:`[-\ell, \ell]^2`, :math:`\ell =` ``lim``.
    seed : int, default 0
        Seed of the starting prototypes and readout; the data do not depend on it.

    Returns
    -------
    dict
        ``X [n, 2]``, ``y [n]``, ``steps [S]``, ``prototypes [S, K, 2]``, ``readout [S, K, C]``,
        ``bias [S, C]``, ``loss [S]``, ``accuracy [S]``, ``b [S]``, ``eps [S]``, ``lim`` and the settings.
    """
    return toy_training.train_run(
        dataset, units=units, eps0=eps, seed=seed, steps=steps, every=every, learning_rate=learning_rate, n=n, lim=lim
    )


def model_from_run(run: dict[str, Any]) -> YatMLP:
    """The trained :class:`~yatlib.layers.YatMLP` (float32) at the end of a run of :func:`train_with_snapshots`.

    Parameters
    ----------
    run : dict
        What :func:`train_with_snapshots` returns; the last snapshot of ``prototypes``, ``readout``,
        ``bias``, ``b`` and ``eps`` is read.

    Returns
    -------
    YatMLP
        A Yat MLP with 2 inputs, ``K`` units and ``C`` outputs, holding those weights.
    """
    W = np.asarray(run["prototypes"][-1], np.float32)
    A = np.asarray(run["readout"][-1], np.float32)
    model = YatMLP(
        2,
        W.shape[0],
        A.shape[1],
        rngs=nnx.Rngs(0),
        prototypes=W,
        b_init=float(run["b"][-1]),
        eps_init=float(run["eps"][-1]),
    )
    model.readout.kernel[...] = to_jax(A)
    _bias(model.readout)[...] = to_jax(np.asarray(run["bias"][-1], np.float32))
    return model


def mean_distance_to_data(prototypes: ArrayLike, X: ArrayLike) -> float:
    r"""Mean over prototypes of the distance to the nearest data point,
    :math:`\frac1K\sum_u \operatorname{dist}(w_u, X)`.

    Parameters
    ----------
    prototypes : array ``[K, D]``
        The prototypes :math:`w_u`.
    X : array ``[N, D]``
        The data points.

    Returns
    -------
    float
        The mean over :math:`u` of :math:`\min_i \lVert w_u - x_i\rVert`.
    """
    P, Xa = np.asarray(prototypes, np.float64), np.asarray(X, np.float64)
    d = np.sqrt(((P[:, None, :] - Xa[None, :, :]) ** 2).sum(-1))
    return float(d.min(1).mean())


def dead_unit_comparison(
    dataset: str = "moons",
    *,
    units: int = 32,
    steps: int = 300,
    learning_rate: float = 0.1,
    n: int = 200,
    seed: int = 0,
) -> dict[str, Any]:
    r"""Train a ReLU MLP and a Yat MLP of the same width on the same 2-D data (cached) and look for dead units.

    Full-batch Adam with a large step (``learning_rate`` 0.1 by default), the regime where ReLU units die.
    Returns the two models, the data, the ReLU dead-unit mask and each hidden unit's gradient norm.

    Parameters
    ----------
    dataset : str, default 'moons'
        A data set of :func:`yatlib.toy.make` (two classes).
    units : int, default 32
        Hidden units of each network.
    steps : int, default 300
        Adam steps, each on all ``n`` points (an epoch is one step).
    learning_rate : float, default 0.1
        Adam's step size, for both networks.
    n : int, default 200
        Number of data points.
    seed : int, default 0
        Seed of the data, of both networks' initialisation and of the training; ``seed + 2`` draws the
        Yat prototypes, uniform on :math:`[-2, 2]^2`.

    Returns
    -------
    dict
        ``X`` ``[n, 2]`` and ``y`` ``[n]``; the trained networks ``relu`` and ``yat``; their training
        accuracies ``relu_accuracy`` and ``yat_accuracy``; each hidden unit's gradient norm
        (:func:`unit_gradient_norms`), ``relu_grad_norms`` and ``yat_grad_norms`` ``[units]``; and
        ``relu_dead`` ``[units]``, the ReLU units dead on ``X`` (:func:`dead_relu_units`).
    """
    X, y = toy.make(dataset, n, seed=seed)
    rng = np.random.default_rng(seed + 2)
    relu = ReluMLP(2, units, 2, rngs=nnx.Rngs(seed))
    yat = YatMLP(2, units, 2, rngs=nnx.Rngs(seed), prototypes=rng.uniform(-2, 2, (units, 2)).astype(np.float32))
    out: dict[str, Any] = {"X": X, "y": y}
    for name, m in (("relu", relu), ("yat", yat)):
        cfg = dict(kind=name, dataset=dataset, units=units, steps=steps, lr=learning_rate, n=n, seed=seed)
        trained, _, _ = training.train_or_load(
            f"p1b-dead-{name}",
            m,
            X,
            y,
            config=cfg,
            epochs=steps,
            batch_size=n,
            learning_rate=learning_rate,
            seed=seed,
            progress=False,
        )
        out[name] = trained
        out[f"{name}_accuracy"] = training.accuracy(m, X, y)
        out[f"{name}_grad_norms"] = unit_gradient_norms(m, X, y)
    out["relu_dead"] = dead_relu_units(relu, X)
    return out
