"""Yat layer vs Dense+ReLU of the same shape: forward + backward time, as a ratio measured in one run.

Usage: python bench/bench_layer.py [--repeats 200]

Both layers are jitted; each timed call computes the loss sum(layer(x)) and its
gradient with respect to the layer's parameters and the input, for a batch of
256. Calls alternate between the two layers so that machine load affects both
alike; the median of the repeats is reported. Target: Yat / Dense+ReLU <= 1.3.
"""

from __future__ import annotations

import argparse
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx

from yatlib.layers import YatLayer


class DenseRelu(nnx.Module):
    def __init__(self, d_in: int, d_out: int, *, rngs: nnx.Rngs):
        self.dense = nnx.Linear(d_in, d_out, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.relu(self.dense(x))


def make_step(layer: nnx.Module):
    graphdef, state = nnx.split(layer)

    @jax.jit
    def step(state, x):
        def loss(state, x):
            return nnx.merge(graphdef, state)(x).sum()

        return jax.grad(loss, argnums=(0, 1))(state, x)

    return lambda x: step(state, x)


def timed(fn, x) -> float:
    t0 = time.perf_counter()
    jax.block_until_ready(fn(x))
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    x = jnp.asarray(np.random.default_rng(0).random((args.batch, 784), dtype=np.float32))
    print(f"jax {jax.__version__} on {jax.devices()[0].platform}, batch {args.batch}, {args.repeats} repeats")
    print(f"{'shape':>10} {'yat ms':>9} {'dense+relu ms':>14} {'ratio':>7}")
    for width in (50, 512):
        yat = make_step(YatLayer(784, width, rngs=nnx.Rngs(0)))
        dense = make_step(DenseRelu(784, width, rngs=nnx.Rngs(0)))
        for fn in (yat, dense):  # compile and warm up
            for _ in range(5):
                timed(fn, x)
        ty, td = [], []
        for _ in range(args.repeats):
            ty.append(timed(yat, x))
            td.append(timed(dense, x))
        my, md = statistics.median(ty), statistics.median(td)
        print(f"{f'784->{width}':>10} {1e3 * my:9.3f} {1e3 * md:14.3f} {my / md:7.2f}")


if __name__ == "__main__":
    main()
