r"""The gap between a Yat MLP and its ReLU twin, and what it costs to close it.

For a training recipe :math:`r` of a Yat MLP with :math:`K` units
(:class:`yatlib.recipes.Recipe`), its **ReLU twin** is the same-shaped
``Linear -> relu -> Linear`` network trained with the same optimiser, schedule,
batch size and number of epochs on the same images, at each learning rate of a
small grid; the twin keeps the rate with the best accuracy on a validation set
of training images that neither model trains on. Then

.. math::

    \text{gap}(r) = \mathrm{acc}_{\text{test}}(\text{ReLU twin}) - \mathrm{acc}_{\text{test}}(r)

in points on the full test set, next to the legibility ratio :math:`L(r)` of the
trained prototypes (:mod:`yatlib.legibility`) and the training cost, seconds
per epoch, as a ratio to the twin's. Every measured run is cached, so a table
of many recipes is computed once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Iterable, Sequence

import numpy as np
from tqdm.auto import tqdm

from . import cache, data
from .legibility import LEGIBLE, floor, legibility
from .anchoring import batch_anchor
from .recipes import COMPANION, Recipe, _build, optimizer, train
from .training import accuracy, fit

__all__ = ["LEVERS", "BUDGETS", "grid", "LEARNING_RATES", "VALIDATION", "Data", "Measured", "Comparison", "load_data", "twin", "measure",
           "best_twin", "epoch_cost", "compare", "best_legible", "seeds", "table"]

_SPLIT: dict[str, object] = {"readout_init": "zero", "learning_rate": 1e-4, "prototype_learning_rate": 4e-3}

LEVERS: dict[str, dict[str, object]] = {
    "images (the companion's start)": {},
    "init: matched noise": {"init": "noise"},
    "init: k-means + one-hot readout": {"init": "kmeans"},
    "per-unit b, ε": {"per_unit": True},
    "anchor λ = 0.3": {"anchor": 0.3},
    "anchor λ = 1": {"anchor": 1.0},
    "lr: all 8e-3": {"learning_rate": 8e-3},
    "lr: readout 1e-4, prototypes 4e-3": {"learning_rate": 1e-4, "prototype_learning_rate": 4e-3},
    "readout from zero": {"readout_init": "zero"},
    "readout from zero, anchor λ = 0.1": {"readout_init": "zero", "anchor": 0.1},
    "readout from zero, anchor λ = 0.3": {"readout_init": "zero", "anchor": 0.3},
    "readout from zero, lr split": _SPLIT,
    "readout from zero, lr split, per-unit": {**_SPLIT, "per_unit": True},
    "readout from zero, lr split, anchor λ = 0.3": {**_SPLIT, "anchor": 0.3},
    "readout from zero, prototypes 8e-3, anchor λ = 0.3": {**_SPLIT, "prototype_learning_rate": 8e-3, "anchor": 0.3},
    "readout from zero, lr split, noise": {**_SPLIT, "init": "noise"},
}
"""The levers, by name: the settings each changes in a :class:`~yatlib.recipes.Recipe`.

"lr split" is a readout (and b, eps) rate of 1e-4 with prototypes at 4e-3;
"readout from zero" starts the readout weights at 0 (``readout_init='zero'``).
"""

BUDGETS: dict[str, dict[str, object]] = {
    "12 epochs": {},
    "36 epochs, cosine": {"epochs": 36, "schedule": "cosine"},
}
"""The training budgets: the companion's 12 epochs at a constant rate, and a longer cosine schedule."""


def grid(widths: Sequence[int], levers: Sequence[str] | None = None, budget: str = "12 epochs",
         base: Recipe = COMPANION) -> list[tuple[str, Recipe]]:
    """``(lever name, recipe)`` for every width and lever (all of :data:`LEVERS` by default) under ``budget``."""
    if budget not in BUDGETS:
        raise ValueError(f"unknown budget {budget!r}; choose one of {list(BUDGETS)}.")
    names = list(LEVERS) if levers is None else list(levers)
    unknown = [n for n in names if n not in LEVERS]
    if unknown:
        raise ValueError(f"unknown lever(s) {unknown}; choose from {list(LEVERS)}.")
    out = []
    for K in widths:
        for n in names:
            out.append((n, base.but(n_units=int(K), **BUDGETS[budget], **LEVERS[n])))  # type: ignore[arg-type]
    return out


