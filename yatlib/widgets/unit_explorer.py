"""Figure F27: naming and footprints of the painting-arithmetic model's units.

Pick a unit (on the map of units, with the slider, previous/next or the arrow keys; filter by
tag): the name of each slot of its prototype, how the library's best-scoring codes voted for it,
and its footprint, drawn in the
browser (unit_explorer.mjs) in the theme's tones. The reader can collect units into a set, to
knock them out in Figure F28.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

from ..arithmetic.glyphs import OPERATORS
from ..arithmetic.naming import SYMBOLS, UnitNames, footprint_slot
from ..images import png_data_uris
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["UnitExplorer"]


class UnitExplorer(YatWidget):
    """F27: pick a unit; shows its slot names, their votes, its tag and its footprint.

    Controls: **show** (all units or those tagged with one operator), the **map of units**
    (click a square, or focus it and use the arrow keys), the **unit** slider, previous/next,
    **add to your set** / **clear your set**, and "save as PNG".

    Parameters
    ----------
    names : UnitNames
        The units' names (the vote of :func:`~yatlib.arithmetic.naming.name_units`).
    prints : array ``[n_units, 28, 84]``
        Footprints in [0, 1].
    background : array ``[28, 84]``
        What the decoder paints with every unit off (to measure where each footprint's ink is).
    alpha : array ``[n_units]``
        Activation each footprint was painted with.
    unit : int
        The unit shown first.
    k : int
        Symbols listed per slot, those with the most votes (a symbol without votes is not listed).
    """

    _esm = bundle("dom.js", "pictures.js", "unit_explorer.mjs")
    names: traitlets.List[Any] = traitlets.List().tag(sync=True)
    nearest: traitlets.List[Any] = traitlets.List().tag(sync=True)
    tag: traitlets.List[Any] = traitlets.List().tag(sync=True)
    operators: traitlets.List[Any] = traitlets.List().tag(sync=True)
    footprints: traitlets.List[Any] = traitlets.List().tag(sync=True)
    ink_slot: traitlets.List[Any] = traitlets.List().tag(sync=True)
    ink_share: traitlets.List[Any] = traitlets.List().tag(sync=True)
    alpha: traitlets.List[Any] = traitlets.List().tag(sync=True)
    unit = traitlets.Int(0).tag(sync=True)
    picked = traitlets.List(traitlets.Int()).tag(sync=True)
    voters = traitlets.Int(0).tag(sync=True)
    quorum = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        names: UnitNames,
        prints: np.ndarray,
        background: np.ndarray,
        alpha: np.ndarray,
        *,
        unit: int = 0,
        k: int = 3,
        **kwargs: Any,
    ) -> None:
        n = len(names.nearest)
        P = np.asarray(prints, np.float32)
        if P.shape != (n, 28, 84):
            raise ValueError(f"prints must be [{n}, 28, 84], one footprint per unit; got {P.shape}.")
        a = np.asarray(alpha, np.float64)
        if a.shape != (n,) or not np.isfinite(a).all():
            raise ValueError(f"alpha must hold {n} finite activations, one per unit; got shape {a.shape}.")
        if not 0 <= unit < n:
            raise ValueError(f"unit must be in 0..{n - 1}; got {unit}.")
        if not 1 <= k <= len(SYMBOLS):
            raise ValueError(f"k must be in 1..{len(SYMBOLS)}; got {k}.")
        votes = np.asarray(names.votes)
        if votes.shape != (n, 3, len(SYMBOLS)):
            raise ValueError(
                f"names.votes must be [{n}, 3, {len(SYMBOLS)}]; got {votes.shape}. "
                "Pass the names from arithmetic.naming.name_units."
            )
        order = np.argsort(-votes, axis=-1, kind="stable")[..., :k]
        nearest = [
            [[{"s": SYMBOLS[j], "d": int(votes[u, s, j])} for j in order[u, s] if votes[u, s, j] > 0] for s in range(3)]
            for u in range(n)
        ]
        tag = names.operator_of()
        slot, share = footprint_slot(P, background)
        super().__init__(
            names=[[SYMBOLS[i] for i in row] for row in names.nearest],
            nearest=nearest,
            tag=[int(t) for t in tag],
            operators=list(OPERATORS),
            footprints=png_data_uris(P.reshape(n, -1), shape=(28, 84)),
            ink_slot=[int(s) for s in slot],
            ink_share=[round(float(v), 4) for v in share],
            alpha=[round(float(v), 4) for v in a],
            unit=unit,
            voters=int(votes[0, 0].sum()) if n else 0,
            quorum=int(names.quorum),
            **kwargs,
        )
