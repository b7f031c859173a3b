r"""Training a Yat MLP on 2-D toy data in float64, step for step as the browser does it.

Figure F06 trains with the same algorithm in the browser (``yatlib/widgets/yat_trainer.js``) and
here, so a seed gives the same run in both. The network is

.. math::

    \phi_u(x) = \frac{(w_u\cdot x + b)^2}{\lVert x - w_u\rVert^2 + \varepsilon},
    \qquad z(x) = \phi(x)\,A + c,

with :math:`b = \operatorname{softplus}(\tilde b)`, :math:`\varepsilon = \operatorname{softplus}(\tilde\varepsilon)`,
trained by Adam (the formula of ``optax.adam``) on the mean softmax cross-entropy, gradients by hand
(:func:`loss_and_gradient`). :class:`SeededRandom` (mulberry32, bit for bit in both languages) draws
the start and the shuffles; the data (:func:`figure_data`) do not depend on the seed. The float32
JAX trainer is :mod:`yatlib.training`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypedDict

import numpy as np
from numpy.typing import ArrayLike

from . import toy

__all__ = [
    "SeededRandom",
    "FIGURE_DATASETS",
    "figure_data",
    "layout",
    "initial_parameters",
    "forward",
    "loss_and_gradient",
    "ToyTrainer",
    "train_run",
    "live_run",
]

_M32 = 0xFFFFFFFF
ADAM_B1, ADAM_B2, ADAM_EPS = 0.9, 0.999, 1e-8

FIGURE_DATASETS: tuple[str, ...] = ("moons", "circles", "xor", "spirals", "blobs")
"""The data sets a reader can train on in Figure F06."""


class SeededRandom:
    r"""The seeded uniform generator shared with the browser (mulberry32, ``seededRng`` in ``linalg.js``).

    A 32-bit state :math:`a` advances by the constant ``0x6D2B79F5``; each draw scrambles it
    with xor-shifts and 32-bit multiplications and returns :math:`t / 2^{32} \in [0, 1)`,
    exactly the double JavaScript returns for the same seed.
    """

    def __init__(self, seed: int) -> None:
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
            raise ValueError(f"seed must be an integer; got {seed!r}.")
        self._a = int(seed) & _M32

    def uniform(self) -> float:
        """The next number in :math:`[0, 1)`."""
        self._a = (self._a + 0x6D2B79F5) & _M32
        t = self._a
        t = ((t ^ (t >> 15)) * (t | 1)) & _M32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & _M32)) & _M32
        return ((t ^ (t >> 14)) & _M32) / 4294967296.0

    def uniforms(self, n: int) -> np.ndarray:
        """The next ``n`` numbers, float64.

        Parameters
        ----------
        n : int
            How many numbers to draw (at least 0); the state advances by ``n`` draws.

        Returns
        -------
        ndarray of float64 ``[n]``
            The draws in order, each in ``[0, 1)``.
        """
        return np.array([self.uniform() for _ in range(n)], np.float64)

    def shuffle(self, a: np.ndarray) -> None:
        """Shuffle ``a`` in place (Fisher–Yates from the last element down, :math:`j = \\lfloor u\\,(i+1)\\rfloor`).

        Parameters
        ----------
        a : ndarray or list
            The sequence to permute, in place; one draw per element but the first, as the browser's shuffle does.
        """
        for i in range(len(a) - 1, 0, -1):
            j = math.floor(self.uniform() * (i + 1))
            a[i], a[j] = a[j], a[i]


def figure_data(name: str, n: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """The points of Figure F06 for data set ``name``: :func:`yatlib.toy.make` with seed 0,
    as float64 (exactly the float32 values).

    Parameters
    ----------
    name : str
        One of :data:`FIGURE_DATASETS`: ``"moons"``, ``"circles"``, ``"xor"``, ``"spirals"`` or ``"blobs"``.
    n : int, default 200
        Number of points.

    Returns
    -------
    X : ndarray of float64 ``[n, 2]``
        The points.
    y : ndarray of int64 ``[n]``
        Their classes.
    """
    if name not in FIGURE_DATASETS:
        raise ValueError(f"dataset must be one of {list(FIGURE_DATASETS)}; got {name!r}.")
    X, y = toy.make(name, n, seed=0)
    return np.asarray(X, np.float64), np.asarray(y, np.int64)


class Layout(TypedDict):
    """What :func:`layout` returns: the slices and indices of the parameters in ``theta``."""

    W: slice
    A: slice
    c: slice
    raw_b: int
    raw_eps: int
    size: int


def layout(units: int, classes: int) -> Layout:
    """Where each parameter sits in the flat vector ``theta = [W (K×2), A (K×C), c (C), raw_b, raw_eps]``.

    Parameters
    ----------
    units : int
        Number of prototypes ``K``.
    classes : int
        Number of classes ``C``.

    Returns
    -------
    Layout
        Slices ``W``, ``A``, ``c`` (row-major blocks of ``theta``), the indices ``raw_b`` and ``raw_eps``,
        and ``size = 2K + KC + C + 2``, the length of ``theta``.
    """
    a, c = 2 * units, 2 * units + units * classes
    return {
        "W": slice(0, a),
        "A": slice(a, c),
        "c": slice(c, c + classes),
        "raw_b": c + classes,
        "raw_eps": c + classes + 1,
        "size": c + classes + 2,
    }


def _softplus(x: float) -> float:
    return x + math.log1p(math.exp(-x)) if x > 0 else math.log1p(math.exp(x))


def _sigmoid(x: float) -> float:
    # as JavaScript's 1 / (1 + Math.exp(-x)): exp overflows to infinity and the result to 0
    return 0.0 if -x > 709.0 else 1.0 / (1.0 + math.exp(-x))


def initial_parameters(
    units: int, classes: int, eps0: float, seed: int, *, lim: float = 2.2, b0: float = 1.0
) -> tuple[np.ndarray, SeededRandom]:
    r"""The seeded start, ``(theta, rng)``: the generator continues with the mini-batches.

    Drawn in this order from ``SeededRandom(seed)``: the prototypes row by row,
    :math:`w = -\ell + 2\ell u`; the readout row by row, :math:`A = \sqrt{3/K}\,(2u - 1)`;
    then :math:`c = 0`, :math:`\tilde b = \log(e^{b_0} - 1)`, :math:`\tilde\varepsilon = \log(e^{\varepsilon_0} - 1)`.

    Parameters
    ----------
    units : int
        Number of prototypes :math:`K`.
    classes : int
        Number of classes :math:`C`.
    eps0 : float
        Starting :math:`\varepsilon_0 > 0`.
    seed : int
        Seed of :class:`SeededRandom`.
    lim : float, default 2.2
        The prototypes start uniform on :math:`[-\ell, \ell]^2` (:math:`\ell > 0`).
    b0 : float, default 1.0
        Starting :math:`b_0 > 0`.

    Returns
    -------
    theta : ndarray of float64
        The parameters, laid out as :func:`layout` says.
    rng : SeededRandom
        The generator, after the :math:`2K + KC` draws of the start.
    """
    _check_positive(eps0=eps0, b0=b0, lim=lim)
    L = layout(units, classes)
    rng = SeededRandom(seed)
    theta = np.zeros(L["size"], np.float64)
    theta[L["W"]] = [-lim + 2 * lim * rng.uniform() for _ in range(2 * units)]
    a = math.sqrt(3 / units)
    theta[L["A"]] = [a * (2 * rng.uniform() - 1) for _ in range(units * classes)]
    theta[L["raw_b"]] = math.log(math.expm1(b0))
    theta[L["raw_eps"]] = math.log(math.expm1(eps0))
    return theta, rng


def _check_positive(**values: float) -> None:
    for name, v in values.items():
        if not (isinstance(v, (int, float, np.floating, np.integer)) and math.isfinite(v) and v > 0):
            raise ValueError(f"{name} must be a finite number > 0; got {v!r}.")


def _unpack(theta: np.ndarray, units: int, classes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    L = layout(units, classes)
    W = theta[L["W"]].reshape(units, 2)
    A = theta[L["A"]].reshape(units, classes)
    return W, A, theta[L["c"]], float(theta[L["raw_b"]]), float(theta[L["raw_eps"]])


def forward(theta: np.ndarray, X: np.ndarray, units: int, classes: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Logits ``[N, C]`` of the network ``theta`` on ``X [N, 2]``, and the intermediate values.

    Parameters
    ----------
    theta : ndarray of float64
        The parameters, laid out as :func:`layout` says (raw, before the softplus, for ``b`` and ``eps``).
    X : ndarray ``[N, 2]``
        The inputs.
    units : int
        Number of prototypes ``K``.
    classes : int
        Number of classes ``C``.

    Returns
    -------
    logits : ndarray ``[N, C]``
        ``phi @ A + c``.
    values : dict of str to ndarray
        ``s [N, K]`` (``w · x + b``), ``den [N, K]`` (squared distance plus ``eps``) and ``phi [N, K]``
        (the units' activations ``s**2 / den``), for the backward pass.
    """
    W, A, c, rb, re = _unpack(theta, units, classes)
    b, eps = _softplus(rb), _softplus(re)
    x0, x1 = X[:, 0:1], X[:, 1:2]
    s = W[:, 0] * x0 + W[:, 1] * x1 + b
    e0, e1 = x0 - W[:, 0], x1 - W[:, 1]
    den = e0 * e0 + e1 * e1 + eps
    phi = s * s / den
    return phi @ A + c, {"s": s, "den": den, "phi": phi}


