"""Unit, class and mistake readings of yatlib.neurons on small hand-made cases."""

from __future__ import annotations

import numpy as np
import pytest

from yatlib import neurons


def _toy():
    # 3 units, 3 classes, 6 items; unit u fires on items of class u (plus one impostor for unit 2)
    phi = np.array([[9, 1, 1], [8, 1, 2], [1, 9, 1], [1, 7, 1], [1, 1, 9], [2, 3, 8]], float)
    y = np.array([0, 0, 1, 1, 2, 0])
    A = np.array([[1.0, 0.0, 0.2], [0.0, 2.0, 0.1], [0.5, 0.0, -1.0]])  # unit 2 votes for class 0
    return phi, y, A


def test_unit_profiles_detect_and_vote():
    phi, y, A = _toy()
    prof = neurons.unit_profiles(phi, y, A, top=2)
    assert [p.detects for p in prof] == [0, 1, 0]
    assert prof[0].purity == 1.0 and prof[1].purity == 1.0
    # unit 2's top two items are item 4 (class 2) and item 5 (class 0): a tie, smallest label wins
    assert prof[2].detects == 0 and prof[2].purity == 0.5
    assert [p.votes for p in prof] == [0, 1, 0]
    assert list(prof[2].top_items) == [4, 5]
    np.testing.assert_array_equal(neurons.detected_classes(prof), [0, 1, 0])


def test_class_committees_rank_by_weight():
    _, _, A = _toy()
    com = neurons.class_committees(A, size=2)
    assert com.shape == (3, 2)
    assert list(com[0]) == [0, 2] and list(com[1]) == [1, 0] and list(com[2]) == [0, 1]
    with pytest.raises(ValueError):
        neurons.class_committees(A, size=4)


def test_mistakes_pick_the_wrong_class_prototype():
    phi, y, A = _toy()
    logits = phi @ A
    det = np.array([0, 1, 2])
    ms = neurons.mistakes(phi, logits, y, det)
    pred = logits.argmax(1)
    assert sorted(m.item for m in ms) == sorted(np.flatnonzero(pred != y).tolist())
    for m in ms:
        units = np.flatnonzero(det == m.predicted)
        assert m.culprit == units[np.argmax(phi[m.item, units])]
        assert m.true == y[m.item] and m.predicted == pred[m.item]
    with pytest.raises(ValueError):
        neurons.mistakes(phi, logits, y, det[:2])


def test_confusion_counts_and_top_confusions():
    y = np.array([0, 0, 1, 1, 1, 2])
    p = np.array([0, 1, 1, 0, 0, 2])
    M = neurons.confusion_counts(y, p, 3)
    assert M.sum() == 6 and M[1, 0] == 2 and M[0, 1] == 1 and np.trace(M) == 3
    assert neurons.top_confusions(M, 5) == [(1, 0, 2), (0, 1, 1)]
