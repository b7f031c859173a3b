"""Figure F06's widget: what it holds, what it rejects, and its live path (messages from the browser)."""

from __future__ import annotations

import base64
import time

import numpy as np
import pytest

from yatlib import toy_training as tt
from yatlib.widgets import YatMlpLearning
from yatlib.widgets.yat_mlp_learning import pack_run


@pytest.fixture(scope="module")
def runs():
    return {
        (ds, e): tt.train_run(ds, eps0=e, units=6, steps=30, every=10) for ds in ("moons", "xor") for e in (0.05, 0.3)
    }


def _f32(b64: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), "<f4")


def test_init_packs_every_run_and_the_five_data_sets(runs):
    w = YatMlpLearning(runs, start=("xor", 0.3))
    assert [d["name"] for d in w.datasets] == list(tt.FIGURE_DATASETS)
    X, _ = tt.figure_data("spirals")
    np.testing.assert_array_equal(_f32(w.datasets[3]["X"]).reshape(-1, 2), X.astype(np.float32))
    assert len(w.runs) == 4 and w.start == {
        "dataset": "xor",
        "units": 6,
        "eps0": 0.3,
        "seed": 0,
        "learning_rate": 0.03,
        "batch_size": None,
    }
    r = w.runs[0]
    P = _f32(r["prototypes"]).reshape(len(r["steps"]), 6, 2)
    np.testing.assert_allclose(P, runs[("moons", 0.05)]["prototypes"], rtol=1e-6, atol=1e-6)
    assert r["steps"] == [0, 10, 20, 30] and len(r["accuracy"]) == 4 and r["classes"] == 2
    assert w.python_steps == 30 and not w.live


def test_init_rejects_bad_input(runs):
    with pytest.raises(ValueError, match="no runs"):
        YatMlpLearning({})
    with pytest.raises(ValueError, match="start"):
        YatMlpLearning(runs, start=("spirals", 0.3))
    other = dict(runs[("moons", 0.3)], X=runs[("moons", 0.3)]["X"] + 0.1)
    with pytest.raises(ValueError, match="figure's points"):
        YatMlpLearning([other])
    with pytest.raises(ValueError, match="missing"):
        pack_run({"dataset": "moons"})


def _messages(widget, monkeypatch, content, until=("result", "error"), timeout=60.0):
    sent = []
    monkeypatch.setattr(widget, "send", lambda msg, *a, **k: sent.append(msg))
    widget._on_message(widget, content, [])
    t0 = time.monotonic()
    while not any(m.get("type") in until for m in sent) and time.monotonic() - t0 < timeout:
        time.sleep(0.02)
    return sent


def test_live_path_trains_a_new_run_in_python(runs, monkeypatch):
    w = YatMlpLearning(runs, compute=tt.live_run)
    assert _messages(w, monkeypatch, {"type": "ping"}, until=("pong",)) == [{"type": "pong", "live": True}]
    params = {
        "dataset": "blobs",
        "units": 40,
        "eps0": 0.5,
        "seed": 9,
        "learning_rate": 0.03,
        "batch_size": 20,
        "steps": 40,
    }
    sent = _messages(w, monkeypatch, {"type": "compute", "id": 3, "params": params})
    result = [m for m in sent if m["type"] == "result"]
    assert len(result) == 1 and result[0]["id"] == 3, sent
    state = result[0]["state"]
    assert (state["source"], state["dataset"], state["units"], state["seed"], state["batch_size"]) == (
        "python",
        "blobs",
        40,
        9,
        20,
    )
    assert state["steps"][-1] == 40 and len(_f32(state["prototypes"])) == len(state["steps"]) * 40 * 2
    progress = [m for m in sent if m["type"] == "progress"]
    assert progress and progress[-1]["fraction"] == 1.0 and "step 40" in progress[-1]["text"]
    # the same settings trained directly give the same numbers
    direct = tt.live_run(params, lambda f, t: None)
    np.testing.assert_allclose(_f32(state["prototypes"]), direct["prototypes"].ravel(), rtol=1e-6, atol=1e-6)


def test_live_path_reports_bad_settings_in_words(runs, monkeypatch):
    w = YatMlpLearning(runs, compute=tt.live_run)
    sent = _messages(w, monkeypatch, {"type": "compute", "id": 1, "params": {"dataset": "moons", "units": 99}})
    err = [m for m in sent if m["type"] == "error"]
    assert err and "units must be a whole number between 4 and 64" in err[0]["message"]
    without = YatMlpLearning(runs)
    sent = _messages(without, monkeypatch, {"type": "compute", "id": 2, "params": {}})
    assert sent[-1]["type"] == "error" and "no live computation" in sent[-1]["message"]
