"""Widget for the accuracy-legibility plane of chapter "Closing the gap".

Every measured recipe is a point (test accuracy against the legibility ratio of
its prototypes), next to its ReLU twin; a control picks the width and one the
lever, and the chosen recipe's prototypes are shown as a gallery beside the
plane. All states are computed in Python and handed over as traitlets, so the
widget works in the static book with no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ..gap import Comparison
from ..images import png_data_uris
from ..validation import check_array, check_image_shape, check_int, check_positive
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
        ``{K: first-layer weights [K, D]}`` of a ReLU twin per width, drawn
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
    image_shape : (height, width), optional
        How a prototype of ``D`` values is drawn as a picture; None: square.

    The dots of width ``i`` (in sorted order) take the book's class colour ``i``.
    """

    _esm = bundle("dom.js", "chart.js", "accuracy_legibility.mjs")
    widths = traitlets.List(traitlets.Int()).tag(sync=True)
    levers = traitlets.List(traitlets.Unicode()).tag(sync=True)
    points: traitlets.List[Any] = traitlets.List().tag(sync=True)
    relu_pictures = traitlets.Dict().tag(sync=True)
    goal = traitlets.Dict().tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    lever = traitlets.Int(0).tag(sync=True)
    show_relu = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        rows: Sequence[Comparison],
        *,
        relu_filters: dict[int, np.ndarray] | None = None,
        n_pictures: int = 18,
        goal_gap: float = 1.0,
        goal_legibility: float = 1.5,
        width: int = 0,
        lever: int = 0,
        start: tuple[int, str] | None = None,
        image_shape: tuple[int, int] | None = None,
        **kwargs: Any,
    ) -> None:
        rows = list(rows)
        if not rows:
            raise ValueError("rows is empty; AccuracyLegibility needs at least one measured recipe (gap.compare).")
        for i, c in enumerate(rows):
            if not isinstance(c, Comparison):
                raise ValueError(f"rows[{i}] must be a gap.Comparison (from gap.compare); got {type(c).__name__}.")
        n_pictures = check_int(n_pictures, "n_pictures", low=1, why="It is how many prototypes the gallery shows.")
        goal_gap = check_positive(goal_gap, "goal_gap", why="It is the goal's largest gap, in points.")
        goal_legibility = check_positive(goal_legibility, "goal_legibility", why="The book calls L <= 1.5 legible.")
        widths = sorted({c.yat.recipe.n_units for c in rows})
        levers: list[str] = []
        for c in rows:
            if c.name not in levers:
                levers.append(c.name)
        D = check_array(rows[0].yat.prototypes, "rows[0].yat.prototypes").shape[1]
        shape = check_image_shape(image_shape, D, "image_shape")
        points = []
        for c in rows:
            W = check_array(
                c.yat.prototypes, f"the prototypes of {c.name!r}", n_features=D, features_of="the first recipe's"
            )
            points.append(
                {
                    "width": widths.index(c.yat.recipe.n_units),
                    "lever": levers.index(c.name),
                    "yat": c.yat.test_accuracy,
                    "relu": c.relu.test_accuracy,
                    "gap": c.gap,
                    "legibility": c.yat.legibility,
                    "relu_legibility": c.relu.legibility,
                    "relu_lr": c.relu.recipe.learning_rate,
                    "cost": list(c.cost),
                    "images": png_data_uris(W[:n_pictures], shape=shape),
                }
            )
        pictures = {
            str(widths.index(k)): png_data_uris(
                check_array(W, f"relu_filters[{k}]", n_features=D)[:n_pictures], shape=shape, normalise="minmax"
            )
            for k, W in (relu_filters or {}).items()
            if k in widths
        }
        if start is not None:
            if (
                not isinstance(start, (tuple, list))
                or len(start) != 2
                or start[0] not in widths
                or start[1] not in levers
            ):
                raise ValueError(f"start={start!r} is not a measured (K, lever); widths {widths}, levers {levers}.")
            width, lever = widths.index(start[0]), levers.index(start[1])
        width = check_int(width, "width", low=0, high=len(widths) - 1, why="It is an index into the sorted widths.")
        lever = check_int(lever, "lever", low=0, high=len(levers) - 1, why="It is an index into the levers.")
        super().__init__(
            widths=widths,
            levers=levers,
            points=points,
            relu_pictures=pictures,
            goal={"gap": float(goal_gap), "legibility": float(goal_legibility)},
            width=width,
            lever=lever,
            **kwargs,
        )
