r"""Figure F10: the kernel trick, made spatial: points lifted by their quadratic score above a flat plane.

For each data set, :func:`yatlib.features.lift_views` fits a plane in the feature space of the Yat
numerator; here each point rises to :math:`t\,s(x)/\max|s|` as the reader raises the lift amount
:math:`t`, riding on the score sheet, while the conic :math:`s(x) = 0` is drawn on the floor. The
scores are computed in Python; the browser only scales them by :math:`t` and draws the 3-D view
(which the reader turns with the pointer or the arrow keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ..features import LiftView
from ._base import YatWidget
from ._bundle import bundle
from ._encode import points

__all__ = ["FeatureLift"]


class FeatureLift(YatWidget):
    """Figure F10: data sets lifted by their plane in feature space, in a 3-D view.

    Controls: the **data set** (buttons), the **lift amount** :math:`t \\in [0, 1]`, the view
    (drag, or arrow keys on the picture; "reset the view") and "save as PNG".

    Parameters
    ----------
    views : sequence of LiftView
        From :func:`yatlib.features.lift_views`.
    lim : float
        The picture shows ``[-lim, lim]²`` (the views' sheet grid must span it).
    lift : float
        The lift amount shown first.
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "feature_lift.mjs")
    views: traitlets.List[Any] = traitlets.List().tag(sync=True)
    lim = traitlets.Float(2.0).tag(sync=True)
    floor = traitlets.Float(-1.25).tag(sync=True)
    lift = traitlets.Float(0.0).tag(sync=True)
    dataset = traitlets.Int(0).tag(sync=True)

    def __init__(self, views: Sequence[LiftView], *, lim: float = 2.0, lift: float = 0.0, **kwargs: Any) -> None:
        if not views:
            raise ValueError("views is empty: pass the list returned by yatlib.features.lift_views().")
        if not 0.0 <= lift <= 1.0:
            raise ValueError(f"lift must be between 0 and 1; got {lift}.")
        packed = []
        for v in views:
            if not isinstance(v, LiftView):
                raise ValueError(
                    f"views must hold LiftView records (yatlib.features.lift_views); got {type(v).__name__}."
                )
            n = len(v.grid)
            if v.sheet.shape != (n, n):
                raise ValueError(f"{v.name}: the sheet must be [{n}, {n}]; got {v.sheet.shape}.")
            packed.append(
                {
                    "name": v.name,
                    "X": points(v.X, 3),
                    "y": np.asarray(v.y).astype(int).tolist(),
                    "height": np.round(v.height, 4).tolist(),
                    "grid": np.round(v.grid, 4).tolist(),
                    "sheet": np.round(v.sheet, 3).ravel().tolist(),
                    "conic": [points(c, 3) for c in v.conic],
                    "accuracy": float(v.accuracy),
                }
            )
        super().__init__(views=packed, lim=float(lim), lift=float(lift), **kwargs)
