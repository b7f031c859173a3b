import numpy as np

from yatlib import basis


def test_q_is_orthogonal():
    for Q in (basis.givens_rotation(7, 0.4), basis.haar_orthogonal(6, seed=3)):
        np.testing.assert_allclose(Q.T @ Q, np.eye(len(Q)), atol=1e-12)


def test_linear_invariant_relu_not():
    net = basis.random_net(2, 8, 1, seed=0)
    X = np.random.default_rng(1).standard_normal((200, 2))
    Q = basis.haar_orthogonal(8, seed=5)
    lin = basis.relative_change(basis.forward(net, X), basis.forward(net, X, Q=Q))
    relu = basis.relative_change(basis.forward(net, X, activation="relu"), basis.forward(net, X, activation="relu", Q=Q))
    assert lin < 1e-10
    assert relu > 0.05
    # identity Q changes nothing, even for ReLU
    assert basis.relative_change(basis.forward(net, X, activation="relu"),
                                 basis.forward(net, X, activation="relu", Q=basis.givens_rotation(8, 0.0))) == 0


def test_yat_rotates_with_data():
    rng = np.random.default_rng(2)
    X, W = rng.standard_normal((50, 2)), rng.standard_normal((6, 2))
    R = basis.rotation_2d(1.1)
    a, b = basis.yat_activations(X, W), basis.yat_activations(X, W, R=R)
    assert basis.relative_change(a, b) < 1e-12
    # rotating only the data (not the prototypes) does change them
    assert basis.relative_change(a, basis.yat_activations(X @ R.T, W)) > 1e-2
