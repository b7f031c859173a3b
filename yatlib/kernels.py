r"""Kernels as pure, batched functions.

Every kernel takes a batch of inputs ``x`` of shape ``[N, D]`` and a bank of
prototypes ``w`` of shape ``[K, D]`` and returns the matrix ``[N, K]`` of
similarities :math:`K(x_n, w_k)`.

The Yat kernel is

.. math::

    \mathrm{yat}(x, w) = \frac{(w \cdot x + b)^2}{\lVert x - w \rVert^2 + \varepsilon},
    \qquad b \ge 0,\ \varepsilon > 0 .

Its numerator is a degree-2 polynomial kernel (finite feature map), its
denominator an inverse multiquadric; their product is positive semi-definite
(Schur product theorem), so the Yat unit is a Mercer kernel.

Squared distances are computed as :math:`\lVert x\rVert^2 + \lVert w\rVert^2 - 2\,x\cdot w`
(one matmul plus two norm vectors, the cost of a dense layer) and clamped at
zero, so that rounding at :math:`x \approx w` never yields a negative distance
or a division blow-up. Values below the rounding noise of that expansion,
:math:`16\,u\,(\lVert x\rVert^2 + \lVert w\rVert^2)` with :math:`u` the unit
round-off, are set to exactly 0.

The public functions validate their arguments and raise :class:`ValueError`
with a message that says what is wrong. Inside ``jax.jit`` (traced values)
only the shape checks run.
"""

from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.typing import ArrayLike

__all__ = [
    "squared_distances",
    "yat",
    "gaussian",
    "laplace",
    "polynomial",
    "inverse_multiquadric",
    "KERNELS",
    "gram",
]

_HIGHEST = jax.lax.Precision.HIGHEST


def _is_traced(a: object) -> bool:
    return isinstance(a, jax.core.Tracer)


def _as_batch(a: ArrayLike, name: str) -> jax.Array:
    """Convert ``a`` to a float 2-D array ``[rows, D]`` or raise a clear error."""
    if a is None:
        raise ValueError(f"{name} is None; pass an array of shape [rows, features].")
    if not _is_traced(a):
        arr = np.asarray(a)
        if arr.dtype == object or not (
            np.issubdtype(arr.dtype, np.number) or arr.dtype == bool
        ):
            raise ValueError(
                f"{name} must be a numeric array; got dtype {arr.dtype}. "
                "Convert it with np.asarray(..., dtype=np.float32)."
            )
        if np.iscomplexobj(arr):
            raise ValueError(f"{name} must be real-valued; got a complex array.")
    out = jnp.asarray(a)
    if out.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array [rows, features]; got shape {tuple(out.shape)}. "
            "For a single point use x[None, :]."
        )
    if out.shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {tuple(out.shape)}); it needs at least one row.")
    if not jnp.issubdtype(out.dtype, jnp.floating):
        out = out.astype(jnp.float32)
    if not _is_traced(out) and not bool(jnp.isfinite(out).all()):
        raise ValueError(f"{name} contains NaN or infinite values; clean or impute them first.")
    return out


def _pair(x: ArrayLike, w: ArrayLike) -> tuple[jax.Array, jax.Array]:
    xa, wa = _as_batch(x, "x"), _as_batch(w, "w")
    if xa.shape[1] != wa.shape[1]:
        raise ValueError(
            f"feature dimensions differ: x has {xa.shape[1]} features, w has {wa.shape[1]}. "
            "Inputs and prototypes must live in the same space."
        )
    dtype = jnp.result_type(xa.dtype, wa.dtype)
    return xa.astype(dtype), wa.astype(dtype)


def _check_scalar(value: ArrayLike, name: str, *, positive: bool = False, nonneg: bool = False) -> None:
    if _is_traced(value):
        return
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar; got shape {arr.shape}.")
    v = float(arr)
    if not np.isfinite(v):
        raise ValueError(f"{name} must be finite; got {v}.")
    if positive and v <= 0:
        raise ValueError(f"{name} must be > 0; got {v}. It keeps the denominator away from zero.")
    if nonneg and v < 0:
        raise ValueError(f"{name} must be >= 0; got {v}.")


