"""Figure F21: the concept map, every prototype drawn as its picture at its place in a 2-D layout.

Layouts (PCA, UMAP: :mod:`yatlib.projection`) are computed in Python; the widget switches
between them, zooms, and names the prototype the reader picks with the pointer or the keyboard.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import traitlets

from ._base import YatWidget
from ._bundle import bundle
from ._encode import points, unit_bytes_b64

__all__ = ["ConceptMap"]


class ConceptMap(YatWidget):
    """Prototypes as pictures at their 2-D positions, framed in the colour of their class.

    Controls: the **layout** (one button per layout), **zoom in**, **zoom out** and **reset view**
    (also the keys +, − and 0 on the map), picking a prototype (click, or arrow keys on the map,
    which step through the prototypes from left to right), and "save as PNG".

    Parameters
    ----------
    prototypes : array ``[K, H*W]``
        Drawn as pictures (values clipped to [0, 1]).
    classes : array ``[K]``
        The class each prototype is framed by (e.g. the class it detects).
    layouts : mapping name -> array ``[K, 2]``
        Positions, e.g. ``{"PCA": ..., "UMAP": ...}``.
    class_names : sequence of str
    image_shape : (height, width)
    class_role : str
        What the frame colour means, in the read-out ("detects").
    """

    _esm = bundle("dom.js", "chart.js", "canvas.js", "pictures.js", "concept_map.mjs")
    pictures_b64 = traitlets.Unicode().tag(sync=True)
    image_shape = traitlets.List(traitlets.Int()).tag(sync=True)
    classes = traitlets.List(traitlets.Int()).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    class_role = traitlets.Unicode("detects").tag(sync=True)
    layouts: traitlets.List[Any] = traitlets.List().tag(sync=True)
    layout = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        prototypes: np.ndarray,
        classes: np.ndarray,
        layouts: Mapping[str, np.ndarray],
        class_names: Sequence[str],
        *,
        image_shape: tuple[int, int] = (28, 28),
        class_role: str = "detects",
        **kwargs: Any,
    ) -> None:
        W = np.asarray(prototypes, np.float64)
        cls = np.asarray(classes)
        if W.ndim != 2 or len(W) == 0 or W.shape[1] != image_shape[0] * image_shape[1]:
            raise ValueError(
                f"prototypes must be [K, {image_shape[0] * image_shape[1]}] for image_shape {image_shape}; "
                f"got shape {W.shape}."
            )
        if cls.shape != (len(W),) or cls.min() < 0 or cls.max() >= len(class_names):
            raise ValueError(f"classes must hold one class in 0..{len(class_names) - 1} per prototype ({len(W)}).")
        if not layouts:
            raise ValueError("layouts is empty: give at least one, {name: positions [K, 2]}.")
        packed = []
        for name, xy in layouts.items():
            a = np.asarray(xy, np.float64)
            if a.shape != (len(W), 2) or not np.isfinite(a).all():
                raise ValueError(f"layout {name!r} must be finite [K={len(W)}, 2]; got shape {a.shape}.")
            packed.append({"name": str(name), "xy": points(a, 4)})
        super().__init__(
            pictures_b64=unit_bytes_b64(np.clip(np.nan_to_num(W), 0, 1)),
            image_shape=list(image_shape),
            classes=[int(c) for c in cls],
            class_names=list(class_names),
            class_role=class_role,
            layouts=packed,
            **kwargs,
        )
