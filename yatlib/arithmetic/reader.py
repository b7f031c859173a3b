r"""The template reader: which of the 91 rendered answers a painting is nearest to.

With no parameters, it holds the clean answer images :math:`T_r`
(:func:`~yatlib.arithmetic.dataset.answer_images`, :math:`r = -9..81`) and reads a painting
:math:`\hat y \in [0,1]^{28\times 84}` as

.. math::

    \hat r = \arg\min_r \lVert \hat y - T_r \rVert^2 ,

never rejecting one (as the reference does). An operator's answer accuracy is the share of its
test problems whose :math:`\hat r` is the true answer.
"""

from __future__ import annotations

import numpy as np

from ..apply import in_batches
from .dataset import ANSWERS, answer_images

__all__ = ["read", "correct"]


def read(images: np.ndarray, *, batch_size: int = 4096) -> np.ndarray:
    """The answers ``[N]`` read from paintings ``[N, 28, 84]``: for each, the answer whose image is nearest.

    Parameters
    ----------
    images : array ``[N, 28, 84]``
        Paintings, pixel values in [0, 1]; any other shape raises :class:`ValueError`.
    batch_size : int, default 4096
        Paintings compared with the 91 templates per step; it bounds the memory, not the result.

    Returns
    -------
    ndarray ``[N]``
        The answers read, int32 in -9..81 (on a tie, the smaller answer); a painting is never rejected.
    """
    imgs = np.asarray(images, np.float32)
    if imgs.ndim != 3 or imgs.shape[1:] != (28, 84):
        raise ValueError(f"images must be [N, 28, 84] paintings; got shape {imgs.shape}.")
    T = answer_images().reshape(len(ANSWERS), -1)
    t2 = (T * T).sum(1)

    def nearest(x: np.ndarray) -> np.ndarray:
        # ||x - T_r||^2 = ||x||^2 + ||T_r||^2 - 2 x.T_r, and ||x||^2 is the same for every r
        return ANSWERS[(t2[None] - 2.0 * (x.reshape(len(x), -1) @ T.T)).argmin(1)]

    return in_batches(nearest, imgs, batch_size=batch_size).astype(np.int32)


def correct(images: np.ndarray, answers: np.ndarray) -> np.ndarray:
    """Boolean ``[N]``: each painting is read as its true answer.

    Parameters
    ----------
    images : array ``[N, 28, 84]``
        Paintings, pixel values in [0, 1], read by :func:`read`.
    answers : int array ``[N]``
        The true answers.

    Returns
    -------
    ndarray ``[N]``
        bool, True where the reading equals the true answer.
    """
    return read(images) == np.asarray(answers)
