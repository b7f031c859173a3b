"""Figure F27: naming and footprints of the painting-arithmetic model's units.

Pick a unit (slider, previous/next, filter by tag): the name of each slot of its
prototype, how the library's best-scoring codes voted for it, and its footprint,
drawn in the browser (unit_explorer.mjs).
"""

from __future__ import annotations

import anywidget
import numpy as np
import traitlets

from ..arithmetic.naming import SYMBOLS, UnitNames, footprint_slot
from ..images import png_data_uris
from ._bundle import bundle

__all__ = ["UnitExplorer"]


class UnitExplorer(anywidget.AnyWidget):
    """F27: pick a unit (slider, previous/next, filter by tag); shows its slot names, their votes and its footprint.

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
    """

    _esm = bundle("dom.js", "unit_explorer.mjs")
    names = traitlets.List().tag(sync=True)
    nearest = traitlets.List().tag(sync=True)
    tag = traitlets.List().tag(sync=True)
    footprints = traitlets.List().tag(sync=True)
    ink_slot = traitlets.List().tag(sync=True)
    ink_share = traitlets.List().tag(sync=True)
    alpha = traitlets.List().tag(sync=True)
    unit = traitlets.Int(0).tag(sync=True)

    def __init__(self, names: UnitNames, prints: np.ndarray, background: np.ndarray, alpha: np.ndarray,
                 *, unit: int = 0, k: int = 3) -> None:
        n = len(names.nearest)
        if not 0 <= unit < n:
            raise ValueError(f"unit must be in 0..{n - 1}; got {unit}.")
        order = np.argsort(-names.votes, axis=-1, kind="stable")[..., :k]
        nearest = [[[{"s": SYMBOLS[j], "d": int(names.votes[u, s, j])} for j in order[u, s] if names.votes[u, s, j] > 0]
                    for s in range(3)] for u in range(n)]
        tag = names.operator_of()
        slot, share = footprint_slot(prints, background)
        super().__init__(names=[[SYMBOLS[i] for i in row] for row in names.nearest], nearest=nearest,
                         tag=[int(t) for t in tag], footprints=png_data_uris(prints.reshape(n, -1), shape=(28, 84)),
                         ink_slot=[int(s) for s in slot], ink_share=[float(v) for v in share],
                         alpha=[float(a) for a in alpha], unit=unit)
