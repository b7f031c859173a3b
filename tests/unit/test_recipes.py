"""Recipes on any data: the cache knows the data, any D and C, and MNIST end to end with the Part II tools."""

import base64

import numpy as np
import pytest

from yatlib import cache, data, explain, images, neurons, recipes, training
from yatlib.widgets import UnitGallery, VoteExplorer

TINY = recipes.Recipe(n_units=6, train_size=300, epochs=2, batch_size=50)


def blobs(d, c, n=300, seed=0, shift=0.0):
    rng = np.random.default_rng(seed)
    centres = rng.random((c, d)).astype(np.float32)
    y = (np.arange(n) % c).astype(np.int32)
    X = np.clip(centres[y] + shift + 0.1 * rng.standard_normal((n, d)), 0, 1).astype(np.float32)
    return X, y


def params(model):
    return training.model_to_arrays(model)


def test_same_recipe_on_different_data_gives_two_results(tmp_path, monkeypatch, capsys):
    """Issue #11: the cache once handed back the first data set's weights for the second."""
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    Xa, ya = blobs(12, 3, seed=0)
    Xb, yb = blobs(12, 3, seed=1)
    a = recipes.train(TINY, X=Xa, y=ya, progress=False)
    b = recipes.train(TINY, X=Xb, y=yb, progress=False)
    assert capsys.readouterr().out.count("now and cached") == 2
    pa, pb = params(a.model), params(b.model)
    assert any(not np.array_equal(pa[k], pb[k]) for k in pa), "different data must not share cached weights"
    again = recipes.train(TINY, X=Xa, y=ya, progress=False)  # same data: loaded, identical
    assert "loaded" in capsys.readouterr().out
    assert all(np.array_equal(pa[k], v) for k, v in params(again.model).items())
    # one changed label is other data too
    yc = ya.copy()
    yc[5] = (yc[5] + 1) % 3
    recipes.train(TINY, X=Xa, y=yc, progress=False)
    assert "now and cached" in capsys.readouterr().out
    assert not list(tmp_path.glob("fashion-*")), "cache entries are named by the data, not 'fashion-'"


@pytest.mark.parametrize("d, c", [(5, 2), (40, 7), (64, 12)])
def test_recipes_train_any_number_of_features_and_classes(tmp_path, monkeypatch, d, c):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    X, y = blobs(d, c, seed=d)
    for recipe in (TINY, TINY.but(model="relu"), TINY.but(init="noise")):
        run = recipes.train(recipe, X=X, y=y, dataset="my blobs", progress=False)
        assert run.n_classes == c and run.dataset == "my blobs"
        assert training.predict_logits(run.model, X[:4]).shape == (4, c)
    assert list(tmp_path.glob("recipe-yat-*.npz"))
    # a class absent from the first train_size items still gets an output when n_classes is given
    run = recipes.train(TINY, X=X, y=y, n_classes=c + 2, progress=False)
    assert training.predict_logits(run.model, X[:2]).shape == (2, c + 2)


def test_array_fingerprint_full_and_sampled(monkeypatch):
    a = np.arange(1000, dtype=np.float32).reshape(100, 10)
    b = a.copy()
    b[50, 3] += 1
    assert cache.array_fingerprint(a) == cache.array_fingerprint(a.copy())
    assert cache.array_fingerprint(a) != cache.array_fingerprint(b)
    assert cache.array_fingerprint(a) != cache.array_fingerprint(a.reshape(10, 100))
    assert cache.array_fingerprint(a) != cache.array_fingerprint(a.astype(np.float64))
    monkeypatch.setattr(cache, "FULL_HASH_BYTES", 100)  # force the sampled hash
    monkeypatch.setattr(cache, "SAMPLE_ELEMENTS", 64)
    fa = cache.array_fingerprint(a)
    assert ":~" in fa and fa == cache.array_fingerprint(a.copy())
    assert cache.array_fingerprint(a.reshape(10, 100)) != fa  # the shape is always part of it


