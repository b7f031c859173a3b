r"""The classifier built by hand as a starting point for training (warm starts).

A *warm start* sets the Yat MLP's prototypes to k-means centroids of each class
and its readout to the one-hot votes :math:`A_{uc} = 1[c(u) = c]`, so that at
step zero the network already computes the sum-vote classifier

.. math::

    \hat y(x) = \arg\max_c \sum_{u:\,c(u) = c} \phi_u(x),
    \qquad
    \phi_u(x) = \frac{(w_u\cdot x + b)^2}{\lVert x - w_u\rVert^2 + \varepsilon},

and gradient descent only has to refine it. A *cold start* (the "random start"
of the articles) takes the same number of prototypes from random training
images and a randomly initialised readout, so training must first discover
which prototype speaks for which class.

Two experiments compare them:

* :func:`little_data_run`: every class has only ``per_class`` training images;
* :func:`rare_class_run`: a few classes are starved to ``n_rare`` images while
  the others keep all of theirs; the recall of the starved classes is reported.

Every run is seeded; :func:`little_data_table` and :func:`rare_class_table`
repeat a run over seeds and cache the results with :mod:`yatlib.cache`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np
from flax import nnx

from . import cache, data
from .layers import YatMLP
from .prototypes import kmeans_prototypes
from .training import accuracy, fit, predict

__all__ = [
    "WarmStartSetting",
    "LITTLE_DATA",
    "RARE_CLASSES",
    "per_class_subset",
    "starve_classes",
    "warm_model",
    "cold_model",
    "recall",
    "little_data_run",
    "rare_class_run",
    "little_data_table",
    "rare_class_table",
]


@dataclass(frozen=True)
class WarmStartSetting:
    """The settings shared by the warm-start experiments.

    Attributes
    ----------
    protos_per_class : int
        k-means centroids per class in the warm start (K = 10 times this).
    b, eps : float
        Initial :math:`b` and :math:`\\varepsilon` of both starts. The companion
        article runs "the exact same training loop" as its trained model, whose
        layer starts at :math:`b_0 = \\varepsilon_0 = 1`.
    epochs, batch_size, learning_rate : training settings (Adam).
    pool_size : int
        Training images are drawn from the first ``pool_size`` training images.
    test_size : int
        Accuracy and recall are measured on the first ``test_size`` test images.
    rest_per_class : int or None
        In the rare-class experiment, the classes that are not starved keep this
        many random images each (None: all of theirs in the pool).
    """

    protos_per_class: int = 5
    b: float = 1.0
    eps: float = 1.0
    epochs: int = 60
    batch_size: int = 100
    learning_rate: float = 4e-3
    pool_size: int = 20000
    test_size: int = 10000
    rest_per_class: int | None = None

    def but(self, **changes: object) -> "WarmStartSetting":
        """A copy with some settings changed."""
        from dataclasses import replace

        return replace(self, **changes)


LITTLE_DATA = WarmStartSetting()
"""Claim C09: 40 images per class, K = 50, fine-tuned 60 epochs with batch 100."""

RARE_CLASSES = WarmStartSetting(epochs=12, batch_size=256)
"""Claim C10: the companion's training loop (12 epochs, batch 256) on an unbalanced pool."""


def _check_seed(seed: int) -> int:
    if not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed!r}.")
    return int(seed)


def per_class_subset(y: np.ndarray, per_class: int, *, seed: int) -> np.ndarray:
    """Indices of ``per_class`` items drawn at random from each class of ``y`` (sorted)."""
    y = np.asarray(y)
    if per_class < 1:
        raise ValueError(f"per_class must be >= 1; got {per_class}.")
    rng = np.random.default_rng(_check_seed(seed))
    picks = []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        if len(idx) < per_class:
            raise ValueError(f"class {c} has only {len(idx)} items; cannot draw {per_class}.")
        picks.append(rng.choice(idx, size=per_class, replace=False))
    return np.sort(np.concatenate(picks))


