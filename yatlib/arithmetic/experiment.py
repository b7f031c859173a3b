r"""The whole painting-arithmetic experiment in one call, every slow step cached.

:func:`run` trains (or loads) the painter, builds the fixed seeded test set
(:data:`TEST_SIZE` problems from the MNIST test split with clean operator
glyphs), encodes it once, paints and reads it, builds the library of codes,
names the trunk's units with the article's vote and with the nearest-mean rule,
computes their footprints and the full intervention table. The three chapters of
Part III call it; only the first call on a cold cache does real work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import cache, training
from .dataset import Problems, ProblemSource
from .interventions import Evaluation, intervention_table
from .model import PaintingNet
from .naming import Library, UnitNames, code_library, footprints, name_units, nearest_mean_names
from .reader import read
from .train import encode, paint_from_activations, recipe_config, train_or_load

__all__ = ["TEST_SIZE", "TEST_SEED", "N_RANDOM", "AGREEMENT", "Experiment", "run", "summary"]

TEST_SIZE = 5632
"""Test problems (22 batches of 256, the size of the article's evaluation)."""

TEST_SEED = 999
"""Seed of the fixed test set."""

N_RANDOM = 20
"""Random draws of the control intervention."""

AGREEMENT: dict[str, tuple[str, float, str]] = {
    "tagged": ("operator-tagged units", 1.0, ""),
    "row": ("drop of × after the row knockout", 1.0, "pt"),
    "random_mean": ("drop of × after a random knockout (mean)", 1.0, "pt"),
    "accuracy": ("answer accuracy", 100.0, "%"),
}
"""The numbers of a run (:func:`summary`) compared with a seed sweep's receipt, with words for the reader
(:func:`yatlib.receipts.check_agrees`)."""


@dataclass
class Experiment:
    """Everything the chapters show, computed by :func:`run`.

    Attributes
    ----------
    model : PaintingNet
        The trained painter.
    record : dict
        Per phase ``{phase}_loss``, ``{phase}_metric``, ``{phase}_seconds``; ``seconds``, ``n_params``.
    problems : Problems
        The fixed test problems; ``x`` their normalised input images ``[N, 3, 28, 28]``.
    evaluation : Evaluation
        The test problems' codes, operators and answers (what the interventions need).
    painted : array ``[N, 28, 84]``
        The painter's answers to the test problems; ``readings`` what the reader reads there.
    library : Library
        The library of individual codes used for naming.
    names : UnitNames
        The units' names by the article's vote; ``mean_names [n_units, 3]`` by the nearest mean code.
    alpha : array ``[n_units]``
        Activation used for each footprint; ``prints`` the footprints ``[n_units, 28, 84]``;
        ``background`` what the decoder paints with every unit off.
    table : dict
        The intervention table of :func:`~yatlib.arithmetic.interventions.intervention_table`.
    config : dict
        The painter's configuration.
    """

    model: PaintingNet
    record: dict[str, np.ndarray]
    problems: Problems
    x: np.ndarray
    evaluation: Evaluation
    painted: np.ndarray
    readings: np.ndarray
    library: Library
    names: UnitNames
    mean_names: np.ndarray
    alpha: np.ndarray
    prints: np.ndarray
    background: np.ndarray
    table: dict[str, np.ndarray]
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def correct(self) -> np.ndarray:
        """Boolean ``[N]``: the reader reads each test painting as the true answer."""
        return self.readings == self.problems.answer

    def accuracy_per_operator(self) -> np.ndarray:
        """Answer accuracy of the intact model for + − × ÷, ``[4]``."""
        return self.evaluation.per_operator(self.correct)


def run(config: dict[str, Any] | None = None, *, recipe: str = "book", progress: bool = True) -> Experiment:
    """Run (or load) the experiment with the painter of ``recipe`` (``"book"`` or ``"published"``, see
    :data:`~yatlib.arithmetic.train.RECIPES`), with the entries of ``config`` on top.

    Parameters
    ----------
    config : dict, optional
        Settings on top of the recipe's, e.g. ``{"seed": 1}``
        (:func:`~yatlib.arithmetic.train.recipe_config`); they are part of every cache key.
    recipe : {"book", "published"}
        The painter's named configuration.
    progress : bool, default True
        Show progress bars while the painter trains and the intervention table is measured.

    Returns
    -------
    Experiment
        The painter, the test problems and their paintings, the names, footprints and
        intervention table of its units.
    """
    cfg = recipe_config(recipe, config)
    model, record = train_or_load(cfg, progress=progress)
    test = ProblemSource("test", clean=True)
    problems = test.problems(TEST_SIZE, TEST_SEED)
    x = test.inputs(problems)
    key = {**cfg, "test": [TEST_SIZE, TEST_SEED]}

    def codes() -> dict[str, np.ndarray]:
        lib = code_library(model, test)
        return {
            "z": encode(model, x.reshape(-1, 28, 28)).reshape(len(x), -1),
            "library_codes": lib.codes,
            "library_labels": lib.labels,
        }

    # what the results are computed from: the MNIST test split the problems are drawn from, and the weights
    data = {"digits": test.digits, "labels": test.labels, **training.model_to_arrays(model)}
    stored = cache.cached_arrays("arith-codes", key, codes, data=data, verbose=False)
    ev = Evaluation.from_codes(stored["z"], problems)
    library = Library(stored["library_codes"], stored["library_labels"])
    W = np.asarray(model.trunk.prototypes[...])
    names = name_units(W, library)
    h = np.asarray(model.trunk(ev.z))  # type: ignore[arg-type]  # numpy in, as jax accepts
    painted = paint_from_activations(model, h)
    alpha = np.percentile(h, 99, axis=0).astype(np.float32)
    prints = footprints(model, alpha)
    background = footprints(model, np.zeros(model.n_units, np.float32))[0]
    tagged = [names.tagged_with(o) for o in range(4)]
    table = cache.cached_arrays(
        "arith-interventions",
        {**key, "tagged": [t.tolist() for t in tagged], "n_random": N_RANDOM},
        lambda: intervention_table(model, ev, tagged, n_random=N_RANDOM, progress=progress),
        data=data,
    )
    return Experiment(
        model,
        record,
        problems,
        x,
        ev,
        painted,
        read(painted),
        library,
        names,
        nearest_mean_names(W, library),
        alpha,
        prints,
        background,
        table,
        cfg,
    )


def summary(exp: Experiment) -> dict[str, float | int]:
    """The numbers the claims of Part III rest on, for one run (a record of a seed sweep's receipt).

    ``tagged`` and ``tagged_+`` … ``tagged_÷``: operator-tagged units (C17); for the ×-tagged
    units (C18, :func:`~.interventions.c18_band`): ``row``, ``slot``, ``random_mean``,
    ``random_sd``, ``random_max`` and ``off_target`` (drops in points), the four parts
    ``a`` … ``d`` (1 when they hold) and ``c18``; ``accuracy`` (all test problems) and
    ``accuracy_+`` … ``accuracy_÷``; ``train_seconds``.

    Parameters
    ----------
    exp : Experiment
        A run (:func:`run`).

    Returns
    -------
    dict
        The numbers above, with ``seed`` (the painter's) and ``size`` (the ×-tagged units);
        accuracies in [0, 1], floats rounded to 4 decimals.
    """
    from .glyphs import OPERATORS
    from .interventions import c18_band

    counts = exp.names.counts_per_operator()
    band = c18_band(exp.table, 2)
    acc = exp.accuracy_per_operator()
    out: dict[str, float | int] = {"seed": int(exp.config["seed"]), "tagged": int(counts.sum())}
    out.update({f"tagged_{op}": int(c) for op, c in zip(OPERATORS, counts)})
    out.update(
        {
            "size": band.size,
            "row": band.row,
            "slot": band.slot,
            "random_mean": band.random_mean,
            "random_sd": band.random_sd,
            "random_max": max(band.random_drops),
            "off_target": band.largest_off_target,
            "a": int(band.above_every_draw),
            "b": int(band.twice_the_mean),
            "c": int(band.through_slot),
            "d": int(band.hurts_most),
            "c18": int(band.met),
            "accuracy": float(exp.correct.mean()),
        }
    )
    out.update({f"accuracy_{op}": float(a) for op, a in zip(OPERATORS, acc)})
    out["train_seconds"] = float(exp.record["seconds"])
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}
