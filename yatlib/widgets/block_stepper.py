"""Figure F12: the stages of a transformer block, with their tensors and shapes.

The widget holds numbers computed by yatlib and draws them in the browser (block_stepper.mjs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["BlockStepper"]


class BlockStepper(YatWidget):
    """Step through the stages of :class:`yatlib.transformer.TinyBlock` (F12) with their tensors and shapes.

    Parameters
    ----------
    stages : sequence of stages
        As returned by :meth:`yatlib.transformer.TinyBlock.stages` (each with a title, a formula,
        a note and named tensors).
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "block_stepper.mjs")
    stages: traitlets.List[Any] = traitlets.List([]).tag(sync=True)

    def __init__(self, stages: Sequence[Any], **kwargs: Any) -> None:
        out = []
        for s in stages:
            tensors = []
            for name, t in s.tensors.items():
                a = np.asarray(t, np.float64)
                a = a[:, None] if a.ndim == 1 else a
                tensors.append(
                    dict(name=name, rows=int(a.shape[0]), cols=int(a.shape[1]), values=np.round(a, 4).ravel().tolist())
                )
            out.append(dict(title=s.title, formula=s.formula, note=s.note, tensors=tensors))
        super().__init__(stages=out, **kwargs)
