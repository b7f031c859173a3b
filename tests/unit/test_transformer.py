import numpy as np
import pytest

from yatlib import transformer


def test_attention_rows_sum_to_one_and_mix_is_convex():
    blk = transformer.TinyBlock(d=8, hidden=16, seed=0)
    X = np.random.default_rng(1).standard_normal((5, 8))
    att = blk.attention(X)
    np.testing.assert_allclose(att["alpha"].sum(1), 1.0, rtol=1e-12)
    assert (att["alpha"] > 0).all()
    np.testing.assert_allclose(att["mix"], att["alpha"] @ att["V"])
    assert ((att["mix"] >= att["V"].min(0) - 1e-12) & (att["mix"] <= att["V"].max(0) + 1e-12)).all()


def test_stages_shapes_and_output():
    blk = transformer.TinyBlock(d=8, hidden=16, seed=0)
    X = np.random.default_rng(1).standard_normal((5, 8))
    st = blk.stages(X)
    assert len(st) == 8
    assert st[2].tensors["S"].shape == (5, 5) and st[5].tensors["H"].shape == (5, 16)
    np.testing.assert_allclose(st[-1].tensors["Y"], blk(X))


def test_softmax_is_stable():
    a = transformer.softmax_rows(np.array([[1000.0, 1000.0, -1000.0]]))
    np.testing.assert_allclose(a, [[0.5, 0.5, 0.0]])


def test_activation_breaks_rotation_invariance_linear_does_not():
    H = np.random.default_rng(0).standard_normal((5, 16))
    Q, _ = np.linalg.qr(np.random.default_rng(1).standard_normal((16, 16)))
    assert np.abs(transformer.distance_matrix(H @ Q) - transformer.distance_matrix(H)).max() < 1e-9

    def relu(h):
        return np.maximum(h, 0)

    assert np.abs(transformer.distance_matrix(relu(H @ Q)) - transformer.distance_matrix(relu(H))).max() > 1e-2


def test_bad_input():
    with pytest.raises(ValueError):
        transformer.TinyBlock(d=8).attention(np.zeros((3, 4)))
    with pytest.raises(ValueError):
        transformer.TinyBlock(activation="tanh")
    assert transformer.cosine_matrix(np.zeros((2, 3))).tolist() == [[0.0, 0.0], [0.0, 0.0]]
