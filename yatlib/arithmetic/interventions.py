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
:func:`knockout_accuracy` measures it after an intervention on any list of
units, and :func:`knockout_function` is the live path of Figure F28 (the
reader picks the units, Python measures).
"""

from __future__ import annotations

from typing import Callable, Iterable

import numpy as np
from flax import nnx

from ..validation import check_choice, check_int

from .dataset import Problems
from .model import SLOT, PaintingNet
from .reader import answer_correct
from .train import paint

__all__ = ["HOWS", "check_units", "knockout", "remove_units", "per_operator_accuracy", "evaluate", "knockout_accuracy",
           "knockout_function", "intervention_table"]

HOWS: tuple[str, ...] = ("row", "slot", "random")
"""The interventions: whole row, operator slot only, random rows of the same number."""


def check_units(units: Iterable[int], n_units: int, name: str = "units") -> np.ndarray:
    """Check a list of unit numbers (whole numbers in ``0..n_units-1``); return them sorted, without repeats.

    Raises :class:`ValueError` naming ``name`` for anything else (a fraction, a word, a number
    out of range), through :func:`yatlib.validation.check_int`.
    """
    if isinstance(units, (str, bytes)):
        raise ValueError(f"{name} must be a list of unit numbers; got the text {units!r}. "
                         f"Pass e.g. [3, 17, 40].")
    try:
        items = list(units)
    except TypeError:
        raise ValueError(f"{name} must be a list of unit numbers; got {units!r}. Pass e.g. [3, 17, 40].") from None
    why = f"The trunk has {n_units} units, numbered 0..{n_units - 1}."
    checked = [check_int(u, name, low=0, high=n_units - 1, why=why) for u in items]
    return np.unique(np.asarray(checked, dtype=np.int64))


def knockout(model: PaintingNet, units: Iterable[int], how: str, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The unit mask ``[n_units]`` and prototypes ``[n_units, 192]`` that apply an intervention.

    ``how`` is ``"row"``, ``"slot"`` or ``"random"`` (``len(units)`` rows drawn with ``seed``).
    """
    units = check_units(units, model.n_units)
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


def knockout_accuracy(model: PaintingNet, reader: nnx.Module, x: np.ndarray, problems: Problems,
                      units: Iterable[int], how: str = "row", *, n_random: int = 20, seed: int = 0,
                      progress: Callable[[float, str], None] | None = None) -> np.ndarray:
    r"""Per-operator answer accuracy ``[4]`` after knocking out ``units`` by ``how``.

    The same measurement as :func:`intervention_table`, for any list of units: the painted
    answers of the test problems ``x`` are read by ``reader``, and for each operator
    :math:`o` the accuracy is :math:`\frac{1}{N_o}\sum_{n: o_n = o} 1[\text{all three slots read right}]`.
    ``"row"`` sets :math:`h_u = 0`, ``"slot"`` sets :math:`W_u^{(\circ)} = 0` for the listed units;
    ``"random"`` knocks out ``len(units)`` rows drawn at random instead and averages over
    ``n_random`` draws (seeds ``seed .. seed + n_random - 1``). No units leaves the model intact.

    Parameters
    ----------
    model : PaintingNet
        The painter.
    reader : nnx.Module
        The slot reader (:func:`~yatlib.arithmetic.reader.train_reader`).
    x : array ``[N, 3, 28, 28]``
        The test inputs.
    problems : Problems
        Their problems (operators and answers).
    units : list of int
        Unit numbers in ``0..n_units-1`` (repeats are ignored).
    how : {"row", "slot", "random"}
        The intervention.
    n_random : int
        Draws averaged for ``"random"``.
    seed : int
        First seed of the random draws.
    progress : callable, optional
        ``progress(fraction, text)``, called after each evaluation.
    """
    check_choice(how, "how", HOWS)
    chosen = check_units(units, model.n_units)
    n_random = check_int(n_random, "n_random", low=1, why="It is the number of random draws averaged.")
    seeds = [seed + k for k in range(n_random)] if how == "random" else [seed]
    accs = []
    for k, s in enumerate(seeds):
        mask, W = knockout(model, chosen, how, seed=s)
        accs.append(evaluate(model, reader, x, problems, unit_mask=mask, prototypes=W))
        if progress is not None:
            progress((k + 1) / len(seeds), f"random draw {k + 1} of {len(seeds)}" if how == "random" else "measured")
    return np.mean(accs, axis=0)


def knockout_function(model: PaintingNet, reader: nnx.Module, x: np.ndarray, problems: Problems, *,
                      n_random: int = 20) -> Callable[[dict, Callable[[float, str], None]], dict]:
    """The live path of :class:`yatlib.widgets.AblationExplorer`: accuracy after knocking out any units.

    Returns ``compute(params, progress)`` for the widget; ``params`` holds ``"units"`` (a list of
    unit numbers) and ``"how"`` (an index into :data:`HOWS`, or its name). The result is
    ``{"units": [...], "how": k, "after": [4]}``, measured by :func:`knockout_accuracy` on the
    same test problems and reader as the precomputed table (the random rows with the same
    ``n_random`` draws).
    """
    def compute(params: dict, progress: Callable[[float, str], None]) -> dict:
        how = params.get("how", 0)
        if isinstance(how, str):
            how = HOWS.index(check_choice(how, "how", HOWS))
        k = check_int(how, "how", low=0, high=len(HOWS) - 1, why=f"It indexes the interventions {HOWS}.")
        units = check_units(params.get("units") or [], model.n_units)
        if not units.size:
            raise ValueError("units is empty: pick at least one unit to knock out.")
        progress(0.0, f"painting {len(x)} test answers with {units.size} units knocked out")
        after = knockout_accuracy(model, reader, x, problems, units, HOWS[k], n_random=n_random, progress=progress)
        return {"units": units.tolist(), "how": k, "after": np.round(after, 6).tolist()}

    return compute


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
