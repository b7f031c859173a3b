r"""Problems for painting arithmetic: three input images and the painted answer.

A problem is digits :math:`a, b \in \{0..9\}` and an operator :math:`\circ \in \{+, -, \times, \div\}`,
drawn uniformly; for :math:`\div`, :math:`b = 0` is redrawn from 1..9 and the answer is
:math:`\lfloor a / b \rfloor`. Answers span :math:`-9..81`. Operands are MNIST images (train split to
train, test split to evaluate), operators glyph images (:mod:`.glyphs`); inputs are normalised by
:math:`x \mapsto (x - 0.1307)/0.3081`. The answer is painted as a :math:`28 \times 84` image with
slots sign | tens | units. Auxiliary labels: the slot labels (sign :math:`[r<0]`, tens
:math:`\lfloor |r|/10 \rfloor`, units :math:`|r| \bmod 10`) and the modular labels
:math:`|r| \bmod 2`, :math:`|r| \bmod 5`, :math:`|r| \bmod 11` and the sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .. import data as _data
from .glyphs import OPERATORS, operator_glyphs, render

__all__ = [
    "MNIST_MEAN",
    "MNIST_STD",
    "ANSWERS",
    "Problems",
    "apply_operator",
    "slot_labels",
    "modular_labels",
    "answer_text",
    "answer_image",
    "answer_images",
    "sample_problems",
    "normalise",
    "ProblemSource",
]

MNIST_MEAN, MNIST_STD = 0.1307, 0.3081
"""Mean and standard deviation of MNIST pixels, used to normalise every input image."""

ANSWERS: np.ndarray = np.arange(-9, 82, dtype=np.int32)
"""The 91 possible answers, -9..81, in the order of :func:`answer_images`."""


def apply_operator(a: np.ndarray, op: np.ndarray, b: np.ndarray) -> np.ndarray:
    r"""The integer answers :math:`a \circ b` for operator codes ``op`` (0 +, 1 −, 2 ×, 3 ÷, floor division).

    Parameters
    ----------
    a, b : int arrays ``[N]``
        The operands (digits 0..9 in the problems; any integers are accepted). ``b`` must not be 0
        where ``op`` is 3.
    op : int array ``[N]``
        Operator codes in 0..3: 0 +, 1 −, 2 ×, 3 ÷.

    Returns
    -------
    ndarray ``[N]``
        The answers (int32); ÷ is floor division, :math:`\lfloor a / b \rfloor`.
    """
    a, op, b = (np.asarray(v, dtype=np.int64) for v in (a, op, b))
    if np.any((op < 0) | (op > 3)):
        raise ValueError("op: operator codes must be 0..3 (+, −, ×, ÷).")
    if np.any((op == 3) & (b == 0)):
        raise ValueError("b: ÷ needs b >= 1 (a drawn b = 0 is redrawn from 1..9).")
    safe_b = np.where(b == 0, 1, b)
    return np.select([op == 0, op == 1, op == 2], [a + b, a - b, a * b], default=a // safe_b).astype(np.int32)


def _check_answers(answers: np.ndarray) -> np.ndarray:
    r = np.asarray(answers, dtype=np.int64)
    if np.any((r < ANSWERS[0]) | (r > ANSWERS[-1])):
        raise ValueError(f"answers must lie in {ANSWERS[0]}..{ANSWERS[-1]}; got values from {r.min()} to {r.max()}.")
    return r


def slot_labels(answers: np.ndarray) -> np.ndarray:
    """Slot labels ``[N, 3]``: sign (1 if negative), tens digit of ``|r|`` (0 if none), units digit of ``|r|``.

    Parameters
    ----------
    answers : int array ``[N]``
        Answers :math:`r` in -9..81 (anything else raises :class:`ValueError`).

    Returns
    -------
    ndarray ``[N, 3]``
        int32 columns: sign (0 or 1), tens digit (0..8) and units digit (0..9) of ``|r|``.
    """
    r = _check_answers(answers)
    m = np.abs(r)
    return np.stack([(r < 0).astype(np.int64), m // 10, m % 10], axis=-1).astype(np.int32)


def modular_labels(answers: np.ndarray) -> np.ndarray:
    r"""Modular labels ``[N, 4]``: :math:`|r| \bmod 2`, :math:`|r| \bmod 5`, :math:`|r| \bmod 11`, sign.

    Parameters
    ----------
    answers : int array ``[N]``
        Answers :math:`r` in -9..81 (anything else raises :class:`ValueError`).

    Returns
    -------
    ndarray ``[N, 4]``
        int32 columns: :math:`|r| \bmod 2` (0..1), :math:`|r| \bmod 5` (0..4), :math:`|r| \bmod 11`
        (0..10) and the sign (1 if negative).
    """
    r = _check_answers(answers)
    m = np.abs(r)
    return np.stack([m % 2, m % 5, m % 11, (r < 0).astype(np.int64)], axis=-1).astype(np.int32)


def answer_text(answer: int) -> str:
    """The answer as it is painted, e.g. ``-7 -> "−7"``.

    Parameters
    ----------
    answer : int
        Any integer.

    Returns
    -------
    str
        Its digits, preceded by the minus sign ``"−"`` (U+2212, not a hyphen) when negative.
    """
    return ("−" if answer < 0 else "") + str(abs(int(answer)))


@cache
def _slot_glyphs() -> np.ndarray:
    """``[12, 28, 28]``: blank, the minus sign (long side 18), digits 0..9 (long side 22)."""
    return np.stack([np.zeros((28, 28), np.float32), render("−", 18)] + [render(str(d), 22) for d in range(10)])


def answer_image(answer: int) -> np.ndarray:
    """The painted answer ``[28, 84]`` in [0, 1]: sign | tens | units.

    Parameters
    ----------
    answer : int
        An answer in -9..81 (anything else raises :class:`ValueError`).

    Returns
    -------
    ndarray ``[28, 84]``
        float32, ink 1: three 28 × 28 slots, the sign slot blank for an answer >= 0 and the tens
        slot blank below 10 in absolute value.
    """
    r = int(_check_answers(np.array([answer]))[0])
    g = _slot_glyphs()
    m = abs(r)
    return np.concatenate([g[1] if r < 0 else g[0], g[2 + m // 10] if m >= 10 else g[0], g[2 + m % 10]], axis=1)


@cache
def _all_answer_images() -> np.ndarray:
    out = np.stack([answer_image(int(r)) for r in ANSWERS])
    out.flags.writeable = False
    return out


def answer_images(answers: np.ndarray | None = None) -> np.ndarray:
    """Painted answers ``[N, 28, 84]`` for integer ``answers`` (default: all 91 of :data:`ANSWERS`).

    Parameters
    ----------
    answers : int array ``[N]``, optional
        Answers in -9..81 (anything else raises :class:`ValueError`); ``None`` for all 91, in the
        order of :data:`ANSWERS`.

    Returns
    -------
    ndarray ``[N, 28, 84]``
        float32 in [0, 1], one :func:`answer_image` per answer (``[91, 28, 84]`` for ``None``); a new
        array, safe to modify.
    """
    table = _all_answer_images()
    if answers is None:
        return table.copy()
    return table[_check_answers(answers) - ANSWERS[0]]


def normalise(images: np.ndarray) -> np.ndarray:
    r"""Images in [0, 1] normalised with the MNIST statistics, :math:`(x - 0.1307) / 0.3081`, as float32.

    Parameters
    ----------
    images : array of any shape
        Pixel values in [0, 1] (ink 1), e.g. ``[N, 28, 28]``.

    Returns
    -------
    ndarray
        float32, the same shape: a blank pixel becomes about -0.42 and full ink about 2.82.
    """
    return ((np.asarray(images, np.float32) - MNIST_MEAN) / MNIST_STD).astype(np.float32)


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
        Row index of the operator image in the source's glyph bank.
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

    def subset(self, idx: np.ndarray) -> Problems:
        """The problems at positions ``idx``.

        Parameters
        ----------
        idx : int array, boolean mask or slice
            Positions to keep, anything that indexes the ``[N]`` fields (e.g. ``np.flatnonzero(p.op == 2)``).

        Returns
        -------
        Problems
            A new set with every field indexed by ``idx``.
        """
        return Problems(*(getattr(self, f)[idx] for f in ("a", "op", "b", "answer", "a_img", "op_img", "b_img")))

    def text(self, i: int) -> str:
        """Problem ``i`` as text, e.g. ``"7 × 8 = 56"``.

        Parameters
        ----------
        i : int
            Position of the problem, in ``0..N-1``.

        Returns
        -------
        str
            ``"a ∘ b = r"`` with the operator character of :data:`~yatlib.arithmetic.glyphs.OPERATORS`
            and the answer as :func:`answer_text` writes it.
        """
        return f"{self.a[i]} {OPERATORS[self.op[i]]} {self.b[i]} = {answer_text(self.answer[i])}"


def sample_problems(n: int, digit_labels: np.ndarray, glyph_labels: np.ndarray, seed: int) -> Problems:
    """Draw ``n`` problems with the operand rule above.

    ``digit_labels`` are the labels of the MNIST split the operand images come
    from; ``glyph_labels`` the operator codes of the glyph bank. Each operand
    and operator image is drawn uniformly among the images of its symbol.

    Parameters
    ----------
    n : int
        Number of problems, at least 1.
    digit_labels : int array ``[M]``
        Digit (0..9) of each MNIST image the operands are drawn from.
    glyph_labels : int array ``[G]``
        Operator code (0..3) of each glyph in the bank.
    seed : int
        Seed of the values and of the images picked; the same seed gives the same problems.

    Returns
    -------
    Problems
        ``n`` problems; ``a_img`` and ``b_img`` index ``digit_labels``, ``op_img`` indexes ``glyph_labels``.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n}.")
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 10, n)
    b = rng.integers(0, 10, n)
    op = rng.integers(0, 4, n)
    redraw = (op == 3) & (b == 0)
    b[redraw] = rng.integers(1, 10, int(redraw.sum()))

    def pick(labels: np.ndarray, values: np.ndarray) -> np.ndarray:
        out = np.empty(len(values), np.int64)
        for v in np.unique(values):
            pool = np.flatnonzero(labels == v)
            if pool.size == 0:
                raise ValueError(f"no image of symbol {v} to draw from.")
            where = np.flatnonzero(values == v)
            out[where] = pool[rng.integers(0, len(pool), len(where))]
        return out

    a, b, op = a.astype(np.int32), b.astype(np.int32), op.astype(np.int32)
    return Problems(
        a, op, b, apply_operator(a, op, b), pick(digit_labels, a), pick(glyph_labels, op), pick(digit_labels, b)
    )


