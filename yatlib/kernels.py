r"""Kernels as pure, batched functions: inputs ``x [N, D]`` and prototypes ``w [K, D]`` give ``[N, K]``.

The Yat kernel is

.. math::

    \mathrm{yat}(x, w) = \frac{(w \cdot x + b)^2}{\lVert x - w \rVert^2 + \varepsilon},
    \qquad b \ge 0,\ \varepsilon > 0 ,

a degree-2 polynomial kernel times an inverse multiquadric, so a Mercer kernel (Schur product
theorem); its maximum is in :mod:`yatlib.kernel_maximum`. Squared distances use
:math:`\lVert x\rVert^2 + \lVert w\rVert^2 - 2\,x\cdot w`, except where
:math:`\lVert x - w\rVert^2 \le 2^{-6}(\lVert x\rVert^2 + \lVert w\rVert^2)`: there
:math:`\sum_d (x_d - w_d)^2` (custom VJP), so :math:`x = w` gives exactly 0. Gradients are reverse
mode only; arguments are checked by :mod:`yatlib.validation` (inside ``jax.jit``, shapes only).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import jax
import jax.numpy as jnp
from jax.typing import ArrayLike

from .validation import check_array, check_int, check_nonnegative, check_positive, to_jax

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


def _as_batch(a: ArrayLike, name: str) -> jax.Array:
    """Convert ``a`` to a float 2-D array ``[rows, D]`` or raise a clear error."""
    out = to_jax(check_array(a, name, dtype=None))
    if not jnp.issubdtype(out.dtype, jnp.floating):
        out = out.astype(jnp.float32)
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


_NEAR = 2.0**-6
r"""A pair is *near* when its expanded squared distance is at most this fraction of
:math:`\lVert x\rVert^2 + \lVert w\rVert^2`; its distance is then recomputed directly."""


def _expansion(x: jax.Array, w: jax.Array) -> tuple[jax.Array, jax.Array, jax.Array]:
    dot = jnp.matmul(x, w.T, precision=_HIGHEST)
    x2 = jnp.sum(x * x, axis=-1, keepdims=True)
    w2 = jnp.sum(w * w, axis=-1)
    d2 = x2 + w2 - 2.0 * dot
    return dot, jnp.maximum(d2, 0.0), d2 <= _NEAR * (x2 + w2)


def _each_near_pair(near: jax.Array, step: Callable, carry: object) -> object:
    """``carry = step(carry, k, valid)`` once per rank: ``k[n]`` is the next near prototype of row ``n``.

    Runs as many rounds as the largest number of near prototypes of any row
    (zero rounds, one cheap test, when no pair is near).
    """
    rows = jnp.arange(near.shape[0])

    def body(state: tuple) -> tuple:
        remaining, c = state
        k = jnp.argmax(remaining, axis=1)
        valid = remaining[rows, k]
        return remaining.at[rows, k].set(False), step(c, k, valid)

    return jax.lax.while_loop(lambda state: state[0].any(), body, (near, carry))[1]


@jax.custom_vjp
def _dot_sqdist(x: jax.Array, w: jax.Array) -> tuple[jax.Array, jax.Array]:
    return _dot_sqdist_fwd(x, w)[0]


def _dot_sqdist_fwd(x: jax.Array, w: jax.Array) -> tuple[tuple[jax.Array, jax.Array], tuple]:
    dot, d2, near = _expansion(x, w)
    rows = jnp.arange(x.shape[0])

    def exact(d2: jax.Array, k: jax.Array, valid: jax.Array) -> jax.Array:
        diff = x - w[k]
        return d2.at[rows, k].set(jnp.where(valid, jnp.sum(diff * diff, axis=-1), d2[rows, k]))

    return (dot, _each_near_pair(near, exact, d2)), (x, w, near)  # type: ignore[return-value]  # the carry: d2


def _dot_sqdist_bwd(res: tuple, cts: tuple[jax.Array, jax.Array]) -> tuple[jax.Array, jax.Array]:
    x, w, near = res
    g_dot, g_d2 = cts
    g_far = jnp.where(near, 0.0, g_d2)
    m = g_dot - 2.0 * g_far
    gx = jnp.matmul(m, w, precision=_HIGHEST) + 2.0 * g_far.sum(1)[:, None] * x
    gw = jnp.matmul(m.T, x, precision=_HIGHEST) + 2.0 * g_far.sum(0)[:, None] * w
    rows = jnp.arange(x.shape[0])

    def exact(carry: tuple, k: jax.Array, valid: jax.Array) -> tuple:
        gx, gw = carry
        t = 2.0 * jnp.where(valid, g_d2[rows, k], 0.0)[:, None] * (x - w[k])
        return gx + t, gw.at[k].add(-t)

    return _each_near_pair(near, exact, (gx, gw))  # type: ignore[return-value]  # the carry: (gx, gw)


_dot_sqdist.defvjp(_dot_sqdist_fwd, _dot_sqdist_bwd)


_dot_sqdist_jit = jax.jit(_dot_sqdist)


def _sqdist(x: jax.Array, w: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Return ``(x @ w.T, squared distances)``, exact for near pairs; no validation (internal).

    Compiled once per pair of shapes, so eager calls stay fast (inside ``jax.jit`` it is inlined).
    """
    return _dot_sqdist_jit(x, w)


