"""Layers and training: shapes, finite gradients, loss goes down, exact repeats, bad input."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax import nnx

from yatlib import kernels, training
from yatlib.layers import ReluMLP, YatLayer, YatMLP


def toy(n=256, d=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)).astype(np.float32)
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.int32)
    return X, y


def test_yat_layer_matches_the_kernel_and_keeps_b_eps_positive():
    X, _ = toy(8)
    layer = YatLayer(6, 5, rngs=nnx.Rngs(0), b_init=0.7, eps_init=0.3)
    assert layer(X).shape == (8, 5)
    np.testing.assert_allclose(float(layer.b), 0.7, rtol=1e-5)
    np.testing.assert_allclose(float(layer.eps), 0.3, rtol=1e-5)
    want = kernels.yat(X, np.asarray(layer.prototypes[...]), b=0.7, eps=0.3)
    np.testing.assert_allclose(layer(X), want, rtol=1e-5)
    layer.raw_b[...] = jnp.asarray(-50.0)
    layer.raw_eps[...] = jnp.asarray(-50.0)
    assert float(layer.b) >= 0 and float(layer.eps) > 0


def test_mlp_shapes_and_finite_gradients():
    X, y = toy(32)
    for model in (YatMLP(6, 7, 3, rngs=nnx.Rngs(0), prototypes=X[:7]), ReluMLP(6, 7, 3, rngs=nnx.Rngs(0))):
        assert model(X).shape == (32, 3)
        assert model.activations(X).shape == (32, 7)
        grads = nnx.jit(nnx.grad(lambda m: (m(X) ** 2).mean()))(model)  # one compilation, not one per operation
        assert all(np.isfinite(np.asarray(g)).all() for g in jax.tree_util.tree_leaves(grads))


def test_gradients_are_finite_when_an_input_sits_on_a_prototype():
    X, _ = toy(4)
    model = YatMLP(6, 4, 2, rngs=nnx.Rngs(0), prototypes=X, eps_init=1e-3)
    grads = nnx.grad(lambda m: m(X).sum())(model)
    assert all(np.isfinite(np.asarray(g)).all() for g in jax.tree_util.tree_leaves(grads))


def test_from_prototypes_is_the_sum_vote():
    X, y = toy(64)
    W, lab = X[:6], np.array([0, 1, 0, 1, 0, 1])
    model = YatMLP.from_prototypes(W, lab, 2, b=0.5, eps=0.1)
    phi = np.asarray(kernels.yat(X, W, b=0.5, eps=0.1))
    want = np.stack([phi[:, lab == 0].sum(1), phi[:, lab == 1].sum(1)], 1)
    np.testing.assert_allclose(model(X), want, rtol=1e-4)


def test_a_few_steps_lower_the_loss_and_seeded_runs_repeat():
    X, y = toy(512)

    def run():
        model = YatMLP(6, 8, 2, rngs=nnx.Rngs(0), prototypes=X[:8])
        hist = training.fit(model, X, y, epochs=4, batch_size=64, learning_rate=1e-2, seed=3, progress=False)
        return model, hist

    m1, h1 = run()
    m2, h2 = run()
    assert h1.loss[-1] < h1.loss[0]
    assert h1.loss == h2.loss
    np.testing.assert_array_equal(np.asarray(m1.yat.prototypes[...]), np.asarray(m2.yat.prototypes[...]))
    assert h1.loss[-1] < 0.95 * h1.loss[0]


def test_callback_sees_snapshots_and_history_roundtrips():
    X, y = toy(256)
    model = YatMLP(6, 4, 2, rngs=nnx.Rngs(0), prototypes=X[:4])
    seen = []
    hist = training.fit(
        model,
        X,
        y,
        epochs=2,
        batch_size=64,
        progress=False,
        callback=lambda step, m: seen.append((step, np.asarray(m.yat.prototypes[...]).copy())),
        callback_every=2,
    )
    steps = [s for s, _ in seen]
    assert steps[0] == 0 and steps[-1] == hist.steps == 8 and steps == sorted(steps)
    assert not np.allclose(seen[0][1], seen[-1][1])
    assert training.History.from_arrays(hist.to_arrays()) == hist


def test_weights_roundtrip_through_arrays(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    X, y = toy(128)

    def make():
        return YatMLP(6, 4, 2, rngs=nnx.Rngs(1), prototypes=X[:4])

    m, h, _ = training.train_or_load("unit", make(), X, y, config={"a": 1}, epochs=1, batch_size=32, progress=False)
    m2, h2, _ = training.train_or_load("unit", make(), X, y, config={"a": 1}, epochs=1, batch_size=32, progress=False)
    np.testing.assert_array_equal(training.predict_logits(m, X), training.predict_logits(m2, X))
    assert h.loss == h2.loss
    with pytest.raises(ValueError, match="different architecture|shape"):
        training.arrays_to_model(ReluMLP(6, 4, 2, rngs=nnx.Rngs(0)), training.model_to_arrays(m))


# Bad input to layers and fit: see the table in test_validation.py.


def test_train_or_load_uses_the_defaults_of_fit():
    """``train_or_load`` fills the arguments it is not given from ``training._FIT_DEFAULTS``: they are ``fit``'s."""
    import inspect

    from yatlib import training

    sig = inspect.signature(training.fit).parameters
    defaults = {k: p.default for k, p in sig.items() if p.default is not inspect.Parameter.empty}
    assert training._FIT_DEFAULTS == defaults
