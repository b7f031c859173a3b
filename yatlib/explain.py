r"""Reading a trained Yat MLP: votes, shares and abstention.

With activations :math:`\phi_u(x) \ge 0` and readout :math:`f_c(x) = \sum_u \phi_u(x) A_{uc} + \beta_c`,
the *shares*

.. math::

    a_u(x) = \frac{\phi_u(x)}{\sum_v \phi_v(x)}, \qquad a_u \ge 0,\quad \sum_u a_u(x) = 1,

make the logits :math:`f_c = \big(\sum_v \phi_v\big) \sum_u a_u A_{uc} + \beta_c`, a convex mix of the
prototypes' votes scaled by the total match. The model abstains when the *max-match*
:math:`\phi_{\max}(x) = \max_u \phi_u(x) < \tau`; :math:`P_{\text{in}}(\phi_{\max} \ge \tau)` against
:math:`P_{\text{out}}(\phi_{\max} < \tau)` traces the trade-off as :math:`\tau` varies. The browser
runs the same formulas (``yatlib/widgets/classifier.js``, Figure F18).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

import numpy as np
from jax.typing import ArrayLike

from .apply import in_batches
from .kernels import squared_distances
from .layers import ReluMLP, YatMLP
from .validation import check_array, check_int, check_labels, check_model, check_nonnegative

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
    "min_distance",
    "auroc",
    "auroc_interval",
    "Novelty",
    "novelty",
    "model_arrays",
    "nearest_image_class",
    "relu_filters",
]


def _as_2d(X: ArrayLike, name: str = "X", *, n_features: int | None = None, who: str | None = None) -> np.ndarray:
    """``[N, D]`` (a single ``[D]`` vector becomes one row), finite, float32."""
    Xa = check_array(X, name, ndim=(1, 2), n_features=n_features, features_of="the model's prototypes", who=who)
    return Xa[None] if Xa.ndim == 1 else Xa


def _yat_model(model: object, who: str) -> YatMLP:
    return check_model(model, "model", YatMLP, why=f"{who} reads prototypes, and a ReLU unit has none.")


def activations(model: YatMLP, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    r"""The activations :math:`\phi_u(x)` of ``model``'s prototypes, numpy ``[N, K]`` (float64).

    ``X`` is ``[N, D]`` or one ``[D]`` vector.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP (a ReLU MLP has no prototypes: it raises :class:`ValueError`).
    X : array ``[N, D]`` or ``[D]``
        Inputs with the model's ``D`` features.
    batch_size : int, default 2048
        Rows per call of the Yat layer (it bounds the memory used, not the result).

    Returns
    -------
    float64 ndarray ``[N, K]``
        :math:`\phi_u(x_i)`; one row for a single ``[D]`` input.
    """
    return _activations(model, X, batch_size=batch_size, name="X", who="activations")


def _activations(model: YatMLP, X: ArrayLike, *, batch_size: int = 2048, name: str, who: str) -> np.ndarray:
    _yat_model(model, who)
    Xa = _as_2d(X, name, n_features=model.yat.in_features, who=who)
    batch_size = check_int(batch_size, "batch_size", low=1)
    return in_batches(model.yat, Xa, batch_size=batch_size).astype(np.float64)


def shares(phi: ArrayLike) -> np.ndarray:
    r"""Normalised activations :math:`a_u = \phi_u / \sum_v \phi_v` along the last axis (each row sums to 1).

    A row whose activations are all zero gets equal shares :math:`1/K`.

    Parameters
    ----------
    phi : array ``[N, K]`` or ``[K]``
        Activations, never negative (:func:`activations`), of at least one prototype.

    Returns
    -------
    float64 ndarray, the shape of ``phi``
        The shares :math:`a_u`; each row sums to 1.
    """
    p = check_array(phi, "phi", ndim=(1, 2), dtype=np.float64, who="shares")
    if p.shape[-1] == 0:
        raise ValueError("phi has no activations (last axis of length 0); shares needs at least one prototype.")
    if (p < 0).any():
        raise ValueError(
            f"phi contains negative values (smallest {p.min():g}); shares needs Yat activations, "
            "which are never negative. Pass explain.activations(model, X)."
        )
    total = p.sum(-1, keepdims=True)
    return np.where(total > 0, p / np.where(total > 0, total, 1.0), 1.0 / p.shape[-1])


def max_match(phi: ArrayLike) -> np.ndarray:
    r"""The best match :math:`\phi_{\max}(x) = \max_u \phi_u(x)` of each row of activations.

    Parameters
    ----------
    phi : array ``[N, K]`` or ``[K]``
        Activations (:func:`activations`) of at least one prototype.

    Returns
    -------
    float64 ndarray ``[N]``
        :math:`\phi_{\max}` of each row (a 0-d value for one ``[K]`` row).
    """
    p = check_array(phi, "phi", ndim=(1, 2), dtype=np.float64, who="max_match")
    if p.shape[-1] == 0:
        raise ValueError("phi has no activations (last axis of length 0); max_match needs at least one prototype.")
    return p.max(-1)


def voted_class(model: YatMLP) -> np.ndarray:
    r"""The class each prototype votes for, :math:`\mathrm{votes}(u) = \arg\max_c A_{uc}` (its readout row), ``[K]``.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP.

    Returns
    -------
    ndarray ``[K]``
        For each prototype, the class of its largest readout weight (a tie goes to the lowest class).
    """
    _yat_model(model, "voted_class")
    return np.asarray(model.readout.kernel[...]).argmax(-1)


def vote_decomposition(model: YatMLP, x: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""The logits of one input split by prototype: ``(V [K, C], bias [C])``
    with ``V[u, c]`` :math:`= \phi_u(x) A_{uc}`.

    The column sums plus the bias are the logits: :math:`f_c(x) = \sum_u \phi_u(x) A_{uc} + \beta_c`.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP.
    x : array ``[D]`` or ``[1, D]``
        One input.

    Returns
    -------
    V : float64 ndarray ``[K, C]``
        :math:`\phi_u(x) A_{uc}`, the part of the logit of class ``c`` that prototype ``u`` gives.
    bias : float64 ndarray ``[C]``
        The readout bias :math:`\beta_c`.
    """
    phi = _activations(model, x, name="x", who="vote_decomposition")
    if len(phi) != 1:
        raise ValueError(
            f"x must be one input (a [D] vector or one row); got {len(phi)} rows. "
            "vote_decomposition explains one input at a time: pass X[i]."
        )
    A = np.asarray(model.readout.kernel[...], np.float64)
    bias = model.readout.bias
    assert bias is not None  # flax types a Linear's bias as optional; the MLPs build theirs with one
    return phi[0][:, None] * A, np.asarray(bias[...], np.float64)


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
    r"""Explain the prediction for one input ``x`` ``[D]``: shares, top prototypes, max-match, abstention.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP.
    x : array ``[D]`` or ``[1, D]``
        One input.
    top : int, default 5
        How many prototypes to list, at least 1.
    tau : float, optional
        The abstention threshold :math:`\tau \ge 0` on the max-match; None: the model never abstains.

    Returns
    -------
    Explanation
        The predicted class, the logits ``[C]``, the shares ``[K]``, the ``top`` prototypes with the
        largest shares (largest first), the max-match and whether the model abstains.
    """
    phi = _activations(model, x, name="x", who="explain")
    if len(phi) != 1:
        raise ValueError(
            f"x must be one input (a [D] vector or one row); got {len(phi)} rows. "
            "explain takes one input at a time: pass X[i]."
        )
    top = check_int(top, "top", low=1, why="It is how many prototypes to list.")
    if tau is not None:
        check_nonnegative(tau, "tau", why="It is the abstention threshold on the max-match.")
    a = shares(phi)[0]
    V, bias = vote_decomposition(model, x)
    logits = V.sum(0) + bias
    m = float(phi[0].max())
    order = np.argsort(-a, kind="stable")[:top]
    return Explanation(int(logits.argmax()), logits, a, order, m, bool(tau is not None and m < tau))


