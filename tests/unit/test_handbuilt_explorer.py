"""F15's live path: yatlib.handbuilt.sweep_function, and HandBuiltExplorer answering the widget's messages."""

import numpy as np
import pytest

from yatlib import handbuilt
from yatlib.widgets import HandBuiltExplorer

NAMES = ["a", "b", "c"]


@pytest.fixture
def setup():
    rng = np.random.default_rng(0)
    centres = rng.random((3, 784)).astype(np.float32)
    X = np.clip(np.repeat(centres, 30, 0) + 0.2 * rng.standard_normal((90, 784)), 0, 1).astype(np.float32)
    y = np.repeat(np.arange(3), 30)
    W = np.clip(np.repeat(centres, 4, 0) + 0.1 * rng.standard_normal((12, 784)), 0, 1).astype(np.float32)
    lab = np.repeat(np.arange(3), 4)
    sources = {"centroids": (W, lab), "noisy": (np.clip(W + 0.3 * rng.standard_normal(W.shape), 0, 1), lab)}
    grid = handbuilt.sweep_grid(sources, X, y, b=(0.0, 1.0), eps=(0.05, 1.0))
    return sources, X, y, grid


def test_sweep_function_matches_the_grid(setup):
    sources, X, y, _ = setup
    compute = handbuilt.sweep_function(sources, X, y)
    reports = []
    state = compute({"b": 0.5, "eps": 0.2}, lambda f, t="": reports.append((f, t)))
    ref = handbuilt.sweep_grid(sources, X, y, b=(0.5,), eps=(0.2,))[0]
    assert state["b"] == 0.5 and state["eps"] == 0.2 and len(state["sweeps"]) == 2
    for got, want in zip(state["sweeps"], ref.sweeps.values()):
        np.testing.assert_allclose(got["sum"], want.sum_vote)
        np.testing.assert_allclose(got["nearest"], want.nearest)
    assert reports[-1][0] == 1.0 and "ε = 0.2" in reports[1][1]
    for bad, match in [
        ({"b": -1, "eps": 0.1}, "b must be"),
        ({"b": 0.5, "eps": 0}, "eps must be"),
        ({"b": "x", "eps": 0.1}, "b must be"),
        ({"eps": 0.1}, "b must be"),
    ]:
        with pytest.raises(ValueError, match=match):
            compute(bad, lambda f, t="": None)


def test_widget_answers_messages(setup, monkeypatch):
    sources, X, y, grid = setup
    w = HandBuiltExplorer(
        sources, NAMES, grid, start=(1.0, 0.05), count=2, compute=handbuilt.sweep_function(sources, X, y)
    )
    assert len(w.states) == 4 and w.b == 1.0 and w.eps == 0.05 and len(w.sources[0]["images"]) == 3
    sent = []
    monkeypatch.setattr(w, "send", sent.append)
    w._on_message(w, {"type": "ping"}, [])
    assert sent == [{"type": "pong", "live": True}]
    w._on_message(w, {"type": "compute", "id": 4, "params": {"b": 0.25, "eps": 0.5}}, [])
    w._executor.shutdown(wait=True)
    assert sent[-1]["type"] == "result" and sent[-1]["id"] == 4 and sent[-1]["state"]["b"] == 0.25
    assert len(sent[-1]["state"]["sweeps"][0]["sum"]) == 4
    w._executor = None
    w._on_message(w, {"type": "compute", "id": 5, "params": {"b": 0.25, "eps": -1}}, [])
    w._executor.shutdown(wait=True)
    assert sent[-1] == {"type": "error", "id": 5, "message": "eps must be a number > 0; got -1."}
    offline = HandBuiltExplorer(sources, NAMES, grid, start=(0.0, 1.0))
    sent.clear()
    monkeypatch.setattr(offline, "send", sent.append)
    offline._on_message(offline, {"type": "compute", "id": 1, "params": {"b": 0.3, "eps": 0.3}}, [])
    assert sent == [{"type": "error", "id": 1, "message": "This figure has no live computation."}]


def test_widget_refuses_bad_input(setup):
    sources, _, _, grid = setup
    with pytest.raises(ValueError, match="not in the grid"):
        HandBuiltExplorer(sources, NAMES, grid, start=(0.5, 0.05))
    with pytest.raises(ValueError, match="count must be between 1 and 4"):
        HandBuiltExplorer(sources, NAMES, grid, start=(0.0, 0.05), count=5)
    with pytest.raises(ValueError, match="sources is empty"):
        HandBuiltExplorer({}, NAMES, grid, start=(0.0, 0.05))
