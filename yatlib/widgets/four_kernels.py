r"""Figure F03: Gaussian, Laplace, Yat and polynomial kernels around the same centre ``w``, evaluated at ``x``.

Computed in the browser (four_kernels.mjs, with the shared plane.js, kernels.js and linalg.js),
so every control works in the static book with no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["FourKernels"]


class FourKernels(YatWidget):
    """Figure F03: Gaussian, Laplace, Yat and polynomial kernels around the same centre ``w``, evaluated at ``x``."""

    _esm = bundle("dom.js", "canvas.js", "plane.js", "kernels.js", "four_kernels.mjs")

    w = traitlets.List([1.0, 0.8]).tag(sync=True)
    x = traitlets.List([-0.5, 1.5]).tag(sync=True)

    def __init__(self, w: Sequence[float] = (1.0, 0.8), x: Sequence[float] = (-0.5, 1.5), **kwargs: Any) -> None:
        super().__init__(w=[float(v) for v in w], x=[float(v) for v in x], **kwargs)
