"""Figures of Part III (the training curves, the samples and the naming counts), the blocks of F26, and the
intervention tables.

The interactive F26, F27 and F28 are widgets: :mod:`yatlib.widgets.architecture`,
:mod:`yatlib.widgets.unit_explorer` and :mod:`yatlib.widgets.ablation_explorer`. They show
results; they never train (F28's live path measures knockouts of a trained model).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..display import Table
from ..style import OPERATOR_COLORS, THEMES
from ..validation import check_model
from .dataset import MNIST_MEAN, MNIST_STD, answer_text
from .glyphs import OPERATORS
from .interventions import ARTICLE_TABLE, article_random_per_unit, c18_band, knockout_effects
from .model import PaintingNet, count_parameters
from .naming import SYMBOLS, UnitNames

__all__ = [
    "architecture_blocks",
    "samples_figure",
    "tag_counts_figure",
    "phase_summary",
    "training_figure",
    "PHASE_WORDS",
    "HOW_LABELS",
    "format_table",
    "effects_table",
    "random_draws_figure",
    "seed_table",
]

HOW_LABELS: tuple[str, ...] = ("whole row", "operator slot only", "random rows, same number")
"""Reader's words for the interventions of :data:`~yatlib.arithmetic.interventions.HOWS`."""


def architecture_blocks(model: PaintingNet) -> list[dict]:
    """F26: the blocks of the painting network, read from ``model``, in the order data flows.

    Each block is a dict: ``name``, ``label`` (short, drawn in the block), ``shape`` (what goes
    in and what comes out, e.g. ``"192 → 256 units"``), ``detail`` (what it computes),
    ``params`` (trainable scalars; the three encoder blocks share one set of weights, counted
    on the first) and its place in the drawing, ``column`` (0 the inputs … 5 the answer) and
    ``row`` (0..2 for the three inputs, ``None`` for a block across the three rows).
    The training-only heads (the symbol head of phase 1, the auxiliary heads of phase 2)
    are not blocks: the painter does not use them. Drawn by :class:`yatlib.widgets.ArchitectureDiagram`.

    Parameters
    ----------
    model : PaintingNet
        The painter (anything else raises :class:`ValueError`); sizes and parameter counts are read from it.

    Returns
    -------
    list of dict
        Ten blocks: the three inputs, the three encoders, the concatenation, the Yat layer, the
        decoder and the painted answer.
    """
    check_model(model, "model", PaintingNet, why="Pass the painter, e.g. arithmetic.run().model.")
    enc, dec, trunk = model.encoder, model.decoder, model.trunk
    convs = [enc.c1, enc.c2, enc.c3, enc.c4]
    chans = [int(c.kernel[...].shape[-1]) for c in convs]
    strides = [tuple(c.strides) if isinstance(c.strides, (tuple, list)) else (c.strides, c.strides) for c in convs]
    code = int(enc.proj.kernel[...].shape[-1])
    n_units, z_dim = int(model.n_units), int(trunk.prototypes[...].shape[1])
    hidden = int(dec.fc.kernel[...].shape[-1])
    grid = (7, 21)
    t1, c1, t2 = (int(m.kernel[...].shape[-1]) for m in (dec.t1, dec.c1, dec.t2))
    n_enc, n_yat, n_dec = (count_parameters(m) for m in (enc, trunk, dec))
    conv_words = ", ".join(
        f"3×3 convolution{' with stride 2' if st[0] == 2 else ''} ({c} channels)" for c, st in zip(chans, strides)
    )
    inputs = [
        ("digit a", "the first digit, a handwritten MNIST image"),
        ("operator", "the operator glyph (+, −, × or ÷), drawn from the DejaVu Sans font"),
        ("digit b", "the second digit, a handwritten MNIST image"),
    ]
    blocks: list[dict] = []
    for r, (name, what) in enumerate(inputs):
        blocks.append(
            {
                "name": f"input {name}",
                "label": name,
                "shape": "28 × 28 pixels",
                "detail": f"{what}, pixel values normalised with the MNIST mean and spread",
                "params": 0,
                "column": 0,
                "row": r,
            }
        )
    for r, (name, _) in enumerate(inputs):
        shared = "its own weights" if r == 0 else "the same weights as the encoder of digit a"
        blocks.append(
            {
                "name": f"encoder E of {name}",
                "label": "encoder E",
                "shape": f"28 × 28 pixels → {code} numbers",
                "detail": f"a small CNN with {shared}: {conv_words}, each followed by a GELU; the mean over "
                f"the 7 × 7 positions; linear to {code} numbers (not normalised)",
                "params": n_enc if r == 0 else 0,
                "column": 1,
                "row": r,
            }
        )
    blocks.append(
        {
            "name": "concatenation z",
            "label": "concat z",
            "shape": f"3 × {code} → {z_dim} numbers",
            "detail": "the three codes side by side, z = (E(a), E(op), E(b))",
            "params": 0,
            "column": 2,
            "row": None,
        }
    )
    blocks.append(
        {
            "name": "Yat layer",
            "label": "Yat layer",
            "shape": f"{z_dim} → {n_units} units",
            "detail": "the only nonlinear layer between encoder and decoder, "
            "h_u = α (W_u·z + b_u)² / (‖z − W_u‖² + ε), "
            f"with {n_units} prototypes W_u, the rows of a {n_units} × {z_dim} matrix, one bias b_u "
            f"per unit, one learnable α and a fixed ε = {trunk.eps:g}",
            "params": n_yat,
            "column": 3,
            "row": None,
        }
    )
    blocks.append(
        {
            "name": "decoder D",
            "label": "decoder D",
            "shape": f"{n_units} units → 28 × 84 pixels",
            "detail": f"linear {n_units} → {hidden} numbers ({grid[0]} × {grid[1]} × {hidden // (grid[0] * grid[1])}), "
            f"transposed 4×4 convolution with stride 2 ({t1} channels), GELU, 3×3 convolution "
            f"({c1} channels), GELU, transposed 4×4 convolution with stride 2 ({t2} channels), GELU, "
            "3×3 convolution (1 channel), sigmoid",
            "params": n_dec,
            "column": 4,
            "row": None,
        }
    )
    blocks.append(
        {
            "name": "painted answer",
            "label": "answer",
            "shape": "28 × 84 pixels",
            "detail": "three 28 × 28 slots, sign | tens | units, which the template reader reads",
            "params": 0,
            "column": 5,
            "row": None,
        }
    )
    return blocks