LEARNING_RATES: tuple[float, ...] = (2e-3, 4e-3, 8e-3, 1.6e-2)
"""The ReLU twin's learning-rate grid."""

VALIDATION = (50000, 60000)
"""Training images ``[50000:60000]``: the validation set that picks the twin's rate (no recipe trains on them)."""


@dataclass(frozen=True)
class Data:
    """The arrays a comparison needs: training images, validation and test sets, and the floor of the pool.

    Attributes
    ----------
    X, y : training images ``[N, D]`` and labels ``[N]``.
    X_val, y_val : validation images and labels (rows :data:`VALIDATION` of the training split).
    X_test, y_test : the full test set.
    floor : float
        The nearest-neighbour floor of the first ``train_size`` training images.
    train_size : int
        The pool the floor was measured on.
    """

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    floor: float
    train_size: int


def load_data(train_size: int = 20000) -> Data:
    """Fashion-MNIST as a :class:`Data`, with the floor of the first ``train_size`` training images (cached)."""
    if not 1 < train_size <= VALIDATION[0]:
        raise ValueError(f"train_size must be between 2 and {VALIDATION[0]} (the validation images come after); "
                         f"got {train_size}.")
    X, y = data.load("fashion-mnist", "train")
    X_test, y_test = data.load("fashion-mnist", "test")
    f = cache.cached_arrays("nn-floor", {"data": "fashion-mnist", "train_size": train_size, "n_sample": 2000, "seed": 0},
                            lambda: {"floor": np.asarray(floor(X[:train_size]))}, verbose=False)["floor"]
    lo, hi = VALIDATION
    return Data(X, y, X[lo:hi], y[lo:hi], X_test, y_test, float(f), train_size)


@dataclass(frozen=True)
class Measured:
    """One trained recipe, measured.

    Attributes
    ----------
    recipe : Recipe
    test_accuracy, validation_accuracy : float
    legibility : float
        The legibility ratio :math:`L` of the trained prototypes. For a ReLU
        network, of its first-layer filters each stretched to [0, 1] (the way
        they are drawn as pictures): a filter is a direction, not a point, so
        this only says how far those pictures are from real images.
    seconds_per_epoch : float
        Median wall-clock seconds of an epoch after the first (which includes compilation),
        measured when the run was trained.
    prototypes : ndarray ``[K, D]``
        The trained prototypes of a Yat MLP, or the first-layer filters (rows) of a ReLU MLP.
    loss : ndarray ``[epochs]``
        The mean training loss of each epoch.
    """

    recipe: Recipe
    test_accuracy: float
    validation_accuracy: float
    legibility: float
    seconds_per_epoch: float
    prototypes: np.ndarray
    loss: np.ndarray


def twin(recipe: Recipe, learning_rate: float) -> Recipe:
    """The ReLU twin of ``recipe`` at ``learning_rate``: same width, schedule, epochs, batch and data; no Yat-only setting."""
    defaults = {f.name: f.default for f in fields(Recipe)}
    return recipe.but(model="relu", learning_rate=float(learning_rate), init=defaults["init"],
                      init_seed=defaults["init_seed"], b_init=defaults["b_init"], eps_init=defaults["eps_init"],
                      prototype_learning_rate=None, anchor=0.0, per_unit=False,
                      readout_init=defaults["readout_init"], snapshot_every=0)