def abstain(max_matches: ArrayLike, tau: float) -> np.ndarray:
    r"""True where the model abstains, :math:`\phi_{\max}(x) < \tau`.

    Parameters
    ----------
    max_matches : array
        Max-matches :math:`\phi_{\max}(x)` (:func:`max_match`): a number or an array of 1 or 2 dimensions.
    tau : float
        The threshold :math:`\tau \ge 0`.

    Returns
    -------
    bool ndarray, the shape of ``max_matches``
        True where :math:`\phi_{\max}(x) < \tau`.
    """
    check_nonnegative(tau, "tau", why="It is the abstention threshold on the max-match.")
    m = check_array(max_matches, "max_matches", ndim=(0, 1, 2), dtype=np.float64, who="abstain")
    return m < tau


def threshold_grid(*max_matches: ArrayLike, n: int = 61) -> np.ndarray:
    """``n`` log-spaced thresholds covering the range of the given max-matches (with a margin).

    Parameters
    ----------
    *max_matches : arrays ``[N]``
        One or more 1-D arrays of max-matches (e.g. of in- and out-of-distribution items); only their
        positive values count, and there must be one.
    n : int, default 61
        Number of thresholds, at least 2.

    Returns
    -------
    float64 ndarray ``[n]``
        Geometrically spaced from the smallest positive max-match divided by 1.5 to the largest times 1.5.
    """
    n = check_int(n, "n", low=2, why="It is the number of thresholds.")
    if not max_matches:
        raise ValueError("threshold_grid needs at least one array of max-matches.")
    vals = np.concatenate(
        [np.ravel(check_array(m, "max_matches", ndim=1, dtype=np.float64, who="threshold_grid")) for m in max_matches]
    )
    vals = vals[vals > 0]
    if len(vals) == 0:
        raise ValueError("max_matches has no positive value; threshold_grid spaces thresholds on a log scale.")
    return np.geomspace(vals.min() / 1.5, vals.max() * 1.5, n)


