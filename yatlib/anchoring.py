r"""The anchoring (clustering) term: a pull of each prototype toward the data.

For a batch :math:`x_1, \dots, x_B` the term added to the loss is

.. math::

    R(W) = \lambda \cdot \frac{1}{K} \sum_{u=1}^{K} \min_{n \le B} \lVert w_u - x_n \rVert_2 ,

the mean distance from each prototype to the nearest batch item (:func:`batch_anchor`), or to the
nearest of a fixed bank such as k-means centres (:func:`bank_anchor`). Its gradient is a pull of
constant strength :math:`\lambda/K` toward that item (the distance, not its square, so far
prototypes are not pulled harder); :math:`\lambda = 0` is the plain run. A regulariser is a
function ``(model, x_batch, y_batch) -> scalar`` that :func:`yatlib.training.fit` adds to the loss;
the model must have a Yat layer at ``model.yat``.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp
from flax import nnx
from jax.typing import ArrayLike

from .validation import check_array, check_nonnegative, to_jax

__all__ = ["nearest_item_distance", "batch_anchor", "bank_anchor"]

_HIGHEST = jax.lax.Precision.HIGHEST


def nearest_item_distance(w: jax.Array, items: jax.Array) -> jax.Array:
    r"""For each row :math:`w_u` of ``w`` ``[K, D]``, :math:`\min_i \lVert w_u - x_i\rVert_2` over ``items`` ``[B, D]``.

    The nearest item is found with the expansion
    :math:`\lVert w\rVert^2 + \lVert x\rVert^2 - 2\,w\cdot x` (one matmul); the
    distance to it is then recomputed directly as :math:`\lVert w_u - x_{n^*}\rVert`,
    so that value and gradient are exact even when a prototype sits on an item.
    Differentiable in ``w`` (the choice of the nearest item is held fixed).
    Returns ``[K]``.

    Parameters
    ----------
    w : jax.Array ``[K, D]``
        The prototypes.
    items : jax.Array ``[B, D]``
        The items (a batch, or a bank of anchors), at least one.

    Returns
    -------
    jax.Array ``[K]``
        Each prototype's Euclidean distance to its nearest item, 0 where it sits on one
        (with gradient 0 there).
    """
    return _nearest_item_distance(w, items)


@jax.jit
def _nearest_item_distance(w: jax.Array, items: jax.Array) -> jax.Array:
    # one compiled program per pair of shapes when called eagerly (inlined inside the jitted training step)
    d2 = (
        jnp.sum(w * w, axis=1)[:, None]
        + jnp.sum(items * items, axis=1)[None, :]
        - 2.0 * jnp.matmul(w, items.T, precision=_HIGHEST)
    )
    nearest = jax.lax.stop_gradient(jnp.argmin(d2, axis=1))
    diff = w - items[nearest]
    sq = jnp.sum(diff * diff, axis=1)
    # sqrt has an infinite slope at 0: take it where the distance is positive, 0 elsewhere
    safe = jnp.where(sq > 0, sq, 1.0)
    return jnp.where(sq > 0, jnp.sqrt(safe), 0.0)


def _check_strength(strength: float) -> float:
    return check_nonnegative(
        strength, "strength", why="It is lambda, the weight of the anchoring term; 0 turns it off."
    )


def _prototypes(model: nnx.Module) -> jax.Array:
    layer = getattr(model, "yat", None)
    if layer is None:
        raise ValueError(f"the anchoring term needs a model with a Yat layer at model.yat; got {type(model).__name__}.")
    return layer.prototypes[...]


def batch_anchor(strength: float) -> Callable[[nnx.Module, jax.Array, jax.Array], jax.Array]:
    r"""The term :math:`\lambda \cdot \mathrm{mean}_u \min_i \lVert w_u - x_i\rVert` over the items of each batch.

    Parameters
    ----------
    strength : float
        :math:`\lambda \ge 0`.

    Returns
    -------
    A regulariser ``(model, x_batch, y_batch) -> scalar`` for :func:`yatlib.training.fit`.
    """
    lam = _check_strength(strength)

    def term(model: nnx.Module, xb: jax.Array, yb: jax.Array) -> jax.Array:
        return lam * jnp.mean(nearest_item_distance(_prototypes(model), xb))

    return term


def bank_anchor(strength: float, bank: ArrayLike) -> Callable[[nnx.Module, jax.Array, jax.Array], jax.Array]:
    r"""The term :math:`\lambda \cdot \mathrm{mean}_u \min_j \lVert w_u - c_j\rVert` over a fixed bank of anchors.

    Parameters
    ----------
    strength : float
        :math:`\lambda \ge 0`.
    bank : array ``[M, D]``
        The anchors :math:`c_j`, e.g. k-means centres of the training data.

    Returns
    -------
    A regulariser ``(model, x_batch, y_batch) -> scalar`` for :func:`yatlib.training.fit`.
    """
    lam = _check_strength(strength)
    anchors = to_jax(check_array(bank, "bank", who="bank_anchor"))

    def term(model: nnx.Module, xb: jax.Array, yb: jax.Array) -> jax.Array:
        w = _prototypes(model)
        if w.shape[1] != anchors.shape[1]:
            raise ValueError(
                f"bank has {anchors.shape[1]} features but the prototypes have {w.shape[1]}; "
                "pass anchors in the prototypes' space (e.g. k-means centres of the training items)."
            )
        return lam * jnp.mean(nearest_item_distance(w, anchors))

    return term
