r"""Interventions on named units, measured with the template reader.

Three ways to knock out a set :math:`U` of trunk units, all edits of the prototypes :math:`W`
(the biases :math:`b_u` are kept): **row**, :math:`W_u \leftarrow 0` (the unit then responds
:math:`\gamma b_u^2 / (\lVert z\rVert^2 + \varepsilon)`); **slot**, only the operator slot,
:math:`W_u^{(\circ)} \leftarrow 0` (weights 64..127); **random**, the rows of :math:`|U|` units drawn
uniformly from all 256 (the control). The test problems' codes :math:`z` are computed once; the
per-operator accuracy is the share of problems the template reader (:mod:`.reader`) reads as the
true answer. :func:`knockout_accuracy` and :func:`accuracy_change` measure it;
:func:`knockout_function` is the live path of Figure F28.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from ..validation import check_choice, check_int
from .dataset import Problems
from .model import SLOT, PaintingNet
from .reader import correct
from .train import paint_from_activations

__all__ = [
    "HOWS",
    "Evaluation",
    "check_units",
    "edit_prototypes",
    "accuracy",
    "knockout_accuracy",
    "accuracy_change",
    "knockout_function",
    "intervention_table",
    "ARTICLE_TABLE",
    "knockout_effects",
    "C18_BAND",
    "C18_MIN_DRAWS",
    "C18Band",
    "c18_band",
    "check_c18",
    "article_random_per_unit",
]

HOWS: tuple[str, ...] = ("row", "slot", "random")
"""The interventions: whole row, operator slot only, random rows of the same number."""

ARTICLE_TABLE: dict[str, np.ndarray] = {
    "baseline": np.array([0.880661, 0.882099, 0.864710, 0.930489]),
    "after": np.array(
        [
            # subset: the units tagged +, −, ×, ÷; interventions: row, slot, random; operators + − × ÷
            [
                [0.744788, 0.831057, 0.846099, 0.907089],
                [0.835370, 0.887850, 0.852541, 0.926359],
                [0.755572, 0.800144, 0.664996, 0.891948],
            ],
            [
                [0.846154, 0.838246, 0.832498, 0.922918],
                [0.882099, 0.852624, 0.858984, 0.930489],
                [0.851186, 0.849029, 0.672870, 0.914659],
            ],
            [
                [0.736880, 0.744069, 0.427344, 0.914659],
                [0.861970, 0.846154, 0.464567, 0.924983],
                [0.791517, 0.783609, 0.773085, 0.855471],
            ],
            [
                [0.749820, 0.699497, 0.768074, 0.772195],
                [0.858375, 0.850467, 0.867573, 0.797660],
                [0.727534, 0.683681, 0.529707, 0.883001],
            ],
        ]
    ),
    "sizes": np.array([32, 14, 30, 47]),
}
"""The article's intervention table, from the reference run (``experiments/intervene_thin_bias_kept/results.json``
of ``mlnomadpy/painting-arithmetic``), in the layout of :func:`intervention_table`: ``baseline [4]``,
``after [4 subsets, 3 hows, 4 operators]``, ``sizes [4]``. Its random control is one draw."""

C18_BAND: str = (
    "on ×, against ≥ 20 random draws of as many units: (a) the row drop is larger than every "
    "random draw's; (b) it is ≥ 2× the mean random drop; (c) the slot-only drop is ≥ half the row drop; "
    "(d) × is the operator the row knockout hurts most, ≥ 1.5× the largest off-target drop"
)
"""The band of claim C18 (CLAIMS.md), in words; :func:`c18_band` tests it on any table."""

C18_MIN_DRAWS = 20
"""Random draws the band of C18 compares the targeted knockout with, at least."""


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
    def from_codes(cls, z: np.ndarray, problems: Problems) -> Evaluation:
        """An evaluation from codes ``z [N, 192]`` and the ``problems`` they encode."""
        z = np.asarray(z, np.float32)
        if z.ndim != 2 or len(z) != len(problems):
            raise ValueError(f"z must be [N, 192] with one row per problem ({len(problems)}); got {z.shape}.")
        return cls(z, np.asarray(problems.op), np.asarray(problems.answer))

    def per_operator(self, right: np.ndarray) -> np.ndarray:
        """Share of each operator's problems marked ``right``, ``[4]``.

        Parameters
        ----------
        right : bool array ``[N]``
            One mark per problem of this evaluation, e.g. :func:`~.reader.correct` of its paintings.

        Returns
        -------
        ndarray ``[4]``
            The share for + − × ÷, in [0, 1] (NaN for an operator without problems).
        """
        return np.array([right[self.op == o].mean() for o in range(4)])


def check_units(units: Iterable[int], n_units: int, name: str = "units") -> np.ndarray:
    """Check a list of unit numbers (whole numbers in ``0..n_units-1``); return them sorted, without repeats.

    Raises :class:`ValueError` naming ``name`` for anything else (a fraction, a word, a number
    out of range), through :func:`yatlib.validation.check_int`.

    Parameters
    ----------
    units : iterable of int
        Unit numbers; whole floats such as ``3.0`` are accepted, ``True`` and ``False`` are not.
    n_units : int
        Units in the trunk.
    name : str, default "units"
        The argument's name in error messages.

    Returns
    -------
    ndarray
        The unit numbers (int64), ascending and without repeats; empty for an empty list.
    """
    if isinstance(units, (str, bytes)):
        raise ValueError(f"{name} must be a list of unit numbers; got the text {units!r}. Pass e.g. [3, 17, 40].")
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

    Parameters
    ----------
    prototypes : array ``[n_units, 192]``
        The trunk's prototypes :math:`W`; not modified.
    units : iterable of int
        Unit numbers in ``0..n_units-1`` (repeats are ignored; :func:`check_units`).
    how : {"row", "slot", "random"}
        The intervention (:data:`HOWS`).
    seed : int, default 0
        Seed of the ``len(units)`` units drawn for ``"random"`` (among all units, listed or not);
        unused otherwise.

    Returns
    -------
    ndarray ``[n_units, 192]``
        The edited copy, float32.
    """
    check_choice(how, "how", HOWS)
    W = np.array(prototypes, np.float32)
    u = check_units(units, len(W))
    if how == "row":
        W[u] = 0.0
    elif how == "slot":
        W[u, SLOT : 2 * SLOT] = 0.0
    else:
        W[np.random.default_rng(seed).choice(len(W), len(u), replace=False)] = 0.0
    return W


