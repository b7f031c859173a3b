r"""The reader (OCR): a separate small classifier that reads each slot of a painted answer.

The reader sees one :math:`28\times 28` slot at a time and predicts one of 12
codes (blank, "−", "0".."9"). It is trained on clean rendered slots with light
distortions (a shift of up to one pixel, blur, contrast change, pixel noise,
faint ink from another glyph), never on the painter's outputs, so it is an
independent judge. A painted answer counts as correct when all three slots
are read as the true codes:

.. math::

    \mathrm{acc} = \frac{1}{N}\sum_{n=1}^{N} \prod_{s=1}^{3} 1\bigl[\hat c_{n,s} = c_{n,s}\bigr].

The classifier is a :class:`~yatlib.layers.ReluMLP` trained with
:func:`yatlib.training.fit`.
"""

from __future__ import annotations

import numpy as np
from flax import nnx

from .. import training
from ..layers import ReluMLP
from .dataset import answer_codes
from .glyphs import answer_glyphs

__all__ = ["READER_CONFIG", "distorted_slots", "train_reader", "read_slots", "read_answers", "answer_correct"]

_N_CODES = 12

READER_CONFIG: dict = {"what": "arith-reader", "n_train": 16000, "epochs": 4, "seed": 0, "distortions": 2}
"""The book's reader: training set size, epochs, seed, version of the distortions (the cache key)."""


def _blur(img: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """Mix each image with its 3×3 box average by ``amount`` in [0, 1] (per image)."""
    pad = np.pad(img, ((0, 0), (1, 1), (1, 1)))
    box = sum(pad[:, i : i + 28, j : j + 28] for i in range(3) for j in range(3)) / 9.0
    a = amount[:, None, None]
    return (1 - a) * img + a * box


def distorted_slots(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` lightly distorted clean slot images ``[n, 784]`` and their codes ``[n]``."""
    rng = np.random.default_rng(seed)
    g = answer_glyphs()
    y = rng.integers(0, _N_CODES, n).astype(np.int32)
    X = g[y].copy()
    for i in range(n):
        dy, dx = rng.integers(-1, 2, 2)
        X[i] = np.roll(X[i], (int(dy), int(dx)), axis=(0, 1))
    X = _blur(X, rng.uniform(0, 1, n).astype(np.float32))
    X *= rng.uniform(0.6, 1.0, (n, 1, 1)).astype(np.float32)
    ghost = g[rng.integers(0, _N_CODES, n)] * rng.uniform(0, 0.25, (n, 1, 1))
    X = X + ghost + rng.normal(0, 1, X.shape) * rng.uniform(0, 0.15, (n, 1, 1))
    return np.clip(X, 0, 1).reshape(n, -1).astype(np.float32), y


def train_reader(*, n_train: int = READER_CONFIG["n_train"], epochs: int = READER_CONFIG["epochs"],
                 seed: int = READER_CONFIG["seed"], progress: bool = True) -> ReluMLP:
    """Train (or load from the cache) the slot reader, a ReLU MLP 784 → 128 → 12."""
    model = ReluMLP(784, 128, _N_CODES, rngs=nnx.Rngs(seed))
    X, y = distorted_slots(n_train, seed + 100)
    config = {**READER_CONFIG, "n_train": n_train, "epochs": epochs, "seed": seed}
    model, _, _ = training.train_or_load("arith-reader", model, X, y, config=config, epochs=epochs,
                                         batch_size=128, learning_rate=2e-3, seed=seed, progress=progress,
                                         description="reader")
    return model


def read_slots(reader: nnx.Module, images: np.ndarray) -> np.ndarray:
    """Codes ``[N, 3]`` the reader sees in painted answers ``[N, 28, 84]`` (values in [0, 1])."""
    imgs = np.asarray(images, np.float32)
    if imgs.ndim != 3 or imgs.shape[1:] != (28, 84):
        raise ValueError(f"painted answers must be [N, 28, 84]; got {imgs.shape}.")
    slots = imgs.reshape(len(imgs), 28, 3, 28).transpose(0, 2, 1, 3).reshape(-1, 784)
    return training.predict(reader, slots).reshape(len(imgs), 3)


def answer_correct(reader: nnx.Module, images: np.ndarray, answers: np.ndarray) -> np.ndarray:
    """Boolean ``[N]``: all three slots of each painted answer read as the true answer."""
    return (read_slots(reader, images) == answer_codes(answers)).all(axis=1)


def read_answers(reader: nnx.Module, images: np.ndarray) -> list[str]:
    """The answers as text, as the reader reads them (e.g. ``"−7"``, ``"42"``)."""
    from .dataset import codes_to_text

    return [codes_to_text(c) for c in read_slots(reader, images)]
