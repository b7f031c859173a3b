r"""Training and evaluation for classifiers built from NNX modules.

:func:`fit` minimises the mean softmax cross-entropy

.. math::

    \mathcal{L}(\theta) = -\frac{1}{B}\sum_{n=1}^{B} \log \operatorname{softmax}(f_\theta(x_n))_{y_n}

with Optax's Adam (or any Optax optimiser passed in), plus an optional
regulariser :math:`R(\theta; x_{1:B})`, on mini-batches drawn from a seeded permutation per epoch,
so the same seed repeats the run exactly. It shows a progress bar and returns
a :class:`History`. :func:`train_or_load` wraps it with the weight cache of
:mod:`yatlib.cache`, keyed by the configuration and yatlib's version.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx
from jax.typing import ArrayLike
from tqdm.auto import tqdm

from . import cache
from .apply import compiled, in_batches
from .validation import check_int, check_model_data, check_model_inputs, check_positive, to_jax

__all__ = [
    "History",
    "Regulariser",
    "fit",
    "train_step",
    "predict_logits",
    "predict",
    "accuracy",
    "model_to_arrays",
    "arrays_to_model",
    "train_or_load",
]

Callback = Callable[[int, nnx.Module], None]
Regulariser = Callable[[nnx.Module, jax.Array, jax.Array], jax.Array]
"""A term added to the loss, called as ``regulariser(model, x_batch, y_batch)`` inside the jitted step."""


@dataclass
class History:
    """What a training run recorded, one entry per epoch.

    Attributes
    ----------
    loss : list of float
        Mean training loss of each epoch.
    train_accuracy : list of float
        Accuracy on the training batches seen in each epoch.
    eval_accuracy : list of float
        Accuracy on ``eval_set`` after each epoch (empty without one).
    steps : int
        Gradient steps taken.
    epoch_seconds : list of float
        Wall-clock seconds of each epoch (the first includes compilation).
    """

    loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    eval_accuracy: list[float] = field(default_factory=list)
    steps: int = 0
    epoch_seconds: list[float] = field(default_factory=list)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The history as named arrays (for the cache)."""
        return {
            "history_loss": np.asarray(self.loss, np.float64),
            "history_train_accuracy": np.asarray(self.train_accuracy, np.float64),
            "history_eval_accuracy": np.asarray(self.eval_accuracy, np.float64),
            "history_steps": np.asarray(self.steps),
            "history_epoch_seconds": np.asarray(self.epoch_seconds, np.float64),
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> History:
        """Rebuild a history written by :meth:`to_arrays`."""
        return cls(
            loss=[float(v) for v in arrays["history_loss"]],
            train_accuracy=[float(v) for v in arrays["history_train_accuracy"]],
            eval_accuracy=[float(v) for v in arrays["history_eval_accuracy"]],
            steps=int(arrays["history_steps"]),
            epoch_seconds=[float(v) for v in arrays.get("history_epoch_seconds", ())],
        )


def predict_logits(model: nnx.Module, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    """The model's outputs on ``X``, evaluated in batches, as a numpy array ``[N, C]``.

    ``X`` is checked first (2-D, finite, as many features as the model's inputs). The forward pass
    is compiled once per architecture and batch shape (:func:`yatlib.apply.compiled`).

    Parameters
    ----------
    model : nnx.Module
        The classifier.
    X : array ``[N, D]``
        Inputs.
    batch_size : int
        Rows per compiled call.

    Returns
    -------
    ndarray ``[N, C]``
        The logits.
    """
    Xa = check_model_inputs(model, X, who="predict")
    return _logits(model, Xa, check_int(batch_size, "batch_size", low=1))


def _logits(model: nnx.Module, Xa: np.ndarray, batch_size: int = 2048) -> np.ndarray:
    return in_batches(compiled(model), Xa, batch_size=batch_size)


def predict(model: nnx.Module, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    """Predicted class indices ``[N]`` (argmax of the logits of :func:`predict_logits`).

    Parameters
    ----------
    model : nnx.Module
        The classifier.
    X : array ``[N, D]``
        Inputs.
    batch_size : int
        Rows per compiled call.

    Returns
    -------
    ndarray ``[N]``
        Class indices.
    """
    return predict_logits(model, X, batch_size=batch_size).argmax(-1)


def accuracy(model: nnx.Module, X: ArrayLike, y: ArrayLike, *, batch_size: int = 2048) -> float:
    """Fraction of ``X`` whose predicted class equals ``y``.

    Parameters
    ----------
    model : nnx.Module
        The classifier.
    X, y : array ``[N, D]``, array ``[N]``
        Inputs and their class labels (``0..C-1`` for the model's ``C`` outputs).
    batch_size : int
        Rows per compiled call.

    Returns
    -------
    float
        The accuracy, in [0, 1].
    """
    Xa, ya = check_model_data(model, X, y, who="accuracy")
    return _accuracy(model, Xa, ya, check_int(batch_size, "batch_size", low=1))


def _accuracy(model: nnx.Module, Xa: np.ndarray, ya: np.ndarray, batch_size: int = 2048) -> float:
    return float((_logits(model, Xa, batch_size).argmax(-1) == ya).mean())


_FIT_DEFAULTS: dict[str, Any] = {
    "batch_size": 256,
    "learning_rate": 4e-3,
    "seed": 0,
    "eval_set": None,
    "callback": None,
    "callback_every": None,
    "progress": True,
    "description": "training",
    "optimizer": None,
    "regulariser": None,
}


def fit(
    model: nnx.Module,
    X: ArrayLike,
    y: ArrayLike,
    *,
    epochs: int,
    batch_size: int = 256,
    learning_rate: float = 4e-3,
    seed: int = 0,
    eval_set: tuple[ArrayLike, ArrayLike] | None = None,
    callback: Callback | None = None,
    callback_every: int | None = None,
    progress: bool = True,
    description: str = "training",
    optimizer: optax.GradientTransformation | None = None,
    regulariser: Regulariser | None = None,
) -> History:
    """Train ``model`` in place with Adam on softmax cross-entropy; return its :class:`History`.

    Each epoch visits a permutation of the data drawn from ``seed`` and the
    epoch number, in full batches of ``batch_size`` (the remainder is dropped,
    as in the source article), so a run repeats exactly for the same seed.

    ``callback(step, model)`` is called before the first step, every
    ``callback_every`` steps (default: once per epoch) and after the last step;
    use it to take snapshots of the prototypes. It must not modify the model.

    ``optimizer`` replaces the default ``optax.adam(learning_rate)`` (e.g. a
    schedule, or separate learning rates per parameter group); ``regulariser``
    adds a term to the mean cross-entropy of each batch (e.g.
    :func:`yatlib.anchoring.batch_anchor`). Both default to the plain run.

    Parameters
    ----------
    model : nnx.Module
        The network to train, in place.
    X, y : array ``[N, D]``, array ``[N]``
        Training inputs and integer class labels.
    epochs : int
        Number of passes over the data.
    batch_size : int
        Items per step (the remainder of an epoch is dropped).
    learning_rate : float
        Adam's learning rate (ignored when ``optimizer`` is given).
    seed : int
        Seed of the epochs' permutations.
    eval_set : pair ``(X_eval, y_eval)``, optional
        Data whose accuracy is recorded after each epoch.
    callback : callable ``(step, model)``, optional
        Called before the first step, every ``callback_every`` steps and after the last.
    callback_every : int, optional
        Steps between calls of ``callback`` (default: once per epoch).
    progress : bool
        Show a progress bar.
    description : str
        The progress bar's label.
    optimizer : optax.GradientTransformation, optional
        Replaces ``optax.adam(learning_rate)``.
    regulariser : callable ``(model, x_batch, y_batch) -> scalar``, optional
        A term added to the loss of each batch.

    Returns
    -------
    History
        The losses and accuracies of the run.
    """
    Xa, ya = check_model_data(model, X, y, who="fit")
    return _fit(
        model,
        Xa,
        ya,
        **_check_fit_args(
            model,
            epochs=epochs,
            batch_size=batch_size,
            learning_rate=learning_rate,
            seed=seed,
            eval_set=eval_set,
            callback=callback,
            callback_every=callback_every,
            progress=progress,
            description=description,
            optimizer=optimizer,
            regulariser=regulariser,
        ),
    )


def _check_fit_args(model: nnx.Module, **kw: Any) -> dict[str, Any]:
    """The arguments of :func:`fit` other than the data, checked (the data are checked by the caller)."""
    if "epochs" not in kw:
        raise ValueError("epochs is missing: pass the number of passes over the data, e.g. epochs=12.")
    kw["epochs"] = check_int(kw["epochs"], "epochs", low=0, why="It is the number of passes over the data.")
    kw["batch_size"] = check_int(kw["batch_size"], "batch_size", low=1)
    check_positive(kw["learning_rate"], "learning_rate", why="Adam's step size; the book uses 4e-3.")
    if kw["callback_every"] is not None:
        check_int(kw["callback_every"], "callback_every", low=1)
    eval_set = kw["eval_set"]
    if eval_set is not None:
        if not isinstance(eval_set, (tuple, list)) or len(eval_set) != 2:
            raise ValueError(f"eval_set must be a pair (X_eval, y_eval); got {type(eval_set).__name__}.")
        kw["eval_set"] = check_model_data(model, eval_set[0], eval_set[1], who="fit (eval_set)")
    return kw


def _fit(
    model: nnx.Module,
    Xa: np.ndarray,
    ya: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    seed: int,
    eval_set: tuple[np.ndarray, np.ndarray] | None,
    callback: Callback | None,
    callback_every: int | None,
    progress: bool,
    description: str,
    optimizer: optax.GradientTransformation | None,
    regulariser: Regulariser | None,
) -> History:
    """:func:`fit` on checked data and arguments."""
    n = len(Xa)
    steps_per_epoch = max(1, n // batch_size) if n >= batch_size else 1
    bs = min(batch_size, n)
    every = callback_every or steps_per_epoch

    step, state = train_step(model, optax.adam(learning_rate) if optimizer is None else optimizer, regulariser)

    history = History()
    if callback is not None:
        callback(0, model)
    total = epochs * steps_per_epoch
    # At most ~100 redraws: each redraw of a notebook progress bar is a kernel message, and a
    # flood of them can overflow the kernel's message queue while a client waits for the cell.
    bar = tqdm(
        total=total, desc=description, disable=not progress, leave=True, miniters=max(1, total // 100), mininterval=0.5
    )
    for epoch in range(epochs):
        started = time.perf_counter()
        perm = np.random.default_rng([seed, epoch]).permutation(n)
        losses, correct, seen = [], 0, 0
        for i in range(steps_per_epoch):
            idx = perm[i * bs : (i + 1) * bs]
            state, loss, c = step(state, to_jax(Xa[idx]), to_jax(ya[idx]))
            losses.append(loss)
            correct += int(c)
            seen += len(idx)
            history.steps += 1
            bar.update(1)
            if callback is not None and history.steps % every == 0 and history.steps != total:
                nnx.update(model, state[0])
                callback(history.steps, model)
        nnx.update(model, state[0])
        history.loss.append(float(jnp.mean(jnp.stack(losses))))
        history.train_accuracy.append(correct / seen)
        history.epoch_seconds.append(time.perf_counter() - started)
        if eval_set is not None:
            history.eval_accuracy.append(_accuracy(model, *eval_set))
        bar.set_postfix(loss=f"{history.loss[-1]:.3f}", acc=f"{history.train_accuracy[-1]:.3f}")
    bar.close()
    nnx.update(model, state[0])
    if callback is not None:
        callback(history.steps, model)
    return history


def train_step(
    model: nnx.Module, optimizer: optax.GradientTransformation, regulariser: Regulariser | None = None
) -> tuple[Callable[[Any, jax.Array, jax.Array], tuple[Any, jax.Array, jax.Array]], Any]:
    r"""The compiled gradient step of :func:`fit`, and the state it starts from.

    ``step(state, x_batch, y_batch)`` returns ``(state, loss, correct)``: one
    update of ``optimizer`` on :math:`\mathcal{L}(\theta) + R(\theta; x_{1:B})`
    (:math:`R` = ``regulariser``, 0 if None), the batch's loss and its number of
    correct predictions. ``state`` holds the model's and the optimiser's
    variables; ``nnx.update(model, state[0])`` writes the trained weights back
    into ``model``. :func:`fit` trains with it; it is also the unit to time a step by.

    Parameters
    ----------
    model : nnx.Module
        The network to train; it is not changed until its weights are written back from ``state``.
    optimizer : optax.GradientTransformation
        The Optax optimiser, e.g. ``optax.adam(4e-3)``.
    regulariser : callable ``(model, x_batch, y_batch) -> scalar``, optional
        A term added to the mean cross-entropy of each batch (none when None).

    Returns
    -------
    step : callable ``(state, x_batch, y_batch) -> (state, loss, correct)``
        The jitted step: ``x_batch [B, D]``, integer labels ``y_batch [B]``; it returns the new state,
        the batch's loss (a scalar) and its number of correct predictions.
    state : pytree
        The starting state ``(model variables, optimiser variables)``.
    """
    if not isinstance(optimizer, optax.GradientTransformation):
        raise ValueError(
            f"optimizer must be an Optax optimiser (e.g. optax.adam(4e-3)); got {type(optimizer).__name__}."
        )
    if regulariser is not None and not callable(regulariser):
        raise ValueError(
            f"regulariser must be a function (model, x_batch, y_batch) -> scalar, "
            f"e.g. yatlib.anchoring.batch_anchor(0.1); got {type(regulariser).__name__}."
        )
    graphdef, state = nnx.split((model, nnx.Optimizer(model, optimizer, wrt=nnx.Param)))

    @jax.jit
    def step(state: Any, xb: jax.Array, yb: jax.Array) -> tuple[Any, jax.Array, jax.Array]:
        m, opt = nnx.merge(graphdef, state)

        def loss_fn(m: nnx.Module) -> tuple[jax.Array, jax.Array]:
            logits = m(xb)
            loss = optax.softmax_cross_entropy_with_integer_labels(logits, yb).mean()
            if regulariser is not None:
                loss = loss + regulariser(m, xb, yb)
            return loss, logits

        (loss, logits), grads = nnx.value_and_grad(loss_fn, has_aux=True)(m)
        opt.update(m, grads)
        correct = (logits.argmax(-1) == yb).sum()
        return nnx.state((m, opt)), loss, correct

    return step, state


def model_to_arrays(model: nnx.Module) -> dict[str, np.ndarray]:
    """The model's parameters as named numpy arrays (path strings as keys).

    Parameters
    ----------
    model : nnx.Module
        The network whose ``nnx.Param`` variables are read.

    Returns
    -------
    dict of str to ndarray
        One array per parameter, keyed by ``"param"`` followed by its path in the model's state
        (``jax.tree_util.keystr``); :func:`arrays_to_model` reads it back.
    """
    leaves = jax.tree_util.tree_flatten_with_path(nnx.state(model, nnx.Param))[0]
    return {"param" + jax.tree_util.keystr(path): np.asarray(leaf) for path, leaf in leaves}


def arrays_to_model(model: nnx.Module, arrays: Mapping[str, np.ndarray]) -> nnx.Module:
    """Load parameters written by :func:`model_to_arrays` into ``model`` (same architecture); returns it.

    Parameters
    ----------
    model : nnx.Module
        The network to load into, in place; it must have the architecture the arrays were saved from.
    arrays : mapping of str to array
        Named arrays as returned by :func:`model_to_arrays`; a missing key or a shape that differs
        raises ``ValueError``. Extra keys are ignored.

    Returns
    -------
    nnx.Module
        ``model`` itself, with the loaded parameters (cast to its dtypes).
    """
    if not isinstance(arrays, Mapping):
        raise ValueError(
            f"arrays must be a mapping of named arrays (from model_to_arrays); got {type(arrays).__name__}."
        )
    state = nnx.state(model, nnx.Param)
    leaves, treedef = jax.tree_util.tree_flatten_with_path(state)
    new = []
    for path, leaf in leaves:
        key = "param" + jax.tree_util.keystr(path)
        if key not in arrays:
            raise ValueError(f"saved weights lack {key}; they belong to a different architecture.")
        value = np.asarray(arrays[key])
        if value.shape != leaf.shape:
            raise ValueError(f"saved {key} has shape {value.shape}, the model expects {leaf.shape}.")
        new.append(jnp.asarray(value, leaf.dtype))
    nnx.update(model, jax.tree_util.tree_unflatten(treedef, new))
    return model


def train_or_load(
    name: str,
    model: nnx.Module,
    X: ArrayLike,
    y: ArrayLike,
    *,
    config: Mapping[str, Any],
    extra: Callable[[nnx.Module], Mapping[str, np.ndarray]] | None = None,
    **fit_kwargs: Any,
) -> tuple[nnx.Module, History, dict[str, np.ndarray]]:
    """Train ``model`` with :func:`fit`, or load the weights of an identical earlier run.

    The cache key covers ``config`` (the hyper-parameters, seed and anything
    else that determines the result), the training arguments, yatlib's version
    and source, and fingerprints (:func:`yatlib.cache.array_fingerprint`) of the
    data ``X``, ``y`` and of the model's initial parameters, so the same
    configuration on other data, or from another starting point, trains anew
    instead of returning the first run's weights. An ``optimizer`` or ``regulariser``
    passed on to :func:`fit` is an object, not a setting: describe it in ``config``
    (the source of the regulariser's module enters the key). ``extra(model)`` may return further
    arrays to store with the weights (e.g. prototype snapshots collected by a
    callback). Returns the model, its history and the stored arrays.
    A line says whether the weights were trained now or loaded (none when :func:`yatlib.cache.quiet`).

    Parameters
    ----------
    name : str
        The cache entry's name.
    model : nnx.Module
        The network, at its initial parameters; trained in place or given the cached weights.
    X, y : array ``[N, D]``, array ``[N]``
        Training inputs and integer class labels.
    config : mapping
        Everything else that determines the result (hyper-parameters, seed, ...), JSON-serialisable.
    extra : callable ``model -> {name: array}``, optional
        Further arrays to store with the weights.
    **fit_kwargs
        Passed on to :func:`fit`.

    Returns
    -------
    model : nnx.Module
        The trained model.
    history : History
        Its training history.
    arrays : dict of str to ndarray
        The stored arrays.
    """
    Xa, ya = check_model_data(model, X, y, who="train_or_load")
    if not isinstance(config, Mapping):
        raise ValueError(f"config must be a mapping (a dict of settings); got {type(config).__name__}.")
    fit_args = _check_fit_args(model, **{**_FIT_DEFAULTS, **fit_kwargs})
    return _train_or_load(name, model, Xa, ya, config, extra, fit_args)


def _train_or_load(
    name: str,
    model: nnx.Module,
    Xa: np.ndarray,
    ya: np.ndarray,
    config: Mapping[str, Any],
    extra: Callable[[nnx.Module], Mapping[str, np.ndarray]] | None,
    fit_args: dict[str, Any],
) -> tuple[nnx.Module, History, dict[str, np.ndarray]]:
    """:func:`train_or_load` on checked data and arguments (``fit_args``: every argument of :func:`fit`)."""
    # the source of a regulariser (e.g. yatlib.anchoring) shapes the weights too
    owners = (__name__, type(model).__module__, getattr(fit_args["regulariser"], "__module__", None) or "")
    settings = {
        k: v for k, v in fit_args.items() if isinstance(v, (int, float, str)) and k not in ("progress", "description")
    }
    key_config = {"config": dict(config), "fit": settings}
    key_data = {"X": Xa, "y": ya, **{f"init{k}": v for k, v in model_to_arrays(model).items()}}

    def train() -> dict[str, np.ndarray]:
        history = _fit(model, Xa, ya, **fit_args)
        arrays = {**model_to_arrays(model), **history.to_arrays()}
        if extra is not None:
            arrays.update({k: np.asarray(v) for k, v in extra(model).items()})
        return arrays

    modules = tuple(m for m in owners if m.split(".")[0] == "yatlib")
    stored = cache.cached_arrays(name, key_config, train, data=key_data, modules=modules)
    arrays_to_model(model, stored)
    return model, History.from_arrays(stored), stored