def _paint(model: PaintingNet, ev: Evaluation, prototypes: np.ndarray | None) -> np.ndarray:
    w = None if prototypes is None else jnp.asarray(prototypes, jnp.float32)
    h = np.asarray(model.trunk(jnp.asarray(ev.z), w))
    return paint_from_activations(model, h)


def accuracy(model: PaintingNet, ev: Evaluation, *, prototypes: np.ndarray | None = None) -> np.ndarray:
    """Per-operator answer accuracy ``[4]`` (+ − × ÷) on ``ev``, optionally with edited ``prototypes``.

    Parameters
    ----------
    model : PaintingNet
        The painter.
    ev : Evaluation
        The test problems (their codes, operators and answers).
    prototypes : array ``[n_units, 192]``, optional
        Used instead of the trunk's prototypes (e.g. from :func:`edit_prototypes`); ``None`` measures
        the intact model.

    Returns
    -------
    ndarray ``[4]``
        For each operator, the share of its problems whose painting the template reader reads as
        the true answer, in [0, 1].
    """
    return ev.per_operator(correct(_paint(model, ev, prototypes), ev.answer))


def knockout_accuracy(
    model: PaintingNet,
    ev: Evaluation,
    units: Iterable[int],
    how: str = "row",
    *,
    n_random: int = 20,
    seed: int = 0,
    progress: Callable[[float, str], None] | None = None,
) -> np.ndarray:
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


