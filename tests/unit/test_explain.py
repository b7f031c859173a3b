"""yatlib.explain: shares, votes, max-match, abstention, trade-off curve, galleries."""

import numpy as np
import pytest
from flax import nnx

from yatlib import explain
from yatlib.layers import ReluMLP, YatMLP
from yatlib.training import predict_logits


@pytest.fixture(scope="module")
def model():
    rng = np.random.default_rng(0)
    W = rng.uniform(0, 1, (12, 784)).astype(np.float32)
    m = YatMLP.from_prototypes(W, np.arange(12) % 10, 10, b=0.8, eps=1.1)
    # a readout that is not one-hot, with a bias, like a trained one
    m.readout.kernel[...] = m.readout.kernel[...] + 0.3 * rng.standard_normal((12, 10)).astype(np.float32)
    m.readout.bias[...] = rng.standard_normal(10).astype(np.float32)
    return m


@pytest.fixture(scope="module")
def items():
    return (np.random.default_rng(1).integers(0, 256, (20, 784)) / 255).astype(np.float32)


def test_shares_are_a_distribution():
    phi = np.array([[1.0, 3.0, 0.0, 4.0], [0.0, 0.0, 0.0, 0.0]])
    a = explain.shares(phi)
    np.testing.assert_allclose(a[0], [0.125, 0.375, 0.0, 0.5])
    np.testing.assert_allclose(a[1], 0.25)
    np.testing.assert_allclose(a.sum(1), 1.0)
    with pytest.raises(ValueError, match="negative values"):
        explain.shares([1.0, -1.0])
    with pytest.raises(ValueError):
        explain.shares(np.zeros((2, 0)))


def test_max_match_and_abstain():
    phi = np.array([[1.0, 5.0], [0.5, 0.2]])
    np.testing.assert_allclose(explain.max_match(phi), [5.0, 0.5])
    np.testing.assert_array_equal(explain.abstain([5.0, 0.5], 1.0), [False, True])
    with pytest.raises(ValueError, match="tau"):
        explain.abstain([1.0], float("nan"))


def test_explain_matches_the_forward_pass(model, items):
    logits = predict_logits(model, items)
    phi = explain.activations(model, items)
    for i in range(5):
        ex = explain.explain(model, items[i], top=3, tau=float(phi[i].max()) + 1)
        np.testing.assert_allclose(ex.logits, logits[i], rtol=1e-4, atol=1e-3)
        assert ex.prediction == int(logits[i].argmax())
        assert ex.shares.sum() == pytest.approx(1.0)
        assert list(ex.top) == list(np.argsort(-phi[i])[:3])
        assert ex.max_match == pytest.approx(phi[i].max(), rel=1e-5)
        assert ex.abstains
        V, bias = explain.vote_decomposition(model, items[i])
        np.testing.assert_allclose(V.sum(0) + bias, logits[i], rtol=1e-4, atol=1e-3)
    with pytest.raises(ValueError, match="one input"):
        explain.explain(model, items[:2])


def test_activations_refuse_a_relu_model(items):
    with pytest.raises(ValueError, match="YatMLP"):
        explain.activations(ReluMLP(784, 4, 10, rngs=nnx.Rngs(0)), items)


def test_tradeoff_curve_is_monotone_and_exact():
    m_in = np.array([10.0, 20.0, 30.0, 40.0])
    m_out = np.array([1.0, 2.0, 15.0])
    taus = explain.threshold_grid(m_in, m_out, n=30)
    acc, rej = explain.tradeoff_curve(m_in, m_out, taus)
    assert acc[0] == 1.0 and rej[0] == 0.0 and acc[-1] == 0.0 and rej[-1] == 1.0
    assert (np.diff(acc) <= 0).all() and (np.diff(rej) >= 0).all()
    acc, rej = explain.tradeoff_curve(m_in, m_out, [15.0])
    assert acc[0] == 0.75 and rej[0] == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        explain.tradeoff_curve([], m_out, [1.0])


def test_voted_class_and_model_arrays(model):
    arrays = explain.model_arrays(model)
    assert arrays["prototypes"].shape == (12, 784) and arrays["readout"].shape == (12, 10)
    assert arrays["b"] == pytest.approx(0.8, rel=1e-5) and arrays["eps"] == pytest.approx(1.1, rel=1e-5)
    np.testing.assert_array_equal(explain.voted_class(model), arrays["readout"].argmax(1))


def test_relu_filters_are_the_first_layer_rows():
    relu = ReluMLP(784, 12, 10, rngs=nnx.Rngs(0))
    assert explain.relu_filters(relu).shape == (12, 784)
    np.testing.assert_array_equal(explain.relu_filters(relu), np.asarray(relu.hidden.kernel[...]).T)