def squared_distances(x: ArrayLike, w: ArrayLike) -> jax.Array:
    r"""Pairwise squared Euclidean distances :math:`\lVert x_n - w_k\rVert^2`, shape ``[N, K]``.

    Computed as :math:`\lVert x\rVert^2 + \lVert w\rVert^2 - 2\,x w^\top` where that is well
    conditioned and directly as :math:`\sum_d (x_d - w_d)^2` for near pairs (see the module
    docstring); never negative, exactly 0 at :math:`x = w`.

    Parameters
    ----------
    x : array ``[N, D]``
        Inputs (integer arrays are converted to float32).
    w : array ``[K, D]``
        Prototypes, in the same ``D``-dimensional space as ``x``.

    Returns
    -------
    jax.Array ``[N, K]``
        :math:`\lVert x_n - w_k\rVert^2`, in the common float dtype of ``x`` and ``w``.
    """
    xa, wa = _pair(x, w)
    return _sqdist(xa, wa)[1]


# The elementwise tail of each kernel, on the (dot, squared distance) of _sqdist, as one compiled
# program: called eagerly, each of its array operations would otherwise be compiled on its own for
# every new shape (each compilation costs more than evaluating a small batch). Inside jax.jit they are
# inlined. The scalars are traced, so a new b, eps or sigma does not compile again. _sqdist stays a
# program of its own, shared by all the kernels.


@jax.jit
def _yat_tail(dot: jax.Array, d2: jax.Array, b: ArrayLike, eps: ArrayLike) -> jax.Array:
    return (dot + b) ** 2 / (d2 + eps)


@jax.jit
def _gaussian_tail(d2: jax.Array, two_sigma2: ArrayLike) -> jax.Array:
    return jnp.exp(-d2 / two_sigma2)


@jax.jit
def _laplace_tail(d2: jax.Array, sigma: ArrayLike) -> jax.Array:
    dist = jnp.where(d2 > 0, jnp.sqrt(jnp.maximum(d2, 1e-30)), 0.0)
    return jnp.exp(-dist / sigma)


@functools.partial(jax.jit, static_argnames="degree")
def _polynomial_jit(x: jax.Array, w: jax.Array, c: ArrayLike, degree: int) -> jax.Array:
    return (jnp.matmul(x, w.T, precision=_HIGHEST) + c) ** degree


@jax.jit
def _imq_tail(d2: jax.Array, eps: float, power: float) -> jax.Array:
    return (d2 + eps) ** (-power)


