"""Figure F28: ablation by name, the change in per-operator accuracy when named units are knocked out.

The four operator subsets (the units tagged +, −, ×, ÷) under the three interventions are
precomputed (:func:`yatlib.arithmetic.interventions.intervention_table`), so the static book
offers them; the random rows are the mean of several draws, with whiskers from the lowest to the
highest draw. With a kernel, the reader can knock out any set of units (typed, or collected in
Figure F27), measured by :func:`yatlib.arithmetic.interventions.knockout_function` on the same
test problems and reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import traitlets

from ..arithmetic.figures import HOW_LABELS
from ..arithmetic.glyphs import OPERATORS
from ..arithmetic.interventions import HOWS
from ..arithmetic.naming import UnitNames
from ._base import Progress, YatWidget
from ._bundle import bundle

__all__ = ["AblationExplorer"]


class AblationExplorer(YatWidget):
    """F28: choose whose units are knocked out and how; bars of per-operator accuracy before and after.

    Controls: **knock out** (the units tagged with one operator, or units you pick), **how**
    (whole row, operator slot only, random rows of the same number), the **unit numbers** box
    with **knock them out** (needs a kernel), and "save as PNG".

    Parameters
    ----------
    table : dict
        From :func:`~yatlib.arithmetic.interventions.intervention_table`:
        ``baseline [4]``, ``after [4, 3, 4]``, ``sizes [4]`` and, optionally,
        ``random_draws [4, n_draws, 4]``, whose lowest and highest accuracy per
        operator are drawn as whiskers on the random-rows bars.
    names : UnitNames, optional
        The units' names, to list the units of each subset and name the units the reader picks.
    subset, how : int
        The initial choice (operator 0..3; intervention 0 row, 1 slot, 2 random).
    n_random : int
        Random draws averaged in the random rows (as in the table and the live path).
    compute : callable, optional
        The live path, :func:`yatlib.arithmetic.interventions.knockout_function` (used only
        when a kernel is connected).
    """

    _esm = bundle("dom.js", "chart.js", "live.js", "arithmetic.js", "ablation_explorer.mjs")
    baseline: traitlets.List[Any] = traitlets.List().tag(sync=True)
    after: traitlets.List[Any] = traitlets.List().tag(sync=True)
    sizes: traitlets.List[Any] = traitlets.List().tag(sync=True)
    how_labels: traitlets.List[Any] = traitlets.List().tag(sync=True)
    operators: traitlets.List[Any] = traitlets.List().tag(sync=True)
    n_units = traitlets.Int(0).tag(sync=True)
    unit_labels: traitlets.List[Any] = traitlets.List().tag(sync=True)
    tagged: traitlets.List[Any] = traitlets.List().tag(sync=True)
    subset = traitlets.Int(2).tag(sync=True)
    how = traitlets.Int(0).tag(sync=True)
    units = traitlets.List(traitlets.Int()).tag(sync=True)
    n_random = traitlets.Int(20).tag(sync=True)
    random_low: traitlets.List[Any] = traitlets.List().tag(sync=True)
    random_high: traitlets.List[Any] = traitlets.List().tag(sync=True)
    n_draws = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        table: dict[str, np.ndarray],
        *,
        names: UnitNames | None = None,
        subset: int = 2,
        how: int = 0,
        n_random: int = 20,
        compute: Callable[[dict, Progress], dict] | None = None,
        **kwargs: Any,
    ) -> None:
        after = np.asarray(table["after"], float)
        base = np.asarray(table["baseline"], float)
        if after.shape != (len(OPERATORS), len(HOWS), len(OPERATORS)):
            raise ValueError(
                f"table['after'] must be [{len(OPERATORS)}, {len(HOWS)}, {len(OPERATORS)}]; got {after.shape}."
            )
        if base.shape != (len(OPERATORS),) or not (np.isfinite(base).all() and np.isfinite(after).all()):
            raise ValueError(
                f"table['baseline'] must hold {len(OPERATORS)} finite accuracies, and table['after'] finite ones."
            )
        draws = np.asarray(table.get("random_draws", np.zeros((len(OPERATORS), 0, len(OPERATORS)))), float)
        if draws.ndim != 3 or draws.shape[0] != len(OPERATORS) or draws.shape[2] != len(OPERATORS):
            raise ValueError(
                f"table['random_draws'] must be [{len(OPERATORS)}, n_draws, {len(OPERATORS)}]; got {draws.shape}."
            )
        if not np.isfinite(draws).all():
            raise ValueError("table['random_draws'] must hold finite accuracies.")
        low = draws.min(1) if draws.shape[1] else np.zeros((len(OPERATORS), len(OPERATORS)))
        high = draws.max(1) if draws.shape[1] else np.zeros((len(OPERATORS), len(OPERATORS)))
        if not 0 <= subset < len(OPERATORS):
            raise ValueError(f"subset must be an operator index in 0..{len(OPERATORS) - 1}; got {subset}.")
        if not 0 <= how < len(HOWS):
            raise ValueError(f"how must be an intervention index in 0..{len(HOWS) - 1}; got {how}.")
        n_units, labels, tagged = 0, [], []
        if names is not None:
            n_units = len(names.nearest)
            labels = [names.label(u) for u in range(n_units)]
            tagged = [names.tagged_with(o).tolist() for o in range(len(OPERATORS))]
        super().__init__(
            baseline=np.round(base, 6).tolist(),
            after=np.round(after, 6).ravel().tolist(),
            sizes=[int(s) for s in table["sizes"]],
            how_labels=list(HOW_LABELS),
            operators=list(OPERATORS),
            n_units=n_units,
            unit_labels=labels,
            tagged=tagged,
            subset=subset,
            how=how,
            n_random=int(n_random),
            random_low=np.round(low, 6).ravel().tolist(),
            random_high=np.round(high, 6).ravel().tolist(),
            n_draws=int(draws.shape[1]),
            compute=compute,
            **kwargs,
        )
