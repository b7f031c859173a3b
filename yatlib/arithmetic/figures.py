"""Figures of Part III (F26, the training curves and the naming counts) and the intervention table as text.

The interactive F27 and F28 are widgets: :mod:`yatlib.widgets.unit_explorer` and
:mod:`yatlib.widgets.ablation_explorer`. They show results; they never train.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .dataset import MNIST_MEAN, MNIST_STD, answer_text
from .glyphs import OPERATORS
from .interventions import HOWS
from .naming import SYMBOLS, UnitNames

__all__ = ["architecture_figure", "samples_figure", "tag_counts_figure", "phase_summary", "training_figure", "PHASE_WORDS",
           "HOW_LABELS", "format_table"]

HOW_LABELS: tuple[str, ...] = ("whole row", "operator slot only", "random rows, same number")
"""Reader's words for the interventions of :data:`~yatlib.arithmetic.interventions.HOWS`."""

_BLOCKS = [
    # (label, x, y, w, h, colour, hover text)
    ("digit a<br>28×28", 0.0, 2.0, 1.0, 0.8, "#dfe8f3", "input image of the first digit: [batch, 28, 28]"),
    ("operator<br>28×28", 0.0, 1.0, 1.0, 0.8, "#f6e3cf", "input image of the operator glyph: [batch, 28, 28]"),
    ("digit b<br>28×28", 0.0, 0.0, 1.0, 0.8, "#dfe8f3", "input image of the second digit: [batch, 28, 28]"),
    ("encoder E", 1.5, 2.0, 1.1, 0.8, "#cfe3d4", "shared CNN encoder: 28×28 → four 3×3 convs (32, 32/2, 64, 64/2) + GELU → mean over 7×7 → linear → [batch, 64]"),
    ("encoder E", 1.5, 1.0, 1.1, 0.8, "#cfe3d4", "the same encoder (shared weights): [batch, 28, 28] → [batch, 64]"),
    ("encoder E", 1.5, 0.0, 1.1, 0.8, "#cfe3d4", "the same encoder (shared weights): [batch, 28, 28] → [batch, 64]"),
    ("concat z<br>192", 3.1, 0.6, 0.9, 1.6, "#eeeeee", "concatenation z = (E(a), E(op), E(b)): [batch, 192]"),
    ("Yat layer<br>256 units", 4.5, 0.4, 1.2, 2.0, "#f2d7d5",
     "the only nonlinear trunk: h_u = α (W_u·z + b_u)² / (‖z − W_u‖² + ε), W: [256, 192] → h: [batch, 256]"),
    ("decoder D", 6.2, 0.6, 1.2, 1.6, "#e4dcef",
     "linear 256 → 16×7×21, transposed conv 4×4/2 (16) + GELU, conv 3×3 (16) + GELU, transposed conv 4×4/2 (8) + GELU, conv 3×3 (1), sigmoid: [batch, 28, 84]"),
    ("answer<br>28×84", 7.9, 0.9, 1.6, 1.0, "#fff2b3", "painted answer, three 28×28 slots sign | tens | units: [batch, 28, 84]"),
]


def architecture_figure(n_params: int) -> go.Figure:
    """F26: the network as blocks; hovering a block shows what it does and its tensor shape."""
    fig = go.Figure()
    for label, x, y, w, hgt, col, _ in _BLOCKS:
        fig.add_shape(type="rect", x0=x, y0=y, x1=x + w, y1=y + hgt, fillcolor=col, line=dict(color="#555"))
        fig.add_annotation(x=x + w / 2, y=y + hgt / 2, text=label, showarrow=False, font=dict(size=12))
    arrows = [((1.0, 2.4), (1.5, 2.4)), ((1.0, 1.4), (1.5, 1.4)), ((1.0, 0.4), (1.5, 0.4)),
              ((2.6, 2.4), (3.1, 1.9)), ((2.6, 1.4), (3.1, 1.4)), ((2.6, 0.4), (3.1, 0.9)),
              ((4.0, 1.4), (4.5, 1.4)), ((5.7, 1.4), (6.2, 1.4)), ((7.4, 1.4), (7.9, 1.4))]
    for (x0, y0), (x1, y1) in arrows:
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1.5, text="")
    fig.add_trace(go.Scatter(
        x=[b[1] + b[3] / 2 for b in _BLOCKS], y=[b[2] + b[4] / 2 for b in _BLOCKS], mode="markers",
        marker=dict(size=[70 * b[3] for b in _BLOCKS], color="rgba(0,0,0,0)", symbol="square"),
        hovertext=[b[6] for b in _BLOCKS], hoverinfo="text", showlegend=False))
    fig.update_xaxes(visible=False, range=[-0.2, 9.7])
    fig.update_yaxes(visible=False, range=[-0.3, 3.1])
    fig.update_layout(height=330, margin=dict(l=10, r=10, t=40, b=10), hovermode="closest",
                      title=f"Painting arithmetic: {n_params:,} parameters; hover a block for its shape")
    return fig


