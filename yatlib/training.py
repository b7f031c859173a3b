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
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx
from jax.typing import ArrayLike
from tqdm.auto import tqdm

from . import cache

__all__ = [
    "History",
    "Regulariser",
    "fit",
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
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> "History":
        """Rebuild a history written by :meth:`to_arrays`."""
        return cls(
            loss=[float(v) for v in arrays["history_loss"]],
            train_accuracy=[float(v) for v in arrays["history_train_accuracy"]],
            eval_accuracy=[float(v) for v in arrays["history_eval_accuracy"]],
            steps=int(arrays["history_steps"]),
            epoch_seconds=[float(v) for v in arrays.get("history_epoch_seconds", ())],
        )


def _check_xy(X: ArrayLike, y: ArrayLike, who: str) -> tuple[np.ndarray, np.ndarray]:
    Xa = np.asarray(X)
    ya = np.asarray(y)
    if Xa.ndim != 2:
        raise ValueError(f"{who}: X must be [N, D]; got shape {Xa.shape}. Flatten images first.")
    if not np.issubdtype(Xa.dtype, np.number):
        raise ValueError(f"{who}: X must be numeric; got dtype {Xa.dtype}.")
    if ya.ndim != 1 or len(ya) != len(Xa):
        raise ValueError(f"{who}: y must be [N] integer labels matching X ({len(Xa)} rows); got shape {ya.shape}.")
    if len(Xa) == 0:
        raise ValueError(f"{who}: the data set is empty.")
    if not np.issubdtype(ya.dtype, np.integer):
        raise ValueError(f"{who}: y must hold integer class labels; got dtype {ya.dtype}.")
    if not np.isfinite(Xa).all():
        raise ValueError(f"{who}: X contains NaN or infinite values.")
    return Xa.astype(np.float32, copy=False), ya.astype(np.int32, copy=False)


def predict_logits(model: nnx.Module, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    """The model's outputs on ``X``, evaluated in batches, as a numpy array ``[N, C]``."""
    Xa = np.asarray(X, np.float32)
    if Xa.ndim != 2 or len(Xa) == 0:
        raise ValueError(f"X must be a non-empty [N, D] array; got shape {Xa.shape}.")
    graphdef, state = nnx.split(model)

    @jax.jit
    def forward(state: Any, xb: jax.Array) -> jax.Array:
        return nnx.merge(graphdef, state)(xb)

    return np.concatenate([np.asarray(forward(state, Xa[i : i + batch_size])) for i in range(0, len(Xa), batch_size)])


def predict(model: nnx.Module, X: ArrayLike, *, batch_size: int = 2048) -> np.ndarray:
    """Predicted class indices ``[N]`` (argmax of the logits)."""
    return predict_logits(model, X, batch_size=batch_size).argmax(-1)


def accuracy(model: nnx.Module, X: ArrayLike, y: ArrayLike, *, batch_size: int = 2048) -> float:
    """Fraction of ``X`` whose predicted class equals ``y``."""
    Xa, ya = _check_xy(X, y, "accuracy")
    return float((predict(model, Xa, batch_size=batch_size) == ya).mean())


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
    """
    Xa, ya = _check_xy(X, y, "fit")
    if epochs < 0 or batch_size < 1 or learning_rate <= 0:
        raise ValueError(
            f"need epochs >= 0, batch_size >= 1 and learning_rate > 0; got {epochs}, {batch_size}, {learning_rate}."
        )
    n = len(Xa)
    steps_per_epoch = max(1, n // batch_size) if n >= batch_size else 1
    bs = min(batch_size, n)
    every = callback_every or steps_per_epoch

    tx = optax.adam(learning_rate) if optimizer is None else optimizer
    optimizer = nnx.Optimizer(model, tx, wrt=nnx.Param)
    graphdef, state = nnx.split((model, optimizer))

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

    history = History()
    if callback is not None:
        callback(0, model)
    total = epochs * steps_per_epoch
    # At most ~100 redraws: each redraw of a notebook progress bar is a kernel message, and a
    # flood of them can overflow the kernel's message queue while a client waits for the cell.
    bar = tqdm(total=total, desc=description, disable=not progress, leave=True,
               miniters=max(1, total // 100), mininterval=0.5)
    for epoch in range(epochs):
        started = time.perf_counter()
        perm = np.random.default_rng([seed, epoch]).permutation(n)
        losses, correct, seen = [], 0, 0
        for i in range(steps_per_epoch):
            idx = perm[i * bs : (i + 1) * bs]
            state, loss, c = step(state, jnp.asarray(Xa[idx]), jnp.asarray(ya[idx]))
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
            history.eval_accuracy.append(accuracy(model, *eval_set))
        bar.set_postfix(loss=f"{history.loss[-1]:.3f}", acc=f"{history.train_accuracy[-1]:.3f}")
    bar.close()
    nnx.update(model, state[0])
    if callback is not None:
        callback(history.steps, model)
    return history


def model_to_arrays(model: nnx.Module) -> dict[str, np.ndarray]:
    """The model's parameters as named numpy arrays (path strings as keys)."""
    leaves = jax.tree_util.tree_flatten_with_path(nnx.state(model, nnx.Param))[0]
    return {"param" + jax.tree_util.keystr(path): np.asarray(leaf) for path, leaf in leaves}


def arrays_to_model(model: nnx.Module, arrays: Mapping[str, np.ndarray]) -> nnx.Module:
    """Load parameters written by :func:`model_to_arrays` into ``model`` (same architecture); returns it."""
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

    ``config`` must describe everything that determines the result (data
    subset, architecture, hyper-parameters, seed); it is hashed together with
    yatlib's version into the cache key. ``extra(model)`` may return further
    arrays to store with the weights (e.g. prototype snapshots collected by a
    callback). Returns the model, its history and the stored arrays.
    A line says whether the weights were trained now or loaded.
    """
    modules = (__name__, type(model).__module__)
    stored = cache.load_arrays(name, config, modules=modules)
    if stored is not None:
        arrays_to_model(model, stored)
        print(f"[cache] loaded trained weights '{name}' (trained earlier with this exact configuration; "
              "YATLIB_NO_CACHE=1 trains again)")
        return model, History.from_arrays(stored), stored
    history = fit(model, X, y, **fit_kwargs)
    arrays = {**model_to_arrays(model), **history.to_arrays()}
    if extra is not None:
        arrays.update({k: np.asarray(v) for k, v in extra(model).items()})
    cache.save_arrays(name, config, arrays, modules=modules)
    print(f"[cache] trained '{name}' now and cached the weights")
    return model, history, arrays