def samples_figure(
    x: np.ndarray, painted: np.ndarray, answers: np.ndarray, readings: Sequence[str], problems_text: Sequence[str]
) -> go.Figure:
    """Rows of (digit, operator, digit | painted answer) with the true answer and the reader's reading.

    Parameters
    ----------
    x : array ``[n, 3, 28, 28]``
        Normalised input images (digit, operator, digit), shown with the normalisation undone.
    painted : array ``[n, 28, 84]``
        The paintings, pixel values in [0, 1].
    answers : int array ``[n]``
        The true answers.
    readings : sequence of str
        What the reader reads in each painting, as :func:`~.dataset.answer_text` writes it; a
        reading is marked right when it equals the true answer's text.
    problems_text : sequence of str
        Each problem as text (:meth:`~.dataset.Problems.text`), the title of its inputs.

    Returns
    -------
    plotly.graph_objects.Figure
        One row per problem, inputs on the left and painting on the right.
    """
    n = len(x)
    fig = make_subplots(
        rows=n,
        cols=2,
        column_widths=[0.5, 0.5],
        horizontal_spacing=0.04,
        vertical_spacing=0.03,
        subplot_titles=[
            t
            for i in range(n)
            for t in (
                f"input: {problems_text[i]}",
                f"painted; read as {readings[i]} ({'right' if readings[i] == answer_text(answers[i]) else 'wrong'})",
            )
        ],
    )
    for i in range(n):
        inputs = np.clip(np.concatenate(list(x[i]), axis=1) * MNIST_STD + MNIST_MEAN, 0, 1)
        fig.add_trace(
            go.Heatmap(
                z=inputs[::-1],
                colorscale="gray",
                showscale=False,
                zmin=0,
                zmax=1,
                hovertemplate="pixel %{x}, %{y}: %{z:.2f}<extra>input</extra>",
            ),
            row=i + 1,
            col=1,
        )
        fig.add_trace(
            go.Heatmap(
                z=painted[i][::-1],
                colorscale="gray",
                showscale=False,
                zmin=0,
                zmax=1,
                hovertemplate="pixel %{x}, %{y}: %{z:.2f}<extra>painted</extra>",
            ),
            row=i + 1,
            col=2,
        )
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
    """One line per training phase: what it trains, problems x epochs = steps, its wall-clock and CPU time,
    its last metric.

    Parameters
    ----------
    record : dict
        The training record of :func:`~.train.train_or_load` (per-step losses and metrics, times).
    config : dict
        The configuration the painter was trained with (:func:`~.train.recipe_config`); its
        ``train_size`` and ``epochs`` per phase are shown.

    Returns
    -------
    str
        A fixed-width text table: a header, the three phases (the metric averaged over each phase's
        last epoch), the time to compute the frozen inputs and the total time, in seconds.
    """
    from .train import PHASES

    lines = [f"{'phase':<28}{'problems':>10}{'epochs':>8}{'steps':>8}{'wall s':>8}{'CPU s':>8}   last-epoch metric"]
    for k, name in enumerate(PHASES):
        steps = len(record[f"{name}_loss"])
        per_epoch = max(1, steps // config["epochs"][k])
        metric = float(np.mean(record[f"{name}_metric"][-per_epoch:]))
        lines.append(
            f"{k + 1}. {PHASE_WORDS[k]:<25}{config['train_size'][k]:>10,}{config['epochs'][k]:>8}{steps:>8}"
            f"{float(record[f'{name}_seconds']):>8.0f}{float(record[f'{name}_cpu_seconds']):>8.0f}"
            f"   {_METRIC_WORDS[k]}: {metric:.3f}"
        )
    frozen = float(record["codes_seconds"]) + float(record["activations_seconds"])
    lines.append(f"{'   frozen inputs, computed once':<54}{frozen:>8.0f}")
    lines.append(
        f"{'   total, with loading the data':<54}{float(record['seconds']):>8.0f}{float(record['cpu_seconds']):>8.0f}"
    )
    return "\n".join(lines)


def training_figure(record: dict[str, np.ndarray]) -> go.Figure:
    """The loss of every step of the three phases, one panel each.

    Parameters
    ----------
    record : dict
        The training record of :func:`~.train.train_or_load`; its ``symbols_loss``, ``trunk_loss``
        and ``decoder_loss`` are drawn.

    Returns
    -------
    plotly.graph_objects.Figure
        Three panels, the loss on a log scale against the step.
    """
    from .train import PHASES

    fig = make_subplots(
        rows=1,
        cols=3,
        subplot_titles=[f"phase {k + 1}:<br>{w}" for k, w in enumerate(PHASE_WORDS)],  # two lines: no overlap
        horizontal_spacing=0.07,
    )
    for k, name in enumerate(PHASES):
        loss = np.asarray(record[f"{name}_loss"])
        fig.add_trace(
            go.Scatter(
                y=loss,
                mode="lines",
                line=dict(width=1),
                showlegend=False,
                hovertemplate="step %{x}: loss %{y:.4f}<extra></extra>",
            ),
            row=1,
            col=k + 1,
        )
        fig.update_xaxes(title_text="step", row=1, col=k + 1)
    fig.update_yaxes(title_text="training loss", type="log", row=1, col=1)
    fig.update_yaxes(type="log", row=1, col=2)
    fig.update_yaxes(type="log", row=1, col=3)
    fig.update_layout(height=320, margin=dict(l=60, r=10, t=60, b=50))
    return fig


def tag_counts_figure(names: UnitNames, mean_names: np.ndarray) -> go.Figure:
    """What the operator slots are named by the article's vote and by the nearest mean code, symbol by symbol.

    Parameters
    ----------
    names : UnitNames
        The units' names by the article's vote (:func:`~.naming.name_units`).
    mean_names : int array ``[n_units, 3]``
        The units' names by the nearest mean code (:func:`~.naming.nearest_mean_names`).

    Returns
    -------
    plotly.graph_objects.Figure
        Grouped bars: for each of the 14 symbols, the units whose operator slot bears its name by
        either rule, and the units whose vote falls short of the quorum.
    """
    n = len(names.votes)
    win, top = names.nearest[:, 1], names.votes[:, 1].max(-1)
    vote = np.bincount(win[top >= names.quorum], minlength=len(SYMBOLS))
    mean = np.bincount(np.asarray(mean_names)[:, 1], minlength=len(SYMBOLS))
    x = list(SYMBOLS) + [f"fewer than {names.quorum} votes"]
    n_vote, n_mean = int(names.operator_tagged.sum()), int((np.asarray(mean_names)[:, 1] >= 10).sum())
    colours = [OPERATOR_COLORS[i - 10] if 10 <= i < len(SYMBOLS) else THEMES["light"]["border"] for i in range(len(x))]
    fig = go.Figure(
        [
            go.Bar(
                x=x,
                y=list(vote) + [int((top < names.quorum).sum())],
                name=f"article's vote: {n_vote} tagged",
                marker=dict(color=colours),
                hovertemplate="%{x}: %{y} units (vote)<extra></extra>",
            ),
            go.Bar(
                x=x,
                y=list(mean) + [0],
                name=f"nearest mean code: {n_mean} tagged",
                marker=dict(color=colours, opacity=0.55, pattern=dict(shape="/", solidity=0.4)),
                hovertemplate="%{x}: %{y} units (nearest mean)<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        height=320,
        margin=dict(l=50, r=10, t=50, b=50),
        barmode="group",
        title=f"Names of the operator slot: {n_vote} of {n} units operator-tagged by the vote, "
        f"{n_mean} by the nearest mean",
        xaxis_title="name of the operator slot W_u[64:128]",
        yaxis_title="number of units",
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
    )
    return fig


def format_table(table: dict[str, np.ndarray]) -> Table:
    """The full intervention table: per (subset, intervention), each operator's accuracy and change in points.

    For the random control the change is the mean over the draws, followed by the
    standard deviation of the draws (``± sd``). Returns a :class:`~yatlib.display.Table`
    (HTML in a notebook, aligned text when printed).

    Parameters
    ----------
    table : dict
        An intervention table of four subsets (:func:`~.interventions.intervention_table` or
        :data:`~.interventions.ARTICLE_TABLE`); without ``random_draws`` no ``± sd`` is shown.

    Returns
    -------
    Table
        The intact model's line, then one line per subset and intervention (13 lines).
    """
    base = 100 * np.asarray(table["baseline"])
    nb = "\u00a0"  # a value's words stay on one line; a cell wraps only before the bracket
    rows = [["(none)", "intact model", *(f"{b:.1f}{nb}%" for b in base)]]
    for s, op in enumerate(OPERATORS):
        for k, how in enumerate(HOW_LABELS):
            after = 100 * np.asarray(table["after"][s, k])
            if k == 2 and "random_draws" in table:
                sd = 100 * np.asarray(table["random_draws"][s]).std(0)
                cells = [f"{a:.1f}{nb}% ({a - b:+.1f}{nb}±{nb}{d:.1f})" for a, b, d in zip(after, base, sd)]
            else:
                cells = [f"{a:.1f}{nb}% ({a - b:+.1f})" for a, b in zip(after, base)]
            rows.append([f"{int(table['sizes'][s])} units tagged {op}", how, *cells])
    return Table(
        ["knocked out", "how", *(f"accuracy on {op}" for op in OPERATORS)],
        rows,
        caption="Answer accuracy per operator after each knockout (change from the intact model, in points)",
        left=2,
    )


def _ratio(v: float) -> str:
    return "∞" if not np.isfinite(v) else f"{v:.2f}×"


def effects_table(table: dict[str, np.ndarray], article: dict[str, np.ndarray]) -> Table:
    """For each operator, what knocking out its tagged units costs it, in this book's run and in the article's.

    One pair of lines per operator (book, then article): the number of tagged units, the intact
    accuracy, the drops on the operator's own problems (whole row, slot only, random rows: the
    mean ± the standard deviation of the draws, and the largest draw), the largest drop on another
    operator after the row knockout, the ratios the band of C18 tests
    (:func:`~.interventions.knockout_effects`) and, for the book's run, which parts (a)–(d) of
    the band (:func:`~.interventions.c18_band`) hold. The article's random control is one draw,
    so its band cannot be tested. Returns a :class:`~yatlib.display.Table`.

    Parameters
    ----------
    table : dict
        This book's intervention table (:func:`~.interventions.intervention_table`).
    article : dict
        The article's (:data:`~.interventions.ARTICLE_TABLE`).

    Returns
    -------
    Table
        Eight lines, two per operator.
    """
    rows = []
    for o, op in enumerate(OPERATORS):
        for who, tab in (("book", table), ("article", article)):
            e = knockout_effects(tab, o)
            if e["n_draws"] > 1:
                rnd = f"{e['random']:.1f} ± {e['random_sd']:.1f}"
                band = c18_band(tab, o)
                parts = [
                    p
                    for p, ok in zip(
                        "abcd", (band.above_every_draw, band.twice_the_mean, band.through_slot, band.hurts_most)
                    )
                    if not ok
                ]
                verdict = "all four hold" if not parts else "fails " + ", ".join(f"({p})" for p in parts)
            else:
                rnd, verdict = f"{e['random']:.1f} (1 draw)", "one draw: not testable"
            off = f"{e['off_target']:.1f} ({OPERATORS[int(e['off_operator'])]})"
            rows.append(
                [
                    op if who == "book" else "",
                    who,
                    str(int(e["size"])),
                    f"{e['before']:.1f} %",
                    f"{e['row']:.1f}",
                    f"{e['slot']:.1f}",
                    rnd,
                    f"{e['random_max']:.1f}",
                    off,
                    _ratio(e["row_over_random"]),
                    _ratio(e["row_over_off"]),
                    f"{e['slot_over_row']:.2f}",
                    verdict,
                ]
            )
    return Table(
        [
            "units tagged",
            "run",
            "units",
            "intact",
            "row (pt)",
            "slot (pt)",
            "random rows (pt)",
            "largest random (pt)",
            "off-target (pt)",
            "row / random",
            "row / off-target",
            "slot / row",
            "band (a)–(d)",
        ],
        rows,
        caption="Drop of the operator's own answer accuracy after each knockout, in points (pt)",
        left=2,
    )


def random_draws_figure(table: dict[str, np.ndarray], subset: int = 2) -> go.Figure:
    """The random control of C18 on one operator (×): every random draw's drop beside the targeted drops.

    Left: the drop of the operator's accuracy after each random draw of as many units as it has
    tagged (one dot per draw), with the whole-row and the slot-only knockouts of the tagged units
    and the mean of the draws marked. Right: the same per knocked-out unit, beside the article's
    four single random draws (one per subset size of its run, :func:`~.interventions.article_random_per_unit`)
    and its row knockout.

    Parameters
    ----------
    table : dict
        This book's intervention table (:func:`~.interventions.intervention_table`), with ``random_draws``.
    subset : int, default 2
        The operator whose tagged units are knocked out, 0..3 (2 is ×, the claim's).

    Returns
    -------
    plotly.graph_objects.Figure
        Two panels: the drops in points, and the drops per knocked-out unit.
    """
    e = knockout_effects(table, subset)
    base = 100 * float(np.asarray(table["baseline"])[subset])
    drops = base - 100 * np.asarray(table["random_draws"], float)[subset, :, subset]
    size, op = int(e["size"]), OPERATORS[subset]
    ref = knockout_effects(ARTICLE_TABLE, subset)
    ref_draws = article_random_per_unit(subset)
    jitter = np.linspace(-0.25, 0.25, len(drops))
    grey, colour = THEMES["light"]["border"], OPERATOR_COLORS[subset]
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
        subplot_titles=(
            f"this book: {len(drops)} random draws of {size} units",
            "per knocked-out unit: book and article",
        ),
    )
    fig.add_trace(
        go.Scatter(
            x=jitter,
            y=drops,
            mode="markers",
            name=f"random draw ({len(drops)})",
            marker=dict(color=grey, size=9, line=dict(width=1, color="#555")),
            hovertemplate=f"random draw: {op} drops %{{y:.1f}} pt<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for y, name, dash in (
        (e["row"], f"whole rows of the {size} {op}-tagged units", "solid"),
        (e["slot"], "their operator slot only", "dash"),
        (float(drops.mean()), "mean of the random draws", "dot"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[-0.5, 0.5],
                y=[y, y],
                mode="lines",
                name=f"{name}: {y:.1f} pt",
                line=dict(color=grey if dash == "dot" else colour, width=3, dash=dash),
                hovertemplate=f"{name}: %{{y:.1f}} pt<extra></extra>",
            ),
            row=1,
            col=1,
        )
    per_unit: list[tuple[str, np.ndarray | list[float], str, str]] = [
        ("book: random draws", drops / size, grey, "circle"),
        ("book: whole rows", [e["row"] / size], colour, "diamond"),
        ("article: its 4 random draws", ref_draws, "#8a8a8a", "x"),
        ("article: whole rows", [ref["row"] / int(ref["size"])], colour, "x"),
    ]
    for name, ys, c, symbol in per_unit:
        fig.add_trace(
            go.Scatter(
                x=[name] * len(ys),
                y=list(ys),
                mode="markers",
                name=name,
                showlegend=False,
                marker=dict(color=c, size=11, symbol=symbol, line=dict(width=1, color="#555")),
                hovertemplate=f"{name}: %{{y:.2f}} pt per unit<extra></extra>",
            ),
            row=1,
            col=2,
        )
    fig.update_xaxes(
        showticklabels=False, range=[-0.6, 0.6], title_text="draws (spread sideways to be seen)", row=1, col=1
    )
    fig.update_xaxes(title_text="run and knockout", row=1, col=2)
    fig.update_yaxes(title_text=f"drop of the {op} answer accuracy (pt)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="drop per knocked-out unit (pt)", rangemode="tozero", row=1, col=2)
    fig.update_layout(
        height=420, margin=dict(l=60, r=10, t=50, b=60), legend=dict(orientation="h", y=-0.25, x=0, yanchor="top")
    )
    return fig


def seed_table(runs: Sequence[dict], caption: str) -> Table:
    """One line per run of a seed sweep (records of :func:`~yatlib.arithmetic.experiment.summary`):
    the operator-tagged units (C17) and, on ×, the drops and the four parts of C18's band.

    Parameters
    ----------
    runs : sequence of dict
        One :func:`~yatlib.arithmetic.experiment.summary` per run, optionally with ``recipe``
        (``"book"`` when missing).
    caption : str
        The table's caption.

    Returns
    -------
    Table
        One line per run, in the order given.
    """
    rows = []
    for r in runs:
        tags = " ".join(f"{op}{r[f'tagged_{op}']}" for op in OPERATORS)
        parts = " ".join(p if r[p] else "–" for p in "abcd")
        rows.append(
            [
                str(r["seed"]),
                r.get("recipe", "book"),
                f"{r['tagged']} ({tags})",
                str(r["size"]),
                f"{r['row']:.1f}",
                f"{r['slot']:.1f}",
                f"{r['random_mean']:.1f} ± {r['random_sd']:.1f}",
                f"{r['random_max']:.1f}",
                f"{r['off_target']:.1f}",
                f"{r['row'] / r['random_mean']:.1f}×",
                parts,
                "met" if r["c18"] else "missed",
                f"{100 * r['accuracy']:.1f} %",
            ]
        )
    return Table(
        [
            "seed",
            "recipe",
            "operator-tagged units",
            "× units",
            "row (pt)",
            "slot (pt)",
            "random (pt)",
            "largest random (pt)",
            "off-target (pt)",
            "row / random",
            "parts held",
            "C18",
            "answer accuracy",
        ],
        rows,
        caption=caption,
        left=3,
    )
