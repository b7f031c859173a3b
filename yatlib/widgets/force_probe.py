"""Figure F07: the force on a probe prototype, and on a dead ReLU unit.

The widget holds numbers computed by yatlib and draws them in the browser (force_probe.mjs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ..images import float32_b64
from ._base import YatWidget
from ._bundle import bundle
from ._encode import points

__all__ = ["ForceProbe"]


class ForceProbe(YatWidget):
    """The force field on a probe prototype and on a ReLU unit's weights (F07), interpolated in the browser.

    Parameters
    ----------
    yat_forces, relu_forces : array ``[n*n, 2]``
        The force on a probe prototype and on a ReLU unit's weights at each point of
        :func:`yatlib.forces.square_grid` ``(lo, hi, n)``.
    lo, hi : float
        The square ``[lo, hi]²`` of the grid.
    n : int
        Points per side of the grid.
    X, y : arrays ``[N, 2]``, ``[N]``
        The training points and their classes.
    others : array ``[M, 2]``
        The other prototypes, drawn as they are.
    probe : (x, y)
        Where the probe starts.
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "fields.js", "force_probe.mjs")
    lo = traitlets.Float(-2.5).tag(sync=True)
    hi = traitlets.Float(2.5).tag(sync=True)
    n = traitlets.Int(25).tag(sync=True)
    yat_field = traitlets.Unicode("").tag(sync=True)
    relu_field = traitlets.Unicode("").tag(sync=True)
    X: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    y: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    others: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    probe = traitlets.List([1.5, 1.5]).tag(sync=True)

    def __init__(
        self,
        yat_forces: np.ndarray,
        relu_forces: np.ndarray,
        lo: float,
        hi: float,
        n: int,
        X: np.ndarray,
        y: np.ndarray,
        others: np.ndarray,
        probe: Sequence[float] = (1.5, 1.5),
        **kwargs: Any,
    ) -> None:
        for name, F in (("yat_forces", yat_forces), ("relu_forces", relu_forces)):
            if np.asarray(F).shape != (n * n, 2) or not np.isfinite(F).all():
                raise ValueError(f"{name} must be a finite [{n * n}, 2] array.")
        super().__init__(
            lo=lo,
            hi=hi,
            n=n,
            yat_field=float32_b64(yat_forces),
            relu_field=float32_b64(relu_forces),
            X=points(X, 3),
            y=np.asarray(y).tolist(),
            others=points(others, 3),
            probe=list(map(float, probe)),
            **kwargs,
        )
