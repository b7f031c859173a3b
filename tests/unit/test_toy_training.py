"""yatlib.toy_training: the float64 trainer of Figure F06 (hand-written gradients) is the Yat MLP of yatlib.layers."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import optax
import pytest
from flax import nnx

from yatlib import forces
from yatlib import toy_training as tt
from yatlib.layers import YatMLP


def _model(theta: np.ndarray, K: int, C: int) -> YatMLP:
    L = tt.layout(K, C)
    W = theta[L["W"]].reshape(K, 2)
    m = YatMLP(2, K, C, rngs=nnx.Rngs(0), prototypes=W, b_init=1.0, eps_init=1.0)
    m.yat.raw_b[...] = jnp.asarray(theta[L["raw_b"]], jnp.float32)
    m.yat.raw_eps[...] = jnp.asarray(theta[L["raw_eps"]], jnp.float32)
    m.readout.kernel[...] = jnp.asarray(theta[L["A"]].reshape(K, C), jnp.float32)
    m.readout.bias[...] = jnp.asarray(theta[L["c"]], jnp.float32)
    return m


@pytest.mark.parametrize("dataset,K,C", [("moons", 6, 2), ("blobs", 5, 3)])
def test_gradient_is_jax_grad_of_the_yat_mlp(dataset, K, C):
    """The hand-written backward pass equals jax.grad of yatlib.layers.YatMLP's cross-entropy (float32 there)."""
    X, y = tt.figure_data(dataset, 40) if C == 2 else (tt.figure_data("blobs", 40)[0], np.arange(40) % 3)
    theta, _ = tt.initial_parameters(K, C, 0.3, 4)
    loss, g, correct = tt.loss_and_gradient(theta, X, y, K, C)
    model = _model(theta, K, C)
    Xj, yj = jnp.asarray(X, jnp.float32), jnp.asarray(y, jnp.int32)

    def f(m):
        return optax.softmax_cross_entropy_with_integer_labels(m(Xj), yj).mean()

    ref_loss, grads = nnx.jit(nnx.value_and_grad(f))(model)  # jitted: one compilation, not one per operation
    L = tt.layout(K, C)
    pairs = [
        (g[L["W"]].reshape(K, 2), grads.yat.prototypes[...]),
        (g[L["A"]].reshape(K, C), grads.readout.kernel[...]),
        (g[L["c"]], grads.readout.bias[...]),
        (g[L["raw_b"]], grads.yat.raw_b[...]),
        (g[L["raw_eps"]], grads.yat.raw_eps[...]),
    ]
    assert loss == pytest.approx(float(ref_loss), rel=1e-5)
    for mine, ref in pairs:
        ref = np.asarray(ref, np.float64)
        np.testing.assert_allclose(mine, ref, rtol=2e-3, atol=2e-4 * np.abs(ref).max())
    assert correct == int((np.asarray(model(Xj)).argmax(1) == y).sum())


def test_gradient_matches_finite_differences_in_float64():
    X, y = tt.figure_data("spirals", 30)
    K, C = 4, 2
    theta, _ = tt.initial_parameters(K, C, 0.2, 3)
    _, g, _ = tt.loss_and_gradient(theta, X, y, K, C)
    h = 1e-6
    num = np.array(
        [
            (tt.loss_and_gradient(theta + h * e, X, y, K, C)[0] - tt.loss_and_gradient(theta - h * e, X, y, K, C)[0])
            / (2 * h)
            for e in np.eye(theta.size)
        ]
    )
    np.testing.assert_allclose(g, num, rtol=1e-6, atol=1e-9)


def test_generator_known_values_and_bad_seed():
    r = tt.SeededRandom(0)
    first = [r.uniform() for _ in range(3)]
    assert first == tt.SeededRandom(0).uniforms(3).tolist()
    assert first != tt.SeededRandom(1).uniforms(3).tolist()
    with pytest.raises(ValueError, match="seed"):
        tt.SeededRandom(1.5)  # type: ignore[arg-type]


def test_train_run_learns_and_is_deterministic():
    calls = []
    r = tt.train_run("moons", units=8, eps0=0.3, seed=2, steps=60, every=20, progress=lambda f, t: calls.append((f, t)))
    assert r["steps"].tolist() == [0, 20, 40, 60]
    assert r["prototypes"].shape == (4, 8, 2) and r["readout"].shape == (4, 8, 2) and r["bias"].shape == (4, 2)
    assert r["accuracy"][-1] > r["accuracy"][0] and r["loss"][-1] < r["loss"][0]
    assert calls and calls[-1][0] == 1.0 and "step 60" in calls[-1][1]
    again = tt.train_run("moons", units=8, eps0=0.3, seed=2, steps=60, every=20)
    assert np.array_equal(again["prototypes"], r["prototypes"])
    other = tt.train_run("moons", units=8, eps0=0.3, seed=3, steps=60, every=20)
    assert not np.array_equal(other["prototypes"][0], r["prototypes"][0])


def test_train_run_stops_when_the_loss_blows_up():
    r = tt.train_run("xor", units=4, eps0=0.01, seed=0, steps=50, every=1, learning_rate=1e6)
    assert np.isfinite(r["loss"]).all() and len(r["steps"]) >= 1


@pytest.mark.parametrize(
    "params,word",
    [
        ({"dataset": "rings"}, "dataset"),
        ({"units": 3}, "units"),
        ({"units": 65}, "units"),
        ({"units": 8.5}, "units"),
        ({"eps0": 0}, "eps0"),
        ({"seed": -1}, "seed"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"steps": 0}, "steps"),
        ({"batch_size": 0}, "batch_size"),
    ],
)
def test_live_run_rejects_bad_settings(params, word):
    good = {
        "dataset": "moons",
        "units": 8,
        "eps0": 0.3,
        "seed": 0,
        "learning_rate": 0.03,
        "batch_size": None,
        "steps": 20,
    }
    with pytest.raises(ValueError, match=word):
        tt.live_run({**good, **params}, lambda f, t: None)


def test_live_run_any_width_up_to_64():
    r = tt.live_run(
        {
            "dataset": "circles",
            "units": 64,
            "eps0": 0.1,
            "seed": 5,
            "learning_rate": 0.03,
            "batch_size": 20,
            "steps": 30,
        },
        lambda f, t: None,
    )
    assert r["prototypes"].shape[1:] == (64, 2) and r["batch_size"] == 20 and r["steps"][-1] == 30


def test_train_with_snapshots_and_model_from_run():
    run = forces.train_with_snapshots("moons", 0.3, steps=40, every=10)
    assert run["eps0"] == 0.3 and run["units"] == 12 and run["steps"][-1] == 40
    model = forces.model_from_run(run)
    theta = np.concatenate(
        [
            run["prototypes"][-1].ravel(),
            run["readout"][-1].ravel(),
            run["bias"][-1],
            [np.log(np.expm1(run["b"][-1])), np.log(np.expm1(run["eps"][-1]))],
        ]
    )
    z, _ = tt.forward(theta, run["X"], 12, 2)
    np.testing.assert_allclose(
        np.asarray(model(jnp.asarray(run["X"], jnp.float32))), z, rtol=1e-3, atol=1e-3 * np.abs(z).max()
    )
    assert float(model.yat.eps) == pytest.approx(run["eps"][-1], rel=1e-5)


def test_figure_data_is_toy_data_in_float64():
    X, y = tt.figure_data("xor")
    assert X.dtype == np.float64 and X.shape == (200, 2) and set(y.tolist()) == {0, 1}
    with pytest.raises(ValueError, match="dataset"):
        tt.figure_data("rings")