def yat_unchecked(x: jax.Array, w: jax.Array, b: ArrayLike, eps: ArrayLike) -> jax.Array:
    """The Yat kernel without argument checks, for use inside jitted layers."""
    return _yat_tail(*_sqdist(x, w), b, eps)


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
        Denominator floor, :math:`\varepsilon > 0`. Smaller is sharper. The value at
        :math:`x = w` is :math:`(\lVert w\rVert^2 + b)^2/\varepsilon`; the largest value,
        :math:`\lVert w\rVert^2` higher, is reached just beyond :math:`w` (:func:`yatlib.kernel_maximum.yat_maximum`).
    """
    xa, wa = _pair(x, w)
    check_nonnegative(b, "b", why="The numerator bias b keeps (w·x + b)² from vanishing; use 0 for none.")
    check_positive(eps, "eps", why="It keeps the denominator away from zero; try 0.1.")
    return yat_unchecked(xa, wa, b, eps)


def gaussian(x: ArrayLike, w: ArrayLike, *, sigma: float = 1.0) -> jax.Array:
    r"""Gaussian (RBF) kernel :math:`\exp(-\lVert x-w\rVert^2 / 2\sigma^2)`, shape ``[N, K]``.

    Parameters
    ----------
    x : array ``[N, D]``
        Inputs.
    w : array ``[K, D]``
        Prototypes.
    sigma : float, default 1.0
        Width :math:`\sigma > 0`: the value falls to :math:`e^{-1/2}` at distance :math:`\sigma`.

    Returns
    -------
    jax.Array ``[N, K]``
        Kernel values in :math:`(0, 1]`, exactly 1 at :math:`x = w`.
    """
    xa, wa = _pair(x, w)
    check_positive(sigma, "sigma", why="It is the kernel's width; try 1.0.")
    return _gaussian_tail(_sqdist(xa, wa)[1], 2.0 * sigma**2)


def laplace(x: ArrayLike, w: ArrayLike, *, sigma: float = 1.0) -> jax.Array:
    r"""Laplace kernel :math:`\exp(-\lVert x-w\rVert / \sigma)`, shape ``[N, K]``.

    The square root is taken with a tiny floor so that its gradient stays finite at :math:`x = w`.

    Parameters
    ----------
    x : array ``[N, D]``
        Inputs.
    w : array ``[K, D]``
        Prototypes.
    sigma : float, default 1.0
        Width :math:`\sigma > 0`: the value falls to :math:`e^{-1}` at distance :math:`\sigma`.

    Returns
    -------
    jax.Array ``[N, K]``
        Kernel values in :math:`(0, 1]`, exactly 1 at :math:`x = w`.
    """
    xa, wa = _pair(x, w)
    check_positive(sigma, "sigma", why="It is the kernel's width; try 1.0.")
    return _laplace_tail(_sqdist(xa, wa)[1], sigma)


def polynomial(x: ArrayLike, w: ArrayLike, *, degree: int = 2, c: float = 1.0) -> jax.Array:
    r"""Polynomial kernel :math:`(x\cdot w + c)^p`, shape ``[N, K]``.

    It never decays with distance: a unit built on it has no prototype in the geometric sense.

    Parameters
    ----------
    x : array ``[N, D]``
        Inputs.
    w : array ``[K, D]``
        Prototypes.
    degree : int, default 2
        The exponent :math:`p \ge 1` (2 gives the Yat numerator).
    c : float, default 1.0
        Offset :math:`c \ge 0` added to the dot product.

    Returns
    -------
    jax.Array ``[N, K]``
        :math:`(x_n \cdot w_k + c)^p`.
    """
    xa, wa = _pair(x, w)
    degree = check_int(
        degree, "degree", low=1, why="The polynomial degree is a positive integer (2 for the Yat numerator)."
    )
    check_nonnegative(c, "c")
    return _polynomial_jit(xa, wa, c, degree=int(degree))


def inverse_multiquadric(x: ArrayLike, w: ArrayLike, *, eps: float = 1.0, power: float = 0.5) -> jax.Array:
    r"""Inverse multiquadric :math:`(\lVert x-w\rVert^2 + \varepsilon)^{-\beta}`, shape ``[N, K]``.

    With :math:`\beta = 1` it is exactly the Yat denominator; it is positive
    definite for every :math:`\beta > 0` (Schoenberg).

    Parameters
    ----------
    x : array ``[N, D]``
        Inputs.
    w : array ``[K, D]``
        Prototypes.
    eps : float, default 1.0
        :math:`\varepsilon > 0`, keeps the value finite at :math:`x = w`; smaller is sharper.
    power : float, default 0.5
        The exponent :math:`\beta > 0` (0.5 is the classical multiquadric choice).

    Returns
    -------
    jax.Array ``[N, K]``
        Kernel values, largest (:math:`\varepsilon^{-\beta}`) at :math:`x = w`.
    """
    xa, wa = _pair(x, w)
    check_positive(eps, "eps", why="It keeps the denominator away from zero; try 1.0.")
    check_positive(power, "power", why="The exponent beta must be > 0; 0.5 is the classical choice.")
    return _imq_tail(_sqdist(xa, wa)[1], eps, power)


KERNELS: dict[str, Callable[..., jax.Array]] = {
    "yat": yat,
    "gaussian": gaussian,
    "laplace": laplace,
    "polynomial": polynomial,
    "imq": inverse_multiquadric,
}
"""The kernels by name, for controls that switch between them."""


def gram(x: ArrayLike, kernel: str = "yat", **params: float) -> jax.Array:
    r"""Gram matrix :math:`G_{ij} = \kappa(x_i, x_j)`, shape ``[N, N]``, for a kernel named in :data:`KERNELS`.

    Parameters
    ----------
    x : array ``[N, D]``
        The points, used both as inputs and as prototypes.
    kernel : str, default ``"yat"``
        A key of :data:`KERNELS`: ``"yat"``, ``"gaussian"``, ``"laplace"``, ``"polynomial"`` or ``"imq"``.
    **params : float
        The kernel's keyword arguments (e.g. ``eps=0.1`` for ``"yat"``, ``sigma=1.0`` for ``"gaussian"``);
        unset ones take the kernel's defaults.

    Returns
    -------
    jax.Array ``[N, N]``
        The Gram matrix (symmetric for every kernel of :data:`KERNELS`).
    """
    if kernel not in KERNELS:
        raise ValueError(f"unknown kernel {kernel!r}; kernel must be one of {sorted(KERNELS)}.")
    return KERNELS[kernel](x, x, **params)
