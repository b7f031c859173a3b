r"""A tiny transformer block in NumPy, opened stage by stage.

One pre-norm-free block on ``N`` tokens of width ``d``:

.. math::

    Q = XW_Q,\quad K = XW_K,\quad V = XW_V,\qquad
    S = \frac{QK^\top}{\sqrt d},\qquad
    a_{ij} = \frac{e^{S_{ij}}}{\sum_l e^{S_{il}}},\qquad
    Z = X + a V,

then per token :math:`H = Z W_1 + \beta_1`, :math:`A = g(H)` (pointwise), :math:`Y = Z + A W_2 + \beta_2`.
Attention is a kernel smoother (each row of :math:`a` sums to 1, so :math:`(a V)_i` is a convex mix
of values); the pointwise :math:`g` is where distances and angles between tokens stop being kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["softmax_rows", "cosine_matrix", "distance_matrix", "TinyBlock", "Stage"]


def softmax_rows(S: ArrayLike) -> np.ndarray:
    r"""Row-wise softmax :math:`a_{ij} = e^{S_{ij} - s_i}/\sum_l e^{S_{il} - s_i}`
    with :math:`s_i = \max_l S_{il}` (stable).

    Parameters
    ----------
    S : array ``[N, M]``
        Scores (any number of leading axes; the softmax runs along the last one).

    Returns
    -------
    numpy.ndarray
        Weights of the same shape, positive, each row summing to 1.
    """
    s = np.asarray(S, dtype=np.float64)
    e = np.exp(s - s.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def cosine_matrix(X: ArrayLike) -> np.ndarray:
    r"""Cosine similarities between rows, :math:`x_i\cdot x_j/(\lVert x_i\rVert\lVert x_j\rVert)`;
    a zero row gives 0.

    Parameters
    ----------
    X : array ``[N, D]``
        One vector per row (e.g. tokens).

    Returns
    -------
    numpy.ndarray ``[N, N]``
        Symmetric, entries in :math:`[-1, 1]`, 1 on the diagonal except for zero rows.
    """
    x = np.asarray(X, dtype=np.float64)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    u = np.divide(x, n, out=np.zeros_like(x), where=n > 0)
    return u @ u.T


def distance_matrix(X: ArrayLike) -> np.ndarray:
    """Euclidean distances between rows, shape ``[N, N]``.

    Parameters
    ----------
    X : array ``[N, D]``
        One vector per row (e.g. tokens).

    Returns
    -------
    numpy.ndarray ``[N, N]``
        :math:`\\lVert x_i - x_j\\rVert`, symmetric, 0 on the diagonal.
    """
    x = np.asarray(X, dtype=np.float64)
    return np.sqrt(np.maximum(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1), 0.0))


@dataclass
class Stage:
    """One step of the block: a title, the formula, named tensors and a note.

    Attributes
    ----------
    title : str
        Short name of the step.
    formula : str
        What it computes, in plain text.
    tensors : dict of str to numpy.ndarray
        The tensors the step shows (2-D; vectors are stored as one column).
    note : str
        What to look at.
    """

    title: str
    formula: str
    tensors: dict[str, np.ndarray] = field(default_factory=dict)
    note: str = ""


_ACTIVATIONS = {
    "relu": lambda h: np.maximum(h, 0.0),
    "gelu": lambda h: 0.5 * h * (1 + np.tanh(np.sqrt(2 / np.pi) * (h + 0.044715 * h**3))),
}


class TinyBlock:
    """A transformer block with random weights (seeded), small enough to print.

    Parameters
    ----------
    d : int
        Token width.
    hidden : int
        Width of the MLP's hidden layer.
    activation : {"relu", "gelu"}
        The pointwise function of the MLP.
    seed : int
        Seed of the weights.
    """

    def __init__(self, d: int = 8, hidden: int = 16, activation: str = "relu", seed: int = 0):
        if d < 1 or hidden < 1:
            raise ValueError(f"d and hidden must be >= 1; got {d}, {hidden}.")
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}; got {activation!r}.")
        rng = np.random.default_rng(seed)
        s = 1 / np.sqrt(d)
        self.d, self.hidden, self.activation = d, hidden, activation
        self.Wq, self.Wk, self.Wv = (rng.standard_normal((d, d)) * s for _ in range(3))
        self.W1 = rng.standard_normal((d, hidden)) * s
        self.b1 = 0.1 * rng.standard_normal(hidden)
        self.W2 = rng.standard_normal((hidden, d)) / np.sqrt(hidden)
        self.b2 = 0.1 * rng.standard_normal(d)

    def _check(self, X: ArrayLike) -> np.ndarray:
        x = np.asarray(X, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.d or x.shape[0] == 0:
            raise ValueError(f"X must have shape [N, {self.d}] with N >= 1; got {x.shape}.")
        return x

    def attention(self, X: ArrayLike) -> dict[str, np.ndarray]:
        """The attention sub-block's tensors: Q, K, V, S, alpha, alpha V and Z = X + alpha V.

        Parameters
        ----------
        X : array ``[N, d]``
            ``N`` tokens (at least one) of the block's width ``d``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``"Q"``, ``"K"``, ``"V"`` ``[N, d]``; scores ``"S"`` and weights ``"alpha"`` ``[N, N]`` (rows
            sum to 1); ``"mix"`` (alpha V) and ``"Z"`` ``[N, d]``.
        """
        x = self._check(X)
        Q, K, V = x @ self.Wq, x @ self.Wk, x @ self.Wv
        S = Q @ K.T / np.sqrt(self.d)
        alpha = softmax_rows(S)
        mix = alpha @ V
        return {"Q": Q, "K": K, "V": V, "S": S, "alpha": alpha, "mix": mix, "Z": x + mix}

    def mlp(self, Z: ArrayLike) -> dict[str, np.ndarray]:
        """The MLP sub-block's tensors: H = Z W1 + b1, A = activation(H), Y = Z + A W2 + b2.

        Parameters
        ----------
        Z : array ``[N, d]``
            ``N`` tokens of the block's width ``d``, usually ``attention(X)["Z"]``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``"H"`` and ``"A"`` ``[N, hidden]``, ``"Y"`` ``[N, d]`` (the block's output).
        """
        z = self._check(Z)
        H = z @ self.W1 + self.b1
        A = _ACTIVATIONS[self.activation](H)
        return {"H": H, "A": A, "Y": z + A @ self.W2 + self.b2}

    def __call__(self, X: ArrayLike) -> np.ndarray:
        return self.mlp(self.attention(X)["Z"])["Y"]

    def stages(self, X: ArrayLike) -> list[Stage]:
        """Every step of the block on ``X``, in order, as :class:`Stage` records.

        Parameters
        ----------
        X : array ``[N, d]``
            ``N`` tokens (at least one) of the block's width ``d``.

        Returns
        -------
        list of Stage
            Eight stages: tokens, queries/keys/values, scores, attention weights, mix of values, and the
            MLP's linear map, pointwise activation and readout.
        """
        x = self._check(X)
        n, d, m = x.shape[0], self.d, self.hidden
        at = self.attention(x)
        ml = self.mlp(at["Z"])
        act = "ReLU" if self.activation == "relu" else "GELU"
        return [
            Stage(
                "Tokens",
                f"X: {n} tokens, each a vector of width {d}",
                {"X": x},
                "The input of the block: one row per token.",
            ),
            Stage(
                "Queries, keys, values",
                "Q = X W_Q,  K = X W_K,  V = X W_V  (three linear maps)",
                {"Q": at["Q"], "K": at["K"], "V": at["V"]},
                "Three linear views of the same tokens. Nothing nonlinear has happened yet.",
            ),
            Stage(
                "Scores",
                f"S = Q Kᵀ / √{d}",
                {"S": at["S"]},
                "Entry (i, j) is the alignment of query i with key j: a similarity between two tokens.",
            ),
            Stage(
                "Attention weights",
                "a = softmax of each row of S",
                {"a": at["alpha"], "row sums": at["alpha"].sum(1, keepdims=True)},
                "exp(q·k/√d) is a positive-definite kernel; normalising each row makes the weights "
                "non-negative with sum 1. Attention is a kernel smoother.",
            ),
            Stage(
                "Mix of values",
                "Z = X + a V",
                {"aV": at["mix"], "Z": at["Z"]},
                "Each output row is a convex mix of the value rows, plus the residual X.",
            ),
            Stage(
                "MLP: linear map",
                f"H = Z W₁ + β₁  (width {d} → {m})",
                {"H": ml["H"]},
                "A linear map and a shift: distances change by a fixed linear rule, angles with it.",
            ),
            Stage(
                f"MLP: pointwise {act}",
                f"A = {act}(H), one coordinate at a time",
                {"A": ml["A"], "cos(H) before": cosine_matrix(ml["H"]), "cos(A) after": cosine_matrix(ml["A"])},
                "The activation sees one coordinate at a time. Compare the cosine matrices: the angles "
                "between tokens change, and zeroed coordinates are lost.",
            ),
            Stage(
                "MLP: readout",
                f"Y = Z + A W₂ + β₂  (width {m} → {d})",
                {"Y": ml["Y"]},
                "The block's output, same shape as X.",
            ),
        ]