def measure(recipe: Recipe, d: Data, *, progress: bool = False) -> Measured:
    """Train ``recipe`` (or load it) and measure it on ``d``; the measurement is cached too."""
    if recipe.train_size > d.train_size:
        raise ValueError(f"the recipe trains on {recipe.train_size} images but the floor was measured on "
                         f"{d.train_size}; load_data(train_size={recipe.train_size}).")

    def compute() -> dict[str, np.ndarray]:
        run = train(recipe, X=d.X, y=d.y, progress=progress)
        secs = run.history.epoch_seconds[1:] or run.history.epoch_seconds
        out = {
            "test_accuracy": np.asarray(accuracy(run.model, d.X_test, d.y_test)),
            "validation_accuracy": np.asarray(accuracy(run.model, d.X_val, d.y_val)),
            "seconds_per_epoch": np.asarray(float(np.median(secs)) if secs else np.nan),
            "legibility": np.asarray(np.nan),
            "loss": np.asarray(run.history.loss, np.float64),
        }
        if recipe.model == "yat":
            W = P = np.asarray(run.model.yat.prototypes[...])
        else:
            W = np.asarray(run.model.hidden.kernel[...]).T
            lo, hi = W.min(1, keepdims=True), W.max(1, keepdims=True)
            P = (W - lo) / np.where(hi > lo, hi - lo, 1.0)
        out["prototypes"] = W
        out["legibility"] = np.asarray(legibility(P, d.X[: recipe.train_size], data_floor=d.floor).ratio)
        return out

    config = {**asdict(recipe), "test_size": len(d.X_test), "validation": list(VALIDATION), "floor": round(d.floor, 6)}
    a = cache.cached_arrays(f"gap-{recipe.model}", config, compute, verbose=False)
    return Measured(recipe, float(a["test_accuracy"]), float(a["validation_accuracy"]), float(a["legibility"]),
                    float(a["seconds_per_epoch"]), a["prototypes"], a["loss"])


def best_twin(recipe: Recipe, d: Data, *, learning_rates: Sequence[float] = LEARNING_RATES) -> Measured:
    """The ReLU twin of ``recipe`` at the rate of ``learning_rates`` with the best validation accuracy."""
    if not learning_rates:
        raise ValueError("learning_rates is empty; give at least one rate.")
    runs = [measure(twin(recipe, lr), d) for lr in learning_rates]
    return max(runs, key=lambda m: m.validation_accuracy)


