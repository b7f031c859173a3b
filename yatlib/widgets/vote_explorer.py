"""Widgets of Part II, chapters 2-4 (anywidget; the logic runs in JavaScript).

:class:`VoteExplorer` is figure F18, "the network explains itself": it holds a
trained Yat MLP's weights and a few hundred Fashion-MNIST and MNIST items, and
the browser computes each item's activations, shares, prediction and max-match
(the math is in ``classifier.js``, the same as :mod:`yatlib.explain`).
"""

from __future__ import annotations

import base64
from typing import Sequence

import anywidget
import numpy as np
import traitlets

from ..data import FASHION_CLASSES
from ..explain import model_arrays, voted_class
from ..images import CLASS_COLORS, float32_b64
from ..layers import YatMLP
from ._bundle import bundle

__all__ = ["VoteExplorer", "pixels_b64"]


def pixels_b64(X: np.ndarray) -> str:
    """Base64 of images in ``[0, 1]`` stored as bytes ``round(255 x)``.

    Fashion-MNIST and MNIST pixels are exactly ``k/255``, so the round trip is exact;
    anything else is refused rather than silently changed.
    """
    Xa = np.asarray(X, np.float64)
    if Xa.ndim != 2 or Xa.shape[1] != 784 or len(Xa) == 0:
        raise ValueError(f"items must be a non-empty [N, 784] array; got shape {Xa.shape}.")
    k = np.round(Xa * 255)
    if np.abs(k / 255 - Xa).max() > 1e-6 or k.min() < 0 or k.max() > 255:
        raise ValueError("items must have pixels k/255 for integer k in 0..255 (raw Fashion-MNIST or MNIST).")
    return base64.b64encode(k.astype(np.uint8).tobytes()).decode("ascii")


class VoteExplorer(anywidget.AnyWidget):
    """Pick an item, read its prediction as a vote over prototype pictures, and abstain below τ.

    Build it with :meth:`from_model`. Traits: ``dataset`` ('fashion' or 'mnist'),
    ``index`` (position among the shown items), ``tau`` (the threshold),
    ``filter`` ('all', 'accepted', 'abstained').
    """

    _esm = bundle("dom.js", "canvas.js", "kernels.js", "classifier.js", "vote_explorer.mjs")

    n_units = traitlets.Int(0).tag(sync=True)
    n_classes = traitlets.Int(10).tag(sync=True)
    prototypes = traitlets.Unicode("").tag(sync=True)
    readout = traitlets.Unicode("").tag(sync=True)
    bias = traitlets.List(traitlets.Float()).tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)
    eps = traitlets.Float(1.0).tag(sync=True)
    proto_classes = traitlets.List(traitlets.Int()).tag(sync=True)
    proto_shows = traitlets.List(traitlets.Int()).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    class_colors = traitlets.List(traitlets.Unicode()).tag(sync=True)
    fashion_pixels = traitlets.Unicode("").tag(sync=True)
    fashion_labels = traitlets.List(traitlets.Int()).tag(sync=True)
    mnist_pixels = traitlets.Unicode("").tag(sync=True)
    mnist_labels = traitlets.List(traitlets.Int()).tag(sync=True)
    tau_range = traitlets.List(traitlets.Float(), default_value=[1.0, 1000.0]).tag(sync=True)
    tau = traitlets.Float(60.0).tag(sync=True)
    dataset = traitlets.Unicode("fashion").tag(sync=True)
    filter = traitlets.Unicode("all").tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)
    top_n = traitlets.Int(5).tag(sync=True)

    @classmethod
    def from_model(
        cls,
        model: YatMLP,
        fashion: tuple[np.ndarray, np.ndarray],
        mnist: tuple[np.ndarray, np.ndarray],
        *,
        tau: float,
        tau_range: tuple[float, float] = (1.0, 1000.0),
        top_n: int = 5,
        class_names: Sequence[str] = FASHION_CLASSES,
        shows: Sequence[int] | None = None,
    ) -> "VoteExplorer":
        """The widget for ``model`` with items ``fashion = (X, y)`` and ``mnist = (X, y)`` (a few hundred each).

        ``shows`` (optional, one class per prototype) names what each prototype's picture shows,
        e.g. :func:`yatlib.explain.nearest_image_class`; it is printed next to the class it votes for.
        """
        lo, hi = float(tau_range[0]), float(tau_range[1])
        if not (0 < lo < hi) or not (lo <= tau <= hi):
            raise ValueError(f"need 0 < tau_range[0] <= tau <= tau_range[1]; got {tau_range} and tau={tau}.")
        arrays = model_arrays(model)
        return cls(
            n_units=int(arrays["prototypes"].shape[0]),
            n_classes=int(arrays["readout"].shape[1]),
            prototypes=float32_b64(arrays["prototypes"]),
            readout=float32_b64(arrays["readout"]),
            bias=[float(v) for v in arrays["bias"]],
            b=float(arrays["b"]),
            eps=float(arrays["eps"]),
            proto_classes=[int(c) for c in voted_class(model)],
            proto_shows=[int(c) for c in shows] if shows is not None else [],
            class_names=list(class_names),
            class_colors=list(CLASS_COLORS),
            fashion_pixels=pixels_b64(fashion[0]),
            fashion_labels=[int(v) for v in fashion[1]],
            mnist_pixels=pixels_b64(mnist[0]),
            mnist_labels=[int(v) for v in mnist[1]],
            tau_range=[lo, hi],
            tau=float(tau),
            top_n=int(top_n),
        )
