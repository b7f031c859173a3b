"""Figure F25: prototypes moving through a 2-D map of the data while they train.

The map (UMAP, :func:`yatlib.projection.umap_map`) places a sample of training images and the
snapshots of the prototypes of one or more runs; the widget draws the data faintly, coloured by
class, and each run's prototypes with their paths up to the chosen snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import traitlets

from ..images import array_b64, float32_b64
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["TrajectoryMap"]


class TrajectoryMap(YatWidget):
    """Prototype paths ``[S, K, 2]`` over a faint map of the data, one snapshot at a time.

    Controls: the **snapshot** (a slider, and a play button), which **seeds** to show, picking a
    prototype (click, or arrow keys on the map) to follow its path, and "save as PNG".

    Parameters
    ----------
    data_xy : array ``[N, 2]``
        The data sample's positions on the map.
    data_labels : array ``[N]``
        Their classes (colours).
    trajectories : mapping name -> array ``[S, K, 2]``
        Each run's prototype positions at each snapshot (e.g. ``{"image seed": ..., "noise seed": ...}``).
    steps : array ``[S]``
        The training step of each snapshot.
    class_names : sequence of str
    axis_name : str
        The map's name for the axis titles ("UMAP").
    """

    _esm = bundle("dom.js", "chart.js", "canvas.js", "trajectory_map.mjs")
    data_xy_b64 = traitlets.Unicode().tag(sync=True)
    data_labels_b64 = traitlets.Unicode().tag(sync=True)
    seeds: traitlets.List[Any] = traitlets.List().tag(sync=True)
    steps = traitlets.List(traitlets.Int()).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    axis_name = traitlets.Unicode("UMAP").tag(sync=True)
    snapshot = traitlets.Int(0).tag(sync=True)
    show = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        data_xy: np.ndarray,
        data_labels: np.ndarray,
        trajectories: Mapping[str, np.ndarray],
        steps: Sequence[int],
        class_names: Sequence[str],
        *,
        axis_name: str = "UMAP",
        **kwargs: Any,
    ) -> None:
        xy = np.asarray(data_xy, np.float32)
        lab = np.asarray(data_labels)
        if xy.ndim != 2 or xy.shape[1] != 2 or len(xy) == 0 or not np.isfinite(xy).all():
            raise ValueError(f"data_xy must be a non-empty finite [N, 2] array; got shape {xy.shape}.")
        if lab.shape != (len(xy),) or lab.min() < 0 or lab.max() >= len(class_names) or lab.max() > 255:
            raise ValueError(f"data_labels must hold one class in 0..{len(class_names) - 1} per point of data_xy.")
        st = [int(s) for s in np.asarray(steps).ravel()]
        if not trajectories:
            raise ValueError("trajectories is empty: give at least one run, {name: [S, K, 2]}.")
        seeds = []
        for name, tr in trajectories.items():
            a = np.asarray(tr, np.float32)
            if a.ndim != 3 or a.shape[0] != len(st) or a.shape[2] != 2 or not np.isfinite(a).all():
                raise ValueError(
                    f"trajectory {name!r} must be a finite [S={len(st)}, K, 2] array; got shape {a.shape}."
                )
            seeds.append({"name": str(name), "n_units": int(a.shape[1]), "xy_b64": float32_b64(a)})
        super().__init__(
            data_xy_b64=float32_b64(xy),
            data_labels_b64=array_b64(lab, np.uint8),
            seeds=seeds,
            steps=st,
            class_names=list(class_names),
            axis_name=axis_name,
            **kwargs,
        )
