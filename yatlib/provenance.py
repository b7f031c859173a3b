r"""Where the pictures come from: prototypes seeded from images or from noise.

A prototype is a point in image space, so one can ask how far it is from the
data. For a prototype :math:`w` and training images :math:`x_1, \dots, x_N`,

.. math::

    d(w) = \min_n \lVert w - x_n \rVert_2 .

The yardstick is the data's own **nearest-neighbour floor**: for sampled
training images :math:`x_i`, the distance to the nearest *other* training image,

.. math::

    f_i = \min_{n \ne i} \lVert x_i - x_n \rVert_2 ,

whose mean says how far apart real images typically are. A prototype with
:math:`d(w)` of the order of the floor sits among the data; one several times
farther is off the data, whatever its accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from jax.typing import ArrayLike

from . import data as _data
from .recipes import COMPANION, Recipe, Trained, train
from .training import accuracy

__all__ = ["nearest_distances", "nn_floor", "SeedRun", "seed_runs", "seed_figure", "part2_umap"]


def nearest_distances(P: ArrayLike, X: ArrayLike, *, exclude: ArrayLike | None = None,
                      batch_size: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    r"""For each row :math:`p` of ``P``, the distance to the nearest row of ``X`` and its index.

    Candidates are ranked by :math:`\lVert p\rVert^2 + \lVert x\rVert^2 - 2\,p\cdot x`;
    the winner's distance is then recomputed directly as :math:`\lVert p - x\rVert`.

    Parameters
    ----------
    P : array ``[M, D]``
    X : array ``[N, D]``
    exclude : array ``[M]`` of int, optional
        For row ``m``, index ``exclude[m]`` of ``X`` is skipped (the point itself,
        when ``P`` is drawn from ``X``).

    Returns
    -------
    (distances ``[M]``, indices ``[M]``)
    """
    Pa, Xa = np.asarray(P, np.float32), np.asarray(X, np.float32)
    if Pa.ndim != 2 or Xa.ndim != 2 or Pa.shape[1] != Xa.shape[1] or len(Xa) == 0:
        raise ValueError(f"need P [M, D] and non-empty X [N, D]; got {Pa.shape}, {Xa.shape}.")
    ex = None if exclude is None else np.asarray(exclude)
    if ex is not None and ex.shape != (len(Pa),):
        raise ValueError(f"exclude must have one index per row of P ({len(Pa)}); got shape {ex.shape}.")
    xx = (Xa.astype(np.float64) ** 2).sum(1)
    dist, where = np.empty(len(Pa)), np.empty(len(Pa), dtype=np.int64)
    for s in range(0, len(Pa), batch_size):
        Pb = Pa[s : s + batch_size]
        d2 = (Pb.astype(np.float64) ** 2).sum(1)[:, None] + xx[None] - 2.0 * (Pb @ Xa.T).astype(np.float64)
        if ex is not None:
            d2[np.arange(len(Pb)), ex[s : s + batch_size]] = np.inf
        j = d2.argmin(1)
        where[s : s + len(Pb)] = j
        # the winner's distance, recomputed directly (no cancellation error)
        dist[s : s + len(Pb)] = np.linalg.norm(Pb.astype(np.float64) - Xa[j].astype(np.float64), axis=1)
    return dist, where


def nn_floor(X: ArrayLike, *, n_sample: int = 2000, seed: int = 0) -> np.ndarray:
    """The data's nearest-neighbour floor: for ``n_sample`` random rows of ``X``, the distance to the nearest other row."""
    Xa = np.asarray(X, np.float32)
    if not 1 <= n_sample <= len(Xa) - 1:
        raise ValueError(f"n_sample must be between 1 and {len(Xa) - 1}; got {n_sample}.")
    idx = np.random.default_rng(seed).choice(len(Xa), size=n_sample, replace=False)
    return nearest_distances(Xa[idx], Xa, exclude=idx)[0]


@dataclass
class SeedRun:
    """One training run of the seed comparison.

    Attributes
    ----------
    seed : {'images', 'noise'}
    length : int
        Training length as a multiple of the standard 12 epochs.
    trained : Trained
    accuracy : float
        Test accuracy on the first 5,000 test images.
    distances : ndarray ``[K]``
        Each trained prototype's distance to its nearest training image.
    start_distances : ndarray ``[K]``
        The same for the initial prototypes.
    """

    seed: str
    length: int
    trained: Trained
    accuracy: float
    distances: np.ndarray
    start_distances: np.ndarray

    @property
    def prototypes(self) -> np.ndarray:
        """The trained prototypes ``[K, D]``."""
        return np.asarray(self.trained.model.yat.prototypes[...])


