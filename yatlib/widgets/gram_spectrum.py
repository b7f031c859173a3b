r"""Figure F14: eigenvalues of the Yat Gram matrix of random points, next to a similarity that is not a kernel.

Computed in the browser (gram_spectrum.mjs, with the shared plane.js, kernels.js and linalg.js),
so every control works in the static book with no kernel.
"""

from __future__ import annotations

from typing import Any

import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["GramSpectrum"]


class GramSpectrum(YatWidget):
    """Figure F14: eigenvalues of the Yat Gram matrix of random points, next to a similarity that is not a kernel."""

    _esm = bundle("dom.js", "chart.js", "canvas.js", "plane.js", "kernels.js", "linalg.js", "gram_spectrum.mjs")

    n_points = traitlets.Int(20).tag(sync=True)

    def __init__(self, n_points: int = 20, **kwargs: Any) -> None:
        if not 2 <= n_points <= 60:
            raise ValueError(f"n_points must be in 2..60; got {n_points}.")
        super().__init__(n_points=n_points, **kwargs)
