r"""The standard training runs of Part II, in one place, on any labelled data set.

A :class:`Recipe` names every setting of a run (by default the articles' companion setting: K = 48
prototypes seeded from random training images, b0 = eps0 = 1, Adam 4e-3, batch 256, 12 epochs);
:func:`train` trains it on the data given (or loads ``dataset`` with :func:`yatlib.data.load`), or
loads an identical run from :mod:`yatlib.cache`, whose key includes the data's fingerprint
(:func:`yatlib.cache.array_fingerprint`). ``D`` and ``C`` are read from the data. Further
settings, off by default, are the levers of "Closing the gap": k-means start (``init='kmeans'``),
zero readout, cosine decay, a prototype learning rate, the anchoring term of
:mod:`yatlib.anchoring`, and per-unit :math:`b_u, \varepsilon_u`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

import jax
import numpy as np
import optax
from flax import nnx
from jax.typing import ArrayLike

from . import data
from .anchoring import batch_anchor
from .layers import ReluMLP, YatMLP
from .prototypes import _kmeans, _matched_noise
from .training import _FIT_DEFAULTS, History, _train_or_load
from .validation import check_array, check_choice, check_int, check_labels, check_nonnegative, check_positive

__all__ = ["Recipe", "Trained", "COMPANION", "SHIPPED", "seed_prototypes", "build", "optimizer", "train"]


@dataclass(frozen=True)
class Recipe:
    r"""Every setting of one training run (the data are passed to :func:`train`).

    Attributes
    ----------
    model : {'yat', 'relu'}
        The Yat MLP or the same-shaped ReLU MLP.
    n_units : int
        Hidden units K.
    train_size : int
        The run trains on the first ``train_size`` training items (all of them if there are fewer).
    init : {'images', 'noise', 'kmeans'}
        Yat prototypes seeded from random training items, from noise with
        the data's per-feature mean and std (clipped to the data's range, widened
        to include [0, 1]), or from k-means centroids of each class
        (``n_units / C`` per class for C classes, k-means seeded with
        ``init_seed``) with the one-hot readout :math:`A_{uc} = 1[c(u) = c]`
        and readout bias 0 (the hand-built classifier as a warm start). Ignored for ReLU.
    init_seed : int
        Seed of that draw (``RandomState(init_seed).permutation``, as in the article).
    epochs, batch_size, learning_rate, seed : training settings (Adam).
    b_init, eps_init : float
        Initial b and eps of the Yat layer (through softplus), both > 0.
    snapshot_every : int
        Keep a copy of the prototypes every this many steps (0: none).
    schedule : {'constant', 'cosine'}
        Constant learning rate, or cosine decay from ``learning_rate`` to 0 over the run.
    prototype_learning_rate : float or None
        A separate learning rate (> 0) for the Yat prototypes (the readout, b and eps
        keep ``learning_rate``); None: one rate for all. Follows ``schedule``.
    anchor : float
        Strength :math:`\lambda \ge 0` of the anchoring term
        :func:`yatlib.anchoring.batch_anchor` (0: none). Yat only.
    per_unit : bool
        One :math:`b_u, \varepsilon_u` per unit instead of one shared pair. Yat only.
    readout_init : {'default', 'zero'}
        The readout's usual random start, or all zeros (logits 0 at the first
        step, so training does not first have to undo the huge logits that
        activations in the hundreds give through a random readout). Yat only;
        ignored with ``init='kmeans'``, whose readout is one-hot.

    A setting out of range raises :class:`ValueError` when the recipe is made.
    """

    model: Literal["yat", "relu"] = "yat"
    n_units: int = 48
    train_size: int = 20000
    init: Literal["images", "noise", "kmeans"] = "images"
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

    def __post_init__(self) -> None:
        check_choice(self.model, "model", ("yat", "relu"))
        check_choice(self.init, "init", ("images", "noise", "kmeans"))
        check_int(self.n_units, "n_units", low=1, why="It is the number of hidden units K.")
        check_int(self.train_size, "train_size", low=1)
        check_int(self.init_seed, "init_seed", low=0)
        check_int(self.epochs, "epochs", low=0)
        check_int(self.batch_size, "batch_size", low=1)
        check_positive(self.learning_rate, "learning_rate", why="Adam's step size; the book uses 4e-3.")
        check_int(self.seed, "seed", low=0)
        check_positive(self.b_init, "b_init", why="b is stored through softplus, so it starts > 0.")
        check_positive(self.eps_init, "eps_init", why="eps keeps the denominator away from zero; try 1.0.")
        check_int(self.snapshot_every, "snapshot_every", low=0)
        check_choice(self.schedule, "schedule", ("constant", "cosine"))
        if self.prototype_learning_rate is not None:
            check_positive(
                self.prototype_learning_rate,
                "prototype_learning_rate",
                why="The prototypes' own Adam step size; None gives them learning_rate.",
            )
        check_nonnegative(self.anchor, "anchor", why="It is the strength lambda of the anchoring term; 0 turns it off.")
        check_choice(self.per_unit, "per_unit", (False, True))
        check_choice(self.readout_init, "readout_init", ("default", "zero"))

    def but(self, **changes: object) -> Recipe:
        """A copy with some settings changed.

        Parameters
        ----------
        **changes
            New values of settings, by name (e.g. ``n_units=50, epochs=20``); an unknown name raises
            ``ValueError``, and each value is checked as when a recipe is made.

        Returns
        -------
        Recipe
            A new recipe; this one is unchanged (recipes are frozen).
        """
        unknown = sorted(set(changes) - set(asdict(self)))
        if unknown:
            raise ValueError(f"unknown recipe setting(s) {unknown}; the settings are {sorted(asdict(self))}.")
        return replace(self, **changes)  # type: ignore[arg-type]  # each setting checked by __post_init__


COMPANION = Recipe()
"""The companion article's setting (claims C05, C06)."""

