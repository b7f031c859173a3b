r"""The painting-arithmetic network: shared CNN encoder, one Yat layer, ConvTranspose decoder.

With the three input images :math:`x_a, x_\circ, x_b` and the shared encoder
:math:`E: \mathbb{R}^{28\times 28} \to \mathbb{R}^{64}`,

.. math::

    z = \bigl(E(x_a),\, E(x_\circ),\, E(x_b)\bigr) \in \mathbb{R}^{192}, \qquad
    h_u = \frac{(W_u \cdot z + b)^2}{\lVert z - W_u\rVert^2 + \varepsilon}, \quad u = 1..256,

and the decoder :math:`D` paints the answer image :math:`\sigma(D(h)) \in [0,1]^{28\times 84}`.
The Yat layer is the only nonlinear layer between encoder and decoder, so the
network's whole middle representation is the matrix :math:`W \in \mathbb{R}^{256\times 192}`
and the 256 activations :math:`h`. Each row splits into three 64-d slots,
:math:`W_u = (W_u^{(a)}, W_u^{(\circ)}, W_u^{(b)})`, one per input.

Encoder: conv 2×2/2 (1→32) → ReLU → conv 2×2/2 (32→48) → ReLU → linear 2352→64 →
division by the length (each code has norm 1).
Decoder: linear 256→16·7·21 → ReLU → transposed conv 2×2/2 (16→64) → ReLU →
transposed conv 2×2/2 (64→1), giving logits of shape 28×84.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx
from jax.typing import ArrayLike

from ..kernels import yat_unchecked
from ..layers import YatLayer

__all__ = ["SLOT", "PatchConv", "PatchConvTranspose", "Encoder", "Decoder", "PaintingNet", "count_parameters"]

SLOT = 64
"""Width of each input's embedding (and of each prototype slot)."""


