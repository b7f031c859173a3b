"""Figures F08 and F09: which prototypes answer a query (lazy loading) and their shares (exact attribution).

The widget holds numbers computed by yatlib and draws them in the browser (locality_explorer.mjs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ._base import YatWidget
from ._bundle import bundle
from ._encode import points

__all__ = ["LocalityExplorer"]


class LocalityExplorer(YatWidget):
    """A query against a bank of Yat prototypes: active set (``mode="lazy"``, F08) or shares (``"attribution"``, F09).

    Parameters
    ----------
    prototypes : array ``[K, 2]``
        The prototypes.
    messages : array ``[K]``
        One message (value) per prototype.
    b, eps : float
        The kernel's parameters.
    mode : "lazy" or "attribution"
        Which figure: the prototypes that answer a query, or the exact share of each.
    relu_v, relu_c : arrays ``[M, 2]``, ``[M]``, optional
        Random ReLU units to compare with.
    X : array ``[N, 2]``, optional
        Data points drawn behind.
    tau : float
        The threshold of the active set.
    lim : float
        The plane shows ``[-lim, lim]²``.
    query : (x, y)
        Where the query starts.
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "kernels.js", "locality_explorer.mjs")
    mode = traitlets.Unicode("lazy").tag(sync=True)
    prototypes: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    messages: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    relu_v: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    relu_c: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)
    eps = traitlets.Float(0.1).tag(sync=True)
    eps_min = traitlets.Float(0.003).tag(sync=True)
    eps_max = traitlets.Float(3.0).tag(sync=True)
    tau = traitlets.Float(0.1).tag(sync=True)
    lim = traitlets.Float(2.5).tag(sync=True)
    X: traitlets.List[Any] = traitlets.List([]).tag(sync=True)
    query = traitlets.List([0.5, 0.5]).tag(sync=True)

    def __init__(
        self,
        prototypes: np.ndarray,
        messages: np.ndarray,
        *,
        b: float,
        eps: float,
        mode: str = "lazy",
        relu_v: np.ndarray | None = None,
        relu_c: np.ndarray | None = None,
        X: np.ndarray | None = None,
        tau: float = 0.1,
        lim: float = 2.5,
        query: Sequence[float] = (0.5, 0.5),
        **kwargs: Any,
    ) -> None:
        W = np.asarray(prototypes, np.float64)
        if W.ndim != 2 or W.shape[1] != 2:
            raise ValueError(f"prototypes must be [K, 2]; got {W.shape}.")
        if len(messages) != len(W):
            raise ValueError("one message per prototype.")
        if mode not in ("lazy", "attribution"):
            raise ValueError(f"mode must be 'lazy' or 'attribution'; got {mode!r}.")
        v = np.zeros((0, 2)) if relu_v is None else np.asarray(relu_v)
        c = np.zeros(0) if relu_c is None else np.asarray(relu_c)
        super().__init__(
            mode=mode,
            prototypes=points(W),
            messages=np.round(np.asarray(messages, np.float64), 5).tolist(),
            relu_v=points(v),
            relu_c=np.round(c, 5).tolist(),
            b=float(b),
            eps=float(eps),
            tau=float(tau),
            lim=float(lim),
            X=[] if X is None else points(X, 3),
            query=list(map(float, query)),
            **kwargs,
        )
