"""Figure F28: ablation by name, the change in per-operator accuracy when named units are knocked out."""

from __future__ import annotations

import anywidget
import numpy as np
import traitlets

from ..arithmetic.figures import HOW_LABELS
from ..arithmetic.interventions import HOWS
from ._bundle import bundle

__all__ = ["AblationExplorer"]


class AblationExplorer(anywidget.AnyWidget):
    """F28: choose the operator whose tagged units are knocked out and how; bars of per-operator accuracy.

    Parameters
    ----------
    table : dict
        From :func:`~yatlib.arithmetic.interventions.intervention_table`:
        ``baseline [4]``, ``after [4, 3, 4]``, ``sizes [4]`` and, optionally,
        ``random_draws [4, n_draws, 4]``, whose lowest and highest accuracy per
        operator are drawn as whiskers on the random-rows bars.
    subset, how : int
        The initial choice (operator 0..3; intervention 0 row, 1 slot, 2 random).
    """

    _esm = bundle("dom.js", "arithmetic.js", "ablation_explorer.mjs")
    baseline = traitlets.List().tag(sync=True)
    after = traitlets.List().tag(sync=True)
    sizes = traitlets.List().tag(sync=True)
    how_labels = traitlets.List().tag(sync=True)
    subset = traitlets.Int(2).tag(sync=True)
    how = traitlets.Int(0).tag(sync=True)
    random_low = traitlets.List().tag(sync=True)
    random_high = traitlets.List().tag(sync=True)
    n_draws = traitlets.Int(0).tag(sync=True)

    def __init__(self, table: dict[str, np.ndarray], *, subset: int = 2, how: int = 0) -> None:
        after = np.asarray(table["after"], float)
        if after.shape != (4, len(HOWS), 4):
            raise ValueError(f"table['after'] must be [4, {len(HOWS)}, 4]; got {after.shape}.")
        draws = np.asarray(table.get("random_draws", np.zeros((4, 0, 4))), float)
        if draws.ndim != 3 or draws.shape[0] != 4 or draws.shape[2] != 4:
            raise ValueError(f"table['random_draws'] must be [4, n_draws, 4]; got {draws.shape}.")
        low = draws.min(1) if draws.shape[1] else np.zeros((4, 4))
        high = draws.max(1) if draws.shape[1] else np.zeros((4, 4))
        super().__init__(baseline=[float(v) for v in table["baseline"]], after=[float(v) for v in after.ravel()],
                         sizes=[int(s) for s in table["sizes"]], how_labels=list(HOW_LABELS), subset=subset, how=how,
                         random_low=[float(v) for v in low.ravel()], random_high=[float(v) for v in high.ravel()],
                         n_draws=int(draws.shape[1]))
