r"""The classifier built by hand as a starting point for training (warm starts).

A *warm start* sets the Yat MLP's prototypes to k-means centroids of each class
and its readout to the one-hot votes :math:`A_{uc} = 1[c(u) = c]`, so that at
step zero the network already computes the sum-vote classifier

.. math::

    \hat y(x) = \arg\max_c \sum_{u:\,c(u) = c} \phi_u(x),
    \qquad
    \phi_u(x) = \frac{(w_u\cdot x + b)^2}{\lVert x - w_u\rVert^2 + \varepsilon},

and gradient descent only has to refine it. A *cold start* (the "random start"
of the articles) takes the same number of prototypes from random training
images and a randomly initialised readout, so training must first discover
which prototype speaks for which class.

Two experiments compare them:

* :func:`little_data_run`: every class has only ``per_class`` training images;
* :func:`rare_class_run`: a few classes are starved to ``n_rare`` images while
  the others keep all of theirs; the recall of the starved classes is reported.

Every run is seeded; :func:`little_data_table` and :func:`rare_class_table`
repeat a run over seeds and cache the results with :mod:`yatlib.cache`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np
from flax import nnx

from . import cache, data
from .layers import YatMLP
from .prototypes import kmeans_prototypes
from .training import accuracy, fit, predict

__all__ = [
    "little_data_text",
    "rare_class_text",
    "little_data_figure",
    "rare_class_figure",
    "WarmStartSetting",
    "LITTLE_DATA",
    "RARE_CLASSES",
    "per_class_subset",
    "starve_classes",
    "warm_model",
    "cold_model",
    "recall",
    "little_data_run",
    "rare_class_run",
    "little_data_table",
    "rare_class_table",
]


@dataclass(frozen=True)
class WarmStartSetting:
    """The settings shared by the warm-start experiments.

    Attributes
    ----------
    protos_per_class : int
        k-means centroids per class in the warm start (K = 10 times this).
    b, eps : float
        Initial :math:`b` and :math:`\\varepsilon` of both starts. The companion
        article runs "the exact same training loop" as its trained model, whose
        layer starts at :math:`b_0 = \\varepsilon_0 = 1`.
    epochs, batch_size, learning_rate : training settings (Adam).
    pool_size : int
        Training images are drawn from the first ``pool_size`` training images.
    test_size : int
        Accuracy and recall are measured on the first ``test_size`` test images.
    rest_per_class : int or None
        In the rare-class experiment, the classes that are not starved keep this
        many random images each (None: all of theirs in the pool).
    """

    protos_per_class: int = 5
    b: float = 1.0
    eps: float = 1.0
    epochs: int = 60
    batch_size: int = 100
    learning_rate: float = 4e-3
    pool_size: int = 20000
    test_size: int = 10000
    rest_per_class: int | None = None

    def but(self, **changes: object) -> "WarmStartSetting":
        """A copy with some settings changed."""
        from dataclasses import replace

        return replace(self, **changes)


LITTLE_DATA = WarmStartSetting()
"""Claim C09: 40 images per class, K = 50, fine-tuned 60 epochs with batch 100."""

RARE_CLASSES = WarmStartSetting(epochs=12, batch_size=256, rest_per_class=1000)
"""Claim C10: the companion's training loop (12 epochs, batch 256) on an unbalanced set:
the starved classes keep a few images, every other class 1,000 random images of the pool."""


def _check_seed(seed: int) -> int:
    if not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed!r}.")
    return int(seed)


def per_class_subset(y: np.ndarray, per_class: int, *, seed: int) -> np.ndarray:
    """Indices of ``per_class`` items drawn at random from each class of ``y`` (sorted)."""
    y = np.asarray(y)
    if per_class < 1:
        raise ValueError(f"per_class must be >= 1; got {per_class}.")
    rng = np.random.default_rng(_check_seed(seed))
    picks = []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        if len(idx) < per_class:
            raise ValueError(f"class {c} has only {len(idx)} items; cannot draw {per_class}.")
        picks.append(rng.choice(idx, size=per_class, replace=False))
    return np.sort(np.concatenate(picks))


def starve_classes(y: np.ndarray, starved: Sequence[int], n_rare: int, *, seed: int,
                   rest_per_class: int | None = None) -> np.ndarray:
    """Indices of ``y`` keeping ``n_rare`` random items of each starved class and, of every other class,
    ``rest_per_class`` random items (all of them when None)."""
    y = np.asarray(y)
    if len(starved) == 0:
        raise ValueError("starved must name at least one class.")
    if n_rare < 1:
        raise ValueError(f"n_rare must be >= 1; got {n_rare}.")
    rng = np.random.default_rng(_check_seed(seed))
    keep = np.ones(len(y), bool)
    for c in np.unique(y):
        n = n_rare if c in set(int(s) for s in starved) else rest_per_class
        if n is None:
            continue
        idx = np.flatnonzero(y == c)
        if len(idx) < n:
            raise ValueError(f"class {c} has only {len(idx)} items; cannot keep {n}.")
        keep[idx] = False
        keep[rng.choice(idx, size=n, replace=False)] = True
    return np.flatnonzero(keep)


def warm_model(X: np.ndarray, y: np.ndarray, setting: WarmStartSetting, *, seed: int = 0,
               n_classes: int = 10) -> YatMLP:
    """The classifier built by hand from ``(X, y)``: per-class k-means centroids, one-hot readout."""
    W, lab = kmeans_prototypes(X, y, setting.protos_per_class, max_per_class=None, random_state=seed)
    return YatMLP.from_prototypes(W, lab, n_classes, b=setting.b, eps=setting.eps, rngs=nnx.Rngs(seed))


def cold_model(X: np.ndarray, setting: WarmStartSetting, *, seed: int = 0, n_classes: int = 10) -> YatMLP:
    """The random start: ``K`` random images of ``X`` as prototypes and a randomly initialised readout."""
    k = setting.protos_per_class * n_classes
    if len(X) < k:
        raise ValueError(f"need at least {k} training images for a random start; got {len(X)}.")
    pick = np.random.default_rng(_check_seed(seed)).choice(len(X), size=k, replace=False)
    return YatMLP(X.shape[1], k, n_classes, rngs=nnx.Rngs(seed), prototypes=X[pick],
                  b_init=setting.b, eps_init=setting.eps)


def recall(model: nnx.Module, X: np.ndarray, y: np.ndarray, n_classes: int = 10) -> np.ndarray:
    r"""Recall of each class, :math:`P(\hat y = c \mid y = c)`, shape ``[n_classes]``."""
    pred = predict(model, X)
    y = np.asarray(y)
    return np.array([(pred[y == c] == c).mean() if (y == c).any() else np.nan for c in range(n_classes)])


def _fit(model: nnx.Module, X: np.ndarray, y: np.ndarray, setting: WarmStartSetting, seed: int) -> None:
    fit(model, X, y, epochs=setting.epochs, batch_size=setting.batch_size, learning_rate=setting.learning_rate,
        seed=seed, progress=False)


def _test(setting: WarmStartSetting) -> tuple[np.ndarray, np.ndarray]:
    Xt, yt = data.load("fashion-mnist", "test")
    return Xt[: setting.test_size], yt[: setting.test_size]


def _pool(setting: WarmStartSetting) -> tuple[np.ndarray, np.ndarray]:
    X, y = data.load("fashion-mnist", "train")
    return X[: setting.pool_size], y[: setting.pool_size]


def little_data_run(per_class: int, setting: WarmStartSetting = LITTLE_DATA, *, seed: int = 0) -> dict[str, float]:
    """One little-data run: accuracy at zero steps, warm after fine-tuning, and from a random start.

    The training set is ``per_class`` random images of each class from the pool
    (seeded). Returns test accuracies ``{'zero_step', 'warm', 'cold'}``.
    """
    X, y = _pool(setting)
    Xt, yt = _test(setting)
    idx = per_class_subset(y, per_class, seed=seed)
    Xs, ys = X[idx], y[idx]
    warm = warm_model(Xs, ys, setting, seed=seed)
    zero = accuracy(warm, Xt, yt)
    _fit(warm, Xs, ys, setting, seed)
    cold = cold_model(Xs, setting, seed=seed)
    _fit(cold, Xs, ys, setting, seed)
    return {"zero_step": zero, "warm": accuracy(warm, Xt, yt), "cold": accuracy(cold, Xt, yt)}


def rare_class_run(starved: Sequence[int], n_rare: int, setting: WarmStartSetting = RARE_CLASSES, *,
                   seed: int = 0) -> dict[str, np.ndarray]:
    """One rare-class run: per-class test recall and accuracy of the warm and the cold start.

    The training set is the pool with the ``starved`` classes cut to ``n_rare``
    random images each (seeded), everything else kept. Returns
    ``{'warm_recall', 'cold_recall', 'zero_recall'}`` (arrays ``[10]``) and
    ``{'warm_accuracy', 'cold_accuracy', 'zero_accuracy'}``.
    """
    X, y = _pool(setting)
    Xt, yt = _test(setting)
    idx = starve_classes(y, starved, n_rare, seed=seed, rest_per_class=setting.rest_per_class)
    Xs, ys = X[idx], y[idx]
    out: dict[str, np.ndarray] = {}
    warm = warm_model(Xs, ys, setting, seed=seed)
    out["zero_recall"], out["zero_accuracy"] = recall(warm, Xt, yt), np.asarray(accuracy(warm, Xt, yt))
    _fit(warm, Xs, ys, setting, seed)
    cold = cold_model(Xs, setting, seed=seed)
    _fit(cold, Xs, ys, setting, seed)
    out["warm_recall"], out["warm_accuracy"] = recall(warm, Xt, yt), np.asarray(accuracy(warm, Xt, yt))
    out["cold_recall"], out["cold_accuracy"] = recall(cold, Xt, yt), np.asarray(accuracy(cold, Xt, yt))
    return out


def little_data_table(per_class: Sequence[int], seeds: Sequence[int], setting: WarmStartSetting = LITTLE_DATA,
                      *, verbose: bool = True) -> dict[str, np.ndarray]:
    """:func:`little_data_run` for every count and seed, cached.

    Returns arrays ``zero_step``, ``warm``, ``cold`` of shape ``[len(per_class), len(seeds)]``
    and the axes ``per_class``, ``seeds``.
    """
    config = {"per_class": [int(p) for p in per_class], "seeds": [int(s) for s in seeds], **asdict(setting)}

    def compute() -> dict[str, np.ndarray]:
        res = [[little_data_run(int(p), setting, seed=int(s)) for s in seeds] for p in per_class]
        return {k: np.array([[r[k] for r in row] for row in res]) for k in ("zero_step", "warm", "cold")} | {
            "per_class": np.asarray(per_class), "seeds": np.asarray(seeds)}

    return cache.cached_arrays("warmstart-little", config, compute, verbose=verbose)


def rare_class_table(starved: Sequence[int], n_rare: Sequence[int], seeds: Sequence[int],
                     setting: WarmStartSetting = RARE_CLASSES, *, verbose: bool = True) -> dict[str, np.ndarray]:
    """:func:`rare_class_run` for every starved size and seed, cached.

    Returns ``warm_recall``, ``cold_recall``, ``zero_recall`` of shape
    ``[len(n_rare), len(seeds), 10]``, the matching accuracies ``[len(n_rare), len(seeds)]``
    and the axes ``starved``, ``n_rare``, ``seeds``.
    """
    config = {"starved": [int(c) for c in starved], "n_rare": [int(n) for n in n_rare],
              "seeds": [int(s) for s in seeds], **asdict(setting)}

    def compute() -> dict[str, np.ndarray]:
        res = [[rare_class_run(starved, int(n), setting, seed=int(s)) for s in seeds] for n in n_rare]
        keys = res[0][0].keys()
        return {k: np.array([[r[k] for r in row] for row in res]) for k in keys} | {
            "starved": np.asarray(starved), "n_rare": np.asarray(n_rare), "seeds": np.asarray(seeds)}

    return cache.cached_arrays("warmstart-rare", config, compute, verbose=verbose)


# ---- reading the results ------------------------------------------------------------------


def little_data_text(table: dict[str, np.ndarray]) -> str:
    """The little-data results as a plain-text table, one row per count and seed, with means."""
    lines = [f"{'images/class':>12} {'seed':>5} {'zero-step':>10} {'warm, tuned':>12} {'random start':>13}"]
    for i, p in enumerate(table["per_class"]):
        for j, s in enumerate(table["seeds"]):
            lines.append(f"{int(p):>12} {int(s):>5} {table['zero_step'][i, j]:>10.1%} {table['warm'][i, j]:>12.1%} "
                         f"{table['cold'][i, j]:>13.1%}")
        lines.append(f"{int(p):>12} {'mean':>5} {table['zero_step'][i].mean():>10.1%} {table['warm'][i].mean():>12.1%} "
                     f"{table['cold'][i].mean():>13.1%}")
    return "\n".join(lines)


def rare_class_text(table: dict[str, np.ndarray], class_names: Sequence[str] = data.FASHION_CLASSES) -> str:
    """The rare-class results as a plain-text table: per seed, the starved classes' recall and the accuracy."""
    starved = [int(c) for c in table["starved"]]
    names = " + ".join(class_names[c] for c in starved)
    lines = [f"starved: {names}",
             f"{'kept':>5} {'seed':>5} {'rare recall: cold':>18} {'warm':>7} {'accuracy: cold':>15} {'warm':>7}"]
    for i, n in enumerate(table["n_rare"]):
        for j, s in enumerate(table["seeds"]):
            lines.append(f"{int(n):>5} {int(s):>5} {table['cold_recall'][i, j, starved].mean():>18.1%} "
                         f"{table['warm_recall'][i, j, starved].mean():>7.1%} {table['cold_accuracy'][i, j]:>15.1%} "
                         f"{table['warm_accuracy'][i, j]:>7.1%}")
        lines.append(f"{int(n):>5} {'mean':>5} {table['cold_recall'][i][:, starved].mean():>18.1%} "
                     f"{table['warm_recall'][i][:, starved].mean():>7.1%} {table['cold_accuracy'][i].mean():>15.1%} "
                     f"{table['warm_accuracy'][i].mean():>7.1%}")
    return "\n".join(lines)


