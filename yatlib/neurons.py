r"""Reading a trained Yat MLP unit by unit, class by class and mistake by mistake.

The model predicts :math:`\hat y(x) = \arg\max_c \sum_u \phi_u(x) A_{uc} + \beta_c`. A unit
**detects** :math:`\mathrm{detects}(u)`, the most common true label among its ``top`` most exciting
test items (largest :math:`\phi_u(x)`), with **purity** the fraction carrying that label; it **votes
for** :math:`\mathrm{votes}(u) = \arg\max_c A_{uc}`, and the two need not agree. Class :math:`c` is a
committee of the units with the largest :math:`A_{uc}`. A mistake (:math:`\hat y \ne y`) is explained
by the unit detecting the wrong class that fired hardest,
:math:`u^\star = \arg\max_{u:\,\mathrm{detects}(u) = \hat y} \phi_u(x)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from jax.typing import ArrayLike

if TYPE_CHECKING:
    import plotly.graph_objects as go

from .apply import in_batches
from .layers import YatMLP
from .training import predict_logits
from .validation import check_array, check_int, check_labels, check_model

__all__ = [
    "Readout",
    "readout_of",
    "activations",
    "unit_classes",
    "detected_classes",
    "UnitProfile",
    "unit_profiles",
    "class_committees",
    "Mistake",
    "mistakes",
    "confusion_counts",
    "top_confusions",
    "model_outputs",
    "confusion_figure",
]


@dataclass(frozen=True)
class Readout:
    """The trained parameters of a Yat MLP as numpy arrays.

    Attributes
    ----------
    prototypes : ndarray ``[K, D]``
    b, eps : float
        The kernel's numerator bias and denominator floor.
    weights : ndarray ``[K, C]``
        The readout matrix :math:`A`.
    bias : ndarray ``[C]``
    """

    prototypes: np.ndarray
    b: float
    eps: float
    weights: np.ndarray
    bias: np.ndarray


def readout_of(model: YatMLP) -> Readout:
    """The prototypes, ``b``, ``eps`` and readout of a Yat MLP, as numpy arrays.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP (a ReLU MLP has no prototypes and is refused).

    Returns
    -------
    Readout
        ``prototypes [K, D]``, ``weights [K, C]`` and ``bias [C]`` as float32 arrays, and the current
        ``b`` and ``eps`` (the softplus of the raw parameters) as floats.
    """
    check_model(model, "model", YatMLP, why="readout_of reads prototypes, and a ReLU unit has none.")
    bias = model.readout.bias
    assert bias is not None  # flax types a Linear's bias as optional; the MLPs build theirs with one
    return Readout(
        prototypes=np.asarray(model.yat.prototypes[...], np.float32),
        b=float(model.yat.b),
        eps=float(model.yat.eps),
        weights=np.asarray(model.readout.kernel[...], np.float32),
        bias=np.asarray(bias[...], np.float32),
    )


def activations(model: YatMLP, X: ArrayLike, *, batch_size: int = 4096) -> np.ndarray:
    r"""The hidden activations :math:`\phi_u(x)` of every item, ``[N, K]`` (numpy).

    Parameters
    ----------
    model : YatMLP
        The network whose Yat layer is read.
    X : array ``[N, D]``
        Items, with the model's input dimension ``D``.
    batch_size : int, default 4096
        Rows per call of the model (memory, not the result).

    Returns
    -------
    ndarray ``[N, K]``
        :math:`\phi_u(x_n)` for every item and unit.
    """
    check_model(model, "model", YatMLP, why="activations reads prototypes, and a ReLU unit has none.")
    Xa = check_array(X, "X", n_features=model.yat.in_features, features_of="the model's inputs", who="activations")
    batch_size = check_int(batch_size, "batch_size", low=1)
    return in_batches(model.activations, Xa, batch_size=batch_size)


def unit_classes(weights: ArrayLike) -> np.ndarray:
    r"""The class each unit votes for, :math:`\mathrm{votes}(u) = \arg\max_c A_{uc}`, ``[K]``.

    Parameters
    ----------
    weights : array ``[K, C]``
        The readout matrix :math:`A` (e.g. ``readout_of(model).weights``).

    Returns
    -------
    ndarray of int32 ``[K]``
        One class per unit (ties: the smallest class).
    """
    A = check_array(weights, "weights", dtype=np.float64, who="unit_classes")
    if A.shape[1] == 0:
        raise ValueError(f"weights has no classes (shape {A.shape}); pass the [K, C] readout matrix.")
    return A.argmax(1).astype(np.int32)


@dataclass(frozen=True)
class UnitProfile:
    """What one unit detects.

    Attributes
    ----------
    unit : int
    detects : int
        The most common true label among its ``top`` most exciting items (ties: the smallest label).
    purity : float
        Fraction of those items whose label is ``detects``.
    votes : int
        The argmax of its readout row.
    top_items : ndarray ``[top]``
        Indices of the items that excite it most, strongest first.
    top_labels : ndarray ``[top]``
        Their true labels.
    top_activations : ndarray ``[top]``
    """

    unit: int
    detects: int
    purity: float
    votes: int
    top_items: np.ndarray
    top_labels: np.ndarray
    top_activations: np.ndarray


def unit_profiles(phi: ArrayLike, labels: ArrayLike, weights: ArrayLike, *, top: int = 20) -> list[UnitProfile]:
    r"""A :class:`UnitProfile` per unit from the activations ``phi [N, K]`` of labelled items.

    Parameters
    ----------
    phi : array ``[N, K]``
        Activations :math:`\phi_u(x_n)`.
    labels : array ``[N]``
        True labels of the items.
    weights : array ``[K, C]``
        The readout matrix.
    top : int
        How many most-exciting items define the detected class and the purity.
    """
    P = check_array(phi, "phi", dtype=np.float64, who="unit_profiles")
    A = check_array(weights, "weights", dtype=np.float64, who="unit_profiles")
    if A.shape[0] != P.shape[1]:
        raise ValueError(
            f"weights has {A.shape[0]} rows but phi has {P.shape[1]} columns; "
            "both count the units K (phi [N, K], weights [K, C])."
        )
    y = check_labels(
        labels,
        "labels",
        n=len(P),
        rows_of="phi",
        n_classes=A.shape[1],
        classes_of="the columns of weights",
        who="unit_profiles",
    )
    top = check_int(top, "top", low=1, high=len(P), why="It counts the most exciting items, at most one per item.")
    votes = unit_classes(A)
    out = []
    for u in range(P.shape[1]):
        idx = np.argsort(-P[:, u], kind="stable")[:top]
        lab = y[idx]
        det = int(np.bincount(lab, minlength=A.shape[1]).argmax())
        out.append(UnitProfile(u, det, float((lab == det).mean()), int(votes[u]), idx, lab, P[idx, u]))
    return out


def detected_classes(profiles: list[UnitProfile]) -> np.ndarray:
    """The class each unit detects, ``[K]``, from :func:`unit_profiles`.

    Parameters
    ----------
    profiles : list of UnitProfile
        One profile per unit, in unit order.

    Returns
    -------
    ndarray of int32 ``[K]``
        ``profiles[u].detects`` for each unit ``u``.
    """
    return np.asarray([p.detects for p in profiles], dtype=np.int32)


def class_committees(weights: ArrayLike, *, size: int = 5) -> np.ndarray:
    r"""For each class, the ``size`` units with the largest readout weight :math:`A_{uc}`, ``[C, size]``.

    Parameters
    ----------
    weights : array ``[K, C]``
        The readout matrix :math:`A`.
    size : int, default 5
        Units per committee, from 1 to ``K``.

    Returns
    -------
    ndarray ``[C, size]``
        Unit indices; row ``c`` lists class ``c``'s committee, largest weight first (ties: the smaller index).
    """
    A = check_array(weights, "weights", dtype=np.float64, who="class_committees")
    size = check_int(size, "size", low=1, high=A.shape[0], why=f"A committee has at most the K={A.shape[0]} units.")
    return np.argsort(-A, axis=0, kind="stable")[:size].T.copy()


@dataclass(frozen=True)
class Mistake:
    """A misclassified item and the evidence it rested on.

    Attributes
    ----------
    item : int
        Index of the item.
    true, predicted : int
    culprit : int
        The unit detecting the predicted class that fired hardest on it;
        -1 when no unit detects the predicted class.
    culprit_activation : float
    best_true : int
        The unit detecting the true class that fired hardest (-1 if none).
    best_true_activation : float
    """

    item: int
    true: int
    predicted: int
    culprit: int
    culprit_activation: float
    best_true: int
    best_true_activation: float


def _best_of_class(phi_row: np.ndarray, cls: np.ndarray, c: int) -> tuple[int, float]:
    units = np.flatnonzero(cls == c)
    if len(units) == 0:
        return -1, float("nan")
    u = int(units[np.argmax(phi_row[units])])
    return u, float(phi_row[u])


def mistakes(phi: ArrayLike, logits: ArrayLike, labels: ArrayLike, unit_cls: ArrayLike) -> list[Mistake]:
    r"""Every misclassified item with its culprit :math:`u^\star = \arg\max_{u:\,\mathrm{detects}(u)=\hat y} \phi_u(x)`.

    ``unit_cls [K]`` gives the class :math:`d(u)` of each unit (e.g. :func:`detected_classes`).

    Ordered by how common the (true, predicted) confusion is (most common first), then
    by the culprit's activation, strongest first.

    Parameters
    ----------
    phi : array ``[N, K]``
        Activations of the items (e.g. :func:`model_outputs`).
    logits : array ``[N, C]``
        The model's logits on the same items; the prediction is their argmax.
    labels : array ``[N]``
        True labels, ``0 .. C-1``.
    unit_cls : array ``[K]``
        The class assigned to each unit.

    Returns
    -------
    list of Mistake
        One per misclassified item (empty when there is none); a culprit or best true unit is -1, with
        activation NaN, when no unit has that class.
    """
    P = check_array(phi, "phi", dtype=np.float64, who="mistakes")
    L = check_array(logits, "logits", dtype=np.float64, who="mistakes")
    if len(L) != len(P):
        raise ValueError(f"logits has {len(L)} rows but phi has {len(P)}; both need one row per item.")
    y = check_labels(
        labels,
        "labels",
        n=len(P),
        rows_of="phi",
        n_classes=L.shape[1],
        classes_of="the columns of logits",
        who="mistakes",
    )
    cls = check_labels(unit_cls, "unit_cls", n=P.shape[1], rows_of="phi's columns (one class per unit)", who="mistakes")
    pred = L.argmax(1)
    wrong = np.flatnonzero(pred != y)
    counts = confusion_counts(y, pred, L.shape[1])
    out = []
    for i in wrong:
        u, a = _best_of_class(P[i], cls, int(pred[i]))
        v, b = _best_of_class(P[i], cls, int(y[i]))
        out.append(Mistake(int(i), int(y[i]), int(pred[i]), u, a, v, b))
    out.sort(
        key=lambda m: (
            -counts[m.true, m.predicted],
            m.true,
            m.predicted,
            -(m.culprit_activation if np.isfinite(m.culprit_activation) else -np.inf),
        )
    )
    return out


def confusion_counts(labels: ArrayLike, predicted: ArrayLike, n_classes: int) -> np.ndarray:
    """The confusion matrix ``M[true, predicted]`` of counts, ``[C, C]``.

    Parameters
    ----------
    labels : array ``[N]``
        True labels, ``0 .. C-1``.
    predicted : array ``[N]``
        Predicted labels of the same items, ``0 .. C-1``.
    n_classes : int
        The number of classes ``C`` (at least 1).

    Returns
    -------
    ndarray of int64 ``[C, C]``
        Counts; the diagonal holds the correct predictions, and all entries sum to ``N``.
    """
    n_classes = check_int(n_classes, "n_classes", low=1)
    y = check_labels(labels, "labels", n_classes=n_classes, classes_of="n_classes", who="confusion_counts")
    p = check_labels(
        predicted,
        "predicted",
        n=len(y),
        rows_of="labels",
        n_classes=n_classes,
        classes_of="n_classes",
        who="confusion_counts",
    )
    M = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(M, (y, p), 1)
    return M


def top_confusions(M: ArrayLike, n: int = 5) -> list[tuple[int, int, int]]:
    """The ``n`` largest off-diagonal cells as ``(true, predicted, count)``, largest first.

    Parameters
    ----------
    M : array ``[C, C]``
        A confusion matrix of counts (:func:`confusion_counts`).
    n : int, default 5
        How many cells at most (at least 1).

    Returns
    -------
    list of tuple of int
        At most ``n`` triples; cells with a count of 0 are left out, and ties keep row-major order.
    """
    Ma = _square(M, "top_confusions").copy()
    n = check_int(n, "n", low=1)
    np.fill_diagonal(Ma, -1)
    flat = np.argsort(-Ma, axis=None, kind="stable")[:n]
    return [(int(i), int(j), int(Ma[i, j])) for i, j in zip(*np.unravel_index(flat, Ma.shape)) if Ma[i, j] > 0]


def model_outputs(model: YatMLP, X: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """``(phi [N, K], logits [N, C])`` of a Yat MLP on ``X``.

    Parameters
    ----------
    model : YatMLP
        The network.
    X : array ``[N, D]``
        Items, with the model's input dimension ``D``.

    Returns
    -------
    phi : ndarray ``[N, K]``
        Hidden activations (:func:`activations`).
    logits : ndarray ``[N, C]``
        Outputs (:func:`yatlib.training.predict_logits`).
    """
    phi = activations(model, X)
    return phi, predict_logits(model, X)


def _square(M: ArrayLike, who: str) -> np.ndarray:
    Ma = check_array(M, "M", dtype=None, who=who)
    if Ma.shape[0] != Ma.shape[1]:
        raise ValueError(
            f"M must be a square [C, C] confusion matrix; got shape {Ma.shape}. "
            "Make it with confusion_counts(labels, predicted, n_classes)."
        )
    return Ma


def confusion_figure(M: ArrayLike, class_names: Sequence[str] | None = None, *, title: str = "") -> go.Figure:
    """F23: the confusion matrix as a heatmap (rows: true class, columns: predicted class), counts in the cells.

    The diagonal is drawn in grey so the colour scale shows the mistakes.
    ``class_names`` default to "0", "1", ...

    Parameters
    ----------
    M : array ``[C, C]``
        Confusion matrix of counts, ``M[true, predicted]`` (:func:`confusion_counts`).
    class_names : sequence of str, optional
        One label per class for the axes; None gives ``"0"``, ``"1"``, ...
    title : str, default ""
        The figure's title.

    Returns
    -------
    plotly.graph_objects.Figure
        The heatmap, true classes top to bottom, predicted classes left to right.
    """
    import plotly.graph_objects as go

    Ma = _square(M, "confusion_figure")
    if class_names is None:
        class_names = [str(c) for c in range(len(Ma))]
    if len(class_names) != len(Ma):
        raise ValueError(f"class_names has {len(class_names)} names but M has {len(Ma)} classes; give one per class.")
    off = Ma.astype(float).copy()
    np.fill_diagonal(off, np.nan)
    fig = go.Figure(
        go.Heatmap(
            z=off,
            x=list(class_names),
            y=list(class_names),
            colorscale="Reds",
            colorbar=dict(title="items"),
            text=Ma,
            texttemplate="%{text}",
            hovertemplate="true %{y}, predicted %{x}: %{text} items<extra></extra>",
        )
    )
    diag = np.where(np.eye(len(Ma), dtype=bool), Ma, np.nan).astype(float)
    fig.add_trace(
        go.Heatmap(
            z=diag,
            x=list(class_names),
            y=list(class_names),
            colorscale=[[0, "#dddddd"], [1, "#dddddd"]],
            showscale=False,
            text=Ma,
            texttemplate="%{text}",
            hovertemplate="%{y} predicted correctly: %{text} items<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        height=520,
        width=640,
        xaxis_title="predicted class",
        yaxis_title="true class",
        yaxis_autorange="reversed",
        margin=dict(t=50),
    )
    return fig