def loss_and_gradient(
    theta: ArrayLike, X: ArrayLike, y: ArrayLike, units: int, classes: int
) -> tuple[float, np.ndarray, int]:
    r"""Mean cross-entropy on ``(X, y)``, its gradient with respect to ``theta``, and the number of correct predictions.

    With :math:`p = \operatorname{softmax}(z)` and :math:`\delta = (p - \mathbb 1_y)/B`:
    :math:`\nabla_A = \phi^\top\delta`, :math:`\nabla_c = \sum_n \delta_n`,
    :math:`g = \delta A^\top`; writing :math:`\phi = s^2/d` with :math:`s = w\cdot x + b` and
    :math:`d = \lVert x - w\rVert^2 + \varepsilon`,
    :math:`\partial s = 2 s g / d`, :math:`\partial d = -\phi g / d`,
    :math:`\nabla_{w_u} = \sum_n \partial s_{nu}\, x_n + 2\,\partial d_{nu}\,(w_u - x_n)`,
    :math:`\partial b = \sum \partial s`, :math:`\partial\varepsilon = \sum \partial d`, and through
    the softplus :math:`\partial\tilde b = \partial b\,\sigma(\tilde b)` (likewise for :math:`\tilde\varepsilon`).

    Parameters
    ----------
    theta : array
        The parameters, laid out as :func:`layout` says.
    X : array ``[B, 2]``
        The batch's inputs.
    y : array ``[B]``
        Their integer classes, ``0 .. C-1``.
    units : int
        Number of prototypes :math:`K`.
    classes : int
        Number of classes :math:`C`.

    Returns
    -------
    loss : float
        Mean softmax cross-entropy over the batch (``inf`` or ``nan`` once a run has diverged).
    gradient : ndarray of float64
        Its gradient with respect to ``theta``, same layout.
    correct : int
        Number of rows whose largest logit is their class.
    """
    with np.errstate(all="ignore"):  # a diverged run gives inf or nan, as in the browser; train_run stops on it
        return _loss_and_gradient(
            np.asarray(theta, np.float64), np.asarray(X, np.float64), np.asarray(y, np.int64), units, classes
        )


