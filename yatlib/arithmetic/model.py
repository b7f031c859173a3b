r"""The painting-arithmetic network: shared CNN encoder, one Yat layer, ConvTranspose decoder.

With the input images :math:`x_a, x_\circ, x_b` and the shared encoder
:math:`E: \mathbb{R}^{28\times 28} \to \mathbb{R}^{64}`,

.. math::

    z = \bigl(E(x_a),\, E(x_\circ),\, E(x_b)\bigr) \in \mathbb{R}^{192}, \qquad
    h_u = \gamma\,\frac{(W_u \cdot z + b_u)^2}{\lVert z - W_u\rVert^2 + \varepsilon}, \quad u = 1..256,

with :math:`\varepsilon = 10^{-5}` fixed and :math:`\gamma` learnable; the decoder paints
:math:`D(h) \in [0,1]^{28\times 84}`. The Yat layer is the only nonlinearity between encoder and
decoder; each row of :math:`W` splits into three 64-d slots :math:`W_u = (W_u^{(a)}, W_u^{(\circ)}, W_u^{(b)})`.
The training-only heads (symbol, modular and slot heads) live here too, used by :mod:`.train`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx
from jax import lax
from jax.typing import ArrayLike

__all__ = [
    "SLOT",
    "EPS",
    "ConvTranspose4",
    "Encoder",
    "YatTrunk",
    "Decoder",
    "Heads",
    "PaintingNet",
    "count_parameters",
]

SLOT = 64
"""Width of each input's code (and of each prototype slot)."""

EPS = 1e-5
r"""The fixed :math:`\varepsilon` of the trunk's denominator."""

# For a 4-tap transposed convolution with stride 2 and "SAME" padding, output 2m
# reads inputs m-1, m with taps 0, 2 and output 2m+1 reads m, m+1 with taps 1, 3.
# Written as a 3-tap window (offsets -1, 0, +1) per output parity:
_TAP = ((0, 2, None), (None, 1, 3))


