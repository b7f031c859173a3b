"""Without a kernel, a slider moves between precomputed values (snapToPrecomputed in live.js, run with node):
the nearest one, and one arrow-key step always moves it."""

from __future__ import annotations

from tests.unit.node_js import call_js, needs_node

pytestmark = needs_node

GRID = [10, 20, 40, 100]
CASES = [
    ((GRID, 41, 40), 100),  # an arrow key up from 40: the next precomputed value up
    ((GRID, 39, 40), 20),  # and down
    ((GRID, 55, 10), 40),  # a drag: the nearest precomputed value
    ((GRID, 70, 40), 100),  # a tie between the current value and another: the move wins
    ((GRID, 99, 100), 40),
    ((GRID, 101, 100), 100),  # no value beyond the last
    ((GRID, 5, 10), 10),
    ((GRID, 40, 40), 40),  # no move
    (([0, 0.5, 1], 0.55, 0.5, 0.026), 1),  # F15's bias b: one step of 0.05 moves to the next setting
    (([0, 0.5, 1], 0.51, 0.5, 0.026), 0.5),  # within half a step: no move
    (([], 3, 7), 7),
]


def test_snap_to_precomputed():
    assert call_js(["live.js"], [["snapToPrecomputed", list(a)] for a, _ in CASES]) == [want for _, want in CASES]
