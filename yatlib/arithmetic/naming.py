r"""Naming the trunk's units from their prototypes, and what each one paints.

The library of codes: encoder codes :math:`c_i \in \mathbb{R}^{64}` of known symbols
:math:`s_i \in \{0..13\}` (digits 0..9, then + − × ÷). **The article's rule (a vote):** a slot
:math:`w = W_u^{(r)}` of the prototype :math:`W_u = (W_u^{(a)}, W_u^{(\circ)}, W_u^{(b)})` scores
every code with :math:`S(c, w) = (c \cdot w)^2 / (\lVert c - w\rVert^2 + 10^{-3})`; the 15 best
codes vote and the slot takes the winning symbol. A unit is **operator-tagged** with :math:`o` when
its operator slot is named :math:`o` by at least 8 of 15 votes. **The nearest-mean rule:** a slot
takes the symbol whose mean code is nearest, :math:`\arg\min_s \lVert W_u^{(r)} - \bar c_s\rVert`.
**Footprint:** what unit :math:`u` alone paints, :math:`D(\alpha_u\, \mathbf{e}_u)`, with
:math:`\alpha_u` its 99th-percentile activation on the test problems.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from .dataset import ProblemSource, normalise
from .glyphs import OPERATORS, operator_glyphs
from .model import SLOT, PaintingNet
from .train import encode

__all__ = [
    "SYMBOLS",
    "SLOT_NAMES",
    "TOP_K",
    "QUORUM",
    "Library",
    "code_library",
    "yat_score",
    "UnitNames",
    "name_units",
    "nearest_mean_names",
    "footprints",
    "footprint_slot",
]

SYMBOLS: tuple[str, ...] = tuple(str(d) for d in range(10)) + OPERATORS
"""The 14 symbols: digits 0..9 (indices 0..9) then + − × ÷ (10..13)."""

SLOT_NAMES: tuple[str, ...] = ("a", "op", "b")
"""The three slots of a prototype, in order."""

TOP_K = 15
"""Library codes that vote on a slot's name."""

QUORUM = 8
"""Votes an operator needs (of :data:`TOP_K`) to tag a unit."""


@dataclass
class Library:
    """Individual codes of known symbols: ``codes [M, 64]``, ``labels [M]`` (indices into :data:`SYMBOLS`)."""

    codes: np.ndarray
    labels: np.ndarray

    def means(self) -> np.ndarray:
        """Mean code of each of the 14 symbols, ``[14, 64]``."""
        return np.stack([self.codes[self.labels == s].mean(0) for s in range(len(SYMBOLS))])


def code_library(
    model: PaintingNet,
    source: ProblemSource,
    *,
    n_digit: int = 120,
    n_operator: int = 60,
    n_clean: int = 15,
    seed: int = 0,
) -> Library:
    """The library: ``n_digit`` images of each digit from ``source`` (MNIST test) and ``n_operator``
    glyphs of each operator (the first ``n_clean`` clean, the others augmented), encoded by ``model``.

    Parameters
    ----------
    model : PaintingNet
        The painter; only its encoder is used.
    source : ProblemSource
        Where the digit images come from (the test source in the book); its glyph bank is not used,
        the operator glyphs are drawn afresh (:func:`~.glyphs.operator_glyphs`).
    n_digit : int, default 120
        Images of each digit, drawn without replacement.
    n_operator : int, default 60
        Glyphs of each operator.
    n_clean : int, default 15
        How many of each operator's glyphs are the clean one, in ``0..n_operator``.
    seed : int, default 0
        Seed of the digit images drawn; the glyphs' augmentations use ``seed + 1``.

    Returns
    -------
    Library
        ``10 n_digit + 4 n_operator`` codes ``[M, 64]``, digits 0..9 first, then the operators
        (labels 10..13, + − × ÷).
    """
    rng = np.random.default_rng(seed)
    idx = np.concatenate([rng.choice(np.flatnonzero(source.labels == d), n_digit, replace=False) for d in range(10)])
    G, g_lab = operator_glyphs(n_operator, seed + 1, n_clean=n_clean)
    images = np.concatenate([source.digits[idx], normalise(G)])
    labels = np.concatenate([source.labels[idx], 10 + g_lab]).astype(np.int32)
    return Library(encode(model, images), labels)