def samples_figure(x: np.ndarray, painted: np.ndarray, answers: np.ndarray, readings: Sequence[str],
                   problems_text: Sequence[str]) -> go.Figure:
    """Rows of (digit, operator, digit | painted answer) with the true answer and the reader's reading."""
    n = len(x)
    fig = make_subplots(rows=n, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.04, vertical_spacing=0.03,
                        subplot_titles=[t for i in range(n) for t in
                                        (f"input: {problems_text[i]}",
                                         f"painted; read as {readings[i]} ({'right' if readings[i] == answer_text(answers[i]) else 'wrong'})")])
    for i in range(n):
        inputs = np.clip(np.concatenate(list(x[i]), axis=1) * MNIST_STD + MNIST_MEAN, 0, 1)
        fig.add_trace(go.Heatmap(z=inputs[::-1], colorscale="gray", showscale=False, zmin=0, zmax=1,
                                 hovertemplate="pixel %{x}, %{y}: %{z:.2f}<extra>input</extra>"), row=i + 1, col=1)
        fig.add_trace(go.Heatmap(z=painted[i][::-1], colorscale="gray", showscale=False, zmin=0, zmax=1,
                                 hovertemplate="pixel %{x}, %{y}: %{z:.2f}<extra>painted</extra>"), row=i + 1, col=2)
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False, scaleanchor=None)
    fig.update_xaxes(title_text="digit · operator · digit (pixels)", row=n, col=1)
    fig.update_xaxes(title_text="sign · tens · units (pixels)", row=n, col=2)
    fig.update_layout(height=110 * n + 60, margin=dict(l=10, r=10, t=40, b=40))
    fig.update_annotations(font_size=11)
    return fig


PHASE_WORDS: tuple[str, ...] = ("encoder + symbol head", "trunk + auxiliary heads", "decoder")
"""What each training phase trains, in the reader's words."""

_METRIC_WORDS = ("symbol accuracy (batch)", "all three slot heads right (batch)", "mean pixel error (batch)")


