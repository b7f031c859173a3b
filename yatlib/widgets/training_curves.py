"""Training curves of several runs side by side: the loss (log scale) and the training accuracy per epoch.

A static figure (the numbers are a finished run's :class:`yatlib.training.History`) drawn as a
widget so that it follows the book's theme and reads out the values at an epoch the reader
picks with the pointer or the arrow keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import traitlets

from ..training import History
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["TrainingCurves"]


class TrainingCurves(YatWidget):
    """Loss and training accuracy per epoch of each run, with a picked epoch read out.

    Parameters
    ----------
    histories : mapping name -> History
        The runs, e.g. ``{"Yat MLP": ..., "ReLU MLP": ...}``, each with at least one epoch.
    """

    _esm = bundle("dom.js", "chart.js", "training_curves.mjs")
    runs: traitlets.List[Any] = traitlets.List().tag(sync=True)
    epoch = traitlets.Int(0).tag(sync=True)

    def __init__(self, histories: Mapping[str, History], **kwargs: Any) -> None:
        if not histories:
            raise ValueError("histories is empty: give at least one run, {name: History}.")
        runs = []
        for name, hist in histories.items():
            loss, acc = np.asarray(hist.loss, np.float64), np.asarray(hist.train_accuracy, np.float64)
            if len(loss) == 0 or loss.shape != acc.shape:
                raise ValueError(
                    f"run {name!r} needs one loss and one accuracy per epoch; got {loss.shape}, {acc.shape}."
                )
            if not (np.isfinite(loss).all() and (loss > 0).all() and np.isfinite(acc).all()):
                raise ValueError(
                    f"run {name!r} has a loss that is not a positive finite number (log scale), or a NaN accuracy."
                )
            runs.append({"name": str(name), "loss": np.round(loss, 6).tolist(), "accuracy": np.round(acc, 6).tolist()})
        super().__init__(runs=runs, epoch=max(len(r["loss"]) for r in runs), **kwargs)
