r"""Two-dimensional maps of prototypes and data: PCA and UMAP.

Prototypes live in the same space :math:`\mathbb{R}^{784}` as the images, so a
map fitted on images can place prototypes too.

*PCA* projects centred points on the two leading right singular vectors
:math:`v_1, v_2` of the centred data matrix:
:math:`z = \big((x - \bar x)\cdot v_1,\ (x - \bar x)\cdot v_2\big)`.

*UMAP* (McInnes et al., 2018) learns a 2-D layout of a data sample that keeps
each point's nearest neighbours near; a fitted UMAP can ``transform`` new
points (prototypes, snapshots of prototypes during training) into the same map.
Fitting costs tens of seconds (numba compiles on first use), so
:func:`umap_map` caches its result with :mod:`yatlib.cache`.
"""

from __future__ import annotations

import hashlib
from typing import Mapping

import numpy as np
from jax.typing import ArrayLike

from . import cache

__all__ = ["PCA", "pca", "umap_sample", "umap_map", "concept_map_figure", "trajectory_figure"]


class PCA:
    """Principal component analysis by SVD (numpy only).

    Parameters
    ----------
    n_components : int
        Number of components kept (2 for a map).

    Attributes
    ----------
    mean_ : ndarray ``[D]``
    components_ : ndarray ``[n_components, D]``
        Orthonormal rows, the leading right singular vectors of the centred data
        (sign fixed so each row's largest-magnitude entry is positive).
    explained_variance_ratio_ : ndarray ``[n_components]``
    """

    def __init__(self, n_components: int = 2):
        if n_components < 1:
            raise ValueError(f"n_components must be >= 1; got {n_components}.")
        self.n_components = n_components
        self.mean_: np.ndarray | None = None
        self.components_: np.ndarray | None = None
        self.explained_variance_ratio_: np.ndarray | None = None

    def fit(self, X: ArrayLike) -> "PCA":
        """Fit on ``X [N, D]``; returns self."""
        Xa = np.asarray(X, np.float64)
        if Xa.ndim != 2 or len(Xa) < 2:
            raise ValueError(f"PCA needs an [N, D] array with N >= 2; got shape {Xa.shape}.")
        if self.n_components > min(Xa.shape):
            raise ValueError(f"n_components={self.n_components} exceeds min(N, D)={min(Xa.shape)}.")
        self.mean_ = Xa.mean(0)
        _, s, vt = np.linalg.svd(Xa - self.mean_, full_matrices=False)
        comps = vt[: self.n_components]
        signs = np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(1)])
        self.components_ = comps * signs[:, None]
        var = s**2
        self.explained_variance_ratio_ = var[: self.n_components] / var.sum()
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Coordinates ``[N, n_components]`` of ``X`` in the fitted components."""
        if self.components_ is None or self.mean_ is None:
            raise ValueError("this PCA is not fitted yet; call fit(X) first.")
        Xa = np.asarray(X, np.float64)
        if Xa.ndim != 2 or Xa.shape[1] != len(self.mean_):
            raise ValueError(f"X must be [N, {len(self.mean_)}]; got shape {Xa.shape}.")
        return (Xa - self.mean_) @ self.components_.T


def pca(X: ArrayLike, n_components: int = 2) -> np.ndarray:
    """Fit PCA on ``X`` and return its coordinates ``[N, n_components]``."""
    return PCA(n_components).fit(X).transform(X)


def umap_sample(n_items: int, n_sample: int = 3000, seed: int = 5) -> np.ndarray:
    """Indices of the data sample a UMAP map is fitted on: ``RandomState(seed).permutation(n_items)[:n_sample]``."""
    if not 1 <= n_sample <= n_items:
        raise ValueError(f"n_sample must be between 1 and {n_items}; got {n_sample}.")
    return np.random.RandomState(seed).permutation(n_items)[:n_sample]


def _digest(a: np.ndarray) -> str:
    a = np.ascontiguousarray(a, np.float32)
    return hashlib.sha256(str(a.shape).encode() + a.tobytes()).hexdigest()[:16]


def umap_map(
    X: ArrayLike,
    points: Mapping[str, ArrayLike] | None = None,
    *,
    n_sample: int = 3000,
    sample_seed: int = 5,
    n_neighbors: int = 15,
    min_dist: float = 0.25,
    random_state: int = 42,
    cache_name: str = "umap-map",
) -> dict[str, np.ndarray]:
    """Fit UMAP on a sample of ``X`` and place further point sets in the same map (cached).

    Parameters
    ----------
    X : array ``[N, D]``
        The data; the map is fitted on ``X[umap_sample(N, n_sample, sample_seed)]``.
    points : mapping name -> array ``[..., D]``
        Point sets to transform into the fitted map (e.g. prototypes ``[K, D]`` or
        snapshots ``[S, K, D]``); leading dimensions are kept.
    n_neighbors, min_dist, random_state : UMAP settings (the article's: 15, 0.25, 42).

    Returns
    -------
    dict
        ``"sample"`` (indices into ``X``), ``"data_xy"`` ``[n_sample, 2]``, and
        ``"<name>_xy"`` ``[..., 2]`` for each point set.
    """
    Xa = np.asarray(X, np.float32)
    if Xa.ndim != 2:
        raise ValueError(f"X must be [N, D]; got shape {Xa.shape}.")
    pts = {k: np.asarray(v, np.float32) for k, v in (points or {}).items()}
    for k, v in pts.items():
        if v.shape[-1] != Xa.shape[1] or not np.isfinite(v).all():
            raise ValueError(f"point set {k!r} must be finite [..., {Xa.shape[1]}]; got shape {v.shape}.")
    idx = umap_sample(len(Xa), n_sample, sample_seed)
    config = {"data": _digest(Xa[idx]), "n_neighbors": n_neighbors, "min_dist": min_dist,
              "random_state": random_state, "points": {k: _digest(v) for k, v in pts.items()}}

    def compute() -> dict[str, np.ndarray]:
        import warnings

        import umap

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # umap warns that random_state disables parallelism
            reducer = umap.UMAP(n_neighbors=n_neighbors, min_dist=min_dist, random_state=random_state)
            reducer.fit(Xa[idx])
            out = {"sample": idx, "data_xy": np.asarray(reducer.embedding_, np.float32)}
            for k, v in pts.items():
                flat = v.reshape(-1, v.shape[-1])
                out[f"{k}_xy"] = np.asarray(reducer.transform(flat), np.float32).reshape(*v.shape[:-1], 2)
        return out

    return cache.cached_arrays(cache_name, config, compute)


def _uris(images: np.ndarray) -> list[str]:
    from .images import png_data_uris

    return png_data_uris(1.0 - np.clip(np.asarray(images, np.float32), 0, 1))


def concept_map_figure(prototypes: np.ndarray, classes: np.ndarray, layouts: Mapping[str, np.ndarray],
                       class_names: list[str] | tuple[str, ...], *, title: str = "") -> "go.Figure":
    """F21: every prototype drawn as its picture at its 2-D position, framed in its class colour.

    ``layouts`` maps a name ("PCA", "UMAP") to positions ``[K, 2]``; buttons switch between them.
    Hover a picture for its unit and class; drag to zoom, double-click to reset.
    """
    import plotly.graph_objects as go

    from .images import CLASS_COLORS

    uris = _uris(prototypes)
    K = len(prototypes)
    names = list(layouts)
    if not names:
        raise ValueError("concept_map_figure needs at least one layout.")

    def state(name: str) -> tuple[dict, dict]:
        xy = np.asarray(layouts[name], np.float64)
        if xy.shape != (K, 2) or not np.isfinite(xy).all():
            raise ValueError(f"each layout must be finite [K={K}, 2]; got {xy.shape}.")
        span = float(np.ptp(xy, axis=0).max()) or 1.0
        s = span / 11
        pad = s
        images = [dict(source=u, xref="x", yref="y", x=x, y=y, sizex=s, sizey=s, xanchor="center",
                       yanchor="middle", sizing="stretch", layer="above") for u, (x, y) in zip(uris, xy)]
        shapes = [dict(type="rect", xref="x", yref="y", x0=x - s / 2, x1=x + s / 2, y0=y - s / 2, y1=y + s / 2,
                       line=dict(color=CLASS_COLORS[c], width=3), layer="above") for (x, y), c in zip(xy, classes)]
        data = {"x": [xy[classes == c, 0].tolist() for c in range(len(class_names))],
                "y": [xy[classes == c, 1].tolist() for c in range(len(class_names))]}
        lay = {"images": images, "shapes": shapes,
               "xaxis.range": [xy[:, 0].min() - pad, xy[:, 0].max() + pad],
               "yaxis.range": [xy[:, 1].min() - pad, xy[:, 1].max() + pad],
               "xaxis.title.text": f"{name} 1", "yaxis.title.text": f"{name} 2"}
        return data, lay

    fig = go.Figure()
    for c, name in enumerate(class_names):
        units = np.flatnonzero(classes == c)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=name, customdata=units,
                                 marker=dict(size=28, symbol="square", color=CLASS_COLORS[c], opacity=0.25),
                                 hovertemplate=f"unit %{{customdata}} · votes {name}<extra></extra>"))
    buttons = []
    for n in names:
        data, lay = state(n)
        buttons.append(dict(label=n, method="update", args=[data, lay]))
    data0, lay0 = state(names[0])
    for i, tr in enumerate(fig.data):
        tr.x, tr.y = data0["x"][i], data0["y"][i]
    fig.update_layout(images=lay0["images"], shapes=lay0["shapes"], height=680, title=dict(text=title, y=0.98),
                      legend=dict(title="class it detects"), margin=dict(t=100, l=60, r=20, b=50),
                      updatemenus=[dict(type="buttons", direction="right", x=1, y=1.02, xanchor="right",
                                        yanchor="bottom", buttons=buttons, showactive=True)])
    fig.update_xaxes(range=lay0["xaxis.range"], title=lay0["xaxis.title.text"], zeroline=False)
    fig.update_yaxes(range=lay0["yaxis.range"], title=lay0["yaxis.title.text"], zeroline=False,
                     scaleanchor="x", scaleratio=1)
    return fig


def trajectory_figure(data_xy: np.ndarray, data_labels: np.ndarray, trajectories: Mapping[str, np.ndarray],
                      steps: np.ndarray, class_names: list[str] | tuple[str, ...], *, title: str = "") -> "go.Figure":
    """F25: prototypes' trajectories ``[S, K, 2]`` (one per seed) over a faint map of the data.

    A slider (and a play button) moves through the snapshots; buttons show one seed or both.
    Each trajectory is drawn up to the current snapshot, with the prototypes' current
    positions as markers.
    """
    import plotly.graph_objects as go

    from .images import CLASS_COLORS

    names = list(trajectories)
    S = len(steps)
    for n, tr in trajectories.items():
        if tr.shape[0] != S or tr.shape[-1] != 2:
            raise ValueError(f"trajectory {n!r} must be [S={S}, K, 2]; got {tr.shape}.")
    seed_colors = ["#111111", "#d62728", "#1f77b4", "#2ca02c"]
    fig = go.Figure()
    for c, name in enumerate(class_names):
        m = data_labels == c
        fig.add_trace(go.Scatter(x=data_xy[m, 0], y=data_xy[m, 1], mode="markers", name=name, legendgroup="data",
                                 legendgrouptitle_text="data (by class)" if c == 0 else None,
                                 marker=dict(size=3, color=CLASS_COLORS[c], opacity=0.25), hoverinfo="skip"))
    n_data = len(fig.data)

    def trails(tr: np.ndarray, s: int) -> tuple[list, list]:
        xs: list = []
        ys: list = []
        for k in range(tr.shape[1]):
            xs += tr[: s + 1, k, 0].tolist() + [None]
            ys += tr[: s + 1, k, 1].tolist() + [None]
        return xs, ys

    for j, n in enumerate(names):
        tr = trajectories[n]
        xs, ys = trails(tr, 0)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=f"{n}: path", legendgroup=n,
                                 line=dict(color=seed_colors[j], width=1), opacity=0.6, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=tr[0, :, 0], y=tr[0, :, 1], mode="markers", name=f"{n}: prototypes",
                                 legendgroup=n, customdata=np.arange(tr.shape[1]),
                                 hovertemplate="prototype %{customdata}<extra>" + n + "</extra>",
                                 marker=dict(size=8, color=seed_colors[j], symbol="x" if j else "circle",
                                             line=dict(width=1, color="white"))))
    moving = list(range(n_data, len(fig.data)))
    frames = []
    for s in range(S):
        data = []
        for n in names:
            xs, ys = trails(trajectories[n], s)
            data += [go.Scatter(x=xs, y=ys), go.Scatter(x=trajectories[n][s, :, 0], y=trajectories[n][s, :, 1])]
        frames.append(go.Frame(name=str(s), data=data, traces=moving))
    fig.frames = frames
    anim = dict(mode="immediate", frame=dict(duration=0, redraw=False), transition=dict(duration=0))
    slider = dict(active=0, currentvalue=dict(prefix="snapshot at training step "), pad=dict(t=40),
                  steps=[dict(label=str(int(st)), method="animate", args=[[str(s)], anim]) for s, st in enumerate(steps)])
    vis_all = [True] * len(fig.data)

    def only(j: int) -> list[bool]:
        v = [True] * n_data
        for k in range(len(names)):
            v += [k == j, k == j]
        return v

    seed_buttons = [dict(label="both seeds", method="restyle", args=[{"visible": vis_all}])]
    seed_buttons += [dict(label=f"{n} only", method="restyle", args=[{"visible": only(j)}]) for j, n in enumerate(names)]
    play = dict(label="▶ play", method="animate",
                args=[None, dict(mode="immediate", fromcurrent=True, frame=dict(duration=150, redraw=False),
                                 transition=dict(duration=0))])
    fig.update_layout(
        title=dict(text=title, y=0.98), height=680, sliders=[slider], margin=dict(t=110),
        xaxis=dict(title="UMAP 1", zeroline=False), yaxis=dict(title="UMAP 2", zeroline=False),
        updatemenus=[dict(type="buttons", direction="right", x=0, y=1.02, xanchor="left", yanchor="bottom",
                          buttons=seed_buttons, showactive=True),
                     dict(type="buttons", direction="right", x=1, y=1.02, xanchor="right", yanchor="bottom",
                          buttons=[play], showactive=False)])
    return fig
