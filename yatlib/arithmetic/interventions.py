r"""Interventions on named units, measured with the template reader.

Three ways to knock out a set :math:`U` of trunk units, all of them edits of the
prototypes :math:`W` (the biases :math:`b_u` are kept):

* **row**: all 192 weights of each unit are set to zero, :math:`W_u \leftarrow 0`;
  the unit then responds :math:`\alpha b_u^2 / (\lVert z\rVert^2 + \varepsilon)`,
  the same small value for every problem of similar code length;
* **slot**: only the operator slot is zeroed, :math:`W_u^{(\circ)} \leftarrow 0`
  (weights 64..127); the unit still reads both digits;
* **random**: the rows of :math:`|U|` units drawn uniformly from all 256 are
  zeroed (the control); the book averages many draws and keeps each one.

The **evaluation** is fixed: the codes :math:`z` of the test problems are
computed once (the encoder is not touched by any intervention), so an
intervention costs one pass of the trunk and the decoder. The per-operator
answer accuracy is the share of the operator's test problems that the template
reader (:mod:`.reader`) reads as the true answer.

:func:`accuracy_change` is the fast path for a live figure: any set of units,
any of the three interventions, the change of each operator's accuracy in a
few seconds on a CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import jax.numpy as jnp
import numpy as np

from .dataset import Problems
from .model import SLOT, PaintingNet
from .reader import correct
from .train import paint_from_activations

__all__ = ["HOWS", "Evaluation", "edit_prototypes", "accuracy", "accuracy_change", "intervention_table"]

HOWS: tuple[str, ...] = ("row", "slot", "random")
"""The interventions: whole row, operator slot only, random rows of the same number."""


@dataclass
class Evaluation:
    """The fixed test problems, reduced to what an intervention needs.

    Attributes
    ----------
    z : float array ``[N, 192]``
        Codes of the three input images of each test problem (the encoder's output).
    op, answer : int arrays ``[N]``
        Operator code and true answer of each problem.
    """

    z: np.ndarray
    op: np.ndarray
    answer: np.ndarray

    @classmethod
    def from_codes(cls, z: np.ndarray, problems: Problems) -> "Evaluation":
        """An evaluation from codes ``z [N, 192]`` and the ``problems`` they encode."""
        z = np.asarray(z, np.float32)
        if z.ndim != 2 or len(z) != len(problems):
            raise ValueError(f"z must be [N, 192] with one row per problem ({len(problems)}); got {z.shape}.")
        return cls(z, np.asarray(problems.op), np.asarray(problems.answer))

    def per_operator(self, right: np.ndarray) -> np.ndarray:
        """Share of each operator's problems marked ``right``, ``[4]``."""
        return np.array([right[self.op == o].mean() for o in range(4)])


def _units(units: Iterable[int], n_units: int) -> np.ndarray:
    u = np.unique(np.asarray(list(units), dtype=np.int64))
    if u.size and (u.min() < 0 or u.max() >= n_units):
        raise ValueError(f"units: indices must be in 0..{n_units - 1}; got {u.min()}..{u.max()}.")
    return u


def edit_prototypes(prototypes: np.ndarray, units: Iterable[int], how: str, *, seed: int = 0) -> np.ndarray:
    """A copy of ``prototypes [n_units, 192]`` with the intervention ``how`` applied to ``units``.

    ``how`` is ``"row"`` (zero the rows), ``"slot"`` (zero weights 64..127 of the rows)
    or ``"random"`` (zero the rows of ``len(units)`` units drawn uniformly with ``seed``).
    """
    W = np.array(prototypes, np.float32)
    u = _units(units, len(W))
    if how == "row":
        W[u] = 0.0
    elif how == "slot":
        W[u, SLOT:2 * SLOT] = 0.0
    elif how == "random":
        W[np.random.default_rng(seed).choice(len(W), len(u), replace=False)] = 0.0
    else:
        raise ValueError(f"how must be one of {HOWS}; got {how!r}.")
    return W


def _paint(model: PaintingNet, ev: Evaluation, prototypes: np.ndarray | None) -> np.ndarray:
    w = None if prototypes is None else jnp.asarray(prototypes, jnp.float32)
    h = np.asarray(model.trunk(jnp.asarray(ev.z), w))
    return paint_from_activations(model, h)


def accuracy(model: PaintingNet, ev: Evaluation, *, prototypes: np.ndarray | None = None) -> np.ndarray:
    """Per-operator answer accuracy ``[4]`` (+ − × ÷) on ``ev``, optionally with edited ``prototypes``."""
    return ev.per_operator(correct(_paint(model, ev, prototypes), ev.answer))


def accuracy_change(model: PaintingNet, ev: Evaluation, units: Iterable[int], how: str = "row", *,
                    baseline: np.ndarray | None = None, n_draws: int = 1, seed: int = 0) -> np.ndarray:
    """Change of each operator's accuracy ``[4]`` (after minus before, in [-1, 1]) when ``units`` are knocked out.

    The fast path for a live figure: ``units`` is any set of unit indices, ``how``
    one of :data:`HOWS`. For ``"random"``, ``n_draws`` random sets of the same
    size are averaged (each draw costs one pass, about a second on a CPU).
    Pass ``baseline`` (the intact accuracy) to save one pass.
    """
    if n_draws < 1:
        raise ValueError(f"n_draws must be >= 1; got {n_draws}.")
    W = np.asarray(model.trunk.prototypes[...])
    base = accuracy(model, ev) if baseline is None else np.asarray(baseline)
    draws = range(n_draws) if how == "random" else [0]
    after = np.mean([accuracy(model, ev, prototypes=edit_prototypes(W, units, how, seed=seed + d)) for d in draws],
                    axis=0)
    return after - base


def intervention_table(model: PaintingNet, ev: Evaluation, tagged: list[np.ndarray], *, n_random: int = 20,
                       seed: int = 0, progress: bool = True) -> dict[str, np.ndarray]:
    """Per-operator accuracy after every intervention on every operator's tagged units.

    Returns ``baseline [4]``; ``after [4 subsets, 3 hows, 4 operators]`` (the
    random control is the mean of its draws); ``random_draws [4, n_random, 4]``,
    every draw's accuracies; ``sizes [4]``, the number of units of each subset.
    """
    from tqdm.auto import tqdm

    W = np.asarray(model.trunk.prototypes[...])
    base = accuracy(model, ev)
    after = np.zeros((len(tagged), len(HOWS), 4))
    draws = np.zeros((len(tagged), n_random, 4))
    with tqdm(total=len(tagged) * (2 + n_random), desc="interventions", disable=not progress,
              mininterval=1.0) as bar:
        for s, units in enumerate(tagged):
            for k, how in enumerate(HOWS[:2]):
                after[s, k] = accuracy(model, ev, prototypes=edit_prototypes(W, units, how))
                bar.update(1)
            for d in range(n_random):
                draws[s, d] = accuracy(model, ev, prototypes=edit_prototypes(W, units, "random",
                                                                              seed=seed + 1000 * s + d))
                bar.update(1)
            after[s, 2] = draws[s].mean(0)
    return {"baseline": base, "after": after, "random_draws": draws, "sizes": np.array([len(u) for u in tagged])}
