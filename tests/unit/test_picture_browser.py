"""yatlib.widgets.picture_browser: entries of F19, F20, F23, each picture sent once, bad input refused."""

from types import SimpleNamespace

import numpy as np
import pytest

from yatlib.widgets import ClassBrowser, MistakeBrowser, PictureBrowser, UnitBrowser
from yatlib.widgets.picture_browser import card

NAMES = [f"class {c}" for c in range(10)]


@pytest.fixture
def pictures():
    rng = np.random.default_rng(0)
    return rng.random((6, 784)).astype(np.float32), rng.random((40, 784)).astype(np.float32)


def test_unit_browser_sends_each_picture_once(pictures):
    W, X = pictures
    labels = np.arange(40) % 10
    # units 0 and 1 share their top items: the pool holds them once
    profiles = [
        SimpleNamespace(
            unit=u,
            detects=u % 10,
            purity=0.75,
            votes=(u + 1) % 10,
            top_items=np.array([3, 4, 5, 6]),
            top_labels=np.array([3, 4, 3, 3]),
            top_activations=np.array([9.0, 8.0, 7.0, 6.0]),
        )
        for u in range(2)
    ]
    w = UnitBrowser(profiles, W, X, labels, NAMES, show=3)
    assert len(w.images) == 2 + 3, "two prototypes and three shared items"
    e = w.entries[1]
    assert e["readout"].startswith("Unit 1 detects class 1: 3 of the 4 test items that excite it most are class 1")
    assert [c["cls"] for c in e["cards"]] == [1, 3, 4, 5] and e["cards"][0]["big"]
    assert e["thumb"] == e["cards"][0]["image"] and e["thumb_class"] == 1
    assert w.figure == "Figure F19: what each unit detects" and w.control == "unit"


def test_class_and_mistake_browsers(pictures):
    W, X = pictures
    weights = np.linspace(-1, 1, 60).reshape(6, 10)
    committees = np.argsort(-weights, axis=0)[:3].T
    detects = np.array([0, 1, 2, 3, 4, 5])
    c = ClassBrowser(committees, W, weights, detects, NAMES)
    assert len(c.entries) == 10 and len(c.images) <= 6
    assert c.entries[0]["thumb_text"] == "class 0" and "thumb" not in c.entries[0]

    m = SimpleNamespace(
        item=7, true=2, predicted=5, culprit=3, culprit_activation=12.0, best_true=2, best_true_activation=4.0
    )
    lone = SimpleNamespace(
        item=9, true=2, predicted=5, culprit=-1, culprit_activation=0.0, best_true=-1, best_true_activation=0.0
    )
    counts = np.zeros((10, 10), int)
    counts[2, 5] = 17
    b = MistakeBrowser([m, lone, m], W, X, NAMES, counts, per_pair=2)
    assert len(b.entries) == 2, "at most per_pair of each confusion"
    assert b.entries[0]["readout"] == (
        "Mistake 1 of 2: a class 2 (test item 7) the model called class 5; the class 5 "
        "prototype #3 fired with φ = 12; the best class 2 prototype #2 with φ = 4."
    )
    assert len(b.entries[1]["cards"]) == 1, "no prototype detects the class: only the item is shown"
    assert "17 test items" in b.entries[0]["note"]
    with pytest.raises(ValueError, match="per_pair"):
        MistakeBrowser([m], W, X, NAMES, counts, per_pair=0)


def test_picture_browser_refuses_bad_entries():
    assert PictureBrowser([], control="unit").entries == []
    good = {"label": "a", "readout": "a", "cards": [card(0, "x", 1)]}
    assert PictureBrowser([good], images=["data:image/png;base64,AA=="]).entries[0]["cards"][0]["cls"] == 1
    with pytest.raises(ValueError, match="outside images"):
        PictureBrowser([good], images=[])
    with pytest.raises(ValueError, match="index must be"):
        PictureBrowser([good], images=["x"], index=3)
    with pytest.raises(ValueError, match="columns"):
        PictureBrowser([good], images=["x"], columns=0)
