"""Part III widgets (F26, F27, F28): their Python side, and F28 answering its live messages."""

from __future__ import annotations

import numpy as np
import pytest
from flax import nnx

from yatlib.arithmetic import interventions as I
from yatlib.arithmetic import model as M
from yatlib.arithmetic import reader as R
from yatlib.arithmetic import train as T
from yatlib.arithmetic.figures import architecture_blocks
from yatlib.arithmetic.naming import UnitNames
from yatlib.widgets import AblationExplorer, ArchitectureDiagram, UnitExplorer

N_UNITS = 16


@pytest.fixture(scope="module")
def tiny() -> M.PaintingNet:
    return M.PaintingNet(N_UNITS, rngs=nnx.Rngs(0))


@pytest.fixture(scope="module")
def names() -> UnitNames:
    """Votes of 15 codes per slot: units 0..3 have 12 votes for × in the operator slot (tagged ×),
    unit 4 only 6 (named ×, not tagged), the others vote for digits."""
    rng = np.random.default_rng(1)
    votes = np.zeros((N_UNITS, 3, 14), np.int32)
    for u in range(N_UNITS):
        for s in range(3):
            np.add.at(votes[u, s], rng.integers(0, 10, 15), 1)
    votes[:4, 1] = 0
    votes[:4, 1, 12], votes[:4, 1, 3] = 12, 3
    votes[4, 1] = 0
    votes[4, 1, 12], votes[4, 1, [1, 2, 3]] = 6, [3, 3, 3]
    return UnitNames(votes)


def test_architecture_blocks_are_read_from_the_model(tiny):
    blocks = architecture_blocks(tiny)
    assert [b["column"] for b in blocks] == [0, 0, 0, 1, 1, 1, 2, 3, 4, 5]
    yat = next(b for b in blocks if b["name"] == "Yat layer")
    assert yat["shape"] == f"192 → {N_UNITS} units"
    heads = M.count_parameters(tiny.symbol_head) + M.count_parameters(tiny.heads)  # training only: not drawn
    assert sum(b["params"] for b in blocks) + heads == M.count_parameters(tiny)  # the shared encoder counted once
    assert "GELU" in next(b for b in blocks if b["name"] == "encoder E of digit a")["detail"]
    assert next(b for b in blocks if b["name"] == "decoder D")["shape"] == f"{N_UNITS} units → 28 × 84 pixels"
    with pytest.raises(ValueError, match="model must be a PaintingNet"):
        architecture_blocks("a model")


def test_architecture_widget(tiny):
    blocks = architecture_blocks(tiny)
    w = ArchitectureDiagram(blocks, M.count_parameters(tiny))
    assert w.blocks[w.block]["name"] == "Yat layer" and len(w.blocks) == 10
    assert ArchitectureDiagram(blocks, 1, block=0).block == 0
    with pytest.raises(ValueError, match=r"block must be in 0\.\.9; got 10"):
        ArchitectureDiagram(blocks, 1, block=10)
    with pytest.raises(ValueError, match="blocks is empty"):
        ArchitectureDiagram([], 1)
    with pytest.raises(ValueError, match=r"blocks\[0\] lacks \['detail'"):
        ArchitectureDiagram([{k: v for k, v in blocks[0].items() if k != "detail"}], 1)


