import numpy as np
import pytest

from yatlib import kernels, locality


def test_yat_responses_match_kernels_module():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((7, 2)), rng.standard_normal((5, 2))
    np.testing.assert_allclose(
        locality.yat_responses(x, w, 0.7, 0.2),
        np.asarray(kernels.yat(x.astype(np.float32), w.astype(np.float32), b=0.7, eps=0.2)),
        rtol=1e-4,
    )


def test_active_fraction_rules():
    w = np.array([[0.0, 1.0], [0.0, 1.1], [5.0, -5.0]])
    frac = locality.yat_active_fraction(np.array([[0.0, 1.0]]), w, b=0.0, eps=0.01, tau=0.1)
    assert frac[0] == pytest.approx(2 / 3)
    assert locality.relu_active_fraction(np.array([[1.0, 0.0]]), np.array([[1.0, 0], [-1.0, 0]]), [0.0, 0.0])[0] == 0.5


def test_relu_half_and_yat_shrinks():
    f = locality.random_units_fractions(d=2, n_units=64, n_inputs=1000)
    assert 0.45 <= f["relu"] <= 0.55
    ys = list(f["yat"].values())
    assert all(a > b for a, b in zip(ys, ys[1:])) and ys[0] < f["relu"]


def test_contributions_sum_to_one_and_errors():
    a = locality.contributions(np.array([[1.0, 3.0], [2.0, 2.0]]))
    np.testing.assert_allclose(a.sum(1), 1.0)
    np.testing.assert_allclose(a[0], [0.25, 0.75])
    with pytest.raises(ValueError):
        locality.contributions(np.zeros((1, 3)))
    with pytest.raises(ValueError):
        locality.contributions(np.zeros((1, 0)))


def test_capacity_is_the_peak_value():
    x = np.array([[0.3, -1.2]])
    np.testing.assert_allclose(locality.capacity(x, 0.5, 0.1), locality.yat_responses(x, x, 0.5, 0.1)[0])
    with pytest.raises(ValueError):
        locality.capacity(x, 0.5, 0.0)


def test_yat_unit_is_bounded_off_distribution():
    from flax import nnx

    from yatlib.layers import ReluMLP, YatMLP

    yat, relu = YatMLP(1, 3, 2, rngs=nnx.Rngs(0)), ReluMLP(1, 3, 2, rngs=nnx.Rngs(0))
    curves = locality.offdistribution_curves(yat, relu, span=50.0)
    w = 0.5
    assert abs(curves["yat_unit"][-1] - w**2) < 0.05 and curves["relu_unit"][-1] == pytest.approx(50.0)
    assert {k: len(v) for k, v in curves.items()} == dict.fromkeys(
        ["x", "relu_unit", "yat_unit", "relu_margin", "yat_margin"], 481
    )


def test_off_distribution_widget_checks_its_input():
    from yatlib.widgets import OffDistribution

    x = np.linspace(-2, 2, 5)
    curves = {"x": x, "relu_unit": x, "yat_unit": x**2, "relu_margin": np.abs(x), "yat_margin": np.ones(5)}
    assert OffDistribution(curves, query=1.0).curves["yat_unit"] == [4.0, 1.0, 0.0, 1.0, 4.0]
    with pytest.raises(ValueError, match="lacks"):
        OffDistribution({"x": x})
    with pytest.raises(ValueError, match="finite"):
        OffDistribution({**curves, "yat_margin": np.full(5, np.nan)})
    with pytest.raises(ValueError, match="query"):
        OffDistribution(curves, query=3.0)
