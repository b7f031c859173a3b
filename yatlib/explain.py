r"""Reading a trained Yat MLP: galleries, votes, shares and abstention.

A Yat MLP computes the activations :math:`\phi_u(x)` of its ``K`` prototypes
and a linear readout, :math:`z_c(x) = \sum_u \phi_u(x) A_{uc} + c_c`. Because
every :math:`\phi_u(x) \ge 0`, the normalised activations

.. math::

    a_u(x) = \frac{\phi_u(x)}{\sum_v \phi_v(x)}, \qquad a_u \ge 0,\quad \sum_u a_u(x) = 1,

are the *shares* of the prototypes in the input: the logits are
:math:`z_c = \big(\sum_v \phi_v\big) \sum_u a_u A_{uc} + c_c`, a convex mix of
the prototypes' votes (the rows :math:`A_{u\cdot}`) scaled by the total match.

The *max-match* :math:`m(x) = \max_u \phi_u(x)` says how well the best
prototype fits. The model abstains ("I don't recognise this") when
:math:`m(x) < \tau`. For a threshold :math:`\tau`, the fraction of
in-distribution items accepted, :math:`P_{\text{in}}(m \ge \tau)`, and the
fraction of out-of-distribution items rejected, :math:`P_{\text{out}}(m < \tau)`,
trace a trade-off curve as :math:`\tau` varies.

The same formulas run in the browser (``yatlib/widgets/classifier.js``); a unit
test checks that both give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from jax.typing import ArrayLike

from .images import CLASS_COLORS, gallery_figure, png_data_uri
from .kernels import squared_distances
from .layers import ReluMLP, YatMLP

__all__ = [
    "Explanation",
    "activations",
    "shares",
    "max_match",
    "voted_class",
    "vote_decomposition",
    "explain",
    "abstain",
    "tradeoff_curve",
    "threshold_grid",
    "model_arrays",
    "nearest_image_class",
    "relu_filters",
    "gallery_switch_figure",
    "training_curves_figure",
]


def _as_2d(X: ArrayLike) -> np.ndarray:
    Xa = np.asarray(X, np.float32)
    if Xa.ndim == 1:
        Xa = Xa[None]
    if Xa.ndim != 2 or len(Xa) == 0:
        raise ValueError(f"inputs must be a non-empty [N, D] array (or one [D] vector); got shape {Xa.shape}.")
    return Xa


def activations(model: YatMLP, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    r"""The activations :math:`\phi_u(x)` of ``model``'s prototypes, numpy ``[N, K]`` (float64)."""
    if not isinstance(model, YatMLP):
        raise ValueError(f"activations needs a YatMLP; got {type(model).__name__} (a ReLU unit has no prototype).")
    Xa = _as_2d(X)
    return np.concatenate([np.asarray(model.yat(Xa[i : i + batch_size]), np.float64)
                           for i in range(0, len(Xa), batch_size)])


def shares(phi: ArrayLike) -> np.ndarray:
    r"""Normalised activations :math:`a_u = \phi_u / \sum_v \phi_v` along the last axis (each row sums to 1).

    A row whose activations are all zero gets equal shares :math:`1/K`.
    """
    p = np.asarray(phi, np.float64)
    if p.ndim == 0 or p.shape[-1] == 0:
        raise ValueError("shares needs at least one activation.")
    if (p < 0).any() or not np.isfinite(p).all():
        raise ValueError("activations must be finite and non-negative (Yat activations always are).")
    total = p.sum(-1, keepdims=True)
    return np.where(total > 0, p / np.where(total > 0, total, 1.0), 1.0 / p.shape[-1])


def max_match(phi: ArrayLike) -> np.ndarray:
    r"""The best match :math:`m(x) = \max_u \phi_u(x)` of each row of activations."""
    p = np.asarray(phi, np.float64)
    if p.ndim == 0 or p.shape[-1] == 0:
        raise ValueError("max_match needs at least one activation.")
    return p.max(-1)


def voted_class(model: YatMLP) -> np.ndarray:
    r"""The class each prototype votes for, :math:`\arg\max_c A_{uc}` (its readout row), ``[K]``."""
    return np.asarray(model.readout.kernel[...]).argmax(-1)


