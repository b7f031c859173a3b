"""Figure F06: a Yat MLP learning on 2-D data, trained in the reader's browser or replayed from Python.

The browser trains with ``yat_trainer.js``, the same algorithm as :mod:`yatlib.toy_training`
(float64, the same seeded start), so a seed gives the same run in both. Runs recorded in
Python when the book is built (:func:`yatlib.toy_training.train_run`) are the figure's
opening state and the comparison for the browser's runs; with a kernel connected, the
reader can have Python train any other setting (:func:`yatlib.toy_training.live_run`)
and replay it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import traitlets

from ..images import float32_b64
from ..toy_training import FIGURE_DATASETS, figure_data
from ._base import Progress, YatWidget
from ._bundle import bundle

__all__ = ["YatMlpLearning", "pack_run"]


def pack_run(run: Mapping[str, Any], source: str = "recorded") -> dict[str, Any]:
    """A run of :func:`yatlib.toy_training.train_run` in the compact form the widget draws.

    Arrays travel as base64 of float32 (prototypes ``[S, K, 2]``, readout ``[S, K, C]``, bias
    ``[S, C]``); the per-snapshot numbers as rounded lists. ``batch_size`` is ``None`` for a full batch.

    Parameters
    ----------
    run : mapping
        A run as :func:`yatlib.toy_training.train_run` returns it: ``dataset``, ``units``, ``eps0``,
        ``seed``, ``learning_rate``, ``batch_size``, ``X [n, 2]``, and per snapshot ``steps [S]``,
        ``prototypes [S, K, 2]``, ``readout [S, K, C]``, ``bias [S, C]``, ``b``, ``eps``, ``loss`` and
        ``accuracy`` (each ``[S]``), with at least one snapshot. A missing key raises ``ValueError``.
    source : str, default "recorded"
        Where the run comes from, passed to the widget as is: ``"recorded"`` for a run shipped with
        the page, ``"python"`` for one trained now by the kernel.

    Returns
    -------
    dict
        JSON-ready: ``source``, ``dataset``, ``units`` (K), ``classes`` (C), ``eps0``, ``seed``,
        ``learning_rate``, ``batch_size``, ``steps`` (a list of int), ``prototypes``, ``readout`` and
        ``bias`` (base64 strings of float32) and ``b``, ``eps``, ``loss`` (6 significant digits) and
        ``accuracy`` (4) as lists of float.
    """
    missing = {
        "dataset",
        "units",
        "eps0",
        "seed",
        "learning_rate",
        "batch_size",
        "X",
        "steps",
        "prototypes",
        "readout",
        "bias",
        "b",
        "eps",
        "loss",
        "accuracy",
    } - set(run)
    if missing:
        raise ValueError(f"a run needs the keys of toy_training.train_run; missing {sorted(missing)}.")
    P = np.asarray(run["prototypes"], np.float64)
    A = np.asarray(run["readout"], np.float64)
    S, K = P.shape[:2]
    if P.shape != (S, K, 2) or A.shape[:2] != (S, K) or S < 1:
        raise ValueError(f"prototypes must be [S, K, 2] and readout [S, K, C]; got {P.shape} and {A.shape}.")
    n = len(run["X"])
    rnd = lambda key, d=6: [float(f"{v:.{d}g}") for v in np.asarray(run[key], np.float64)]  # noqa: E731
    return {
        "source": source,
        "dataset": str(run["dataset"]),
        "units": int(K),
        "classes": int(A.shape[2]),
        "eps0": float(run["eps0"]),
        "seed": int(run["seed"]),
        "learning_rate": float(run["learning_rate"]),
        "batch_size": None if int(run["batch_size"]) >= n else int(run["batch_size"]),
        "steps": np.asarray(run["steps"]).astype(int).tolist(),
        "prototypes": float32_b64(P),
        "readout": float32_b64(A),
        "bias": float32_b64(run["bias"]),
        "b": rnd("b"),
        "eps": rnd("eps"),
        "loss": rnd("loss"),
        "accuracy": rnd("accuracy", 4),
    }


class YatMlpLearning(YatWidget):
    """A Yat MLP learning on 2-D data (F06): train it in the browser, or replay a run made in Python.

    Controls: **data set**, **prototypes K**, **starting ε**, **seed** and **re-roll**, **learning
    rate**, **batch**, **run shown** (trained in this browser, or replayed from Python), **play /
    pause**, **step**, **reset**, **speed**, the chosen prototype (arrow keys pick it, and move it
    on the plane), and "save as PNG". With a kernel: **train this run in Python**.

    Parameters
    ----------
    runs : runs of :func:`yatlib.toy_training.train_run`, or a dict of them
        The runs recorded in Python, on the figure's points (:func:`yatlib.toy_training.figure_data`),
        all on the same square ``[-lim, lim]²``.
    start : (dataset, eps0), optional
        The run shown first (default: the first run).
    compute : callable, optional
        The live path, :func:`yatlib.toy_training.live_run` (used only when a kernel is connected).
    """

    _esm = bundle("dom.js", "canvas.js", "live.js", "linalg.js", "yat_trainer.js", "yat_mlp_learning.mjs")
    datasets: traitlets.List[Any] = traitlets.List().tag(sync=True)
    runs: traitlets.List[Any] = traitlets.List().tag(sync=True)
    start = traitlets.Dict().tag(sync=True)
    lim = traitlets.Float(2.2).tag(sync=True)
    python_steps = traitlets.Int(300).tag(sync=True)

    def __init__(
        self,
        runs: Iterable[Mapping[str, Any]] | Mapping[Any, Mapping[str, Any]],
        *,
        start: tuple[str, float] | None = None,
        compute: Callable[[dict, Progress], dict] | None = None,
        **kwargs: Any,
    ) -> None:
        items = list(runs.values()) if isinstance(runs, Mapping) else list(runs)
        if not items:
            raise ValueError("no runs given: pass at least one run of toy_training.train_run.")
        lims = {float(r["lim"]) for r in items}
        if len(lims) != 1:
            raise ValueError(f"every run must use the same square [-lim, lim]²; got lim values {sorted(lims)}.")
        n = len(items[0]["X"])
        data = []
        for name in FIGURE_DATASETS:
            X, y = figure_data(name, n)
            data.append({"name": name, "X": float32_b64(X), "y": y.astype(int).tolist()})
        for r in items:
            X, _ = figure_data(str(r["dataset"]), n)
            if np.asarray(r["X"]).shape != X.shape or not np.array_equal(np.asarray(r["X"], np.float64), X):
                raise ValueError(
                    f"the run on {r['dataset']!r} was not trained on the figure's points "
                    "(toy_training.figure_data); train it with toy_training.train_run."
                )
        packed = [pack_run(r) for r in items]
        first = packed[0]
        if start is not None:
            hits = [p for p in packed if p["dataset"] == start[0] and np.isclose(p["eps0"], start[1])]
            if not hits:
                raise ValueError(
                    f"start={start} matches no run; choose one of "
                    f"{sorted({(p['dataset'], p['eps0']) for p in packed})}."
                )
            first = hits[0]
        keys = ("dataset", "units", "eps0", "seed", "learning_rate", "batch_size")
        live = None if compute is None else (lambda params, progress: pack_run(compute(params, progress), "python"))
        super().__init__(
            datasets=data,
            runs=packed,
            start={k: first[k] for k in keys},
            lim=lims.pop(),
            python_steps=int(max(p["steps"][-1] for p in packed)),
            compute=live,
            **kwargs,
        )