def seed_runs(base: Recipe = COMPANION, *, lengths: tuple[int, ...] = (1, 10), snapshot_every: int = 39,
              n_test: int = 5000) -> list[SeedRun]:
    """Train (or load) ``base`` seeded from images and from noise, at each training length.

    Runs of length 1 keep prototype snapshots every ``snapshot_every`` steps (for the
    trajectories); longer runs keep none. Distances are measured to the run's own
    training images (the first ``base.train_size``).
    """
    from .recipes import seed_prototypes

    X, y = _data.load("fashion-mnist", "train")
    Xte, yte = _data.load("fashion-mnist", "test")
    pool = X[: base.train_size]
    runs = []
    for length in lengths:
        for seed in ("images", "noise"):
            recipe = base.but(init=seed, epochs=base.epochs * length,
                              snapshot_every=snapshot_every if length == 1 else 0)
            tr = train(recipe, X=X, y=y)
            W = np.asarray(tr.model.yat.prototypes[...])
            runs.append(SeedRun(seed, length, tr, accuracy(tr.model, Xte[:n_test], yte[:n_test]),
                                nearest_distances(W, pool)[0],
                                nearest_distances(seed_prototypes(X, recipe), pool)[0]))
    return runs


def seed_figure(runs: list[SeedRun], floor: np.ndarray, *, title: str = "") -> "go.Figure":
    """F24: for each run (seed x training length) its prototype gallery and the histogram of
    prototype-to-nearest-training-image distances against the data's nearest-neighbour floor.

    One button per run; the floor (grey) stays in every view.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from .images import gallery_figure

    fig = make_subplots(rows=1, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.08,
                        subplot_titles=("prototypes (28×28 each)", "distance to the nearest training image"))
    hi = float(max(max(r.distances.max() for r in runs), floor.max())) * 1.05
    fig.add_trace(go.Histogram(x=floor, name="data: image to its nearest other image", histnorm="probability",
                               xbins=dict(start=0, end=hi, size=hi / 40), marker_color="#9a9a9a", opacity=0.6),
                  row=1, col=2)
    labels = []
    for i, r in enumerate(runs):
        g = gallery_figure(r.prototypes, ncols=8).data[0]
        g.visible = i == 0
        fig.add_trace(g, row=1, col=1)
        fig.add_trace(go.Histogram(x=r.distances, name="prototypes: to their nearest training image",
                                   histnorm="probability", xbins=dict(start=0, end=hi, size=hi / 40),
                                   marker_color="#d62728" if r.seed == "noise" else "#1f77b4", opacity=0.7,
                                   visible=i == 0), row=1, col=2)
        labels.append(f"{r.seed} seed · {r.length}× steps")
    n = len(fig.data)

    def note(r: SeedRun) -> str:
        return (f"<b>{r.seed} seed, {r.length}× steps</b>: test accuracy {r.accuracy:.1%}; "
                f"mean distance {r.distances.mean():.2f} = {r.distances.mean() / floor.mean():.2f}× the floor "
                f"({floor.mean():.2f})")

    buttons = []
    for i, r in enumerate(runs):
        vis = [True] + [False] * (n - 1)
        vis[1 + 2 * i] = vis[2 + 2 * i] = True
        buttons.append(dict(label=labels[i], method="update", args=[{"visible": vis}, {"annotations[2].text": note(r)}]))
    fig.add_annotation(text=note(runs[0]), xref="paper", yref="paper", x=0, y=-0.24, showarrow=False, xanchor="left",
                       font=dict(size=13))
    fig.add_vline(x=float(floor.mean()), line_dash="dash", line_color="#444", row=1, col=2)
    fig.update_xaxes(visible=False, scaleanchor="y", constrain="domain", row=1, col=1)
    fig.update_yaxes(visible=False, constrain="domain", row=1, col=1)
    fig.update_xaxes(title_text="distance in pixel space (dashed: the data's floor)", range=[0, hi],
                     row=1, col=2)
    fig.update_yaxes(title_text="fraction", row=1, col=2)
    fig.update_layout(title=dict(text=title, y=0.98), height=540, barmode="overlay", margin=dict(t=130, b=130),
                      legend=dict(orientation="h", x=0.5, y=-0.36, xanchor="center"),
                      updatemenus=[dict(type="buttons", direction="right", x=0, y=1.12, xanchor="left",
                                        yanchor="bottom", buttons=buttons, showactive=True)])
    return fig


def part2_umap(*, snapshot_every: int = 39) -> dict[str, np.ndarray]:
    """The UMAP map of Part II, shared by its chapters so that it is fitted once.

    Fitted on 3,000 of the first 20,000 training images (:func:`yatlib.projection.umap_map`
    with the article's settings); it places the shipped model's prototypes
    (``"shipped_xy"``, ``[50, 2]``) and the prototype snapshots of the standard-length
    runs seeded from images and from noise (``"images_xy"``, ``"noise_xy"``, ``[S, 48, 2]``).
    Also returns ``"snapshot_steps"``.
    """
    from .projection import umap_map
    from .recipes import SHIPPED

    X, y = _data.load("fashion-mnist", "train")
    shipped = train(SHIPPED, X=X, y=y)
    snaps = {seed: train(COMPANION.but(init=seed, snapshot_every=snapshot_every), X=X, y=y) for seed in ("images", "noise")}
    out = umap_map(X[: COMPANION.train_size], {
        "shipped": np.asarray(shipped.model.yat.prototypes[...]),
        "images": snaps["images"].snapshots,
        "noise": snaps["noise"].snapshots,
    })
    return {**out, "snapshot_steps": np.asarray(snaps["images"].snapshot_steps)}
