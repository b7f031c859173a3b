"""Widget for Figure F15: the classifier built by hand as prototypes are added."""

from __future__ import annotations

from typing import Sequence

import anywidget
import numpy as np
import traitlets

from ..handbuilt import CountSweep
from ..images import CLASS_COLORS, png_data_uris
from ._bundle import bundle

__all__ = ["HandBuiltExplorer"]


class HandBuiltExplorer(anywidget.AnyWidget):
    """Prototype pictures per class and test accuracy as the number of prototypes per class grows.

    Controls (in the browser): a slider for the prototypes per class and a
    switch between k-means centroids and random training images. All states
    are handed over when the widget is made; moving a control only redraws.

    Parameters
    ----------
    sources : dict
        ``{name: (prototypes [C*n, 784], labels [C*n], CountSweep)}``, e.g.
        ``{"k-means centroids": ..., "random training images": ...}``; prototypes
        grouped per class in the order they are added.
    class_names : sequence of str
        One name per class.
    article : dict, optional
        Reference values to mark, ``{"sum": {count: acc}, "nearest": {count: acc}}``.
    count : int
        The initial prototypes per class.
    """

    _esm = bundle("dom.js", "handbuilt_explorer.mjs")
    sources = traitlets.List().tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    class_colors = traitlets.List(traitlets.Unicode()).tag(sync=True)
    article = traitlets.Dict().tag(sync=True)
    count = traitlets.Int(1).tag(sync=True)
    source = traitlets.Int(0).tag(sync=True)

    def __init__(self, sources: dict[str, tuple[np.ndarray, np.ndarray, CountSweep]], class_names: Sequence[str],
                 *, article: dict | None = None, count: int = 1) -> None:
        if not sources:
            raise ValueError("HandBuiltExplorer needs at least one prototype source.")
        packed = []
        for name, (W, labels, sweep) in sources.items():
            labels = np.asarray(labels)
            per_class = [png_data_uris(np.asarray(W)[labels == c]) for c in range(len(class_names))]
            if min(len(p) for p in per_class) < len(sweep.counts):
                raise ValueError(f"source {name!r}: fewer pictures per class than counts in its sweep.")
            packed.append({"name": name, "images": per_class, "counts": sweep.counts.tolist(),
                           "sum": sweep.sum_vote.tolist(), "nearest": sweep.nearest.tolist()})
        max_count = len(packed[0]["counts"])
        if not 1 <= count <= max_count:
            raise ValueError(f"count must be between 1 and {max_count}; got {count}.")
        super().__init__(sources=packed, class_names=list(class_names),
                         class_colors=list(CLASS_COLORS[: len(class_names)]), article=article or {}, count=count)
