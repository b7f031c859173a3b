"""The work behind one move of Figure F15's slider, Python side.

Usage: YATLIB_DATA=... python bench/bench_slider.py

In the book the slider only redraws in the browser (the states are computed
once, when the page is built). This measures what a move would cost if it were
recomputed in Python from the cached activation matrix: selecting the first n
prototypes of each class and evaluating both decision rules on the full test
set (:func:`yatlib.handbuilt.accuracy_at`). Target: median <= 50 ms.
It also reports the one-off cost of building the figure's data.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

import yatlib as yl
from yatlib import handbuilt


def main() -> None:
    X, y = yl.data.load_fashion_mnist("train")
    Xt, yt = yl.data.load_fashion_mnist("test")
    t0 = time.perf_counter()
    W, lab = yl.prototypes.kmeans_prototypes(X, y, 20)
    t1 = time.perf_counter()
    phi = np.asarray(yl.kernels.yat(Xt, W, b=0.5, eps=0.05))
    t2 = time.perf_counter()
    print(f"one-off: k-means 20 per class {t1 - t0:.2f} s, activations [10000 x 200] {t2 - t1:.3f} s")
    times = []
    rng = np.random.default_rng(0)
    for n in rng.integers(1, 21, 200):
        s = time.perf_counter()
        handbuilt.accuracy_at(phi, lab, yt, int(n), 10)
        times.append(time.perf_counter() - s)
    print(
        f"per move (200 random moves): median {1e3 * statistics.median(times):.2f} ms, "
        f"p95 {1e3 * np.percentile(times, 95):.2f} ms (target median <= 50 ms)"
    )


if __name__ == "__main__":
    main()