def test_cache_key_includes_data(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    X1, X2 = np.zeros((3, 2)), np.ones((3, 2))
    assert cache.cache_path("t", {"k": 1}, data={"X": X1}) != cache.cache_path("t", {"k": 1}, data={"X": X2})
    assert cache.cache_path("t", {"k": 1}, data={"X": X1}) == cache.cache_path("t", {"k": 1}, data={"X": X1.copy()})
    calls = []

    def compute():
        calls.append(1)
        return {"s": np.zeros(1)}

    cache.cached_arrays("t", {}, compute, data={"X": X1}, verbose=False)
    cache.cached_arrays("t", {}, compute, data={"X": X2}, verbose=False)
    cache.cached_arrays("t", {}, compute, data={"X": X1}, verbose=False)
    assert len(calls) == 2
    big = np.arange(200, dtype=np.float32)  # arrays inside a config are fingerprinted, not refused
    assert cache.cache_path("t", {"a": big}) != cache.cache_path("t", {"a": big + 1})


def _mnist_or_skip(split, n):
    try:
        X, y = data.load("mnist", split, download=False)
    except data.DataNotFoundError:
        pytest.skip("MNIST is not available offline (set YATLIB_DATA)")
    return X[:n], y[:n]


def test_mnist_model_through_recipes_explained_with_part_ii_tools_needs_no_workaround(tmp_path, monkeypatch):
    """Issue #11, 'done when': MNIST in, the Part II tools out, with default class names and no 784/10 assumption."""
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    X, y = _mnist_or_skip("train", 600)
    X_test, y_test = _mnist_or_skip("test", 200)
    run = recipes.train(
        recipes.COMPANION.but(n_units=20, train_size=600, epochs=10, batch_size=50, learning_rate=2e-2),
        X=X,
        y=y,
        dataset="mnist",
        progress=False,
    )
    model = run.model
    assert run.n_classes == 10 and training.accuracy(model, X_test, y_test) > 0.5
    ex = explain.explain(model, X_test[0], top=3)
    assert ex.shares.sum() == pytest.approx(1.0) and len(ex.top) == 3
    phi = explain.activations(model, X_test)
    shows = explain.nearest_image_class(explain.model_arrays(model)["prototypes"], X, y)
    voted = explain.voted_class(model)
    gallery = UnitGallery(
        [
            {
                "label": "Yat",
                "images": explain.model_arrays(model)["prototypes"],
                "title": "MNIST prototypes",
                "classes": voted,
            }
        ]
    )
    assert gallery.class_names == [str(c) for c in range(int(voted.max()) + 1)]  # default class names "0", "1", ...
    profiles = neurons.unit_profiles(phi, y_test, neurons.readout_of(model).weights, top=10)
    pred = training.predict(model, X_test)
    M = neurons.confusion_counts(y_test, pred, run.n_classes)
    fig = neurons.confusion_figure(M)
    assert list(fig.data[0].x) == [str(c) for c in range(10)]
    assert len(profiles) == 20 and shows.shape == (20,)
    m_in = explain.max_match(phi)
    m_out = explain.max_match(explain.activations(model, np.random.default_rng(0).random((50, 784))))
    assert 0 <= explain.auroc(m_in, m_out) <= 1
    assert explain.min_distance(model, X_test[:5]).shape == (5,)
    fashion, fashion_y = np.random.default_rng(1).random((20, 784)).astype(np.float32), np.zeros(20, int)
    w = VoteExplorer.from_model(
        model,
        inside=(X_test[:20], y_test[:20]),
        outside=(fashion, fashion_y),
        names=("MNIST", "something else"),
        tau=float(np.median(m_in)),
        tau_range=(float(m_in.min()) / 2, float(m_in.max()) * 2),
        shows=shows,
    )
    assert w.class_names == [str(c) for c in range(10)] and w.inside_encoding == "u8" and w.outside_encoding == "f32"


def test_non_square_pictures_are_drawn_with_their_shape():
    X = np.random.default_rng(0).random((5, 28 * 20)).astype(np.float32)
    fig = images.gallery_figure(X, shape=(28, 20), ncols=5)
    assert np.asarray(fig.data[0].z).shape == (28 + 6, 5 * (20 + 6))
    g = UnitGallery([{"label": "a", "images": X, "title": "t", "classes": [0, 1, 2, 11, 3]}], shape=(28, 20))
    assert g.panels[0]["shape"] == [28, 20] and g.class_names[11] == "11"
    assert len(base64.b64decode(g.pictures[0])) == 5 * 28 * 20