def tradeoff_curve(max_in: ArrayLike, max_out: ArrayLike, taus: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""For each :math:`\tau`: the fraction of in-distribution items accepted,
    :math:`P_{\text{in}}(\phi_{\max} \ge \tau)`,
    and of out-of-distribution items rejected, :math:`P_{\text{out}}(\phi_{\max} < \tau)`.

    Parameters
    ----------
    max_in : array ``[N_in]``
        Max-matches of in-distribution items.
    max_out : array ``[N_out]``
        Max-matches of out-of-distribution items.
    taus : array ``[T]``
        The thresholds :math:`\tau` (e.g. :func:`threshold_grid`).

    Returns
    -------
    accepted : float64 ndarray ``[T]``
        :math:`P_{\text{in}}(\phi_{\max} \ge \tau)` for each threshold.
    rejected : float64 ndarray ``[T]``
        :math:`P_{\text{out}}(\phi_{\max} < \tau)` for each threshold.
    """
    mi = check_array(max_in, "max_in", ndim=1, dtype=np.float64, who="tradeoff_curve")
    mo = check_array(max_out, "max_out", ndim=1, dtype=np.float64, who="tradeoff_curve")
    t = check_array(taus, "taus", ndim=1, dtype=np.float64, who="tradeoff_curve")
    accepted = (mi[None, :] >= t[:, None]).mean(1)
    rejected = (mo[None, :] < t[:, None]).mean(1)
    return accepted, rejected


def min_distance(model: YatMLP, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    r"""The distance from each input to its nearest prototype,
    :math:`\operatorname{dist}(x, W) = \min_u \lVert x - w_u\rVert`, ``[N]``.

    A score of novelty that, unlike the max-match, does not grow with the
    numerator :math:`(w_u\cdot x + b)^2`: an input with more ink is not closer
    to a prototype for that.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP; its prototypes :math:`W` are read.
    X : array ``[N, D]`` or ``[D]``
        Inputs with the model's ``D`` features.
    batch_size : int, default 2048
        Rows per call (it bounds the memory used, not the result).

    Returns
    -------
    float64 ndarray ``[N]``
        :math:`\operatorname{dist}(x_i, W)` for each input.
    """
    _yat_model(model, "min_distance")
    Xa = _as_2d(X, "X", n_features=model.yat.in_features, who="min_distance")
    batch_size = check_int(batch_size, "batch_size", low=1)
    W = np.asarray(model.yat.prototypes[...], np.float32)
    d2 = in_batches(lambda x: np.asarray(squared_distances(x, W)).min(1), Xa, batch_size=batch_size)
    return np.sqrt(d2.astype(np.float64))


def auroc(scores_in: ArrayLike, scores_out: ArrayLike) -> float:
    r"""Area under the ROC curve of a score that should be higher on in-distribution items.

    It is the probability that a random in-distribution item scores higher than
    a random out-of-distribution one, ties counting one half (the Mann-Whitney
    statistic):

    .. math::

        \mathrm{AUROC} = \frac{1}{n_{\text{in}}\, n_{\text{out}}}
        \sum_{i,j} \Big(1[s^{\text{in}}_i > s^{\text{out}}_j] + \tfrac12\, 1[s^{\text{in}}_i = s^{\text{out}}_j]\Big).

    1 separates the sets perfectly, 0.5 is chance. For a score that is higher
    *out* of distribution (a distance), pass its negative.

    Parameters
    ----------
    scores_in : array ``[n_in]``
        Scores of in-distribution items (at least one).
    scores_out : array ``[n_out]``
        Scores of out-of-distribution items (at least one).

    Returns
    -------
    float
        The AUROC, in [0, 1].
    """
    from scipy.stats import rankdata

    si = check_array(scores_in, "scores_in", ndim=1, dtype=np.float64, who="auroc")
    so = check_array(scores_out, "scores_out", ndim=1, dtype=np.float64, who="auroc")
    ranks = rankdata(np.concatenate([si, so]))  # ties get their average rank
    u = ranks[: len(si)].sum() - len(si) * (len(si) + 1) / 2
    return float(u / (len(si) * len(so)))


def auroc_interval(
    scores_in: ArrayLike, scores_out: ArrayLike, *, n_boot: int = 1000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    r"""A percentile bootstrap interval for :func:`auroc`: both sets resampled with replacement ``n_boot`` times.

    Parameters
    ----------
    scores_in : array ``[n_in]``
        Scores of in-distribution items, as for :func:`auroc`.
    scores_out : array ``[n_out]``
        Scores of out-of-distribution items.
    n_boot : int, default 1000
        Number of bootstrap resamples, at least 10.
    level : float, default 0.95
        The interval's coverage, strictly between 0 and 1.
    seed : int, default 0
        Seed of the resampling.

    Returns
    -------
    (float, float)
        ``(low, high)``: the :math:`(1 - \text{level})/2` and :math:`(1 + \text{level})/2` quantiles
        of the resampled AUROCs.
    """
    si = check_array(scores_in, "scores_in", ndim=1, dtype=np.float64, who="auroc_interval")
    so = check_array(scores_out, "scores_out", ndim=1, dtype=np.float64, who="auroc_interval")
    n_boot = check_int(n_boot, "n_boot", low=10)
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95); got {level!r}.")
    rng = np.random.default_rng(seed)
    vals = [auroc(si[rng.integers(0, len(si), len(si))], so[rng.integers(0, len(so), len(so))]) for _ in range(n_boot)]
    lo, hi = np.quantile(vals, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


@dataclass
class Novelty:
    r"""Two scores of "have I seen anything like this?" on items inside and outside the training set.

    The max-match :math:`\phi_{\max}(x) = \max_u \phi_u(x)` is high in-distribution; the
    distance to the nearest prototype :math:`\operatorname{dist}(x, W)` is low. Each AUROC is the
    probability that an inside item looks more familiar than an outside one
    (for the distance: is closer), with a 95 % bootstrap interval.

    Attributes
    ----------
    max_match_inside, max_match_outside : ndarray
    distance_inside, distance_outside : ndarray
    auroc_max_match, auroc_distance : float
    interval_max_match, interval_distance : tuple of float
    """

    max_match_inside: np.ndarray
    max_match_outside: np.ndarray
    distance_inside: np.ndarray
    distance_outside: np.ndarray
    auroc_max_match: float
    auroc_distance: float
    interval_max_match: tuple[float, float]
    interval_distance: tuple[float, float]


def novelty(model: YatMLP, inside: ArrayLike, outside: ArrayLike, *, n_boot: int = 1000, seed: int = 0) -> Novelty:
    r"""Max-match and nearest-prototype distance of ``model`` on ``inside`` and ``outside`` items, with their AUROCs.

    ``inside`` holds items of the kind the model was trained on (but not its
    training items), ``outside`` items of another kind. The AUROC of the
    distance is computed on :math:`-\operatorname{dist}(x, W)`, so for both scores 1 means "every
    inside item looks more familiar than every outside one" and 0.5 is chance.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP.
    inside : array ``[N_in, D]`` or ``[D]``
        Items of the kind the model was trained on (not its training items).
    outside : array ``[N_out, D]`` or ``[D]``
        Items of another kind.
    n_boot : int, default 1000
        Bootstrap resamples of each interval (:func:`auroc_interval`).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    Novelty
        Both scores on both sets, their AUROCs and 95 % intervals.
    """
    _yat_model(model, "novelty")
    Xi = _as_2d(inside, "inside", n_features=model.yat.in_features, who="novelty")
    Xo = _as_2d(outside, "outside", n_features=model.yat.in_features, who="novelty")
    mi, mo = max_match(activations(model, Xi)), max_match(activations(model, Xo))
    di, do = min_distance(model, Xi), min_distance(model, Xo)
    return Novelty(
        mi,
        mo,
        di,
        do,
        auroc(mi, mo),
        auroc(-di, -do),
        auroc_interval(mi, mo, n_boot=n_boot, seed=seed),
        auroc_interval(-di, -do, n_boot=n_boot, seed=seed),
    )


class ModelArrays(TypedDict):
    """What :func:`model_arrays` returns: a Yat MLP's weights as NumPy arrays and floats."""

    prototypes: np.ndarray
    b: float
    eps: float
    readout: np.ndarray
    bias: np.ndarray


def model_arrays(model: YatMLP) -> ModelArrays:
    """The trained weights a browser needs to recompute the model: prototypes, b, eps, readout, bias.

    Parameters
    ----------
    model : YatMLP
        A Yat MLP.

    Returns
    -------
    ModelArrays
        ``prototypes`` ``[K, D]``, ``readout`` ``[K, C]`` and ``bias`` ``[C]`` (float32), and ``b`` and
        ``eps`` (floats).
    """
    _yat_model(model, "model_arrays")
    bias = model.readout.bias
    assert bias is not None  # flax types a Linear's bias as optional; the MLPs build theirs with one
    return {
        "prototypes": np.asarray(model.yat.prototypes[...], np.float32),
        "b": float(model.yat.b),
        "eps": float(model.yat.eps),
        "readout": np.asarray(model.readout.kernel[...], np.float32),
        "bias": np.asarray(bias[...], np.float32),
    }


def nearest_image_class(prototypes: ArrayLike, X: ArrayLike, y: ArrayLike, *, batch_size: int = 4096) -> np.ndarray:
    r"""The class of the training image closest to each prototype, :math:`\mathrm{shows}(u) = y_{i(u)}` with
    :math:`i(u) = \arg\min_i \lVert x_i - w_u\rVert`, shape ``[K]``: what the prototype's picture shows.

    Parameters
    ----------
    prototypes : array ``[K, D]`` or ``[D]``
        The prototypes :math:`w_u` (or any pictures).
    X : array ``[N, D]``
        Training images :math:`x_i`.
    y : array ``[N]``
        Their class labels.
    batch_size : int, default 4096
        Images compared per step (it bounds the memory used, not the result).

    Returns
    -------
    int32 ndarray ``[K]``
        The label of the image nearest to each prototype (a tie goes to the first such image).
    """
    W = _as_2d(prototypes, "prototypes", who="nearest_image_class")
    Xa = _as_2d(X, "X", n_features=W.shape[1], who="nearest_image_class")
    ya = check_labels(y, "y", n=len(Xa), who="nearest_image_class")
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
    r"""The ReLU MLP's first-layer weights as ``[K, D]`` rows (one filter per hidden unit).

    Parameters
    ----------
    model : ReluMLP
        A ReLU MLP.

    Returns
    -------
    ndarray ``[K, D]``
        Row ``u`` holds the incoming weights :math:`\omega_u` of hidden unit ``u``.
    """
    check_model(model, "model", ReluMLP)
    return np.asarray(model.hidden.kernel[...]).T
