"""The browser's math of figure F18 (yatlib/widgets/classifier.js) agrees with yatlib.explain.

The JS files are evaluated by node in a ``vm`` context, exactly as they are bundled into
the widget, on the same weights and items as the Python side.
"""

import base64

import numpy as np
import pytest

from tests.unit import node_js
from tests.unit.node_js import needs_node
from yatlib import explain
from yatlib.images import float32_b64
from yatlib.layers import YatMLP
from yatlib.widgets import YatWidget
from yatlib.widgets.vote_explorer import VoteExplorer, pixels_b64

FILES = ["canvas.js", "kernels.js", "classifier.js"]

# Explain the first N items in the browser's code: votes, shares, logits, the prediction, the
# largest match, and the abstention trade-off curve.
EXPLAIN = """(() => {
  const W = decodeF32(job.W), A = decodeF32(job.A), px = decodeU8(job.pixels);
  const out = { items: [], bytes: Array.from(px.slice(0, 784 * 2)) };
  for (let i = 0; i < job.N; i++) {
    const ex = explainItem(itemPixels(px, i, 784), W, job.K, 784, job.b, job.eps, A, job.bias, job.C);
    out.items.push({ phi: Array.from(ex.phi), shares: Array.from(ex.shares), logits: Array.from(ex.logits),
                     pred: ex.pred, maxMatch: ex.maxMatch, order: ex.order.slice(0, 5) });
  }
  const mIn = Array.from(maxMatches(px, job.N, W, job.K, 784, job.b, job.eps));
  out.maxMatches = mIn;
  out.curve = abstentionTradeoff(mIn, job.mOut, job.taus);
  out.geom = geomspace(2, 50, 5);
  return out;
})()"""

pytestmark = needs_node


def run_js(payload):
    return node_js.run_js(FILES, EXPLAIN, payload)


@pytest.fixture(scope="module")
def setup():
    rng = np.random.default_rng(0)
    W = rng.uniform(-0.2, 1.2, (9, 784)).astype(np.float32)
    model = YatMLP.from_prototypes(W, np.arange(9) % 10, 10, b=0.79, eps=1.12)
    model.readout.kernel[...] = model.readout.kernel[...] + 0.5 * rng.standard_normal((9, 10)).astype(np.float32)
    model.readout.bias[...] = rng.standard_normal(10).astype(np.float32)
    pix = rng.integers(0, 256, (12, 784)).astype(np.uint8)
    pix[:3] = 0
    pix[0, :100] = 255
    X = pix / 255.0
    arrays = explain.model_arrays(model)
    m_out = [1.5, 30.0, 400.0, 7.0]
    taus = list(explain.threshold_grid(explain.max_match(explain.activations(model, X)), m_out, n=25))
    payload = dict(
        W=float32_b64(arrays["prototypes"]),
        A=float32_b64(arrays["readout"]),
        bias=[float(v) for v in arrays["bias"]],
        b=arrays["b"],
        eps=arrays["eps"],
        K=9,
        C=10,
        pixels=pixels_b64(X),
        N=len(X),
        mOut=m_out,
        taus=taus,
    )
    return model, X, pix, payload, run_js(payload)


def test_pixels_travel_exactly(setup):
    _, _, pix, _, js = setup
    assert js["bytes"] == pix[:2].ravel().tolist()


def test_js_activations_shares_logits_match_yatlib(setup):
    model, X, _, _, js = setup
    phi = explain.activations(model, X)
    for i, item in enumerate(js["items"]):
        ex = explain.explain(model, X[i], top=5)
        np.testing.assert_allclose(item["phi"], phi[i], rtol=2e-4)
        np.testing.assert_allclose(item["shares"], ex.shares, rtol=2e-4, atol=1e-7)
        assert sum(item["shares"]) == pytest.approx(1.0, abs=1e-9)
        np.testing.assert_allclose(item["logits"], ex.logits, rtol=2e-4, atol=1e-3)
        assert item["pred"] == ex.prediction
        assert item["maxMatch"] == pytest.approx(ex.max_match, rel=2e-4)
        assert item["order"] == list(ex.top)
    np.testing.assert_allclose(js["maxMatches"], explain.max_match(phi), rtol=2e-4)


def test_js_tradeoff_curve_matches_yatlib(setup):
    model, X, _, payload, js = setup
    m_in = np.asarray(js["maxMatches"])
    acc, rej = explain.tradeoff_curve(m_in, payload["mOut"], payload["taus"])
    np.testing.assert_allclose(js["curve"]["accepted"], acc)
    np.testing.assert_allclose(js["curve"]["rejected"], rej)
    np.testing.assert_allclose(js["geom"], np.geomspace(2, 50, 5), rtol=1e-12)