def _loss_and_gradient(
    th: np.ndarray, Xa: np.ndarray, ya: np.ndarray, units: int, classes: int
) -> tuple[float, np.ndarray, int]:
    L = layout(units, classes)
    W, A, _, rb, re = _unpack(th, units, classes)
    z, v = forward(th, Xa, units, classes)
    B = len(Xa)
    zmax = z.max(axis=1, keepdims=True)
    ez = np.exp(z - zmax)
    total = ez.sum(axis=1, keepdims=True)
    rows = np.arange(B)
    loss = float(np.mean(np.log(total[:, 0]) + zmax[:, 0] - z[rows, ya]))
    correct = int((z.argmax(axis=1) == ya).sum())
    onehot = np.zeros_like(z)
    onehot[rows, ya] = 1.0
    dz = (ez / total - onehot) / B
    g = np.zeros_like(th)
    phi, s, den = v["phi"], v["s"], v["den"]
    g[L["A"]] = (phi.T @ dz).ravel()
    g[L["c"]] = dz.sum(axis=0)
    dphi = dz @ A.T
    ds = 2 * s * dphi / den
    dd = -phi * dphi / den
    x0, x1 = Xa[:, 0:1], Xa[:, 1:2]
    gW = np.stack(
        [(ds * x0 + 2 * dd * (W[:, 0] - x0)).sum(axis=0), (ds * x1 + 2 * dd * (W[:, 1] - x1)).sum(axis=0)], axis=1
    )
    g[L["W"]] = gW.ravel()
    g[L["raw_b"]] = ds.sum() * _sigmoid(rb)
    g[L["raw_eps"]] = dd.sum() * _sigmoid(re)
    return loss, g, correct