SHIPPED = Recipe(n_units=50)
"""The explainer article's shipped model, K = 50 (claim C07)."""


@dataclass
class Trained:
    """A trained (or loaded) model with its recipe, history and prototype snapshots.

    Attributes
    ----------
    recipe : Recipe
    model : YatMLP or ReluMLP
    history : History
    snapshots : ndarray ``[S, K, D]`` or None
        Copies of the prototypes taken every ``recipe.snapshot_every`` steps.
    snapshot_steps : ndarray ``[S]`` or None
    dataset : str
        The name the data were given (``"fashion-mnist"``, ``"mnist"``, or the reader's own).
    n_classes : int
        The number of classes C the model outputs.
    """

    recipe: Recipe
    model: YatMLP | ReluMLP
    history: History
    snapshots: np.ndarray | None
    snapshot_steps: np.ndarray | None
    dataset: str = "fashion-mnist"
    n_classes: int = 10


def _n_classes(y: np.ndarray | None, n_classes: int | None, who: str) -> int:
    """C: given, or ``max(y) + 1``."""
    if n_classes is None:
        if y is None:
            raise ValueError(
                f"{who} needs the labels y or the number of classes n_classes to size the readout; pass one of them."
            )
        return int(y.max()) + 1
    return check_int(n_classes, "n_classes", low=1, why="It is the number of classes C.")


