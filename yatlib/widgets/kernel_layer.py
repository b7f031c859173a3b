r"""Figure F04: :math:`f(x) = \sum_u \alpha_u \kappa(x, w_u)` for a few Yat units,
with the per-unit contributions at ``x``.

Computed in the browser (kernel_layer.mjs, with the shared plane.js, kernels.js and linalg.js),
so every control works in the static book with no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["KernelLayer"]


class KernelLayer(YatWidget):
    r"""Figure F04: :math:`f(x) = \sum_u \alpha_u \kappa(x, w_u)` for a few Yat units,
    with the per-unit contributions at ``x``."""

    _esm = bundle("dom.js", "canvas.js", "plane.js", "kernels.js", "kernel_layer.mjs")

    prototypes: traitlets.List[Any] = traitlets.List().tag(sync=True)
    alpha: traitlets.List[Any] = traitlets.List().tag(sync=True)
    x = traitlets.List([0.3, 0.2]).tag(sync=True)
    eps = traitlets.Float(0.3).tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)

    def __init__(
        self,
        prototypes: np.ndarray,
        alpha: Sequence[float],
        *,
        x: Sequence[float] = (0.3, 0.2),
        eps: float = 0.3,
        b: float = 1.0,
        **kwargs: Any,
    ) -> None:
        W = np.asarray(prototypes, dtype=np.float64)
        a = np.asarray(alpha, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != 2 or len(W) == 0:
            raise ValueError(f"prototypes must be a non-empty [K, 2] array; got shape {W.shape}.")
        if a.shape != (len(W),):
            raise ValueError(f"alpha needs one value per prototype ({len(W)}); got shape {a.shape}.")
        super().__init__(
            prototypes=W.round(4).tolist(), alpha=a.round(4).tolist(), x=[float(v) for v in x], eps=eps, b=b, **kwargs
        )
