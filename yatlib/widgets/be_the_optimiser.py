r"""Figure F05: place prototypes, set or auto-fit their readout, and watch the decision boundary.

Computed in the browser (be_the_optimiser.mjs, with the shared plane.js, kernels.js and linalg.js),
so every control works in the static book with no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from .. import ridge, toy
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["BeTheOptimiser"]


class BeTheOptimiser(YatWidget):
    """Figure F05: place prototypes, set or auto-fit their readout, and watch the decision boundary.

    The data sets come from :func:`yatlib.toy.make` (``n`` points, ``seeds`` samples each, so
    "resample" cycles through them). ``presets`` holds, per data set, yatlib's own answer
    (:func:`yatlib.ridge.kmeans_ridge`), which a button loads.
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "kernels.js", "linalg.js", "be_the_optimiser.mjs")

    datasets = traitlets.Dict().tag(sync=True)
    presets = traitlets.Dict().tag(sync=True)
    dataset = traitlets.Unicode("moons").tag(sync=True)
    accuracy = traitlets.Float(-1.0).tag(sync=True)

    def __init__(
        self,
        names: Sequence[str] = ("moons", "circles", "xor", "spirals", "blobs"),
        *,
        n: int = 150,
        seeds: int = 4,
        presets: dict | None = None,
        **kwargs: Any,
    ) -> None:
        data = {}
        for name in names:
            samples = []
            for s in range(seeds):
                X, y = toy.make(name, n, seed=s)
                samples.append({"X": X.astype(np.float64).round(3).tolist(), "y": y.astype(int).tolist()})
            data[name] = samples
        super().__init__(datasets=data, presets=presets or {}, dataset=names[0], **kwargs)

    @staticmethod
    def preset(name: str, per_class: int, kernel: str = "yat", *, n: int = 150, **params: float) -> dict:
        """yatlib's answer for data set ``name`` (seed 0): k-means prototypes per class and the ridge readout."""
        X, y = toy.make(name, n, seed=0)
        W, alpha, acc = ridge.kmeans_ridge(X, y, per_class, kernel, seed=0, **params)
        return {
            "kernel": kernel,
            **{k: float(v) for k, v in params.items()},
            "W": W.round(4).tolist(),
            "alpha": alpha.tolist(),
            "acc": acc,
        }
