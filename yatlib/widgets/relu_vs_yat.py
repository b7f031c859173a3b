r"""Figure F01: :math:`\max(0, w\cdot x)` next to :math:`(w\cdot x)^2/(\lVert x-w\rVert^2+\varepsilon)`
for one shared :math:`w`.

Computed in the browser (relu_vs_yat.mjs, with the shared plane.js, kernels.js and linalg.js),
so every control works in the static book with no kernel.
"""

from __future__ import annotations

from typing import Any

import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["ReluVsYat"]


class ReluVsYat(YatWidget):
    r"""Figure F01: :math:`\max(0, w\cdot x)` next to :math:`(w\cdot x)^2/(\lVert x-w\rVert^2+\varepsilon)`
    for one shared :math:`w`.

    Parameters
    ----------
    theta : float
        Angle of :math:`w` in degrees.
    radius : float
        Length :math:`\lVert w\rVert`.
    eps : float
        The Yat unit's :math:`\varepsilon > 0`.
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "kernels.js", "relu_vs_yat.mjs")

    theta = traitlets.Float(30.0).tag(sync=True)
    radius = traitlets.Float(1.5).tag(sync=True)
    eps = traitlets.Float(0.3).tag(sync=True)

    def __init__(self, theta: float = 30.0, radius: float = 1.5, eps: float = 0.3, **kwargs: Any) -> None:
        if eps <= 0 or radius <= 0:
            raise ValueError(f"need eps > 0 and radius > 0; got eps={eps}, radius={radius}.")
        super().__init__(theta=theta, radius=radius, eps=eps, **kwargs)