def yat_score(codes: np.ndarray, w: np.ndarray) -> np.ndarray:
    r"""The naming score :math:`(c\cdot w)^2 / (\lVert c - w\rVert^2 + 10^{-3})`, ``[M, K]``
    for codes ``[M, D]``, slots ``[K, D]``.

    Parameters
    ----------
    codes : array ``[M, D]``
        Library codes :math:`c` (64-d encoder codes).
    w : array ``[K, D]``
        Prototype slots :math:`w`, e.g. the operator slots ``W[:, 64:128]`` of all units.

    Returns
    -------
    ndarray ``[M, K]``
        float64 scores, :math:`\ge 0`: large when a code both points along a slot and lies near it.
    """
    c, w = np.asarray(codes, np.float64), np.asarray(w, np.float64)
    dot = c @ w.T
    d2 = np.maximum((c * c).sum(1)[:, None] + (w * w).sum(1)[None] - 2 * dot, 0.0)
    return dot**2 / (d2 + 1e-3)


@dataclass
class UnitNames:
    """Every unit's name per slot, by the vote of the library's best-scoring codes.

    Attributes
    ----------
    votes : int array ``[n_units, 3, 14]``
        For each unit and slot (a, op, b), how many of the :data:`TOP_K` best codes carry each symbol.
    quorum : int
        Votes an operator needs to tag a unit.
    """

    votes: np.ndarray
    quorum: int = QUORUM

    @property
    def nearest(self) -> np.ndarray:
        """``[n_units, 3]``: the symbol with the most votes in each slot (ties: the lower index)."""
        return self.votes.argmax(-1)

    @property
    def operator_tagged(self) -> np.ndarray:
        """Boolean ``[n_units]``: the operator slot is named an operator with at least ``quorum`` votes."""
        win = self.nearest[:, 1]
        return (win >= 10) & (self.votes[:, 1].max(-1) >= self.quorum)

    def operator_of(self) -> np.ndarray:
        """``[n_units]``: the operator (0 +, 1 −, 2 ×, 3 ÷) each unit is tagged with, -1 if none."""
        return np.where(self.operator_tagged, self.nearest[:, 1] - 10, -1)

    def tagged_with(self, operator: int) -> np.ndarray:
        """Indices of the units tagged with ``operator`` (0 +, 1 −, 2 ×, 3 ÷).

        Parameters
        ----------
        operator : int
            The operator code, 0..3.

        Returns
        -------
        ndarray
            The unit numbers, ascending (empty when no unit is tagged with it).
        """
        return np.flatnonzero(self.operator_of() == operator)

    def counts_per_operator(self) -> np.ndarray:
        """How many units are tagged with each operator, ``[4]``."""
        return np.array([len(self.tagged_with(o)) for o in range(len(OPERATORS))])

    def label(self, unit: int) -> str:
        """The unit's name as ``"(a | op | b)"``, e.g. ``"(3 | × | 7)"``.

        Parameters
        ----------
        unit : int
            The unit number, in ``0..n_units-1``.

        Returns
        -------
        str
            The symbol with the most votes in each slot (:attr:`nearest`), whether or not it reaches the quorum.
        """
        return "(" + " | ".join(SYMBOLS[i] for i in self.nearest[unit]) + ")"