def test_vote_explorer_builds_and_checks_its_input(setup):
    model, X, _, _, _ = setup
    y = np.zeros(len(X), int)
    w = VoteExplorer.from_model(model, inside=(X, y), outside=(X[:4], y[:4]), tau=10.0, tau_range=(1.0, 100.0))
    assert w.n_units == 9 and len(w.inside_labels) == 12 and len(base64.b64decode(w.outside_pixels)) == 4 * 784
    assert w.inside_encoding == "u8" and w.class_names == [str(c) for c in range(10)] and w.image_shape == [28, 28]
    assert "explainItem" in w._esm and "export default" in w._esm
    with pytest.raises(ValueError, match="tau"):
        VoteExplorer.from_model(model, inside=(X, y), outside=(X, y), tau=500.0, tau_range=(1.0, 100.0))
    with pytest.raises(ValueError, match=r"inside\[1\] contains the label 10, but there are 10 classes"):
        VoteExplorer.from_model(
            model, inside=(X, np.full(len(X), 10)), outside=(X, y), tau=10.0, tau_range=(1.0, 100.0)
        )
    with pytest.raises(ValueError, match=r"outside\[0\] must have 784 features"):
        VoteExplorer.from_model(model, inside=(X, y), outside=(X[:, :10], y), tau=10.0, tau_range=(1.0, 100.0))
    with pytest.raises(ValueError, match="k/255"):
        pixels_b64(X + 0.001)


def test_items_of_any_size_and_range_travel_as_float32_and_match_yatlib():
    """Issue #11: the widget took only [N, 784] items with pixels k/255."""
    rng = np.random.default_rng(3)
    D, K = 30, 5
    W = rng.uniform(-2, 3, (K, D)).astype(np.float32)
    model = YatMLP.from_prototypes(W, np.arange(K) % 3, 3, b=0.5, eps=0.7)
    X = rng.uniform(-2, 3, (7, D)).astype(np.float32)
    w = VoteExplorer.from_model(
        model,
        inside=(X, np.arange(7) % 3),
        outside=(X[:2] * 2, [0, 1]),
        tau=1.0,
        tau_range=(0.1, 10.0),
        shape=(5, 6),
        names=("mine", "theirs"),
    )
    assert w.inside_encoding == "f32" and w.n_features == D and w.image_shape == [5, 6]
    assert w.set_names == ["mine", "theirs"] and w.pixel_range[0] < 0
    arrays = explain.model_arrays(model)
    payload = dict(
        W=float32_b64(arrays["prototypes"]), items=w.inside_pixels, N=7, K=K, D=D, b=arrays["b"], eps=arrays["eps"]
    )
    js = node_js.run_js(
        FILES,
        "Array.from(maxMatches(decodeF32(job.items), job.N, decodeF32(job.W), job.K, job.D, job.b, job.eps, 1))",
        payload,
    )
    np.testing.assert_allclose(js, explain.max_match(explain.activations(model, X)), rtol=2e-4)


def test_vote_explorer_takes_the_arrays_it_shows_and_from_model_reads_them_from_a_model(setup):
    model, X, _, _, _ = setup
    y = np.zeros(len(X), int)
    a = explain.model_arrays(model)
    w = VoteExplorer(
        a["prototypes"],
        a["readout"],
        a["bias"],
        (X, y),
        (X[:4], y[:4]),
        b=a["b"],
        eps=a["eps"],
        tau=10.0,
        tau_range=(1.0, 100.0),
    )
    m = VoteExplorer.from_model(model, inside=(X, y), outside=(X[:4], y[:4]), tau=10.0, tau_range=(1.0, 100.0))
    assert isinstance(w, YatWidget) and not w.live
    for trait in (
        "prototypes",
        "readout",
        "bias",
        "b",
        "eps",
        "proto_classes",
        "inside_pixels",
        "outside_pixels",
        "inside_labels",
        "tau",
        "tau_range",
        "class_names",
        "image_shape",
        "pixel_range",
    ):
        assert getattr(w, trait) == getattr(m, trait), trait
    assert w.proto_classes == [int(c) for c in explain.voted_class(model)]
    with pytest.raises(ValueError, match="one row per prototype"):
        VoteExplorer(a["prototypes"], a["readout"][:2], a["bias"], (X, y), (X, y), b=1.0, eps=1.0, tau=10.0)