def accuracy_change(
    model: PaintingNet,
    ev: Evaluation,
    units: Iterable[int],
    how: str = "row",
    *,
    baseline: np.ndarray | None = None,
    n_draws: int = 1,
    seed: int = 0,
) -> np.ndarray:
    """Change of each operator's accuracy ``[4]`` (after minus before, in [-1, 1]) when ``units`` are knocked out.

    :func:`knockout_accuracy` minus the intact accuracy: ``units`` is any set of unit
    indices, ``how`` one of :data:`HOWS`. For ``"random"``, ``n_draws`` random sets of
    the same size are averaged (each draw costs one pass, about a second on a CPU).
    Pass ``baseline`` (the intact accuracy) to save one pass.

    Parameters
    ----------
    model : PaintingNet
        The painter.
    ev : Evaluation
        The test problems (their codes, operators and answers).
    units : list of int
        Unit numbers in ``0..n_units-1`` (repeats are ignored).
    how : {"row", "slot", "random"}
        The intervention (:data:`HOWS`).
    baseline : array ``[4]``, optional
        The intact accuracy (:func:`accuracy` without prototypes); measured when ``None``.
    n_draws : int, default 1
        Random draws averaged for ``"random"``, at least 1; unused otherwise.
    seed : int, default 0
        First seed of the random draws.

    Returns
    -------
    ndarray ``[4]``
        Accuracy after minus accuracy before for + − × ÷, in [-1, 1]; negative is a drop.
    """
    n_draws = check_int(n_draws, "n_draws", low=1, why="It is the number of random draws averaged.")
    base = accuracy(model, ev) if baseline is None else np.asarray(baseline)
    return knockout_accuracy(model, ev, units, how, n_random=n_draws, seed=seed) - base