def starve_classes(y: np.ndarray, starved: Sequence[int], n_rare: int, *, seed: int,
                   rest_per_class: int | None = None) -> np.ndarray:
    """Indices of ``y`` keeping ``n_rare`` random items of each starved class and, of every other class,
    ``rest_per_class`` random items (all of them when None)."""
    y = np.asarray(y)
    if len(starved) == 0:
        raise ValueError("starved must name at least one class.")
    if n_rare < 1:
        raise ValueError(f"n_rare must be >= 1; got {n_rare}.")
    rng = np.random.default_rng(_check_seed(seed))
    keep = np.ones(len(y), bool)
    for c in np.unique(y):
        n = n_rare if c in set(int(s) for s in starved) else rest_per_class
        if n is None:
            continue
        idx = np.flatnonzero(y == c)
        if len(idx) < n:
            raise ValueError(f"class {c} has only {len(idx)} items; cannot keep {n}.")
        keep[idx] = False
        keep[rng.choice(idx, size=n, replace=False)] = True
    return np.flatnonzero(keep)


def warm_model(X: np.ndarray, y: np.ndarray, setting: WarmStartSetting, *, seed: int = 0,
               n_classes: int = 10) -> YatMLP:
    """The classifier built by hand from ``(X, y)``: per-class k-means centroids, one-hot readout."""
    W, lab = kmeans_prototypes(X, y, setting.protos_per_class, max_per_class=None, random_state=seed)
    return YatMLP.from_prototypes(W, lab, n_classes, b=setting.b, eps=setting.eps, rngs=nnx.Rngs(seed))


def cold_model(X: np.ndarray, setting: WarmStartSetting, *, seed: int = 0, n_classes: int = 10) -> YatMLP:
    """The random start: ``K`` random images of ``X`` as prototypes and a randomly initialised readout."""
    k = setting.protos_per_class * n_classes
    if len(X) < k:
        raise ValueError(f"need at least {k} training images for a random start; got {len(X)}.")
    pick = np.random.default_rng(_check_seed(seed)).choice(len(X), size=k, replace=False)
    return YatMLP(X.shape[1], k, n_classes, rngs=nnx.Rngs(seed), prototypes=X[pick],
                  b_init=setting.b, eps_init=setting.eps)


def recall(model: nnx.Module, X: np.ndarray, y: np.ndarray, n_classes: int = 10) -> np.ndarray:
    r"""Recall of each class, :math:`P(\hat y = c \mid y = c)`, shape ``[n_classes]``."""
    pred = predict(model, X)
    y = np.asarray(y)
    return np.array([(pred[y == c] == c).mean() if (y == c).any() else np.nan for c in range(n_classes)])


def _fit(model: nnx.Module, X: np.ndarray, y: np.ndarray, setting: WarmStartSetting, seed: int) -> None:
    fit(model, X, y, epochs=setting.epochs, batch_size=setting.batch_size, learning_rate=setting.learning_rate,
        seed=seed, progress=False)


def _test(setting: WarmStartSetting) -> tuple[np.ndarray, np.ndarray]:
    Xt, yt = data.load("fashion-mnist", "test")
    return Xt[: setting.test_size], yt[: setting.test_size]


def _pool(setting: WarmStartSetting) -> tuple[np.ndarray, np.ndarray]:
    X, y = data.load("fashion-mnist", "train")
    return X[: setting.pool_size], y[: setting.pool_size]


def little_data_run(per_class: int, setting: WarmStartSetting = LITTLE_DATA, *, seed: int = 0) -> dict[str, float]:
    """One little-data run: accuracy at zero steps, warm after fine-tuning, and from a random start.

    The training set is ``per_class`` random images of each class from the pool
    (seeded). Returns test accuracies ``{'zero_step', 'warm', 'cold'}``.
    """
    X, y = _pool(setting)
    Xt, yt = _test(setting)
    idx = per_class_subset(y, per_class, seed=seed)
    Xs, ys = X[idx], y[idx]
    warm = warm_model(Xs, ys, setting, seed=seed)
    zero = accuracy(warm, Xt, yt)
    _fit(warm, Xs, ys, setting, seed)
    cold = cold_model(Xs, setting, seed=seed)
    _fit(cold, Xs, ys, setting, seed)
    return {"zero_step": zero, "warm": accuracy(warm, Xt, yt), "cold": accuracy(cold, Xt, yt)}