class ToyTrainer:
    r"""Adam on a Yat MLP for 2-D data, in float64: ``yat_trainer.js``'s ``trainerCreate`` / ``trainerStep`` in Python.

    Parameters
    ----------
    X, y : arrays ``[N, 2]`` and ``[N]``
        The data; classes ``0 .. C-1`` with :math:`C = \max(2, \max y + 1)`.
    units : int
        Number of prototypes :math:`K` (1 to 256).
    eps0 : float
        Starting :math:`\varepsilon > 0`.
    seed : int
        Seed of :class:`SeededRandom` (the start and the mini-batches).
    learning_rate : float
        Adam's step size.
    batch_size : int, optional
        Rows per step; ``None`` or at least ``N`` trains on every row at every step. Smaller
        batches take consecutive slices of a permutation reshuffled at each epoch.
    lim : float
        The starting prototypes are uniform on :math:`[-\ell, \ell]^2`.
    b0 : float
        Starting :math:`b > 0`.
    theta : array, optional
        Starting parameters replacing the seeded ones (the generator is still drawn from).
    """

    def __init__(
        self,
        X: ArrayLike,
        y: ArrayLike,
        *,
        units: int,
        eps0: float,
        seed: int,
        learning_rate: float = 0.03,
        batch_size: int | None = None,
        lim: float = 2.2,
        b0: float = 1.0,
        theta: ArrayLike | None = None,
    ) -> None:
        self.X = np.asarray(X, np.float64)
        self.y = np.asarray(y, np.int64)
        if self.X.ndim != 2 or self.X.shape[1] != 2 or len(self.X) < 1 or not np.isfinite(self.X).all():
            raise ValueError(f"X must be a finite [N, 2] array with N >= 1; got shape {self.X.shape}.")
        if self.y.shape != (len(self.X),) or self.y.min() < 0:
            raise ValueError(f"y must hold {len(self.X)} class labels >= 0; got shape {self.y.shape}.")
        if not isinstance(units, (int, np.integer)) or not 1 <= units <= 256:
            raise ValueError(f"units must be an integer between 1 and 256; got {units!r}.")
        _check_positive(learning_rate=learning_rate)
        if batch_size is not None and (not isinstance(batch_size, (int, np.integer)) or batch_size < 1):
            raise ValueError(f"batch_size must be a positive integer or None (every row); got {batch_size!r}.")
        self.N, self.K = len(self.X), int(units)
        self.C = max(2, int(self.y.max()) + 1)
        self.lim, self.learning_rate = float(lim), float(learning_rate)
        start, self.rng = initial_parameters(self.K, self.C, eps0, seed, lim=lim, b0=b0)
        self.theta = start if theta is None else np.array(theta, np.float64)
        if self.theta.shape != start.shape:
            raise ValueError(
                f"theta must have {start.size} numbers for K={self.K}, C={self.C}; got {self.theta.shape}."
            )
        self.batch_size = self.N if batch_size is None else min(int(batch_size), self.N)
        self.perm = np.arange(self.N)
        self.cursor = 0
        self.m = np.zeros_like(self.theta)
        self.v = np.zeros_like(self.theta)
        self.step_count = 0

    def next_batch(self) -> np.ndarray:
        """Row indices of the next batch (the browser's ``trainerNextBatch``)."""
        bs = self.batch_size
        if bs >= self.N:
            return np.arange(self.N)
        if self.cursor == 0:
            self.rng.shuffle(self.perm)
        idx = self.perm[self.cursor : self.cursor + bs].copy()
        self.cursor += bs
        if self.cursor + bs > self.N:
            self.cursor = 0
        return idx

    def step(self) -> float:
        r"""One Adam step on the next batch; returns the batch loss.

        :math:`m \leftarrow (1-\beta_1) g + \beta_1 m`, :math:`v \leftarrow (1-\beta_2) g^2 + \beta_2 v`,
        :math:`\theta \leftarrow \theta - \eta\, \frac{m/(1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)} + \hat\epsilon}`.
        """
        idx = self.next_batch()
        loss, g, _ = loss_and_gradient(self.theta, self.X[idx], self.y[idx], self.K, self.C)
        self.step_count += 1
        t = self.step_count
        c1, c2 = 1 - ADAM_B1**t, 1 - ADAM_B2**t
        with np.errstate(all="ignore"):
            self.m = (1 - ADAM_B1) * g + ADAM_B1 * self.m
            self.v = (1 - ADAM_B2) * (g * g) + ADAM_B2 * self.v
            self.theta = self.theta - self.learning_rate * ((self.m / c1) / (np.sqrt(self.v / c2) + ADAM_EPS))
        return loss

    def evaluate(self) -> tuple[float, float]:
        """Loss and accuracy on all the training data."""
        loss, _, correct = loss_and_gradient(self.theta, self.X, self.y, self.K, self.C)
        return loss, correct / self.N

    @property
    def prototypes(self) -> np.ndarray:
        """The prototypes ``[K, 2]``."""
        return _unpack(self.theta, self.K, self.C)[0].copy()

    @property
    def readout(self) -> tuple[np.ndarray, np.ndarray]:
        """The readout ``(A [K, C], c [C])``."""
        W, A, c, _, _ = _unpack(self.theta, self.K, self.C)
        return A.copy(), c.copy()

    @property
    def b(self) -> float:
        """The current :math:`b`."""
        return _softplus(float(self.theta[layout(self.K, self.C)["raw_b"]]))

    @property
    def eps(self) -> float:
        """The current :math:`\\varepsilon`."""
        return _softplus(float(self.theta[layout(self.K, self.C)["raw_eps"]]))


