"""Figure F24: prototypes seeded from images or from noise, after a chosen training length.

For each run (seed × training length) the trained prototypes as pictures and the histogram of
their distances to the nearest training image, against the data's nearest-neighbour floor
(:mod:`yatlib.provenance`). The runs given are precomputed (the static book offers them); with
a kernel, any training length is trained by :func:`yatlib.provenance.seed_run_function`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import traitlets

from ..images import float32_b64
from ..provenance import SeedRun, seed_state
from ._base import Progress, YatWidget
from ._bundle import bundle
from ._encode import unit_bytes_b64

__all__ = ["SeedComparison"]

SEEDS = ("images", "noise")


def _pack(state: dict) -> dict:
    """A run's state (:func:`yatlib.provenance.seed_state`) as the widget receives it: the pictures
    as bytes (values clipped to [0, 1]), the distances rounded to 1e-3."""
    W = np.asarray(state["prototypes"], np.float64)
    d = np.asarray(state["distances"], np.float64)
    if W.ndim != 2 or d.shape != (len(W),) or not np.isfinite(d).all():
        raise ValueError(f"a run needs prototypes [K, D] and K finite distances; got {W.shape} and {d.shape}.")
    if state["seed"] not in SEEDS:
        raise ValueError(f"a run's seed must be one of {SEEDS}; got {state['seed']!r}.")
    return {
        "seed": state["seed"],
        "epochs": int(state["epochs"]),
        "accuracy": round(float(state["accuracy"]), 5),
        "distances": np.round(d, 3).tolist(),
        "pictures": unit_bytes_b64(np.clip(W, 0, 1)),
    }


class SeedComparison(YatWidget):
    """Trained prototypes and their distances to the data, for a seed and a training length.

    Controls: the **seed** (training images or matched noise), the **training length** (1× or
    10× buttons and a slider in epochs), and "save as PNG".

    Parameters
    ----------
    runs : sequence of SeedRun
        The precomputed runs (:func:`yatlib.provenance.seed_runs`); the first is shown first.
    floor : array ``[n]``
        The data's nearest-neighbour distances (:func:`yatlib.provenance.nn_floor`).
    base_epochs : int
        The standard training length (the "1×" button).
    max_epochs : int
        The longest run the slider offers.
    image_shape : (height, width)
        How a prototype is drawn as a picture.
    compute : callable, optional
        The live path, :func:`yatlib.provenance.seed_run_function` (used only with a kernel).
    """

    _esm = bundle("dom.js", "chart.js", "live.js", "canvas.js", "pictures.js", "seed_comparison.mjs")
    runs: traitlets.List[Any] = traitlets.List().tag(sync=True)
    floor_b64 = traitlets.Unicode().tag(sync=True)
    image_shape = traitlets.List(traitlets.Int()).tag(sync=True)
    base_epochs = traitlets.Int(12).tag(sync=True)
    max_epochs = traitlets.Int(240).tag(sync=True)
    seed = traitlets.Unicode("images").tag(sync=True)
    epochs = traitlets.Int(12).tag(sync=True)

    def __init__(
        self,
        runs: Sequence[SeedRun],
        floor: np.ndarray,
        *,
        base_epochs: int = 12,
        max_epochs: int = 240,
        image_shape: tuple[int, int] = (28, 28),
        compute: Callable[[dict, Progress], dict] | None = None,
        **kwargs: Any,
    ) -> None:
        if not runs:
            raise ValueError("runs is empty: give at least one run (provenance.seed_runs).")
        f = np.asarray(floor, np.float64)
        if f.ndim != 1 or len(f) == 0 or not np.isfinite(f).all():
            raise ValueError(f"floor must be a non-empty 1-D array of finite distances; got shape {f.shape}.")
        if not 1 <= base_epochs <= max_epochs:
            raise ValueError(f"need 1 <= base_epochs <= max_epochs; got {base_epochs} and {max_epochs}.")
        packed = [_pack(seed_state(r)) for r in runs]
        D = int(np.asarray(runs[0].prototypes).shape[1])
        if D != image_shape[0] * image_shape[1]:
            raise ValueError(f"image_shape {image_shape} does not fit prototypes of {D} values.")
        live = None
        if compute is not None:

            def live(params: dict, progress: Progress) -> dict:
                return _pack(compute(params, progress))

        super().__init__(
            runs=packed,
            floor_b64=float32_b64(f),
            image_shape=list(image_shape),
            base_epochs=base_epochs,
            max_epochs=max_epochs,
            seed=packed[0]["seed"],
            epochs=packed[0]["epochs"],
            compute=live,
            **kwargs,
        )
