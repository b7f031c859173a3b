r"""The classifier built by hand, studied as the number of prototypes grows (Part II, chapter 1).

Twenty k-means centroids are fitted once per class and ordered by cluster
size; "``n`` prototypes per class" means the ``n`` largest clusters of each
class, so growing ``n`` adds prototypes one at a time, the most representative
first. The activations :math:`\phi_u(x)` of all prototypes on the test set are
computed once; each count then only selects columns, so evaluating a count
costs a column selection and two arg-maxes, not a new kernel evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from jax.typing import ArrayLike

from .apply import in_batches
from .kernels import squared_distances, yat
from .prototypes import nearest_prototype, sum_vote
from .validation import check_array, check_int, check_labels, check_nonnegative, check_positive

__all__ = ["CountSweep", "KernelSweep", "select_first", "accuracy_at", "sweep_counts", "sweep_grid", "sweep_function"]

Sources = Mapping[str, tuple[ArrayLike, ArrayLike]]
"""Prototype sets by name: ``{name: (prototypes [K, D], labels [K])}``, prototypes grouped per class."""


def select_first(labels: ArrayLike, n: int) -> np.ndarray:
    """Indices of the first ``n`` prototypes of every class (prototypes grouped per class, in order).

    Parameters
    ----------
    labels : array ``[K]``
        The class of each prototype (integers ``>= 0``), not empty.
    n : int
        Prototypes to keep per class, from 1 to the size of the smallest class.

    Returns
    -------
    ndarray ``[n * C]``
        Indices into ``labels``, class by class in increasing class order, each class's in their
        original order (C = the number of classes present).
    """
    lab = check_labels(labels, "labels", who="select_first")
    if len(lab) == 0:
        raise ValueError("labels is empty; pass one class per prototype (at least one prototype).")
    counts = np.bincount(lab)
    n = check_int(
        n,
        "n",
        low=1,
        high=int(counts[counts > 0].min()),
        why="It counts prototypes per class, at most as many as the smallest class has.",
    )
    return np.concatenate([np.flatnonzero(lab == c)[:n] for c in np.unique(lab)])


def accuracy_at(phi: np.ndarray, labels: ArrayLike, y: ArrayLike, n: int, n_classes: int) -> tuple[float, float]:
    """Sum-vote and nearest-prototype accuracy using the first ``n`` prototypes of each class.

    ``phi`` is the activation matrix ``[N, K]`` of all prototypes on the items ``y``.

    Parameters
    ----------
    phi : array ``[N, K]``
        Activations of all ``K`` prototypes on the ``N`` items.
    labels : array ``[K]``
        The class of each prototype, in ``0..n_classes-1``, grouped per class.
    y : array ``[N]``
        The items' true classes, in ``0..n_classes-1``.
    n : int
        Prototypes used per class, the first ``n`` of each (see :func:`select_first`).
    n_classes : int
        The number of classes C, at least 1.

    Returns
    -------
    sum_vote, nearest : float
        The fraction of items, in [0, 1], that the sum-vote and the nearest-prototype rule classify correctly.
    """
    n_classes = check_int(n_classes, "n_classes", low=1)
    lab = check_labels(labels, "labels", n_classes=n_classes, classes_of="n_classes", who="accuracy_at")
    ya = check_labels(y, "y", n_classes=n_classes, classes_of="n_classes", who="accuracy_at")
    phi = check_array(phi, "phi", dtype=np.float64, who="accuracy_at")
    if phi.shape != (len(ya), len(lab)):
        raise ValueError(f"phi must be [items, prototypes] = [{len(ya)}, {len(lab)}]; got {phi.shape}.")
    sel = select_first(lab, n)
    sub, sub_lab = phi[:, sel], lab[sel]
    return (
        float((sum_vote(sub, sub_lab, n_classes) == ya).mean()),
        float((nearest_prototype(sub, sub_lab) == ya).mean()),
    )


@dataclass(frozen=True)
class CountSweep:
    """Test accuracy of the hand-built classifier for each count of prototypes per class."""

    counts: np.ndarray
    sum_vote: np.ndarray
    nearest: np.ndarray


def sweep_counts(
    prototypes: ArrayLike,
    labels: ArrayLike,
    X: ArrayLike,
    y: ArrayLike,
    *,
    b: float = 0.5,
    eps: float = 0.05,
    batch_size: int = 2000,
) -> CountSweep:
    r"""Accuracy of the sum-vote and the nearest-prototype rule for every count 1..per-class.

    Computes :math:`\phi = \mathrm{yat}(X, W; b, \varepsilon)` once, then evaluates each count.

    Parameters
    ----------
    prototypes : array ``[K, D]``
        All prototypes, grouped per class (e.g. per-class k-means centroids, largest cluster first).
    labels : array ``[K]``
        The class of each prototype.
    X : array ``[N, D]``
        The items to classify, e.g. the test set.
    y : array ``[N]``
        Their true classes.
    b : float, default 0.5
        Numerator bias of the Yat kernel, :math:`b \ge 0` (the article's value).
    eps : float, default 0.05
        Denominator floor, :math:`\varepsilon > 0` (the article's value).
    batch_size : int, default 2000
        Items per kernel evaluation; it changes the memory used, not the result.

    Returns
    -------
    CountSweep
        ``counts`` = 1, 2, ... up to the size of the smallest class, and the ``sum_vote`` and
        ``nearest`` accuracies for each count (arrays of the same length).
    """
    W = check_array(prototypes, "prototypes", who="sweep_counts")
    lab = check_labels(labels, "labels", n=len(W), rows_of="prototypes", who="sweep_counts")
    Xa = check_array(X, "X", n_features=W.shape[1], features_of="the prototypes", who="sweep_counts")
    y = check_labels(y, "y", n=len(Xa), who="sweep_counts")
    check_nonnegative(b, "b", why="The numerator bias of the Yat kernel; the article uses 0.5.")
    check_positive(eps, "eps", why="It keeps the denominator away from zero; the article uses 0.05.")
    batch_size = check_int(batch_size, "batch_size", low=1)
    phi = in_batches(lambda x: yat(x, W, b=b, eps=eps), Xa, batch_size=batch_size)
    n_classes = int(max(lab.max(), np.max(y)) + 1)
    per_class = int(np.bincount(lab)[np.bincount(lab) > 0].min())
    counts = np.arange(1, per_class + 1)
    acc = np.array([accuracy_at(phi, lab, y, int(n), n_classes) for n in counts])
    return CountSweep(counts, acc[:, 0], acc[:, 1])


@dataclass(frozen=True)
class KernelSweep:
    """The count sweeps of several prototype sets at one kernel setting ``(b, eps)``."""

    b: float
    eps: float
    sweeps: dict[str, CountSweep]


def _sweeps_from_parts(dots: dict, d2s: dict, sources: Sources, y: np.ndarray, b: float, eps: float) -> KernelSweep:
    out = {}
    for name, (_, labels) in sources.items():
        lab = np.asarray(labels)
        phi = (dots[name] + b) ** 2 / (d2s[name] + eps)
        n_classes = int(max(lab.max(), y.max()) + 1)
        per_class = int(np.bincount(lab)[np.bincount(lab) > 0].min())
        counts = np.arange(1, per_class + 1)
        acc = np.array([accuracy_at(phi, lab, y, int(n), n_classes) for n in counts])
        out[name] = CountSweep(counts, acc[:, 0], acc[:, 1])
    return KernelSweep(float(b), float(eps), out)


def _parts(sources: Sources, X: ArrayLike, batch_size: int = 2000) -> tuple[dict, dict]:
    Xa = np.asarray(X, np.float32)
    dots, d2s = {}, {}
    for name, (W, _) in sources.items():
        Wa = np.asarray(W, np.float32)
        dots[name] = (Xa @ Wa.T).astype(np.float64)
        d2s[name] = in_batches(lambda x, w=Wa: squared_distances(x, w), Xa, batch_size=batch_size).astype(np.float64)
    return dots, d2s


def sweep_grid(
    sources: Sources, X: ArrayLike, y: ArrayLike, *, b: Sequence[float], eps: Sequence[float]
) -> list[KernelSweep]:
    r"""The count sweeps of every prototype set for every pair of ``b`` and ``eps`` values.

    :math:`w_u \cdot x` and :math:`\lVert x - w_u\rVert^2` are computed once per set; each
    kernel setting then costs :math:`\phi = (w\cdot x + b)^2 / (\lVert x - w\rVert^2 + \varepsilon)`
    and the arg-maxes.

    Parameters
    ----------
    sources : mapping
        Prototype sets by name, ``{name: (prototypes [K, D], labels [K])}``, prototypes grouped per class.
    X : array ``[N, D]``
        The items to classify.
    y : array ``[N]``
        Their true classes.
    b : sequence of float
        Numerator biases to try, each :math:`\ge 0`.
    eps : sequence of float
        Denominator floors to try, each :math:`> 0`.

    Returns
    -------
    list of KernelSweep
        One per pair, ``len(b) * len(eps)`` of them, ``b`` varying slowest; each holds a
        :class:`CountSweep` per prototype set.
    """
    for v in b:
        check_nonnegative(v, "b", why="Every numerator bias of the grid must be >= 0.")
    for v in eps:
        check_positive(v, "eps", why="Every denominator floor of the grid must be > 0.")
    ya = check_labels(y, "y", who="sweep_grid")
    dots, d2s = _parts(sources, X)
    return [_sweeps_from_parts(dots, d2s, sources, ya, float(bb), float(ee)) for bb in b for ee in eps]


def _number(value: object) -> float:
    """``value`` as a float, NaN when it is not a number (the caller says what was expected)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def sweep_function(
    sources: Sources, X: ArrayLike, y: ArrayLike
) -> Callable[[dict, Callable[[float, str], None]], dict]:
    """The live path of :class:`yatlib.widgets.HandBuiltExplorer`: the sweeps at any ``b`` and ``eps``.

    Returns ``compute(params, progress)`` for the widget, where ``params`` holds ``"b"`` (≥ 0) and
    ``"eps"`` (> 0); the dot products and distances are computed on its first call and kept.

    Parameters
    ----------
    sources : mapping
        Prototype sets by name, ``{name: (prototypes [K, D], labels [K])}``, prototypes grouped per class.
    X : array ``[N, D]``
        The items to classify.
    y : array ``[N]``
        Their true classes.

    Returns
    -------
    callable ``(params, progress) -> dict``
        ``compute``: ``progress(fraction, message)`` reports its progress; it returns a dict of
        ``b``, ``eps`` and ``sweeps``, one ``{"sum", "nearest"}`` pair of accuracy arrays (one entry per
        count of prototypes per class) for each set, in the order of ``sources``. A ``b`` or ``eps``
        out of range raises ``ValueError``.
    """
    ya = np.asarray(y)
    parts: dict[str, dict] = {}

    def compute(params: dict, progress: Callable[[float, str], None]) -> dict:
        b, eps = _number(params.get("b")), _number(params.get("eps"))
        if not (np.isfinite(b) and b >= 0):
            raise ValueError(f"b must be a number >= 0; got {params.get('b')!r}.")
        if not (np.isfinite(eps) and eps > 0):
            raise ValueError(f"eps must be a number > 0; got {params.get('eps')!r}.")
        if not parts:
            progress(0.0, "computing the distances to every prototype (once)")
            parts["dots"], parts["d2s"] = _parts(sources, X)
        progress(0.5, f"sweeping the numbers of prototypes per class at b = {b:g}, ε = {eps:g}")
        ks = _sweeps_from_parts(parts["dots"], parts["d2s"], sources, ya, b, eps)
        progress(1.0, "done")
        return {"b": b, "eps": eps, "sweeps": [{"sum": s.sum_vote, "nearest": s.nearest} for s in ks.sweeps.values()]}

    return compute