def little_data_figure(table: dict[str, np.ndarray]) -> "go.Figure":
    """Bars of zero-step, fine-tuned warm and random-start accuracy (mean over seeds, seeds as dots),
    with a slider over the number of training images per class."""
    import plotly.graph_objects as go

    kinds = [("zero_step", "built by hand, 0 steps", "#9ab"), ("warm", "warm start, fine-tuned", "#2d5f9a"),
             ("cold", "random start, trained", "#e4572e")]
    fig = go.Figure()
    counts = [int(p) for p in table["per_class"]]
    for i, p in enumerate(counts):
        for key, label, color in kinds:
            vals = 100 * table[key][i]
            fig.add_trace(go.Bar(x=[label], y=[vals.mean()], marker_color=color, name=label, visible=i == 0,
                                 text=[f"{vals.mean():.1f}%"], textposition="outside", showlegend=False,
                                 hovertemplate=f"{label}<br>mean of {len(vals)} seeds: %{{y:.1f}}%<extra></extra>"))
            fig.add_trace(go.Scatter(x=[label] * len(vals), y=vals, mode="markers", visible=i == 0,
                                     marker=dict(color="black", size=6, symbol="circle-open"), showlegend=False,
                                     hovertemplate="one seed: %{y:.1f}%<extra></extra>"))
    per = 2 * len(kinds)
    steps = [dict(method="update", label=str(p),
                  args=[{"visible": [k // per == i for k in range(per * len(counts))]},
                        {"title.text": f"{p} training images per class ({10 * p} in all)"}])
             for i, p in enumerate(counts)]
    fig.update_layout(title=dict(text=f"{counts[0]} training images per class ({10 * counts[0]} in all)"),
                      yaxis=dict(title="test accuracy (%)", range=[0, 100]), xaxis=dict(title="how the network starts"),
                      height=430, margin=dict(t=60, b=40),
                      sliders=[dict(active=0, steps=steps, currentvalue=dict(prefix="training images per class: "),
                                    pad=dict(t=50))])
    return fig


def rare_class_figure(tables: Sequence[dict[str, np.ndarray]],
                      class_names: Sequence[str] = data.FASHION_CLASSES) -> "go.Figure":
    """Per-class test recall, warm vs cold start (mean over seeds), with a button per choice of starved classes.

    Uses the first entry of ``n_rare`` of each table. The starved classes are marked with a star.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    buttons = []
    for i, t in enumerate(tables):
        starved = [int(c) for c in t["starved"]]
        labels = [("★ " if c in starved else "") + name for c, name in enumerate(class_names)]
        for key, label, color in [("cold_recall", "random start", "#e4572e"), ("warm_recall", "warm start", "#2d5f9a")]:
            vals = 100 * t[key][0].mean(0)
            fig.add_trace(go.Bar(x=labels, y=vals, name=label, marker_color=color, visible=i == 0,
                                 hovertemplate=f"{label}<br>%{{x}}: %{{y:.1f}}% recall<extra></extra>"))
        names = " and ".join(class_names[c] for c in starved)
        rare_w = 100 * t["warm_recall"][0][:, starved].mean()
        rare_c = 100 * t["cold_recall"][0][:, starved].mean()
        title = (f"{names} starved to {int(t['n_rare'][0])} images (mean of {len(t['seeds'])} seeds)<br>"
                 f"<sup>rare-class recall {rare_c:.1f}% → {rare_w:.1f}%; accuracy "
                 f"{100 * t['cold_accuracy'][0].mean():.1f}% → {100 * t['warm_accuracy'][0].mean():.1f}% (random → warm)</sup>")
        buttons.append(dict(label=names, method="update",
                            args=[{"visible": [k // 2 == i for k in range(2 * len(tables))]}, {"title.text": title}]))
        if i == 0:
            fig.update_layout(title=dict(text=title))
    fig.update_layout(barmode="group", yaxis=dict(title="recall on the test set (%)", range=[0, 105]),
                      xaxis=dict(title="class (★ = starved)"), height=480, margin=dict(t=120),
                      legend=dict(orientation="h", y=-0.3),
                      updatemenus=[dict(type="buttons", direction="right", buttons=buttons, active=0,
                                        x=0, xanchor="left", y=1.32, yanchor="bottom")])
    return fig
