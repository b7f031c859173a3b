r"""Training the painting-arithmetic network, with its weights cached.

The loss is the mean per-pixel binary cross-entropy between the painted
answer :math:`\hat y = \sigma(f_\theta(x))` and the clean target image :math:`y`,

.. math::

    \mathcal{L}(\theta) = -\frac{1}{B\cdot 28\cdot 84}\sum_{n,p}
    \bigl[y_{np}\log \hat y_{np} + (1-y_{np})\log(1-\hat y_{np})\bigr],

minimised with Adam on seeded mini-batches of problems drawn from the MNIST
training split (:mod:`.dataset`). :func:`train_or_load` stores the weights in
:mod:`yatlib.cache`, keyed by the configuration and yatlib's version.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx
from tqdm.auto import tqdm

from .. import cache, training
from .dataset import ProblemSource, paint_answers
from .model import PaintingNet, count_parameters

__all__ = ["DEFAULT_CONFIG", "train_or_load", "paint", "init_prototypes_from_data", "init_prototypes_matched",
           "warm_up_encoder"]

DEFAULT_CONFIG: dict[str, Any] = {
    "n_units": 256,
    "steps": 6000,
    "batch_size": 64,
    "learning_rate": 3e-3,
    "seed": 0,
    "n_train_per_operator": 15000,
    "bank_size": 400,
    "act_scale": 0.1,
    "prototype_init": "random",
    "encoder_warmup_steps": 400,
    "unit_norm_codes": True,
}
"""The configuration of the book's run (the cache key)."""


def init_prototypes_from_data(model: PaintingNet, source: ProblemSource, seed: int) -> None:
    r"""Set each prototype to the embedding :math:`z` of one random training problem.

    The prototypes then start on the data rather than at random points of
    :math:`\mathbb{R}^{192}`, so every unit begins by responding to some real input.
    """
    p = source.problems(model.n_units, seed + 7).subset(np.arange(model.n_units))
    z = np.asarray(model.embed(source.inputs(p)))
    model.yat.prototypes[...] = jnp.asarray(z)


