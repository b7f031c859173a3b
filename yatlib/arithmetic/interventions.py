r"""Interventions on named units, and per-operator answer accuracy through the reader.

Three ways to knock out a set :math:`U` of trunk units:

* **whole row**: the units contribute nothing, :math:`h_u \leftarrow 0` for
  :math:`u \in U` (the same as deleting the rows of :math:`W` and the matching
  inputs of the decoder, see :func:`remove_units`);
* **operator slot only**: :math:`W_u^{(\circ)} \leftarrow 0` for :math:`u \in U`,
  i.e. the coordinates 64..127 of the row; the unit still fires, but no longer
  reads the operator image through its prototype;
* **random rows**: the whole rows of :math:`|U|` units drawn at random (the
  control), averaged over several draws.

Per-operator answer accuracy is the fraction of test problems of that
operator whose painted answer the reader reads correctly in all three slots.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
from flax import nnx

from .dataset import Problems
from .model import SLOT, PaintingNet
from .reader import answer_correct
from .train import paint

__all__ = ["HOWS", "knockout", "remove_units", "per_operator_accuracy", "evaluate", "intervention_table"]

HOWS: tuple[str, ...] = ("row", "slot", "random")
"""The interventions: whole row, operator slot only, random rows of the same number."""


def knockout(model: PaintingNet, units: Iterable[int], how: str, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The unit mask ``[n_units]`` and prototypes ``[n_units, 192]`` that apply an intervention.

    ``how`` is ``"row"``, ``"slot"`` or ``"random"`` (``len(units)`` rows drawn with ``seed``).
    """
    units = np.unique(np.asarray(list(units), dtype=np.int64))
    if units.size and (units.min() < 0 or units.max() >= model.n_units):
        raise ValueError(f"unit indices must be in 0..{model.n_units - 1}.")
    mask = np.ones(model.n_units, np.float32)
    W = np.array(model.yat.prototypes[...], np.float32)
    if how == "row":
        mask[units] = 0.0
    elif how == "slot":
        W[units, SLOT : 2 * SLOT] = 0.0
    elif how == "random":
        mask[np.random.default_rng(seed).choice(model.n_units, len(units), replace=False)] = 0.0
    else:
        raise ValueError(f"how must be one of {HOWS}; got {how!r}.")
    return mask, W


def remove_units(model: PaintingNet, units: Iterable[int]) -> PaintingNet:
    """A copy of ``model`` without ``units``: their prototype rows and decoder inputs are deleted."""
    drop = set(int(u) for u in units)
    keep = np.array([u for u in range(model.n_units) if u not in drop])
    small = PaintingNet(len(keep), rngs=nnx.Rngs(0), act_scale=model.act_scale)
    nnx.update(small.encoder, nnx.state(model.encoder))
    small.yat.prototypes[...] = model.yat.prototypes[...][keep]
    small.yat.raw_b[...] = model.yat.raw_b[...]
    small.yat.raw_eps[...] = model.yat.raw_eps[...]
    nnx.update(small.decoder, nnx.state(model.decoder))
    small.decoder.fc.kernel = nnx.Param(model.decoder.fc.kernel[...][keep])
    return small


def per_operator_accuracy(correct: np.ndarray, problems: Problems) -> np.ndarray:
    """Fraction correct for each operator, ``[4]``."""
    return np.array([correct[problems.op == o].mean() for o in range(4)])


def evaluate(model: PaintingNet, reader: nnx.Module, x: np.ndarray, problems: Problems, *,
             unit_mask: np.ndarray | None = None, prototypes: np.ndarray | None = None) -> np.ndarray:
    """Per-operator answer accuracy ``[4]`` of ``model`` (optionally intervened) on inputs ``x``."""
    imgs = paint(model, x, unit_mask=unit_mask, prototypes=prototypes)
    return per_operator_accuracy(answer_correct(reader, imgs, problems.answer), problems)


def intervention_table(model: PaintingNet, reader: nnx.Module, x: np.ndarray, problems: Problems,
                       tagged: list[np.ndarray], *, n_random: int = 20) -> dict[str, np.ndarray]:
    """Per-operator accuracy after every intervention on every operator's tagged units.

    Returns ``baseline [4]``, ``after [4 subsets, 3 hows, 4 operators]`` (the
    random rows averaged over ``n_random`` draws) and ``sizes [4]``.
    """
    base = evaluate(model, reader, x, problems)
    after = np.zeros((len(tagged), len(HOWS), 4))
    for s, units in enumerate(tagged):
        for k, how in enumerate(HOWS):
            draws = range(n_random) if how == "random" else [0]
            accs = []
            for seed in draws:
                mask, W = knockout(model, units, how, seed=1000 * s + seed)
                accs.append(evaluate(model, reader, x, problems, unit_mask=mask, prototypes=W))
            after[s, k] = np.mean(accs, axis=0)
    return {"baseline": base, "after": after, "sizes": np.array([len(u) for u in tagged])}
