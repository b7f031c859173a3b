r"""Flax NNX modules: the Yat layer, the Yat MLP and a same-shaped ReLU MLP.

A Yat layer holds ``K`` prototypes :math:`w_u \in \mathbb{R}^D` and computes

.. math::

    \phi_u(x) = \frac{(w_u\cdot x + b)^2}{\lVert x - w_u\rVert^2 + \varepsilon},

with no activation function. The two scalars are stored raw and passed
through softplus, :math:`b = \mathrm{softplus}(\tilde b)`,
:math:`\varepsilon = \mathrm{softplus}(\tilde\varepsilon)`, so gradient descent
can never make them negative. By default one :math:`b` and one :math:`\varepsilon` are
shared by the whole layer (as in the article); with ``per_unit=True`` each unit has
its own, :math:`b_u` and :math:`\varepsilon_u`.

The Yat MLP is that layer followed by a linear readout, logits
:math:`= \phi(x) A + c`. The ReLU MLP is ``Linear -> relu -> Linear`` of the
same shape, for comparison.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx
from jax.typing import ArrayLike

from .kernels import yat_unchecked

__all__ = ["YatLayer", "YatMLP", "ReluMLP", "softplus_inverse"]


def softplus_inverse(y: float) -> float:
    r"""Inverse of softplus, :math:`\log(e^y - 1)`, for :math:`y > 0`."""
    if not np.isfinite(y) or y <= 0:
        raise ValueError(f"softplus_inverse needs a finite value > 0; got {y}.")
    return float(np.log(np.expm1(y)))


def _check_input(x: jax.Array, d: int, who: str) -> None:
    if x.ndim != 2 or x.shape[-1] != d:
        raise ValueError(
            f"{who} expects inputs of shape [batch, {d}]; got {tuple(x.shape)}. "
            "Flatten images to vectors first (e.g. X.reshape(len(X), -1))."
        )


def _prototype_array(prototypes: ArrayLike | None, n_units: int, in_features: int, rngs: nnx.Rngs) -> jax.Array:
    if prototypes is None:
        return jax.random.normal(rngs.params(), (n_units, in_features)) / np.sqrt(in_features)
    w = np.asarray(prototypes, dtype=np.float32)
    if w.shape != (n_units, in_features):
        raise ValueError(
            f"prototypes must have shape [n_units, in_features] = [{n_units}, {in_features}]; got {w.shape}."
        )
    if not np.isfinite(w).all():
        raise ValueError("prototypes contain NaN or infinite values.")
    return jnp.asarray(w)


class YatLayer(nnx.Module):
    r"""A bank of ``n_units`` Yat units; output ``[batch, n_units]`` of :math:`\phi_u(x)`.

    Parameters
    ----------
    in_features : int
        Input dimension ``D``.
    n_units : int
        Number of prototypes ``K``.
    rngs : nnx.Rngs
        Used only when ``prototypes`` is None (random normal start).
    prototypes : array ``[K, D]``, optional
        Initial prototypes, e.g. training images or k-means centroids.
    b_init, eps_init : float
        Initial :math:`b > 0` and :math:`\varepsilon > 0` (stored through softplus).
    per_unit : bool, default False
        One :math:`b_u, \varepsilon_u` per unit (shape ``[K]``) instead of one
        scalar of each shared by the layer.
    """

    def __init__(
        self,
        in_features: int,
        n_units: int,
        *,
        rngs: nnx.Rngs,
        prototypes: ArrayLike | None = None,
        b_init: float = 1.0,
        eps_init: float = 1.0,
        per_unit: bool = False,
    ):
        if in_features < 1 or n_units < 1:
            raise ValueError(f"in_features and n_units must be >= 1; got {in_features}, {n_units}.")
        self.in_features = in_features
        self.n_units = n_units
        self.prototypes = nnx.Param(_prototype_array(prototypes, n_units, in_features, rngs))
        self.per_unit = bool(per_unit)
        shape = (n_units,) if self.per_unit else ()
        self.raw_b = nnx.Param(jnp.full(shape, softplus_inverse(b_init), jnp.float32))
        self.raw_eps = nnx.Param(jnp.full(shape, softplus_inverse(eps_init), jnp.float32))

    @property
    def b(self) -> jax.Array:
        """The numerator bias :math:`b = \\mathrm{softplus}(\\tilde b) \\ge 0` (shape ``[K]`` when per unit)."""
        return jax.nn.softplus(self.raw_b[...])

    @property
    def eps(self) -> jax.Array:
        """The denominator floor :math:`\\varepsilon = \\mathrm{softplus}(\\tilde\\varepsilon) > 0` (shape ``[K]`` when per unit)."""
        return jax.nn.softplus(self.raw_eps[...])

    def __call__(self, x: ArrayLike) -> jax.Array:
        x = jnp.asarray(x, jnp.float32)
        _check_input(x, self.in_features, "YatLayer")
        return yat_unchecked(x, self.prototypes[...], self.b, self.eps)


class YatMLP(nnx.Module):
    r"""Yat layer followed by a linear readout: logits :math:`= \phi(x)\,A + c`. No activation function.

    Use :meth:`from_prototypes` for the classifier built by hand (one-hot readout).
    ``per_unit=True`` gives each unit its own :math:`b_u, \varepsilon_u` (see :class:`YatLayer`).
    """

    def __init__(
        self,
        in_features: int,
        n_units: int,
        n_classes: int,
        *,
        rngs: nnx.Rngs,
        prototypes: ArrayLike | None = None,
        b_init: float = 1.0,
        eps_init: float = 1.0,
        per_unit: bool = False,
    ):
        self.yat = YatLayer(in_features, n_units, rngs=rngs, prototypes=prototypes, b_init=b_init, eps_init=eps_init,
                            per_unit=per_unit)
        self.readout = nnx.Linear(n_units, n_classes, rngs=rngs)

    @classmethod
    def from_prototypes(
        cls,
        prototypes: ArrayLike,
        labels: ArrayLike,
        n_classes: int,
        *,
        b: float = 1.0,
        eps: float = 1.0,
        rngs: nnx.Rngs | None = None,
    ) -> "YatMLP":
        r"""Build the classifier by hand: prototypes as given, readout :math:`A_{uc} = 1[\mathrm{class}(u) = c]`, bias 0.

        Its logits are the class sums of :math:`\phi_u(x)` (the sum-vote), with no training.
        """
        w = np.asarray(prototypes, dtype=np.float32)
        lab = np.asarray(labels)
        if w.ndim != 2 or w.shape[0] == 0:
            raise ValueError(f"prototypes must be a non-empty [K, D] array; got shape {w.shape}.")
        if lab.shape != (w.shape[0],):
            raise ValueError(f"labels must have shape [{w.shape[0]}] (one per prototype); got {lab.shape}.")
        if lab.min() < 0 or lab.max() >= n_classes:
            raise ValueError(f"labels must be in 0..{n_classes - 1}; got range {lab.min()}..{lab.max()}.")
        model = cls(w.shape[1], w.shape[0], n_classes, rngs=rngs or nnx.Rngs(0), prototypes=w, b_init=b, eps_init=eps)
        model.readout.kernel[...] = jnp.asarray(np.eye(n_classes, dtype=np.float32)[lab])
        model.readout.bias[...] = jnp.zeros((n_classes,), jnp.float32)
        return model

    def activations(self, x: ArrayLike) -> jax.Array:
        """The hidden activations :math:`\\phi_u(x)`, shape ``[batch, n_units]``."""
        return self.yat(x)

    def __call__(self, x: ArrayLike) -> jax.Array:
        return self.readout(self.yat(x))


class ReluMLP(nnx.Module):
    """``Linear -> relu -> Linear``, the same shape as :class:`YatMLP`, for comparison."""

    def __init__(self, in_features: int, n_units: int, n_classes: int, *, rngs: nnx.Rngs):
        self.in_features = in_features
        self.hidden = nnx.Linear(in_features, n_units, rngs=rngs)
        self.readout = nnx.Linear(n_units, n_classes, rngs=rngs)

    def activations(self, x: ArrayLike) -> jax.Array:
        """The hidden activations :math:`\\max(0, W^\\top x + c)`, shape ``[batch, n_units]``."""
        x = jnp.asarray(x, jnp.float32)
        _check_input(x, self.in_features, "ReluMLP")
        return jax.nn.relu(self.hidden(x))

    def __call__(self, x: ArrayLike) -> jax.Array:
        return self.readout(self.activations(x))