def train_run(
    dataset: str,
    *,
    units: int = 12,
    eps0: float = 0.3,
    seed: int = 0,
    steps: int = 300,
    every: int = 10,
    learning_rate: float = 0.03,
    batch_size: int | None = None,
    n: int = 200,
    lim: float = 2.2,
    progress: Callable[[float, str], None] | None = None,
) -> dict[str, Any]:
    r"""Train on the figure's data set ``dataset`` and record a snapshot every ``every`` steps.

    Parameters
    ----------
    dataset : str
        One of :data:`FIGURE_DATASETS`; the data are :func:`figure_data` of it.
    units : int, default 12
        Number of prototypes :math:`K` (1 to 256).
    eps0 : float, default 0.3
        Starting :math:`\varepsilon > 0`.
    seed : int, default 0
        Seed of the start and of the mini-batches.
    steps : int, default 300
        Adam steps (0 to 20000).
    every : int, default 10
        Steps between snapshots (at least 1); the start and the last step are always recorded.
    learning_rate : float, default 0.03
        Adam's step size (> 0).
    batch_size : int, optional
        Rows per step; None (or at least ``n``) trains on every row at every step.
    n : int, default 200
        Number of points of the data set.
    lim : float, default 2.2
        The prototypes start uniform on :math:`[-\ell, \ell]^2`.
    progress : callable ``(fraction, message)``, optional
        Called after each snapshot but the first with the fraction of steps done (0 to 1) and a line of text.

    Returns
    -------
    dict
        The settings (``dataset``, ``units``, ``eps0``, ``seed``, ``learning_rate``,
        ``batch_size`` (``n`` for a full batch), ``lim``), the data ``X [n, 2]``, ``y [n]``, and per
        snapshot: ``steps [S]``, ``prototypes [S, K, 2]``, ``readout [S, K, C]``, ``bias [S, C]``,
        ``b [S]``, ``eps [S]``, ``loss [S]`` and ``accuracy [S]`` (on all the training data).
        If the loss stops being finite (too large a learning rate), the run ends there.
    """
    if not isinstance(steps, (int, np.integer)) or not 0 <= steps <= 20000:
        raise ValueError(f"steps must be an integer between 0 and 20000; got {steps!r}.")
    if not isinstance(every, (int, np.integer)) or every < 1:
        raise ValueError(f"every must be a positive integer; got {every!r}.")
    X, y = figure_data(dataset, n)
    tr = ToyTrainer(
        X, y, units=units, eps0=eps0, seed=seed, learning_rate=learning_rate, batch_size=batch_size, lim=lim
    )
    snaps: dict[str, list] = {k: [] for k in ("steps", "prototypes", "readout", "bias", "b", "eps", "loss", "accuracy")}

    def snapshot() -> bool:
        loss, acc = tr.evaluate()
        if not (math.isfinite(loss) and np.isfinite(tr.theta).all()):
            return False
        A, c = tr.readout
        for k, v in (
            ("steps", tr.step_count),
            ("prototypes", tr.prototypes),
            ("readout", A),
            ("bias", c),
            ("b", tr.b),
            ("eps", tr.eps),
            ("loss", loss),
            ("accuracy", acc),
        ):
            snaps[k].append(v)
        return True

    snapshot()
    for s in range(1, steps + 1):
        tr.step()
        if s % every == 0 or s == steps:
            if not snapshot():
                break
            if progress is not None:
                progress(s / max(steps, 1), f"step {s} of {steps}, training accuracy {snaps['accuracy'][-1]:.1%}")
    out: dict[str, Any] = {k: np.asarray(v) for k, v in snaps.items()}
    out.update(
        dataset=dataset,
        units=int(units),
        eps0=float(eps0),
        seed=int(seed),
        learning_rate=float(learning_rate),
        batch_size=tr.batch_size,
        lim=float(lim),
        X=X,
        y=y,
    )
    return out