def _sqdist(x: jax.Array, w: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Return (x @ w.T, clamped squared distances); no validation (internal)."""
    dot = jnp.matmul(x, w.T, precision=_HIGHEST)
    x2 = jnp.sum(x * x, axis=-1, keepdims=True)
    w2 = jnp.sum(w * w, axis=-1)
    d2 = x2 + w2 - 2.0 * dot
    # Below the rounding noise of the expansion a distance cannot be told from zero:
    # snap it to 0, so x == w gives exactly the peak (and sqrt(d2) has no spurious offset).
    noise = 16.0 * jnp.finfo(d2.dtype).eps * (x2 + w2)
    return dot, jnp.where(d2 > noise, d2, 0.0)


def squared_distances(x: ArrayLike, w: ArrayLike) -> jax.Array:
    r"""Pairwise squared Euclidean distances :math:`\lVert x_n - w_k\rVert^2`, shape ``[N, K]``.

    Computed as :math:`\lVert x\rVert^2 + \lVert w\rVert^2 - 2\,x w^\top` and clamped at 0.
    """
    xa, wa = _pair(x, w)
    return _sqdist(xa, wa)[1]


def yat_unchecked(x: jax.Array, w: jax.Array, b: ArrayLike, eps: ArrayLike) -> jax.Array:
    """The Yat kernel without argument checks, for use inside jitted layers."""
    dot, d2 = _sqdist(x, w)
    return (dot + b) ** 2 / (d2 + eps)


def yat(x: ArrayLike, w: ArrayLike, *, b: float = 0.0, eps: float = 0.1) -> jax.Array:
    r"""Yat kernel :math:`(w\cdot x + b)^2 / (\lVert x-w\rVert^2 + \varepsilon)`, shape ``[N, K]``.

    Parameters
    ----------
    x : array ``[N, D]``
        Inputs.
    w : array ``[K, D]``
        Prototypes.
    b : float, default 0.0
        Numerator bias, :math:`b \ge 0`.
    eps : float, default 0.1
        Denominator floor, :math:`\varepsilon > 0`. Smaller is sharper; the peak
        value at :math:`x = w` is :math:`(\lVert w\rVert^2 + b)^2/\varepsilon`.
    """
    xa, wa = _pair(x, w)
    _check_scalar(b, "b", nonneg=True)
    _check_scalar(eps, "eps", positive=True)
    return yat_unchecked(xa, wa, b, eps)


def gaussian(x: ArrayLike, w: ArrayLike, *, sigma: float = 1.0) -> jax.Array:
    r"""Gaussian (RBF) kernel :math:`\exp(-\lVert x-w\rVert^2 / 2\sigma^2)`, shape ``[N, K]``."""
    xa, wa = _pair(x, w)
    _check_scalar(sigma, "sigma", positive=True)
    return jnp.exp(-_sqdist(xa, wa)[1] / (2.0 * sigma**2))


def laplace(x: ArrayLike, w: ArrayLike, *, sigma: float = 1.0) -> jax.Array:
    r"""Laplace kernel :math:`\exp(-\lVert x-w\rVert / \sigma)`, shape ``[N, K]``.

    The square root is taken with a tiny floor so that its gradient stays finite at :math:`x = w`.
    """
    xa, wa = _pair(x, w)
    _check_scalar(sigma, "sigma", positive=True)
    d2 = _sqdist(xa, wa)[1]
    dist = jnp.where(d2 > 0, jnp.sqrt(jnp.maximum(d2, 1e-30)), 0.0)
    return jnp.exp(-dist / sigma)


def polynomial(x: ArrayLike, w: ArrayLike, *, degree: int = 2, c: float = 1.0) -> jax.Array:
    r"""Polynomial kernel :math:`(x\cdot w + c)^p`, shape ``[N, K]``.

    It never decays with distance: a unit built on it has no prototype in the geometric sense.
    """
    xa, wa = _pair(x, w)
    if not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"degree must be a positive integer; got {degree!r}.")
    _check_scalar(c, "c", nonneg=True)
    return (jnp.matmul(xa, wa.T, precision=_HIGHEST) + c) ** int(degree)


def inverse_multiquadric(x: ArrayLike, w: ArrayLike, *, eps: float = 1.0, power: float = 0.5) -> jax.Array:
    r"""Inverse multiquadric :math:`(\lVert x-w\rVert^2 + \varepsilon)^{-\beta}`, shape ``[N, K]``.

    With :math:`\beta = 1` it is exactly the Yat denominator; it is positive
    definite for every :math:`\beta > 0` (Schoenberg).
    """
    xa, wa = _pair(x, w)
    _check_scalar(eps, "eps", positive=True)
    _check_scalar(power, "power", positive=True)
    return (_sqdist(xa, wa)[1] + eps) ** (-power)


KERNELS: dict[str, Callable[..., jax.Array]] = {
    "yat": yat,
    "gaussian": gaussian,
    "laplace": laplace,
    "polynomial": polynomial,
    "imq": inverse_multiquadric,
}
"""The kernels by name, for controls that switch between them."""


def gram(x: ArrayLike, kernel: str = "yat", **params: float) -> jax.Array:
    r"""Gram matrix :math:`G_{ij} = K(x_i, x_j)`, shape ``[N, N]``, for a kernel named in :data:`KERNELS`."""
    if kernel not in KERNELS:
        raise ValueError(f"unknown kernel {kernel!r}; choose one of {sorted(KERNELS)}.")
    return KERNELS[kernel](x, x, **params)
