import numpy as np
import pytest

from yatlib import features, toy


@pytest.mark.parametrize("d", [1, 2, 3, 7, 20])
@pytest.mark.parametrize("b", [0.0, 0.5, 2.0])
def test_feature_map_reproduces_numerator(d, b):
    rng = np.random.default_rng(d)
    x, w = rng.standard_normal((30, d)), rng.standard_normal((30, d))
    phi_x, phi_w = features.feature_map(x, b), features.feature_map(w, b)
    assert phi_x.shape == (30, (d + 1) * (d + 2) // 2) == (30, features.n_features(d))
    np.testing.assert_allclose((phi_x * phi_w).sum(1), ((x * w).sum(1) + b) ** 2, rtol=1e-10)


def test_feature_map_gram_is_kernel_matrix():
    x = np.random.default_rng(0).standard_normal((10, 3))
    phi = features.feature_map(x, 1.3)
    np.testing.assert_allclose(phi @ phi.T, (x @ x.T + 1.3) ** 2, rtol=1e-10, atol=1e-12)


def test_feature_names_and_errors():
    assert features.feature_names(2) == ["x1²", "x2²", "√2·x1x2", "√(2b)·x1", "√(2b)·x2", "b"]
    with pytest.raises(ValueError):
        features.feature_map(np.ones((2, 2)), b=-1.0)
    with pytest.raises(ValueError):
        features.feature_map(np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError):
        features.n_features(0)


def test_plane_separates_rings_and_xor_not_spiral():
    acc = {n: features.fit_plane(*toy.make(n, 200)).accuracy(*toy.make(n, 200)) for n in ("rings", "xor", "spirals")}
    assert acc["rings"] >= 0.98 and acc["xor"] >= 0.98 and acc["spirals"] < 0.8


def test_plane_on_a_known_circle():
    t = np.linspace(0, 2 * np.pi, 100, endpoint=False)
    X = np.r_[np.c_[0.5 * np.cos(t), 0.5 * np.sin(t)], np.c_[1.5 * np.cos(t), 1.5 * np.sin(t)]]
    y = np.r_[np.ones(100), np.zeros(100)].astype(int)
    sep = features.fit_plane(X, y, ridge=0.0)
    assert sep.accuracy(X, y) == 1.0
    # the targets are affine in r², so the fitted conic is the circle r² = (0.25 + 2.25) / 2
    curve = np.concatenate(features.conic_curve(sep, -2, 2, n=400))
    np.testing.assert_allclose(np.hypot(curve[:, 0], curve[:, 1]), np.sqrt(1.25), atol=0.02)


def test_fit_plane_rejects_bad_labels():
    with pytest.raises(ValueError):
        features.fit_plane(np.zeros((3, 2)), np.array([0, 1, 2]))


def test_lift_views_lift_by_the_score_and_carry_the_conic():
    sets = {n: toy.make(n, 60) for n in ("rings", "xor")}
    views, acc = features.lift_views(sets, surface_n=9)
    assert [v.name for v in views] == ["rings", "xor"] and set(acc) == {"rings", "xor"}
    for v in views:
        X, y = sets[v.name]
        sep = features.fit_plane(X, y)
        assert v.accuracy == acc[v.name] == sep.accuracy(X, y)
        # full lift puts the highest point at ±1, and every point on its score's side of the plane
        assert np.max(np.abs(v.height)) == pytest.approx(1.0)
        np.testing.assert_array_equal(np.sign(v.height), np.sign(sep.score(X)))
        assert v.sheet.shape == (9, 9) and np.abs(v.sheet).max() <= 1.2 and v.conic
    with pytest.raises(ValueError, match="datasets"):
        features.lift_views({})


def test_feature_lift_widget_checks_its_input():
    from yatlib.widgets import FeatureLift

    views, _ = features.lift_views({"xor": toy.make("xor", 40)}, surface_n=5)
    w = FeatureLift(views, lift=0.5)
    assert w.views[0]["name"] == "xor" and len(w.views[0]["sheet"]) == 25 and w.lift == 0.5
    with pytest.raises(ValueError, match="lift"):
        FeatureLift(views, lift=2.0)
    with pytest.raises(ValueError, match="views"):
        FeatureLift([])
