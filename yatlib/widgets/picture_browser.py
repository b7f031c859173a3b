"""Figures F19, F20 and F23: pick an entry (a unit, a class, a mistake) and see its pictures.

:class:`PictureBrowser` holds the pictures as PNG data URIs and draws them in the browser
(picture_browser.mjs); :func:`unit_browser`, :func:`class_browser` and :func:`mistake_browser`
build its entries from :mod:`yatlib.neurons`.
"""

from __future__ import annotations

from typing import Any, Sequence

import anywidget
import numpy as np
import traitlets

from ..images import CLASS_COLORS
from ._bundle import bundle

__all__ = ["PictureBrowser", "card", "unit_browser", "class_browser", "mistake_browser"]


def card(src: str, caption: str = "", color: str | None = None, big: bool = False) -> dict[str, Any]:
    """One picture of a :class:`PictureBrowser` entry: a PNG data URI, a caption, a border colour."""
    return {"src": src, "caption": caption, "color": color or "#cccccc", "big": bool(big)}


class PictureBrowser(anywidget.AnyWidget):
    """Pick an entry from a list (a unit, a class, a mistake) and see its pictures.

    Parameters
    ----------
    entries : list of dict
        Each ``{"label": str, "title": str, "note": str, "cards": [card(...), ...]}``;
        ``label`` is the entry's name in the drop-down.
    control : str
        The drop-down's label, in the reader's words ("unit", "class", "mistake").
    index : int
        The entry shown first.
    """

    _esm = bundle("dom.js", "picture_browser.mjs")
    entries = traitlets.List(traitlets.Dict()).tag(sync=True)
    control = traitlets.Unicode("Choose").tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)

    def __init__(self, entries: Sequence[dict[str, Any]], control: str = "Choose", index: int = 0, **kwargs: Any):
        super().__init__(entries=list(entries), control=control, index=index, **kwargs)


def _inverted_uris(images: np.ndarray) -> list[str]:
    from ..images import png_data_uris

    return png_data_uris(1.0 - np.clip(np.asarray(images, np.float32), 0, 1))


def unit_browser(profiles: Sequence[Any], prototypes: np.ndarray, X: np.ndarray, labels: np.ndarray,
                 class_names: Sequence[str], *, show: int = 8) -> PictureBrowser:
    """F19: one entry per unit: its prototype, then the ``show`` test items that excite it most.

    ``profiles`` are :class:`yatlib.neurons.UnitProfile` objects.
    """
    protos = _inverted_uris(prototypes)
    entries = []
    for p in profiles:
        idx = p.top_items[:show]
        items = _inverted_uris(X[idx])
        cards = [card(protos[p.unit], f"prototype #{p.unit}", CLASS_COLORS[p.detects], big=True)]
        cards += [card(src, f"{class_names[labels[i]]}\nφ = {a:.0f}", CLASS_COLORS[labels[i]])
                  for src, i, a in zip(items, idx, p.top_activations[:show])]
        n_top = len(p.top_labels)
        entries.append({
            "label": f"unit {p.unit}: detects {class_names[p.detects]} ({p.purity:.0%} pure)",
            "title": f"Unit {p.unit} detects {class_names[p.detects]}: {int(round(p.purity * n_top))} of the "
                     f"{n_top} test items that excite it most are {class_names[p.detects]} (purity {p.purity:.0%}).",
            "note": f"Its largest readout weight goes to {class_names[p.votes]}. "
                    "Border colours: the prototype's is the class it detects; each item's is its true class.",
            "cards": cards,
        })
    return PictureBrowser(entries, control="unit")


def class_browser(committees: np.ndarray, prototypes: np.ndarray, weights: np.ndarray, unit_classes: np.ndarray,
                  class_names: Sequence[str]) -> PictureBrowser:
    """F20: one entry per class: the prototypes with the largest readout weight for it, with the weights.

    ``unit_classes [K]`` colours each prototype's border (e.g. the class it detects)."""
    protos = _inverted_uris(prototypes)
    entries = []
    for c, units in enumerate(committees):
        cards = [card(protos[u], f"#{u}: weight {weights[u, c]:+.2f}\ndetects {class_names[unit_classes[u]]}",
                      CLASS_COLORS[unit_classes[u]]) for u in units]
        entries.append({"label": class_names[c], "title": f"What the model calls {class_names[c]}: "
                        f"the {len(units)} prototypes with the largest readout weight for it.",
                        "note": "Border colour = the class each prototype detects. "
                                f"Weights of the other {weights.shape[0] - len(units)} units for this class range "
                                f"from {np.delete(weights[:, c], units).min():+.2f} to {np.delete(weights[:, c], units).max():+.2f}.",
                        "cards": cards})
    return PictureBrowser(entries, control="class")


def mistake_browser(mistakes: Sequence[Any], prototypes: np.ndarray, X: np.ndarray, class_names: Sequence[str],
                    counts: np.ndarray, *, per_pair: int = 6, limit: int = 90) -> PictureBrowser:
    """F23: one entry per misclassified item: the item, the wrong-class prototype that fired hardest,
    and the best prototype of the true class. ``mistakes`` are :class:`yatlib.neurons.Mistake` objects
    (in the order of :func:`yatlib.neurons.mistakes`); at most ``per_pair`` are kept of each
    (true, predicted) confusion and ``limit`` in all."""
    seen: dict[tuple[int, int], int] = {}
    ms = []
    for m in mistakes:
        key = (m.true, m.predicted)
        if seen.get(key, 0) < per_pair and len(ms) < limit:
            seen[key] = seen.get(key, 0) + 1
            ms.append(m)
    protos = _inverted_uris(prototypes)
    items = _inverted_uris(X[[m.item for m in ms]]) if ms else []
    entries = []
    for m, src in zip(ms, items):
        t, p = class_names[m.true], class_names[m.predicted]
        cards = [card(src, f"test item {m.item}: a {t}", CLASS_COLORS[m.true], big=True)]
        if m.culprit >= 0:
            cards.append(card(protos[m.culprit], f"the {p} prototype that fired hardest: #{m.culprit}, φ = {m.culprit_activation:.0f}",
                              CLASS_COLORS[m.predicted], big=True))
        if m.best_true >= 0:
            cards.append(card(protos[m.best_true], f"best {t} prototype: #{m.best_true}, φ = {m.best_true_activation:.0f}",
                              CLASS_COLORS[m.true], big=True))
        entries.append({"label": f"{t} → {p} (item {m.item})",
                        "title": f"A {t} the model called {p}.",
                        "note": f"{counts[m.true, m.predicted]} test items of {t} were called {p}.",
                        "cards": cards})
    return PictureBrowser(entries, control="mistake")
