r"""The classifier built by hand as a starting point for training (warm starts).

A *warm start* sets the Yat MLP's prototypes to k-means centroids of each class and its readout to
the one-hot votes :math:`A_{uc} = 1[c(u) = c]`, so that at step zero it computes

.. math::

    \hat y(x) = \arg\max_c \sum_{u:\,c(u) = c} \phi_u(x),
    \qquad
    \phi_u(x) = \frac{(w_u\cdot x + b)^2}{\lVert x - w_u\rVert^2 + \varepsilon};

a *cold start* takes random training images and a random readout. :func:`little_data_run` (few
images per class) and :func:`rare_class_run` (a few starved classes) compare them; the ``*_table``
functions repeat them over seeds (cached), the ``*_states`` and ``*_function`` ones feed Figure F17
(:mod:`yatlib.widgets.warm_start_explorer`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from flax import nnx

from . import cache, data
from .layers import YatMLP
from .prototypes import kmeans_prototypes
from .training import accuracy, fit, predict
from .validation import check_int

__all__ = [
    "Progress",
    "little_data_text",
    "rare_class_text",
    "little_data_states",
    "rare_class_state",
    "little_data_function",
    "rare_class_function",
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


Progress = Callable[[float, str], None]
"""``progress(fraction, text)``: told how far a computation has got (``fraction`` in [0, 1]).

