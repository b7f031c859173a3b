"""The standard Fashion-MNIST training runs of Part II, in one place.

A :class:`Recipe` names every setting of a run (the article's companion
setting by default: K = 48 prototypes seeded from random images among the
first 20,000 training images, b0 = eps0 = 1, Adam 4e-3, batch 256, 12 epochs).
:func:`train` trains it, or loads the weights of an identical earlier run from
the cache, so every chapter that needs "the trained model" gets the same one.

Further settings, all off by default, are the levers of chapter "Closing the
gap": k-means centroids with the one-hot readout as the start
(``init='kmeans'``), a cosine-decayed learning rate, a separate learning rate
for the prototypes, the anchoring term of :mod:`yatlib.anchoring`, and per-unit
:math:`b_u, \varepsilon_u`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

import jax
import numpy as np
import optax
from flax import nnx

from . import cache, data
from .anchoring import batch_anchor
from .layers import ReluMLP, YatMLP
from .prototypes import kmeans_prototypes, matched_noise
from .training import History, train_or_load

__all__ = ["Recipe", "Trained", "COMPANION", "SHIPPED", "seed_prototypes", "optimizer", "train"]


@dataclass(frozen=True)
class Recipe:
    r"""Every setting of one Fashion-MNIST run.

    Attributes
    ----------
    model : {'yat', 'relu'}
        Yat MLP or the same-shaped ReLU MLP.
    n_units : int
        Hidden units K.
    train_size : int
        The run trains on the first ``train_size`` training images.
    init : {'images', 'noise', 'kmeans'}
        Yat prototypes seeded from random training images, from noise with
        the data's per-pixel mean and std (clipped to [0, 1]), or from k-means
        centroids of each class (``n_units / 10`` per class, k-means seeded with
        ``init_seed``) with the one-hot readout :math:`A_{uc} = 1[c(u) = c]`
        and readout bias 0 (the hand-built classifier as a warm start). Ignored for ReLU.
    init_seed : int
        Seed of that draw (``RandomState(init_seed).permutation``, as in the article).
    epochs, batch_size, learning_rate, seed : training settings (Adam).
    b_init, eps_init : float
        Initial b and eps of the Yat layer (through softplus).
    snapshot_every : int
        Keep a copy of the prototypes every this many steps (0: none).
    schedule : {'constant', 'cosine'}
        Constant learning rate, or cosine decay from ``learning_rate`` to 0 over the run.
    prototype_learning_rate : float or None
        A separate learning rate for the Yat prototypes (the readout, b and eps
        keep ``learning_rate``); None: one rate for all. Follows ``schedule``.
    anchor : float
        Strength :math:`\lambda` of the anchoring term
        :func:`yatlib.anchoring.batch_anchor` (0: none). Yat only.
    per_unit : bool
        One :math:`b_u, \varepsilon_u` per unit instead of one shared pair. Yat only.
    readout_init : {'default', 'zero'}
        The readout's usual random start, or all zeros (logits 0 at the first
        step, so training does not first have to undo the huge logits that
        activations in the hundreds give through a random readout). Yat only;
        ignored with ``init='kmeans'``, whose readout is one-hot.
    """

    model: Literal["yat", "relu"] = "yat"
    n_units: int = 48
    train_size: int = 20000
    init: Literal["images", "noise"] = "images"
    init_seed: int = 1
    epochs: int = 12
    batch_size: int = 256
    learning_rate: float = 4e-3
    seed: int = 0
    b_init: float = 1.0
    eps_init: float = 1.0
    snapshot_every: int = 0
    schedule: Literal["constant", "cosine"] = "constant"
    prototype_learning_rate: float | None = None
    anchor: float = 0.0
    per_unit: bool = False
    readout_init: Literal["default", "zero"] = "default"

    def but(self, **changes: object) -> "Recipe":
        """A copy with some settings changed."""
        return replace(self, **changes)


COMPANION = Recipe()
"""The companion article's setting (claims C05, C06)."""

SHIPPED = Recipe(n_units=50)
"""The explainer article's shipped model, K = 50 (claim C07)."""


@dataclass
class Trained:
    """A trained (or loaded) model with its recipe, history and prototype snapshots."""

    recipe: Recipe
    model: YatMLP | ReluMLP
    history: History
    snapshots: np.ndarray | None
    snapshot_steps: np.ndarray | None


def _kmeans_start(X: np.ndarray, y: np.ndarray, recipe: Recipe) -> tuple[np.ndarray, np.ndarray]:
    """k-means centroids of each class of the pool and their labels (cached)."""
    n_classes = 10
    if recipe.n_units % n_classes:
        raise ValueError(f"init='kmeans' needs n_units to be a multiple of the {n_classes} classes; "
                         f"got n_units={recipe.n_units}.")
    per_class = recipe.n_units // n_classes
    pool, labels = X[: recipe.train_size], y[: recipe.train_size]
    arrays = cache.cached_arrays(
        "kmeans-start", {"train_size": recipe.train_size, "per_class": per_class, "seed": recipe.init_seed,
                         "n_init": 1, "n": len(X)},
        lambda: dict(zip(("prototypes", "labels"),
                         kmeans_prototypes(pool, labels, per_class, max_per_class=None, n_init=1,
                                           random_state=recipe.init_seed))),
        verbose=False)
    return arrays["prototypes"], arrays["labels"]


