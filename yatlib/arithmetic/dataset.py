r"""Problems for painting arithmetic: three input images and the painted answer.

A problem is a digit :math:`a`, an operator :math:`\circ \in \{+, -, \times, \div\}`
and a digit :math:`b`. The operand rule keeps every answer an integer in
:math:`-99..99`:

* for :math:`+`, :math:`-`, :math:`\times`: :math:`a, b \in \{0, \dots, 9\}` uniformly;
* for :math:`\div`: :math:`b \in \{1, \dots, 9\}` and :math:`a \in \{0, \dots, 9\}` a
  multiple of :math:`b`, the pair drawn uniformly among the 32 such pairs, so
  :math:`a / b` is a whole number.

Operands are MNIST images of the digit (train split for training, test split
for evaluation); operators are jittered glyph images (:mod:`.glyphs`). The
answer is painted as a :math:`28 \times 84` image with three slots,
sign | tens | units, from clean glyphs: the sign slot holds "−" for a negative
answer and is blank otherwise; the tens slot is blank when :math:`|r| < 10`.
Each slot's content is a code: 0 blank, 1 minus, :math:`2 + d` digit :math:`d`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import data as _data
from .glyphs import OPERATORS, answer_glyphs, operator_bank

__all__ = [
    "SLOT_LABELS",
    "DIVISION_PAIRS",
    "Problems",
    "apply_operator",
    "answer_codes",
    "codes_to_text",
    "paint_answers",
    "sample_problems",
    "ProblemSource",
]

SLOT_LABELS: tuple[str, ...] = (" ", "−") + tuple(str(d) for d in range(10))
"""What each slot code means: 0 blank, 1 minus, ``2 + d`` the digit ``d``."""

DIVISION_PAIRS: np.ndarray = np.array([(a, b) for b in range(1, 10) for a in range(10) if a % b == 0], dtype=np.int32)
"""The 32 pairs ``(a, b)`` allowed for ÷ (``b >= 1``, ``b`` divides ``a``)."""


def apply_operator(a: np.ndarray, op: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The integer answers :math:`a \\circ b` for operator codes ``op`` (0 +, 1 −, 2 ×, 3 ÷)."""
    a, op, b = (np.asarray(v, dtype=np.int64) for v in (a, op, b))
    if np.any((op == 3) & ((b == 0) | (a % np.where(b == 0, 1, b) != 0))):
        raise ValueError("÷ needs b >= 1 dividing a (the operand rule keeps answers whole).")
    safe_b = np.where(b == 0, 1, b)
    out = np.select([op == 0, op == 1, op == 2, op == 3], [a + b, a - b, a * b, a // safe_b], default=-1000)
    if np.any(out == -1000):
        raise ValueError("operator codes must be 0..3.")
    return out.astype(np.int32)


def answer_codes(answers: np.ndarray) -> np.ndarray:
    """Slot codes ``[N, 3]`` (sign, tens, units) of integer answers in -99..99."""
    r = np.asarray(answers, dtype=np.int64)
    if np.any(np.abs(r) > 99):
        raise ValueError("answers must lie in -99..99 (three slots: sign, tens, units).")
    mag = np.abs(r)
    sign = np.where(r < 0, 1, 0)
    tens = np.where(mag >= 10, 2 + mag // 10, 0)
    units = 2 + mag % 10
    return np.stack([sign, tens, units], axis=-1).astype(np.int32)


def codes_to_text(codes: np.ndarray) -> str:
    """The answer a row of slot codes spells, e.g. ``[1, 0, 5] -> "−5"`` (blank slots dropped)."""
    return "".join(SLOT_LABELS[int(c)] for c in codes if int(c) != 0) or "(blank)"


def paint_answers(answers: np.ndarray) -> np.ndarray:
    """Clean painted answers ``[N, 28, 84]`` in [0, 1] for integer answers in -99..99."""
    codes = answer_codes(answers)
    g = answer_glyphs()
    return np.concatenate([g[codes[:, i]] for i in range(3)], axis=-1)


@dataclass
class Problems:
    """A set of problems: the values and where each input image comes from.

    Attributes
    ----------
    a, op, b, answer : int arrays ``[N]``
        Operands, operator code (0 +, 1 −, 2 ×, 3 ÷) and the true answer.
    a_img, b_img : int arrays ``[N]``
        Row indices of the operand images in the MNIST split.
    op_img : int array ``[N]``
        Row index of the operator image in the operator bank.
    """

    a: np.ndarray
    op: np.ndarray
    b: np.ndarray
    answer: np.ndarray
    a_img: np.ndarray
    op_img: np.ndarray
    b_img: np.ndarray

    def __len__(self) -> int:
        return len(self.a)

    def subset(self, idx: np.ndarray) -> "Problems":
        """The problems at positions ``idx``."""
        return Problems(*(getattr(self, f)[idx] for f in ("a", "op", "b", "answer", "a_img", "op_img", "b_img")))


def sample_problems(n_per_operator: int, digit_labels: np.ndarray, bank_labels: np.ndarray, seed: int) -> Problems:
    """Draw ``n_per_operator`` problems of each operator under the operand rule.

    ``digit_labels`` are the labels of the MNIST split the operand images come
    from; ``bank_labels`` the operator codes of the operator-glyph bank.
    """
    if n_per_operator < 1:
        raise ValueError(f"n_per_operator must be >= 1; got {n_per_operator}.")
    rng = np.random.default_rng(seed)
    by_digit = [np.flatnonzero(digit_labels == d) for d in range(10)]
    by_op = [np.flatnonzero(bank_labels == o) for o in range(len(OPERATORS))]
    n = n_per_operator
    a_all, b_all, op_all = [], [], []
    for o in range(len(OPERATORS)):
        if o == 3:
            pairs = DIVISION_PAIRS[rng.integers(0, len(DIVISION_PAIRS), n)]
            a_all.append(pairs[:, 0]); b_all.append(pairs[:, 1])
        else:
            a_all.append(rng.integers(0, 10, n)); b_all.append(rng.integers(0, 10, n))
        op_all.append(np.full(n, o))
    a, b, op = (np.concatenate(v).astype(np.int32) for v in (a_all, b_all, op_all))
    perm = rng.permutation(len(a))
    a, b, op = a[perm], b[perm], op[perm]
    pick = lambda pools, keys: np.array([pools[k][rng.integers(0, len(pools[k]))] for k in keys], dtype=np.int64)
    return Problems(a, op, b, apply_operator(a, op, b), pick(by_digit, a), pick(by_op, op), pick(by_digit, b))


class ProblemSource:
    """The images behind problems: one MNIST split and one bank of operator glyphs.

    Parameters
    ----------
    split : {"train", "test"}
        MNIST split the operand images come from.
    bank_size : int
        Jittered glyphs per operator.
    bank_seed : int
        Seed of the glyph bank (the training and test banks use different seeds).
    """

    def __init__(self, split: str, *, bank_size: int = 400, bank_seed: int | None = None):
        self.split = split
        self.digits, self.labels = _data.load("mnist", split)
        seed = bank_seed if bank_seed is not None else (11 if split == "train" else 12)
        self.ops, self.op_labels = operator_bank(bank_size, seed)

    def problems(self, n_per_operator: int, seed: int) -> Problems:
        """``n_per_operator`` seeded problems per operator drawn from this source."""
        return sample_problems(n_per_operator, self.labels, self.op_labels, seed)

    def inputs(self, p: Problems) -> np.ndarray:
        """The three input images ``[N, 3, 28, 28]`` (digit, operator, digit)."""
        return np.stack([self.digits[p.a_img], self.ops[p.op_img], self.digits[p.b_img]], axis=1).reshape(-1, 3, 28, 28)
