r"""Naming the trunk's units from their prototypes, and what each one paints.

**Symbol library.** The symbol :math:`s` has the embedding
:math:`e_s = \frac{1}{|S_s|}\sum_{x \in S_s} E(x)`, the mean encoder output over
images of that symbol (MNIST training images of each digit 0..9, jittered
glyphs of each operator): 14 points of :math:`\mathbb{R}^{64}`.

**Naming.** Unit :math:`u` has the prototype
:math:`W_u = (W_u^{(a)}, W_u^{(\circ)}, W_u^{(b)}) \in \mathbb{R}^{3\times 64}`. Its
name in slot :math:`r` is the nearest symbol,

.. math::

    \mathrm{name}_r(u) = \arg\min_s \lVert W_u^{(r)} - e_s \rVert .

A unit is *operator-tagged* when the name of its operator slot is one of the
four operators.

**Footprint.** What unit :math:`u` alone paints: the decoder applied to the
activation vector that is zero except :math:`h_u = \alpha_u`,
:math:`\sigma(D(\alpha_u\, \mathbf{e}_u))`, with :math:`\alpha_u` the unit's
99th-percentile activation on the test problems (a strong but typical firing).
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from .dataset import ProblemSource
from .glyphs import OPERATORS
from .model import SLOT, PaintingNet

__all__ = ["SYMBOLS", "SLOT_NAMES", "symbol_library", "UnitNames", "name_units", "footprints", "footprint_slot"]

SYMBOLS: tuple[str, ...] = tuple(str(d) for d in range(10)) + OPERATORS
"""The 14 symbols of the library: digits 0..9 (indices 0..9) then + − × ÷ (10..13)."""

SLOT_NAMES: tuple[str, ...] = ("a", "op", "b")
"""The three slots of a prototype, in order."""


def symbol_library(model: PaintingNet, source: ProblemSource, *, n_per_symbol: int = 200, seed: int = 0) -> np.ndarray:
    """Mean encoder embedding of each of the 14 symbols, ``[14, 64]``."""
    rng = np.random.default_rng(seed)
    groups = [source.digits[rng.choice(np.flatnonzero(source.labels == d), n_per_symbol, replace=False)]
              for d in range(10)]
    for o in range(len(OPERATORS)):
        pool = np.flatnonzero(source.op_labels == o)
        groups.append(source.ops[rng.choice(pool, min(n_per_symbol, len(pool)), replace=False)])
    return np.stack([np.asarray(model.encoder(jnp.asarray(g.reshape(-1, 28, 28)))).mean(axis=0) for g in groups])


@dataclass
class UnitNames:
    """Every unit's nearest symbol per slot.

    Attributes
    ----------
    nearest : int array ``[n_units, 3]``
        Index into :data:`SYMBOLS` of the nearest symbol of each slot (a, op, b).
    distances : float array ``[n_units, 3, 14]``
        Distance from each slot of each prototype to each symbol.
    """

    nearest: np.ndarray
    distances: np.ndarray

    @property
    def operator_tagged(self) -> np.ndarray:
        """Boolean ``[n_units]``: the operator slot's nearest symbol is an operator."""
        return self.nearest[:, 1] >= 10

    def tagged_with(self, operator: int) -> np.ndarray:
        """Indices of the units whose operator slot is nearest operator ``operator`` (0 +, 1 −, 2 ×, 3 ÷)."""
        return np.flatnonzero(self.nearest[:, 1] == 10 + operator)

    def counts_per_operator(self) -> np.ndarray:
        """How many units are tagged with each operator, ``[4]``."""
        return np.array([len(self.tagged_with(o)) for o in range(len(OPERATORS))])

    def label(self, unit: int) -> str:
        """The unit's name as ``"(a | op | b)"``, e.g. ``"(3 | × | 7)"``."""
        return "(" + " | ".join(SYMBOLS[i] for i in self.nearest[unit]) + ")"


def name_units(prototypes: np.ndarray, library: np.ndarray) -> UnitNames:
    """Name each prototype slot by its nearest library symbol (Euclidean distance)."""
    W = np.asarray(prototypes, np.float64)
    if W.ndim != 2 or W.shape[1] != 3 * SLOT:
        raise ValueError(f"prototypes must be [n_units, {3 * SLOT}]; got {W.shape}.")
    lib = np.asarray(library, np.float64)
    slots = W.reshape(len(W), 3, 1, SLOT)
    dist = np.sqrt(((slots - lib[None, None]) ** 2).sum(-1))
    return UnitNames(nearest=dist.argmin(-1), distances=dist.astype(np.float32))


def footprints(model: PaintingNet, alpha: np.ndarray) -> np.ndarray:
    """What each unit alone paints, ``[n_units, 28, 84]`` in [0, 1]: :math:`\\sigma(D(\\alpha_u e_u))`."""
    a = np.asarray(alpha, np.float32)
    if a.shape != (model.n_units,):
        raise ValueError(f"alpha must have one value per unit ({model.n_units}); got shape {a.shape}.")
    h = jnp.diag(jnp.asarray(a))
    return np.asarray(1 / (1 + jnp.exp(-model.paint_from_activations(h))))


def footprint_slot(prints: np.ndarray, background: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each footprint, the output slot (0 sign, 1 tens, 2 units) holding most of its ink
    above the blank painting ``background``, and the share of the ink in that slot."""
    ink = np.abs(np.asarray(prints) - np.asarray(background)[None]).reshape(len(prints), 28, 3, 28).sum((1, 3))
    total = ink.sum(1) + 1e-9
    return ink.argmax(1), ink.max(1) / total
