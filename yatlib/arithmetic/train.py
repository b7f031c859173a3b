r"""Training the painting-arithmetic network in three phases, with its weights cached.

Each phase trains one part of :class:`~yatlib.arithmetic.model.PaintingNet`, the rest frozen:

1. **symbols**: encoder and 14-way symbol head,
   :math:`\mathcal{L}_1 = \tfrac13 \sum_{i \in \{a, \circ, b\}} \mathrm{CE}(s_i, \text{symbol}_i)`;
2. **trunk**: the Yat trunk and auxiliary heads,
   :math:`\mathcal{L}_2 = 0.05 \sum_{m \in \{2, 5, 11, \pm\}} \mathrm{CE}_m
   + 0.5 \cdot \tfrac13 \sum_{s \in \{\text{sign, tens, units}\}} \mathrm{CE}_s`;
3. **decoder**: binary cross-entropy of the painting, the tens slot (columns 28..55) weighted 2,
   :math:`\mathcal{L}_3 = \frac{1}{B\cdot 28\cdot 84}\sum_{n,p} \omega_p\, \mathrm{BCE}(\hat y_{np}, y_{np})`.

Every phase: AdamW (weight decay :math:`10^{-4}`), gradient clipped to norm 1, linear warm-up over
5 % of steps then cosine decay to :math:`2\cdot 10^{-5}`; batch sizes and peak rates per phase in
:data:`DEFAULT_CONFIG`. :func:`train_or_load` caches the weights in :mod:`yatlib.cache`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx
from tqdm.auto import tqdm

from .. import cache, training
from ..apply import compiled, in_batches
from .dataset import ANSWERS, Problems, ProblemSource, answer_images, modular_labels, slot_labels
from .model import PaintingNet, count_parameters

__all__ = [
    "DEFAULT_CONFIG",
    "PUBLISHED",
    "RECIPES",
    "recipe_config",
    "PER_PHASE",
    "phase_config",
    "PHASES",
    "optimiser",
    "encode",
    "train_symbols",
    "train_trunk",
    "train_decoder",
    "train_or_load",
    "paint_from_activations",
]

DEFAULT_CONFIG: dict[str, Any] = {
    "n_units": 256,
    "seed": 0,
    "batch_size": [128, 256, 64],
    "learning_rate": [5e-3, 2e-3, 2e-3],
    "end_fraction": 0.01,
    "weight_decay": 1e-4,
    "warmup": 0.05,
    "clip": 1.0,
    "train_size": [51200, 60000, 115200],
    "epochs": [1, 30, 1],
    "n_train_glyphs": 2000,
    "mod_weight": 0.05,
    "slot_weight": 0.5,
    "tens_weight": 2.0,
}
"""The configuration of the book's run (the cache key): the ``"book"`` recipe of :data:`RECIPES`.