def live_run(params: dict, progress: Callable[[float, str], None]) -> dict[str, Any]:
    """A run for the settings a reader chose in Figure F06 (the widget's live path).

    ``params``: ``dataset``, ``units`` (4 to 64), ``eps0`` (0.001 to 10), ``seed`` (0 to 2³¹ − 1),
    ``learning_rate`` (0.0001 to 1), ``batch_size`` (``None`` for every row), ``steps`` (1 to 5000).
    Bad values raise :class:`ValueError` with a message for the reader.

    Parameters
    ----------
    params : dict
        The reader's settings, as listed above (``every``, default 10, is optional); ``n`` and ``lim``
        keep :func:`train_run`'s defaults.
    progress : callable ``(fraction, message)``
        Called after each snapshot but the first with the fraction of steps done and a line of text.

    Returns
    -------
    dict
        What :func:`train_run` returns.
    """

    def number(key: str, lo: float, hi: float, integer: bool = False) -> Any:
        v = params.get(key)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and lo <= v <= hi
        if not isinstance(v, (int, float)) or not ok or (integer and float(v) != int(v)):
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"{key} must be {kind} between {lo:g} and {hi:g}; got {v!r}.")
        return int(v) if integer else float(v)

    dataset = params.get("dataset")
    if dataset not in FIGURE_DATASETS:
        raise ValueError(f"dataset must be one of {list(FIGURE_DATASETS)}; got {dataset!r}.")
    batch = params.get("batch_size")
    return train_run(
        dataset,
        units=number("units", 4, 64, True),
        eps0=number("eps0", 1e-3, 10),
        seed=number("seed", 0, 2**31 - 1, True),
        learning_rate=number("learning_rate", 1e-4, 1),
        batch_size=None if batch is None else number("batch_size", 1, 10**6, True),
        steps=number("steps", 1, 5000, True),
        every=max(1, int(params.get("every", 10) or 10)),
        progress=progress,
    )
