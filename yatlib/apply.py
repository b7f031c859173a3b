r"""Applying a model or a function to many inputs: in batches, compiled once per architecture.

:func:`in_batches` evaluates :math:`f` on consecutive slices of rows and stacks the results,
so memory stays bounded whatever the number of rows. :func:`compiled` turns an NNX module
into one compiled program: the module is split into its graph definition (static, so every
module of the same architecture and input shapes shares the program) and its parameters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import jax
import numpy as np
from flax import nnx

from .validation import check_int

__all__ = ["in_batches", "compiled"]


def in_batches(fn: Callable[..., Any], *arrays: Any, batch_size: int) -> np.ndarray:
    """``fn`` applied to consecutive batches of rows of ``arrays``, concatenated along the first axis.

    Parameters
    ----------
    fn : callable
        Called as ``fn(a[i : i + batch_size], b[i : i + batch_size], ...)``; returns an array whose
        first axis has one entry per row.
    *arrays : arrays with the same number of rows
        The inputs, sliced together.
    batch_size : int
        Rows per call (the last call may have fewer).

    Returns
    -------
    ndarray
        The results in row order; with no rows, ``fn`` of the empty slices.
    """
    batch_size = check_int(batch_size, "batch_size", low=1, why="It is the number of rows per call.")
    if not arrays:
        raise ValueError("in_batches needs at least one array to slice; pass e.g. in_batches(f, X, batch_size=256).")
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise ValueError(f"the arrays must have as many rows each; got {[len(a) for a in arrays]}.")
    if n == 0:
        return np.asarray(fn(*arrays))
    return np.concatenate([np.asarray(fn(*(a[i : i + batch_size] for a in arrays))) for i in range(0, n, batch_size)])


def compiled(module: nnx.Module, method: str = "__call__") -> Callable[..., jax.Array]:
    """``module.method(*args)`` as one compiled program, for the module's parameters as they are now.

    Parameters
    ----------
    module : nnx.Module
        The model (or a part of it, e.g. an encoder).
    method : str
        The method to call (default: the module itself).

    Returns
    -------
    callable
        ``f(*args)``; it keeps a snapshot of the parameters, so call :func:`compiled` again after training.
    """
    if not isinstance(module, nnx.Module):
        raise ValueError(f"module must be a Flax NNX module; got {type(module).__name__}.")
    if not callable(getattr(module, method, None)):
        raise ValueError(f"method must name a method of {type(module).__name__}; got {method!r}.")
    graphdef, state = nnx.split(module)
    return functools.partial(_call, graphdef, method, state)


@functools.partial(jax.jit, static_argnums=(0, 1))
def _call(graphdef: nnx.GraphDef, method: str, state: Any, *args: Any) -> jax.Array:
    return getattr(nnx.merge(graphdef, state), method)(*args)
