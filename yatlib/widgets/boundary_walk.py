"""Figure F22: walking across a decision boundary, computed in the browser.

:class:`BoundaryWalk` holds a trained Yat MLP and a few items; the browser blends two
items and runs the model on the blend (boundary_walk.mjs with classifier.js, the same
math as :mod:`yatlib.blend`).
"""

from __future__ import annotations

import base64
from typing import Any, Sequence

import anywidget
import numpy as np
import traitlets

from ..images import CLASS_COLORS, float32_b64
from ._bundle import bundle

__all__ = ["BoundaryWalk"]


class BoundaryWalk(anywidget.AnyWidget):
    """Blend item A into item B and run the trained Yat MLP on the blend, in the browser.

    Parameters
    ----------
    prototypes : array ``[K, D]``
    b, eps : float
    weights : array ``[K, C]``
        Readout matrix.
    bias : array ``[C]``
    items : array ``[N, D]`` of uint8
        The items to walk between (pixels 0..255; the model sees ``pixels / 255``).
    item_labels : array ``[N]``
    pairs : array ``[P, 2]``
        Index pairs into ``items``; "a new pair of items" steps through them.
    class_names : list of str
    unit_classes : array ``[K]``
        The class each prototype votes for (for colours and captions).
    """

    _esm = bundle("dom.js", "canvas.js", "kernels.js", "classifier.js", "boundary_walk.mjs")
    prototypes_b64 = traitlets.Unicode().tag(sync=True)
    weights_b64 = traitlets.Unicode().tag(sync=True)
    items_b64 = traitlets.Unicode().tag(sync=True)
    bias = traitlets.List(traitlets.Float()).tag(sync=True)
    b = traitlets.Float().tag(sync=True)
    eps = traitlets.Float().tag(sync=True)
    n_units = traitlets.Int().tag(sync=True)
    n_features = traitlets.Int().tag(sync=True)
    n_classes = traitlets.Int().tag(sync=True)
    item_labels = traitlets.List(traitlets.Int()).tag(sync=True)
    unit_classes = traitlets.List(traitlets.Int()).tag(sync=True)
    pairs = traitlets.List(traitlets.List(traitlets.Int())).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    class_colors = traitlets.List(traitlets.Unicode()).tag(sync=True)
    pair_index = traitlets.Int(0).tag(sync=True)
    t = traitlets.Float(0.5).tag(sync=True)

    def __init__(self, *, prototypes: np.ndarray, b: float, eps: float, weights: np.ndarray, bias: np.ndarray,
                 items: np.ndarray, item_labels: np.ndarray, pairs: np.ndarray, class_names: Sequence[str],
                 unit_classes: np.ndarray, t: float = 0.5, **kwargs: Any):
        W, A = np.asarray(prototypes, np.float32), np.asarray(weights, np.float32)
        items_u8 = np.asarray(items)
        if items_u8.dtype != np.uint8:
            raise ValueError(f"items must be uint8 pixels (0..255); got dtype {items_u8.dtype}.")
        if W.ndim != 2 or A.shape[0] != W.shape[0] or items_u8.shape[1:] != (W.shape[1],):
            raise ValueError(f"shapes do not fit: prototypes {W.shape}, weights {A.shape}, items {items_u8.shape}.")
        super().__init__(
            prototypes_b64=float32_b64(W), weights_b64=float32_b64(A),
            items_b64=base64.b64encode(np.ascontiguousarray(items_u8).tobytes()).decode("ascii"),
            bias=[float(v) for v in np.asarray(bias)], b=float(b), eps=float(eps),
            n_units=W.shape[0], n_features=W.shape[1], n_classes=A.shape[1],
            item_labels=[int(v) for v in item_labels], unit_classes=[int(v) for v in unit_classes],
            pairs=[[int(i), int(j)] for i, j in np.asarray(pairs).reshape(-1, 2)],
            class_names=list(class_names), class_colors=list(CLASS_COLORS[: A.shape[1]]), t=float(t), **kwargs)
