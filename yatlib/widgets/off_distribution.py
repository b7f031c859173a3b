r"""Figure F11: off-distribution behaviour in 1-D: single units, and the confidence margin of two trained classifiers.

Left, a ReLU pre-activation and a Yat unit along a line; right, the margin
:math:`|f_1(x) - f_0(x)|` of a Yat MLP and a ReLU MLP trained on the band :math:`[-1, 1]`.
The curves come from :func:`yatlib.locality.offdistribution_curves`; a query slider reads all four
at one position.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["OffDistribution"]

_KEYS = ("x", "relu_unit", "yat_unit", "relu_margin", "yat_margin")


class OffDistribution(YatWidget):
    """Figure F11: four curves along a line and a query that reads them.

    Controls: the **query position** and "save as PNG".

    Parameters
    ----------
    curves : mapping
        ``x``, ``relu_unit``, ``yat_unit``, ``relu_margin``, ``yat_margin`` of equal length
        (:func:`yatlib.locality.offdistribution_curves`).
    band : (float, float)
        Where the training data lives (shaded).
    units : int
        Hidden units of each trained classifier (for the panel's title).
    query : float
        The query position shown first.
    """

    _esm = bundle("dom.js", "chart.js", "off_distribution.mjs")
    curves = traitlets.Dict().tag(sync=True)
    band = traitlets.List([-1.0, 1.0]).tag(sync=True)
    units = traitlets.Int(8).tag(sync=True)
    query = traitlets.Float(0.0).tag(sync=True)

    def __init__(
        self,
        curves: Mapping[str, np.ndarray],
        *,
        band: tuple[float, float] = (-1.0, 1.0),
        units: int = 8,
        query: float = 0.0,
        **kwargs: Any,
    ) -> None:
        missing = [k for k in _KEYS if k not in curves]
        if missing:
            raise ValueError(f"curves lacks {missing}: pass the dict of yatlib.locality.offdistribution_curves().")
        arrays = {k: np.asarray(curves[k], np.float64) for k in _KEYS}
        n = len(arrays["x"])
        if (
            n < 2
            or any(a.shape != (n,) for a in arrays.values())
            or not all(np.isfinite(a).all() for a in arrays.values())
        ):
            raise ValueError("every curve must be a finite 1-D array as long as x (at least 2 points).")
        if not arrays["x"][0] <= query <= arrays["x"][-1]:
            raise ValueError(f"query must lie in [{arrays['x'][0]}, {arrays['x'][-1]}]; got {query}.")
        super().__init__(
            curves={k: np.round(a, 4).tolist() for k, a in arrays.items()},
            band=[float(band[0]), float(band[1])],
            units=int(units),
            query=float(query),
            **kwargs,
        )
