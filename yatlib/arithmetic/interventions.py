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

:func:`knockout_accuracy` measures each operator's accuracy after any of the
three interventions on any list of units (a few seconds on a CPU), and
:func:`accuracy_change` the change it makes; :func:`knockout_function` is the
live path of Figure F28 (the reader picks the units, Python measures).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import jax.numpy as jnp
import numpy as np

from ..validation import check_choice, check_int
from .dataset import Problems
from .model import SLOT, PaintingNet
from .reader import correct
from .train import paint_from_activations

__all__ = ["HOWS", "Evaluation", "check_units", "edit_prototypes", "accuracy", "knockout_accuracy", "accuracy_change",
           "knockout_function", "intervention_table", "ARTICLE_TABLE", "knockout_effects", "C18_BAND"]

HOWS: tuple[str, ...] = ("row", "slot", "random")
"""The interventions: whole row, operator slot only, random rows of the same number."""

ARTICLE_TABLE: dict[str, np.ndarray] = {
    "baseline": np.array([0.880661, 0.882099, 0.864710, 0.930489]),
    "after": np.array([
        # subset: the units tagged +, −, ×, ÷; interventions: row, slot, random; operators + − × ÷
        [[0.744788, 0.831057, 0.846099, 0.907089], [0.835370, 0.887850, 0.852541, 0.926359],
         [0.755572, 0.800144, 0.664996, 0.891948]],
        [[0.846154, 0.838246, 0.832498, 0.922918], [0.882099, 0.852624, 0.858984, 0.930489],
         [0.851186, 0.849029, 0.672870, 0.914659]],
        [[0.736880, 0.744069, 0.427344, 0.914659], [0.861970, 0.846154, 0.464567, 0.924983],
         [0.791517, 0.783609, 0.773085, 0.855471]],
        [[0.749820, 0.699497, 0.768074, 0.772195], [0.858375, 0.850467, 0.867573, 0.797660],
         [0.727534, 0.683681, 0.529707, 0.883001]],
    ]),
    "sizes": np.array([32, 14, 30, 47]),
}
"""The article's intervention table, from the reference run (``experiments/intervene_thin_bias_kept/results.json``
of ``mlnomadpy/painting-arithmetic``), in the layout of :func:`intervention_table`: ``baseline [4]``,
``after [4 subsets, 3 hows, 4 operators]``, ``sizes [4]``. Its random control is one draw."""

C18_BAND: str = ("on ×: the row knockout's drop >= 3× the random drop and >= 2× the largest off-target drop; "
                 "the slot-only drop >= half the row drop")
"""The band of claim C18 (CLAIMS.md), in words; :func:`knockout_effects` tests it for any operator."""


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


def edit_prototypes(prototypes: np.ndarray, units: Iterable[int], how: str, *, seed: int = 0) -> np.ndarray:
    """A copy of ``prototypes [n_units, 192]`` with the intervention ``how`` applied to ``units``.

    ``how`` is ``"row"`` (zero the rows), ``"slot"`` (zero weights 64..127 of the rows)
    or ``"random"`` (zero the rows of ``len(units)`` units drawn uniformly with ``seed``).
    """
    check_choice(how, "how", HOWS)
    W = np.array(prototypes, np.float32)
    u = check_units(units, len(W))
    if how == "row":
        W[u] = 0.0
    elif how == "slot":
        W[u, SLOT:2 * SLOT] = 0.0
    else:
        W[np.random.default_rng(seed).choice(len(W), len(u), replace=False)] = 0.0
    return W


def _paint(model: PaintingNet, ev: Evaluation, prototypes: np.ndarray | None) -> np.ndarray:
    w = None if prototypes is None else jnp.asarray(prototypes, jnp.float32)
    h = np.asarray(model.trunk(jnp.asarray(ev.z), w))
    return paint_from_activations(model, h)


def accuracy(model: PaintingNet, ev: Evaluation, *, prototypes: np.ndarray | None = None) -> np.ndarray:
    """Per-operator answer accuracy ``[4]`` (+ − × ÷) on ``ev``, optionally with edited ``prototypes``."""
    return ev.per_operator(correct(_paint(model, ev, prototypes), ev.answer))


