"""PCA against a direct eigen-decomposition; UMAP map shapes and caching on a tiny problem."""

from __future__ import annotations

import numpy as np
import pytest

from yatlib import projection


def test_pca_matches_covariance_eigenvectors():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 5)) @ np.diag([5, 3, 1, 0.5, 0.1])
    p = projection.PCA(2).fit(X)
    cov = np.cov(X - X.mean(0), rowvar=False)
    vals, vecs = np.linalg.eigh(cov)
    top = vecs[:, ::-1][:, :2].T
    for a, b in zip(p.components_, top):
        assert abs(abs(a @ b) - 1) < 1e-8
    np.testing.assert_allclose(p.explained_variance_ratio_, vals[::-1][:2] / vals.sum(), rtol=1e-8)
    Z = p.transform(X)
    np.testing.assert_allclose(Z.mean(0), 0, atol=1e-10)
    assert Z[:, 0].var() > Z[:, 1].var()
    with pytest.raises(ValueError):
        projection.PCA(2).transform(X)


def test_umap_sample_is_the_articles_permutation():
    idx = projection.umap_sample(1000, 30, seed=5)
    np.testing.assert_array_equal(idx, np.random.RandomState(5).permutation(1000)[:30])
    with pytest.raises(ValueError):
        projection.umap_sample(10, 11)


# A real UMAP fit and transform: ~17 s of CPU whatever the number of points (numba compiles umap's and
# pynndescent's functions on first use), so fewer points would not make it faster.
@pytest.mark.slow
def test_umap_map_places_point_sets_and_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    rng = np.random.default_rng(1)
    centres = rng.uniform(0, 1, (3, 20))
    X = np.concatenate([c + 0.02 * rng.standard_normal((60, 20)) for c in centres]).astype(np.float32)
    snaps = np.stack([centres, centres + 0.01]).astype(np.float32)  # [2, 3, 20]
    out = projection.umap_map(X, {"snaps": snaps}, n_sample=150, n_neighbors=10)
    assert out["data_xy"].shape == (150, 2) and out["snaps_xy"].shape == (2, 3, 2)
    assert np.isfinite(out["snaps_xy"]).all()
    # each centre lands among its own cluster's points
    lab = out["sample"] // 60
    for k in range(3):
        d = np.linalg.norm(out["data_xy"] - out["snaps_xy"][0, k], axis=1)
        assert np.bincount(lab[np.argsort(d)[:10]], minlength=3).argmax() == k
    again = projection.umap_map(X, {"snaps": snaps}, n_sample=150, n_neighbors=10)
    np.testing.assert_array_equal(again["snaps_xy"], out["snaps_xy"])
    assert len(list(tmp_path.glob("umap-map-*.npz"))) == 1
