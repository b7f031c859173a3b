"""Widget for the accuracy-legibility plane of chapter "Closing the gap".

Every measured recipe is a point (test accuracy against the legibility ratio of
its prototypes), next to its ReLU twin; a control picks the width and one the
lever, and the chosen recipe's prototypes are shown as a gallery beside the
plane. All states are computed in Python and handed over as traitlets, so the
widget works in the static book with no kernel.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import traitlets

from ..gap import Comparison
from ..images import png_data_uris
from ..style import class_color
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["AccuracyLegibility"]


class AccuracyLegibility(YatWidget):
    """The accuracy-legibility plane: every recipe a point, the chosen one's prototypes beside it.

    Controls (in the browser): buttons for the **width** (hidden units K), a
    list for the **lever** (what the recipe changes), the **gallery** (the
    recipe's prototypes or its twin's filters), the plane itself (click a dot,
    or focus the plane and move between the recipes of a width with the arrow
    keys), and "save as PNG". A polite live read-out says the chosen recipe's
    accuracy, its twin's, the gap, the legibility ratio and the cost of an epoch.

    Parameters
    ----------
    rows : sequence of Comparison
        The measured recipes (:func:`yatlib.gap.compare`), each named
        ``"<lever>"``; their widths are ``row.yat.recipe.n_units``.
    relu_filters : dict, optional
        ``{K: first-layer weights [K, 784]}`` of a ReLU twin per width, drawn
        (each row stretched to its range) when the reader asks for the twin.
    n_pictures : int
        Prototypes shown per recipe (the first ``n_pictures``).
    goal_gap, goal_legibility : float
        The goal drawn on the plane: gap at most ``goal_gap`` points with
        legibility at most ``goal_legibility``.
    width, lever : int
        The initial selection (indices into the sorted widths and the levers in order of first appearance).
    start : (int, str), optional
        The initial selection as ``(K, lever name)``; overrides ``width`` and ``lever``.
    image_shape : (height, width)
        How a prototype is drawn as a picture.
    """

    _esm = bundle("dom.js", "chart.js", "accuracy_legibility.mjs")
    widths = traitlets.List(traitlets.Int()).tag(sync=True)
    levers = traitlets.List(traitlets.Unicode()).tag(sync=True)
    points = traitlets.List().tag(sync=True)
    relu_pictures = traitlets.Dict().tag(sync=True)
    goal = traitlets.Dict().tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    lever = traitlets.Int(0).tag(sync=True)
    show_relu = traitlets.Bool(False).tag(sync=True)
    colors = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, rows: Sequence[Comparison], *, relu_filters: dict[int, np.ndarray] | None = None,
                 n_pictures: int = 30, goal_gap: float = 1.0, goal_legibility: float = 1.5,
                 width: int = 0, lever: int = 0, start: tuple[int, str] | None = None, image_shape: tuple[int, int] = (28, 28), **kwargs: Any) -> None:
        if not rows:
            raise ValueError("AccuracyLegibility needs at least one measured recipe in rows.")
        if n_pictures < 1:
            raise ValueError(f"n_pictures must be >= 1; got {n_pictures}.")
        widths = sorted({c.yat.recipe.n_units for c in rows})
        levers: list[str] = []
        for c in rows:
            if c.name not in levers:
                levers.append(c.name)
        points = []
        for c in rows:
            if c.yat.prototypes is None:
                raise ValueError(f"recipe {c.name!r} has no prototypes to draw.")
            points.append({
                "width": widths.index(c.yat.recipe.n_units), "lever": levers.index(c.name),
                "yat": c.yat.test_accuracy, "relu": c.relu.test_accuracy, "gap": c.gap,
                "legibility": c.yat.legibility, "relu_legibility": c.relu.legibility,
                "relu_lr": c.relu.recipe.learning_rate, "cost": list(c.cost),
                "images": png_data_uris(np.asarray(c.yat.prototypes)[:n_pictures], shape=image_shape),
            })
        pictures = {str(widths.index(k)): png_data_uris(np.asarray(W)[:n_pictures], shape=image_shape, normalise="minmax")
                    for k, W in (relu_filters or {}).items() if k in widths}
        if start is not None:
            if start[0] not in widths or start[1] not in levers:
                raise ValueError(f"start={start!r} is not a measured (K, lever); widths {widths}, levers {levers}.")
            width, lever = widths.index(start[0]), levers.index(start[1])
        if not 0 <= width < len(widths):
            raise ValueError(f"width must be an index between 0 and {len(widths) - 1}; got {width}.")
        if not 0 <= lever < len(levers):
            raise ValueError(f"lever must be an index between 0 and {len(levers) - 1}; got {lever}.")
        super().__init__(widths=widths, levers=levers, points=points, relu_pictures=pictures,
                         goal={"gap": float(goal_gap), "legibility": float(goal_legibility)},
                         width=width, lever=lever, colors=[class_color(i) for i in range(len(widths))], **kwargs)
