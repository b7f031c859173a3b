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


# The little-data setting of these tests trains in batches of 50: every count of images per class used
# here (5 to 10, i.e. 50 to 100 images) then trains with the same batch shape, so one compiled step serves
# every run (with the default 100, each count below 10 was a batch shape, and a compilation, of its own).
LITTLE = warmstart.LITTLE_DATA.but(batch_size=50)


@pytest.fixture
def synthetic(monkeypatch):
    Xtr, ytr = _blobs(60, 5)
    Xte, yte = _blobs(20, 5)  # same centres (same seed), fresh noise would be nicer but this suffices
    monkeypatch.setattr(warmstart, "_pool", lambda setting: (Xtr, ytr))
    monkeypatch.setattr(warmstart, "_test", lambda setting: (Xte, yte))


def test_little_data_run_and_table(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = LITTLE.but(epochs=3)
    r = warmstart.little_data_run(10, setting, seed=0)
    assert set(r) == {"zero_step", "warm", "cold"} and all(0 <= v <= 1 for v in r.values())
    assert r["zero_step"] > 0.9  # well-separated blobs: the centroids classify them
    table = warmstart.little_data_table([10, 5], [0], setting, verbose=False)
    assert table["warm"].shape == (2, 1)
    assert table["zero_step"][0, 0] == pytest.approx(r["zero_step"])
    assert "mean" in warmstart.little_data_text(table)
    states = warmstart.little_data_states(table)
    assert [s["per_class"] for s in states] == [5, 10], "states come in increasing images per class"
    assert states[1]["seeds"] == [0]
    assert states[1]["zero_step"] == [pytest.approx(r["zero_step"], abs=1e-5)]
    assert states[1]["warm"] == [pytest.approx(r["warm"], abs=1e-5)]


def test_rare_class_run_and_state(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = warmstart.RARE_CLASSES.but(epochs=2, rest_per_class=40, batch_size=64)
    table = warmstart.rare_class_table((2, 7), [6], [0, 1], setting, verbose=False)
    assert table["warm_recall"].shape == (1, 2, 10) and table["cold_accuracy"].shape == (1, 2)
    assert warmstart.rare_class_table((2, 7), [6], [0, 1], setting, verbose=False)["warm_accuracy"] == pytest.approx(
        table["warm_accuracy"]
    )  # second call: loaded from the cache
    assert "Pullover + Sneaker" in warmstart.rare_class_text(table)
    state = warmstart.rare_class_state(table)
    assert state["starved"] == [2, 7] and state["n_rare"] == 6 and state["seeds"] == [0, 1]
    np.testing.assert_allclose(state["warm_recall"], table["warm_recall"][0].mean(0), atol=1e-5)
    np.testing.assert_allclose(state["cold_rare"], table["cold_recall"][0][:, [2, 7]].mean(1), atol=1e-5)
    np.testing.assert_allclose(state["zero_accuracy"], table["zero_accuracy"][0], atol=1e-5)
    with pytest.raises(ValueError, match="index must pick"):
        warmstart.rare_class_state(table, 1)


def _recorder():
    reports = []
    return reports, lambda fraction, text="": reports.append((fraction, text))


def test_little_data_live_path(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = LITTLE.but(epochs=3)
    compute = warmstart.little_data_function([0, 1], setting, limits=(5, 50))
    reports, progress = _recorder()
    state = compute({"per_class": 7}, progress)
    assert state["per_class"] == 7 and state["seeds"] == [0, 1] and len(state["warm"]) == 2
    fractions = [f for f, _ in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and 0 < fractions[len(fractions) // 2] < 1
    assert any("epoch 3 of 3" in t and "seed 2 of 2" in t and "random start" in t for _, t in reports)
    # the live state is the experiment's own: the same as a run of the table
    run = warmstart.little_data_run(7, setting, seed=1)
    assert state["cold"][1] == pytest.approx(run["cold"], abs=1e-5)
    # asked again: loaded from the cache, no training
    reports.clear()
    assert compute({"per_class": 7}, progress) == state
    assert not any("epoch" in t for _, t in reports)
    for bad in (4, 51, 7.5, "seven", None):
        with pytest.raises(ValueError, match="images per class must be a whole number from 5 to 50"):
            compute({"per_class": bad}, progress)
    with pytest.raises(ValueError, match="limits"):
        warmstart.little_data_function([0], setting, limits=(2, 50))
    with pytest.raises(ValueError, match="seeds is empty"):
        warmstart.little_data_function([], setting)


def test_live_training_stops_when_progress_raises(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = LITTLE.but(epochs=3)
    compute = warmstart.little_data_function([0], setting, limits=(5, 50))
    calls = []

    class Stop(Exception):
        pass

    def progress(fraction, text=""):
        calls.append(text)
        if len(calls) == 3:
            raise Stop()

    with pytest.raises(Stop):
        compute({"per_class": 6}, progress)
    assert len(calls) == 3, "training stops at the report that raised"
    reports, again = _recorder()
    compute({"per_class": 6}, again)
    assert any("epoch" in t for _, t in reports), "a stopped computation leaves nothing in the cache"


def test_rare_class_live_path(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = warmstart.RARE_CLASSES.but(epochs=2, rest_per_class=40, batch_size=64)
    compute = warmstart.rare_class_function(6, [0], setting)
    reports, progress = _recorder()
    state = compute({"starved": [7, 3]}, progress)
    assert state["starved"] == [3, 7] and state["n_rare"] == 6 and len(state["warm_recall"]) == 10
    assert reports[-1][0] == 1.0 and any("epoch 2 of 2" in t for _, t in reports)
    table = warmstart.rare_class_table((3, 7), [6], [0], setting, verbose=False)
    assert state == warmstart.rare_class_state(table)
    for bad, match in [
        ([2, 2], "different"),
        ([2], "two classes"),
        ([2, 10], "from 0 to 9"),
        ("2,7", "two classes"),
        ([2, -1], "from 0 to 9"),
        ([2, 1.5], "whole number"),
    ]:
        with pytest.raises(ValueError, match=match):
            compute({"starved": bad}, progress)
    with pytest.raises(ValueError, match="n_rare"):
        warmstart.rare_class_function(0, [0], setting)


def _run_message(widget, monkeypatch, params):
    """Send the widget a compute message as its JavaScript would; return what it sends back."""
    sent = []
    monkeypatch.setattr(widget, "send", sent.append)
    widget._on_message(widget, {"type": "compute", "id": 1, "params": params}, [])
    widget._executor.shutdown(wait=True)
    widget._executor = None
    return sent


def test_widgets_answer_compute_messages(synthetic, tmp_path, monkeypatch):
    from yatlib.widgets import LittleDataExplorer, RareClassExplorer

    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    setting = LITTLE.but(epochs=2)
    table = warmstart.little_data_table([5, 10], [0], setting, verbose=False)
    w = LittleDataExplorer(
        table, per_class=10, limits=(5, 50), compute=warmstart.little_data_function([0], setting, limits=(5, 50))
    )
    assert w.per_class == 10 and [s["per_class"] for s in w.states] == [5, 10] and w.live
    sent = _run_message(w, monkeypatch, {"per_class": 8})
    assert sent[0]["type"] == "progress" and sent[-1]["type"] == "result" and sent[-1]["id"] == 1
    assert sent[-1]["state"]["per_class"] == 8 and len(sent[-1]["state"]["cold"]) == 1
    sent = _run_message(w, monkeypatch, {"per_class": 500})
    assert sent == [
        {"type": "error", "id": 1, "message": "images per class must be a whole number from 5 to 50; got 500."}
    ]
    with pytest.raises(ValueError, match="was not precomputed"):
        LittleDataExplorer(table, per_class=7)
    with pytest.raises(ValueError, match="limits"):
        LittleDataExplorer(table, limits=(6, 50))

    rsetting = warmstart.RARE_CLASSES.but(epochs=1, rest_per_class=40, batch_size=64)
    tables = [warmstart.rare_class_table(pair, [6], [0], rsetting, verbose=False) for pair in ((2, 7), (4, 6))]
    r = RareClassExplorer(tables, list("abcdefghij"), pair=1, compute=warmstart.rare_class_function(6, [0], rsetting))
    assert [s["starved"] for s in r.states] == [[2, 7], [4, 6]] and r.pair == 1
    sent = _run_message(r, monkeypatch, {"starved": [1, 5]})
    assert sent[-1]["type"] == "result" and sent[-1]["state"]["starved"] == [1, 5]
    sent = _run_message(r, monkeypatch, {"starved": [5, 5]})
    assert sent[-1]["type"] == "error" and "different" in sent[-1]["message"]
    with pytest.raises(ValueError, match="pair must be"):
        RareClassExplorer(tables, list("abcdefghij"), pair=2)
    with pytest.raises(ValueError, match="recall per class"):
        RareClassExplorer(tables, list("abc"))