def rare_class_run(starved: Sequence[int], n_rare: int, setting: WarmStartSetting = RARE_CLASSES, *,
                   seed: int = 0) -> dict[str, np.ndarray]:
    """One rare-class run: per-class test recall and accuracy of the warm and the cold start.

    The training set is the pool with the ``starved`` classes cut to ``n_rare``
    random images each (seeded), everything else kept. Returns
    ``{'warm_recall', 'cold_recall', 'zero_recall'}`` (arrays ``[10]``) and
    ``{'warm_accuracy', 'cold_accuracy', 'zero_accuracy'}``.
    """
    X, y = _pool(setting)
    Xt, yt = _test(setting)
    idx = starve_classes(y, starved, n_rare, seed=seed, rest_per_class=setting.rest_per_class)
    Xs, ys = X[idx], y[idx]
    out: dict[str, np.ndarray] = {}
    warm = warm_model(Xs, ys, setting, seed=seed)
    out["zero_recall"], out["zero_accuracy"] = recall(warm, Xt, yt), np.asarray(accuracy(warm, Xt, yt))
    _fit(warm, Xs, ys, setting, seed)
    cold = cold_model(Xs, setting, seed=seed)
    _fit(cold, Xs, ys, setting, seed)
    out["warm_recall"], out["warm_accuracy"] = recall(warm, Xt, yt), np.asarray(accuracy(warm, Xt, yt))
    out["cold_recall"], out["cold_accuracy"] = recall(cold, Xt, yt), np.asarray(accuracy(cold, Xt, yt))
    return out


def little_data_table(per_class: Sequence[int], seeds: Sequence[int], setting: WarmStartSetting = LITTLE_DATA,
                      *, verbose: bool = True) -> dict[str, np.ndarray]:
    """:func:`little_data_run` for every count and seed, cached.

    Returns arrays ``zero_step``, ``warm``, ``cold`` of shape ``[len(per_class), len(seeds)]``
    and the axes ``per_class``, ``seeds``.
    """
    config = {"per_class": [int(p) for p in per_class], "seeds": [int(s) for s in seeds], **asdict(setting)}

    def compute() -> dict[str, np.ndarray]:
        res = [[little_data_run(int(p), setting, seed=int(s)) for s in seeds] for p in per_class]
        return {k: np.array([[r[k] for r in row] for row in res]) for k in ("zero_step", "warm", "cold")} | {
            "per_class": np.asarray(per_class), "seeds": np.asarray(seeds)}

    return cache.cached_arrays("warmstart-little", config, compute, verbose=verbose)


def rare_class_table(starved: Sequence[int], n_rare: Sequence[int], seeds: Sequence[int],
                     setting: WarmStartSetting = RARE_CLASSES, *, verbose: bool = True) -> dict[str, np.ndarray]:
    """:func:`rare_class_run` for every starved size and seed, cached.

    Returns ``warm_recall``, ``cold_recall``, ``zero_recall`` of shape
    ``[len(n_rare), len(seeds), 10]``, the matching accuracies ``[len(n_rare), len(seeds)]``
    and the axes ``starved``, ``n_rare``, ``seeds``.
    """
    config = {"starved": [int(c) for c in starved], "n_rare": [int(n) for n in n_rare],
              "seeds": [int(s) for s in seeds], **asdict(setting)}

    def compute() -> dict[str, np.ndarray]:
        res = [[rare_class_run(starved, int(n), setting, seed=int(s)) for s in seeds] for n in n_rare]
        keys = res[0][0].keys()
        return {k: np.array([[r[k] for r in row] for row in res]) for k in keys} | {
            "starved": np.asarray(starved), "n_rare": np.asarray(n_rare), "seeds": np.asarray(seeds)}

    return cache.cached_arrays("warmstart-rare", config, compute, verbose=verbose)
