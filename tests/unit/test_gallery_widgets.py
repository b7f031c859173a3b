"""Chapter 2's widgets: the galleries of hidden units (F16) and the training curves."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from flax import nnx

from yatlib import explain
from yatlib.layers import ReluMLP, YatMLP
from yatlib.training import History
from yatlib.widgets import TrainingCurves, UnitGallery


def _bytes(b64: str, shape: tuple[int, ...]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), np.uint8).reshape(shape)


def test_unit_gallery_panels_share_pictures_and_keep_classes():
    rng = np.random.default_rng(0)
    W = rng.uniform(0, 1, (12, 784)).astype(np.float32)
    model = YatMLP(784, 12, 10, rngs=nnx.Rngs(0), prototypes=W)
    relu = ReluMLP(784, 12, 10, rngs=nnx.Rngs(0))
    voted = explain.voted_class(model)
    g = UnitGallery(
        [
            dict(label="Yat: class it votes for", images=W, classes=voted, title="yat"),
            dict(label="Yat: class it shows", images=W, classes=np.arange(12) % 10, role="shows", title="yat shows"),
            dict(label="ReLU", images=explain.relu_filters(relu), normalise="minmax", title="relu"),
        ],
        ncols=6,
        class_names=[f"c{c}" for c in range(10)],
    )
    assert [p["label"] for p in g.panels] == ["Yat: class it votes for", "Yat: class it shows", "ReLU"]
    assert len(g.pictures) == 2 and [p["pictures"] for p in g.panels] == [0, 0, 1]  # the Yat pictures are sent once
    np.testing.assert_array_equal(_bytes(g.pictures[0], (12, 784)), np.round(W * 255))
    relu_px = _bytes(g.pictures[1], (12, 784))
    assert (relu_px.min(1) == 0).all() and (relu_px.max(1) == 255).all()  # each filter stretched to its range
    assert g.panels[0]["classes"] == voted.tolist() and g.panels[2]["classes"] is None
    assert g.panels[1]["role"] == "shows" and g.panels[0]["role"] == "votes for" and g.ncols == 6
    assert len(json.dumps(g.get_state(drop_defaults=False), default=str)) < 100_000


@pytest.mark.parametrize(
    "panels, kwargs, match",
    [
        ([], {}, "non-empty list"),
        ("abc", {}, "non-empty list"),
        ([{"label": "a", "images": np.ones((2, 4))}], {}, r"lacks \['title'\]"),
        ([{"label": "a", "images": np.ones((2, 10)), "title": "t"}], {}, "not a square picture"),
        ([{"label": "a", "images": np.ones((2, 10)), "title": "t"}], {"shape": (3, 3)}, "does not fit 10 values"),
        ([{"label": "a", "images": np.ones((2, 4)), "title": "t", "classes": [0, -1]}], {}, "negative"),
        (
            [{"label": "a", "images": np.ones((2, 4)), "title": "t", "classes": [0]}],
            {},
            "1 labels but its images has 2",
        ),
        ([{"label": "a", "images": np.ones((2, 4)), "title": "t", "normalise": "log"}], {}, "normalise"),
        ([{"label": "a", "images": np.ones((2, 4)), "title": "t"}], {"ncols": 0}, "ncols must be >= 1"),
    ],
)
def test_unit_gallery_rejects_bad_input(panels, kwargs, match):
    with pytest.raises(ValueError, match=match):
        UnitGallery(panels, **kwargs)


def test_training_curves_pack_histories_and_reject_bad_ones():
    a = History(loss=[2.0, 1.0, 0.5], train_accuracy=[0.5, 0.7, 0.8], steps=30)
    b = History(loss=[1.0, 0.4], train_accuracy=[0.6, 0.9], steps=20)
    c = TrainingCurves({"Yat MLP": a, "ReLU MLP": b})
    assert [r["name"] for r in c.runs] == ["Yat MLP", "ReLU MLP"] and c.epoch == 3
    assert c.runs[0]["loss"] == [2.0, 1.0, 0.5] and c.runs[1]["accuracy"] == [0.6, 0.9]
    with pytest.raises(ValueError, match="histories is empty"):
        TrainingCurves({})
    with pytest.raises(ValueError, match="one loss and one accuracy per epoch"):
        TrainingCurves({"x": History(loss=[1.0], train_accuracy=[])})
    with pytest.raises(ValueError, match="positive finite"):
        TrainingCurves({"x": History(loss=[0.0], train_accuracy=[0.5])})
