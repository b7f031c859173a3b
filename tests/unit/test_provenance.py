"""Nearest-image distances and the data's nearest-neighbour floor, against brute force."""

from __future__ import annotations

import numpy as np
import pytest

from yatlib import provenance


def test_nearest_distances_brute_force():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (300, 50)).astype(np.float32)
    P = rng.uniform(0, 1, (17, 50)).astype(np.float32)
    d, j = provenance.nearest_distances(P, X, batch_size=5)
    full = np.linalg.norm(P[:, None, :].astype(np.float64) - X[None].astype(np.float64), axis=2)
    np.testing.assert_array_equal(j, full.argmin(1))
    np.testing.assert_allclose(d, full.min(1), rtol=1e-10)
    # a prototype equal to a data point is at distance exactly 0
    d0, j0 = provenance.nearest_distances(X[[7, 9]], X)
    assert list(j0) == [7, 9] and np.all(d0 == 0)


def test_nn_floor_excludes_the_point_itself():
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 1, (120, 10)).astype(np.float32)
    f = provenance.nn_floor(X, n_sample=40, seed=3)
    idx = np.random.default_rng(3).choice(120, size=40, replace=False)
    full = np.linalg.norm(X[idx, None].astype(np.float64) - X[None].astype(np.float64), axis=2)
    full[np.arange(40), idx] = np.inf
    np.testing.assert_allclose(f, full.min(1), rtol=1e-10)
    assert np.all(f > 0)
    with pytest.raises(ValueError):
        provenance.nn_floor(X, n_sample=120)


# ---------------------------------------------------------------- the live path of F24

import base64  # noqa: E402

from yatlib import recipes  # noqa: E402
from yatlib.widgets._base import Cancelled  # noqa: E402

SMALL = recipes.COMPANION.but(n_units=6, train_size=512, epochs=2, batch_size=128)


@pytest.fixture(scope="module")
def tiny_data():
    """Images-like data: 10 classes of noisy class templates in [0, 1], 784 pixels."""
    rng = np.random.default_rng(4)
    templates = rng.uniform(0, 1, (10, 784))
    y = rng.integers(0, 10, 700).astype(np.int32)
    y[:10] = np.arange(10)
    X = np.clip(templates[y] + 0.2 * rng.standard_normal((700, 784)), 0, 1).astype(np.float32)
    return X[:600], y[:600], X[600:], y[600:]


def test_live_run_is_the_recipes_run(tiny_data, tmp_path, monkeypatch):
    """train_seed_run (live, with progress) trains exactly what recipes.train trains for the same recipe."""
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    X, y, Xte, yte = tiny_data
    reports = []
    run = provenance.train_seed_run(
        SMALL, "noise", 3, X=X, y=y, X_test=Xte, y_test=yte, n_test=100, progress=lambda f, t: reports.append((f, t))
    )
    ref = recipes.train(SMALL.but(init="noise", epochs=3), X=X, y=y, progress=False)
    np.testing.assert_array_equal(run.prototypes, np.asarray(ref.model.yat.prototypes[...]))
    assert run.epochs == 3 and run.length == 1.5 and run.seed == "noise"
    assert run.accuracy == provenance.accuracy(ref.model, Xte[:100], yte[:100])
    np.testing.assert_allclose(run.distances, provenance.nearest_distances(run.prototypes, X[:512])[0])
    np.testing.assert_allclose(
        run.start_distances, provenance.nearest_distances(recipes.seed_prototypes(X, run.trained.recipe), X[:512])[0]
    )
    fractions = [f for f, _ in reports]
    assert fractions == sorted(fractions) and fractions[0] == 0 and fractions[-1] == 1.0
    assert any("step" in t for _, t in reports) and len(reports) > 5


def test_live_run_stops_when_cancelled(tiny_data):
    X, y, Xte, yte = tiny_data

    def progress(fraction, text):
        if fraction > 0.3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        provenance.train_seed_run(SMALL, "images", 4, X=X, y=y, X_test=Xte, y_test=yte, progress=progress)