def name_units(prototypes: np.ndarray, library: Library, *, k: int = TOP_K, quorum: int = QUORUM) -> UnitNames:
    """Name each prototype slot by the vote of the ``k`` library codes with the highest :func:`yat_score`.

    Parameters
    ----------
    prototypes : array ``[n_units, 192]``
        The trunk's prototypes :math:`W`, three 64-d slots (a, op, b) per row.
    library : Library
        The codes that vote (:func:`code_library`).
    k : int, default 15
        Codes that vote on each slot (:data:`TOP_K`); equal scores keep the library's order.
    quorum : int, default 8
        Votes an operator needs to tag a unit (:data:`QUORUM`); ``1 <= quorum <= k <=`` library size.

    Returns
    -------
    UnitNames
        The votes ``[n_units, 3, 14]`` and the quorum.
    """
    W = np.asarray(prototypes, np.float64)
    if W.ndim != 2 or W.shape[1] != 3 * SLOT:
        raise ValueError(f"prototypes must be [n_units, {3 * SLOT}]; got {W.shape}.")
    if not 1 <= quorum <= k <= len(library.labels):
        raise ValueError(
            f"need 1 <= quorum <= k <= library size; got quorum={quorum}, k={k}, library of {len(library.labels)}."
        )
    votes = np.zeros((len(W), 3, len(SYMBOLS)), np.int32)
    for r in range(3):
        score = yat_score(library.codes, W[:, r * SLOT : (r + 1) * SLOT])  # [M, n_units]
        top = np.argsort(-score, axis=0, kind="stable")[:k]  # [k, n_units]
        lab = np.asarray(library.labels)[top]
        for s in range(len(SYMBOLS)):
            votes[:, r, s] = (lab == s).sum(0)
    return UnitNames(votes, quorum)


def nearest_mean_names(prototypes: np.ndarray, library: Library) -> np.ndarray:
    """``[n_units, 3]``: per slot, the symbol whose mean library code is nearest (Euclidean distance).

    Parameters
    ----------
    prototypes : array ``[n_units, 192]``
        The trunk's prototypes :math:`W`, three 64-d slots (a, op, b) per row.
    library : Library
        The codes whose per-symbol means (:meth:`Library.means`) the slots are compared with.

    Returns
    -------
    ndarray ``[n_units, 3]``
        Indices into :data:`SYMBOLS` (0..9 digits, 10..13 + − × ÷) for the slots a, op, b.
    """
    W = np.asarray(prototypes, np.float64)
    if W.ndim != 2 or W.shape[1] != 3 * SLOT:
        raise ValueError(f"prototypes must be [n_units, {3 * SLOT}]; got {W.shape}.")
    means = library.means()
    slots = W.reshape(len(W), 3, 1, SLOT)
    return np.sqrt(((slots - means[None, None]) ** 2).sum(-1)).argmin(-1)


def footprints(model: PaintingNet, alpha: np.ndarray) -> np.ndarray:
    """What each unit alone paints, ``[n_units, 28, 84]`` in (0, 1): :math:`D(\\alpha_u e_u)`.

    Parameters
    ----------
    model : PaintingNet
        The painter; only its decoder is used.
    alpha : array ``[n_units]``
        The activation given to each unit, every other unit at 0 (the book takes each unit's
        99th-percentile activation on the test problems); all zeros paint the blank background.

    Returns
    -------
    ndarray ``[n_units, 28, 84]``
        Row ``u`` is the painting of unit ``u`` alone.
    """
    a = np.asarray(alpha, np.float32)
    if a.shape != (model.n_units,):
        raise ValueError(f"alpha must have one value per unit ({model.n_units}); got shape {a.shape}.")
    return np.asarray(model.decoder(jnp.diag(jnp.asarray(a))))


def footprint_slot(prints: np.ndarray, background: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each footprint, the output slot (0 sign, 1 tens, 2 units) holding most of its ink
    above the blank painting ``background``, and the share of the ink in that slot.

    Parameters
    ----------
    prints : array ``[K, 28, 84]``
        Footprints (:func:`footprints`).
    background : array ``[28, 84]``
        What the decoder paints with every unit off; the ink of a footprint is its absolute
        difference from it, summed over each 28 × 28 slot.

    Returns
    -------
    slot : ndarray ``[K]``
        The slot with the most ink: 0 sign, 1 tens, 2 units.
    share : ndarray ``[K]``
        The share of the footprint's ink in that slot, in [0, 1].
    """
    ink = np.abs(np.asarray(prints) - np.asarray(background)[None]).reshape(len(prints), 28, 3, 28).sum((1, 3))
    total = ink.sum(1) + 1e-9
    return ink.argmax(1), ink.max(1) / total
