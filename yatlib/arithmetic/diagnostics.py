r"""What the reference run reports about itself, measured on the book's painter.

Measured on any trained :class:`~.model.PaintingNet` on the fixed test problems
(:class:`~.interventions.Evaluation`), beside :data:`REFERENCE`: **symbol accuracy**,
:math:`\frac{1}{3N}\sum_{n,i} 1[\arg\max s(E(x_{ni})) = \text{symbol}_{ni}]`; **slot accuracy**, the
share of problems whose sign, tens and units are all right (``slot_acc``); **operator code
distances** :math:`\lVert E(g_o) - E(g_{o'})\rVert` between the clean operator glyphs' codes; and the
**knockout leftover** :math:`\gamma\, b_u^2 / (\lVert z\rVert^2 + \varepsilon)` a row-zeroed unit still
sends to the decoder, against its intact activations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from ..display import Table
from .dataset import normalise, slot_labels
from .glyphs import OPERATORS, render
from .interventions import Evaluation, check_units
from .model import EPS, SLOT, PaintingNet
from .train import encode

__all__ = [
    "REFERENCE",
    "symbol_accuracy",
    "slot_accuracy",
    "operator_code_distances",
    "Leftover",
    "knockout_leftover",
    "table",
]

REFERENCE: dict[str, float] = {
    "symbol_accuracy": 0.9896,
    "slot_accuracy": 0.632,
    "answer_accuracy": 0.8878,
    "distance + −": 43.1,
    "distance + ×": 54.8,
    "distance + ÷": 37.3,
    "distance − ×": 80.9,
    "distance − ÷": 23.8,
    "distance × ÷": 73.2,
    "leftover_max": 4e-3,
    "activation_low": 0.1,
    "activation_high": 11.0,
}
"""The reference run's own numbers (its paper and results, as listed in CLAIMS.md's "Part III protocol")."""


def symbol_accuracy(model: PaintingNet, ev: Evaluation, a: np.ndarray, b: np.ndarray) -> float:
    """Share of the test problems' ``3N`` input images whose symbol the phase-1 head names right.

    ``ev.z`` holds the three codes of each problem; ``a`` and ``b`` are the operand digits (the
    operator's symbol is ``10 + ev.op``).
    """
    codes = jnp.asarray(np.asarray(ev.z, np.float32).reshape(-1, SLOT))
    truth = np.stack([np.asarray(a), 10 + np.asarray(ev.op), np.asarray(b)], axis=1).reshape(-1)
    named = np.asarray(model.symbol_head(codes)).argmax(-1)
    return float(np.mean(named == truth))


def slot_accuracy(model: PaintingNet, ev: Evaluation) -> float:
    """Share of the test problems whose sign, tens and units the phase-2 slot heads all predict right."""
    out = model.heads(model.trunk(jnp.asarray(ev.z)))
    truth = slot_labels(ev.answer)
    right = [
        np.asarray(out[k]).argmax(-1) == truth[:, j] for j, k in enumerate(("slot_sign", "slot_tens", "slot_units"))
    ]
    return float(np.mean(np.all(right, axis=0)))


def operator_code_distances(model: PaintingNet) -> dict[str, float]:
    """Euclidean distances between the codes of the four clean operator glyphs, keyed ``"distance + −"`` etc."""
    codes = encode(model, normalise(np.stack([render(op) for op in OPERATORS])))
    return {
        f"distance {OPERATORS[i]} {OPERATORS[j]}": float(np.linalg.norm(codes[i] - codes[j]))
        for i in range(4)
        for j in range(i + 1, 4)
    }


@dataclass(frozen=True)
class Leftover:
    """What knocked-out units still send, beside what they send intact (over the test problems).

    Attributes
    ----------
    largest : float
        The largest leftover :math:`\\gamma b_u^2/(\\lVert z\\rVert^2+\\varepsilon)` over the units and problems.
    intact_low, intact_high : float
        The 10th and 90th percentiles of the same units' intact activations.
    """

    largest: float
    intact_low: float
    intact_high: float


def knockout_leftover(model: PaintingNet, ev: Evaluation, units: Iterable[int]) -> Leftover:
    r"""The leftover of a whole-row knockout of ``units``, :math:`\gamma b_u^2 / (\lVert z\rVert^2 + \varepsilon)`."""
    u = check_units(units, model.n_units)
    if not u.size:
        raise ValueError("units is empty: pass the units whose leftover to measure (e.g. the ×-tagged ones).")
    z2 = (np.asarray(ev.z, np.float64) ** 2).sum(1)
    alpha = float(np.asarray(model.trunk.alpha[...]))
    bias = np.asarray(model.trunk.bias[...], np.float64)[u]
    leftover = alpha * bias[None] ** 2 / (z2[:, None] + EPS)
    intact = np.asarray(model.trunk(jnp.asarray(ev.z)))[:, u]
    low, high = np.percentile(intact, [10, 90])
    return Leftover(float(leftover.max()), float(low), float(high))


def table(model: PaintingNet, ev: Evaluation, a: np.ndarray, b: np.ndarray, correct: np.ndarray) -> Table:
    """The book's run beside the reference's (:data:`REFERENCE`): symbol, slot and answer accuracy on the test
    problems and the distances between the clean operator codes. ``correct`` marks the test paintings read right."""
    rows = [
        [
            "symbol accuracy (phase-1 head, 3 images per problem)",
            f"{100 * symbol_accuracy(model, ev, a, b):.2f} %",
            f"{100 * REFERENCE['symbol_accuracy']:.2f} %",
        ],
        [
            "slot accuracy (phase-2 heads, sign, tens and units all right)",
            f"{100 * slot_accuracy(model, ev):.1f} %",
            f"{100 * REFERENCE['slot_accuracy']:.1f} %",
        ],
        [
            "answer accuracy (painted and read)",
            f"{100 * np.mean(correct):.1f} %",
            f"{100 * REFERENCE['answer_accuracy']:.1f} %",
        ],
    ]
    rows += [
        [f"distance between the clean codes of {k.split()[1]} and {k.split()[2]}", f"{v:.1f}", f"{REFERENCE[k]:.1f}"]
        for k, v in operator_code_distances(model).items()
    ]
    return Table(
        ["measured on the test problems", "this book", "reference run"],
        rows,
        caption="The trained painter beside the reference's run",
        left=1,
    )
