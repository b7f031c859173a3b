"""Figures F19, F20 and F23: pick an entry (a unit, a class, a mistake) and see its pictures.

:class:`PictureBrowser` holds its pictures once each, as PNG data URIs in a pool that the
entries' cards point into (a prototype shown by many entries travels once), and draws them
in the browser (``picture_browser.mjs``). The reader picks an entry from a strip of
thumbnails (pointer or arrow keys), from a drop-down, or with the previous and next
buttons; a read-out says what the entry shows. :class:`UnitBrowser`,
:class:`ClassBrowser` and :class:`MistakeBrowser` build the entries from
the results of :mod:`yatlib.neurons`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import traitlets

from ..images import png_data_uris
from ._base import YatWidget
from ._bundle import bundle

if TYPE_CHECKING:
    from ..neurons import Mistake

__all__ = ["PictureBrowser", "UnitBrowser", "ClassBrowser", "MistakeBrowser", "card"]


def card(image: int, caption: str = "", cls: int | None = None, big: bool = False) -> dict[str, Any]:
    """One picture of a :class:`PictureBrowser` entry.

    Parameters
    ----------
    image : int
        Index of the picture in the browser's ``images`` pool.
    caption : str
        Text under the picture (lines separated by ``\\n``).
    cls : int, optional
        A class: the picture gets that class's border colour (:func:`yatlib.style.class_color`).
    big : bool
        Draw it larger (the entry's main pictures).
    """
    return {"image": int(image), "caption": caption, "cls": -1 if cls is None else int(cls), "big": bool(big)}


class PictureBrowser(YatWidget):
    """Pick an entry from a list (a unit, a class, a mistake) and see its pictures.

    Parameters
    ----------
    entries : list of dict
        Each ``{"label", "readout", "note", "thumb", "cards"}``: ``label`` names the entry in the
        drop-down; ``readout`` says what it shows, above its pictures, in the live read-out (a
        screen reader announces it when the entry is chosen); ``note`` is printed below them;
        ``thumb`` (optional) is the index of its thumbnail picture in ``images``, or
        ``thumb_text`` a short text chip instead, framed in the colour of class ``thumb_class``;
        ``cards`` is a list of :func:`card`.
    images : list of str
        The picture pool: PNG data URIs that the cards and thumbnails point into.
    control : str
        What an entry is, in the reader's words ("unit", "class", "mistake").
    class_names : sequence of str
        Names of the classes whose colours frame the pictures (shown as a legend).
    figure : str
        The figure's name for screen readers and the saved image, e.g. ``"Figure F19: what a unit detects"``.
    export_name : str
        File name (without ``.png``) of the saved image.
    columns : int
        Thumbnails per row of the strip (Up and Down move by a row).
    index : int
        The entry shown first.
    """

    _esm = bundle("dom.js", "picture_browser.mjs")
    entries = traitlets.List(traitlets.Dict()).tag(sync=True)
    images = traitlets.List(traitlets.Unicode()).tag(sync=True)
    control = traitlets.Unicode("entry").tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    figure = traitlets.Unicode("Pictures").tag(sync=True)
    export_name = traitlets.Unicode("pictures").tag(sync=True)
    columns = traitlets.Int(25).tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        entries: Sequence[dict[str, Any]],
        control: str = "entry",
        index: int = 0,
        *,
        images: Sequence[str] = (),
        class_names: Sequence[str] = (),
        figure: str = "Pictures",
        export_name: str = "pictures",
        columns: int = 25,
        **kwargs: Any,
    ) -> None:
        entries = list(entries)
        if entries and not 0 <= index < len(entries):
            raise ValueError(f"index must be between 0 and {len(entries) - 1}; got {index}.")
        if columns < 1:
            raise ValueError(f"columns must be at least 1; got {columns}.")
        n = len(images)
        for i, e in enumerate(entries):
            used = [c.get("image", -1) for c in e.get("cards", [])] + ([e["thumb"]] if "thumb" in e else [])
            if any(not isinstance(j, int) or not 0 <= j < n for j in used):
                raise ValueError(
                    f"entry {i} points to a picture outside images (which has {n}); "
                    "build cards with card(index into images)."
                )
        super().__init__(
            entries=entries,
            images=list(images),
            control=control,
            index=index,
            class_names=list(class_names),
            figure=figure,
            export_name=export_name,
            columns=columns,
            **kwargs,
        )


class _Pool:
    """Pictures added once each (by a key), as PNG data URIs drawn dark on light."""

    def __init__(self) -> None:
        self.uris: list[str] = []
        self._at: dict[Any, int] = {}

    def add(self, keys: Sequence[Any], images: np.ndarray) -> list[int]:
        todo = [(k, img) for k, img in zip(keys, images) if k not in self._at]
        if todo:
            fresh = png_data_uris(1.0 - np.clip(np.asarray([img for _, img in todo], np.float32), 0, 1))
            for (k, _), uri in zip(todo, fresh):
                self._at[k] = len(self.uris)
                self.uris.append(uri)
        return [self._at[k] for k in keys]


class UnitBrowser(PictureBrowser):
    """F19: one entry per unit: its prototype, then the ``show`` test items that excite it most.

    ``profiles`` are :class:`yatlib.neurons.UnitProfile` objects. The prototype is framed in
    the class the unit detects, each item in its true class.
    """

    def __init__(
        self,
        profiles: Sequence[Any],
        prototypes: np.ndarray,
        X: np.ndarray,
        labels: np.ndarray,
        class_names: Sequence[str],
        *,
        show: int = 8,
        **kwargs: Any,
    ) -> None:
        pool = _Pool()
        protos = pool.add([("w", p.unit) for p in profiles], np.asarray(prototypes)[[p.unit for p in profiles]])
        entries = []
        for p, proto in zip(profiles, protos):
            idx = [int(i) for i in p.top_items[:show]]
            items = pool.add([("x", i) for i in idx], np.asarray(X)[idx])
            cards = [card(proto, f"prototype #{p.unit}\ndetects {class_names[p.detects]}", p.detects, big=True)]
            cards += [
                card(src, f"{class_names[labels[i]]}\nφ = {a:.0f}", int(labels[i]))
                for src, i, a in zip(items, idx, p.top_activations[:show])
            ]
            n_top = len(p.top_labels)
            n_pure = int(round(p.purity * n_top))
            detects, votes = class_names[p.detects], class_names[p.votes]
            entries.append(
                {
                    "label": f"unit {p.unit}: detects {detects} ({p.purity:.0%} pure)",
                    "readout": f"Unit {p.unit} detects {detects}: {n_pure} of the {n_top} test items "
                    f"that excite it most "
                    f"are {detects} (purity {p.purity:.0%}). Its largest readout weight goes to {votes}.",
                    "note": "Border colours: the prototype's is the class it detects; each item's is its true class.",
                    "thumb": proto,
                    "thumb_class": int(p.detects),
                    "cards": cards,
                }
            )
        super().__init__(
            entries,
            control="unit",
            images=pool.uris,
            class_names=class_names,
            figure="Figure F19: what each unit detects",
            export_name="unit-browser",
            columns=25,
            **kwargs,
        )


class ClassBrowser(PictureBrowser):
    """F20: one entry per class: the prototypes with the largest readout weight for it, with the weights.

    ``committees [C, n]`` lists the units of each class (:func:`yatlib.neurons.class_committees`);
    ``unit_classes [K]`` colours each prototype's border (e.g. the class it detects)."""

    def __init__(
        self,
        committees: np.ndarray,
        prototypes: np.ndarray,
        weights: np.ndarray,
        unit_classes: np.ndarray,
        class_names: Sequence[str],
        **kwargs: Any,
    ) -> None:
        pool = _Pool()
        W = np.asarray(weights)
        entries = []
        for c, units in enumerate(committees):
            units = [int(u) for u in units]
            srcs = pool.add([("w", u) for u in units], np.asarray(prototypes)[units])
            cards = [
                card(src, f"#{u}: weight {W[u, c]:+.2f}\ndetects {class_names[unit_classes[u]]}", int(unit_classes[u]))
                for src, u in zip(srcs, units)
            ]
            own = sum(int(unit_classes[u]) == c for u in units)
            rest = np.delete(W[:, c], units)
            entries.append(
                {
                    "label": class_names[c],
                    "readout": f"What the model calls {class_names[c]}: the {len(units)} prototypes "
                    f"with the largest readout "
                    f"weight for it; {own} of them detect {class_names[c]}.",
                    "note": "Border colour = the class each prototype detects. "
                    f"Weights of the other {W.shape[0] - len(units)} units for this class range "
                    f"from {rest.min():+.2f} to {rest.max():+.2f}.",
                    "thumb_text": class_names[c],
                    "thumb_class": c,
                    "cards": cards,
                }
            )
        super().__init__(
            entries,
            control="class",
            images=pool.uris,
            class_names=class_names,
            figure="Figure F20: what a class is",
            export_name="class-browser",
            columns=10,
            **kwargs,
        )


class MistakeBrowser(PictureBrowser):
    """F23: one entry per misclassified item: the item, the wrong-class prototype that fired hardest,
    and the best prototype of the true class. ``mistakes`` are :class:`yatlib.neurons.Mistake` objects
    (in the order of :func:`yatlib.neurons.mistakes`); at most ``per_pair`` are kept of each
    (true, predicted) confusion and ``limit`` in all; ``counts [C, C]`` is the confusion matrix."""

    def __init__(
        self,
        mistakes: Sequence[Mistake],
        prototypes: np.ndarray,
        X: np.ndarray,
        class_names: Sequence[str],
        counts: np.ndarray,
        *,
        per_pair: int = 6,
        limit: int = 90,
        **kwargs: Any,
    ) -> None:
        if per_pair < 1 or limit < 1:
            raise ValueError(f"per_pair and limit must be at least 1; got {per_pair} and {limit}.")
        seen: dict[tuple[int, int], int] = {}
        ms: list[Mistake] = []
        for m in mistakes:
            key = (m.true, m.predicted)
            if seen.get(key, 0) < per_pair and len(ms) < limit:
                seen[key] = seen.get(key, 0) + 1
                ms.append(m)
        pool = _Pool()
        items = pool.add([("x", m.item) for m in ms], np.asarray(X)[[m.item for m in ms]]) if ms else []
        W = np.asarray(prototypes)
        entries = []
        for n, (m, src) in enumerate(zip(ms, items)):
            t, p = class_names[m.true], class_names[m.predicted]
            cards = [card(src, f"test item {m.item}\na {t}", m.true, big=True)]
            said = [f"Mistake {n + 1} of {len(ms)}: a {t} (test item {m.item}) the model called {p}"]
            if m.culprit >= 0:
                cards.append(
                    card(
                        pool.add([("w", m.culprit)], W[[m.culprit]])[0],
                        f"the {p} prototype that fired hardest\n#{m.culprit}, φ = {m.culprit_activation:.0f}",
                        m.predicted,
                        big=True,
                    )
                )
                said.append(f"the {p} prototype #{m.culprit} fired with φ = {m.culprit_activation:.0f}")
            if m.best_true >= 0:
                cards.append(
                    card(
                        pool.add([("w", m.best_true)], W[[m.best_true]])[0],
                        f"best {t} prototype\n#{m.best_true}, φ = {m.best_true_activation:.0f}",
                        m.true,
                        big=True,
                    )
                )
                said.append(f"the best {t} prototype #{m.best_true} with φ = {m.best_true_activation:.0f}")
            entries.append(
                {
                    "label": f"{t} → {p} (item {m.item})",
                    "note": f"{counts[m.true, m.predicted]} test items of {t} were called {p}.",
                    "readout": "; ".join(said) + ".",
                    "thumb": src,
                    "thumb_class": int(m.true),
                    "cards": cards,
                }
            )
        super().__init__(
            entries,
            control="mistake",
            images=pool.uris,
            class_names=class_names,
            figure="Figure F23: the mistakes and the pictures behind them",
            export_name="mistake-browser",
            columns=18,
            **kwargs,
        )