def seed_prototypes(X: np.ndarray, recipe: Recipe, y: np.ndarray | None = None) -> np.ndarray:
    """The initial prototypes ``[K, 784]`` for ``recipe`` from the training images ``X`` (labels ``y`` for k-means)."""
    if recipe.init == "kmeans":
        if y is None:
            raise ValueError("init='kmeans' needs the training labels: pass y.")
        return _kmeans_start(X, y, recipe)[0]
    pool = X[: recipe.train_size]
    if recipe.init == "images":
        return pool[np.random.RandomState(recipe.init_seed).permutation(len(pool))[: recipe.n_units]]
    if recipe.init == "noise":
        return matched_noise(pool, recipe.n_units, seed=recipe.init_seed)
    raise ValueError(f"init must be 'images', 'noise' or 'kmeans'; got {recipe.init!r}.")


def _build(recipe: Recipe, X: np.ndarray, y: np.ndarray | None = None) -> YatMLP | ReluMLP:
    rngs = nnx.Rngs(recipe.seed)
    if recipe.model == "yat":
        model = YatMLP(784, recipe.n_units, 10, rngs=rngs, prototypes=seed_prototypes(X, recipe, y),
                       b_init=recipe.b_init, eps_init=recipe.eps_init, per_unit=recipe.per_unit)
        if recipe.init == "kmeans":
            labels = _kmeans_start(X, y, recipe)[1]  # type: ignore[arg-type]
            model.readout.kernel[...] = np.eye(10, dtype=np.float32)[labels]
            model.readout.bias[...] = np.zeros(10, np.float32)
        elif recipe.readout_init == "zero":
            model.readout.kernel[...] = np.zeros((recipe.n_units, 10), np.float32)
        elif recipe.readout_init != "default":
            raise ValueError(f"readout_init must be 'default' or 'zero'; got {recipe.readout_init!r}.")
        return model
    if recipe.model == "relu":
        return ReluMLP(784, recipe.n_units, 10, rngs=rngs)
    raise ValueError(f"model must be 'yat' or 'relu'; got {recipe.model!r}.")


def optimizer(recipe: Recipe) -> optax.GradientTransformation:
    """The Optax optimiser of ``recipe``: Adam, its schedule, and the prototypes' own rate if set."""
    steps = recipe.epochs * max(1, recipe.train_size // recipe.batch_size)

    def rate(lr: float) -> float | optax.Schedule:
        if recipe.schedule == "constant":
            return lr
        if recipe.schedule == "cosine":
            return optax.cosine_decay_schedule(lr, max(1, steps))
        raise ValueError(f"schedule must be 'constant' or 'cosine'; got {recipe.schedule!r}.")

    if recipe.prototype_learning_rate is None or recipe.model != "yat":
        return optax.adam(rate(recipe.learning_rate))

    def labels(params: object) -> object:
        return jax.tree_util.tree_map_with_path(
            lambda path, _: "prototypes" if "prototypes" in jax.tree_util.keystr(path) else "rest", params)

    return optax.multi_transform({"prototypes": optax.adam(rate(recipe.prototype_learning_rate)),
                                  "rest": optax.adam(rate(recipe.learning_rate))}, labels)


def train(recipe: Recipe = COMPANION, *, X: np.ndarray | None = None, y: np.ndarray | None = None,
          progress: bool = True) -> Trained:
    """Train ``recipe`` on Fashion-MNIST (or load an identical earlier run from the cache).

    ``X, y`` default to the Fashion-MNIST training split from :func:`yatlib.data.load`.
    """
    if X is None or y is None:
        X, y = data.load("fashion-mnist", "train")
    model = _build(recipe, X, y)
    snaps: list[np.ndarray] = []
    steps: list[int] = []

    def snapshot(step: int, m: nnx.Module) -> None:
        snaps.append(np.asarray(m.yat.prototypes[...]))
        steps.append(step)

    use_snaps = recipe.snapshot_every > 0 and recipe.model == "yat"
    _, history, arrays = train_or_load(
        f"fashion-{recipe.model}",
        model,
        X[: recipe.train_size],
        y[: recipe.train_size],
        config=asdict(recipe),
        extra=(lambda m: {"snapshots": np.stack(snaps), "snapshot_steps": np.asarray(steps)}) if use_snaps else None,
        epochs=recipe.epochs,
        batch_size=recipe.batch_size,
        learning_rate=recipe.learning_rate,
        seed=recipe.seed,
        callback=snapshot if use_snaps else None,
        callback_every=recipe.snapshot_every or None,
        optimizer=optimizer(recipe),
        regulariser=batch_anchor(recipe.anchor) if recipe.anchor > 0 and recipe.model == "yat" else None,
        progress=progress,
        description=f"{recipe.model} K={recipe.n_units}",
    )
    return Trained(recipe, model, history, arrays.get("snapshots"), arrays.get("snapshot_steps"))
