"""Figure F15: the classifier built by hand, as prototypes are added, at any kernel setting.

Pictures of the prototypes per class and the test accuracy of the sum-vote and of the nearest
prototype against the number of prototypes per class. The accuracy curves of a grid of kernel
settings ``(b, ε)`` are precomputed (:func:`yatlib.handbuilt.sweep_grid`), so the static book
offers them; with a kernel, any ``(b, ε)`` is computed by :func:`yatlib.handbuilt.sweep_function`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import traitlets

from ..handbuilt import KernelSweep, Sources
from ..images import png_data_uris
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["HandBuiltExplorer"]


class HandBuiltExplorer(YatWidget):
    """Prototype pictures per class and test accuracy as the number of prototypes per class grows.

    Controls: **prototypes per class**, **prototype source**, the kernel's **bias b** and
    **sharpness floor ε**, and "save as PNG".

    Parameters
    ----------
    sources : dict
        ``{name: (prototypes [C*n, D], labels [C*n])}``, prototypes grouped per class in the
        order they are added (e.g. ``{"k-means centroids": ..., "random training pictures": ...}``).
    class_names : sequence of str
        One name per class.
    grid : list of KernelSweep
        The precomputed kernel settings (:func:`yatlib.handbuilt.sweep_grid`), each with one
        :class:`~yatlib.handbuilt.CountSweep` per source.
    start : (b, eps)
        The setting shown first; it must be in ``grid``.
    image_shape : (height, width)
        How a prototype is drawn as a picture.
    article : dict, optional
        Reference values to mark, ``{"sum": {count: acc}, "nearest": {count: acc}}``.
    count : int
        The initial prototypes per class.
    compute : callable, optional
        The live path, :func:`yatlib.handbuilt.sweep_function` (used only when a kernel is connected).
    """

    _esm = bundle("dom.js", "chart.js", "live.js", "handbuilt_explorer.mjs")
    sources: traitlets.List[Any] = traitlets.List().tag(sync=True)
    states: traitlets.List[Any] = traitlets.List().tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    article = traitlets.Dict().tag(sync=True)
    count = traitlets.Int(1).tag(sync=True)
    source = traitlets.Int(0).tag(sync=True)
    b = traitlets.Float(0.5).tag(sync=True)
    eps = traitlets.Float(0.05).tag(sync=True)

    def __init__(
        self,
        sources: Sources,
        class_names: Sequence[str],
        grid: Sequence[KernelSweep],
        *,
        start: tuple[float, float],
        image_shape: tuple[int, int] = (28, 28),
        article: dict | None = None,
        count: int = 1,
        compute: Callable[..., dict] | None = None,
        **kwargs: Any,
    ) -> None:
        if not sources:
            raise ValueError("sources is empty: give at least one prototype set, {name: (prototypes, labels)}.")
        if not grid:
            raise ValueError("grid is empty: give at least one precomputed kernel setting (handbuilt.sweep_grid).")
        names = list(sources)
        packed = []
        for name, (W, labels) in sources.items():
            lab = np.asarray(labels)
            per_class = [png_data_uris(np.asarray(W)[lab == c], shape=image_shape) for c in range(len(class_names))]
            packed.append({"name": name, "images": per_class})
        states = []
        for ks in grid:
            if list(ks.sweeps) != names:
                raise ValueError(f"each grid entry needs one sweep per source {names}; got {list(ks.sweeps)}.")
            states.append(
                {
                    "b": ks.b,
                    "eps": ks.eps,
                    "counts": ks.sweeps[names[0]].counts.tolist(),
                    "sweeps": [
                        {"sum": np.round(s.sum_vote, 5).tolist(), "nearest": np.round(s.nearest, 5).tolist()}
                        for s in ks.sweeps.values()
                    ],
                }
            )
        b0, e0 = map(float, start)
        if not any(np.isclose(s["b"], b0) and np.isclose(s["eps"], e0) for s in states):
            raise ValueError(f"start={start} is not in the grid; add it to sweep_grid's b and eps.")
        max_count = len(states[0]["counts"])
        if not 1 <= count <= max_count:
            raise ValueError(f"count must be between 1 and {max_count}; got {count}.")
        if min(min(len(p) for p in s["images"]) for s in packed) < max_count:
            raise ValueError("every source needs at least as many pictures per class as the sweep has counts.")
        super().__init__(
            sources=packed,
            states=states,
            class_names=list(class_names),
            article=article or {},
            count=count,
            b=b0,
            eps=e0,
            compute=compute,
            **kwargs,
        )