class ProblemSource:
    """The images behind problems: one MNIST split and one bank of operator glyphs, normalised.

    Parameters
    ----------
    split : {"train", "test"}
        MNIST split the operand images come from.
    n_glyphs : int
        Glyphs per operator in the bank.
    clean : bool
        If True every glyph is the clean one (the test set); else all are augmented.
    glyph_seed : int
        Seed of the augmented glyphs.
    """

    def __init__(self, split: str, *, n_glyphs: int = 2000, clean: bool = False, glyph_seed: int = 11):
        if split not in ("train", "test"):
            raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
        self.split = split
        X, self.labels = _data.load("mnist", split)
        self.digits = normalise(X.reshape(-1, 28, 28))
        n = 1 if clean else n_glyphs
        G, self.glyph_labels = operator_glyphs(n, glyph_seed, n_clean=n if clean else 0)
        self.glyphs = normalise(G)

    def problems(self, n: int, seed: int) -> Problems:
        """``n`` seeded problems drawn from this source.

        Parameters
        ----------
        n : int
            Number of problems, at least 1.
        seed : int
            Seed of the problems (:func:`sample_problems`).

        Returns
        -------
        Problems
            Problems whose image indices point into this source's ``digits`` and ``glyphs``.
        """
        return sample_problems(n, self.labels, self.glyph_labels, seed)

    def inputs(self, p: Problems) -> np.ndarray:
        """The three normalised input images ``[N, 3, 28, 28]`` (digit, operator, digit).

        Parameters
        ----------
        p : Problems
            Problems drawn from this source (:meth:`problems`), so their image indices fit it.

        Returns
        -------
        ndarray ``[N, 3, 28, 28]``
            float32, normalised (:func:`normalise`): image of ``a``, of the operator, of ``b``.
        """
        return np.stack([self.digits[p.a_img], self.glyphs[p.op_img], self.digits[p.b_img]], axis=1)