def phase_summary(record: dict[str, np.ndarray], config: dict) -> str:
    """One line per training phase: what it trains, problems x epochs = steps, its wall-clock and CPU time, its last metric."""
    from .train import PHASES

    lines = [f"{'phase':<28}{'problems':>10}{'epochs':>8}{'steps':>8}{'wall s':>8}{'CPU s':>8}   last-epoch metric"]
    for k, name in enumerate(PHASES):
        steps = len(record[f"{name}_loss"])
        per_epoch = max(1, steps // config["epochs"][k])
        metric = float(np.mean(record[f"{name}_metric"][-per_epoch:]))
        lines.append(f"{k + 1}. {PHASE_WORDS[k]:<25}{config['train_size'][k]:>10,}{config['epochs'][k]:>8}{steps:>8}"
                     f"{float(record[f'{name}_seconds']):>8.0f}{float(record[f'{name}_cpu_seconds']):>8.0f}"
                     f"   {_METRIC_WORDS[k]}: {metric:.3f}")
    frozen = float(record["codes_seconds"]) + float(record["activations_seconds"])
    lines.append(f"{'   frozen inputs, computed once':<54}{frozen:>8.0f}")
    lines.append(f"{'   total, with loading the data':<54}{float(record['seconds']):>8.0f}{float(record['cpu_seconds']):>8.0f}")
    return "\n".join(lines)


def training_figure(record: dict[str, np.ndarray]) -> go.Figure:
    """The loss of every step of the three phases, one panel each."""
    from .train import PHASES

    fig = make_subplots(rows=1, cols=3, subplot_titles=[f"phase {k + 1}: {w}" for k, w in enumerate(PHASE_WORDS)],
                        horizontal_spacing=0.07)
    for k, name in enumerate(PHASES):
        loss = np.asarray(record[f"{name}_loss"])
        fig.add_trace(go.Scatter(y=loss, mode="lines", line=dict(width=1), showlegend=False,
                                 hovertemplate="step %{x}: loss %{y:.4f}<extra></extra>"), row=1, col=k + 1)
        fig.update_xaxes(title_text="step", row=1, col=k + 1)
    fig.update_yaxes(title_text="training loss", type="log", row=1, col=1)
    fig.update_yaxes(type="log", row=1, col=2)
    fig.update_yaxes(type="log", row=1, col=3)
    fig.update_layout(height=300, margin=dict(l=60, r=10, t=40, b=50))
    return fig


def tag_counts_figure(names: UnitNames, mean_names: np.ndarray) -> go.Figure:
    """What the operator slots are named by the article's vote and by the nearest mean code, symbol by symbol."""
    n = len(names.votes)
    win, top = names.nearest[:, 1], names.votes[:, 1].max(-1)
    vote = np.bincount(win[top >= names.quorum], minlength=len(SYMBOLS))
    mean = np.bincount(np.asarray(mean_names)[:, 1], minlength=len(SYMBOLS))
    x = list(SYMBOLS) + [f"fewer than {names.quorum} votes"]
    n_vote, n_mean = int(names.operator_tagged.sum()), int((np.asarray(mean_names)[:, 1] >= 10).sum())
    fig = go.Figure([
        go.Bar(x=x, y=list(vote) + [int((top < names.quorum).sum())], name=f"article's vote: {n_vote} tagged",
               marker_color="#e45756", hovertemplate="%{x}: %{y} units (vote)<extra></extra>"),
        go.Bar(x=x, y=list(mean) + [0], name=f"nearest mean code: {n_mean} tagged", marker_color="#9ab",
               hovertemplate="%{x}: %{y} units (nearest mean)<extra></extra>")])
    fig.update_layout(height=320, margin=dict(l=50, r=10, t=50, b=50), barmode="group",
                      title=f"Names of the operator slot: {n_vote} of {n} units operator-tagged by the vote, "
                            f"{n_mean} by the nearest mean",
                      xaxis_title="name of the operator slot W_u[64:128]", yaxis_title="number of units",
                      legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    return fig


def format_table(table: dict[str, np.ndarray]) -> str:
    """The full intervention table as text: per (subset, intervention), each operator's accuracy and change in points.

    For the random control the change is the mean over the draws, followed by the
    standard deviation of the draws (``± sd``).
    """
    base = 100 * np.asarray(table["baseline"])
    lines = [f"{'knocked out':<22}{'how':<26}" + "".join(f"{op:>22}" for op in OPERATORS),
             f"{'(none)':<22}{'intact model':<26}" + "".join(f"{b:>21.1f}%" for b in base)]
    for s, op in enumerate(OPERATORS):
        for k, how in enumerate(HOW_LABELS):
            after = 100 * np.asarray(table["after"][s, k])
            if k == 2 and "random_draws" in table:
                sd = 100 * np.asarray(table["random_draws"][s]).std(0)
                cells = "".join(f"{a:>6.1f}% ({a - b:+5.1f} ±{d:4.1f})" for a, b, d in zip(after, base, sd))
            else:
                cells = "".join(f"{a:>6.1f}% ({a - b:+5.1f})      " for a, b in zip(after, base))
            who = f"{int(table['sizes'][s])} units tagged {op}"
            lines.append(f"{who:<22}{how:<26}{cells}")
    return "\n".join(lines)
