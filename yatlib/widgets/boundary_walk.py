"""Figure F22: walking across a decision boundary, computed in the browser.

:class:`BoundaryWalk` holds a trained Yat MLP and the items of a few pairs; the browser blends
two items and runs the model on the blend (boundary_walk.mjs with classifier.js, the same
math as :mod:`yatlib.blend`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ..images import array_b64, float32_b64
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["BoundaryWalk"]


class BoundaryWalk(YatWidget):
    """Blend item A into item B and run the trained Yat MLP on the blend, in the browser.

    Controls: **blend t** (a slider; a click on the walk's strip also sets it), **previous pair**
    and **a new pair of items**, and "save as PNG".

    Parameters
    ----------
    prototypes : array ``[K, D]``
    b, eps : float
    weights : array ``[K, C]``
        Readout matrix.
    bias : array ``[C]``
    items : array ``[N, D]`` of uint8
        The items to walk between (pixels 0..255; the model sees ``pixels / 255``). Only the
        items that some pair uses are sent to the browser.
    item_labels : array ``[N]``
    pairs : array ``[P, 2]``
        Index pairs into ``items``; "a new pair of items" steps through them.
    class_names : list of str
    unit_classes : array ``[K]``
        The class each prototype detects (for colours and captions).
    image_shape : (height, width)
        How an item is drawn (``height * width = D``).
    """

    _esm = bundle("dom.js", "canvas.js", "kernels.js", "classifier.js", "pictures.js", "boundary_walk.mjs")
    prototypes_b64 = traitlets.Unicode().tag(sync=True)
    weights_b64 = traitlets.Unicode().tag(sync=True)
    items_b64 = traitlets.Unicode().tag(sync=True)
    bias = traitlets.List(traitlets.Float()).tag(sync=True)
    b = traitlets.Float().tag(sync=True)
    eps = traitlets.Float().tag(sync=True)
    n_units = traitlets.Int().tag(sync=True)
    n_features = traitlets.Int().tag(sync=True)
    n_classes = traitlets.Int().tag(sync=True)
    image_shape = traitlets.List(traitlets.Int()).tag(sync=True)
    item_labels = traitlets.List(traitlets.Int()).tag(sync=True)
    unit_classes = traitlets.List(traitlets.Int()).tag(sync=True)
    pairs = traitlets.List(traitlets.List(traitlets.Int())).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    pair_index = traitlets.Int(0).tag(sync=True)
    t = traitlets.Float(0.5).tag(sync=True)

    def __init__(
        self,
        *,
        prototypes: np.ndarray,
        b: float,
        eps: float,
        weights: np.ndarray,
        bias: np.ndarray,
        items: np.ndarray,
        item_labels: np.ndarray,
        pairs: np.ndarray,
        class_names: Sequence[str],
        unit_classes: np.ndarray,
        t: float = 0.5,
        image_shape: tuple[int, int] = (28, 28),
        **kwargs: Any,
    ):
        W, A = np.asarray(prototypes, np.float32), np.asarray(weights, np.float32)
        items_u8 = np.asarray(items)
        if items_u8.dtype != np.uint8:
            raise ValueError(f"items must be uint8 pixels (0..255); got dtype {items_u8.dtype}.")
        if W.ndim != 2 or A.shape[0] != W.shape[0] or items_u8.ndim != 2 or items_u8.shape[1] != W.shape[1]:
            raise ValueError(f"shapes do not fit: prototypes {W.shape}, weights {A.shape}, items {items_u8.shape}.")
        if image_shape[0] * image_shape[1] != W.shape[1]:
            raise ValueError(f"image_shape {tuple(image_shape)} does not fit items of {W.shape[1]} pixels.")
        labels = np.asarray(item_labels)
        if labels.shape != (len(items_u8),):
            raise ValueError(f"item_labels needs one label per item ({len(items_u8)}); got shape {labels.shape}.")
        P = np.asarray(pairs, np.int64).reshape(-1, 2)
        if len(P) == 0 or P.min() < 0 or P.max() >= len(items_u8):
            raise ValueError(f"pairs must be a non-empty [P, 2] array of indices into items (0..{len(items_u8) - 1}).")
        if not 0.0 <= float(t) <= 1.0:
            raise ValueError(f"t must lie in [0, 1]; got {t}.")
        used, local = np.unique(P, return_inverse=True)  # send only the items a pair uses
        super().__init__(
            prototypes_b64=float32_b64(W),
            weights_b64=float32_b64(A),
            items_b64=array_b64(items_u8[used], np.uint8),
            bias=[float(v) for v in np.asarray(bias)],
            b=float(b),
            eps=float(eps),
            n_units=W.shape[0],
            n_features=W.shape[1],
            n_classes=A.shape[1],
            image_shape=list(image_shape),
            item_labels=[int(v) for v in labels[used]],
            unit_classes=[int(v) for v in unit_classes],
            pairs=local.reshape(-1, 2).tolist(),
            class_names=list(class_names),
            t=float(t),
            **kwargs,
        )
