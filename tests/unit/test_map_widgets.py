"""The map widgets of Part II (F21 concept map, F25 trajectories): what they send to the browser, and bad input."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from yatlib.widgets import ConceptMap, TrajectoryMap

NAMES = [f"class {c}" for c in range(10)]


def test_concept_map_packs_pictures_and_layouts():
    rng = np.random.default_rng(0)
    W = rng.uniform(-0.2, 1.2, (12, 784))
    classes = rng.integers(0, 10, 12)
    layouts = {"PCA": rng.standard_normal((12, 2)), "UMAP": rng.standard_normal((12, 2))}
    m = ConceptMap(W, classes, layouts, NAMES)
    px = np.frombuffer(base64.b64decode(m.pictures_b64), np.uint8).reshape(12, 784)
    np.testing.assert_array_equal(px, np.round(np.clip(W, 0, 1) * 255))
    assert [layout["name"] for layout in m.layouts] == ["PCA", "UMAP"] and m.classes == classes.tolist()
    np.testing.assert_allclose(m.layouts[1]["xy"], layouts["UMAP"], atol=1e-4)
    assert m._esm.rstrip().endswith("};") and "concept_map" in m._esm


@pytest.mark.parametrize(
    "change, match",
    [
        (dict(W=np.zeros((12, 100))), "prototypes"),
        (dict(classes=np.full(12, 10)), "classes"),
        (dict(classes=np.zeros(11, int)), "classes"),
        (dict(layouts={}), "layouts is empty"),
        (dict(layouts={"PCA": np.zeros((11, 2))}), "layout 'PCA'"),
        (dict(layouts={"PCA": np.full((12, 2), np.nan)}), "finite"),
    ],
)
def test_concept_map_rejects_bad_input(change, match):
    args = dict(W=np.zeros((12, 784)), classes=np.zeros(12, int), layouts={"PCA": np.zeros((12, 2))})
    args.update(change)
    with pytest.raises(ValueError, match=match):
        ConceptMap(args["W"], args["classes"], args["layouts"], NAMES)


def test_trajectory_map_packs_data_and_paths():
    rng = np.random.default_rng(1)
    xy, lab = rng.standard_normal((50, 2)), rng.integers(0, 10, 50)
    tr = {"image seed": rng.standard_normal((4, 6, 2)), "noise seed": rng.standard_normal((4, 6, 2))}
    m = TrajectoryMap(xy, lab, tr, [0, 39, 78, 117], NAMES)
    np.testing.assert_allclose(np.frombuffer(base64.b64decode(m.data_xy_b64), "<f4").reshape(50, 2), xy, rtol=1e-6)
    np.testing.assert_array_equal(np.frombuffer(base64.b64decode(m.data_labels_b64), np.uint8), lab)
    assert [s["name"] for s in m.seeds] == ["image seed", "noise seed"] and m.steps == [0, 39, 78, 117]
    back = np.frombuffer(base64.b64decode(m.seeds[1]["xy_b64"]), "<f4").reshape(4, 6, 2)
    np.testing.assert_allclose(back, tr["noise seed"], rtol=1e-6)
    with pytest.raises(ValueError, match="S=3"):
        TrajectoryMap(xy, lab, tr, [0, 39, 78], NAMES)
    with pytest.raises(ValueError, match="data_labels"):
        TrajectoryMap(xy, lab[:-1], tr, [0, 39, 78, 117], NAMES)
    with pytest.raises(ValueError, match="trajectories is empty"):
        TrajectoryMap(xy, lab, {}, [0], NAMES)
    with pytest.raises(ValueError, match="data_xy"):
        TrajectoryMap(np.zeros((0, 2)), lab[:0], tr, [0, 39, 78, 117], NAMES)