Per phase: a fixed set of ``train_size`` training problems of its own (as in the reference,
each phase draws its set), ``epochs`` passes over it; ``batch_size`` (images in phase 1, problems in phases 2 and 3)
and the peak ``learning_rate`` may be one value for all phases or a list of three. Each
phase's cosine ends at ``end_fraction`` of its peak.
"""

PUBLISHED: dict[str, Any] = {
    **DEFAULT_CONFIG,
    "batch_size": [768, 256, 256],
    "learning_rate": 2e-3,
    "train_size": [60000, 60000, 60000],
    "epochs": [8, 30, 12],
}
r"""The reference's published run: 8, 30 and 12 epochs over 60,000 problems, 256 problems a step (768
images in phase 1), peak learning rate :math:`2\cdot 10^{-3}` in every phase. It trained in 79 minutes on
one core of a 2-core CPU (``bench/receipts/part3_published.json``), so the book's chapters do not run
it; ``arith.run(recipe="published")`` does."""

RECIPES: dict[str, dict[str, Any]] = {"book": DEFAULT_CONFIG, "published": PUBLISHED}
"""The named painter configurations: ``"book"`` (what the chapters train) and ``"published"``."""

PER_PHASE: tuple[str, ...] = ("batch_size", "learning_rate")
"""Settings that may be given per phase (a list of three) or once for all."""


def recipe_config(recipe: str = "book", config: dict[str, Any] | None = None) -> dict[str, Any]:
    """The painter configuration of the named ``recipe`` (:data:`RECIPES`), with ``config``'s entries on top.

    Parameters
    ----------
    recipe : {"book", "published"}
        The named configuration to start from (``"book"``, what the chapters train, by default).
    config : dict, optional
        Settings that replace the recipe's, e.g. ``{"seed": 1}``; only the keys of
        :data:`DEFAULT_CONFIG` are allowed. ``train_size`` and ``epochs`` must give three values
        (one per phase), ``batch_size`` and ``learning_rate`` one value or three, and
        ``end_fraction`` must lie in (0, 1]; anything else raises :class:`ValueError`.

    Returns
    -------
    dict
        The full configuration, a new dict (the recipe is not modified).
    """
    from ..validation import check_choice

    check_choice(recipe, "recipe", tuple(RECIPES))
    cfg = {**RECIPES[recipe], **(config or {})}
    unknown = sorted(set(cfg) - set(DEFAULT_CONFIG))
    if unknown:
        raise ValueError(f"config: unknown setting(s) {unknown}; the painter's settings are {sorted(DEFAULT_CONFIG)}.")
    for key in ("train_size", "epochs"):
        if not isinstance(cfg[key], (list, tuple)) or len(cfg[key]) != 3:
            raise ValueError(f"config[{key!r}] must give one value per phase (3); got {cfg[key]!r}.")
    if not 0 < cfg["end_fraction"] <= 1:
        raise ValueError(
            f"config['end_fraction'] must be in (0, 1]: the end of each cosine as a share of its peak; "
            f"got {cfg['end_fraction']!r}."
        )
    for k in range(3):
        phase_config(cfg, k)
    return cfg


def phase_config(cfg: dict[str, Any], k: int) -> dict[str, Any]:
    """``cfg`` with the settings of :data:`PER_PHASE` resolved to their value for phase ``k`` (0, 1 or 2).

    Parameters
    ----------
    cfg : dict
        A painter configuration (:func:`recipe_config`); a setting of :data:`PER_PHASE` given as a
        list must have three values.
    k : int
        The phase: 0 symbols, 1 trunk, 2 decoder.

    Returns
    -------
    dict
        A copy of ``cfg`` in which ``batch_size`` and ``learning_rate`` are single values; the other
        entries (``train_size`` and ``epochs`` among them) are unchanged.
    """
    out = dict(cfg)
    for key in PER_PHASE:
        v = cfg[key]
        if isinstance(v, (list, tuple)):
            if len(v) != 3:
                raise ValueError(f"config[{key!r}] must be one value or one per phase (3); got {v!r}.")
            out[key] = v[k]
    return out


PHASES: tuple[str, ...] = ("symbols", "trunk", "decoder")
"""The names of the three phases, in order."""


def optimiser(cfg: dict[str, Any], steps: int) -> optax.GradientTransformation:
    r"""Clip to norm ``cfg["clip"]``, then AdamW with a linear warm-up and a cosine decay, for a phase of ``steps``.

    The learning rate rises from 0 to its peak :math:`\eta` over the first 5 % of the steps
    (:math:`w` steps), falls along a cosine to ``end_fraction`` :math:`\cdot\,\eta` at step
    :math:`\text{steps} - w` and stays there, as in the reference implementation.

    Parameters
    ----------
    cfg : dict
        The configuration of one phase (:func:`phase_config`): ``learning_rate`` (the peak
        :math:`\eta`, one value), ``warmup`` (the share of steps that warm up,
        :math:`w = \max(1, \lfloor \text{warmup} \cdot \text{steps} \rfloor)`), ``end_fraction``,
        ``clip`` (the largest global gradient norm) and ``weight_decay``.
    steps : int
        Optimisation steps of the phase, at least 1.

    Returns
    -------
    optax.GradientTransformation
        Gradient clipping chained with AdamW on the schedule above.
    """
    if steps < 1:
        raise ValueError(f"steps must be >= 1; got {steps}.")
    warmup = max(1, int(cfg["warmup"] * steps))
    schedule = optax.warmup_cosine_decay_schedule(
        0.0,
        cfg["learning_rate"],
        warmup,
        max(steps - warmup, warmup + 1),
        end_value=cfg["end_fraction"] * cfg["learning_rate"],
    )
    return optax.chain(optax.clip_by_global_norm(cfg["clip"]), optax.adamw(schedule, weight_decay=cfg["weight_decay"]))


def _loop(
    parts: tuple[nnx.Module, ...],
    loss_fn: Callable[..., tuple[jax.Array, jax.Array]],
    data: tuple,
    n: int,
    cfg: dict[str, Any],
    epochs: int,
    seed: int,
    desc: str,
    progress: bool,
) -> dict[str, np.ndarray]:
    """Train ``parts`` for ``epochs`` epochs over ``n`` examples; ``loss_fn(parts, data, idx) -> (loss, metric)``.

    ``data`` (a tuple of arrays) is passed to the compiled step as an argument, never
    captured as a constant.
    ``idx`` is a batch of example indices (a fresh permutation each epoch, the
    last incomplete batch dropped). One compiled call per step: on a CPU, XLA runs
    convolutions inside a ``lax.scan`` loop several times slower. The progress bar
    redraws at most about 100 times.
    Returns the loss and metric of every step, the wall-clock time in seconds and
    the CPU time of this process (on a busy machine the wall-clock time grows, the CPU time hardly).
    """
    bs = cfg["batch_size"]
    per_epoch = n // bs
    if per_epoch < 1 or epochs < 1:
        raise ValueError(f"need at least one batch of {bs} and one epoch; got {n} examples, {epochs} epochs.")
    steps = per_epoch * epochs
    data = tuple(jnp.asarray(d) for d in data)
    opt = nnx.Optimizer(parts, optimiser(cfg, steps), wrt=nnx.Param)
    graphdef, state = nnx.split((parts, opt))

    @jax.jit
    def step(state: Any, data: tuple, idx: jax.Array) -> tuple[Any, jax.Array]:
        p, o = nnx.merge(graphdef, state)
        (loss, metric), grads = nnx.value_and_grad(loss_fn, has_aux=True)(p, data, idx)
        o.update(p, grads)
        return nnx.state((p, o)), jnp.stack([loss, metric])

    rng = np.random.default_rng([seed, 5])
    order = np.concatenate([rng.permutation(n)[: per_epoch * bs] for _ in range(epochs)]).reshape(steps, bs)
    out = []
    t0, c0 = time.perf_counter(), time.process_time()
    with tqdm(total=steps, desc=desc, disable=not progress, miniters=max(1, steps // 100), mininterval=1.0) as bar:
        for i in range(steps):
            state, lm = step(state, data, jnp.asarray(order[i], jnp.int32))
            out.append(lm)
            bar.update(1)
        lm = np.stack(jax.device_get(out))
        bar.set_postfix(loss=f"{lm[-1, 0]:.4f}", refresh=True)
    nnx.update(parts, state[0])
    return {
        "loss": lm[:, 0].astype(np.float32),
        "metric": lm[:, 1].astype(np.float32),
        "seconds": np.asarray(time.perf_counter() - t0),
        "cpu_seconds": np.asarray(time.process_time() - c0),
    }


def _ce(logits: jax.Array, labels: jax.Array) -> jax.Array:
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()


def train_symbols(
    model: PaintingNet,
    images: np.ndarray,
    labels: np.ndarray,
    triples: np.ndarray,
    cfg: dict[str, Any],
    *,
    epochs: int,
    progress: bool = True,
) -> dict[str, np.ndarray]:
    """Phase 1: train the encoder and the symbol head on single images; nothing else changes.

    ``images [M, 28, 28]`` (normalised) with symbol ``labels [M]`` (0..13) form a
    pool; ``triples [N, 3]`` index the three images of each training problem. The
    loss is a sum over images, so the phase takes the :math:`3N` images of the
    problems one by one, in a fresh order each epoch, ``batch_size`` images a step
    (two digits to one operator glyph, the problems' proportions). The reference
    implementation computes the same loss on the same images, but a batch of 256
    *problems* (768 images) per step; the book takes 256 images per step, three
    times as many steps for the same work.
    The metric per step is the symbol accuracy on the batch.

    Parameters
    ----------
    model : PaintingNet
        The painter, trained in place (only ``encoder`` and ``symbol_head`` change).
    images : array ``[M, 28, 28]``
        The normalised image pool (MNIST digits and operator glyphs).
    labels : int array ``[M]``
        Symbol of each image: 0..9 the digits, 10..13 the operators + − × ÷.
    triples : int array ``[N, 3]``
        Rows of ``images`` holding each training problem's first digit, operator and second digit.
    cfg : dict
        The painter configuration; phase 1's ``batch_size`` (images per step) and ``learning_rate``,
        the optimiser's settings (:func:`optimiser`) and ``seed`` (the order of the images uses
        ``seed + 1``).
    epochs : int
        Passes over the :math:`3N` images, at least 1.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    dict
        ``loss [S]`` and ``metric [S]`` (float32, one per step, :math:`S` = ``epochs`` times the
        full batches in :math:`3N` images), ``seconds`` and ``cpu_seconds`` (0-d arrays: the
        wall-clock and CPU time of the phase).
    """

    def loss_fn(parts: Any, data: tuple, idx: jax.Array) -> tuple[jax.Array, jax.Array]:
        encoder, head = parts
        pool, lab, flat = data
        pick = flat[idx]
        logits = head(encoder(pool[pick]))
        return _ce(logits, lab[pick]), (logits.argmax(-1) == lab[pick]).mean()

    flat = np.asarray(triples, np.int32).reshape(-1)
    data = (np.asarray(images, np.float32), np.asarray(labels, np.int32), flat)
    return _loop(
        (model.encoder, model.symbol_head),
        loss_fn,
        data,
        len(flat),
        phase_config(cfg, 0),
        epochs,
        cfg["seed"] + 1,
        "phase 1 of 3: symbols",
        progress,
    )


def train_trunk(
    model: PaintingNet,
    codes: np.ndarray,
    triples: np.ndarray,
    answers: np.ndarray,
    cfg: dict[str, Any],
    *,
    epochs: int,
    progress: bool = True,
) -> dict[str, np.ndarray]:
    r"""Phase 2: train the trunk and the auxiliary heads on fixed codes; nothing else changes.

    ``codes [M, 64]`` are the frozen encoder's codes of an image pool and
    ``triples [N, 3]`` index the three images of each problem, so the input of
    problem :math:`i` is :math:`z_i = (c_{t_{i1}}, c_{t_{i2}}, c_{t_{i3}}) \in \mathbb{R}^{192}`,
    gathered inside the step (a table look-up: no image passes through the encoder).
    The metric per step is the share of the batch whose three slot heads are all right.

    Parameters
    ----------
    model : PaintingNet
        The painter, trained in place (only ``trunk`` and ``heads`` change).
    codes : array ``[M, 64]``
        The frozen encoder's codes of the image pool (:func:`encode`).
    triples : int array ``[N, 3]``
        Rows of ``codes`` holding each training problem's first digit, operator and second digit.
    answers : int array ``[N]``
        The problems' true answers, in -9..81: the targets of the modular and slot heads.
    cfg : dict
        The painter configuration; phase 2's ``batch_size`` (problems per step) and
        ``learning_rate``, the optimiser's settings (:func:`optimiser`), the loss weights
        ``mod_weight`` and ``slot_weight``, and ``seed`` (the order of the problems uses ``seed + 2``).
    epochs : int
        Passes over the :math:`N` problems, at least 1.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    dict
        ``loss [S]`` and ``metric [S]`` (float32, one per step, :math:`S` = ``epochs`` times the
        full batches in :math:`N` problems), ``seconds`` and ``cpu_seconds`` (0-d arrays: the
        wall-clock and CPU time of the phase).
    """
    wm, ws = cfg["mod_weight"], cfg["slot_weight"]

    def loss_fn(parts: Any, data: tuple, idx: jax.Array) -> tuple[jax.Array, jax.Array]:
        trunk, heads = parts
        table, trip, mods, slots = data
        out = heads(trunk(table[trip[idx]].reshape(idx.shape[0], -1)))
        m, s = mods[idx], slots[idx]
        mod = sum(_ce(out[k], m[:, j]) for j, k in enumerate(("mod2", "mod5", "mod11", "sign")))
        slot = sum(_ce(out[k], s[:, j]) for j, k in enumerate(("slot_sign", "slot_tens", "slot_units"))) / 3.0
        right = jnp.stack(
            [out[k].argmax(-1) == s[:, j] for j, k in enumerate(("slot_sign", "slot_tens", "slot_units"))]
        ).all(0)
        return wm * mod + ws * slot, right.mean()

    trip = np.asarray(triples, np.int32)
    if trip.ndim != 2 or trip.shape[1] != 3 or len(trip) != len(answers):
        raise ValueError(
            f"triples must be [N, 3] with one row per answer; got {trip.shape} for {len(answers)} answers."
        )
    data = (np.asarray(codes, np.float32), trip, modular_labels(answers), slot_labels(answers))
    return _loop(
        (model.trunk, model.heads),
        loss_fn,
        data,
        len(trip),
        phase_config(cfg, 1),
        epochs,
        cfg["seed"] + 2,
        "phase 2 of 3: trunk",
        progress,
    )


def train_decoder(
    model: PaintingNet, h: np.ndarray, answers: np.ndarray, cfg: dict[str, Any], *, epochs: int, progress: bool = True
) -> dict[str, np.ndarray]:
    """Phase 3: train the decoder alone on fixed trunk activations ``h [N, n_units]``; nothing else changes.

    The metric per step is the mean absolute pixel error of the batch.

    Parameters
    ----------
    model : PaintingNet
        The painter, trained in place (only ``decoder`` changes).
    h : array ``[N, n_units]``
        The frozen trunk's activations of the training problems.
    answers : int array ``[N]``
        Their true answers, in -9..81; the targets are their clean images (:func:`~.dataset.answer_images`).
    cfg : dict
        The painter configuration; phase 3's ``batch_size`` (problems per step) and
        ``learning_rate``, the optimiser's settings (:func:`optimiser`), ``tens_weight`` (the loss
        weight of the tens slot, columns 28..55) and ``seed`` (the order of the problems uses ``seed + 3``).
    epochs : int
        Passes over the :math:`N` problems, at least 1.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    dict
        ``loss [S]`` and ``metric [S]`` (float32, one per step, :math:`S` = ``epochs`` times the
        full batches in :math:`N` problems), ``seconds`` and ``cpu_seconds`` (0-d arrays: the
        wall-clock and CPU time of the phase).
    """
    tens = cfg["tens_weight"]

    def loss_fn(parts: Any, data: tuple, idx: jax.Array) -> tuple[jax.Array, jax.Array]:
        (decoder,) = parts
        hh, target_idx, table = data
        weight = jnp.ones((28, 84)).at[:, 28:56].set(tens)
        logits = decoder.logits(hh[idx])
        y = table[target_idx[idx]]
        bce = optax.sigmoid_binary_cross_entropy(logits, y)
        return (bce * weight).mean(), jnp.abs(jax.nn.sigmoid(logits) - y).mean()

    data = (np.asarray(h, np.float32), (np.asarray(answers) - ANSWERS[0]).astype(np.int32), answer_images())
    return _loop(
        (model.decoder,),
        loss_fn,
        data,
        len(data[0]),
        phase_config(cfg, 2),
        epochs,
        cfg["seed"] + 3,
        "phase 3 of 3: decoder",
        progress,
    )


def encode(model: PaintingNet, images: np.ndarray, *, batch_size: int = 256) -> np.ndarray:
    """Codes ``[M, 64]`` of normalised images ``[M, 28, 28]``, in compiled batches (256 is the fastest
    size on a CPU core: batches of 1,000 take about three times as long per image).

    Parameters
    ----------
    model : PaintingNet
        The painter; only its encoder is used.
    images : array ``[M, 28, 28]``
        Normalised images (:func:`~.dataset.normalise`) of digits or operator glyphs.
    batch_size : int, default 256
        Images per compiled call; it changes the speed, not the codes.

    Returns
    -------
    ndarray ``[M, 64]``
        The encoder's code of each image (not normalised).
    """
    return in_batches(compiled(model.encoder), np.asarray(images, np.float32), batch_size=batch_size)


def _activations(model: PaintingNet, z: np.ndarray, batch_size: int = 4096) -> np.ndarray:
    return in_batches(compiled(model.trunk), np.asarray(z, np.float32), batch_size=batch_size)


def paint_from_activations(model: PaintingNet, h: np.ndarray, *, batch_size: int = 128) -> np.ndarray:
    """Paintings ``[N, 28, 84]`` in (0, 1) decoded from trunk activations ``h [N, n_units]``, in compiled
    batches (128 is the fastest size on a CPU core, about a third faster per painting than 1,024).

    Parameters
    ----------
    model : PaintingNet
        The painter; only its decoder is used.
    h : array ``[N, n_units]``
        Trunk activations (intact, or after an intervention).
    batch_size : int, default 128
        Activation rows per compiled call; it changes the speed, not the paintings.

    Returns
    -------
    ndarray ``[N, 28, 84]``
        The paintings, pixel values in (0, 1).
    """
    return in_batches(compiled(model.decoder), np.asarray(h, np.float32), batch_size=batch_size)


def _train(model: PaintingNet, cfg: dict[str, Any], source: ProblemSource, progress: bool) -> dict[str, np.ndarray]:
    n_digits = len(source.digits)
    images = np.concatenate([source.digits, source.glyphs])
    labels = np.concatenate([source.labels, 10 + source.glyph_labels]).astype(np.int32)
    sets = [source.problems(n, cfg["seed"] + 1 + k) for k, n in enumerate(cfg["train_size"])]  # one set per phase

    def triples(p: Problems) -> np.ndarray:
        return np.stack([p.a_img, n_digits + p.op_img, p.b_img], axis=1)

    rec: dict[str, np.ndarray] = {}

    def keep(k: int, r: dict[str, np.ndarray]) -> None:
        for key, v in r.items():
            rec[f"{PHASES[k]}_{key}"] = v

    keep(
        0,
        train_symbols(
            model, images, labels, triples(sets[0]), phase_config(cfg, 0), epochs=cfg["epochs"][0], progress=progress
        ),
    )
    t0 = time.perf_counter()
    codes = encode(model, images)  # the frozen encoder's codes, computed once
    rec["codes_seconds"] = np.asarray(time.perf_counter() - t0)
    keep(
        1,
        train_trunk(
            model,
            codes,
            triples(sets[1]),
            sets[1].answer,
            phase_config(cfg, 1),
            epochs=cfg["epochs"][1],
            progress=progress,
        ),
    )
    t0 = time.perf_counter()
    h3 = _activations(model, codes[triples(sets[2])].reshape(len(sets[2]), -1))  # frozen trunk, computed once
    rec["activations_seconds"] = np.asarray(time.perf_counter() - t0)
    keep(2, train_decoder(model, h3, sets[2].answer, phase_config(cfg, 2), epochs=cfg["epochs"][2], progress=progress))
    return rec


def train_or_load(
    config: dict[str, Any] | None = None, *, recipe: str = "book", progress: bool = True
) -> tuple[PaintingNet, dict[str, np.ndarray]]:
    """Train the painter in three phases, or load it from the cache.

    The configuration is the named ``recipe`` of :data:`RECIPES` (``"book"``, the default, or
    ``"published"``) with the entries of ``config`` on top (:func:`recipe_config`).
    Returns the model and a record: for each phase ``p`` in :data:`PHASES`, its
    per-step ``{p}_loss`` and ``{p}_metric``, its wall-clock time ``{p}_seconds`` and
    CPU time ``{p}_cpu_seconds``; the time to compute the frozen inputs
    (``codes_seconds``, ``activations_seconds``); the total ``seconds`` and
    ``cpu_seconds``; ``n_params``. Times are those measured when it was trained.

    Parameters
    ----------
    config : dict, optional
        Settings on top of the recipe's, e.g. ``{"seed": 1}`` (checked by :func:`recipe_config`).
    recipe : {"book", "published"}
        The named configuration to start from.
    progress : bool, default True
        Show the phases' progress bars (only when it trains).

    Returns
    -------
    model : PaintingNet
        The trained painter.
    record : dict
        The record described above (arrays; times in seconds).
    """
    cfg = recipe_config(recipe, config)
    model = PaintingNet(cfg["n_units"], rngs=nnx.Rngs(cfg["seed"]))
    source = ProblemSource("train", n_glyphs=cfg["n_train_glyphs"], glyph_seed=cfg["seed"] + 11)

    def train() -> dict[str, np.ndarray]:
        t0, c0 = time.perf_counter(), time.process_time()
        record = _train(model, cfg, source, progress)
        record["seconds"] = np.asarray(time.perf_counter() - t0)
        record["cpu_seconds"] = np.asarray(time.process_time() - c0)
        record["n_params"] = np.asarray(count_parameters(model))
        return {**training.model_to_arrays(model), **{f"rec:{k}": v for k, v in record.items()}}

    stored = cache.cached_arrays("arith-painter", cfg, train, data={"digits": source.digits, "labels": source.labels})
    training.arrays_to_model(model, {k: v for k, v in stored.items() if not k.startswith("rec:")})
    return model, {k[4:]: v for k, v in stored.items() if k.startswith("rec:")}