@pytest.mark.parametrize(
    "seed, epochs, match",
    [("pixels", 2, "seed"), ("images", 0, "epochs"), ("images", 2.5, "epochs"), ("images", True, "epochs")],
)
def test_live_run_rejects_bad_settings(tiny_data, seed, epochs, match):
    X, y, Xte, yte = tiny_data
    with pytest.raises(ValueError, match=match):
        provenance.train_seed_run(SMALL, seed, epochs, X=X, y=y, X_test=Xte, y_test=yte)
    with pytest.raises(ValueError, match="Yat recipe"):
        provenance.train_seed_run(SMALL.but(model="relu"), "images", 1, X=X, y=y, X_test=Xte, y_test=yte)


def _fake_load(data):
    X, y, Xte, yte = data
    return lambda name, split: (X, y) if split == "train" else (Xte, yte)


def test_seed_run_function_validates_and_computes(tiny_data, monkeypatch):
    monkeypatch.setattr(provenance._data, "load", _fake_load(tiny_data))
    compute = provenance.seed_run_function(SMALL, max_epochs=5, n_test=50)
    quiet = lambda f, t: None  # noqa: E731
    for params, match in [
        ({"seed": "noise", "epochs": 6}, "1 to 5"),
        ({"seed": "noise", "epochs": "x"}, "whole number"),
        ({"seed": "noise", "epochs": 1.5}, "whole number"),
        ({"epochs": 2}, "seed"),
        ({"seed": "noise"}, "whole number"),
    ]:
        with pytest.raises(ValueError, match=match):
            compute(params, quiet)
    state = compute({"seed": "images", "epochs": 2}, quiet)
    assert state["seed"] == "images" and state["epochs"] == 2 and 0 <= state["accuracy"] <= 1
    assert state["prototypes"].shape == (6, 784) and state["distances"].shape == (6,)


def test_seed_comparison_widget_computes_live(tiny_data, monkeypatch):
    """The widget's message handling: a compute request trains a run and sends progress, then the packed state."""
    from yatlib.widgets import SeedComparison

    monkeypatch.setattr(provenance._data, "load", _fake_load(tiny_data))
    X, y, Xte, yte = tiny_data
    runs = [
        provenance.train_seed_run(SMALL, s, SMALL.epochs, X=X, y=y, X_test=Xte, y_test=yte) for s in ("images", "noise")
    ]
    floor = provenance.nn_floor(X[:512], n_sample=100)
    w = SeedComparison(
        runs,
        floor,
        base_epochs=SMALL.epochs,
        max_epochs=5,
        compute=provenance.seed_run_function(SMALL, max_epochs=5, n_test=50),
    )
    assert [r["seed"] for r in w.runs] == ["images", "noise"] and w.epochs == 2 and w.seed == "images"
    pics = np.frombuffer(base64.b64decode(w.runs[1]["pictures"]), np.uint8)
    np.testing.assert_array_equal(pics, np.round(np.clip(runs[1].prototypes, 0, 1).ravel() * 255))
    np.testing.assert_allclose(np.frombuffer(base64.b64decode(w.floor_b64), "<f4"), floor, rtol=1e-6)
    sent = []
    monkeypatch.setattr(w, "send", lambda msg, buffers=None: sent.append(msg))
    w._on_message(w, {"type": "ping"}, [])
    assert sent[-1] == {"type": "pong", "live": True}
    w._on_message(w, {"type": "compute", "id": 7, "params": {"seed": "noise", "epochs": 3}}, [])
    w._on_message(w, {"type": "compute", "id": 8, "params": {"seed": "noise", "epochs": 9}}, [])
    w._executor.shutdown(wait=True)
    result = next(m for m in sent if m["type"] == "result")
    assert result["id"] == 7 and result["state"]["epochs"] == 3 and result["state"]["seed"] == "noise"
    assert len(result["state"]["distances"]) == 6 and len(base64.b64decode(result["state"]["pictures"])) == 6 * 784
    assert any(m["type"] == "progress" and m["id"] == 7 for m in sent)
    error = next(m for m in sent if m["type"] == "error")
    assert error["id"] == 8 and "1 to 5" in error["message"]
    with pytest.raises(ValueError, match="runs is empty"):
        SeedComparison([], floor)
    with pytest.raises(ValueError, match="floor"):
        SeedComparison(runs, np.array([np.nan]))
