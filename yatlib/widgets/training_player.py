"""Figure F06: replay of recorded training runs of a Yat MLP on 2-D data.

The widget holds numbers computed by yatlib and draws them in the browser (training_player.mjs).
"""

from __future__ import annotations

import anywidget
import numpy as np
import traitlets

from ..images import float32_b64
from ._bundle import bundle
from ._encode import points, unit_bytes_b64

__all__ = ["TrainingPlayer"]


class TrainingPlayer(anywidget.AnyWidget):
    """Replay of recorded training runs (F06): pick a data set and a starting ε, play or step.

    Build it with :meth:`from_runs` from the dictionaries of
    :func:`yatlib.forces.train_with_snapshots`.
    """

    _esm = bundle("dom.js", "canvas.js", "kernels.js", "fields.js", "training_player.mjs")
    runs = traitlets.List([]).tag(sync=True)
    data = traitlets.Dict({}).tag(sync=True)
    grid = traitlets.Int(40).tag(sync=True)
    lim = traitlets.Float(2.2).tag(sync=True)

    @classmethod
    def from_runs(cls, runs: dict[tuple[str, float], dict[str, np.ndarray]]) -> "TrainingPlayer":
        """``runs`` maps ``(dataset, eps0)`` to the snapshot arrays of one run."""
        if not runs:
            raise ValueError("no runs given.")
        items, data, grid, lim = [], {}, None, None
        for (ds, eps0), r in runs.items():
            S, K = r["prototypes"].shape[:2]
            grid = int(round(np.sqrt(r["field"].shape[1])))
            lim = float(r["lim"])
            items.append(dict(dataset=ds, eps0=float(eps0), units=int(K), steps=np.asarray(r["steps"]).tolist(),
                              accuracy=np.round(r["accuracy"], 4).tolist(), b=np.round(r["b"], 4).tolist(),
                              eps=np.round(r["eps"], 4).tolist(),
                              prototypes=float32_b64(r["prototypes"]), field=unit_bytes_b64(r["field"])))
            data[ds] = dict(X=points(r["X"], 3), y=np.asarray(r["y"]).tolist())
        return cls(runs=items, data=data, grid=grid, lim=lim)
