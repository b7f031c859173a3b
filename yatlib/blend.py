r"""Walking from one item to another across the decision boundary.

The blend of two images :math:`a, b` (uint8 pixels) at :math:`t \in [0, 1]` is

.. math::

    x(t) = \frac{(1 - t)\,a + t\,b}{255},

a straight line in pixel space, along which the prediction :math:`\hat y(x(t))` and the most active
prototype :math:`u^\star(t) = \arg\max_u \phi_u(x(t))` are piecewise constant; the walk records where
each changes. :class:`yatlib.widgets.boundary_walk.BoundaryWalk` draws it in the browser.
"""

from __future__ import annotations

import numpy as np
from jax.typing import ArrayLike

from .neurons import Readout

__all__ = ["blend", "forward", "walk", "changes", "boundary_pairs"]


def blend(a: ArrayLike, b: ArrayLike, t: float) -> np.ndarray:
    """The blend :math:`((1-t)a + tb)/255` of two uint8 images, as float64 in ``[0, 1]``.

    Parameters
    ----------
    a, b : array
        The two images, pixels 0 to 255, of the same shape (e.g. ``[784]``).
    t : float
        Position along the line, in ``[0, 1]``: 0 gives ``a``, 1 gives ``b``.

    Returns
    -------
    ndarray
        The blended image, float64 in ``[0, 1]``, of the images' shape.
    """
    if not 0.0 <= float(t) <= 1.0:
        raise ValueError(f"t must lie in [0, 1]; got {t}.")
    return ((1.0 - t) * np.asarray(a, np.float64) + t * np.asarray(b, np.float64)) / 255.0


def forward(r: Readout, X: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""``(phi [N, K], logits [N, C])`` of the Yat MLP with parameters ``r``, in float64.

    :math:`\phi_u(x) = (w_u\cdot x + b)^2 / (\max(\lVert x - w_u\rVert^2, 0) + \varepsilon)`,
    logits :math:`f(x) = \phi(x) A + \beta`.

    Parameters
    ----------
    r : Readout
        The trained parameters (:func:`yatlib.neurons.readout_of`).
    X : array ``[N, D]`` or ``[D]``
        Inputs scaled to ``[0, 1]`` like the training data; a single input counts as one row.

    Returns
    -------
    phi : ndarray ``[N, K]``
        The activations of the prototypes.
    logits : ndarray ``[N, C]``
        The class scores.
    """
    Xa = np.atleast_2d(np.asarray(X, np.float64))
    W = r.prototypes.astype(np.float64)
    dot = Xa @ W.T
    d2 = np.maximum((Xa**2).sum(1)[:, None] + (W**2).sum(1)[None] - 2 * dot, 0.0)
    phi = (dot + r.b) ** 2 / (d2 + r.eps)
    return phi, phi @ r.weights.astype(np.float64) + r.bias.astype(np.float64)


def walk(r: Readout, a: ArrayLike, b: ArrayLike, n_steps: int = 40) -> dict[str, np.ndarray]:
    """Evaluate the blends at ``t = i / n_steps``, ``i = 0..n_steps``.

    Returns ``{"t", "pred", "top", "logits"}``: the predicted class and the most
    active prototype at each t.

    Parameters
    ----------
    r : Readout
        The trained parameters of the Yat MLP.
    a, b : array ``[D]``
        The start and end images, pixels 0 to 255.
    n_steps : int, default 40
        Number of steps, at least 1; the walk has ``n_steps + 1`` points.

    Returns
    -------
    dict of str to ndarray
        ``t`` ``[n_steps + 1]``, ``pred`` ``[n_steps + 1]`` (the predicted class), ``top``
        ``[n_steps + 1]`` (the index of the most active prototype) and ``logits`` ``[n_steps + 1, C]``.
    """
    if n_steps < 1:
        raise ValueError(f"n_steps must be >= 1; got {n_steps}.")
    ts = np.arange(n_steps + 1) / n_steps
    phi, logits = forward(r, np.stack([blend(a, b, t) for t in ts]))
    return {"t": ts, "pred": logits.argmax(1), "top": phi.argmax(1), "logits": logits}


def changes(seq: ArrayLike) -> np.ndarray:
    """Indices ``i >= 1`` where ``seq[i] != seq[i - 1]``.

    Parameters
    ----------
    seq : array ``[T]``
        A sequence along the walk, e.g. ``walk(...)["pred"]``.

    Returns
    -------
    ndarray of int
        The positions where the value changes, increasing (empty when it never does).
    """
    s = np.asarray(seq)
    return np.flatnonzero(s[1:] != s[:-1]) + 1


def boundary_pairs(labels: ArrayLike, predicted: ArrayLike, n_pairs: int, *, seed: int = 0) -> np.ndarray:
    """``n_pairs`` index pairs ``(i, j)`` of correctly classified items of different classes, ``[n_pairs, 2]``.

    Parameters
    ----------
    labels : array ``[N]``
        The items' true classes.
    predicted : array ``[N]``
        The model's predicted classes; the correct items must span at least two classes.
    n_pairs : int
        Number of pairs to draw.
    seed : int, default 0
        Seed of the draw (``numpy.random.default_rng``).

    Returns
    -------
    ndarray ``[n_pairs, 2]`` of int64
        Item indices; the two of a pair differ, but a pair may be drawn more than once.
    """
    y, p = np.asarray(labels), np.asarray(predicted)
    good = np.flatnonzero(y == p)
    if len(np.unique(y[good])) < 2:
        raise ValueError("need correctly classified items of at least two classes.")
    rng = np.random.default_rng(seed)
    out: list[tuple[int, int]] = []
    while len(out) < n_pairs:
        i, j = rng.choice(good, size=2, replace=False)
        if y[i] != y[j]:
            out.append((int(i), int(j)))
    return np.asarray(out, dtype=np.int64).reshape(-1, 2)
