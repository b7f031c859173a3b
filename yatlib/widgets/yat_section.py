r"""Figure F02: the section :math:`x \mapsto \kappa(x, w)` of the Yat kernel,
with :math:`w`, :math:`\varepsilon`, :math:`b` as controls.

Computed in the browser (yat_section.mjs, with the shared plane.js, kernels.js and linalg.js),
so every control works in the static book with no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["YatSection"]


class YatSection(YatWidget):
    r"""Figure F02: the section :math:`x \mapsto \kappa(x, w)` of the Yat kernel,
    with :math:`w`, :math:`\varepsilon`, :math:`b` as controls."""

    _esm = bundle("dom.js", "canvas.js", "plane.js", "kernels.js", "yat_section.mjs")

    w = traitlets.List([1.0, 0.5]).tag(sync=True)
    eps = traitlets.Float(0.1).tag(sync=True)
    b = traitlets.Float(0.0).tag(sync=True)

    def __init__(self, w: Sequence[float] = (1.0, 0.5), eps: float = 0.1, b: float = 0.0, **kwargs: Any) -> None:
        if eps <= 0 or b < 0:
            raise ValueError(f"need eps > 0 and b >= 0; got eps={eps}, b={b}.")
        super().__init__(w=[float(v) for v in w], eps=eps, b=b, **kwargs)
