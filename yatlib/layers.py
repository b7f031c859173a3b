r"""Flax NNX modules: the Yat layer, the Yat MLP and a same-shaped ReLU MLP.

A Yat layer holds ``K`` prototypes :math:`w_u \in \mathbb{R}^D` and computes

.. math::

    \phi_u(x) = \frac{(w_u\cdot x + b)^2}{\lVert x - w_u\rVert^2 + \varepsilon},

with :math:`b = \mathrm{softplus}(\tilde b)`, :math:`\varepsilon = \mathrm{softplus}(\tilde\varepsilon)`,
shared by the layer or, with ``per_unit=True``, per unit. The Yat MLP adds a linear readout, logits
:math:`= \phi(x) A + c`; the ReLU MLP is ``Linear -> relu -> Linear`` of the same shape.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx
from jax.typing import ArrayLike

from .kernels import yat_unchecked
from .validation import check_array, check_choice, check_int, check_labels, check_positive, to_jax

__all__ = ["YatLayer", "YatMLP", "ReluMLP", "softplus_inverse"]


def softplus_inverse(y: float, name: str = "value") -> float:
    r"""Inverse of softplus, :math:`\log(e^y - 1)`, for :math:`y > 0`; ``name`` names ``y`` in errors.

    Parameters
    ----------
    y : float
        The value to invert, :math:`y > 0` (a ``ValueError`` otherwise).
    name : str, default "value"
        How ``y`` is named in the error message, e.g. ``"b_init"``.

    Returns
    -------
    float
        The raw parameter :math:`\tilde y` with :math:`\mathrm{softplus}(\tilde y) = y`.
    """
    v = check_positive(y, name, why="It is stored through softplus, which only reaches values > 0.")
    return float(np.log(np.expm1(v)))


_WHY_B = "b is stored through softplus, so it is always > 0; for (almost) no bias use a small value such as 1e-3."
_WHY_EPS = "eps keeps the denominator (distance² + eps) away from zero; 1.0 is a good start."


def _check_input(x: ArrayLike, d: int, who: str) -> jax.Array:
    """Inputs ``[batch, d]``: shape checked always, values (finite) when concrete."""
    out = check_array(x, "x", n_features=d, features_of=f"the {who}'s {d} inputs", who=who)
    return jnp.asarray(out, jnp.float32)


def _prototype_array(prototypes: ArrayLike | None, n_units: int, in_features: int, rngs: nnx.Rngs) -> jax.Array:
    if prototypes is None:
        return jax.random.normal(rngs.params(), (n_units, in_features)) / np.sqrt(in_features)
    w = check_array(prototypes, "prototypes", n_features=in_features, features_of="in_features")
    if w.shape[0] != n_units:
        raise ValueError(
            f"prototypes must have shape [n_units, in_features] = [{n_units}, {in_features}]; got {w.shape}. "
            "Pass one prototype per unit."
        )
    return to_jax(w)


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
        in_features = check_int(in_features, "in_features", low=1, why="It is the number of features per input.")
        n_units = check_int(n_units, "n_units", low=1, why="It is the number of prototypes.")
        raw_b = softplus_inverse(check_positive(b_init, "b_init", why=_WHY_B), "b_init")
        raw_eps = softplus_inverse(check_positive(eps_init, "eps_init", why=_WHY_EPS), "eps_init")
        self.in_features = in_features
        self.n_units = n_units
        self.prototypes = nnx.Param(_prototype_array(prototypes, n_units, in_features, rngs))
        self.per_unit = bool(check_choice(per_unit, "per_unit", (False, True)))
        shape = (n_units,) if self.per_unit else ()
        self.raw_b = nnx.Param(jnp.full(shape, raw_b, jnp.float32))
        self.raw_eps = nnx.Param(jnp.full(shape, raw_eps, jnp.float32))

    @property
    def b(self) -> jax.Array:
        """The numerator bias :math:`b = \\mathrm{softplus}(\\tilde b) \\ge 0` (shape ``[K]`` when per unit)."""
        return jax.nn.softplus(self.raw_b[...])

    @property
    def eps(self) -> jax.Array:
        """The denominator floor :math:`\\varepsilon = \\mathrm{softplus}(\\tilde\\varepsilon) > 0`
        (shape ``[K]`` when per unit)."""
        return jax.nn.softplus(self.raw_eps[...])

    def __call__(self, x: ArrayLike) -> jax.Array:
        x = _check_input(x, self.in_features, "YatLayer")
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
        n_classes = check_int(n_classes, "n_classes", low=1, why="It is the number of outputs (classes).")
        self.yat = YatLayer(
            in_features, n_units, rngs=rngs, prototypes=prototypes, b_init=b_init, eps_init=eps_init, per_unit=per_unit
        )
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
    ) -> YatMLP:
        r"""Build the classifier by hand: prototypes as given,
        readout :math:`A_{uc} = 1[\mathrm{class}(u) = c]`, bias 0.

        Its logits are the class sums of :math:`\phi_u(x)` (the sum-vote), with no training.
        """
        w = check_array(prototypes, "prototypes")
        n_classes = check_int(n_classes, "n_classes", low=1, why="It is the number of classes.")
        lab = check_labels(
            labels, "labels", n=len(w), rows_of="prototypes", n_classes=n_classes, classes_of="n_classes"
        )
        check_positive(b, "b", why=_WHY_B)
        check_positive(eps, "eps", why=_WHY_EPS)
        model = cls(w.shape[1], w.shape[0], n_classes, rngs=rngs or nnx.Rngs(0), prototypes=w, b_init=b, eps_init=eps)
        model.readout.kernel[...] = to_jax(np.eye(n_classes, dtype=np.float32)[lab])
        model.readout.bias[...] = jnp.zeros((n_classes,), jnp.float32)  # type: ignore[index]  # flax: bias optional; built with one
        return model

    def activations(self, x: ArrayLike) -> jax.Array:
        """The hidden activations :math:`\\phi_u(x)`, shape ``[batch, n_units]``.

        Parameters
        ----------
        x : array ``[batch, in_features]``
            Inputs (shape checked always, finite values checked when concrete).

        Returns
        -------
        jax.Array ``[batch, n_units]``
            The Yat layer's outputs, before the readout.
        """
        return self.yat(x)

    def __call__(self, x: ArrayLike) -> jax.Array:
        return self.readout(self.yat(x))


class ReluMLP(nnx.Module):
    """``Linear -> relu -> Linear``, the same shape as :class:`YatMLP`, for comparison."""

    def __init__(self, in_features: int, n_units: int, n_classes: int, *, rngs: nnx.Rngs):
        in_features = check_int(in_features, "in_features", low=1, why="It is the number of features per input.")
        n_units = check_int(n_units, "n_units", low=1, why="It is the number of hidden units.")
        n_classes = check_int(n_classes, "n_classes", low=1, why="It is the number of outputs (classes).")
        self.in_features = in_features
        self.hidden = nnx.Linear(in_features, n_units, rngs=rngs)
        self.readout = nnx.Linear(n_units, n_classes, rngs=rngs)

    def activations(self, x: ArrayLike) -> jax.Array:
        """The hidden activations :math:`\\max(0, W^\\top x + c)`, shape ``[batch, n_units]``.

        Parameters
        ----------
        x : array ``[batch, in_features]``
            Inputs (shape checked always, finite values checked when concrete).

        Returns
        -------
        jax.Array ``[batch, n_units]``
            The hidden layer's outputs after the ReLU, before the readout.
        """
        x = _check_input(x, self.in_features, "ReluMLP")
        return jax.nn.relu(self.hidden(x))

    def __call__(self, x: ArrayLike) -> jax.Array:
        return self.readout(self.activations(x))
