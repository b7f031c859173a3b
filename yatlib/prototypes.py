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

import jax.numpy as jnp
import numpy as np
from jax.typing import ArrayLike
from sklearn.cluster import KMeans

from .kernels import yat

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


def _check_labelled(X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    Xa, ya = np.asarray(X, dtype=np.float32), np.asarray(y)
    if Xa.ndim != 2 or len(Xa) == 0:
        raise ValueError(f"X must be a non-empty [N, D] array; got shape {Xa.shape}.")
    if ya.shape != (len(Xa),) or not np.issubdtype(ya.dtype, np.integer):
        raise ValueError(f"y must be [N] integer labels matching X ({len(Xa)} rows); got {ya.shape} {ya.dtype}.")
    if not np.isfinite(Xa).all():
        raise ValueError("X contains NaN or infinite values.")
    return Xa, ya


def _check_count(per_class: int) -> int:
    if not isinstance(per_class, (int, np.integer)) or per_class < 1:
        raise ValueError(f"per_class must be a positive integer; got {per_class!r}.")
    return int(per_class)


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
    """
    Xa, ya = _check_labelled(X, y)
    k = _check_count(per_class)
    protos, labels = [], []
    for c in np.unique(ya):
        Xc = Xa[ya == c][:max_per_class]
        if len(Xc) < k:
            raise ValueError(f"class {c} has {len(Xc)} items, fewer than per_class={k} clusters.")
        km = KMeans(n_clusters=k, n_init=n_init, random_state=random_state).fit(Xc)
        order = np.argsort(-np.bincount(km.labels_, minlength=k), kind="stable")
        protos.append(km.cluster_centers_[order].astype(np.float32))
        labels.append(np.full(k, c, dtype=np.int32))
    return np.concatenate(protos), np.concatenate(labels)


def random_exemplars(X: ArrayLike, y: ArrayLike, per_class: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` training items drawn at random from each class: ``(prototypes, labels)``."""
    Xa, ya = _check_labelled(X, y)
    k = _check_count(per_class)
    rng = np.random.default_rng(seed)
    protos, labels = [], []
    for c in np.unique(ya):
        idx = np.flatnonzero(ya == c)
        if len(idx) < k:
            raise ValueError(f"class {c} has {len(idx)} items, fewer than per_class={k}.")
        pick = rng.choice(idx, size=k, replace=False)
        protos.append(Xa[pick])
        labels.append(np.full(k, c, dtype=np.int32))
    return np.concatenate(protos), np.concatenate(labels)


def matched_noise(X: ArrayLike, n: int, *, seed: int = 0, clip: tuple[float, float] | None = (0.0, 1.0)) -> np.ndarray:
    r"""``n`` noise vectors with the data's per-pixel mean and std: :math:`\mathrm{clip}(\mu + \sigma z)`, :math:`z \sim N(0, I)`.

    They match the data's first two moments pixel by pixel but carry no spatial structure.
    """
    Xa = np.asarray(X, dtype=np.float32)
    if Xa.ndim != 2 or len(Xa) < 2:
        raise ValueError(f"X must be [N, D] with N >= 2; got shape {Xa.shape}.")
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n}.")
    mu, sd = Xa.mean(0), Xa.std(0)
    noise = mu + sd * np.random.default_rng(seed).standard_normal((n, Xa.shape[1])).astype(np.float32)
    return np.clip(noise, *clip).astype(np.float32) if clip is not None else noise.astype(np.float32)


def one_hot_readout(labels: ArrayLike, n_classes: int) -> np.ndarray:
    """The readout :math:`A_{uc} = 1[c(u) = c]`, shape ``[K, n_classes]``."""
    lab = np.asarray(labels)
    if lab.ndim != 1 or len(lab) == 0:
        raise ValueError("labels must be a non-empty 1-D array (one class per prototype).")
    if lab.min() < 0 or lab.max() >= n_classes:
        raise ValueError(f"labels must lie in 0..{n_classes - 1}.")
    return np.eye(n_classes, dtype=np.float32)[lab]


def sum_vote(phi: ArrayLike, labels: ArrayLike, n_classes: int) -> np.ndarray:
    """Sum-vote prediction: the class whose prototypes' activations sum highest, ``[N]``."""
    return np.asarray(jnp.asarray(phi) @ one_hot_readout(labels, n_classes)).argmax(-1)


def nearest_prototype(phi: ArrayLike, labels: ArrayLike) -> np.ndarray:
    """Nearest-prototype prediction: the class of the most activated prototype, ``[N]``."""
    return np.asarray(labels)[np.asarray(phi).argmax(-1)]


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

    def fit(self, X: ArrayLike, y: ArrayLike) -> "HandBuiltClassifier":
        """Choose the prototypes from ``(X, y)``; returns self."""
        Xa, ya = _check_labelled(X, y)
        if self.init == "kmeans":
            W, lab = kmeans_prototypes(Xa, ya, self.per_class, max_per_class=self.max_per_class,
                                       random_state=self.random_state)
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
        r"""The activations :math:`\phi_u(x)` of every prototype, ``[N, K]``."""
        W, _ = self._fitted()
        Xa = np.asarray(X, np.float32)
        return np.concatenate([np.asarray(yat(Xa[i : i + batch_size], W, b=self.b, eps=self.eps))
                               for i in range(0, len(Xa), batch_size)])

    def predict(self, X: ArrayLike, *, rule: Rule = "sum") -> np.ndarray:
        """Predicted classes ``[N]`` with the sum-vote (``rule='sum'``) or the nearest prototype."""
        W, lab = self._fitted()
        phi = self.activations(X)
        if rule == "sum":
            return sum_vote(phi, lab, self.n_classes_)
        if rule == "nearest":
            return nearest_prototype(phi, lab)
        raise ValueError(f"rule must be 'sum' or 'nearest'; got {rule!r}.")

    def score(self, X: ArrayLike, y: ArrayLike, *, rule: Rule = "sum") -> float:
        """Accuracy on ``(X, y)`` with the given decision rule."""
        Xa, ya = _check_labelled(X, y)
        return float((self.predict(Xa, rule=rule) == ya).mean())
