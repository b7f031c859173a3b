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
    relu = basis.relative_change(
        basis.forward(net, X, activation="relu"), basis.forward(net, X, activation="relu", Q=Q)
    )
    assert lin < 1e-10
    assert relu > 0.05
    # identity Q changes nothing, even for ReLU
    assert (
        basis.relative_change(
            basis.forward(net, X, activation="relu"),
            basis.forward(net, X, activation="relu", Q=basis.givens_rotation(8, 0.0)),
        )
        == 0
    )


def test_yat_rotates_with_data():
    rng = np.random.default_rng(2)
    X, W = rng.standard_normal((50, 2)), rng.standard_normal((6, 2))
    R = basis.rotation_2d(1.1)
    a, b = basis.yat_activations(X, W), basis.yat_activations(X, W, R=R)
    assert basis.relative_change(a, b) < 1e-12
    # rotating only the data (not the prototypes) does change them
    assert basis.relative_change(a, basis.yat_activations(X @ R.T, W)) > 1e-2


def test_privileged_basis_setup_measures_each_rotation():
    setup = basis.privileged_basis_setup(hidden=8, seed=0, steps=5, grid=11)
    degrees = [row[0] for row in setup.table]
    np.testing.assert_allclose(degrees, [0, 45, 90, 135, 180])
    lin, relu, yat = (np.array([row[k] for row in setup.table]) for k in (1, 2, 3))
    assert lin.max() < 1e-12 and yat.max() < 1e-12  # the linear net and the Yat layer do not change
    assert relu[0] == 0 and relu[1:].min() > 1e-2  # the ReLU net does, once θ leaves 0
    assert setup.X.shape == (80, 2) and setup.prototypes.shape == (6, 2) and setup.readout.shape == (6,)
    import pytest

    with pytest.raises(ValueError, match="steps"):
        basis.privileged_basis_setup(steps=1)


def test_privileged_basis_widget_checks_its_input():
    import pytest

    from yatlib.widgets import PrivilegedBasis

    setup = basis.privileged_basis_setup(steps=3, grid=5)
    w = PrivilegedBasis(setup, step=2)
    assert len(w.table) == 3 and w.table[2][0] == 180.0 and len(w.net["W1"]) == 8
    with pytest.raises(ValueError, match="step"):
        PrivilegedBasis(setup, step=3)
    with pytest.raises(ValueError, match="privileged_basis_setup"):
        PrivilegedBasis({"table": []})
