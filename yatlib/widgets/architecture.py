"""Figure F26: the painting-arithmetic network as blocks; pick one to read its shape and what it computes.

The blocks come from :func:`yatlib.arithmetic.figures.architecture_blocks` (read from the
trained model); ``architecture.mjs`` draws them as an SVG diagram. Every block can be picked
with the pointer or with the arrow keys, and the read-out says its name and shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from ._base import YatWidget
from ._bundle import bundle

__all__ = ["ArchitectureDiagram"]

_KEYS = ("name", "label", "shape", "detail", "params", "column", "row")


class ArchitectureDiagram(YatWidget):
    """F26: the network's blocks, from the inputs to the painted answer; pick a block for its shape.

    Controls: the diagram itself (click a block, or focus it and use the arrow keys, Home and
    End), and "save as PNG".

    Parameters
    ----------
    blocks : sequence of dict
        From :func:`~yatlib.arithmetic.figures.architecture_blocks`: ``name``, ``label``,
        ``shape``, ``detail``, ``params``, ``column``, ``row`` per block, in the order data flows.
    n_params : int
        Trainable scalars of the whole network (shown in the title).
    block : int
        The block picked first.
    """

    _esm = bundle("dom.js", "architecture.mjs")
    blocks: traitlets.List[Any] = traitlets.List().tag(sync=True)
    n_params = traitlets.Int(0).tag(sync=True)
    block = traitlets.Int(0).tag(sync=True)

    def __init__(self, blocks: Sequence[dict], n_params: int, *, block: int | None = None, **kwargs: Any) -> None:
        if not blocks:
            raise ValueError("blocks is empty: pass arithmetic.figures.architecture_blocks(model).")
        for i, b in enumerate(blocks):
            missing = [k for k in _KEYS if k not in b]
            if missing:
                raise ValueError(f"blocks[{i}] lacks {missing}; pass arithmetic.figures.architecture_blocks(model).")
        if block is None:  # the Yat layer, the block the chapter is about
            block = next((i for i, b in enumerate(blocks) if b["name"] == "Yat layer"), 0)
        if not 0 <= block < len(blocks):
            raise ValueError(f"block must be in 0..{len(blocks) - 1}; got {block}.")
        if n_params < 0:
            raise ValueError(f"n_params must be >= 0; got {n_params}.")
        clean = [{k: b[k] for k in _KEYS} for b in blocks]
        super().__init__(blocks=clean, n_params=int(n_params), block=int(block), **kwargs)
