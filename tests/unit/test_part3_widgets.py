"""Part III widgets (F26, F27, F28): their Python side, and F28 answering its live messages."""

from __future__ import annotations

import numpy as np
import pytest
from flax import nnx

from yatlib.arithmetic import dataset as D
from yatlib.arithmetic import interventions as I
from yatlib.arithmetic import model as M
from yatlib.arithmetic.figures import architecture_blocks
from yatlib.arithmetic.naming import UnitNames
from yatlib.layers import ReluMLP
from yatlib.widgets import AblationExplorer, ArchitectureDiagram, UnitExplorer

N_UNITS = 16


@pytest.fixture(scope="module")
def tiny() -> M.PaintingNet:
    return M.PaintingNet(N_UNITS, rngs=nnx.Rngs(0))


@pytest.fixture(scope="module")
def names() -> UnitNames:
    d = np.random.default_rng(1).random((N_UNITS, 3, 14)).astype(np.float32)
    d[:4, 1, 12] = 0.0                                  # units 0..3: operator slot nearest ×
    return UnitNames(nearest=d.argmin(-1), distances=d)


def test_architecture_blocks_are_read_from_the_model(tiny):
    blocks = architecture_blocks(tiny)
    assert [b["column"] for b in blocks] == [0, 0, 0, 1, 1, 1, 2, 3, 4, 5]
    yat = next(b for b in blocks if b["name"] == "Yat layer")
    assert yat["shape"] == f"192 → {N_UNITS} units"
    assert sum(b["params"] for b in blocks) == M.count_parameters(tiny)      # the shared encoder counted once
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
    prints[5, :, 28:56] += 3                             # unit 5 paints in the tens slot
    prints = np.clip(prints, 0, 1)
    w = UnitExplorer(names, prints, np.zeros((28, 84)), np.linspace(0.1, 1, N_UNITS), unit=2)
    assert w.unit == 2 and len(w.footprints) == N_UNITS and w.footprints[0].startswith("data:image/png;base64,")
    assert w.tag[:4] == [2, 2, 2, 2] and w.operators == ["+", "−", "×", "÷"]
    assert w.names[0][1] == "×" and len(w.nearest[0][1]) == 3 and w.nearest[0][1][0] == {"s": "×", "d": 0.0}
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
    assert w.tagged[2] == [0, 1, 2, 3] and w.unit_labels[0].startswith("(") and w.n_units == N_UNITS
    assert w.n_random == 20 and not w.live
    with pytest.raises(ValueError, match=r"table\['after'\] must be \[4, 3, 4\]"):
        AblationExplorer({**table, "after": table["after"][:2]})
    with pytest.raises(ValueError, match="subset must be an operator index"):
        AblationExplorer(table, subset=4)
    with pytest.raises(ValueError, match="finite"):
        AblationExplorer({**table, "baseline": np.full(4, np.nan)})


def test_ablation_widget_answers_live_messages(tiny, names, monkeypatch):
    labels, bank = np.repeat(np.arange(10), 5), np.repeat(np.arange(4), 3)
    probs = D.sample_problems(5, labels, bank, seed=4)
    x = np.random.default_rng(5).random((len(probs.op), 3, 28, 28)).astype(np.float32)
    reader = ReluMLP(784, 16, 12, rngs=nnx.Rngs(6))
    w = AblationExplorer(_table(), names=names, compute=I.knockout_function(tiny, reader, x, probs, n_random=2))
    sent = []
    monkeypatch.setattr(w, "send", sent.append)
    w._on_message(w, {"type": "ping"}, [])
    assert sent == [{"type": "pong", "live": True}]
    w._on_message(w, {"type": "compute", "id": 7, "params": {"units": [3, 1], "how": 0}}, [])
    w._executor.shutdown(wait=True)
    result = sent[-1]
    assert result["type"] == "result" and result["id"] == 7 and result["state"]["units"] == [1, 3]
    np.testing.assert_allclose(result["state"]["after"], I.knockout_accuracy(tiny, reader, x, probs, [1, 3], "row"), atol=1e-6)
    assert any(m["type"] == "progress" for m in sent)
    w._executor = None
    w._on_message(w, {"type": "compute", "id": 8, "params": {"units": [40], "how": 0}}, [])
    w._executor.shutdown(wait=True)
    assert sent[-1]["type"] == "error" and sent[-1]["id"] == 8
    assert sent[-1]["message"].startswith("units must be <= 15; got 40.")