def epoch_cost(recipe: Recipe, d: Data, *, steps: int | None = None, repeats: int = 5) -> tuple[float, float]:
    """Seconds per epoch of ``recipe`` and of its ReLU twin, timed in the same process, turn about.

    Each model trains ``repeats`` times two short epochs of ``steps`` batches
    (default: 20, or a full epoch if shorter) with the
    recipe's optimiser and regulariser (the first compiles and is not
    counted); the Yat MLP and the twin alternate, so both see the same load on
    the machine. The fastest short epoch of each is scaled to a full epoch of
    ``train_size // batch_size`` steps. Returns ``(yat_seconds, relu_seconds)``;
    cached like the runs (the timing is the one measured when first computed).
    """
    full = max(1, recipe.train_size // recipe.batch_size)
    steps = min(20, full) if steps is None else steps
    if steps < 1 or repeats < 1:
        raise ValueError(f"steps and repeats must be >= 1; got {steps}, {repeats}.")
    n = steps * recipe.batch_size
    if n > recipe.train_size:
        raise ValueError(f"steps * batch_size = {n} exceeds the recipe's {recipe.train_size} training images.")
    # what does not change the cost of a step is normalised away, so equal-cost recipes share one timing
    recipe = recipe.but(init="images", init_seed=1, epochs=1, schedule="constant", learning_rate=4e-3,
                        prototype_learning_rate=None if recipe.prototype_learning_rate is None else 4e-3,
                        anchor=0.1 if recipe.anchor > 0 else 0.0, readout_init="default", snapshot_every=0, seed=0)
    relu = twin(recipe, recipe.learning_rate)

    def compute() -> dict[str, np.ndarray]:
        models = {r.model: (r, _build(r, d.X, d.y)) for r in (recipe, relu)}
        best = {"yat": np.inf, "relu": np.inf}
        for _ in range(repeats):
            for name, (r, model) in models.items():
                h = fit(model, d.X[:n], d.y[:n], epochs=2, batch_size=r.batch_size, seed=r.seed, progress=False,
                        optimizer=optimizer(r),
                        regulariser=batch_anchor(r.anchor) if r.anchor > 0 and r.model == "yat" else None)
                best[name] = min(best[name], h.epoch_seconds[1])
        per_epoch = full / steps
        return {k: np.asarray(v * per_epoch) for k, v in best.items()}

    config = {**asdict(recipe), "steps": steps, "repeats": repeats}
    a = cache.cached_arrays("gap-cost", config, compute, verbose=False)
    return float(a["yat"]), float(a["relu"])


@dataclass(frozen=True)
class Comparison:
    """A Yat recipe next to its ReLU twin.

    Attributes
    ----------
    name : str
        What the recipe changes, in words.
    yat, relu : Measured
    cost : (float, float)
        Seconds per epoch of the Yat MLP and of its twin (:func:`epoch_cost`).
    """

    name: str
    yat: Measured
    relu: Measured
    cost: tuple[float, float]

    @property
    def gap(self) -> float:
        """ReLU twin's test accuracy minus the Yat MLP's, in points."""
        return 100.0 * (self.relu.test_accuracy - self.yat.test_accuracy)

    @property
    def cost_ratio(self) -> float:
        """Seconds per epoch of the Yat MLP over its twin's, timed turn about (:func:`epoch_cost`)."""
        return self.cost[0] / self.cost[1]


def compare(named: Iterable[tuple[str, Recipe]], d: Data, *, learning_rates: Sequence[float] = LEARNING_RATES,
            progress: bool = True) -> list[Comparison]:
    """Measure each ``(name, recipe)`` and its best ReLU twin; one progress step per recipe."""
    items = list(named)
    for name, r in items:
        if r.model != "yat":
            raise ValueError(f"recipe {name!r} is a {r.model!r} model; compare() takes Yat recipes.")
    out = []
    for name, r in tqdm(items, desc="recipes", disable=not progress):
        out.append(Comparison(name, measure(r, d), best_twin(r, d, learning_rates=learning_rates), epoch_cost(r, d)))
    return out


def best_legible(rows: Sequence[Comparison], *, threshold: float = LEGIBLE) -> Comparison:
    r"""The comparison with the smallest gap among those whose prototypes have :math:`L \le` ``threshold``."""
    legible = [c for c in rows if c.yat.legibility <= threshold]
    if not legible:
        raise ValueError(f"no recipe in rows has legibility <= {threshold}; measure more recipes or raise threshold.")
    return min(legible, key=lambda c: c.gap)


def seeds(c: Comparison, d: Data, *, n: int = 3, progress: bool = True) -> list[Comparison]:
    """``c``'s recipe and its twin again with seeds ``0 .. n-1`` (seed ``s`` also draws the start with ``init_seed = s + 1``).

    The twin keeps the rate chosen for ``c``; seed 0 with ``c``'s own seeds is ``c`` itself (loaded from the cache).
    """
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n}.")
    out = []
    for s in tqdm(range(n), desc="seeds", disable=not progress):
        r = c.yat.recipe.but(seed=s, init_seed=s + 1)
        out.append(Comparison(f"{c.name}, seed {s}", measure(r, d), measure(twin(r, c.relu.recipe.learning_rate), d),
                              epoch_cost(r, d)))
    return out


def table(rows: Sequence[Comparison]) -> str:
    """The comparisons as a plain-text table (accuracies in %, gap in points)."""
    head = (f"{'recipe':<44} {'K':>4} {'Yat':>6} {'ReLU':>6} {'(lr)':>7} {'gap':>6} {'L':>5} "
            f"{'s/ep Yat':>8} {'s/ep ReLU':>9} {'ratio':>6}")
    lines = [head, "-" * len(head)]
    for c in rows:
        lines.append(f"{c.name:<44} {c.yat.recipe.n_units:>4} {100 * c.yat.test_accuracy:>6.2f} "
                     f"{100 * c.relu.test_accuracy:>6.2f} {c.relu.recipe.learning_rate:>7.0e} {c.gap:>6.2f} "
                     f"{c.yat.legibility:>5.2f} {c.cost[0]:>8.2f} {c.cost[1]:>9.2f} "
                     f"{c.cost_ratio:>6.2f}")
    return "\n".join(lines)