def vote_decomposition(model: YatMLP, x: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""The logits of one input split by prototype: ``(V [K, C], bias [C])`` with :math:`V_{uc} = \phi_u(x) A_{uc}`.

    The column sums plus the bias are the logits: :math:`z_c = \sum_u V_{uc} + c_c`.
    """
    phi = activations(model, x)
    if len(phi) != 1:
        raise ValueError("vote_decomposition explains one input at a time; pass a single [D] vector.")
    A = np.asarray(model.readout.kernel[...], np.float64)
    return phi[0][:, None] * A, np.asarray(model.readout.bias[...], np.float64)


@dataclass
class Explanation:
    """One prediction read as a vote.

    Attributes
    ----------
    prediction : int
        The predicted class (argmax of the logits).
    logits : array ``[C]``
    shares : array ``[K]``
        :math:`a_u(x)`, summing to 1.
    top : array of int
        The prototypes with the largest shares, largest first.
    max_match : float
        :math:`\\max_u \\phi_u(x)`.
    abstains : bool
        True when a threshold was given and ``max_match < tau``.
    """

    prediction: int
    logits: np.ndarray
    shares: np.ndarray
    top: np.ndarray
    max_match: float
    abstains: bool


def explain(model: YatMLP, x: ArrayLike, *, top: int = 5, tau: float | None = None) -> Explanation:
    """Explain the prediction for one input ``x`` ``[D]``: shares, top prototypes, max-match, abstention."""
    phi = activations(model, x)
    if len(phi) != 1:
        raise ValueError("explain takes one input at a time; pass a single [D] vector.")
    if top < 1:
        raise ValueError(f"top must be >= 1; got {top}.")
    a = shares(phi)[0]
    V, bias = vote_decomposition(model, x)
    logits = V.sum(0) + bias
    m = float(phi[0].max())
    order = np.argsort(-a, kind="stable")[:top]
    return Explanation(int(logits.argmax()), logits, a, order, m, bool(tau is not None and m < tau))


def abstain(max_matches: ArrayLike, tau: float) -> np.ndarray:
    r"""True where the model abstains, :math:`m(x) < \tau`."""
    if not np.isfinite(tau) or tau < 0:
        raise ValueError(f"tau must be a finite number >= 0; got {tau}.")
    return np.asarray(max_matches) < tau


def threshold_grid(*max_matches: ArrayLike, n: int = 61) -> np.ndarray:
    """``n`` log-spaced thresholds covering the range of the given max-matches (with a margin)."""
    vals = np.concatenate([np.ravel(np.asarray(m, np.float64)) for m in max_matches])
    vals = vals[np.isfinite(vals) & (vals > 0)]
    if len(vals) == 0 or n < 2:
        raise ValueError("threshold_grid needs positive max-matches and n >= 2.")
    return np.geomspace(vals.min() / 1.5, vals.max() * 1.5, n)


def tradeoff_curve(max_in: ArrayLike, max_out: ArrayLike, taus: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""For each :math:`\tau`: the fraction of in-distribution items accepted, :math:`P_{\text{in}}(m \ge \tau)`,
    and of out-of-distribution items rejected, :math:`P_{\text{out}}(m < \tau)`."""
    mi, mo, t = (np.asarray(v, np.float64) for v in (max_in, max_out, taus))
    if mi.size == 0 or mo.size == 0:
        raise ValueError("tradeoff_curve needs at least one item of each set.")
    accepted = (mi[None, :] >= t[:, None]).mean(1)
    rejected = (mo[None, :] < t[:, None]).mean(1)
    return accepted, rejected


def model_arrays(model: YatMLP) -> dict[str, np.ndarray | float]:
    """The trained weights a browser needs to recompute the model: prototypes, b, eps, readout, bias."""
    return {
        "prototypes": np.asarray(model.yat.prototypes[...], np.float32),
        "b": float(model.yat.b),
        "eps": float(model.yat.eps),
        "readout": np.asarray(model.readout.kernel[...], np.float32),
        "bias": np.asarray(model.readout.bias[...], np.float32),
    }


def nearest_image_class(prototypes: ArrayLike, X: ArrayLike, y: ArrayLike, *, batch_size: int = 4096) -> np.ndarray:
    r"""The class of the training image closest to each prototype, :math:`y_{n(u)}` with
    :math:`n(u) = \arg\min_n \lVert x_n - w_u\rVert`, shape ``[K]``: what the prototype's picture shows."""
    W = _as_2d(prototypes)
    Xa, ya = _as_2d(X), np.asarray(y)
    if ya.shape != (len(Xa),):
        raise ValueError(f"y must have one label per row of X ({len(Xa)}); got shape {ya.shape}.")
    best = np.full(len(W), np.inf)
    arg = np.zeros(len(W), dtype=int)
    for i in range(0, len(Xa), batch_size):
        d = np.asarray(squared_distances(W, Xa[i : i + batch_size]))
        j = d.argmin(1)
        better = d[np.arange(len(W)), j] < best
        best[better] = d[np.arange(len(W)), j][better]
        arg[better] = i + j[better]
    return ya[arg]


def relu_filters(model: ReluMLP) -> np.ndarray:
    """The ReLU MLP's first-layer weights as ``[K, 784]`` rows (one filter per hidden unit)."""
    return np.asarray(model.hidden.kernel[...]).T


def gallery_switch_figure(
    panels: Sequence[dict],
    *,
    ncols: int = 12,
    class_names: Sequence[str] | None = None,
) -> go.Figure:
    """One gallery figure with a button per panel (e.g. Yat prototypes / ReLU filters).

    Each panel is a dict with ``label`` (the button), ``images`` ``[n, 784]``,
    ``normalise`` ('clip' or 'minmax'), ``title`` and optionally ``classes``
    (the class of each picture: its border colour and hover text). The buttons
    switch which gallery and borders are shown, with no kernel.
    """
    if not panels:
        raise ValueError("gallery_switch_figure needs at least one panel.")
    fig = go.Figure()
    states = []
    for i, p in enumerate(panels):
        classes = p.get("classes")
        names = class_names or [str(c) for c in range(10)]
        titles = ([f"unit {u}: votes for {names[c]}" for u, c in enumerate(classes)] if classes is not None
                  else [f"unit {u}" for u in range(len(p["images"]))])
        g = gallery_figure(p["images"], ncols=ncols, normalise=p.get("normalise", "clip"),
                           border_colors=[CLASS_COLORS[c] for c in classes] if classes is not None else None)
        # the grid as one PNG (a few kB) rather than a heatmap of numbers (hundreds of kB per panel)
        z = np.asarray(g.data[0].z, dtype=np.uint8)
        fig.add_trace(go.Image(source=png_data_uri(z.ravel() / 255.0, shape=z.shape), x0=0, dx=1, y0=0, dy=1,
                               colormodel="rgb", hoverinfo="skip", visible=i == 0))
        # hover text on one invisible marker per picture (a per-pixel text grid would weigh megabytes)
        n_img, cols = len(p["images"]), max(1, min(ncols, len(p["images"])))
        rows, cell = -(-n_img // cols), 34
        k = np.arange(n_img)
        fig.add_trace(go.Scatter(x=(k % cols) * cell + cell / 2, y=(rows - 1 - k // cols) * cell + cell / 2,
                                 mode="markers", marker=dict(size=24, opacity=0), text=titles,
                                 hovertemplate="%{text}<extra></extra>", visible=i == 0, showlegend=False))
        key = [] if classes is None else [dict(
            text="frame colour: " + "<br>".join(
                "  ".join(f"<span style='color:{CLASS_COLORS[c]}'>■</span> {names[c]}" for c in row)
                for row in np.array_split(sorted(set(int(v) for v in classes)), 2) if len(row)),
            xref="paper", yref="paper", x=0, y=-0.02, xanchor="left", yanchor="top", showarrow=False,
            font=dict(size=11))]
        states.append((list(g.layout.shapes), p["title"], g.layout.height, g.layout.width, key))
    n = len(panels)
    buttons = [dict(label=p["label"], method="update",
                    args=[{"visible": [j // 2 == i for j in range(2 * n)]},
                          {"shapes": states[i][0], "title.text": states[i][1], "annotations": states[i][4]}])
               for i, p in enumerate(panels)]
    fig.update_layout(shapes=states[0][0], annotations=states[0][4], title=dict(text=states[0][1], y=0.97),
                      height=states[0][2] + 90, width=max(s[3] for s in states),
                      margin=dict(l=10, r=10, t=90, b=40),
                      updatemenus=[dict(type="buttons", direction="right", buttons=buttons, active=0,
                                        x=0.0, xanchor="left", y=1.0, yanchor="bottom", pad=dict(b=30))])
    fig.update_xaxes(visible=False, scaleanchor="y", constrain="domain")
    fig.update_yaxes(visible=False, constrain="domain", autorange=True)
    return fig


def training_curves_figure(histories: dict[str, object], colors: Sequence[str] = ("#2d5f9a", "#e4572e")) -> go.Figure:
    """Training loss and training accuracy per epoch for several runs (``{name: History}``), side by side."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2, subplot_titles=("training loss", "training accuracy"))
    for i, (name, hist) in enumerate(histories.items()):
        epochs = list(range(1, len(hist.loss) + 1))  # type: ignore[attr-defined]
        color = colors[i % len(colors)]
        fig.add_trace(go.Scatter(x=epochs, y=hist.loss, name=name, mode="lines+markers",  # type: ignore[attr-defined]
                                 line=dict(color=color), legendgroup=name), row=1, col=1)
        fig.add_trace(go.Scatter(x=epochs, y=[100 * a for a in hist.train_accuracy], name=name,  # type: ignore[attr-defined]
                                 mode="lines+markers", line=dict(color=color), legendgroup=name, showlegend=False),
                      row=1, col=2)
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text="mean cross-entropy (log scale)", type="log", row=1, col=1)
    fig.update_yaxes(title_text="accuracy on the batches seen (%)", row=1, col=2)
    fig.update_layout(height=360, margin=dict(t=40))
    return fig
