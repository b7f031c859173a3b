"""Figure F16: the hidden units of trained networks as pictures, one gallery per model or framing.

Each panel is a set of pictures (a Yat MLP's prototypes, a ReLU MLP's first-layer filters),
optionally framed in the colour of a class per picture; buttons switch panels, and the reader
picks a unit with the pointer or the arrow keys to hear its class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from ..images import array_b64, to_uint8
from ..validation import check_array, check_choice, check_image_shape, check_int, check_labels
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
        Each with ``label`` (its button), ``images`` ``[n, D]`` and ``title``, and optionally
        ``classes`` ``[n]`` (each picture's frame colour and read-out), ``role`` (what the class
        means in the read-out, ``"votes for"`` by default) and ``normalise`` (``'clip'``: values
        in [0, 1]; ``'minmax'``: each picture stretched to its own range). Panels that show the
        same pictures share them on the page.
    ncols : int
        Pictures per row.
    class_names : sequence of str, optional
        One name per class; default "0", "1", ... Colours repeat after ten classes.
    shape : (height, width), optional
        The shape of one picture; default square (28×28 for ``D = 784``).
    """

    _esm = bundle("dom.js", "canvas.js", "pictures.js", "unit_gallery.mjs")
    pictures = traitlets.List(traitlets.Unicode()).tag(sync=True)
    panels: traitlets.List[Any] = traitlets.List().tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    ncols = traitlets.Int(12).tag(sync=True)
    panel = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        panels: Sequence[dict],
        *,
        ncols: int = 12,
        class_names: Sequence[str] | None = None,
        shape: tuple[int, int] | None = None,
        **kwargs: Any,
    ) -> None:
        if not isinstance(panels, Sequence) or isinstance(panels, (str, bytes)) or not panels:
            raise ValueError("panels must be a non-empty list of dicts with 'label', 'images' and 'title'.")
        ncols = check_int(ncols, "ncols", low=1)
        blocks: list[str] = []
        packed = []
        n_classes = 0
        for i, p in enumerate(panels):
            missing = [k for k in ("label", "images", "title") if not isinstance(p, dict) or k not in p]
            if missing:
                raise ValueError(
                    f"panels[{i}] lacks {missing}; each panel is a dict with 'label', 'images' and 'title'."
                )
            imgs = check_array(p["images"], f"panels[{i}]['images']", finite=False, dtype=float, who="UnitGallery")
            h, w = check_image_shape(shape, imgs.shape[1])
            normalise = check_choice(p.get("normalise", "clip"), f"panels[{i}]['normalise']", ("clip", "minmax"))
            block = array_b64(to_uint8(imgs, shape=(h, w), normalise=normalise), "u1")
            if block not in blocks:
                blocks.append(block)
            entry = {
                "label": str(p["label"]),
                "title": str(p["title"]),
                "pictures": blocks.index(block),
                "n": len(imgs),
                "shape": [h, w],
                "role": str(p.get("role", "votes for")),
                "classes": None,
            }
            if p.get("classes") is not None:
                classes = check_labels(p["classes"], f"panels[{i}]['classes']", n=len(imgs), rows_of="its images")
                uses = int(classes.max()) + 1
                if class_names is not None and len(class_names) < uses:
                    raise ValueError(
                        f"class_names has {len(class_names)} names but panels[{i}] uses class {uses - 1}; "
                        "give one name per class."
                    )
                n_classes = max(n_classes, uses)
                entry["classes"] = [int(c) for c in classes]
            packed.append(entry)
        names = [str(n) for n in class_names] if class_names is not None else [str(c) for c in range(n_classes)]
        super().__init__(pictures=blocks, panels=packed, class_names=names, ncols=ncols, **kwargs)
