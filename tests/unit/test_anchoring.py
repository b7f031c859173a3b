"""The anchoring term: value and gradient against a direct computation; it pulls prototypes to the data."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax import nnx

from yatlib import training
from yatlib.anchoring import bank_anchor, batch_anchor, nearest_item_distance
from yatlib.layers import ReluMLP, YatMLP


def test_nearest_item_distance_matches_brute_force():
    rng = np.random.default_rng(0)
    W, B = rng.standard_normal((7, 9)).astype(np.float32), rng.standard_normal((30, 9)).astype(np.float32)
    want = np.linalg.norm(W[:, None] - B[None], axis=-1).min(1)
    np.testing.assert_allclose(nearest_item_distance(jnp.asarray(W), jnp.asarray(B)), want, rtol=1e-5)


def test_gradient_is_a_unit_pull_toward_the_nearest_item_and_finite_on_it():
    rng = np.random.default_rng(1)
    B = rng.standard_normal((20, 4)).astype(np.float32)
    W = np.stack([B[3] + np.array([0.3, -0.4, 0.0, 0.0], np.float32), B[7]])  # one off by 0.5, one on an item
    g = np.asarray(jax.grad(lambda w: nearest_item_distance(w, jnp.asarray(B)).sum())(jnp.asarray(W)))
    np.testing.assert_allclose(g[0], [0.6, -0.8, 0.0, 0.0], atol=1e-5)
    np.testing.assert_allclose(g[1], 0.0)
    assert float(nearest_item_distance(jnp.asarray(W), jnp.asarray(B))[1]) == 0.0


def test_the_term_is_lambda_times_the_mean_distance():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((16, 5)).astype(np.float32)
    model = YatMLP(5, 3, 2, rngs=nnx.Rngs(0), prototypes=X[:3] + 1.0)
    want = np.linalg.norm(X[:3, None] + 1.0 - X[None], axis=-1).min(1).mean()
    assert float(batch_anchor(0.3)(model, jnp.asarray(X), None)) == pytest.approx(0.3 * want, rel=1e-5)
    assert float(bank_anchor(2.0, X[:3])(model, None, None)) == pytest.approx(
        2.0 * np.linalg.norm(X[:3, None] + 1.0 - X[None, :3], axis=-1).min(1).mean(), rel=1e-5
    )


def test_a_strong_anchor_keeps_prototypes_closer_to_the_data():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((512, 6)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int32)
    start = X[:4] + 2.0 * rng.standard_normal((4, 6)).astype(np.float32)

    def spread(strength):
        model = YatMLP(6, 4, 2, rngs=nnx.Rngs(0), prototypes=start)
        training.fit(
            model,
            X,
            y,
            epochs=10,
            batch_size=64,
            learning_rate=5e-2,
            progress=False,
            regulariser=batch_anchor(strength) if strength else None,
        )
        W = np.asarray(model.yat.prototypes[...])
        return np.linalg.norm(W[:, None] - X[None], axis=-1).min(1).mean()

    assert spread(5.0) < 0.5 * spread(0.0)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: batch_anchor(-1.0), "strength"),
        (lambda: batch_anchor(float("inf")), "strength"),
        (lambda: bank_anchor(1.0, np.zeros((0, 3))), "bank"),
        (lambda: bank_anchor(1.0, np.full((2, 3), np.nan)), "NaN"),
    ],
)
def test_bad_settings_are_refused(make, words):
    with pytest.raises(ValueError, match=words):
        make()


def test_a_model_without_a_yat_layer_is_refused():
    with pytest.raises(ValueError, match="Yat layer"):
        batch_anchor(1.0)(ReluMLP(3, 2, 2, rngs=nnx.Rngs(0)), jnp.zeros((4, 3)), None)
