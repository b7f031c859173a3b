r"""Prototypes chosen by hand, and the classifier they make with no training.

A bank of labelled prototypes :math:`w_u` with class :math:`c(u)` and the
one-hot readout :math:`A_{uc} = 1[c(u) = c]` is already a classifier:

.. math::

    \hat y_{\text{sum}}(x) = \arg\max_c \sum_{u:\,c(u)=c} \phi_u(x),
    \qquad
    \hat y_{\text{nearest}}(x) = c\big(\arg\max_u \phi_u(x)\big).

The sum-vote is what a linear readout can express; the nearest-prototype rule
(a max) is not linear in :math:`\phi`, so a linear layer cannot compute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import sklearn
from jax.typing import ArrayLike
from sklearn.cluster import KMeans

from .apply import in_batches
from .cache import cached_arrays
from .kernels import yat
from .validation import (
    check_array,
    check_choice,
    check_int,
    check_labels,
    check_nonnegative,
    check_positive,
    check_xy,
    to_jax,
)

__all__ = [
    "kmeans_prototypes",
    "random_exemplars",
    "matched_noise",
    "one_hot_readout",
    "sum_vote",
    "nearest_prototype",
    "HandBuiltClassifier",
]

Rule = Literal["sum", "nearest"]


def _check_count(per_class: int) -> int:
    return check_int(per_class, "per_class", low=1, why="It is the number of prototypes per class.")


def _check_phi(phi: ArrayLike, labels: ArrayLike, n_classes: int | None, who: str) -> tuple[np.ndarray, np.ndarray]:
    """Activations ``[N, K]`` (K >= 1) and one label per prototype (column)."""
    P = check_array(phi, "phi", dtype=np.float64, who=who)
    if P.shape[1] == 0:
        raise ValueError(
            f"phi has no prototypes (shape {P.shape}, 0 columns); {who} needs at least one prototype. "
            "Compute phi against a non-empty set of prototypes."
        )
    lab = check_labels(
        labels,
        "labels",
        n=P.shape[1],
        rows_of="phi's columns (one label per prototype)",
        n_classes=n_classes,
        classes_of="n_classes",
        who=who,
    )
    return P, lab


def kmeans_prototypes(
    X: ArrayLike,
    y: ArrayLike,
    per_class: int,
    *,
    max_per_class: int | None = 2500,
    n_init: int = 3,
    random_state: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """k-means centroids of each class: ``(prototypes [C*per_class, D], labels [C*per_class])``.

    For each class ``c`` (in sorted order) k-means with ``per_class`` clusters
    runs on the first ``max_per_class`` items of that class (all if None).
    Within a class the centroids are ordered by cluster size, largest first,
    so the first ``n`` of them are the ``n`` most populated clusters: taking a
    prefix is "adding prototypes one at a time, most representative first".

    The result is cached (:mod:`yatlib.cache`), keyed by the arguments, scikit-learn's
    version and a fingerprint of ``X`` and ``y``: k-means on a full data set takes tens of
    seconds, and several chapters (and their re-runs in JupyterLab) ask for the same centroids.

    Parameters
    ----------
    X : array ``[N, D]``
        Training items (finite; clustered as float32).
    y : array ``[N]``
        Their integer class labels; every class present in ``y`` gets ``per_class`` centroids.
    per_class : int
        Centroids per class, at least 1 and at most the number of items each class has to cluster.
    max_per_class : int or None, default 2500
        k-means sees only the first ``max_per_class`` items of each class (in the order of ``X``); None: all.
    n_init : int, default 3
        Runs of k-means per class from different starts (scikit-learn's ``n_init``); the best one is kept.
    random_state : int, default 0
        Seed of k-means (non-negative).

    Returns
    -------
    prototypes : float32 ndarray ``[C*per_class, D]``
        The centroids, class by class in increasing class order, largest cluster first within a class
        (``C``: the number of classes present in ``y``).
    labels : int32 ndarray ``[C*per_class]``
        The class of each centroid.
    """
    Xa, ya = check_xy(X, y, who="kmeans_prototypes")
    k = _check_count(per_class)
    if max_per_class is not None:
        check_int(max_per_class, "max_per_class", low=1)
    check_int(n_init, "n_init", low=1)
    check_int(random_state, "random_state", low=0)
    return _kmeans(Xa, ya, k, max_per_class=max_per_class, n_init=n_init, random_state=random_state)


def _kmeans(
    Xa: np.ndarray, ya: np.ndarray, k: int, *, max_per_class: int | None, n_init: int, random_state: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`kmeans_prototypes` on checked arguments."""
    for c, n in zip(*np.unique(ya, return_counts=True)):
        if min(n, max_per_class or n) < k:
            raise ValueError(
                f"per_class={k} is too large: class {c} has only {min(n, max_per_class or n)} items to "
                "cluster. Lower per_class or pass more items of that class."
            )

    def compute() -> dict[str, np.ndarray]:
        protos, labels = [], []
        for c in np.unique(ya):
            km = KMeans(n_clusters=k, n_init=n_init, random_state=random_state).fit(Xa[ya == c][:max_per_class])
            order = np.argsort(-np.bincount(km.labels_, minlength=k), kind="stable")
            protos.append(km.cluster_centers_[order].astype(np.float32))
            labels.append(np.full(k, c, dtype=np.int32))
        return {"prototypes": np.concatenate(protos), "labels": np.concatenate(labels)}

    config = {
        "per_class": k,
        "max_per_class": max_per_class,
        "n_init": n_init,
        "random_state": random_state,
        "sklearn": sklearn.__version__,
    }
    out = cached_arrays("kmeans", config, compute, data={"X": Xa, "y": ya}, verbose=False)
    return out["prototypes"], out["labels"]


def random_exemplars(X: ArrayLike, y: ArrayLike, per_class: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` training items drawn at random from each class: ``(prototypes, labels)``.

    Parameters
    ----------
    X : array ``[N, D]``
        Training items.
    y : array ``[N]``
        Their integer class labels.
    per_class : int
        Items drawn per class, without replacement: at least 1 and at most the size of the smallest class.
    seed : int, default 0
        Seed of the draw (``numpy.random.default_rng``).

    Returns
    -------
    prototypes : float32 ndarray ``[C*per_class, D]``
        The drawn items, class by class in increasing class order (``C``: the classes present in ``y``).
    labels : int32 ndarray ``[C*per_class]``
        The class of each.
    """
    Xa, ya = check_xy(X, y, who="random_exemplars")
    k = _check_count(per_class)
    rng = np.random.default_rng(seed)
    protos, labels = [], []
    for c in np.unique(ya):
        idx = np.flatnonzero(ya == c)
        if len(idx) < k:
            raise ValueError(
                f"per_class={k} is too large: class {c} has only {len(idx)} items. "
                "Lower per_class or pass more items of that class."
            )
        pick = rng.choice(idx, size=k, replace=False)
        protos.append(Xa[pick])
        labels.append(np.full(k, c, dtype=np.int32))
    return np.concatenate(protos), np.concatenate(labels)


def matched_noise(X: ArrayLike, n: int, *, seed: int = 0, clip: tuple[float, float] | None = (0.0, 1.0)) -> np.ndarray:
    r"""``n`` noise vectors with the data's per-pixel mean and std: :math:`\mathrm{clip}(\mu + \sigma z)`,
    :math:`z \sim N(0, I)`.

    They match the data's first two moments pixel by pixel but carry no spatial structure.

    Parameters
    ----------
    X : array ``[N, D]``
        The data whose per-feature mean :math:`\mu` and standard deviation :math:`\sigma` are matched
        (at least 2 rows).
    n : int
        Number of noise vectors, at least 1.
    seed : int, default 0
        Seed of :math:`z` (``numpy.random.default_rng``).
    clip : (float, float) or None, default (0.0, 1.0)
        ``(low, high)`` with ``low < high``: the range the values are clipped to (the range of pixel
        intensities by default); None: no clipping.

    Returns
    -------
    float32 ndarray ``[n, D]``
        The noise vectors, one per row.
    """
    Xa = check_array(X, "X", min_rows=2, who="matched_noise")
    n = check_int(n, "n", low=1, why="It is the number of noise vectors to draw.")
    if clip is not None and (len(clip) != 2 or not clip[0] < clip[1]):
        raise ValueError(f"clip must be a pair (low, high) with low < high, or None; got {clip!r}.")
    return _matched_noise(Xa, n, seed=seed, clip=clip)


def _matched_noise(Xa: np.ndarray, n: int, *, seed: int, clip: tuple[float, float] | None) -> np.ndarray:
    """:func:`matched_noise` on checked arguments."""
    mu, sd = Xa.mean(0), Xa.std(0)
    noise = mu + sd * np.random.default_rng(seed).standard_normal((n, Xa.shape[1])).astype(np.float32)
    return np.clip(noise, *clip).astype(np.float32) if clip is not None else noise.astype(np.float32)


def one_hot_readout(labels: ArrayLike, n_classes: int) -> np.ndarray:
    """The readout :math:`A_{uc} = 1[c(u) = c]`, shape ``[K, n_classes]``.

    Parameters
    ----------
    labels : array ``[K]``
        The class :math:`c(u)` of each prototype, whole numbers ``0 .. n_classes-1`` (at least one prototype).
    n_classes : int
        The number of classes :math:`C`, at least 1.

    Returns
    -------
    float32 ndarray ``[K, n_classes]``
        Row ``u`` is the one-hot vector of class ``labels[u]``.
    """
    n_classes = check_int(n_classes, "n_classes", low=1)
    lab = check_labels(labels, "labels", n_classes=n_classes, classes_of="n_classes", who="one_hot_readout")
    if len(lab) == 0:
        raise ValueError("labels is empty; pass one class per prototype (at least one prototype).")
    return np.eye(n_classes, dtype=np.float32)[lab]


def sum_vote(phi: ArrayLike, labels: ArrayLike, n_classes: int) -> np.ndarray:
    r"""Sum-vote prediction: the class whose prototypes' activations sum highest, ``[N]``.

    Parameters
    ----------
    phi : array ``[N, K]``
        Activations :math:`\phi_u(x)` of ``K >= 1`` prototypes on ``N`` inputs
        (e.g. :meth:`HandBuiltClassifier.activations`).
    labels : array ``[K]``
        The class of each prototype (each column of ``phi``), ``0 .. n_classes-1``.
    n_classes : int
        The number of classes :math:`C`, at least 1.

    Returns
    -------
    ndarray ``[N]``
        :math:`\arg\max_c \sum_{u:\,c(u)=c} \phi_u(x)` for each input (a tie goes to the lowest class).
    """
    P, lab = _check_phi(phi, labels, check_int(n_classes, "n_classes", low=1), "sum_vote")
    return np.asarray(to_jax(P) @ one_hot_readout(lab, n_classes)).argmax(-1)


def nearest_prototype(phi: ArrayLike, labels: ArrayLike) -> np.ndarray:
    r"""Nearest-prototype prediction: the class of the most activated prototype, ``[N]``.

    Parameters
    ----------
    phi : array ``[N, K]``
        Activations :math:`\phi_u(x)` of ``K >= 1`` prototypes on ``N`` inputs.
    labels : array ``[K]``
        The class of each prototype (each column of ``phi``).

    Returns
    -------
    int32 ndarray ``[N]``
        :math:`c\big(\arg\max_u \phi_u(x)\big)` for each input (a tie goes to the first prototype).
    """
    P, lab = _check_phi(phi, labels, None, "nearest_prototype")
    return lab[P.argmax(-1)]


@dataclass
class HandBuiltClassifier:
    r"""The Yat classifier built by hand: labelled prototypes, Yat kernel, one-hot readout, no training.

    Parameters
    ----------
    per_class : int
        Prototypes per class.
    init : {'kmeans', 'exemplars'}
        k-means centroids of each class, or random training items of each class.
    b, eps : float
        Yat kernel parameters (the article uses ``b=0.5, eps=0.05``).
    max_per_class : int
        k-means sees the first ``max_per_class`` items of each class.
    random_state : int
        Seed of k-means (``n_init=3``) or of the exemplar draw.

    Examples
    --------
    >>> clf = HandBuiltClassifier(per_class=20).fit(X, y)      # doctest: +SKIP
    >>> clf.score(X_test, y_test, rule="nearest")               # doctest: +SKIP
    """

    per_class: int = 20
    init: Literal["kmeans", "exemplars"] = "kmeans"
    b: float = 0.5
    eps: float = 0.05
    max_per_class: int = 2500
    random_state: int = 0
    prototypes_: np.ndarray | None = field(default=None, init=False, repr=False)
    labels_: np.ndarray | None = field(default=None, init=False, repr=False)
    n_classes_: int = field(default=0, init=False)

    def fit(self, X: ArrayLike, y: ArrayLike) -> HandBuiltClassifier:
        """Choose the prototypes from ``(X, y)``; returns self.

        Parameters
        ----------
        X : array ``[N, D]``
            Training items.
        y : array ``[N]``
            Their integer class labels ``0 .. C-1``; ``max(y) + 1`` becomes ``n_classes_``.

        Returns
        -------
        HandBuiltClassifier
            ``self``, with ``prototypes_`` ``[K, D]`` and ``labels_`` ``[K]`` set (``K``: ``per_class`` times
            the number of classes present in ``y``).
        """
        Xa, ya = check_xy(X, y, who="HandBuiltClassifier.fit")
        check_choice(self.init, "init", ("kmeans", "exemplars"))
        check_nonnegative(self.b, "b", why="The numerator bias of the Yat kernel; the article uses 0.5.")
        check_positive(self.eps, "eps", why="It keeps the denominator away from zero; the article uses 0.05.")
        if self.init == "kmeans":
            W, lab = kmeans_prototypes(
                Xa, ya, self.per_class, max_per_class=self.max_per_class, random_state=self.random_state
            )
        elif self.init == "exemplars":
            W, lab = random_exemplars(Xa, ya, self.per_class, seed=self.random_state)
        else:
            raise ValueError(f"init must be 'kmeans' or 'exemplars'; got {self.init!r}.")
        self.prototypes_, self.labels_, self.n_classes_ = W, lab, int(ya.max()) + 1
        return self

    def _fitted(self) -> tuple[np.ndarray, np.ndarray]:
        if self.prototypes_ is None or self.labels_ is None:
            raise ValueError("this classifier has no prototypes yet; call fit(X, y) first.")
        return self.prototypes_, self.labels_

    def activations(self, X: ArrayLike, *, batch_size: int = 4096) -> np.ndarray:
        r"""The activations :math:`\phi_u(x)` of every prototype, ``[N, K]``.

        Parameters
        ----------
        X : array ``[N, D]``
            Inputs with as many features as the prototypes. The classifier must be fitted.
        batch_size : int, default 4096
            Rows per call of the kernel (it bounds the memory used, not the result).

        Returns
        -------
        ndarray ``[N, K]``
            :math:`\phi_u(x_i)`, the Yat kernel with this classifier's ``b`` and ``eps``.
        """
        W, _ = self._fitted()
        Xa = check_array(X, "X", n_features=W.shape[1], features_of="the prototypes", who="activations")
        return in_batches(lambda x: yat(x, W, b=self.b, eps=self.eps), Xa, batch_size=batch_size)

    def predict(self, X: ArrayLike, *, rule: Rule = "sum") -> np.ndarray:
        """Predicted classes ``[N]`` with the sum-vote (``rule='sum'``) or the nearest prototype.

        Parameters
        ----------
        X : array ``[N, D]``
            Inputs with as many features as the prototypes.
        rule : {'sum', 'nearest'}, default 'sum'
            ``'sum'``: the class whose prototypes' activations sum highest (:func:`sum_vote`);
            ``'nearest'``: the class of the most activated prototype (:func:`nearest_prototype`).

        Returns
        -------
        ndarray ``[N]``
            The predicted class of each input.
        """
        W, lab = self._fitted()
        check_choice(rule, "rule", ("sum", "nearest"))
        phi = self.activations(X)
        if rule == "sum":
            return sum_vote(phi, lab, self.n_classes_)
        if rule == "nearest":
            return nearest_prototype(phi, lab)
        raise ValueError(f"rule must be 'sum' or 'nearest'; got {rule!r}.")

    def score(self, X: ArrayLike, y: ArrayLike, *, rule: Rule = "sum") -> float:
        """Accuracy on ``(X, y)`` with the given decision rule.

        Parameters
        ----------
        X : array ``[N, D]``
            Inputs.
        y : array ``[N]``
            Their true class labels.
        rule : {'sum', 'nearest'}, default 'sum'
            The decision rule, as in :meth:`predict`.

        Returns
        -------
        float
            The fraction of ``X`` predicted as ``y``, in [0, 1].
        """
        Xa, ya = check_xy(X, y, who="score")
        return float((self.predict(Xa, rule=rule) == ya).mean())
