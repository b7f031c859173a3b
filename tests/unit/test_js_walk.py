"""The boundary-walk widget computes in JavaScript what yatlib computes in Python: check they agree."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import pytest
from flax import nnx

from yatlib import blend, neurons
from yatlib.images import float32_b64
from yatlib.layers import YatMLP
from yatlib.training import predict_logits

WIDGETS = Path(blend.__file__).parent / "widgets"
NODE = shutil.which("node")

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
for (const f of process.argv.slice(1, 4)) vm.runInThisContext(fs.readFileSync(f, "utf8"), { filename: f });
const inp = JSON.parse(fs.readFileSync(0, "utf8"));
const W = decodeF32(inp.W), A = decodeF32(inp.A), items = decodeU8(inp.items);
const { K, D, C, b, eps, bias, n } = inp;
const item = (i) => items.subarray(i * D, (i + 1) * D);
const out = { forward: [], walks: [] };
for (const [i, j, t] of inp.queries) {
  const r = forwardYatMlp(blendItems(item(i), item(j), t, D), W, K, D, b, eps, A, bias, C);
  out.forward.push({ logits: Array.from(r.logits), phi: Array.from(r.phi), pred: r.pred, top: r.top });
}
for (const [i, j] of inp.pairs) {
  const w = walkBetween(item(i), item(j), n, W, K, D, b, eps, A, bias, C);
  out.walks.push({ preds: w.preds, tops: w.tops, flips: changePoints(w.preds) });
}
process.stdout.write(JSON.stringify(out));
"""


def _run_js(payload: dict) -> dict:
    proc = subprocess.run(
        [NODE, "-e", HARNESS, *(str(WIDGETS / f) for f in ("canvas.js", "kernels.js", "classifier.js"))],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def setup():
    rng = np.random.default_rng(3)
    K, D, C, N = 9, 784, 10, 6
    items = rng.integers(0, 256, size=(N, D), dtype=np.uint8)
    W = np.clip(items[rng.integers(0, N, K)] / 255 + 0.1 * rng.standard_normal((K, D)), 0, 1).astype(np.float32)
    model = YatMLP(D, K, C, rngs=nnx.Rngs(0), prototypes=W, b_init=0.7, eps_init=2.0)
    model.readout.kernel[...] = jnp.asarray(rng.standard_normal((K, C)).astype(np.float32))
    model.readout.bias[...] = jnp.asarray(rng.standard_normal(C).astype(np.float32))
    r = neurons.readout_of(model)
    payload = {
        "W": float32_b64(r.prototypes),
        "A": float32_b64(r.weights),
        "items": base64.b64encode(items.tobytes()).decode(),
        "K": K,
        "D": D,
        "C": C,
        "b": r.b,
        "eps": r.eps,
        "bias": r.bias.tolist(),
        "n": 40,
        "queries": [[0, 1, 0.0], [0, 1, 0.37], [2, 3, 0.5], [4, 5, 1.0], [1, 4, 0.83]],
        "pairs": [[0, 1], [2, 5], [3, 4]],
    }
    return model, r, items, payload


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_forward_matches_yatlib(setup):
    model, r, items, payload = setup
    js = _run_js(payload)
    for (i, j, t), out in zip(payload["queries"], js["forward"]):
        x = blend.blend(items[i], items[j], t)
        phi, logits = blend.forward(r, x)
        np.testing.assert_allclose(out["phi"], phi[0], rtol=1e-9)
        np.testing.assert_allclose(out["logits"], logits[0], rtol=1e-9, atol=1e-9)
        # and the NNX model itself (float32) gives the same logits and decision
        ref = predict_logits(model, x[None].astype(np.float32))[0]
        np.testing.assert_allclose(out["logits"], ref, rtol=1e-4, atol=1e-4 * np.abs(ref).max())
        assert out["pred"] == int(ref.argmax()) == int(logits.argmax())
        assert out["top"] == int(np.asarray(model.activations(x[None].astype(np.float32)))[0].argmax())


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_walk_matches_yatlib(setup):
    _, r, items, payload = setup
    js = _run_js(payload)
    for (i, j), out in zip(payload["pairs"], js["walks"]):
        w = blend.walk(r, items[i], items[j], payload["n"])
        assert out["preds"] == w["pred"].tolist()
        assert out["tops"] == w["top"].tolist()
        assert out["flips"] == blend.changes(w["pred"]).tolist()


def test_widgets_hold_data_and_reject_bad_input(setup):
    from yatlib import widgets

    model, r, items, _ = setup
    empty = widgets.PictureBrowser([], control="unit")
    assert empty.entries == [] and "Nothing to show" in empty._esm
    walk = widgets.BoundaryWalk(
        prototypes=r.prototypes,
        b=r.b,
        eps=r.eps,
        weights=r.weights,
        bias=r.bias,
        items=items,
        item_labels=np.zeros(len(items), int),
        pairs=[[0, 1], [2, 3]],
        class_names=[str(c) for c in range(10)],
        unit_classes=np.zeros(9, int),
    )
    assert walk.n_units == 9 and walk.n_features == 784 and walk.pairs == [[0, 1], [2, 3]]
    decoded = np.frombuffer(base64.b64decode(walk.items_b64), np.uint8).reshape(4, 784)
    np.testing.assert_array_equal(decoded, items[:4])
    # only the items a pair uses travel to the browser, and the pairs point at the same pictures
    labels = np.arange(len(items))
    sparse = widgets.BoundaryWalk(
        prototypes=r.prototypes,
        b=r.b,
        eps=r.eps,
        weights=r.weights,
        bias=r.bias,
        items=items,
        item_labels=labels,
        pairs=[[5, 2], [2, 4]],
        class_names=[str(c) for c in range(10)],
        unit_classes=np.zeros(9, int),
    )
    sent = np.frombuffer(base64.b64decode(sparse.items_b64), np.uint8).reshape(-1, 784)
    assert len(sent) == 3 and sparse.item_labels == [2, 4, 5]
    np.testing.assert_array_equal(sent[np.asarray(sparse.pairs)], items[[[5, 2], [2, 4]]])
    for bad, match in [
        (dict(pairs=[[0, 6]]), "pairs"),
        (dict(pairs=[]), "pairs"),
        (dict(t=1.5), "t must"),
        (dict(item_labels=np.zeros(3, int)), "item_labels"),
        (dict(image_shape=(20, 20)), "image_shape"),
    ]:
        args = dict(
            prototypes=r.prototypes,
            b=r.b,
            eps=r.eps,
            weights=r.weights,
            bias=r.bias,
            items=items,
            item_labels=labels,
            pairs=[[0, 1]],
            class_names=[str(c) for c in range(10)],
            unit_classes=np.zeros(9, int),
        )
        args.update(bad)
        with pytest.raises(ValueError, match=match):
            widgets.BoundaryWalk(**args)
    with pytest.raises(ValueError):
        widgets.BoundaryWalk(
            prototypes=r.prototypes,
            b=r.b,
            eps=r.eps,
            weights=r.weights,
            bias=r.bias,
            items=items / 255.0,
            item_labels=np.zeros(len(items), int),
            pairs=[[0, 1]],
            class_names=[str(c) for c in range(10)],
            unit_classes=np.zeros(9, int),
        )
