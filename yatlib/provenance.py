r"""Where the pictures come from: prototypes seeded from images or from noise.

A prototype's distance to the data, :math:`\operatorname{dist}(w, X) = \min_i \lVert w - x_i \rVert_2`,
is measured against the data's **nearest-neighbour floor**, over sampled training images,

.. math::

    \delta_i = \min_{j \ne i} \lVert x_i - x_j \rVert_2 .

A prototype at about the floor sits among the data; one several times farther is off the data,
whatever its accuracy. :mod:`yatlib.legibility` turns this into one ratio.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from flax import nnx
from jax.typing import ArrayLike

from . import data as _data
from .layers import YatMLP
from .recipes import COMPANION, Recipe, Trained, seed_prototypes, train
from .training import accuracy, fit

__all__ = [
    "nearest_distances",
    "nn_floor",
    "SeedRun",
    "seed_runs",
    "train_seed_run",
    "seed_state",
    "seed_run_function",
    "part2_umap",
]

ProgressFn = Callable[[float, str], None]


def nearest_distances(
    P: ArrayLike, X: ArrayLike, *, exclude: ArrayLike | None = None, batch_size: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    r"""For each row :math:`p` of ``P``, the distance to the nearest row of ``X`` and its index.

    Candidates are ranked by :math:`\lVert p\rVert^2 + \lVert x\rVert^2 - 2\,p\cdot x`;
    the winner's distance is then recomputed directly as :math:`\lVert p - x\rVert`.

    Parameters
    ----------
    P : array ``[M, D]``
    X : array ``[N, D]``
    exclude : array ``[M]`` of int, optional
        For row ``m``, index ``exclude[m]`` of ``X`` is skipped (the point itself,
        when ``P`` is drawn from ``X``).

    Returns
    -------
    (distances ``[M]``, indices ``[M]``)
    """
    Pa, Xa = np.asarray(P, np.float32), np.asarray(X, np.float32)
    if Pa.ndim != 2 or Xa.ndim != 2 or Pa.shape[1] != Xa.shape[1] or len(Xa) == 0:
        raise ValueError(f"need P [M, D] and non-empty X [N, D]; got {Pa.shape}, {Xa.shape}.")
    ex = None if exclude is None else np.asarray(exclude)
    if ex is not None and ex.shape != (len(Pa),):
        raise ValueError(f"exclude must have one index per row of P ({len(Pa)}); got shape {ex.shape}.")
    xx = (Xa.astype(np.float64) ** 2).sum(1)
    dist, where = np.empty(len(Pa)), np.empty(len(Pa), dtype=np.int64)
    for s in range(0, len(Pa), batch_size):
        Pb = Pa[s : s + batch_size]
        d2 = (Pb.astype(np.float64) ** 2).sum(1)[:, None] + xx[None] - 2.0 * (Pb @ Xa.T).astype(np.float64)
        if ex is not None:
            d2[np.arange(len(Pb)), ex[s : s + batch_size]] = np.inf
        j = d2.argmin(1)
        where[s : s + len(Pb)] = j
        # the winner's distance, recomputed directly (no cancellation error)
        dist[s : s + len(Pb)] = np.linalg.norm(Pb.astype(np.float64) - Xa[j].astype(np.float64), axis=1)
    return dist, where


def nn_floor(X: ArrayLike, *, n_sample: int = 2000, seed: int = 0) -> np.ndarray:
    r"""The data's nearest-neighbour floor: for ``n_sample`` random rows of ``X``,
    the distance to the nearest other row.

    Parameters
    ----------
    X : array ``[N, D]``
        The data, e.g. training images flattened.
    n_sample : int, default 2000
        How many rows to measure, drawn without replacement, from 1 to ``N - 1``.
    seed : int, default 0
        Seed of the draw (``numpy.random.default_rng``).

    Returns
    -------
    ndarray ``[n_sample]``
        :math:`\delta_i`, the Euclidean distance of each drawn row to its nearest other row of ``X``.
    """
    Xa = np.asarray(X, np.float32)
    if not 1 <= n_sample <= len(Xa) - 1:
        raise ValueError(f"n_sample must be between 1 and {len(Xa) - 1}; got {n_sample}.")
    idx = np.random.default_rng(seed).choice(len(Xa), size=n_sample, replace=False)
    return nearest_distances(Xa[idx], Xa, exclude=idx)[0]


@dataclass
class SeedRun:
    """One training run of the seed comparison.

    Attributes
    ----------
    seed : {'images', 'noise'}
    length : float
        Training length as a multiple of the recipe's standard length (12 epochs).
    trained : Trained
    accuracy : float
        Test accuracy on the first 5,000 test images.
    distances : ndarray ``[K]``
        Each trained prototype's distance to its nearest training image.
    start_distances : ndarray ``[K]``
        The same for the initial prototypes.
    """

    seed: str
    length: float
    trained: Trained
    accuracy: float
    distances: np.ndarray
    start_distances: np.ndarray

    @property
    def prototypes(self) -> np.ndarray:
        """The trained prototypes ``[K, D]``."""
        return np.asarray(self.trained.model.yat.prototypes[...])  # type: ignore[union-attr]  # a Yat recipe: model is a YatMLP

    @property
    def epochs(self) -> int:
        """Epochs trained."""
        return int(self.trained.recipe.epochs)


def seed_runs(
    base: Recipe = COMPANION, *, lengths: tuple[int, ...] = (1, 10), snapshot_every: int = 39, n_test: int = 5000
) -> list[SeedRun]:
    """Train (or load) ``base`` seeded from images and from noise, at each training length.

    Runs of length 1 keep prototype snapshots every ``snapshot_every`` steps (for the
    trajectories); longer runs keep none. Distances are measured to the run's own
    training images (the first ``base.train_size``).

    Parameters
    ----------
    base : Recipe
        A Yat recipe (:data:`yatlib.recipes.COMPANION` by default); its ``init``, ``epochs`` and
        ``snapshot_every`` are replaced for each run.
    lengths : tuple of int, default (1, 10)
        Training lengths, as multiples of ``base.epochs``.
    snapshot_every : int, default 39
        Steps between prototype snapshots of the runs of length 1.
    n_test : int, default 5000
        The accuracy is measured on the first ``n_test`` Fashion-MNIST test images.

    Returns
    -------
    list of SeedRun
        Two runs per length, in the order of ``lengths``: seeded from images, then from noise.
    """
    X, y = _data.load("fashion-mnist", "train")
    Xte, yte = _data.load("fashion-mnist", "test")
    pool = X[: base.train_size]
    runs = []
    for length in lengths:
        for seed in ("images", "noise"):
            recipe = base.but(
                init=seed, epochs=base.epochs * length, snapshot_every=snapshot_every if length == 1 else 0
            )
            tr = train(recipe, X=X, y=y)
            W = np.asarray(tr.model.yat.prototypes[...])  # type: ignore[union-attr]  # a Yat recipe: model is a YatMLP
            runs.append(
                SeedRun(
                    seed,
                    length,
                    tr,
                    accuracy(tr.model, Xte[:n_test], yte[:n_test]),
                    nearest_distances(W, pool)[0],
                    nearest_distances(seed_prototypes(X, recipe), pool)[0],
                )
            )
    return runs


def train_seed_run(
    base: Recipe,
    seed: str,
    epochs: int,
    *,
    X: np.ndarray,
    y: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    n_test: int = 5000,
    progress: ProgressFn | None = None,
) -> SeedRun:
    """Train ``base`` seeded from ``seed`` for ``epochs`` epochs, now, reporting progress (the live path of F24).

    The same run as :func:`yatlib.recipes.train` of ``base.but(init=seed, epochs=epochs)`` (same
    initial prototypes, same batches, same result), but not cached, and with
    ``progress(fraction, text)`` called about a hundred times during training instead of a
    progress bar. A :class:`yatlib.widgets.YatWidget` passes a ``progress`` that raises when the
    reader cancels, which ends the training.

    Parameters
    ----------
    base : Recipe
        A Yat recipe (``model='yat'``).
    seed : {'images', 'noise'}
    epochs : int
        At least 1.
    X, y : the training split (the run uses the first ``base.train_size`` images).
    X_test, y_test : the test split; accuracy is measured on the first ``n_test`` images.
    """
    if seed not in ("images", "noise"):
        raise ValueError(f"seed must be 'images' or 'noise'; got {seed!r}.")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs must be a whole number >= 1; got {epochs!r}.")
    if base.model != "yat":
        raise ValueError(f"base must be a Yat recipe (model='yat'); got model={base.model!r}.")
    report = progress or (lambda fraction, text: None)
    recipe = base.but(init=seed, epochs=int(epochs), snapshot_every=0)
    Xa, ya = np.asarray(X, np.float32), np.asarray(y)
    pool = Xa[: recipe.train_size]
    start = seed_prototypes(Xa, recipe)
    model = YatMLP(
        Xa.shape[1],
        recipe.n_units,
        int(ya.max()) + 1,
        rngs=nnx.Rngs(recipe.seed),
        prototypes=start,
        b_init=recipe.b_init,
        eps_init=recipe.eps_init,
    )
    steps_per_epoch = max(1, len(pool) // recipe.batch_size)
    total = recipe.epochs * steps_per_epoch

    def on_step(step: int, _model: nnx.Module) -> None:
        report(
            0.95 * step / total,
            f"training the {seed}-seeded model: step {step} of {total} "
            f"(epoch {min(recipe.epochs, step // steps_per_epoch + 1)} of {recipe.epochs})",
        )

    history = fit(
        model,
        pool,
        ya[: recipe.train_size],
        epochs=recipe.epochs,
        batch_size=recipe.batch_size,
        learning_rate=recipe.learning_rate,
        seed=recipe.seed,
        callback=on_step,
        callback_every=max(1, total // 100),
        progress=False,
    )
    report(0.96, "measuring the test accuracy and the distances to the training images")
    trained = Trained(recipe, model, history, None, None)
    W = np.asarray(model.yat.prototypes[...])
    run = SeedRun(
        seed,
        recipe.epochs / base.epochs,
        trained,
        accuracy(model, X_test[:n_test], y_test[:n_test]),
        nearest_distances(W, pool)[0],
        nearest_distances(start, pool)[0],
    )
    report(1.0, "done")
    return run


def seed_state(run: SeedRun) -> dict:
    """What Figure F24 shows of one run: ``seed``, ``epochs``, ``accuracy``, ``distances`` ``[K]``
    (each trained prototype to its nearest training image) and ``prototypes`` ``[K, D]``.

    Parameters
    ----------
    run : SeedRun
        A run from :func:`seed_runs` or :func:`train_seed_run`.

    Returns
    -------
    dict
        ``seed`` (str), ``epochs`` (int), ``accuracy`` (float, in [0, 1]), ``distances`` (float64
        ``[K]``) and ``prototypes`` (``[K, D]``).
    """
    return {
        "seed": run.seed,
        "epochs": run.epochs,
        "accuracy": float(run.accuracy),
        "distances": np.asarray(run.distances, np.float64),
        "prototypes": run.prototypes,
    }


def seed_run_function(
    base: Recipe = COMPANION, *, max_epochs: int = 240, n_test: int = 5000
) -> Callable[[dict, ProgressFn], dict]:
    """The live path of Figure F24 (:class:`yatlib.widgets.SeedComparison`): a run of any length.

    Returns ``compute(params, progress)``, where ``params`` holds ``"seed"`` (``'images'`` or
    ``'noise'``) and ``"epochs"`` (a whole number from 1 to ``max_epochs``); it trains that run
    with :func:`train_seed_run` and returns its :func:`seed_state`. Fashion-MNIST is loaded on
    the first call.

    Parameters
    ----------
    base : Recipe
        The Yat recipe the runs start from (:data:`yatlib.recipes.COMPANION` by default).
    max_epochs : int, default 240
        The longest run ``compute`` accepts, at least 1.
    n_test : int, default 5000
        The accuracy is measured on the first ``n_test`` test images.

    Returns
    -------
    callable ``(params, progress) -> dict``
        ``compute``; ``progress(fraction, text)`` reports the training's progress, and a seed or
        length out of range raises ``ValueError``.
    """
    if max_epochs < 1:
        raise ValueError(f"max_epochs must be >= 1; got {max_epochs}.")

    def compute(params: dict, progress: ProgressFn) -> dict:
        seed = params.get("seed")
        if seed not in ("images", "noise"):
            raise ValueError(f"the seed must be 'images' or 'noise'; got {seed!r}.")
        raw = params.get("epochs")
        if isinstance(raw, bool):
            raise ValueError(f"the training length must be a whole number of epochs; got {raw!r}.")
        try:
            epochs = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"the training length must be a whole number of epochs; got {raw!r}.") from None
        if epochs != raw or not 1 <= epochs <= max_epochs:
            raise ValueError(
                f"the training length must be a whole number of epochs from 1 to {max_epochs}; got {raw!r}."
            )
        progress(0.0, "loading Fashion-MNIST")
        X, y = _data.load("fashion-mnist", "train")
        Xte, yte = _data.load("fashion-mnist", "test")
        return seed_state(
            train_seed_run(base, seed, epochs, X=X, y=y, X_test=Xte, y_test=yte, n_test=n_test, progress=progress)
        )

    return compute


def part2_umap(*, snapshot_every: int = 39) -> dict[str, np.ndarray]:
    """The UMAP map of Part II, shared by its chapters so that it is fitted once.

    Fitted on 3,000 of the first 20,000 training images (:func:`yatlib.projection.umap_map`
    with the article's settings); it places the shipped model's prototypes
    (``"shipped_xy"``, ``[50, 2]``) and the prototype snapshots of the standard-length
    runs seeded from images and from noise (``"images_xy"``, ``"noise_xy"``, ``[S, 48, 2]``).
    Also returns ``"snapshot_steps"``.

    Parameters
    ----------
    snapshot_every : int, default 39
        Steps between the prototype snapshots of the two seeded runs (a different value trains,
        or loads, other runs).

    Returns
    -------
    dict of str to ndarray
        ``"sample"`` (the indices of the fitted images), ``"data_xy"`` ``[3000, 2]``, ``"shipped_xy"``,
        ``"images_xy"``, ``"noise_xy"`` and ``"snapshot_steps"`` ``[S]``.
    """
    from .projection import umap_map
    from .recipes import SHIPPED

    X, y = _data.load("fashion-mnist", "train")
    shipped = train(SHIPPED, X=X, y=y)
    snaps = {
        seed: train(COMPANION.but(init=seed, snapshot_every=snapshot_every), X=X, y=y) for seed in ("images", "noise")
    }
    out = umap_map(
        X[: COMPANION.train_size],
        {
            "shipped": np.asarray(shipped.model.yat.prototypes[...]),  # type: ignore[union-attr]  # a Yat recipe: model is a YatMLP
            "images": snaps["images"].snapshots,  # type: ignore[dict-item]  # set when snapshot_every > 0 (39)
            "noise": snaps["noise"].snapshots,  # type: ignore[dict-item]  # set when snapshot_every > 0 (39)
        },
    )
    return {**out, "snapshot_steps": np.asarray(snaps["images"].snapshot_steps)}
