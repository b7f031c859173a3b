"""Prototype selection, the hand-built classifier, the count sweep, bad input."""

import numpy as np
import pytest

from yatlib import handbuilt, prototypes, recipes


def blobs(seed=0, per=40):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0] * 4, [3.0] * 4, [-3.0, 3.0, -3.0, 3.0]])
    X = np.concatenate([c + 0.3 * rng.standard_normal((per, 4)) for c in centres]).astype(np.float32)
    return X, np.repeat(np.arange(3), per).astype(np.int32)


def test_kmeans_prototypes_are_per_class_and_ordered_by_cluster_size():
    X, y = blobs()
    W, lab = prototypes.kmeans_prototypes(X, y, 4, max_per_class=None)
    assert W.shape == (12, 4) and lab.tolist() == [0] * 4 + [1] * 4 + [2] * 4
    for c in range(3):  # each centroid near its class centre
        assert np.abs(W[lab == c].mean(0) - X[y == c].mean(0)).max() < 0.3
    from sklearn.cluster import KMeans

    km = KMeans(4, n_init=3, random_state=0).fit(X[y == 0])
    sizes = np.bincount(km.labels_)
    np.testing.assert_allclose(W[0], km.cluster_centers_[np.argmax(sizes)], rtol=1e-5)


def test_kmeans_prototypes_are_cached_by_arguments_and_data(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    X, y = blobs()
    W, lab = prototypes.kmeans_prototypes(X, y, 3, max_per_class=None)
    calls = []
    real = prototypes.KMeans
    monkeypatch.setattr(prototypes, "KMeans", lambda *a, **k: calls.append(1) or real(*a, **k))
    W2, lab2 = prototypes.kmeans_prototypes(X, y, 3, max_per_class=None)
    assert not calls, "the same k-means ran again instead of loading"
    np.testing.assert_array_equal(W, W2)
    np.testing.assert_array_equal(lab, lab2)
    prototypes.kmeans_prototypes(X, y, 3, max_per_class=None, random_state=1)  # other arguments: computed
    assert len(calls) == 3
    X3, _ = blobs(seed=5)
    W3, _ = prototypes.kmeans_prototypes(X3, y, 3, max_per_class=None)  # other data: computed
    assert len(calls) == 6 and not np.allclose(W3, W)


def test_exemplars_noise_and_readout():
    X, y = blobs()
    W, lab = prototypes.random_exemplars(X, y, 3, seed=1)
    assert all(any((w == x).all() for x in X[y == c]) for w, c in zip(W, lab))
    noise = prototypes.matched_noise(np.clip(X, 0, 1), 500, seed=0)
    assert noise.shape == (500, 4) and noise.min() >= 0 and noise.max() <= 1
    A = prototypes.one_hot_readout(lab, 3)
    assert A.shape == (9, 3) and (A.sum(1) == 1).all()


def test_hand_built_classifier_separates_blobs_and_rules_agree_with_phi():
    X, y = blobs()
    clf = prototypes.HandBuiltClassifier(per_class=2, b=0.5, eps=0.05, max_per_class=40).fit(X, y)
    assert clf.score(X, y, rule="nearest") > 0.95
    phi = clf.activations(X)
    assert phi.shape == (len(X), 6)
    np.testing.assert_array_equal(clf.predict(X, rule="nearest"), clf.labels_[phi.argmax(1)])


def test_sweep_counts_matches_direct_evaluation():
    X, y = blobs()
    W, lab = prototypes.kmeans_prototypes(X, y, 3, max_per_class=None)
    sweep = handbuilt.sweep_counts(W, lab, X, y, b=0.5, eps=0.05)
    assert sweep.counts.tolist() == [1, 2, 3]
    sel = handbuilt.select_first(lab, 2)
    clf = prototypes.HandBuiltClassifier(b=0.5, eps=0.05)
    clf.prototypes_, clf.labels_, clf.n_classes_ = W[sel], lab[sel], 3
    assert sweep.sum_vote[1] == pytest.approx(clf.score(X, y, rule="sum"))
    assert sweep.nearest[1] == pytest.approx(clf.score(X, y, rule="nearest"))


def test_recipe_seeds():
    X = np.random.default_rng(0).random((100, 784)).astype(np.float32)
    r = recipes.COMPANION.but(train_size=50, n_units=5)
    W = recipes.seed_prototypes(X, r)
    assert W.shape == (5, 784) and all(any((w == x).all() for x in X[:50]) for w in W)
    assert recipes.seed_prototypes(X, r.but(init="noise")).shape == (5, 784)
    with pytest.raises(ValueError, match="init must be"):
        recipes.seed_prototypes(X, r.but(init="zeros"))


# Bad input to prototypes and handbuilt: see the table in test_validation.py.