class PatchConv(nnx.Module):
    r"""A 2×2 convolution with stride 2 (no overlap): ``[N, H, W, C] -> [N, H/2, W/2, C']``.

    Written as a reshape and one matrix product, which is the same operation as
    ``nnx.Conv(..., (2, 2), strides=2, padding="VALID")`` but several times
    faster to differentiate on a CPU.
    """

    def __init__(self, c_in: int, c_out: int, *, rngs: nnx.Rngs):
        scale = 1.0 / np.sqrt(4 * c_in)
        self.kernel = nnx.Param(jax.random.normal(rngs.params(), (2, 2, c_in, c_out)) * scale)
        self.bias = nnx.Param(jnp.zeros((c_out,)))

    def __call__(self, x: jax.Array) -> jax.Array:
        n, h, w, c = x.shape
        p = x.reshape(n, h // 2, 2, w // 2, 2, c).transpose(0, 1, 3, 2, 4, 5).reshape(n, h // 2, w // 2, 4 * c)
        return p @ self.kernel[...].reshape(4 * c, -1) + self.bias[...]


class PatchConvTranspose(nnx.Module):
    r"""A 2×2 transposed convolution with stride 2: ``[N, H, W, C] -> [N, 2H, 2W, C']``.

    Each input pixel paints its own 2×2 block of the output,
    :math:`y_{2h+i,\,2w+j} = K_{ij}^	op x_{h,w} + c`, which is what
    ``nnx.ConvTranspose(..., (2, 2), strides=(2, 2), padding="VALID")`` computes
    with the kernel flipped in both spatial axes, written as one matrix product
    and a reshape.
    """

    def __init__(self, c_in: int, c_out: int, *, rngs: nnx.Rngs):
        scale = 1.0 / np.sqrt(c_in)
        self.kernel = nnx.Param(jax.random.normal(rngs.params(), (2, 2, c_in, c_out)) * scale)
        self.bias = nnx.Param(jnp.zeros((c_out,)))

    def __call__(self, x: jax.Array) -> jax.Array:
        n, h, w, c = x.shape
        k = self.kernel[...]
        d = k.shape[-1]
        y = x @ k.transpose(2, 0, 1, 3).reshape(c, 4 * d)
        y = y.reshape(n, h, w, 2, 2, d).transpose(0, 1, 3, 2, 4, 5).reshape(n, 2 * h, 2 * w, d)
        return y + self.bias[...]


class Encoder(nnx.Module):
    r"""Shared CNN encoder: ``[N, 28, 28]`` images to ``[N, 64]`` embeddings of unit length.

    The last step divides by the length, :math:`E(x) = v / \lVert v \rVert`, so every
    slot of :math:`z` lies on the unit sphere and the Yat layer's distances stay of
    order one (without it the codes grow during training and the numerator
    :math:`(W_u \cdot z + b)^2` explodes).
    """

    def __init__(self, *, rngs: nnx.Rngs, width: int = 32, dim: int = SLOT):
        self.c1 = PatchConv(1, width, rngs=rngs)
        self.c2 = PatchConv(width, 48, rngs=rngs)
        self.fc = nnx.Linear(7 * 7 * 48, dim, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = x.reshape(-1, 28, 28, 1)
        h = jax.nn.relu(self.c1(h))
        h = jax.nn.relu(self.c2(h))
        v = self.fc(h.reshape(h.shape[0], -1))
        return v / jnp.sqrt(jnp.sum(v * v, axis=-1, keepdims=True) + 1e-6)


class Decoder(nnx.Module):
    """ConvTranspose decoder: ``[N, 256]`` activations to ``[N, 28, 84]`` pixel logits."""

    def __init__(self, n_units: int, *, rngs: nnx.Rngs, width: int = 64):
        self.fc = nnx.Linear(n_units, 7 * 21 * 16, rngs=rngs)
        self.t1 = PatchConvTranspose(16, width, rngs=rngs)
        self.t2 = PatchConvTranspose(width, 1, rngs=rngs)

    def __call__(self, h: jax.Array) -> jax.Array:
        g = jax.nn.relu(self.fc(h)).reshape(-1, 7, 21, 16)
        g = jax.nn.relu(self.t1(g))
        return self.t2(g).reshape(-1, 28, 84)


class PaintingNet(nnx.Module):
    """Encoder → concatenation (192-d) → one :class:`~yatlib.layers.YatLayer` → decoder.

    Parameters
    ----------
    n_units : int
        Yat units in the trunk (256 in the article).
    rngs : nnx.Rngs
        Initialisation.
    act_scale : float
        Fixed factor applied to the Yat activations before the decoder, so
        their typical size suits the decoder's initial weights.
    """

    def __init__(self, n_units: int = 256, *, rngs: nnx.Rngs, act_scale: float = 0.1):
        self.encoder = Encoder(rngs=rngs)
        self.yat = YatLayer(3 * SLOT, n_units, rngs=rngs)
        self.decoder = Decoder(n_units, rngs=rngs)
        self.n_units = n_units
        self.act_scale = act_scale

    def embed(self, x: ArrayLike) -> jax.Array:
        """The concatenated embedding :math:`z` ``[N, 192]`` of inputs ``[N, 3, 28, 28]``."""
        x = jnp.asarray(x, jnp.float32)
        if x.ndim != 4 or x.shape[1:] != (3, 28, 28):
            raise ValueError(f"inputs must be [N, 3, 28, 28] (digit, operator, digit); got {tuple(x.shape)}.")
        n = x.shape[0]
        return self.encoder(x.reshape(n * 3, 28, 28)).reshape(n, 3 * SLOT)

    def activations(self, x: ArrayLike, prototypes: jax.Array | None = None) -> jax.Array:
        """Trunk activations :math:`h` ``[N, n_units]``, optionally with replaced prototypes."""
        z = self.embed(x)
        w = self.yat.prototypes[...] if prototypes is None else prototypes
        return yat_unchecked(z, w, self.yat.b, self.yat.eps)

    def paint_from_activations(self, h: jax.Array) -> jax.Array:
        """Pixel logits ``[N, 28, 84]`` from trunk activations."""
        return self.decoder(h * self.act_scale)

    def __call__(self, x: ArrayLike, unit_mask: jax.Array | None = None, prototypes: jax.Array | None = None) -> jax.Array:
        """Pixel logits of the painted answer, ``[N, 28, 84]``.

        ``unit_mask`` ``[n_units]`` multiplies the activations (0 knocks a unit
        out); ``prototypes`` replaces :math:`W` (for slot surgery).
        """
        h = self.activations(x, prototypes)
        if unit_mask is not None:
            h = h * unit_mask
        return self.paint_from_activations(h)


def count_parameters(model: nnx.Module) -> int:
    """Number of trainable scalars in ``model``."""
    return int(sum(np.size(v) for v in jax.tree_util.tree_leaves(nnx.state(model, nnx.Param))))
