r"""The whole painting-arithmetic experiment in one call, every slow step cached.

:func:`run` trains (or loads) the painter and the reader, builds the fixed
seeded test set (500 problems per operator from the MNIST test split and a
held-out glyph bank), names the trunk's units, computes their footprints and
the full intervention table. The three chapters of Part III call it; only the
first call on a cold cache does real work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from flax import nnx

from .. import cache, training
from .dataset import Problems, ProblemSource, paint_answers
from .interventions import intervention_table
from .model import PaintingNet
from .naming import UnitNames, footprints, name_units, symbol_library
from .reader import READER_CONFIG, answer_correct, distorted_slots, train_reader
from .train import DEFAULT_CONFIG, paint, train_or_load

__all__ = ["TEST_PER_OPERATOR", "TEST_SEED", "Experiment", "run"]

TEST_PER_OPERATOR = 500
"""Test problems per operator."""

TEST_SEED = 2024
"""Seed of the fixed test set."""


@dataclass
class Experiment:
    """Everything the chapters show, computed by :func:`run`.

    Attributes
    ----------
    model : PaintingNet
        The trained painter.
    reader : nnx.Module
        The slot reader (OCR).
    record : dict
        ``loss`` per step, training ``seconds``, ``n_params``.
    problems : Problems
        The fixed test problems; ``x`` their input images ``[N, 3, 28, 28]``.
    painted : array ``[N, 28, 84]``
        The painter's answers to the test problems.
    correct : bool array ``[N]``
        Whether the reader reads each painted answer as the true answer.
    reader_accuracy : dict
        ``"slots"``: accuracy on distorted clean slots; ``"answers"``: share of
        clean true answers read fully correctly.
    library : array ``[14, 64]``
        Symbol embeddings; ``names`` the units' names.
    alpha : array ``[n_units]``
        Activation used for each footprint; ``prints`` the footprints ``[n_units, 28, 84]``;
        ``background`` what the decoder paints with every unit off.
    table : dict
        The intervention table of :func:`~yatlib.arithmetic.interventions.intervention_table`.
    config : dict
        The painter's configuration.
    """

    model: PaintingNet
    reader: nnx.Module
    record: dict[str, np.ndarray]
    problems: Problems
    x: np.ndarray
    painted: np.ndarray
    correct: np.ndarray
    reader_accuracy: dict[str, float]
    library: np.ndarray
    names: UnitNames
    alpha: np.ndarray
    prints: np.ndarray
    background: np.ndarray
    table: dict[str, np.ndarray]
    config: dict[str, Any] = field(default_factory=dict)

    def accuracy_per_operator(self) -> np.ndarray:
        """Answer accuracy of the intact model for + − × ÷, ``[4]``."""
        return np.array([self.correct[self.problems.op == o].mean() for o in range(4)])


def run(config: dict[str, Any] | None = None, *, progress: bool = True) -> Experiment:
    """Run (or load) the experiment with the painter ``config`` (default: the book's)."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    model, record = train_or_load(cfg, progress=progress)
    reader = train_reader(progress=progress)
    test = ProblemSource("test", bank_size=100)
    problems = test.problems(TEST_PER_OPERATOR, TEST_SEED)
    x = test.inputs(problems)
    painted = paint(model, x)
    correct = answer_correct(reader, painted, problems.answer)
    Xs, ys = distorted_slots(3000, 4242)
    truth = paint_answers(problems.answer)
    reader_acc = {"slots": training.accuracy(reader, Xs, ys),
                  "answers": float(answer_correct(reader, truth, problems.answer).mean())}
    library = symbol_library(model, ProblemSource("train", bank_size=100))
    names = name_units(np.asarray(model.yat.prototypes[...]), library)
    acts = np.concatenate([np.asarray(model.activations(x[i : i + 500])) for i in range(0, len(x), 500)])
    alpha = np.percentile(acts, 99, axis=0).astype(np.float32)
    prints = footprints(model, alpha)
    background = footprints(model, np.zeros(model.n_units, np.float32))[0]
    tagged = [names.tagged_with(o) for o in range(4)]
    key = {**cfg, "what": "arith-interventions", "tagged": [t.tolist() for t in tagged], "reader": READER_CONFIG,
           "test": [TEST_PER_OPERATOR, TEST_SEED]}
    table = cache.cached_arrays("arith-interventions", key,
                                lambda: intervention_table(model, reader, x, problems, tagged))
    return Experiment(model, reader, record, problems, x, painted, correct, reader_acc, library, names, alpha,
                      prints, background, table, cfg)

