"""Figure F17: warm starts against random starts, with little data and with starved classes.

Two widgets share ``warm_start_explorer.mjs``: :class:`LittleDataExplorer` (test accuracy of the
hand-built classifier, its fine-tuned warm start and a random start, for a number of **training
images per class**) and :class:`RareClassExplorer` (each class's recall when two classes are
**starved**). Their states come from :func:`yatlib.warmstart.little_data_states` and
:func:`yatlib.warmstart.rare_class_state`; with a kernel, the live path trains any setting on
request (:func:`yatlib.warmstart.little_data_function`, :func:`yatlib.warmstart.rare_class_function`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import traitlets

from ..warmstart import little_data_states, rare_class_state
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["LittleDataExplorer", "RareClassExplorer"]

_ESM = bundle("dom.js", "chart.js", "live.js", "warm_start_explorer.mjs")


class LittleDataExplorer(YatWidget):
    """Accuracy of the three starts for a chosen number of training images per class.

    Controls: **training images per class** (a slider; its ticks mark the precomputed numbers)
    and "save as PNG".

    Parameters
    ----------
    table : dict
        :func:`yatlib.warmstart.little_data_table`'s result (every number of images per class
        and seed of the precomputed grid).
    per_class : int, optional
        The number shown first (default: the middle of the precomputed ones); it must be precomputed.
    limits : (low, high)
        The slider's range. Numbers that were not precomputed need a kernel (``compute``).
    article : dict, optional
        The article's values to mark, ``{"per_class": n, "zero_step": a, "warm": b, "cold": c}``.
    compute : callable, optional
        The live path, :func:`yatlib.warmstart.little_data_function`.
    """

    _esm = _ESM
    kind = traitlets.Unicode("little").tag(sync=True)
    states = traitlets.List(traitlets.Dict()).tag(sync=True)
    per_class = traitlets.Int(0).tag(sync=True)
    limits = traitlets.List(traitlets.Int()).tag(sync=True)
    article = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        table: Mapping[str, np.ndarray],
        *,
        per_class: int | None = None,
        limits: tuple[int, int] = (5, 300),
        article: dict | None = None,
        compute: Callable[..., dict] | None = None,
        **kwargs: Any,
    ) -> None:
        states = little_data_states(dict(table))
        if not states:
            raise ValueError("table has no numbers of images per class; compute it with warmstart.little_data_table.")
        counts = [s["per_class"] for s in states]
        lo, hi = int(limits[0]), int(limits[1])
        if not (1 <= lo <= min(counts) and max(counts) <= hi):
            raise ValueError(f"limits {limits} must contain every precomputed number of images per class {counts}.")
        start = counts[len(counts) // 2] if per_class is None else int(per_class)
        if start not in counts:
            raise ValueError(f"per_class={per_class} was not precomputed; choose one of {counts}.")
        super().__init__(
            kind="little",
            states=states,
            per_class=start,
            limits=[lo, hi],
            article=article or {},
            compute=compute,
            **kwargs,
        )


class RareClassExplorer(YatWidget):
    """Each class's recall after training from a warm or a random start, with two classes starved.

    Controls: **starved classes** (buttons for the precomputed pairs, and two drop-downs to choose
    any two classes, trained on request when a kernel is connected), a class picked in the chart
    with the arrow keys, and "save as PNG".

    Parameters
    ----------
    tables : sequence of dict
        :func:`yatlib.warmstart.rare_class_table` results, one per precomputed pair; the first
        number of kept images of each is shown.
    class_names : sequence of str
        One name per class.
    pair : int
        The pair shown first (an index into ``tables``).
    compute : callable, optional
        The live path, :func:`yatlib.warmstart.rare_class_function`.
    """

    _esm = _ESM
    kind = traitlets.Unicode("rare").tag(sync=True)
    states = traitlets.List(traitlets.Dict()).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    pair = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        tables: Sequence[Mapping[str, np.ndarray]],
        class_names: Sequence[str],
        *,
        pair: int = 0,
        compute: Callable[..., dict] | None = None,
        **kwargs: Any,
    ) -> None:
        if not tables:
            raise ValueError("tables is empty: give at least one warmstart.rare_class_table result.")
        states = [rare_class_state(dict(t)) for t in tables]
        for s in states:
            if len(s["starved"]) != 2 or len(s["warm_recall"]) != len(class_names):
                raise ValueError(
                    f"each table needs two starved classes and a recall per class ({len(class_names)}); "
                    f"got starved={s['starved']} and {len(s['warm_recall'])} recalls."
                )
        if not 0 <= pair < len(states):
            raise ValueError(f"pair must be between 0 and {len(states) - 1}; got {pair}.")
        super().__init__(
            kind="rare", states=states, class_names=list(class_names), pair=pair, compute=compute, **kwargs
        )
