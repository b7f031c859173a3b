"""Widgets of Part I, chapters 5 to 7: a training replay, a force probe, a locality explorer and a block stepper.

Each class holds precomputed numbers (from :mod:`yatlib.forces`, :mod:`yatlib.locality`,
:mod:`yatlib.transformer`) and draws them in the browser; the small amount of live
math (interpolating a force field, Yat responses, shares) is in ``p1b_math.js``,
tested against the Python functions.
"""

from __future__ import annotations

import base64
from typing import Any, Sequence

import anywidget
import numpy as np
import traitlets

from ..images import float32_b64
from ._bundle import bundle

__all__ = ["TrainingPlayer", "ForceProbe", "LocalityExplorer", "BlockStepper"]

_MATH = ("common.js", "p1b_math.js")


def _u8_b64(p: np.ndarray) -> str:
    """Probabilities in [0, 1] quantised to bytes (1/255 steps) and base64-encoded, to keep pages light."""
    q = np.clip(np.round(np.asarray(p, np.float64) * 255), 0, 255).astype(np.uint8)
    return base64.b64encode(q.tobytes()).decode("ascii")


def _points(X: np.ndarray, digits: int = 4) -> list[list[float]]:
    return np.round(np.asarray(X, np.float64), digits).tolist()


class TrainingPlayer(anywidget.AnyWidget):
    """Replay of recorded training runs (F06): pick a data set and a starting ε, play or step.

    Build it with :meth:`from_runs` from the dictionaries of
    :func:`yatlib.forces.train_with_snapshots`.
    """

    _esm = bundle(*_MATH, "p1b_player.mjs")
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
                              prototypes=float32_b64(r["prototypes"]), field=_u8_b64(r["field"])))
            data[ds] = dict(X=_points(r["X"], 3), y=np.asarray(r["y"]).tolist())
        return cls(runs=items, data=data, grid=grid, lim=lim)


class ForceProbe(anywidget.AnyWidget):
    """The force field on a probe prototype and on a ReLU unit's weights (F07), interpolated in the browser."""

    _esm = bundle(*_MATH, "p1b_force.mjs")
    lo = traitlets.Float(-2.5).tag(sync=True)
    hi = traitlets.Float(2.5).tag(sync=True)
    n = traitlets.Int(25).tag(sync=True)
    yat_field = traitlets.Unicode("").tag(sync=True)
    relu_field = traitlets.Unicode("").tag(sync=True)
    X = traitlets.List([]).tag(sync=True)
    y = traitlets.List([]).tag(sync=True)
    others = traitlets.List([]).tag(sync=True)
    probe = traitlets.List([1.5, 1.5]).tag(sync=True)

    @classmethod
    def build(cls, yat_forces: np.ndarray, relu_forces: np.ndarray, lo: float, hi: float, n: int,
              X: np.ndarray, y: np.ndarray, others: np.ndarray, probe: Sequence[float] = (1.5, 1.5)) -> "ForceProbe":
        """Fields are ``[n*n, 2]`` on :func:`yatlib.forces.square_grid` ``(lo, hi, n)``."""
        for name, F in (("yat_forces", yat_forces), ("relu_forces", relu_forces)):
            if np.asarray(F).shape != (n * n, 2) or not np.isfinite(F).all():
                raise ValueError(f"{name} must be a finite [{n * n}, 2] array.")
        return cls(lo=lo, hi=hi, n=n, yat_field=float32_b64(yat_forces), relu_field=float32_b64(relu_forces),
                   X=_points(X, 3), y=np.asarray(y).tolist(), others=_points(others, 3), probe=list(map(float, probe)))


class LocalityExplorer(anywidget.AnyWidget):
    """A query against a bank of Yat prototypes: active set (``mode="lazy"``, F08) or shares (``"attribution"``, F09)."""

    _esm = bundle(*_MATH, "p1b_local.mjs")
    mode = traitlets.Unicode("lazy").tag(sync=True)
    prototypes = traitlets.List([]).tag(sync=True)
    messages = traitlets.List([]).tag(sync=True)
    relu_v = traitlets.List([]).tag(sync=True)
    relu_c = traitlets.List([]).tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)
    eps = traitlets.Float(0.1).tag(sync=True)
    eps_min = traitlets.Float(0.003).tag(sync=True)
    eps_max = traitlets.Float(3.0).tag(sync=True)
    tau = traitlets.Float(0.1).tag(sync=True)
    lim = traitlets.Float(2.5).tag(sync=True)
    X = traitlets.List([]).tag(sync=True)
    query = traitlets.List([0.5, 0.5]).tag(sync=True)

    @classmethod
    def build(cls, prototypes: np.ndarray, messages: np.ndarray, *, b: float, eps: float, mode: str = "lazy",
              relu_v: np.ndarray | None = None, relu_c: np.ndarray | None = None, X: np.ndarray | None = None,
              tau: float = 0.1, lim: float = 2.5, query: Sequence[float] = (0.5, 0.5), **kw: Any) -> "LocalityExplorer":
        """Prototypes ``[K, 2]``, one message per prototype, optional random ReLU units ``relu_v [M, 2]``, ``relu_c [M]``."""
        W = np.asarray(prototypes, np.float64)
        if W.ndim != 2 or W.shape[1] != 2:
            raise ValueError(f"prototypes must be [K, 2]; got {W.shape}.")
        if len(messages) != len(W):
            raise ValueError("one message per prototype.")
        if mode not in ("lazy", "attribution"):
            raise ValueError(f"mode must be 'lazy' or 'attribution'; got {mode!r}.")
        v = np.zeros((0, 2)) if relu_v is None else np.asarray(relu_v)
        c = np.zeros(0) if relu_c is None else np.asarray(relu_c)
        return cls(mode=mode, prototypes=_points(W), messages=np.round(np.asarray(messages, np.float64), 5).tolist(),
                   relu_v=_points(v), relu_c=np.round(c, 5).tolist(), b=float(b), eps=float(eps), tau=float(tau),
                   lim=float(lim), X=[] if X is None else _points(X, 3), query=list(map(float, query)), **kw)


class BlockStepper(anywidget.AnyWidget):
    """Step through the stages of :class:`yatlib.transformer.TinyBlock` (F12) with their tensors and shapes."""

    _esm = bundle("common.js", "p1b_stages.mjs")
    stages = traitlets.List([]).tag(sync=True)

    @classmethod
    def from_stages(cls, stages: Sequence[Any]) -> "BlockStepper":
        """``stages`` as returned by :meth:`yatlib.transformer.TinyBlock.stages`."""
        out = []
        for s in stages:
            tensors = []
            for name, t in s.tensors.items():
                a = np.asarray(t, np.float64)
                a = a[:, None] if a.ndim == 1 else a
                tensors.append(dict(name=name, rows=int(a.shape[0]), cols=int(a.shape[1]),
                                    values=np.round(a, 4).ravel().tolist()))
            out.append(dict(title=s.title, formula=s.formula, note=s.note, tensors=tensors))
        return cls(stages=out)
