r"""The gap between a Yat MLP and its ReLU twin, and what it costs to close it.

The **ReLU twin** of a recipe :math:`r` (:class:`yatlib.recipes.Recipe`) is the same-shaped
``Linear -> relu -> Linear`` network trained the same way, its learning rate chosen on validation
items (:func:`prepare`) from a small grid. Then

.. math::

    \text{gap}(r) = \mathrm{acc}_{\text{test}}(\text{ReLU twin}) - \mathrm{acc}_{\text{test}}(r)

in points, beside the legibility :math:`L(r)` (:mod:`yatlib.legibility`) and the cost per epoch as
a ratio to the twin's; :func:`best_legible` picks among legible recipes on validation items. Long
sweeps are written as receipts (:mod:`yatlib.receipts`: :func:`record`, :func:`pictures`) and read
back by chapters with :func:`from_receipt`, checked against :data:`AGREEMENT`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import jax
import numpy as np
from jax.typing import ArrayLike
from tqdm.auto import tqdm

from . import cache, receipts
from .anchoring import batch_anchor
from .legibility import LEGIBLE, floor, legibility
from .recipes import COMPANION, Recipe, build, optimizer, train
from .training import accuracy, train_step
from .validation import check_int, check_labels, check_positive, check_xy, to_jax

__all__ = [
    "LEVERS",
    "BUDGETS",
    "grid",
    "LEARNING_RATES",
    "VALIDATION_SIZE",
    "Data",
    "prepare",
    "Measured",
    "Comparison",
    "twin",
    "measure",
    "best_twin",
    "epoch_cost",
    "compare",
    "best_legible",
    "seeds",
    "table",
    "N_PICTURES",
    "AGREEMENT",
    "record",
    "as_drawn",
    "pictures",
    "load_pictures",
    "from_records",
    "from_receipt",
]

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


def grid(
    widths: Sequence[int], levers: Sequence[str] | None = None, budget: str = "12 epochs", base: Recipe = COMPANION
) -> list[tuple[str, Recipe]]:
    """``(lever name, recipe)`` for every width and lever (all of :data:`LEVERS` by default) under ``budget``.

    Parameters
    ----------
    widths : sequence of int
        Hidden widths :math:`K` (the recipes' ``n_units``).
    levers : sequence of str, optional
        Names of :data:`LEVERS`; None: all of them, in their order.
    budget : str, default '12 epochs'
        A name of :data:`BUDGETS`.
    base : Recipe, default COMPANION
        The recipe each lever and the budget change.

    Returns
    -------
    list of (str, Recipe)
        For each width in turn, every lever in order.
    """
    if budget not in BUDGETS:
        raise ValueError(f"unknown budget {budget!r}; choose one of {list(BUDGETS)}.")
    names = list(LEVERS) if levers is None else list(levers)
    unknown = [n for n in names if n not in LEVERS]
    if unknown:
        raise ValueError(f"unknown lever(s) {unknown}; choose from {list(LEVERS)}.")
    out = []
    for K in widths:
        for n in names:
            out.append((n, base.but(n_units=int(K), **BUDGETS[budget], **LEVERS[n])))
    return out


LEARNING_RATES: tuple[float, ...] = (2e-3, 4e-3, 8e-3, 1.6e-2)
"""The ReLU twin's learning-rate grid."""

VALIDATION_SIZE = 10000
"""By default the last 10,000 training items are the validation set that picks the twin's rate
and the recipe (no recipe trains on them): images 50,000-59,999 of Fashion-MNIST."""


@dataclass(frozen=True)
class Data:
    """The arrays a comparison needs, made by :func:`prepare`.

    Attributes
    ----------
    X, y : training items ``[N, D]`` and labels ``[N]``; the recipes train on the first ``train_size``.
    X_val, y_val : validation items and labels (rows ``validation`` of the training split).
    X_test, y_test : the test set.
    floor : float
        The nearest-neighbour floor of the first ``train_size`` training items (:func:`yatlib.legibility.floor`).
    train_size : int
        The pool the recipes train on and the floor was measured on.
    n_classes : int
        The number of classes C.
    name : str
        A name for the data set (labels only).
    validation : (int, int)
        The rows of the training split held out for validation.
    key : str
        Fingerprints of every array (:func:`yatlib.cache.array_fingerprint`), computed once:
        the measurements' cache key, so other data never share them.
    """

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    floor: float
    train_size: int
    n_classes: int
    name: str
    validation: tuple[int, int]
    key: str


def prepare(
    X: ArrayLike,
    y: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    train_size: int = 20000,
    validation: tuple[int, int] | None = None,
    n_classes: int | None = None,
    name: str = "data",
) -> Data:
    """The training, validation and test arrays of a comparison, with the floor of the training pool (cached).

    Parameters
    ----------
    X, y : arrays ``[N, D]``, ``[N]``
        The training split; recipes train on its first ``train_size`` items.
    X_test, y_test : arrays ``[M, D]``, ``[M]``
        The test set the gap is measured on.
    train_size : int
        The training pool (the recipes' ``train_size`` may not exceed it).
    validation : (int, int), optional
        Rows ``[lo, hi)`` of the training split held out to choose the twin's rate and the
        recipe; by default the last :data:`VALIDATION_SIZE` rows (or all rows after the pool, if fewer).
        They must not overlap the pool.
    n_classes : int, optional
        C; by default ``max(y) + 1`` over training and test labels.
    name : str
        A name for the data set.
    """
    Xa, ya = check_xy(X, y, who="gap.prepare")
    D = Xa.shape[1]
    Xt, yt = check_xy(
        X_test, y_test, n_features=D, features_of="X", who="gap.prepare", X_name="X_test", y_name="y_test"
    )
    train_size = check_int(
        train_size,
        "train_size",
        low=2,
        high=len(Xa) - 1,
        why="It is the training pool; some rows after it must be left for validation.",
    )
    if validation is None:
        validation = (max(train_size, len(Xa) - VALIDATION_SIZE), len(Xa))
    try:
        lo, hi = (int(v) for v in validation)
    except (TypeError, ValueError):
        raise ValueError(f"validation must be a pair of row numbers (lo, hi); got {validation!r}.") from None
    if not train_size <= lo < hi <= len(Xa):
        raise ValueError(
            f"validation rows must satisfy train_size <= lo < hi <= {len(Xa)} (after the training pool "
            f"of {train_size}, so no model trains on them); got ({lo}, {hi})."
        )
    C = int(max(ya.max(), yt.max())) + 1 if n_classes is None else check_int(n_classes, "n_classes", low=1)
    check_labels(ya, "y", n_classes=C, classes_of="n_classes", who="gap.prepare")
    check_labels(yt, "y_test", n_classes=C, classes_of="n_classes", who="gap.prepare")
    pool = Xa[:train_size]
    f = cache.cached_arrays(
        "nn-floor",
        {"n_sample": 2000, "seed": 0},
        lambda: {"floor": np.asarray(floor(pool))},
        data={"X": pool},
        verbose=False,
    )["floor"]
    arrays = {"X": pool, "y": ya[:train_size], "X_val": Xa[lo:hi], "y_val": ya[lo:hi], "X_test": Xt, "y_test": yt}
    key = ";".join(f"{k}={cache.array_fingerprint(v)}" for k, v in arrays.items())
    return Data(Xa, ya, Xa[lo:hi], ya[lo:hi], Xt, yt, float(f), train_size, C, str(name), (lo, hi), key)


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
        The trained prototypes of a Yat MLP, or the first-layer filters (rows) of a ReLU MLP. Read
        from a receipt (:func:`from_records`): only the first few, as drawn (8-bit, a twin's
        stretched to [0, 1]), or none.
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
    """The ReLU twin of ``recipe`` at ``learning_rate``: same width, schedule, epochs, batch and data;
    no Yat-only setting.

    Parameters
    ----------
    recipe : Recipe
        A Yat recipe.
    learning_rate : float
        The twin's learning rate.

    Returns
    -------
    Recipe
        ``model='relu'`` with the same ``n_units``, ``train_size``, ``epochs``, ``batch_size``, ``schedule``
        and ``seed``; the Yat-only settings at their defaults and no snapshots.
    """
    defaults = {f.name: f.default for f in fields(Recipe)}
    return recipe.but(
        model="relu",
        learning_rate=float(learning_rate),
        init=defaults["init"],
        init_seed=defaults["init_seed"],
        b_init=defaults["b_init"],
        eps_init=defaults["eps_init"],
        prototype_learning_rate=None,
        anchor=0.0,
        per_unit=False,
        readout_init=defaults["readout_init"],
        snapshot_every=0,
    )


def measure(recipe: Recipe, d: Data, *, progress: bool = False) -> Measured:
    """Train ``recipe`` on ``d`` (or load it) and measure it; the measurement is cached too.

    Parameters
    ----------
    recipe : Recipe
        The run (Yat or ReLU); its ``train_size`` must not exceed ``d.train_size``.
    d : Data
        The arrays, from :func:`prepare`.
    progress : bool, default False
        Show a progress bar while training.

    Returns
    -------
    Measured
        The test and validation accuracies, the legibility, the seconds per epoch, the prototypes (or
        first-layer filters) and the loss of each epoch.
    """
    if not isinstance(recipe, Recipe):
        raise ValueError(f"recipe must be a Recipe; got {type(recipe).__name__}.")
    if recipe.train_size > d.train_size:
        raise ValueError(
            f"the recipe trains on {recipe.train_size} items but the data's pool has {d.train_size}; "
            f"prepare(..., train_size={recipe.train_size}) or a recipe with a smaller train_size."
        )

    def compute() -> dict[str, np.ndarray]:
        run = train(recipe, X=d.X, y=d.y, dataset=d.name, n_classes=d.n_classes, progress=progress)
        secs = run.history.epoch_seconds[1:] or run.history.epoch_seconds
        out = {
            "test_accuracy": np.asarray(accuracy(run.model, d.X_test, d.y_test)),
            "validation_accuracy": np.asarray(accuracy(run.model, d.X_val, d.y_val)),
            "seconds_per_epoch": np.asarray(float(np.median(secs)) if secs else np.nan),
            "loss": np.asarray(run.history.loss, np.float64),
        }
        pool = d.X[: recipe.train_size]
        if recipe.model == "yat":
            W = P = np.asarray(run.model.yat.prototypes[...])  # type: ignore[union-attr]  # recipe.model == "yat"
        else:  # each filter stretched to the data's range, the way it is drawn as a picture
            W = np.asarray(run.model.hidden.kernel[...]).T  # type: ignore[union-attr]  # recipe.model == "relu"
            lo, hi = W.min(1, keepdims=True), W.max(1, keepdims=True)
            P = float(pool.min()) + (W - lo) / np.where(hi > lo, hi - lo, 1.0) * float(pool.max() - pool.min())
        out["prototypes"] = W
        out["legibility"] = np.asarray(legibility(P, pool, data_floor=d.floor).ratio)
        return out

    config = {**asdict(recipe), "data": d.key, "n_classes": d.n_classes, "floor": round(d.floor, 6)}
    a = cache.cached_arrays(f"gap-{recipe.model}", config, compute, verbose=False)
    return Measured(
        recipe,
        float(a["test_accuracy"]),
        float(a["validation_accuracy"]),
        float(a["legibility"]),
        float(a["seconds_per_epoch"]),
        a["prototypes"],
        a["loss"],
    )


def best_twin(recipe: Recipe, d: Data, *, learning_rates: Sequence[float] = LEARNING_RATES) -> Measured:
    """The ReLU twin of ``recipe`` at the rate of ``learning_rates`` with the best validation accuracy.

    Parameters
    ----------
    recipe : Recipe
        A Yat recipe.
    d : Data
        The arrays, from :func:`prepare`.
    learning_rates : sequence of float, default LEARNING_RATES
        The candidate rates, each > 0 (at least one).

    Returns
    -------
    Measured
        The twin with the best validation accuracy (a tie goes to the first rate).
    """
    rates = [check_positive(lr, "learning_rates", why="Each is an Adam step size.") for lr in learning_rates]
    if not rates:
        raise ValueError("learning_rates is empty; give at least one rate, e.g. gap.LEARNING_RATES.")
    runs = [measure(twin(recipe, lr), d) for lr in rates]
    return max(runs, key=lambda m: m.validation_accuracy)


def epoch_cost(recipe: Recipe, d: Data, *, steps: int | None = None, repeats: int = 3) -> tuple[float, float]:
    """Seconds per epoch of ``recipe`` and of its ReLU twin, timed in the same process, turn about.

    Both models are compiled once (:func:`yatlib.training.train_step`, the step
    :func:`~yatlib.training.fit` trains with, with the recipe's optimiser and
    regulariser) and take one untimed warm-up round of ``steps`` batches
    (default: 20, or a full epoch if shorter); then they alternate, ``repeats``
    timed rounds each, so both see the same load on the machine. The fastest
    round of each is scaled to a full epoch of ``train_size // batch_size``
    steps. Returns ``(yat_seconds, relu_seconds)``; cached like the runs (the
    timing is the one measured when first computed).

    Parameters
    ----------
    recipe : Recipe
        A Yat recipe. What does not change the cost of a step (seeds, start, rates, schedule, epochs,
        the anchor's strength) is set to fixed values, so recipes that cost the same share one timing.
    d : Data
        The arrays, from :func:`prepare`; its first ``steps * batch_size`` training items are the batches.
    steps : int, optional
        Batches per round (default: 20, or a full epoch if shorter).
    repeats : int, default 3
        Timed rounds of each model, at least 1.

    Returns
    -------
    yat_seconds : float
        Seconds per epoch of the Yat MLP.
    relu_seconds : float
        Seconds per epoch of its ReLU twin.
    """
    full = max(1, recipe.train_size // recipe.batch_size)
    steps = min(20, full) if steps is None else check_int(steps, "steps", low=1)
    repeats = check_int(repeats, "repeats", low=1)
    n = steps * recipe.batch_size
    if n > min(recipe.train_size, d.train_size):
        raise ValueError(
            f"steps * batch_size = {n} exceeds the {min(recipe.train_size, d.train_size)} training items "
            "the recipe trains on; pass fewer steps."
        )
    # what does not change the cost of a step is normalised away, so equal-cost recipes share one timing
    recipe = recipe.but(
        init="images",
        init_seed=1,
        epochs=1,
        schedule="constant",
        learning_rate=4e-3,
        prototype_learning_rate=None if recipe.prototype_learning_rate is None else 4e-3,
        anchor=0.1 if recipe.anchor > 0 else 0.0,
        readout_init="default",
        snapshot_every=0,
        seed=0,
    )
    relu = twin(recipe, recipe.learning_rate)

    def compute() -> dict[str, np.ndarray]:
        Xb = to_jax(d.X[:n]).reshape(steps, recipe.batch_size, -1)
        yb = to_jax(d.y[:n]).reshape(steps, recipe.batch_size)
        runs = {}
        for r in (recipe, relu):
            model = build(r, d.X[:n], d.y[:n], n_classes=d.n_classes)
            reg = batch_anchor(r.anchor) if r.anchor > 0 and r.model == "yat" else None
            runs[r.model] = list(train_step(model, optimizer(r), reg))
        best = {"yat": np.inf, "relu": np.inf}
        for round_ in range(repeats + 1):  # round 0 compiles and warms up
            for name, run in runs.items():
                step, state = run
                started = time.perf_counter()
                for i in range(steps):
                    state, loss, _ = step(state, Xb[i], yb[i])
                jax.block_until_ready(state)
                if round_:
                    best[name] = min(best[name], time.perf_counter() - started)
                run[1] = state
        return {k: np.asarray(v * full / steps) for k, v in best.items()}

    # the timing depends on the shapes, not on the values of the data
    config = {
        **asdict(recipe),
        "steps": steps,
        "repeats": repeats,
        "features": int(d.X.shape[1]),
        "n_classes": d.n_classes,
    }
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
    def validation_gap(self) -> float:
        """The same difference on the validation items, in points: the evidence :func:`best_legible` chooses by."""
        return 100.0 * (self.relu.validation_accuracy - self.yat.validation_accuracy)

    @property
    def cost_ratio(self) -> float:
        """Seconds per epoch of the Yat MLP over its twin's, timed turn about (:func:`epoch_cost`)."""
        return self.cost[0] / self.cost[1]


def compare(
    named: Iterable[tuple[str, Recipe]],
    d: Data,
    *,
    learning_rates: Sequence[float] = LEARNING_RATES,
    progress: bool = True,
) -> list[Comparison]:
    """Measure each ``(name, recipe)`` and its best ReLU twin; one progress step per recipe.

    Parameters
    ----------
    named : iterable of (str, Recipe)
        Names and Yat recipes (e.g. :func:`grid`).
    d : Data
        The arrays, from :func:`prepare`.
    learning_rates : sequence of float, default LEARNING_RATES
        The twin's candidate rates (:func:`best_twin`).
    progress : bool, default True
        Show a progress bar over the recipes.

    Returns
    -------
    list of Comparison
        One per recipe, in order, with the cost timed by :func:`epoch_cost`.
    """
    items = list(named)
    for name, r in items:
        if r.model != "yat":
            raise ValueError(f"recipe {name!r} is a {r.model!r} model; compare() takes Yat recipes.")
    out = []
    for name, r in tqdm(items, desc="recipes", disable=not progress):
        out.append(Comparison(name, measure(r, d), best_twin(r, d, learning_rates=learning_rates), epoch_cost(r, d)))
    return out


def best_legible(rows: Sequence[Comparison], *, threshold: float = LEGIBLE) -> Comparison:
    r"""The comparison with the smallest **validation** gap among those whose prototypes have
    :math:`L \le` ``threshold``.

    The choice uses only the validation items (:attr:`Comparison.validation_gap`), never
    the test set, so the test gap of the chosen recipe is not the best of many test
    measurements, and can be asserted as it is.

    Parameters
    ----------
    rows : sequence of Comparison
        Measured comparisons (:func:`compare`).
    threshold : float, default LEGIBLE
        The largest legibility ratio :math:`L` counted as legible (> 0; the book uses 1.5).

    Returns
    -------
    Comparison
        The legible row with the smallest validation gap (a tie goes to the first).
    """
    threshold = check_positive(threshold, "threshold", why="The book calls L <= 1.5 legible.")
    legible = [c for c in rows if c.yat.legibility <= threshold]
    if not legible:
        raise ValueError(f"no recipe in rows has legibility <= {threshold}; measure more recipes or raise threshold.")
    return min(legible, key=lambda c: c.validation_gap)


def seeds(c: Comparison, d: Data, *, n: int = 3, progress: bool = True) -> list[Comparison]:
    """``c``'s recipe and its twin again with seeds ``0 .. n-1``
    (seed ``s`` also draws the start with ``init_seed = s + 1``).

    The twin keeps the rate chosen for ``c``; seed 0 with ``c``'s own seeds is ``c`` itself (loaded from the cache).

    Parameters
    ----------
    c : Comparison
        The comparison to repeat (e.g. :func:`best_legible`).
    d : Data
        The arrays, from :func:`prepare`.
    n : int, default 3
        Number of seeds, at least 1.
    progress : bool, default True
        Show a progress bar over the seeds.

    Returns
    -------
    list of Comparison
        One per seed, named ``"<name>, seed <s>"``.
    """
    n = check_int(n, "n", low=1, why="It is the number of seeds.")
    out = []
    for s in tqdm(range(n), desc="seeds", disable=not progress):
        r = c.yat.recipe.but(seed=s, init_seed=s + 1)
        out.append(
            Comparison(
                f"{c.name}, seed {s}", measure(r, d), measure(twin(r, c.relu.recipe.learning_rate), d), epoch_cost(r, d)
            )
        )
    return out


def table(rows: Sequence[Comparison]) -> str:
    """The comparisons as a plain-text table (accuracies in %, gaps in points: on the test set,
    and on the validation items).

    Parameters
    ----------
    rows : sequence of Comparison
        Measured comparisons.

    Returns
    -------
    str
        A header, a rule, then one line per comparison: its name, ``K``, both test accuracies, the twin's
        rate, the test and validation gaps, :math:`L`, both seconds per epoch and their ratio.
    """
    w = max([44] + [len(c.name) for c in rows])
    head = (
        f"{'recipe':<{w}} {'K':>4} {'Yat':>6} {'ReLU':>6} {'(lr)':>7} {'gap':>6} {'(val)':>6} {'L':>5} "
        f"{'s/ep Yat':>8} {'s/ep ReLU':>9} {'ratio':>6}"
    )
    lines = [head, "-" * len(head)]
    for c in rows:
        lines.append(
            f"{c.name:<{w}} {c.yat.recipe.n_units:>4} {100 * c.yat.test_accuracy:>6.2f} "
            f"{100 * c.relu.test_accuracy:>6.2f} {c.relu.recipe.learning_rate:>7.0e} {c.gap:>6.2f} "
            f"{c.validation_gap:>6.2f} {c.yat.legibility:>5.2f} {c.cost[0]:>8.2f} {c.cost[1]:>9.2f} "
            f"{c.cost_ratio:>6.2f}"
        )
    return "\n".join(lines)


# --- receipts: the sweep measured by a bench, read back by a chapter ---------------------------------------------

N_PICTURES = 18
"""Pictures kept per recipe beside a receipt (:func:`pictures`): the first 18 prototypes, as a gallery draws them."""

AGREEMENT: dict[str, tuple[str, float, str]] = {
    "yat_test": ("Yat MLP's test accuracy", 100.0, "%"),
    "twin_test": ("ReLU twin's test accuracy", 100.0, "%"),
    "gap": ("gap (test)", 1.0, "pt"),
    "L": ("legibility ratio L", 1.0, ""),
}
"""The numbers of a recomputed run compared with its receipt
(:func:`yatlib.receipts.seed_noise`, :func:`yatlib.receipts.check_agrees`):
``{key of a record: (words, scale for printing, unit)}``."""


def record(c: Comparison, **extra: object) -> dict[str, object]:
    r"""The numbers of one comparison as a receipt record (plain JSON types).

    Parameters
    ----------
    c : Comparison
        A measured recipe and its twin (:func:`compare`, :func:`seeds`).
    **extra
        Further entries, first in the record (``kind``, ``lever``, ``budget``, ``pictures``, ...).

    Returns
    -------
    dict
        ``name``, ``K`` (units), ``seed``, ``recipe`` (every setting of the Yat recipe),
        ``twin_rate`` (the twin's chosen rate); the accuracies ``yat_test``,
        ``yat_validation``, ``twin_test``, ``twin_validation`` (fractions); ``gap`` and
        ``validation_gap`` in points,

        .. math:: \text{gap} = 100\,(\mathrm{acc}_\text{twin} - \mathrm{acc}_\text{Yat});

        ``L`` and ``twin_L`` (:class:`Measured`); the seconds per epoch timed turn about
        (``yat_seconds_per_epoch``, ``twin_seconds_per_epoch``, :func:`epoch_cost`), their ratio
        ``cost_ratio``, and as measured while training (``*_trained_seconds_per_epoch``); the
        training loss of each epoch, ``loss`` and ``twin_loss``. :func:`from_records` reads it back.
    """

    def num(v: float, digits: int = 6) -> float:
        return round(float(v), digits)

    return {
        "name": c.name,
        **extra,
        "K": c.yat.recipe.n_units,
        "seed": c.yat.recipe.seed,
        "recipe": asdict(c.yat.recipe),
        "twin_rate": c.relu.recipe.learning_rate,
        "yat_test": num(c.yat.test_accuracy),
        "yat_validation": num(c.yat.validation_accuracy),
        "twin_test": num(c.relu.test_accuracy),
        "twin_validation": num(c.relu.validation_accuracy),
        "gap": num(c.gap, 4),
        "validation_gap": num(c.validation_gap, 4),
        "L": num(c.yat.legibility, 4),
        "twin_L": num(c.relu.legibility, 4),
        "yat_seconds_per_epoch": num(c.cost[0], 4),
        "twin_seconds_per_epoch": num(c.cost[1], 4),
        "cost_ratio": num(c.cost_ratio, 4),
        "yat_trained_seconds_per_epoch": num(c.yat.seconds_per_epoch, 4),
        "twin_trained_seconds_per_epoch": num(c.relu.seconds_per_epoch, 4),
        "loss": [num(v, 5) for v in np.asarray(c.yat.loss, np.float64)],
        "twin_loss": [num(v, 5) for v in np.asarray(c.relu.loss, np.float64)],
    }


def as_drawn(W: ArrayLike, *, stretch: bool = False) -> np.ndarray:
    r"""Pictures ``[n, D]`` as 8-bit grey levels, the way a gallery draws them (:func:`yatlib.images.to_uint8`).

    Each value :math:`w` becomes :math:`\operatorname{round}(255\,\operatorname{clip}(w, 0, 1))`; with
    ``stretch`` each row is first mapped to :math:`[0, 1]` by :math:`(w - \min w)/(\max w - \min w)`
    (a ReLU filter is a direction: it is drawn stretched). NaN is drawn as 0.

    Parameters
    ----------
    W : array ``[n, D]``
        Pictures, one per row (prototypes, or filters).
    stretch : bool, default False
        Map each row to :math:`[0, 1]` first.

    Returns
    -------
    uint8 ndarray ``[n, D]``
        The grey levels, 0 to 255.
    """
    a = np.asarray(W, np.float64)
    if a.ndim != 2:
        raise ValueError(f"pictures must be [n, D]; got shape {a.shape}.")
    if stretch:
        lo, hi = a.min(1, keepdims=True), a.max(1, keepdims=True)
        a = (a - lo) / np.where(hi > lo, hi - lo, 1.0)
    return (np.clip(np.nan_to_num(a), 0, 1) * 255).round().astype(np.uint8)


def pictures(rows: Sequence[Comparison], *, n: int = N_PICTURES) -> tuple[dict[str, np.ndarray], list[dict[str, str]]]:
    """What a figure draws of each row, compactly: 8-bit pictures ``[min(n, K), D]`` (:func:`as_drawn`).

    Returns ``(arrays, keys)``: ``arrays["yat-<i>"]`` are the first ``n`` prototypes of row ``i``;
    ``arrays["twin-<j>"]`` the first ``n`` filters of a ReLU twin, stretched, stored once for each
    distinct twin (``j``: the first row trained with it); ``keys[i] = {"yat": ..., "twin": ...}``
    names row ``i``'s pair (put it in the row's :func:`record` as ``pictures=``).

    Parameters
    ----------
    rows : sequence of Comparison
        Measured comparisons.
    n : int, default N_PICTURES
        Pictures kept per model, at least 1.

    Returns
    -------
    arrays : dict of str to uint8 ndarray
        The pictures, by key.
    keys : list of dict of str to str
        For each row, the keys of its pictures.
    """
    n = check_int(n, "n", low=1, why="It is how many pictures are kept per recipe.")
    arrays: dict[str, np.ndarray] = {}
    keys: list[dict[str, str]] = []
    first: dict[Recipe, str] = {}
    for i, c in enumerate(rows):
        arrays[f"yat-{i}"] = as_drawn(c.yat.prototypes[:n])
        if c.relu.recipe not in first:
            first[c.relu.recipe] = f"twin-{i}"
            arrays[f"twin-{i}"] = as_drawn(c.relu.prototypes[:n], stretch=True)
        keys.append({"yat": f"yat-{i}", "twin": first[c.relu.recipe]})
    return arrays, keys


def load_pictures(receipt: receipts.Receipt, *, folder: Path | None = None) -> dict[str, np.ndarray]:
    """The pictures kept beside ``receipt`` (:func:`yatlib.receipts.load_arrays`), as floats in [0, 1].

    Parameters
    ----------
    receipt : Receipt
        A receipt (:func:`yatlib.receipts.load`).
    folder : Path, optional
        Where the receipt's files are (default: ``bench/receipts/`` of the repository).

    Returns
    -------
    dict of str to float32 ndarray
        The pictures ``[n, D]`` by key (as :func:`pictures` named them); empty when the receipt keeps none.
    """
    return {k: v.astype(np.float32) / 255 for k, v in receipts.load_arrays(receipt, folder=folder).items()}


def _measured(recipe: Recipe, r: Mapping[str, Any], who: str, pictures: np.ndarray) -> Measured:
    return Measured(
        recipe,
        float(r[f"{who}_test"]),
        float(r[f"{who}_validation"]),
        float(r["L" if who == "yat" else "twin_L"]),
        float(r[f"{who}_trained_seconds_per_epoch"]),
        pictures,
        np.asarray(r["loss" if who == "yat" else "twin_loss"], np.float64),
    )


def from_records(
    records: Sequence[Mapping[str, Any]], pictures: Mapping[str, np.ndarray] | None = None
) -> list[Comparison]:
    """Comparisons rebuilt from receipt records (:func:`record`), for tables and figures; nothing is trained.

    Their ``prototypes`` are the pictures kept for them (``pictures[record["pictures"]["yat"]]``:
    the first few, as drawn, from :func:`load_pictures`), or ``[0, 0]`` when none were kept; the twin's
    are its stretched filters. Every number is the receipt's.

    Parameters
    ----------
    records : sequence of mapping
        Receipt records written by :func:`record`.
    pictures : mapping of str to ndarray, optional
        The pictures kept beside the receipt (:func:`load_pictures`); None: none.

    Returns
    -------
    list of Comparison
        One per record, in order.
    """
    pictures = pictures or {}
    empty = np.zeros((0, 0), np.float32)
    out = []
    for i, r in enumerate(records):
        try:
            yat = Recipe(**r["recipe"])
            keys = r.get("pictures") or {}
            out.append(
                Comparison(
                    str(r["name"]),
                    _measured(yat, r, "yat", pictures.get(keys.get("yat", ""), empty)),
                    _measured(twin(yat, float(r["twin_rate"])), r, "twin", pictures.get(keys.get("twin", ""), empty)),
                    (float(r["yat_seconds_per_epoch"]), float(r["twin_seconds_per_epoch"])),
                )
            )
        except (KeyError, TypeError) as err:
            raise ValueError(
                f"record {i} ({r.get('name', '?')!r}) is not a gap.record: {err!r}; "
                "run the bench that wrote the receipt again."
            ) from None
    return out


def from_receipt(
    receipt: receipts.Receipt, *, kind: str = "grid", d: Data | None = None, folder: Path | None = None
) -> list[Comparison]:
    """The runs of ``receipt`` whose ``kind`` is ``kind`` (``"grid"``, ``"seed"``) as comparisons, with their pictures.

    With ``d``, first checks that the receipt was measured on the same data (:attr:`Data.key`):
    numbers measured on other data are not this data's. ``folder``: where the receipt's files are.

    Parameters
    ----------
    receipt : Receipt
        A receipt of :func:`record` records (:func:`yatlib.receipts.load`).
    kind : str, default 'grid'
        The records' ``kind``: ``"grid"`` or ``"seed"``.
    d : Data, optional
        The data as prepared here; when given, the receipt must have been measured on them.
    folder : Path, optional
        Where the receipt's files are (default: ``bench/receipts/`` of the repository).

    Returns
    -------
    list of Comparison
        One per run of that kind, in the receipt's order.
    """
    if d is not None:
        measured_on = receipt.meta.get("data", {}).get("key")
        if measured_on != d.key:
            raise ValueError(
                f"receipt '{receipt.name}' was measured on other data than {d.name!r} as prepared here "
                f"(their fingerprints differ): run `{receipt.command}` again."
            )
    runs = receipt.where(kind=kind)
    if not runs:
        raise ValueError(f"receipt '{receipt.name}' has no runs of kind {kind!r}.")
    return from_records(runs, load_pictures(receipt, folder=folder))