def _kmeans_start(X: np.ndarray, y: np.ndarray, recipe: Recipe, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """k-means centroids of each class of the pool and their labels ``0..C-1`` (cached by the data's fingerprint)."""
    if recipe.n_units % n_classes:
        raise ValueError(
            f"n_units must be a multiple of the {n_classes} classes for init='kmeans' "
            f"(n_units / C centroids per class); got n_units={recipe.n_units}. "
            f"Use e.g. n_units={max(1, recipe.n_units // n_classes) * n_classes}."
        )
    per_class = recipe.n_units // n_classes
    pool, labels = X[: recipe.train_size], y[: recipe.train_size]
    missing = sorted(set(range(n_classes)) - set(np.unique(labels).tolist()))
    if missing:
        raise ValueError(
            f"y has no item of class(es) {missing[:5]} among the first {len(labels)} training items, "
            "so init='kmeans' has no centroid to give them; pass data with every class, "
            "or use init='images'."
        )
    return _kmeans(pool, labels, per_class, max_per_class=None, n_init=1, random_state=recipe.init_seed)


def seed_prototypes(
    X: ArrayLike, recipe: Recipe, y: ArrayLike | None = None, *, n_classes: int | None = None
) -> np.ndarray:
    """The initial prototypes ``[K, D]`` for ``recipe`` from the training items ``X [N, D]``.

    ``y`` (the labels, and ``n_classes`` if not ``max(y) + 1``) is needed only for ``init='kmeans'``.

    Parameters
    ----------
    X : array ``[N, D]``
        Training items, one per row; only the first ``recipe.train_size`` are drawn from. ``init='images'``
        needs at least ``K`` of them, ``init='noise'`` at least 2.
    recipe : Recipe
        Its ``init``, ``n_units`` (``K``), ``init_seed`` and ``train_size`` say how to draw.
    y : array ``[N]``, optional
        Integer class labels of ``X``; required for ``init='kmeans'``, whose ``K`` must then be a
        multiple of C and whose pool must hold every class.
    n_classes : int, optional
        The number of classes C (default: ``max(y) + 1``).

    Returns
    -------
    ndarray ``[K, D]``
        The initial prototypes: training items, noise matched to the data, or per-class k-means
        centroids (``K / C`` for each class, in class order).
    """
    Xa = check_array(X, "X", who="seed_prototypes")
    ya = None if y is None else check_labels(y, "y", n=len(Xa), who="seed_prototypes")
    if recipe.init == "kmeans" and ya is None:
        raise ValueError("y is needed for init='kmeans' (centroids of each class): pass the training labels y.")
    return _seed(Xa, recipe, ya, _n_classes(ya, n_classes, "seed_prototypes") if ya is not None else 0)


def _seed(Xa: np.ndarray, recipe: Recipe, ya: np.ndarray | None, n_classes: int) -> np.ndarray:
    """:func:`seed_prototypes` on checked arguments (``ya`` and ``n_classes`` matter for ``init='kmeans'`` only)."""
    if recipe.init == "kmeans":
        return _kmeans_start(Xa, ya, recipe, n_classes)[0]  # type: ignore[arg-type]  # checked by the caller
    pool = Xa[: recipe.train_size]
    if recipe.init == "images":
        if len(pool) < recipe.n_units:
            raise ValueError(
                f"X has {len(pool)} training items, fewer than the {recipe.n_units} prototypes to seed "
                "from them; pass more data or a recipe with fewer n_units."
            )
        return pool[np.random.RandomState(recipe.init_seed).permutation(len(pool))[: recipe.n_units]]
    if len(pool) < 2:
        raise ValueError(f"X has {len(pool)} training item; init='noise' needs at least 2 to match their spread.")
    # clipped to the data's range (exactly [0, 1] for images scaled to [0, 1])
    lo, hi = min(0.0, float(pool.min())), max(1.0, float(pool.max()))
    return _matched_noise(pool, recipe.n_units, seed=recipe.init_seed, clip=(lo, hi))


def build(
    recipe: Recipe, X: ArrayLike, y: ArrayLike | None = None, *, n_classes: int | None = None
) -> YatMLP | ReluMLP:
    """The untrained model of ``recipe`` for the training items ``X [N, D]``: D inputs, C outputs.

    C is ``n_classes``, or ``max(y) + 1``; ``y`` is needed for ``init='kmeans'``.
    :func:`train` builds its model with this.

    Parameters
    ----------
    recipe : Recipe
        The settings; the model's weights are drawn from ``nnx.Rngs(recipe.seed)``.
    X : array ``[N, D]``
        Training items; they give ``D`` and, for a Yat model, the prototypes (:func:`seed_prototypes`).
    y : array ``[N]``, optional
        Integer class labels of ``X``; needed for ``init='kmeans'`` (one-hot readout) or when
        ``n_classes`` is not given.
    n_classes : int, optional
        The number of outputs C (default: ``max(y) + 1``).

    Returns
    -------
    YatMLP or ReluMLP
        The untrained model, ``D`` inputs, ``recipe.n_units`` hidden units, C outputs.
    """
    Xa = check_array(X, "X", who="recipes.build")
    ya = None if y is None else check_labels(y, "y", n=len(Xa), who="recipes.build")
    return _build(recipe, Xa, ya, _n_classes(ya, n_classes, "recipes.build"))


def _build(recipe: Recipe, Xa: np.ndarray, ya: np.ndarray | None, C: int) -> YatMLP | ReluMLP:
    """:func:`build` on checked arguments."""
    rngs = nnx.Rngs(recipe.seed)
    D = Xa.shape[1]
    if recipe.model == "relu":
        return ReluMLP(D, recipe.n_units, C, rngs=rngs)
    if recipe.init == "kmeans" and ya is None:
        raise ValueError("y is needed for init='kmeans' (centroids of each class): pass the training labels y.")
    model = YatMLP(
        D,
        recipe.n_units,
        C,
        rngs=rngs,
        prototypes=_seed(Xa, recipe, ya, C),
        b_init=recipe.b_init,
        eps_init=recipe.eps_init,
        per_unit=recipe.per_unit,
    )
    if recipe.init == "kmeans":
        labels = _kmeans_start(Xa, ya, recipe, C)[1]  # type: ignore[arg-type]  # cached: the same draw
        model.readout.kernel[...] = np.eye(C, dtype=np.float32)[labels]
        model.readout.bias[...] = np.zeros(C, np.float32)  # type: ignore[index]  # flax: bias optional; built with one
    elif recipe.readout_init == "zero":
        model.readout.kernel[...] = np.zeros((recipe.n_units, C), np.float32)
    return model


def optimizer(recipe: Recipe, n_items: int | None = None) -> optax.GradientTransformation:
    """The Optax optimiser of ``recipe``: Adam, its schedule, and the prototypes' own rate if set.

    The cosine schedule decays over the run's steps, ``epochs * (n // batch_size)``
    for ``n = min(train_size, n_items)`` training items (``n_items``: how many the data have).

    Parameters
    ----------
    recipe : Recipe
        Its ``learning_rate``, ``schedule``, ``prototype_learning_rate`` (used for a Yat model only),
        ``epochs``, ``batch_size`` and ``train_size``.
    n_items : int, optional
        How many training items the data have, at least 1 (default: ``recipe.train_size``); it only
        sets the length of the cosine schedule.

    Returns
    -------
    optax.GradientTransformation
        ``optax.adam``, or an ``optax.multi_transform`` of two Adams when the prototypes have their own rate.
    """
    n = recipe.train_size if n_items is None else min(recipe.train_size, check_int(n_items, "n_items", low=1))
    steps = recipe.epochs * max(1, n // recipe.batch_size)

    def rate(lr: float) -> float | optax.Schedule:
        return optax.cosine_decay_schedule(lr, max(1, steps)) if recipe.schedule == "cosine" else lr

    if recipe.prototype_learning_rate is None or recipe.model != "yat":
        return optax.adam(rate(recipe.learning_rate))

    def labels(params: object) -> object:
        return jax.tree_util.tree_map_with_path(
            lambda path, _: "prototypes" if "prototypes" in jax.tree_util.keystr(path) else "rest", params
        )

    return optax.multi_transform(
        {
            "prototypes": optax.adam(rate(recipe.prototype_learning_rate)),
            "rest": optax.adam(rate(recipe.learning_rate)),
        },
        labels,
    )


def train(
    recipe: Recipe = COMPANION,
    *,
    X: ArrayLike | None = None,
    y: ArrayLike | None = None,
    dataset: str | None = None,
    n_classes: int | None = None,
    progress: bool = True,
) -> Trained:
    """Train ``recipe`` on ``(X, y)`` (or load an identical earlier run from the cache).

    Parameters
    ----------
    recipe : Recipe
        The settings; :data:`COMPANION` by default.
    X : array ``[N, D]``, optional
        Training items, one per row, any number of features ``D`` (images flattened).
    y : array ``[N]``, optional
        Their class labels ``0..C-1``.
    dataset : str, optional
        A name for the data. With no ``X, y`` it says which data set to load
        (``"fashion-mnist"`` by default, or ``"mnist"``); with ``X, y`` it only
        labels the result (default ``"data"``). The cache does not rely on it: its
        key includes a fingerprint of the arrays themselves, so the same data
        under two names share one cached run, and two data sets never do.
    n_classes : int, optional
        The number of classes C; by default ``max(y) + 1`` over the training items.
    progress : bool
        Show a progress bar while training.

    Returns
    -------
    Trained
        The model with its recipe, history, snapshots, data set name and number of classes.
    """
    if not isinstance(recipe, Recipe):
        raise ValueError(
            f"recipe must be a Recipe (e.g. recipes.COMPANION.but(n_units=50)); got {type(recipe).__name__}."
        )
    if (X is None) != (y is None):
        raise ValueError("pass both X and y (the training items and their labels), or neither to load a data set.")
    if X is None:
        dataset = dataset or "fashion-mnist"
        X, y = data.load(dataset, "train")
    elif dataset is not None and not isinstance(dataset, str):
        raise ValueError(f"dataset must be a name (a string); got {type(dataset).__name__}.")
    Xa = check_array(X, "X", who="recipes.train")
    ya = check_labels(y, "y", n=len(Xa), who="recipes.train")
    Xs, ys = Xa[: recipe.train_size], ya[: recipe.train_size]
    if n_classes is None:
        n_classes = int(ys.max()) + 1
    n_classes = check_int(n_classes, "n_classes", low=1, why="It is the number of classes C.")
    check_labels(ys, "y", n_classes=n_classes, classes_of="n_classes", who="recipes.train")
    model = _build(recipe, Xs, ys, n_classes)
    snaps: list[np.ndarray] = []
    steps: list[int] = []

    def snapshot(step: int, m: YatMLP) -> None:
        snaps.append(np.asarray(m.yat.prototypes[...]))
        steps.append(step)

    use_snaps = recipe.snapshot_every > 0 and recipe.model == "yat"
    fit_args = {
        **_FIT_DEFAULTS,
        "epochs": recipe.epochs,
        "batch_size": recipe.batch_size,
        "learning_rate": recipe.learning_rate,
        "seed": recipe.seed,
        "callback": snapshot if use_snaps else None,
        "callback_every": recipe.snapshot_every or None,
        "optimizer": optimizer(recipe, len(Xs)),
        "regulariser": batch_anchor(recipe.anchor) if recipe.anchor > 0 and recipe.model == "yat" else None,
        "progress": progress,
        "description": f"{recipe.model} K={recipe.n_units}",
    }
    _, history, arrays = _train_or_load(
        f"recipe-{recipe.model}",  # the data enter the key by fingerprint, not by name
        model,
        Xs,
        ys,
        {**asdict(recipe), "n_classes": n_classes},
        (lambda m: {"snapshots": np.stack(snaps), "snapshot_steps": np.asarray(steps)}) if use_snaps else None,
        fit_args,
    )
    return Trained(
        recipe,
        model,
        history,
        arrays.get("snapshots"),
        arrays.get("snapshot_steps"),
        dataset=dataset or "data",
        n_classes=n_classes,
    )