def init_prototypes_matched(model: PaintingNet, source: ProblemSource, seed: int, n: int = 2048) -> None:
    r"""Draw each prototype at random with the mean and spread of the training embeddings.

    With :math:`\mu, \sigma \in \mathbb{R}^{192}` the per-coordinate mean and standard
    deviation of :math:`z` over ``n`` training problems, :math:`W_{ud} = \mu_d + \sigma_d\, \xi_{ud}`,
    :math:`\xi_{ud} \sim \mathcal{N}(0, 1)`. The prototypes start in the region the inputs
    occupy (so the denominator :math:`\lVert z - W_u\rVert^2` varies from input to input)
    without being copies of particular problems.
    """
    p = source.problems(max(1, n // 4), seed + 7)
    z = np.asarray(model.embed(source.inputs(p)))
    xi = np.random.default_rng([seed, 3]).standard_normal((model.n_units, z.shape[1]))
    model.yat.prototypes[...] = jnp.asarray(z.mean(0) + z.std(0) * xi, jnp.float32)


def warm_up_encoder(model: PaintingNet, source: ProblemSource, *, steps: int, seed: int,
                    batch_size: int = 128, learning_rate: float = 2e-3, progress: bool = True) -> float:
    r"""Pre-train the shared encoder to tell the 14 symbols apart; returns its final batch accuracy.

    A linear head :math:`\mathbb{R}^{64} \to \mathbb{R}^{14}` is trained with the encoder on
    single images (MNIST training digits, jittered operator glyphs) by softmax
    cross-entropy for ``steps`` steps, then thrown away. Only the encoder keeps
    what it learned; the painter is then trained end to end as usual.
    """
    n_ops = len(source.ops)
    images = np.concatenate([source.digits, source.ops])
    labels = np.concatenate([source.labels, 10 + source.op_labels]).astype(np.int32)
    weights = np.concatenate([np.full(len(source.digits), 0.5 / len(source.digits)), np.full(n_ops, 0.5 / n_ops)])
    head = nnx.Linear(64, 14, rngs=nnx.Rngs(seed + 1))
    pair = (model.encoder, head)
    opt = nnx.Optimizer(pair, optax.adam(learning_rate), wrt=nnx.Param)
    graphdef, state = nnx.split((pair, opt))

    @jax.jit
    def step(state: Any, xb: jax.Array, yb: jax.Array) -> tuple[Any, jax.Array]:
        p, o = nnx.merge(graphdef, state)

        def loss_fn(p: Any) -> tuple[jax.Array, jax.Array]:
            logits = p[1](p[0](xb))
            return optax.softmax_cross_entropy_with_integer_labels(logits, yb).mean(), (logits.argmax(-1) == yb).mean()

        (loss, acc), grads = nnx.value_and_grad(loss_fn, has_aux=True)(p)
        o.update(p, grads)
        return nnx.state((p, o)), acc

    rng = np.random.default_rng([seed, 2])
    acc = jnp.zeros(())
    for _ in tqdm(range(steps), desc="encoder warm-up", disable=not progress,
                  miniters=max(1, steps // 50), mininterval=0.5):
        idx = rng.choice(len(images), batch_size, p=weights)
        state, acc = step(state, jnp.asarray(images[idx].reshape(-1, 28, 28)), jnp.asarray(labels[idx]))
    nnx.update(pair, state[0])
    return float(acc)


def paint(model: PaintingNet, x: np.ndarray, *, batch_size: int = 500, unit_mask: np.ndarray | None = None,
          prototypes: np.ndarray | None = None) -> np.ndarray:
    """Painted answers ``[N, 28, 84]`` in [0, 1] for inputs ``[N, 3, 28, 28]``, evaluated in batches."""
    graphdef, state = nnx.split(model)
    mask = None if unit_mask is None else jnp.asarray(unit_mask, jnp.float32)
    protos = None if prototypes is None else jnp.asarray(prototypes, jnp.float32)
    out = [np.asarray(_paint_jit(graphdef, state, jnp.asarray(x[i : i + batch_size]), mask, protos))
           for i in range(0, len(x), batch_size)]
    return np.concatenate(out)


@partial(jax.jit, static_argnums=0)
def _paint_jit(graphdef: Any, state: Any, xb: jax.Array, mask: Any, protos: Any) -> jax.Array:
    return jax.nn.sigmoid(nnx.merge(graphdef, state)(xb, unit_mask=mask, prototypes=protos))


def _fit(model: PaintingNet, source: ProblemSource, cfg: dict[str, Any], progress: bool) -> dict[str, np.ndarray]:
    problems = source.problems(cfg["n_train_per_operator"], cfg["seed"])
    table = paint_answers(np.arange(-99, 100))  # target image of every possible answer
    opt = nnx.Optimizer(model, optax.adam(cfg["learning_rate"]), wrt=nnx.Param)
    graphdef, state = nnx.split((model, opt))

    @jax.jit
    def step(state: Any, xb: jax.Array, yb: jax.Array) -> tuple[Any, jax.Array]:
        m, o = nnx.merge(graphdef, state)

        def loss_fn(m: PaintingNet) -> jax.Array:
            return optax.sigmoid_binary_cross_entropy(m(xb), yb).mean()

        loss, grads = nnx.value_and_grad(loss_fn)(m)
        o.update(m, grads)
        return nnx.state((m, o)), loss

    rng = np.random.default_rng([cfg["seed"], 1])
    losses = []
    t0 = time.perf_counter()
    bar = tqdm(range(cfg["steps"]), desc="painting arithmetic", disable=not progress,
               miniters=max(1, cfg["steps"] // 100), mininterval=0.5)  # few redraws: see yatlib.training.fit
    for i in bar:
        idx = rng.integers(0, len(problems), cfg["batch_size"])
        p = problems.subset(idx)
        state, loss = step(state, jnp.asarray(source.inputs(p)), jnp.asarray(table[p.answer + 99]))
        losses.append(loss)
        if (i + 1) % 100 == 0:
            bar.set_postfix(loss=f"{float(loss):.4f}", refresh=False)
    nnx.update(model, state[0])
    seconds = time.perf_counter() - t0
    return {"loss": np.asarray([float(v) for v in losses], np.float32), "seconds": np.asarray(seconds)}


def train_or_load(config: dict[str, Any] | None = None, *, progress: bool = True,
                  source: ProblemSource | None = None) -> tuple[PaintingNet, dict[str, np.ndarray]]:
    """Train the painter with ``config`` (default :data:`DEFAULT_CONFIG`) or load its cached weights.

    Returns the model and a record with the training loss per step
    (``"loss"``), the training time in seconds (``"seconds"``, measured when it
    was trained) and the parameter count (``"n_params"``).
    """
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    model = PaintingNet(cfg["n_units"], rngs=nnx.Rngs(cfg["seed"]), act_scale=cfg["act_scale"])
    stored = cache.load_arrays("arith-painter", cfg, modules=(__name__,))
    if stored is not None:
        training.arrays_to_model(model, stored)
        print(f"[cache] loaded the trained painter (trained earlier in {float(stored['seconds']):.0f} s); "
              "YATLIB_NO_CACHE=1 trains again.")
        return model, {k: stored[k] for k in ("loss", "seconds", "n_params")}
    source = source or ProblemSource("train", bank_size=cfg["bank_size"])
    t0 = time.perf_counter()
    if cfg["encoder_warmup_steps"] > 0:
        warm_up_encoder(model, source, steps=cfg["encoder_warmup_steps"], seed=cfg["seed"], progress=progress)
    if cfg["prototype_init"] == "data":
        init_prototypes_from_data(model, source, cfg["seed"])
    elif cfg["prototype_init"] == "matched":
        init_prototypes_matched(model, source, cfg["seed"])
    record = _fit(model, source, cfg, progress)
    record["seconds"] = np.asarray(time.perf_counter() - t0)
    record["n_params"] = np.asarray(count_parameters(model))
    cache.save_arrays("arith-painter", cfg, {**training.model_to_arrays(model), **record}, modules=(__name__,))
    print(f"[cache] trained the painter now in {float(record['seconds']):.0f} s and cached it")
    return model, record
