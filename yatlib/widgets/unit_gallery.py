"""Figure F16: the hidden units of trained networks as pictures, one gallery per model or framing.

Each panel is a set of pictures (a Yat MLP's prototypes, a ReLU MLP's first-layer filters),
optionally framed in the colour of a class per picture; buttons switch panels, and the reader
picks a unit with the pointer or the arrow keys to hear its class.
"""

from __future__ import annotations

import base64
from typing import Any, Sequence

import numpy as np
import traitlets

from ..images import to_uint8
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["UnitGallery"]


class UnitGallery(YatWidget):
    """Galleries of hidden units, one per panel, with a button per panel.

    Controls: one button per **panel** (e.g. "Yat: class it votes for", "ReLU MLP: first-layer
    filters"), picking a unit (click, or arrow keys on the gallery: left/right by one, up/down by a
    row), and "save as PNG".

    Parameters
    ----------
    panels : sequence of dict
        Each with ``label`` (its button), ``images`` ``[n, H*W]``, ``title``, and optionally
        ``classes`` ``[n]`` (each picture's frame colour and read-out), ``role`` (what the class
        means in the read-out, "votes for" by default) and ``normalise`` (``'clip'``: values in
        [0, 1]; ``'minmax'``: each picture stretched to its own range). Panels that show the same
        pictures share them on the page.
    class_names : sequence of str, optional
        Default "0", "1", ...
    image_shape : (height, width)
    ncols : int
        Pictures per row.
    """

    _esm = bundle("dom.js", "canvas.js", "pictures.js", "unit_gallery.mjs")
    pictures = traitlets.List(traitlets.Unicode()).tag(sync=True)
    panels = traitlets.List().tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    image_shape = traitlets.List(traitlets.Int()).tag(sync=True)
    ncols = traitlets.Int(12).tag(sync=True)
    panel = traitlets.Int(0).tag(sync=True)

    def __init__(self, panels: Sequence[dict], *, class_names: Sequence[str] | None = None,
                 image_shape: tuple[int, int] = (28, 28), ncols: int = 12, **kwargs: Any) -> None:
        if not panels:
            raise ValueError("panels is empty: give at least one, {label, images, title}.")
        if ncols < 1:
            raise ValueError(f"ncols must be >= 1; got {ncols}.")
        blocks: list[str] = []
        packed = []
        for i, p in enumerate(panels):
            missing = {"label", "images", "title"} - set(p)
            if missing:
                raise ValueError(f"panel {i} lacks {sorted(missing)}; each panel needs label, images and title.")
            imgs = np.asarray(p["images"], np.float64)
            if imgs.ndim != 2 or len(imgs) == 0 or imgs.shape[1] != image_shape[0] * image_shape[1]:
                raise ValueError(f"panel {p['label']!r}: images must be [n, {image_shape[0] * image_shape[1]}] for "
                                 f"image_shape {tuple(image_shape)}; got shape {imgs.shape}.")
            u8 = to_uint8(imgs, shape=tuple(image_shape), normalise=p.get("normalise", "clip"))
            block = base64.b64encode(u8.tobytes()).decode("ascii")
            if block not in blocks:
                blocks.append(block)
            classes = p.get("classes")
            entry = {"label": str(p["label"]), "title": str(p["title"]), "pictures": blocks.index(block), "n": len(imgs),
                     "role": str(p.get("role", "votes for")), "classes": None}
            if classes is not None:
                c = np.asarray(classes)
                if c.shape != (len(imgs),) or not np.issubdtype(c.dtype, np.integer) or c.min() < 0:
                    raise ValueError(f"panel {p['label']!r}: classes must hold one class index >= 0 per picture.")
                entry["classes"] = [int(v) for v in c]
            packed.append(entry)
        n_classes = 1 + max([max(e["classes"]) for e in packed if e["classes"]] or [0])
        names = list(class_names) if class_names is not None else [str(c) for c in range(max(10, n_classes))]
        if n_classes > len(names):
            raise ValueError(f"class_names has {len(names)} names, but the classes go up to {n_classes - 1}.")
        super().__init__(pictures=blocks, panels=packed, class_names=names, image_shape=list(image_shape), ncols=ncols,
                         **kwargs)
