"""Figures of Part III (the samples and the tag counts), the blocks of F26, and the intervention table as text.

The interactive F26, F27 and F28 are widgets: :mod:`yatlib.widgets.architecture`,
:mod:`yatlib.widgets.unit_explorer` and :mod:`yatlib.widgets.ablation_explorer`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..style import OPERATOR_COLORS, THEMES
from ..validation import check_model
from .dataset import answer_codes, codes_to_text
from .glyphs import OPERATORS
from .interventions import HOWS
from .model import PaintingNet, count_parameters
from .naming import SYMBOLS, UnitNames

__all__ = ["architecture_blocks", "samples_figure", "tag_counts_figure", "HOW_LABELS", "format_table"]

HOW_LABELS: tuple[str, ...] = ("whole row", "operator slot only", "random rows, same number")
"""Reader's words for the interventions of :data:`~yatlib.arithmetic.interventions.HOWS`."""


def architecture_blocks(model: PaintingNet) -> list[dict]:
    """F26: the blocks of the painting network, read from ``model``, in the order data flows.

    Each block is a dict: ``name``, ``label`` (short, drawn in the block), ``shape`` (what goes
    in and what comes out, e.g. ``"192 → 256 units"``), ``detail`` (what it computes),
    ``params`` (trainable scalars; the three encoder blocks share one set of weights, counted
    on the first) and its place in the drawing, ``column`` (0 the inputs … 5 the answer) and
    ``row`` (0..2 for the three inputs, ``None`` for a block across the three rows).
    Drawn by :class:`yatlib.widgets.ArchitectureDiagram`.
    """
    check_model(model, "model", PaintingNet, why="Pass the painter, e.g. arithmetic.run().model.")
    enc, dec, yat = model.encoder, model.decoder, model.yat
    c1 = int(enc.c1.kernel[...].shape[-1])
    c2 = int(enc.c2.kernel[...].shape[-1])
    code = int(enc.fc.kernel[...].shape[-1])
    n_units, z_dim = int(model.n_units), int(yat.prototypes[...].shape[1])
    hidden = int(dec.fc.kernel[...].shape[-1])
    t1 = int(dec.t1.kernel[...].shape[-1])
    grid = (7, 21)
    n_enc, n_yat, n_dec = (count_parameters(m) for m in (enc, yat, dec))
    inputs = [("digit a", "the first digit, a handwritten MNIST image"),
              ("operator", "the operator glyph (+, −, × or ÷), drawn from a font with random distortions"),
              ("digit b", "the second digit, a handwritten MNIST image")]
    blocks: list[dict] = []
    for r, (name, what) in enumerate(inputs):
        blocks.append({"name": f"input {name}", "label": name, "shape": "28 × 28 pixels",
                       "detail": f"{what}, pixel values in [0, 1]", "params": 0, "column": 0, "row": r})
    for r, (name, _) in enumerate(inputs):
        shared = "its own weights" if r == 0 else "the same weights as the encoder of digit a"
        blocks.append({"name": f"encoder E of {name}", "label": "encoder E", "shape": f"28 × 28 pixels → {code} numbers",
                       "detail": f"a small CNN with {shared}: 2×2 convolution with stride 2 ({c1} channels), ReLU, "
                                 f"2×2 convolution with stride 2 ({c2} channels), ReLU, linear to {code} numbers, "
                                 "divided by their length",
                       "params": n_enc if r == 0 else 0, "column": 1, "row": r})
    blocks.append({"name": "concatenation z", "label": "concat z", "shape": f"3 × {code} → {z_dim} numbers",
                   "detail": "the three codes side by side, z = (E(a), E(op), E(b))", "params": 0, "column": 2, "row": None})
    blocks.append({"name": "Yat layer", "label": "Yat layer", "shape": f"{z_dim} → {n_units} units",
                   "detail": "the only nonlinear layer between encoder and decoder, h_u = (W_u·z + b)² / (‖z − W_u‖² + ε), "
                             f"with {n_units} prototypes W_u, the rows of a {n_units} × {z_dim} matrix",
                   "params": n_yat, "column": 3, "row": None})
    blocks.append({"name": "decoder D", "label": "decoder D", "shape": f"{n_units} units → 28 × 84 pixels",
                   "detail": f"linear {n_units} → {hidden} numbers ({grid[0]} × {grid[1]} × {hidden // (grid[0] * grid[1])}), "
                             f"ReLU, transposed 2×2 convolution with stride 2 ({t1} channels), ReLU, transposed 2×2 "
                             "convolution with stride 2 (1 channel), sigmoid",
                   "params": n_dec, "column": 4, "row": None})
    blocks.append({"name": "painted answer", "label": "answer", "shape": "28 × 84 pixels",
                   "detail": "three 28 × 28 slots, sign | tens | units, which the separate reader reads",
                   "params": 0, "column": 5, "row": None})
    return blocks


def samples_figure(x: np.ndarray, painted: np.ndarray, answers: np.ndarray, readings: Sequence[str],
                   problems_text: Sequence[str]) -> go.Figure:
    """Rows of (digit, operator, digit | painted answer) with the true answer and the reader's reading."""
    n = len(x)
    fig = make_subplots(rows=n, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.04, vertical_spacing=0.03,
                        subplot_titles=[t for i in range(n) for t in
                                        (f"input: {problems_text[i]}",
                                         f"painted; reader reads {readings[i]} ({'right' if readings[i] == codes_to_text(answer_codes(answers[i:i+1])[0]) else 'wrong'})")])
    for i in range(n):
        inputs = np.concatenate(list(x[i]), axis=1)
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


def tag_counts_figure(names: UnitNames) -> go.Figure:
    """How many units have each symbol as the nearest symbol of their operator slot."""
    counts = np.bincount(names.nearest[:, 1], minlength=len(SYMBOLS))
    colours = [THEMES["light"]["border"] if i < 10 else OPERATOR_COLORS[i - 10] for i in range(len(SYMBOLS))]
    fig = go.Figure(go.Bar(x=list(SYMBOLS), y=counts, marker_color=colours,
                           hovertemplate="%{x}: %{y} units<extra></extra>"))
    fig.update_layout(height=300, margin=dict(l=50, r=10, t=40, b=50),
                      title=f"Nearest symbol of the operator slot: {int(names.operator_tagged.sum())} of "
                            f"{len(names.nearest)} units name an operator (coloured bars)",
                      xaxis_title="nearest symbol of the operator slot W_u[64:128]", yaxis_title="number of units")
    return fig


def format_table(table: dict[str, np.ndarray]) -> str:
    """The full intervention table as text: one line per (subset, intervention), accuracies and changes in %."""
    base = 100 * np.asarray(table["baseline"])
    lines = [f"{'knocked out':<22}{'how':<26}" + "".join(f"{op:>16}" for op in OPERATORS),
             f"{'(none)':<22}{'intact model':<26}" + "".join(f"{b:>15.1f}%" for b in base)]
    for s, op in enumerate(OPERATORS):
        for k, how in enumerate(HOW_LABELS):
            after = 100 * table["after"][s, k]
            cells = "".join(f"{a:>7.1f}% ({a - b:+5.1f})" for a, b in zip(after, base))
            who = f"{int(table['sizes'][s])} units tagged {op}"
            lines.append(f"{who:<22}{how:<26}{cells}")
    return "\n".join(lines)