def test_unit_explorer(names):
    rng = np.random.default_rng(2)
    prints = rng.random((N_UNITS, 28, 84)).astype(np.float32)
    prints[5, :, 28:56] += 3  # unit 5 paints in the tens slot
    prints = np.clip(prints, 0, 1)
    w = UnitExplorer(names, prints, np.zeros((28, 84)), np.linspace(0.1, 1, N_UNITS), unit=2)
    assert w.unit == 2 and len(w.footprints) == N_UNITS and w.footprints[0].startswith("data:image/png;base64,")
    assert w.tag[:4] == [2, 2, 2, 2] and w.operators == ["+", "−", "×", "÷"]
    assert w.names[0][1] == "×" and w.nearest[0][1] == [
        {"s": "×", "d": 12},
        {"s": "3", "d": 3},
    ]  # symbols without votes left out
    assert w.names[4][1] == "×" and w.tag[4] == -1 and w.voters == 15 and w.quorum == 8
    assert all(len(w.nearest[u][s]) <= 3 for u in range(N_UNITS) for s in range(3))
    assert w.ink_slot[5] == 1 and w.picked == []
    with pytest.raises(ValueError, match=r"unit must be in 0\.\.15; got 16"):
        UnitExplorer(names, prints, np.zeros((28, 84)), np.ones(N_UNITS), unit=16)
    with pytest.raises(ValueError, match=r"prints must be \[16, 28, 84\]"):
        UnitExplorer(names, prints[:3], np.zeros((28, 84)), np.ones(N_UNITS))
    with pytest.raises(ValueError, match="alpha must hold 16 finite"):
        UnitExplorer(names, prints, np.zeros((28, 84)), np.full(N_UNITS, np.nan))


def _table() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    return {"baseline": rng.random(4), "after": rng.random((4, 3, 4)), "sizes": np.array([0, 1, 4, 2])}


def test_ablation_widget_holds_the_table(names):
    table = _table()
    w = AblationExplorer(table, names=names, subset=2, how=1)
    np.testing.assert_allclose(np.reshape(w.after, (4, 3, 4)), table["after"], atol=1e-6)
    assert w.tagged[2] == [0, 1, 2, 3] and w.unit_labels[0] == names.label(0) and w.n_units == N_UNITS
    assert w.n_random == 20 and not w.live and w.n_draws == 0
    draws = np.random.default_rng(4).random((4, 5, 4))
    w = AblationExplorer({**table, "random_draws": draws})
    assert w.n_draws == 5
    np.testing.assert_allclose(np.reshape(w.random_low, (4, 4)), draws.min(1), atol=1e-6)
    np.testing.assert_allclose(np.reshape(w.random_high, (4, 4)), draws.max(1), atol=1e-6)
    with pytest.raises(ValueError, match=r"table\['random_draws'\] must be \[4, n_draws, 4\]"):
        AblationExplorer({**table, "random_draws": draws[:, :, :2]})
    with pytest.raises(ValueError, match=r"table\['after'\] must be \[4, 3, 4\]"):
        AblationExplorer({**table, "after": table["after"][:2]})
    with pytest.raises(ValueError, match="subset must be an operator index"):
        AblationExplorer(table, subset=4)
    with pytest.raises(ValueError, match="finite"):
        AblationExplorer({**table, "baseline": np.full(4, np.nan)})


def test_ablation_widget_answers_live_messages(tiny, names, monkeypatch):
    z = np.random.default_rng(5).normal(size=(20, 192)).astype(np.float32)
    ev = I.Evaluation(z, np.repeat(np.arange(4), 5), R.read(T.paint_from_activations(tiny, np.asarray(tiny.trunk(z)))))
    w = AblationExplorer(_table(), names=names, compute=I.knockout_function(tiny, ev, n_random=2))
    sent = []
    monkeypatch.setattr(w, "send", sent.append)
    w._on_message(w, {"type": "ping"}, [])
    assert sent == [{"type": "pong", "live": True}]
    w._on_message(w, {"type": "compute", "id": 7, "params": {"units": [3, 1], "how": 0}}, [])
    w._executor.shutdown(wait=True)
    result = sent[-1]
    assert result["type"] == "result" and result["id"] == 7 and result["state"]["units"] == [1, 3]
    np.testing.assert_allclose(result["state"]["after"], I.knockout_accuracy(tiny, ev, [1, 3], "row"), atol=1e-6)
    assert any(m["type"] == "progress" for m in sent)
    w._executor = None
    w._on_message(w, {"type": "compute", "id": 8, "params": {"units": [40], "how": 0}}, [])
    w._executor.shutdown(wait=True)
    assert sent[-1]["type"] == "error" and sent[-1]["id"] == 8
    assert sent[-1]["message"].startswith("units must be <= 15; got 40.")
