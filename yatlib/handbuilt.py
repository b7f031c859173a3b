r"""The classifier built by hand, studied as the number of prototypes grows (Part II, chapter 1).

Twenty k-means centroids are fitted once per class and ordered by cluster
size; "``n`` prototypes per class" means the ``n`` largest clusters of each
class, so growing ``n`` adds prototypes one at a time, the most representative
first. The activations :math:`\phi_u(x)` of all prototypes on the test set are
computed once; each count then only selects columns, so evaluating a count
costs a column selection and two arg-maxes, not a new kernel evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from jax.typing import ArrayLike

from .kernels import yat
from .prototypes import nearest_prototype, sum_vote

__all__ = ["CountSweep", "select_first", "accuracy_at", "sweep_counts"]


def select_first(labels: ArrayLike, n: int) -> np.ndarray:
    """Indices of the first ``n`` prototypes of every class (prototypes grouped per class, in order)."""
    lab = np.asarray(labels)
    if lab.ndim != 1 or len(lab) == 0:
        raise ValueError("labels must be a non-empty 1-D array, one class per prototype.")
    counts = np.bincount(lab)
    if n < 1 or n > counts[counts > 0].min():
        raise ValueError(f"n must be between 1 and {counts[counts > 0].min()} (the prototypes per class); got {n}.")
    return np.concatenate([np.flatnonzero(lab == c)[:n] for c in np.unique(lab)])


def accuracy_at(phi: np.ndarray, labels: ArrayLike, y: ArrayLike, n: int, n_classes: int) -> tuple[float, float]:
    """Sum-vote and nearest-prototype accuracy using the first ``n`` prototypes of each class.

    ``phi`` is the activation matrix ``[N, K]`` of all prototypes on the items ``y``.
    """
    lab, ya = np.asarray(labels), np.asarray(y)
    if phi.shape != (len(ya), len(lab)):
        raise ValueError(f"phi must be [items, prototypes] = [{len(ya)}, {len(lab)}]; got {phi.shape}.")
    sel = select_first(lab, n)
    sub, sub_lab = phi[:, sel], lab[sel]
    return (float((sum_vote(sub, sub_lab, n_classes) == ya).mean()),
            float((nearest_prototype(sub, sub_lab) == ya).mean()))


@dataclass(frozen=True)
class CountSweep:
    """Test accuracy of the hand-built classifier for each count of prototypes per class."""

    counts: np.ndarray
    sum_vote: np.ndarray
    nearest: np.ndarray


def sweep_counts(
    prototypes: ArrayLike,
    labels: ArrayLike,
    X: ArrayLike,
    y: ArrayLike,
    *,
    b: float = 0.5,
    eps: float = 0.05,
    batch_size: int = 2000,
) -> CountSweep:
    r"""Accuracy of the sum-vote and the nearest-prototype rule for every count 1..per-class.

    Computes :math:`\phi = \mathrm{yat}(X, W; b, \varepsilon)` once, then evaluates each count.
    """
    W = np.asarray(prototypes, np.float32)
    lab = np.asarray(labels)
    Xa = np.asarray(X, np.float32)
    if len(W) != len(lab):
        raise ValueError(f"{len(W)} prototypes but {len(lab)} labels.")
    phi = np.concatenate([np.asarray(yat(Xa[i : i + batch_size], W, b=b, eps=eps))
                          for i in range(0, len(Xa), batch_size)])
    n_classes = int(max(lab.max(), np.max(y)) + 1)
    per_class = int(np.bincount(lab)[np.bincount(lab) > 0].min())
    counts = np.arange(1, per_class + 1)
    acc = np.array([accuracy_at(phi, lab, y, int(n), n_classes) for n in counts])
    return CountSweep(counts, acc[:, 0], acc[:, 1])