def knockout_accuracy(model: PaintingNet, ev: Evaluation, units: Iterable[int], how: str = "row", *,
                      n_random: int = 20, seed: int = 0,
                      progress: Callable[[float, str], None] | None = None) -> np.ndarray:
    r"""Per-operator answer accuracy ``[4]`` (+ − × ÷) after knocking out ``units`` by ``how``.

    The measurement of :func:`intervention_table`, for any list of units: the test
    problems of ``ev`` are painted with the edited prototypes and read by the template
    reader, and for each operator :math:`o` the accuracy is
    :math:`\frac{1}{N_o}\sum_{n: o_n = o} 1[\hat r_n = r_n]`. ``"row"`` sets
    :math:`W_u \leftarrow 0`, ``"slot"`` sets :math:`W_u^{(\circ)} \leftarrow 0` for the listed
    units; ``"random"`` zeroes the rows of ``len(units)`` units drawn at random instead and
    averages over ``n_random`` draws (seeds ``seed .. seed + n_random - 1``). No units
    leaves the model intact.

    Parameters
    ----------
    model : PaintingNet
        The painter.
    ev : Evaluation
        The test problems (their codes, operators and answers).
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
    W = np.asarray(model.trunk.prototypes[...])
    seeds = [seed + k for k in range(n_random)] if how == "random" else [seed]
    accs = []
    for k, s in enumerate(seeds):
        accs.append(accuracy(model, ev, prototypes=edit_prototypes(W, chosen, how, seed=s)))
        if progress is not None:
            progress((k + 1) / len(seeds), f"random draw {k + 1} of {len(seeds)}" if how == "random" else "measured")
    return np.mean(accs, axis=0)


def accuracy_change(model: PaintingNet, ev: Evaluation, units: Iterable[int], how: str = "row", *,
                    baseline: np.ndarray | None = None, n_draws: int = 1, seed: int = 0) -> np.ndarray:
    """Change of each operator's accuracy ``[4]`` (after minus before, in [-1, 1]) when ``units`` are knocked out.

    :func:`knockout_accuracy` minus the intact accuracy: ``units`` is any set of unit
    indices, ``how`` one of :data:`HOWS`. For ``"random"``, ``n_draws`` random sets of
    the same size are averaged (each draw costs one pass, about a second on a CPU).
    Pass ``baseline`` (the intact accuracy) to save one pass.
    """
    n_draws = check_int(n_draws, "n_draws", low=1, why="It is the number of random draws averaged.")
    base = accuracy(model, ev) if baseline is None else np.asarray(baseline)
    return knockout_accuracy(model, ev, units, how, n_random=n_draws, seed=seed) - base


def knockout_function(model: PaintingNet, ev: Evaluation, *,
                      n_random: int = 20) -> Callable[[dict, Callable[[float, str], None]], dict]:
    """The live path of :class:`yatlib.widgets.AblationExplorer`: accuracy after knocking out any units.

    Returns ``compute(params, progress)`` for the widget; ``params`` holds ``"units"`` (a list of
    unit numbers) and ``"how"`` (an index into :data:`HOWS`, or its name). The result is
    ``{"units": [...], "how": k, "after": [4]}``, measured by :func:`knockout_accuracy` on the
    same test problems and reader as the precomputed table (the random rows averaged over
    ``n_random`` draws).
    """
    n_random = check_int(n_random, "n_random", low=1, why="It is the number of random draws averaged.")

    def compute(params: dict, progress: Callable[[float, str], None]) -> dict:
        how = params.get("how", 0)
        if isinstance(how, str):
            how = HOWS.index(check_choice(how, "how", HOWS))
        k = check_int(how, "how", low=0, high=len(HOWS) - 1, why=f"It indexes the interventions {HOWS}.")
        units = check_units(params.get("units") or [], model.n_units)
        if not units.size:
            raise ValueError("units is empty: pick at least one unit to knock out.")
        progress(0.0, f"painting {len(ev.z)} test answers with {units.size} units knocked out")
        after = knockout_accuracy(model, ev, units, HOWS[k], n_random=n_random, progress=progress)
        return {"units": units.tolist(), "how": k, "after": np.round(after, 6).tolist()}

    return compute


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


def knockout_effects(table: dict[str, np.ndarray], subset: int) -> dict[str, float | int | bool]:
    r"""What knocking out one operator's tagged units does, in percentage points, and the C18 band on it.

    For the subset of units tagged with operator :math:`s` and the accuracies :math:`A` of
    ``table`` (:func:`intervention_table` or :data:`ARTICLE_TABLE`), the drops on the
    operator's own problems are :math:`d_k = 100\,(A_\text{intact}[s] - A_k[s])` for the whole
    row, the slot only and the random rows (the mean of the draws), and the largest
    off-target drop is :math:`d_\text{off} = \max_{o \ne s} 100\,(A_\text{intact}[o] - A_\text{row}[o])`.
    The band of C18 asks :math:`d_\text{row} \ge 3\,d_\text{random}`,
    :math:`d_\text{row} \ge 2\,d_\text{off}` and :math:`d_\text{slot} \ge d_\text{row} / 2`,
    with :math:`d_\text{row} > 0`.

    Returns
    -------
    dict
        ``size``, ``before`` (intact accuracy, %), ``row``, ``slot``, ``random`` (drops, pt),
        ``random_sd`` (standard deviation of the random draws' drop, pt; NaN without draws),
        ``n_draws``, ``off_target`` (pt) and ``off_operator`` (its index), the ratios
        ``row_over_random``, ``row_over_off`` and ``slot_over_row`` (infinite when the divisor
        is not positive), and the three parts of the band with ``band_met``.
    """
    base = 100 * np.asarray(table["baseline"], float)
    after = 100 * np.asarray(table["after"], float)
    n_ops = len(base)
    s = check_int(subset, "subset", low=0, high=n_ops - 1, why="It is the operator whose tagged units are knocked out.")
    row, slot, rnd = (float(base[s] - after[s, k, s]) for k in range(3))
    others = [o for o in range(n_ops) if o != s]
    off = base[others] - after[s, 0, others]
    draws = np.asarray(table.get("random_draws", np.zeros((n_ops, 0, n_ops))), float)
    n_draws = int(draws.shape[1]) if draws.ndim == 3 else 0
    sd = float((100 * draws[s, :, s]).std()) if n_draws else float("nan")

    def ratio(a: float, b: float) -> float:
        return a / b if b > 0 else float("inf")

    out: dict[str, float | int | bool] = {
        "size": int(np.asarray(table["sizes"])[s]), "before": float(base[s]), "row": row, "slot": slot,
        "random": rnd, "random_sd": sd, "n_draws": n_draws, "off_target": float(off.max()),
        "off_operator": int(others[int(off.argmax())]), "row_over_random": ratio(row, rnd),
        "row_over_off": ratio(row, float(off.max())), "slot_over_row": slot / row if row > 0 else float("nan"),
    }
    out["beats_random"] = bool(row > 0 and row >= 3 * rnd)
    out["beats_off_target"] = bool(row > 0 and row >= 2 * float(off.max()))
    out["through_slot"] = bool(row > 0 and slot >= row / 2)
    out["band_met"] = bool(out["beats_random"] and out["beats_off_target"] and out["through_slot"])
    return out