class ConvTranspose4(nnx.Module):
    r"""Transposed convolution, kernel 4×4, stride 2, "SAME" padding: ``[N, H, W, C] -> [N, 2H, 2W, C']``.

    The same map as ``nnx.ConvTranspose(c_in, c_out, (4, 4), strides=(2, 2), padding="SAME")``,
    computed as one 3×3 convolution to :math:`4C'` channels (one group per output
    pixel parity) followed by a depth-to-space shuffle, which is several times
    faster on a CPU. With 1-D taps :math:`k_0..k_3`, output :math:`2m` is
    :math:`k_0 x_{m-1} + k_2 x_m` and output :math:`2m+1` is :math:`k_1 x_m + k_3 x_{m+1}`.
    """

    def __init__(self, c_in: int, c_out: int, *, rngs: nnx.Rngs):
        init = nnx.initializers.lecun_normal()
        self.kernel = nnx.Param(init(rngs.params(), (4, 4, c_in, c_out)))
        self.bias = nnx.Param(jnp.zeros((c_out,)))

    def window_kernel(self) -> jax.Array:
        """The equivalent 3×3 kernel ``[3, 3, c_in, 4 c_out]`` (parities ``(py, px)`` row-major)."""
        k = self.kernel[...]
        c_in, c_out = k.shape[2], k.shape[3]
        zero = jnp.zeros((c_in, c_out), k.dtype)
        rows = []
        for dy in range(3):
            cols = []
            for dx in range(3):
                parts = [
                    zero if _TAP[py][dy] is None or _TAP[px][dx] is None else k[_TAP[py][dy], _TAP[px][dx]]
                    for py in range(2)
                    for px in range(2)
                ]
                cols.append(jnp.concatenate(parts, axis=-1))
            rows.append(jnp.stack(cols))
        return jnp.stack(rows)

    def __call__(self, x: jax.Array) -> jax.Array:
        n, h, w, _ = x.shape
        c_out = self.kernel.shape[-1]
        y = lax.conv_general_dilated(
            x, self.window_kernel(), (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC")
        )
        y = y.reshape(n, h, w, 2, 2, c_out).transpose(0, 1, 3, 2, 4, 5).reshape(n, 2 * h, 2 * w, c_out)
        return y + self.bias[...]


class Encoder(nnx.Module):
    """Shared CNN encoder: normalised images ``[N, 28, 28]`` to codes ``[N, 64]`` (not normalised)."""

    def __init__(self, *, rngs: nnx.Rngs, dim: int = SLOT):
        self.c1 = nnx.Conv(1, 32, (3, 3), padding="SAME", rngs=rngs)
        self.c2 = nnx.Conv(32, 32, (3, 3), strides=(2, 2), padding="SAME", rngs=rngs)
        self.c3 = nnx.Conv(32, 64, (3, 3), padding="SAME", rngs=rngs)
        self.c4 = nnx.Conv(64, 64, (3, 3), strides=(2, 2), padding="SAME", rngs=rngs)
        self.proj = nnx.Linear(64, dim, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = x.reshape(-1, 28, 28, 1)
        for conv in (self.c1, self.c2, self.c3, self.c4):
            h = jax.nn.gelu(conv(h))
        return self.proj(h.mean(axis=(1, 2)))


class YatTrunk(nnx.Module):
    r"""One Yat layer with a bias per unit, a fixed :math:`\varepsilon` and a learnable scalar :math:`\gamma`.

    :math:`h_u(z) = \gamma\,(W_u\cdot z + b_u)^2
    / (\max(\lVert z\rVert^2 + \lVert W_u\rVert^2 - 2 W_u\cdot z,\, 0) + \varepsilon)`.
    The prototypes ``W [n_units, in_features]`` start Xavier-normal
    (standard deviation :math:`\sqrt{2/(\text{in} + \text{out})}`), the biases at 0, :math:`\gamma` at 1.
    """

    def __init__(self, in_features: int, n_units: int, *, rngs: nnx.Rngs, eps: float = EPS):
        if in_features < 1 or n_units < 1:
            raise ValueError(f"in_features and n_units must be >= 1; got {in_features}, {n_units}.")
        std = np.sqrt(2.0 / (in_features + n_units))
        self.prototypes = nnx.Param(jax.random.normal(rngs.params(), (n_units, in_features)) * std)
        self.bias = nnx.Param(jnp.zeros((n_units,)))
        self.alpha = nnx.Param(jnp.ones(()))
        self.eps = eps
        self.n_units = n_units

    def __call__(self, z: jax.Array, prototypes: jax.Array | None = None) -> jax.Array:
        w = self.prototypes[...] if prototypes is None else prototypes
        return yat_trunk(z, w, self.bias[...], self.alpha[...], self.eps)


def yat_trunk(z: jax.Array, w: jax.Array, bias: jax.Array, alpha: jax.Array, eps: float) -> jax.Array:
    r"""The trunk's activations ``[N, K]`` for codes ``z [N, D]`` and prototypes ``w [K, D]``
    (see :class:`YatTrunk`)."""
    dot = z @ w.T
    d2 = jnp.maximum(jnp.sum(z * z, -1, keepdims=True) + jnp.sum(w * w, -1)[None] - 2.0 * dot, 0.0)
    return alpha * (dot + bias) ** 2 / (d2 + eps)


class Decoder(nnx.Module):
    """ConvTranspose decoder: activations ``[N, n_units]`` to painted answers ``[N, 28, 84]`` in (0, 1)."""

    def __init__(self, n_units: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(n_units, 7 * 21 * 16, rngs=rngs)
        self.t1 = ConvTranspose4(16, 16, rngs=rngs)
        self.c1 = nnx.Conv(16, 16, (3, 3), padding="SAME", rngs=rngs)
        self.t2 = ConvTranspose4(16, 8, rngs=rngs)
        self.c2 = nnx.Conv(8, 1, (3, 3), padding="SAME", rngs=rngs)

    def logits(self, h: jax.Array) -> jax.Array:
        """Pixel logits ``[N, 28, 84]`` (the sigmoid of them is the painting).

        Parameters
        ----------
        h : array ``[N, n_units]``
            Activations of the trunk.

        Returns
        -------
        jax.Array ``[N, 28, 84]``
            One logit per pixel of the painted answer (what phase 3's binary cross-entropy is taken on).
        """
        g = self.fc(h).reshape(-1, 7, 21, 16)
        g = jax.nn.gelu(self.t1(g))
        g = jax.nn.gelu(self.c1(g))
        g = jax.nn.gelu(self.t2(g))
        return self.c2(g)[..., 0]

    def __call__(self, h: jax.Array) -> jax.Array:
        return jax.nn.sigmoid(self.logits(h))


class Heads(nnx.Module):
    """The training-only heads on the trunk's output: modular (mod 2, 5, 11, sign) and slot (sign, tens, units)."""

    SIZES = {"mod2": 2, "mod5": 5, "mod11": 11, "sign": 2, "slot_sign": 2, "slot_tens": 10, "slot_units": 10}

    def __init__(self, n_units: int, *, rngs: nnx.Rngs):
        self.mod2 = nnx.Linear(n_units, 2, rngs=rngs)
        self.mod5 = nnx.Linear(n_units, 5, rngs=rngs)
        self.mod11 = nnx.Linear(n_units, 11, rngs=rngs)
        self.sign = nnx.Linear(n_units, 2, rngs=rngs)
        self.slot_sign = nnx.Linear(n_units, 2, rngs=rngs)
        self.slot_tens = nnx.Linear(n_units, 10, rngs=rngs)
        self.slot_units = nnx.Linear(n_units, 10, rngs=rngs)

    def __call__(self, t: jax.Array) -> dict[str, jax.Array]:
        return {name: getattr(self, name)(t) for name in self.SIZES}


class PaintingNet(nnx.Module):
    """Encoder → concatenation (192-d) → one :class:`YatTrunk` → :class:`Decoder`, plus the training heads.

    Parameters
    ----------
    n_units : int
        Yat units in the trunk (256 in the article).
    rngs : nnx.Rngs
        Initialisation.
    """

    def __init__(self, n_units: int = 256, *, rngs: nnx.Rngs):
        self.encoder = Encoder(rngs=rngs)
        self.symbol_head = nnx.Linear(SLOT, 14, rngs=rngs)
        self.trunk = YatTrunk(3 * SLOT, n_units, rngs=rngs)
        self.heads = Heads(n_units, rngs=rngs)
        self.decoder = Decoder(n_units, rngs=rngs)
        self.n_units = n_units

    def embed(self, x: ArrayLike) -> jax.Array:
        """The concatenated code :math:`z` ``[N, 192]`` of normalised inputs ``[N, 3, 28, 28]``.

        Parameters
        ----------
        x : array ``[N, 3, 28, 28]``
            Normalised input images (digit, operator, digit); any other shape raises :class:`ValueError`.

        Returns
        -------
        jax.Array ``[N, 192]``
            The three 64-d codes of the shared encoder side by side: ``z[:, 0:64]`` of the first digit,
            ``z[:, 64:128]`` of the operator, ``z[:, 128:192]`` of the second digit.
        """
        x = jnp.asarray(x, jnp.float32)
        if x.ndim != 4 or x.shape[1:] != (3, 28, 28):
            raise ValueError(f"inputs must be [N, 3, 28, 28] (digit, operator, digit); got {tuple(x.shape)}.")
        return self.encoder(x.reshape(-1, 28, 28)).reshape(x.shape[0], 3 * SLOT)

    def activations(self, x: ArrayLike, prototypes: jax.Array | None = None) -> jax.Array:
        r"""Trunk activations :math:`h` ``[N, n_units]``, optionally with replaced prototypes.

        Parameters
        ----------
        x : array ``[N, 3, 28, 28]``
            Normalised input images (digit, operator, digit).
        prototypes : array ``[n_units, 192]``, optional
            Used instead of the trunk's :math:`W` for this call (the biases and :math:`\gamma` are
            kept); ``None`` uses the trained prototypes.

        Returns
        -------
        jax.Array ``[N, n_units]``
            The activation :math:`h_u` of every unit for every input.
        """
        return self.trunk(self.embed(x), prototypes)

    def __call__(
        self, x: ArrayLike, unit_mask: jax.Array | None = None, prototypes: jax.Array | None = None
    ) -> jax.Array:
        """The painted answer ``[N, 28, 84]`` in (0, 1).

        ``unit_mask`` ``[n_units]`` multiplies the activations (0 switches a unit
        off); ``prototypes`` replaces :math:`W` (for slot surgery).
        """
        h = self.activations(x, prototypes)
        if unit_mask is not None:
            h = h * unit_mask
        return self.decoder(h)


def count_parameters(model: nnx.Module) -> int:
    """Number of trainable scalars in ``model``.

    Parameters
    ----------
    model : nnx.Module
        Any Flax NNX module, e.g. the whole painter or one part of it (``model.encoder``).

    Returns
    -------
    int
        The total size of its ``nnx.Param`` variables.
    """
    return int(sum(np.size(v) for v in jax.tree_util.tree_leaves(nnx.state(model, nnx.Param))))
