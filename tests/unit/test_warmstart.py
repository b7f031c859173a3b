"""yatlib.warmstart: subsets, warm and cold starts, the experiments on a small synthetic set."""

import numpy as np
import pytest

from yatlib import prototypes, warmstart
from yatlib.training import predict


def _blobs(n_per_class, seed):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 1, (10, 784))
    X = np.concatenate([np.clip(c + 0.15 * rng.standard_normal((n_per_class, 784)), 0, 1) for c in centres])
    y = np.repeat(np.arange(10), n_per_class).astype(np.int32)
    perm = rng.permutation(len(y))
    return X[perm].astype(np.float32), y[perm]


def test_per_class_subset():
    _, y = _blobs(30, 0)
    idx = warmstart.per_class_subset(y, 7, seed=3)
    assert np.bincount(y[idx]).tolist() == [7] * 10
    np.testing.assert_array_equal(idx, warmstart.per_class_subset(y, 7, seed=3))
    assert not np.array_equal(idx, warmstart.per_class_subset(y, 7, seed=4))
    with pytest.raises(ValueError, match="only 30"):
        warmstart.per_class_subset(y, 31, seed=0)


def test_starve_classes():
    _, y = _blobs(40, 0)
    counts = np.bincount(y[warmstart.starve_classes(y, (2, 7), 5, seed=0)])
    assert counts[2] == counts[7] == 5 and counts[0] == 40
    counts = np.bincount(y[warmstart.starve_classes(y, (2, 7), 5, seed=0, rest_per_class=20)])
    assert counts.tolist() == [20, 20, 5, 20, 20, 20, 20, 5, 20, 20]
    with pytest.raises(ValueError):
        warmstart.starve_classes(y, (), 5, seed=0)
    with pytest.raises(ValueError, match="seed"):
        warmstart.starve_classes(y, (1,), 5, seed=-1)


def test_warm_start_is_the_hand_built_sum_vote():
    X, y = _blobs(20, 1)
    setting = warmstart.LITTLE_DATA.but(protos_per_class=2, b=0.5, eps=0.05)
    model = warmstart.warm_model(X, y, setting, seed=0)
    W, lab = prototypes.kmeans_prototypes(X, y, 2, max_per_class=None, random_state=0)
    clf = prototypes.HandBuiltClassifier(per_class=2, b=0.5, eps=0.05, max_per_class=10_000).fit(X, y)
    np.testing.assert_allclose(clf.prototypes_, W)
    np.testing.assert_array_equal(predict(model, X), clf.predict(X, rule="sum"))


def test_cold_start_uses_training_images():
    X, y = _blobs(10, 2)
    model = warmstart.cold_model(X, warmstart.LITTLE_DATA, seed=0)
    W = np.asarray(model.yat.prototypes[...])
    assert W.shape == (50, 784)
    assert all((np.abs(X - w).max(1) == 0).any() for w in W)
    with pytest.raises(ValueError, match="at least 50"):
        warmstart.cold_model(X[:20], warmstart.LITTLE_DATA)


@pytest.fixture
def synthetic(monkeypatch):
    Xtr, ytr = _blobs(60, 5)
    Xte, yte = _blobs(20, 5)  # same centres (same seed), fresh noise would be nicer but this suffices
    monkeypatch.setattr(warmstart, "_pool", lambda setting: (Xtr, ytr))
    monkeypatch.setattr(warmstart, "_test", lambda setting: (Xte, yte))


def test_little_data_run_and_table(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = warmstart.LITTLE_DATA.but(epochs=3)
    r = warmstart.little_data_run(10, setting, seed=0)
    assert set(r) == {"zero_step", "warm", "cold"} and all(0 <= v <= 1 for v in r.values())
    assert r["zero_step"] > 0.9  # well-separated blobs: the centroids classify them
    table = warmstart.little_data_table([5, 10], [0], setting, verbose=False)
    assert table["warm"].shape == (2, 1)
    assert table["zero_step"][1, 0] == pytest.approx(r["zero_step"])
    assert "mean" in warmstart.little_data_text(table)
    fig = warmstart.little_data_figure(table)
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["5", "10"]
    assert sum(steps[1].args[0]["visible"]) == 6 and steps[1].args[0]["visible"][6]


def test_rare_class_run_and_figure(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = warmstart.RARE_CLASSES.but(epochs=2, rest_per_class=40, batch_size=64)
    table = warmstart.rare_class_table((2, 7), [6], [0], setting, verbose=False)
    assert table["warm_recall"].shape == (1, 1, 10) and table["cold_accuracy"].shape == (1, 1)
    assert warmstart.rare_class_table((2, 7), [6], [0], setting, verbose=False)["warm_accuracy"] == pytest.approx(
        table["warm_accuracy"])  # second call: loaded from the cache
    assert "Pullover + Sneaker" in warmstart.rare_class_text(table)
    fig = warmstart.rare_class_figure([table, table])
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 2 and buttons[1].args[0]["visible"] == [False, False, True, True]
    assert "★ Pullover" in fig.data[0].x
