"""F06's browser trainer (yat_trainer.js, run with node) and yatlib.toy_training make the same run.

The seeded generator gives the same numbers in both languages, the seeded start and the
mini-batches are identical, and from the same parameters and data every one of 50 steps
agrees (float64 on both sides).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit import node_js
from tests.unit.node_js import needs_node
from yatlib import toy_training as tt

pytestmark = needs_node
FILES = ["linalg.js", "yat_trainer.js"]

_RUN = """(() => {
  const X = Float64Array.from(job.X.flat()), y = Int32Array.from(job.y);
  const tr = trainerCreate(X, y, { units: job.K, eps0: job.eps0, seed: job.seed, learningRate: job.lr,
    batchSize: job.batch, lim: job.lim, theta: job.theta });
  const thetas = [Array.from(tr.theta)], losses = [];
  for (let s = 0; s < job.steps; s++) {
    losses.push(trainerStep(tr));
    thetas.push(Array.from(tr.theta));
  }
  const ev = trainerEvaluate(tr);
  return { thetas, losses, evaluation: [ev.loss, ev.accuracy], C: tr.C };
})()"""


def run_js(expr: str, job: dict) -> object:
    return node_js.run_js(FILES, expr, job)


@pytest.mark.parametrize("seed", [0, 1, 7, 12345, 2**31 - 1, 2**32 + 3])
def test_seeded_generator_gives_the_same_numbers(seed):
    js = run_js(
        "(() => { const r = seededRng(job.seed); return Array.from({length: 2000}, () => r()); })()", {"seed": seed}
    )
    py = tt.SeededRandom(seed).uniforms(2000)
    assert np.array_equal(np.array(js), py), "mulberry32 differs between JavaScript and Python"
    assert 0 <= py.min() and py.max() < 1 and abs(py.mean() - 0.5) < 0.03


@pytest.mark.parametrize("K,C,eps0,seed", [(12, 2, 0.3, 0), (32, 2, 0.05, 41), (5, 3, 2.0, 9)])
def test_seeded_start_is_identical(K, C, eps0, seed):
    js = run_js(
        "Array.from(trainerInitialParameters(job.K, job.C, job.eps0, job.seed, 2.2, 1).theta)",
        {"K": K, "C": C, "eps0": eps0, "seed": seed},
    )
    py, _ = tt.initial_parameters(K, C, eps0, seed, lim=2.2)
    L = tt.layout(K, C)
    js = np.array(js)
    # uniform draws and sqrt are exact in IEEE arithmetic: the prototypes and readout are bit for bit the same
    assert np.array_equal(js[: L["raw_b"]], py[: L["raw_b"]])
    # log(expm1(.)) may round differently in the last bit between the two maths libraries
    np.testing.assert_allclose(js[L["raw_b"] :], py[L["raw_b"] :], rtol=1e-14)


def test_mini_batches_are_identical():
    X, y = tt.figure_data("moons")
    js = run_js(
        """(() => { const tr = trainerCreate(Float64Array.from(job.X.flat()), Int32Array.from(job.y),
        { units: 4, eps0: 0.3, seed: 5, learningRate: 0.01, batchSize: 32 });
        const out = []; for (let s = 0; s < 40; s++) out.push(Array.from(trainerNextBatch(tr))); return out; })()""",
        {"X": X.tolist(), "y": y.tolist()},
    )
    tr = tt.ToyTrainer(X, y, units=4, eps0=0.3, seed=5, learning_rate=0.01, batch_size=32)
    py = [tr.next_batch().tolist() for _ in range(40)]
    assert js == py
    assert all(len(b) == 32 for b in py) and len(set(sum(py[:6], []))) == 192  # an epoch: 6 disjoint batches


@pytest.mark.parametrize(
    "dataset,K,eps0,lr,batch,seed",
    [
        ("moons", 12, 0.3, 0.03, None, 0),
        ("spirals", 32, 0.05, 0.03, 20, 3),
        ("xor", 4, 1.0, 0.1, None, 11),
        ("blobs", 16, 0.3, 0.01, 32, 2),
    ],
)
def test_every_step_agrees_with_python(dataset, K, eps0, lr, batch, seed):
    """50 steps from the same parameters and data: the largest relative difference after each step."""
    X, y = tt.figure_data(dataset)
    steps = 50
    start, _ = tt.initial_parameters(K, 2, eps0, seed)
    # the same starting parameters go to both sides (the seeded start is tested above)
    theta0 = start + 0.01 * np.sin(np.arange(start.size))
    js = run_js(
        _RUN,
        {
            "X": X.tolist(),
            "y": y.tolist(),
            "K": K,
            "eps0": eps0,
            "seed": seed,
            "lr": lr,
            "batch": batch,
            "lim": 2.2,
            "theta": theta0.tolist(),
            "steps": steps,
        },
    )
    tr = tt.ToyTrainer(X, y, units=K, eps0=eps0, seed=seed, learning_rate=lr, batch_size=batch, theta=theta0)
    py, losses = [tr.theta.copy()], []
    for _ in range(steps):
        losses.append(tr.step())
        py.append(tr.theta.copy())
    js_t, py_t = np.array(js["thetas"]), np.array(py)
    rel = np.abs(js_t - py_t).max(axis=1) / np.abs(py_t).max(axis=1)
    print(f"{dataset}: largest relative parameter difference JS vs Python over {steps} steps: {rel.max():.2e}")
    assert rel.max() <= 1e-4, f"step {rel.argmax()}: relative difference {rel.max():.2e}"
    # float64 on both sides: what is left is rounding, many orders below the band
    assert rel.max() <= 1e-10, f"the two trainers drift apart ({rel.max():.2e}): a formula differs"
    np.testing.assert_allclose(js["losses"], losses, rtol=1e-10)
    np.testing.assert_allclose(js["evaluation"], tr.evaluate(), rtol=1e-10)
    assert not np.allclose(py_t[-1], py_t[0]), "training moved nothing"


def test_field_matches_python():
    X, y = tt.figure_data("circles")
    tr = tt.ToyTrainer(X, y, units=8, eps0=0.3, seed=1, learning_rate=0.03)
    for _ in range(20):
        tr.step()
    G, lim = 9, 2.2
    js = np.array(
        run_js(
            "Array.from(trainerField(Float64Array.from(job.theta), job.K, 2, job.G, job.lim, "
            "new Float32Array(job.G * job.G * 2)))",
            {"theta": tr.theta.tolist(), "K": 8, "G": G, "lim": lim},
        )
    ).reshape(G, G, 2)
    cell = 2 * lim / G
    x0 = -lim + (np.arange(G) + 0.5) * cell
    x1 = lim - (np.arange(G) + 0.5) * cell
    pts = np.stack(np.meshgrid(x0, x1), -1).reshape(-1, 2)  # row r: x2 = x1[r], column q: x1 = x0[q]
    z, _ = tt.forward(tr.theta, pts, 8, 2)
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    np.testing.assert_allclose(js.reshape(-1, 2), p, atol=1e-6)  # float32 output