def knockout_function(
    model: PaintingNet, ev: Evaluation, *, n_random: int = 20
) -> Callable[[dict, Callable[[float, str], None]], dict]:
    """The live path of :class:`yatlib.widgets.AblationExplorer`: accuracy after knocking out any units.

    Returns ``compute(params, progress)`` for the widget; ``params`` holds ``"units"`` (a list of
    unit numbers) and ``"how"`` (an index into :data:`HOWS`, or its name). The result is
    ``{"units": [...], "how": k, "after": [4]}``, measured by :func:`knockout_accuracy` on the
    same test problems and reader as the precomputed table (the random rows averaged over
    ``n_random`` draws).

    Parameters
    ----------
    model : PaintingNet
        The painter.
    ev : Evaluation
        The test problems (their codes, operators and answers).
    n_random : int, default 20
        Random draws averaged for the random control, at least 1.

    Returns
    -------
    callable
        ``compute(params, progress) -> dict`` as described above; ``progress(fraction, text)`` is
        called as the measurement goes. It raises :class:`ValueError` for an empty or invalid
        ``"units"`` or an unknown ``"how"``.
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


def intervention_table(
    model: PaintingNet,
    ev: Evaluation,
    tagged: list[np.ndarray],
    *,
    n_random: int = 20,
    seed: int = 0,
    progress: bool = True,
) -> dict[str, np.ndarray]:
    """Per-operator accuracy after every intervention on every operator's tagged units.

    Returns ``baseline [4]``; ``after [4 subsets, 3 hows, 4 operators]`` (the
    random control is the mean of its draws); ``random_draws [4, n_random, 4]``,
    every draw's accuracies; ``sizes [4]``, the number of units of each subset.

    Parameters
    ----------
    model : PaintingNet
        The painter.
    ev : Evaluation
        The test problems (their codes, operators and answers).
    tagged : list of int arrays
        One subset of unit numbers per operator, + − × ÷ (e.g.
        ``[names.tagged_with(o) for o in range(4)]``).
    n_random : int, default 20
        Random draws of the control per subset, at least 1.
    seed : int, default 0
        Seed of the random draws: draw ``d`` of subset ``s`` uses ``seed + 1000 s + d``.
    progress : bool, default True
        Show a progress bar (one tick per evaluation, ``2 + n_random`` per subset).

    Returns
    -------
    dict
        ``baseline``, ``after``, ``random_draws`` and ``sizes`` as above; accuracies in [0, 1].
    """
    from tqdm.auto import tqdm

    W = np.asarray(model.trunk.prototypes[...])
    base = accuracy(model, ev)
    after = np.zeros((len(tagged), len(HOWS), 4))
    draws = np.zeros((len(tagged), n_random, 4))
    with tqdm(total=len(tagged) * (2 + n_random), desc="interventions", disable=not progress, mininterval=1.0) as bar:
        for s, units in enumerate(tagged):
            for k, how in enumerate(HOWS[:2]):
                after[s, k] = accuracy(model, ev, prototypes=edit_prototypes(W, units, how))
                bar.update(1)
            for d in range(n_random):
                draws[s, d] = accuracy(
                    model, ev, prototypes=edit_prototypes(W, units, "random", seed=seed + 1000 * s + d)
                )
                bar.update(1)
            after[s, 2] = draws[s].mean(0)
    return {"baseline": base, "after": after, "random_draws": draws, "sizes": np.array([len(u) for u in tagged])}


def knockout_effects(table: dict[str, np.ndarray], subset: int) -> dict[str, float | int]:
    r"""What knocking out one operator's tagged units does, in percentage points.

    For the subset of units tagged with operator :math:`s` and the accuracies :math:`A` of
    ``table`` (:func:`intervention_table` or :data:`ARTICLE_TABLE`), the drops on the
    operator's own problems are :math:`d_k = 100\,(A_\text{intact}[s] - A_k[s])` for the whole
    row, the slot only and the random rows (the mean of the draws; the article's table has one
    draw), and the largest off-target drop is
    :math:`d_\text{off} = \max_{o \ne s} 100\,(A_\text{intact}[o] - A_\text{row}[o])`.

    Parameters
    ----------
    table : dict
        An intervention table (:func:`intervention_table` or :data:`ARTICLE_TABLE`): ``baseline [4]``,
        ``after [subsets, 3, 4]``, ``sizes`` and, optionally, ``random_draws [subsets, draws, 4]``.
    subset : int
        The operator whose tagged units are knocked out, 0..3 (0 +, 1 −, 2 ×, 3 ÷).

    Returns
    -------
    dict
        ``size``, ``before`` (intact accuracy, %), ``row``, ``slot``, ``random`` (drops, pt),
        ``random_sd`` and ``random_max`` (standard deviation and largest of the random draws'
        drops, pt; NaN without draws), ``n_draws`` (1 for a table without ``random_draws``),
        ``off_target`` (pt) and ``off_operator`` (its index), and the ratios ``row_over_random``,
        ``row_over_off`` and ``slot_over_row`` (infinite when the divisor is not positive).
    """
    base = 100 * np.asarray(table["baseline"], float)
    after = 100 * np.asarray(table["after"], float)
    n_ops = len(base)
    s = check_int(subset, "subset", low=0, high=n_ops - 1, why="It is the operator whose tagged units are knocked out.")
    row, slot, rnd = (float(base[s] - after[s, k, s]) for k in range(3))
    others = [o for o in range(n_ops) if o != s]
    off = base[others] - after[s, 0, others]
    if "random_draws" in table:
        drops = base[s] - 100 * np.asarray(table["random_draws"], float)[s, :, s]
        n_draws, sd, largest = len(drops), float(drops.std()), float(drops.max())
    else:
        n_draws, sd, largest = 1, float("nan"), rnd

    def ratio(a: float, b: float) -> float:
        return a / b if b > 0 else float("inf")

    return {
        "size": int(np.asarray(table["sizes"])[s]),
        "before": float(base[s]),
        "row": row,
        "slot": slot,
        "random": rnd,
        "random_sd": sd,
        "random_max": largest,
        "n_draws": n_draws,
        "off_target": float(off.max()),
        "off_operator": int(others[int(off.argmax())]),
        "row_over_random": ratio(row, rnd),
        "row_over_off": ratio(row, float(off.max())),
        "slot_over_row": slot / row if row > 0 else float("nan"),
    }


@dataclass(frozen=True)
class C18Band:
    r"""The band of claim C18 tested on one operator's tagged units (:func:`c18_band`); drops in points.

    Attributes
    ----------
    operator : int
        The operator whose tagged units are knocked out (2 is ×, the claim's).
    size : int
        Units tagged with it (and knocked out at random, per draw).
    row, slot : float
        Drop of the operator's own accuracy after the whole-row and the slot-only knockout.
    random_drops : tuple of float
        Its drop after each random draw of ``size`` units.
    off_target : tuple of float
        The row knockout's drop on each of the four operators (its own included).
    above_every_draw, twice_the_mean, through_slot, hurts_most : bool
        Parts (a), (b), (c) and (d) of the band.
    """

    operator: int
    size: int
    row: float
    slot: float
    random_drops: tuple[float, ...]
    off_target: tuple[float, ...]
    above_every_draw: bool
    twice_the_mean: bool
    through_slot: bool
    hurts_most: bool

    @property
    def random_mean(self) -> float:
        """Mean drop of the random draws."""
        return float(np.mean(self.random_drops))

    @property
    def random_sd(self) -> float:
        """Standard deviation of the random draws' drops."""
        return float(np.std(self.random_drops))

    @property
    def largest_off_target(self) -> float:
        """The row knockout's largest drop on another operator."""
        return max(d for o, d in enumerate(self.off_target) if o != self.operator)

    @property
    def met(self) -> bool:
        """All four parts of the band hold."""
        return self.above_every_draw and self.twice_the_mean and self.through_slot and self.hurts_most


def c18_band(table: dict[str, np.ndarray], subset: int = 2) -> C18Band:
    r"""Test the band of C18 (:data:`C18_BAND`) on the units tagged with operator ``subset`` (2 is ×).

    With the operator's intact accuracy :math:`A_0`, its accuracy :math:`A_\text{row}` and
    :math:`A_\text{slot}` after the two targeted knockouts and :math:`A_d` after random draw
    :math:`d` (``table["random_draws"]``, at least :data:`C18_MIN_DRAWS`), the drops are
    :math:`\Delta = 100\,(A_0 - A)` points, and the band asks

    (a) :math:`\Delta_\text{row} > \max_d \Delta_d`;
    (b) :math:`\Delta_\text{row} \ge 2\,\overline{\Delta_d}`;
    (c) :math:`\Delta_\text{slot} \ge \Delta_\text{row} / 2`;
    (d) :math:`\Delta_\text{row} \ge 1.5\,\max_{o \ne s} \Delta^{(o)}_\text{row}`, the drop the same
        knockout causes on each other operator :math:`o` (so :math:`s` is the operator it hurts most).

    Raises :class:`ValueError` when the table holds fewer than :data:`C18_MIN_DRAWS` random draws.

    Parameters
    ----------
    table : dict
        An intervention table (:func:`intervention_table`) with ``random_draws``; the article's
        table (one draw) cannot be tested.
    subset : int, default 2
        The operator whose tagged units are knocked out, 0..3 (0 +, 1 −, 2 ×, 3 ÷).

    Returns
    -------
    C18Band
        The drops and the four parts of the band; :attr:`C18Band.met` when all hold.
    """
    base = 100 * np.asarray(table["baseline"], float)
    after = 100 * np.asarray(table["after"], float)
    s = check_int(
        subset, "subset", low=0, high=len(base) - 1, why="It is the operator whose tagged units are knocked out."
    )
    draws = np.asarray(table.get("random_draws", np.zeros((len(base), 0, len(base)))), float)
    if draws.ndim != 3 or draws.shape[1] < C18_MIN_DRAWS:
        raise ValueError(
            f"table['random_draws'] must hold at least {C18_MIN_DRAWS} random draws per subset "
            f"([subsets, draws, operators]); got shape {draws.shape}. "
            f"Build the table with intervention_table(..., n_random={C18_MIN_DRAWS})."
        )
    row, slot = float(base[s] - after[s, 0, s]), float(base[s] - after[s, 1, s])
    rnd = base[s] - 100 * draws[s, :, s]
    off = base - after[s, 0]
    largest_off = float(np.delete(off, s).max())
    return C18Band(
        operator=s,
        size=int(np.asarray(table["sizes"])[s]),
        row=row,
        slot=slot,
        random_drops=tuple(float(v) for v in rnd),
        off_target=tuple(float(v) for v in off),
        above_every_draw=bool(row > rnd.max()),
        twice_the_mean=bool(row > 0 and row >= 2 * rnd.mean()),
        through_slot=bool(row > 0 and slot >= row / 2),
        hurts_most=bool(row > 0 and row >= 1.5 * largest_off),
    )


def check_c18(table: dict[str, np.ndarray], subset: int = 2) -> C18Band:
    """Assert claim C18 on ``table`` (:func:`c18_band` on the units tagged ``subset``, ×): print the book's
    numbers beside the article's and raise :class:`~yatlib.claims.ClaimFailed` when any part of the band fails.

    Parameters
    ----------
    table : dict
        The book's intervention table (:func:`intervention_table`), with at least
        :data:`C18_MIN_DRAWS` random draws per subset.
    subset : int, default 2
        The operator whose tagged units are knocked out, 0..3 (2 is ×, the claim's); the article's
        numbers are taken for the same operator.

    Returns
    -------
    C18Band
        The band tested, when it holds.
    """
    from ..claims import check

    band = c18_band(table, subset)
    ref = ARTICLE_TABLE
    a_base, a_after = 100 * ref["baseline"], 100 * ref["after"]
    a_row, a_slot, a_rnd = (a_base[subset] - a_after[subset, k, subset] for k in range(3))
    marks = " ".join(
        f"({p}) {'yes' if ok else 'NO'}"
        for p, ok in zip("abcd", (band.above_every_draw, band.twice_the_mean, band.through_slot, band.hurts_most))
    )
    check(
        "C18",
        f"knocking out the {band.size} units tagged {'+−×÷'[subset]} by name",
        book=(
            f"row −{band.row:.1f} pt, slot −{band.slot:.1f} pt; {len(band.random_drops)} random draws "
            f"−{band.random_mean:.1f} ± {band.random_sd:.1f} pt (largest −{max(band.random_drops):.1f}); "
            f"row / random mean {band.row / band.random_mean:.1f}×; "
            f"largest off-target −{band.largest_off_target:.1f} pt; "
            f"{marks}"
        ),
        article=(
            f"row −{a_row:.1f} pt, slot −{a_slot:.1f} pt, one random draw −{a_rnd:.1f} pt "
            f"({a_row / a_rnd:.1f}×, 'roughly four times as specific')"
        ),
        band=C18_BAND,
        passed=band.met,
    )
    return band


def article_random_per_unit(subset: int = 2) -> np.ndarray:
    """The article's random draws, one per subset size, as the drop of operator ``subset``'s accuracy per
    knocked-out unit (pt per unit): the reference drew once for each of its four subset sizes.

    Parameters
    ----------
    subset : int, default 2
        The operator whose accuracy is read, 0..3 (0 +, 1 −, 2 ×, 3 ÷).

    Returns
    -------
    ndarray ``[4]``
        One value per subset of :data:`ARTICLE_TABLE` (the units tagged + − × ÷: 32, 14, 30 and 47
        units), in points per knocked-out unit.
    """
    base, after = 100 * ARTICLE_TABLE["baseline"], 100 * ARTICLE_TABLE["after"]
    return (base[subset] - after[:, 2, subset]) / ARTICLE_TABLE["sizes"]
