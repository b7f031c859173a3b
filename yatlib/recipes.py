"""The standard Fashion-MNIST training runs of Part II, in one place.

A :class:`Recipe` names every setting of a run (the article's companion
setting by default: K = 48 prototypes seeded from random images among the
first 20,000 training images, b0 = eps0 = 1, Adam 4e-3, batch 256, 12 epochs).
:func:`train` trains it, or loads the weights of an identical earlier run from
the cache, so every chapter that needs "the trained model" gets the same one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

import numpy as np
from flax import nnx

from . import data
from .layers import ReluMLP, YatMLP
from .prototypes import matched_noise
from .training import History, train_or_load

__all__ = ["Recipe", "Trained", "COMPANION", "SHIPPED", "seed_prototypes", "train"]


@dataclass(frozen=True)
class Recipe:
    """Every setting of one Fashion-MNIST run.

    Attributes
    ----------
    model : {'yat', 'relu'}
        Yat MLP or the same-shaped ReLU MLP.
    n_units : int
        Hidden units K.
    train_size : int
        The run trains on the first ``train_size`` training images.
    init : {'images', 'noise'}
        Yat prototypes seeded from random training images, or from noise with
        the data's per-pixel mean and std (clipped to [0, 1]). Ignored for ReLU.
    init_seed : int
        Seed of that draw (``RandomState(init_seed).permutation``, as in the article).
    epochs, batch_size, learning_rate, seed : training settings (Adam).
    b_init, eps_init : float
        Initial b and eps of the Yat layer (through softplus).
    snapshot_every : int
        Keep a copy of the prototypes every this many steps (0: none).
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


def seed_prototypes(X: np.ndarray, recipe: Recipe) -> np.ndarray:
    """The initial prototypes ``[K, 784]`` for ``recipe`` from the training images ``X``."""
    pool = X[: recipe.train_size]
    if recipe.init == "images":
        return pool[np.random.RandomState(recipe.init_seed).permutation(len(pool))[: recipe.n_units]]
    if recipe.init == "noise":
        return matched_noise(pool, recipe.n_units, seed=recipe.init_seed)
    raise ValueError(f"init must be 'images' or 'noise'; got {recipe.init!r}.")


def _build(recipe: Recipe, X: np.ndarray) -> YatMLP | ReluMLP:
    rngs = nnx.Rngs(recipe.seed)
    if recipe.model == "yat":
        return YatMLP(784, recipe.n_units, 10, rngs=rngs, prototypes=seed_prototypes(X, recipe),
                      b_init=recipe.b_init, eps_init=recipe.eps_init)
    if recipe.model == "relu":
        return ReluMLP(784, recipe.n_units, 10, rngs=rngs)
    raise ValueError(f"model must be 'yat' or 'relu'; got {recipe.model!r}.")


def train(recipe: Recipe = COMPANION, *, X: np.ndarray | None = None, y: np.ndarray | None = None,
          progress: bool = True) -> Trained:
    """Train ``recipe`` on Fashion-MNIST (or load an identical earlier run from the cache).

    ``X, y`` default to the Fashion-MNIST training split from :func:`yatlib.data.load`.
    """
    if X is None or y is None:
        X, y = data.load("fashion-mnist", "train")
    model = _build(recipe, X)
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
        progress=progress,
        description=f"{recipe.model} K={recipe.n_units}",
    )
    return Trained(recipe, model, history, arrays.get("snapshots"), arrays.get("snapshot_steps"))