It may raise to stop the computation (the widgets' live path raises when the reader cancels)."""


def _part(progress: Progress | None, lo: float, hi: float, prefix: str = "") -> Progress | None:
    """The stretch ``[lo, hi]`` of ``progress``, with ``prefix`` in front of each text."""
    if progress is None:
        return None

    def report(fraction: float, text: str = "") -> None:
        progress(lo + (hi - lo) * min(1.0, max(0.0, fraction)), f"{prefix}{text}")

    return report


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

    def but(self, **changes: Any) -> WarmStartSetting:
        """A copy with some settings changed.

        Parameters
        ----------
        **changes
            New values of some settings, by name (e.g. ``epochs=12``); another name raises :class:`TypeError`.

        Returns
        -------
        WarmStartSetting
            The copy; ``self`` is unchanged (a setting is frozen).
        """
        from dataclasses import replace

        return replace(self, **changes)


LITTLE_DATA = WarmStartSetting()
"""Claim C09: 40 images per class, K = 50, fine-tuned 60 epochs with batch 100."""

RARE_CLASSES = WarmStartSetting(epochs=12, batch_size=256, rest_per_class=1000)
"""Claim C10: the companion's training loop (12 epochs, batch 256) on an unbalanced set:
the starved classes keep a few images, every other class 1,000 random images of the pool."""


def per_class_subset(y: np.ndarray, per_class: int, *, seed: int) -> np.ndarray:
    """Indices of ``per_class`` items drawn at random from each class of ``y`` (sorted).

    Parameters
    ----------
    y : array ``[N]``
        Class labels.
    per_class : int
        Items drawn per class, without replacement: at least 1 and at most the size of the smallest class.
    seed : int
        Seed of the draw (non-negative).

    Returns
    -------
    ndarray ``[C*per_class]``
        Indices into ``y``, in increasing order (``C``: the classes present in ``y``).
    """
    y = np.asarray(y)
    if per_class < 1:
        raise ValueError(f"per_class must be >= 1; got {per_class}.")
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
    picks = []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        if len(idx) < per_class:
            raise ValueError(f"class {c} has only {len(idx)} items; cannot draw {per_class}.")
        picks.append(rng.choice(idx, size=per_class, replace=False))
    return np.sort(np.concatenate(picks))


def starve_classes(
    y: np.ndarray, starved: Sequence[int], n_rare: int, *, seed: int, rest_per_class: int | None = None
) -> np.ndarray:
    """Indices of ``y`` keeping ``n_rare`` random items of each starved class and, of every other class,
    ``rest_per_class`` random items (all of them when None).

    Parameters
    ----------
    y : array ``[N]``
        Class labels.
    starved : sequence of int
        The classes to starve (at least one).
    n_rare : int
        Items kept of each starved class, at least 1.
    seed : int
        Seed of the draws (non-negative).
    rest_per_class : int, optional
        Items kept of every other class; None keeps all of them.

    Returns
    -------
    ndarray
        Indices into ``y`` of the items kept, in increasing order.
    """
    y = np.asarray(y)
    if len(starved) == 0:
        raise ValueError("starved must name at least one class.")
    if n_rare < 1:
        raise ValueError(f"n_rare must be >= 1; got {n_rare}.")
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
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


def warm_model(
    X: np.ndarray, y: np.ndarray, setting: WarmStartSetting, *, seed: int = 0, n_classes: int = 10
) -> YatMLP:
    """The classifier built by hand from ``(X, y)``: per-class k-means centroids, one-hot readout.

    Parameters
    ----------
    X : ndarray ``[N, D]``
        Training images.
    y : ndarray ``[N]``
        Their class labels.
    setting : WarmStartSetting
        Gives ``protos_per_class`` (k-means on all the items of each class) and the starting ``b`` and
        ``eps`` (both > 0).
    seed : int, default 0
        Seed of k-means and of the model's initialisation.
    n_classes : int, default 10
        The model's outputs :math:`C` (labels must be below it).

    Returns
    -------
    YatMLP
        ``protos_per_class`` prototypes per class present in ``y``, one-hot readout, readout bias 0.
    """
    W, lab = kmeans_prototypes(X, y, setting.protos_per_class, max_per_class=None, random_state=seed)
    return YatMLP.from_prototypes(W, lab, n_classes, b=setting.b, eps=setting.eps, rngs=nnx.Rngs(seed))


def cold_model(X: np.ndarray, setting: WarmStartSetting, *, seed: int = 0, n_classes: int = 10) -> YatMLP:
    """The random start: ``K`` random images of ``X`` as prototypes and a randomly initialised readout.

    Parameters
    ----------
    X : ndarray ``[N, D]``
        Training images, at least ``K = setting.protos_per_class * n_classes`` of them.
    setting : WarmStartSetting
        Gives ``protos_per_class`` and the starting ``b`` and ``eps``.
    seed : int, default 0
        Seed of the draw of images (non-negative) and of the readout's initialisation.
    n_classes : int, default 10
        The model's outputs :math:`C`.

    Returns
    -------
    YatMLP
        ``K`` units whose prototypes are distinct random rows of ``X``.
    """
    k = setting.protos_per_class * n_classes
    if len(X) < k:
        raise ValueError(f"need at least {k} training images for a random start; got {len(X)}.")
    pick = np.random.default_rng(check_int(seed, "seed", low=0)).choice(len(X), size=k, replace=False)
    return YatMLP(
        X.shape[1], k, n_classes, rngs=nnx.Rngs(seed), prototypes=X[pick], b_init=setting.b, eps_init=setting.eps
    )


def recall(model: nnx.Module, X: np.ndarray, y: np.ndarray, n_classes: int = 10) -> np.ndarray:
    r"""Recall of each class, :math:`P(\hat y = c \mid y = c)`, shape ``[n_classes]``.

    Parameters
    ----------
    model : nnx.Module
        A classifier (its predictions: :func:`yatlib.training.predict`).
    X : ndarray ``[N, D]``
        Inputs.
    y : ndarray ``[N]``
        Their true class labels.
    n_classes : int, default 10
        The classes ``0 .. n_classes-1`` to report.

    Returns
    -------
    float64 ndarray ``[n_classes]``
        The recall of each class; NaN for a class absent from ``y``.
    """
    pred = predict(model, X)
    y = np.asarray(y)
    return np.array([(pred[y == c] == c).mean() if (y == c).any() else np.nan for c in range(n_classes)])


def _fit(
    model: nnx.Module,
    X: np.ndarray,
    y: np.ndarray,
    setting: WarmStartSetting,
    seed: int,
    progress: Progress | None = None,
) -> None:
    callback = None
    if progress is not None:
        n, bs = len(X), setting.batch_size
        per_epoch = max(1, n // bs) if n >= bs else 1  # as in training.fit
        total = max(1, setting.epochs * per_epoch)

        def callback(step: int, _model: nnx.Module) -> None:
            progress(
                step / total, f"epoch {min(setting.epochs, step // per_epoch + (step < total))} of {setting.epochs}"
            )

    fit(
        model,
        X,
        y,
        epochs=setting.epochs,
        batch_size=setting.batch_size,
        learning_rate=setting.learning_rate,
        seed=seed,
        progress=False,
        callback=callback,
    )


def _test(setting: WarmStartSetting) -> tuple[np.ndarray, np.ndarray]:
    Xt, yt = data.load("fashion-mnist", "test")
    return Xt[: setting.test_size], yt[: setting.test_size]


def _pool(setting: WarmStartSetting) -> tuple[np.ndarray, np.ndarray]:
    X, y = data.load("fashion-mnist", "train")
    return X[: setting.pool_size], y[: setting.pool_size]


def little_data_run(
    per_class: int, setting: WarmStartSetting = LITTLE_DATA, *, seed: int = 0, progress: Progress | None = None
) -> dict[str, float]:
    """One little-data run: accuracy at zero steps, warm after fine-tuning, and from a random start.

    The training set is ``per_class`` random images of each class from the pool
    (seeded). Returns test accuracies ``{'zero_step', 'warm', 'cold'}``. ``progress``
    (optional, see :data:`Progress`) hears how far the two trainings have got.

    Parameters
    ----------
    per_class : int
        Training images per class, drawn from the first ``setting.pool_size`` Fashion-MNIST training images.
    setting : WarmStartSetting, default LITTLE_DATA
        The experiment's settings.
    seed : int, default 0
        Seed of the draw, of k-means, of the models' initialisation and of the training order.
    progress : callable ``(fraction, text)``, optional
        Told how far the run has got (:data:`Progress`).

    Returns
    -------
    dict of str to float
        Accuracies on the first ``setting.test_size`` test images: ``zero_step`` (the hand-built warm
        start, untrained), ``warm`` (after fine-tuning) and ``cold`` (trained from a random start).
    """
    X, y = _pool(setting)
    Xt, yt = _test(setting)
    idx = per_class_subset(y, per_class, seed=seed)
    Xs, ys = X[idx], y[idx]
    report = _part(progress, 0.0, 0.05)
    if report:
        report(0.0, "k-means centroids of each class (the warm start)")
    warm = warm_model(Xs, ys, setting, seed=seed)
    zero = accuracy(warm, Xt, yt)
    _fit(warm, Xs, ys, setting, seed, _part(progress, 0.05, 0.5, "fine-tuning the warm start, "))
    cold = cold_model(Xs, setting, seed=seed)
    _fit(cold, Xs, ys, setting, seed, _part(progress, 0.5, 0.95, "training from a random start, "))
    return {"zero_step": zero, "warm": accuracy(warm, Xt, yt), "cold": accuracy(cold, Xt, yt)}


def rare_class_run(
    starved: Sequence[int],
    n_rare: int,
    setting: WarmStartSetting = RARE_CLASSES,
    *,
    seed: int = 0,
    progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """One rare-class run: per-class test recall and accuracy of the warm and the cold start.

    The training set is the pool with the ``starved`` classes cut to ``n_rare``
    random images each (seeded), everything else kept. Returns
    ``{'warm_recall', 'cold_recall', 'zero_recall'}`` (arrays ``[10]``) and
    ``{'warm_accuracy', 'cold_accuracy', 'zero_accuracy'}``. ``progress`` (optional,
    see :data:`Progress`) hears how far the two trainings have got.

    Parameters
    ----------
    starved : sequence of int
        The classes to starve (at least one).
    n_rare : int
        Images kept of each starved class, at least 1.
    setting : WarmStartSetting, default RARE_CLASSES
        The experiment's settings; each class that is not starved keeps ``setting.rest_per_class``
        random images of the pool (None: all of them).
    seed : int, default 0
        Seed of the draws, of k-means, of the models' initialisation and of the training order.
    progress : callable ``(fraction, text)``, optional
        Told how far the run has got (:data:`Progress`).

    Returns
    -------
    dict of str to ndarray
        ``warm_recall``, ``cold_recall``, ``zero_recall``: the test recall of each class ``[10]``;
        ``warm_accuracy``, ``cold_accuracy``, ``zero_accuracy``: test accuracies (0-d arrays).
    """
    X, y = _pool(setting)
    Xt, yt = _test(setting)
    idx = starve_classes(y, starved, n_rare, seed=seed, rest_per_class=setting.rest_per_class)
    Xs, ys = X[idx], y[idx]
    out: dict[str, np.ndarray] = {}
    report = _part(progress, 0.0, 0.05)
    if report:
        report(0.0, "k-means centroids of each class (the warm start)")
    warm = warm_model(Xs, ys, setting, seed=seed)
    out["zero_recall"], out["zero_accuracy"] = recall(warm, Xt, yt), np.asarray(accuracy(warm, Xt, yt))
    _fit(warm, Xs, ys, setting, seed, _part(progress, 0.05, 0.5, "fine-tuning the warm start, "))
    cold = cold_model(Xs, setting, seed=seed)
    _fit(cold, Xs, ys, setting, seed, _part(progress, 0.5, 0.95, "training from a random start, "))
    out["warm_recall"], out["warm_accuracy"] = recall(warm, Xt, yt), np.asarray(accuracy(warm, Xt, yt))
    out["cold_recall"], out["cold_accuracy"] = recall(cold, Xt, yt), np.asarray(accuracy(cold, Xt, yt))
    return out


def _runs(
    progress: Progress | None, n_outer: int, n_seeds: int, what: Callable[[int], str]
) -> Callable[[int, int], Progress | None]:
    """Sub-progress of run ``(i, j)`` (size ``i``, seed ``j``) in a table of ``n_outer x n_seeds`` runs."""
    total = max(1, n_outer * n_seeds)

    def sub(i: int, j: int) -> Progress | None:
        k = i * n_seeds + j
        return _part(progress, k / total, (k + 1) / total, f"{what(i)}seed {j + 1} of {n_seeds}: ")

    return sub


def little_data_table(
    per_class: Sequence[int],
    seeds: Sequence[int],
    setting: WarmStartSetting = LITTLE_DATA,
    *,
    verbose: bool = True,
    progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """:func:`little_data_run` for every count and seed, cached.

    Returns arrays ``zero_step``, ``warm``, ``cold`` of shape ``[len(per_class), len(seeds)]``
    and the axes ``per_class``, ``seeds``. ``progress`` (optional) hears how far the runs
    have got when they are computed.

    Parameters
    ----------
    per_class : sequence of int
        Training images per class, one row of the table each.
    seeds : sequence of int
        Seeds, one column of the table each.
    setting : WarmStartSetting, default LITTLE_DATA
        The experiment's settings (part of the cache key).
    verbose : bool, default True
        Print whether the table was loaded or computed (:func:`yatlib.cache.cached_arrays`).
    progress : callable ``(fraction, text)``, optional
        Told how far the runs have got (:data:`Progress`).

    Returns
    -------
    dict of str to ndarray
        ``zero_step``, ``warm``, ``cold`` ``[len(per_class), len(seeds)]`` (test accuracies, as in
        :func:`little_data_run`), and ``per_class`` and ``seeds``.
    """
    config = {"per_class": [int(p) for p in per_class], "seeds": [int(s) for s in seeds], **asdict(setting)}
    sub = _runs(progress, len(per_class), len(seeds), lambda i: f"{int(per_class[i])} images per class, ")

    def compute() -> dict[str, np.ndarray]:
        res = [
            [little_data_run(int(p), setting, seed=int(s), progress=sub(i, j)) for j, s in enumerate(seeds)]
            for i, p in enumerate(per_class)
        ]
        return {k: np.array([[r[k] for r in row] for row in res]) for k in ("zero_step", "warm", "cold")} | {
            "per_class": np.asarray(per_class),
            "seeds": np.asarray(seeds),
        }

    return cache.cached_arrays("warmstart-little", config, compute, verbose=verbose)


def rare_class_table(
    starved: Sequence[int],
    n_rare: Sequence[int],
    seeds: Sequence[int],
    setting: WarmStartSetting = RARE_CLASSES,
    *,
    verbose: bool = True,
    progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """:func:`rare_class_run` for every starved size and seed, cached.

    Returns ``warm_recall``, ``cold_recall``, ``zero_recall`` of shape
    ``[len(n_rare), len(seeds), 10]``, the matching accuracies ``[len(n_rare), len(seeds)]``
    and the axes ``starved``, ``n_rare``, ``seeds``. ``progress`` (optional) hears how far
    the runs have got when they are computed.

    Parameters
    ----------
    starved : sequence of int
        The classes starved in every run.
    n_rare : sequence of int
        Images kept of each starved class, one row of the table each.
    seeds : sequence of int
        Seeds, one column of the table each.
    setting : WarmStartSetting, default RARE_CLASSES
        The experiment's settings (part of the cache key).
    verbose : bool, default True
        Print whether the table was loaded or computed (:func:`yatlib.cache.cached_arrays`).
    progress : callable ``(fraction, text)``, optional
        Told how far the runs have got (:data:`Progress`).

    Returns
    -------
    dict of str to ndarray
        ``warm_recall``, ``cold_recall``, ``zero_recall`` ``[len(n_rare), len(seeds), 10]``;
        ``warm_accuracy``, ``cold_accuracy``, ``zero_accuracy`` ``[len(n_rare), len(seeds)]``; and
        ``starved``, ``n_rare`` and ``seeds``.
    """
    config = {
        "starved": [int(c) for c in starved],
        "n_rare": [int(n) for n in n_rare],
        "seeds": [int(s) for s in seeds],
        **asdict(setting),
    }
    sub = _runs(
        progress, len(n_rare), len(seeds), lambda i: f"{int(n_rare[i])} images kept, " if len(n_rare) > 1 else ""
    )

    def compute() -> dict[str, np.ndarray]:
        res = [
            [rare_class_run(starved, int(n), setting, seed=int(s), progress=sub(i, j)) for j, s in enumerate(seeds)]
            for i, n in enumerate(n_rare)
        ]
        keys = res[0][0].keys()
        return {k: np.array([[r[k] for r in row] for row in res]) for k in keys} | {
            "starved": np.asarray(starved),
            "n_rare": np.asarray(n_rare),
            "seeds": np.asarray(seeds),
        }

    return cache.cached_arrays("warmstart-rare", config, compute, verbose=verbose)


# ---- reading the results ------------------------------------------------------------------


def little_data_text(table: dict[str, np.ndarray]) -> str:
    """The little-data results as a plain-text table, one row per count and seed, with means.

    Parameters
    ----------
    table : dict of str to ndarray
        What :func:`little_data_table` returns.

    Returns
    -------
    str
        A header, then for each number of images per class one line per seed and a line of means
        (accuracies in %).
    """
    lines = [f"{'images/class':>12} {'seed':>5} {'zero-step':>10} {'warm, tuned':>12} {'random start':>13}"]
    for i, p in enumerate(table["per_class"]):
        for j, s in enumerate(table["seeds"]):
            lines.append(
                f"{int(p):>12} {int(s):>5} {table['zero_step'][i, j]:>10.1%} {table['warm'][i, j]:>12.1%} "
                f"{table['cold'][i, j]:>13.1%}"
            )
        lines.append(
            f"{int(p):>12} {'mean':>5} {table['zero_step'][i].mean():>10.1%} {table['warm'][i].mean():>12.1%} "
            f"{table['cold'][i].mean():>13.1%}"
        )
    return "\n".join(lines)


def rare_class_text(table: dict[str, np.ndarray], class_names: Sequence[str] = data.FASHION_CLASSES) -> str:
    """The rare-class results as a plain-text table: per seed, the starved classes' recall and the accuracy.

    Parameters
    ----------
    table : dict of str to ndarray
        What :func:`rare_class_table` returns.
    class_names : sequence of str, optional
        The name of each class, by label, to name the starved classes (default: Fashion-MNIST's,
        :data:`yatlib.data.FASHION_CLASSES`).

    Returns
    -------
    str
        The starved classes, a header, then for each number kept one line per seed and a line of means:
        the starved classes' mean recall and the accuracy, from a random start (cold) and warm.
    """
    starved = [int(c) for c in table["starved"]]
    names = " + ".join(class_names[c] for c in starved)
    lines = [
        f"starved: {names}",
        f"{'kept':>5} {'seed':>5} {'rare recall: cold':>18} {'warm':>7} {'accuracy: cold':>15} {'warm':>7}",
    ]
    for i, n in enumerate(table["n_rare"]):
        for j, s in enumerate(table["seeds"]):
            lines.append(
                f"{int(n):>5} {int(s):>5} {table['cold_recall'][i, j, starved].mean():>18.1%} "
                f"{table['warm_recall'][i, j, starved].mean():>7.1%} {table['cold_accuracy'][i, j]:>15.1%} "
                f"{table['warm_accuracy'][i, j]:>7.1%}"
            )
        lines.append(
            f"{int(n):>5} {'mean':>5} {table['cold_recall'][i][:, starved].mean():>18.1%} "
            f"{table['warm_recall'][i][:, starved].mean():>7.1%} {table['cold_accuracy'][i].mean():>15.1%} "
            f"{table['warm_accuracy'][i].mean():>7.1%}"
        )
    return "\n".join(lines)


def little_data_states(table: dict[str, np.ndarray]) -> list[dict]:
    """The little-data results as Figure F17's states: one dict per number of images per class.

    Each is ``{"per_class": n, "seeds": [...], "zero_step": [...], "warm": [...], "cold": [...]}``,
    the test accuracies of each seed (rounded to 5 decimals), in increasing ``per_class``.

    Parameters
    ----------
    table : dict of str to ndarray
        What :func:`little_data_table` returns.

    Returns
    -------
    list of dict
        One state per entry of ``table["per_class"]``, plain Python numbers and lists.
    """
    order = np.argsort(np.asarray(table["per_class"]))
    seeds = [int(s) for s in table["seeds"]]
    return [
        {
            "per_class": int(table["per_class"][i]),
            "seeds": seeds,
            **{k: np.round(np.asarray(table[k][i], float), 5).tolist() for k in ("zero_step", "warm", "cold")},
        }
        for i in order
    ]


def rare_class_state(table: dict[str, np.ndarray], index: int = 0) -> dict:
    """The rare-class results for ``table["n_rare"][index]`` as one state of Figure F17.

    ``{"starved": [a, b], "n_rare": n, "seeds": [...]}`` and, averaged over the seeds, each
    class's recall ``warm_recall``, ``cold_recall``, ``zero_recall`` (``[10]``); per seed,
    ``warm_accuracy``, ``cold_accuracy``, ``zero_accuracy`` and the starved classes' mean
    recall ``warm_rare``, ``cold_rare``, ``zero_rare``. Rounded to 5 decimals.

    Parameters
    ----------
    table : dict of str to ndarray
        What :func:`rare_class_table` returns.
    index : int, default 0
        Which entry of ``table["n_rare"]`` (a negative index counts from the end).

    Returns
    -------
    dict
        The state, plain Python numbers and lists.
    """
    n = len(table["n_rare"])
    if not -n <= index < n:
        raise ValueError(f"index must pick one of the {n} starved sizes {list(table['n_rare'])}; got {index}.")
    starved = [int(c) for c in table["starved"]]
    out: dict = {"starved": starved, "n_rare": int(table["n_rare"][index]), "seeds": [int(s) for s in table["seeds"]]}
    for start in ("warm", "cold", "zero"):
        rec = np.asarray(table[f"{start}_recall"][index], float)  # [seeds, classes]
        out[f"{start}_recall"] = np.round(rec.mean(0), 5).tolist()
        out[f"{start}_rare"] = np.round(rec[:, starved].mean(1), 5).tolist()
        out[f"{start}_accuracy"] = np.round(np.asarray(table[f"{start}_accuracy"][index], float), 5).tolist()
    return out


def _whole(value: object, name: str, lo: int, hi: int) -> int:
    """``value`` as an integer in ``[lo, hi]``, or a ValueError naming ``name``."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        v = float("nan")
    if not (np.isfinite(v) and v == int(v) and lo <= v <= hi):
        raise ValueError(f"{name} must be a whole number from {lo} to {hi}; got {value!r}.")
    return int(v)


def little_data_function(
    seeds: Sequence[int], setting: WarmStartSetting = LITTLE_DATA, *, limits: tuple[int, int] = (5, 300)
) -> Callable[[dict, Progress], dict]:
    """The live path of Figure F17 (little data): the experiment at any number of images per class.

    Returns ``compute(params, progress)`` for :class:`yatlib.widgets.LittleDataExplorer`:
    ``params["per_class"]``, a whole number within ``limits``, gives the state of
    :func:`little_data_states` for that number, over ``seeds`` (trained, or loaded from
    the cache when it was trained before).

    Parameters
    ----------
    seeds : sequence of int
        The seeds each state covers (non-negative; at least one).
    setting : WarmStartSetting, default LITTLE_DATA
        The experiment's settings.
    limits : (int, int), default (5, 300)
        The smallest and largest ``per_class`` allowed; the smallest is at least ``setting.protos_per_class``.

    Returns
    -------
    callable ``(params, progress) -> dict``
        Computes (or loads) the state for ``params["per_class"]`` and calls ``progress(1.0, "done")``.
    """
    lo, hi = (int(v) for v in limits)
    if lo < max(setting.protos_per_class, 1) or hi < lo:
        raise ValueError(f"limits must be (low, high) with {setting.protos_per_class} <= low <= high; got {limits}.")
    seeds = [check_int(s, "seed", low=0) for s in seeds]
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed, e.g. [0, 1, 2].")

    def compute(params: dict, progress: Progress) -> dict:
        n = _whole(params.get("per_class"), "images per class", lo, hi)
        table = little_data_table([n], seeds, setting, verbose=False, progress=progress)
        progress(1.0, "done")
        return little_data_states(table)[0]

    return compute


def rare_class_function(
    n_rare: int, seeds: Sequence[int], setting: WarmStartSetting = RARE_CLASSES, *, n_classes: int = 10
) -> Callable[[dict, Progress], dict]:
    """The live path of Figure F17 (rare classes): starve any two classes and train both starts.

    Returns ``compute(params, progress)`` for :class:`yatlib.widgets.RareClassExplorer`:
    ``params["starved"]``, two different classes, gives the :func:`rare_class_state` of that
    pair starved to ``n_rare`` images, over ``seeds`` (trained, or loaded from the cache).

    Parameters
    ----------
    n_rare : int
        Images kept of each starved class, at least 1.
    seeds : sequence of int
        The seeds each state covers (non-negative; at least one).
    setting : WarmStartSetting, default RARE_CLASSES
        The experiment's settings.
    n_classes : int, default 10
        The classes a starved pair is chosen from are ``0 .. n_classes-1``.

    Returns
    -------
    callable ``(params, progress) -> dict``
        Computes (or loads) the state for ``params["starved"]`` and calls ``progress(1.0, "done")``.
    """
    if n_rare < 1:
        raise ValueError(f"n_rare must be >= 1; got {n_rare}.")
    seeds = [check_int(s, "seed", low=0) for s in seeds]
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed, e.g. [0, 1, 2].")

    def compute(params: dict, progress: Progress) -> dict:
        pair = params.get("starved")
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise ValueError(f"starved must name two classes, e.g. [2, 7]; got {pair!r}.")
        a, b = (_whole(c, "a starved class", 0, n_classes - 1) for c in pair)
        if a == b:
            raise ValueError("the two starved classes must be different; pick two different classes.")
        table = rare_class_table(sorted((a, b)), [int(n_rare)], seeds, setting, verbose=False, progress=progress)
        progress(1.0, "done")
        return rare_class_state(table)

    return compute
