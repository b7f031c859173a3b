"""The F29 widget packs every measured recipe as a point, and refuses what it cannot draw."""

import numpy as np
import pytest

from yatlib import gap, recipes
from yatlib.widgets.accuracy_legibility import AccuracyLegibility


def comparison(name, K, yat, relu, L, n=40):
    W = np.random.default_rng(K).uniform(0, 1, (n, 784)).astype(np.float32)

    def m(acc, leg, lr=4e-3):
        return gap.Measured(
            recipes.COMPANION.but(n_units=K, learning_rate=lr), acc, acc + 0.01, leg, 1.0, W, np.ones(3)
        )

    return gap.Comparison(name, m(yat, L), m(relu, 3.0, 8e-3), (0.6, 0.5))


ROWS = [
    comparison("plain", 200, 0.83, 0.87, 1.1),
    comparison("noise", 50, 0.78, 0.86, 2.2),
    comparison("plain", 50, 0.82, 0.86, 1.3),
]


def test_points_carry_accuracy_gap_legibility_cost_and_pictures():
    w = AccuracyLegibility(ROWS, relu_filters={50: np.ones((50, 784))}, n_pictures=12)
    assert w.widths == [50, 200] and w.levers == ["plain", "noise"]
    p = w.points[0]
    assert (p["width"], p["lever"]) == (1, 0)
    assert p["yat"] == 0.83 and p["relu"] == 0.87 and p["gap"] == pytest.approx(4.0)
    assert p["legibility"] == 1.1 and p["relu_legibility"] == 3.0 and p["cost"] == [0.6, 0.5]
    assert len(p["images"]) == 12 and p["images"][0].startswith("data:image/png;base64,")
    assert list(w.relu_pictures) == ["0"] and len(w.relu_pictures["0"]) == 12
    assert w.goal == {"gap": 1.0, "legibility": 1.5}
    assert (
        AccuracyLegibility(ROWS, start=(50, "noise")).width,
        AccuracyLegibility(ROWS, start=(50, "noise")).lever,
    ) == (0, 1)


def test_the_module_bundles_the_shared_helpers():
    assert "function mountWidget" in AccuracyLegibility._esm and "function chartFrame" in AccuracyLegibility._esm
    assert AccuracyLegibility._esm.rstrip().endswith("};")


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"rows": []}, "at least one"),
        ({"rows": ROWS, "image_shape": (20, 20)}, r"image_shape=\(20, 20\) does not fit 784"),
        ({"rows": ROWS, "goal_gap": 0.0}, "goal_gap must be > 0"),
        ({"rows": ROWS, "n_pictures": 0}, "n_pictures"),
        ({"rows": ROWS, "width": 2}, "width"),
        ({"rows": ROWS, "lever": -1}, "lever"),
        ({"rows": ROWS, "start": (400, "plain")}, "start"),
    ],
)
def test_bad_arguments_are_refused(kwargs, words):
    rows = kwargs.pop("rows")
    with pytest.raises(ValueError, match=words):
        AccuracyLegibility(rows, **kwargs)
