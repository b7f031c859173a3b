"""Figure F18, "the network explains itself" (anywidget; the logic runs in JavaScript).

:class:`VoteExplorer` holds a trained Yat MLP's weights and a few hundred items
of two sets, named by their role: ``inside`` (items of the kind the model was
trained on) and ``outside`` (items of a kind it has never seen). The browser
computes each item's activations, shares, prediction and max-match (the math is
in ``classifier.js``, the same as :mod:`yatlib.explain`). Items may have any
number of features ``D`` and any range of values; pictures are drawn with the
``shape`` they were flattened from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import traitlets

from ..explain import model_arrays
from ..images import array_b64, float32_b64
from ..layers import YatMLP
from ..validation import check_array, check_image_shape, check_int, check_labels, check_model, check_positive
from ._base import YatWidget
from ._bundle import bundle

__all__ = ["VoteExplorer", "pixels_b64", "encode_items"]


def pixels_b64(X: np.ndarray) -> str:
    """Base64 of images in ``[0, 1]`` stored as bytes ``round(255 x)``.

    Fashion-MNIST and MNIST pixels are exactly ``k/255``, so the round trip is exact;
    anything else is refused rather than silently changed (see :func:`encode_items`).

    Parameters
    ----------
    X : array ``[N, D]``
        Items with every value ``k/255`` for a whole ``k`` from 0 to 255 (within ``1e-6``), finite;
        anything else raises ``ValueError``.

    Returns
    -------
    str
        ASCII base64 of the ``N * D`` bytes ``k``, row by row (decoded by ``decodeU8`` in ``canvas.js``).
    """
    Xa = check_array(X, "items", dtype=np.float64, who="pixels_b64")
    k = np.round(Xa * 255)
    if np.abs(k / 255 - Xa).max() > 1e-6 or k.min() < 0 or k.max() > 255:
        raise ValueError(
            "items must have pixels k/255 for integer k in 0..255 (raw Fashion-MNIST or MNIST) "
            "to be sent as bytes; other values are sent as float32 by encode_items."
        )
    return array_b64(k, np.uint8)


def encode_items(X: np.ndarray) -> tuple[str, str]:
    """``(encoding, base64)`` of items for the browser, exact either way.

    Items whose values are all ``k/255`` (8-bit images scaled to ``[0, 1]``) travel as one
    byte per value (``"u8"``); anything else as little-endian float32 (``"f32"``, four bytes).

    Parameters
    ----------
    X : array ``[N, D]``
        The items, any range of values.

    Returns
    -------
    encoding : {"u8", "f32"}
        How the values are stored.
    base64 : str
        The values, row by row, as ASCII base64.
    """
    try:
        return "u8", pixels_b64(X)
    except ValueError:
        return "f32", float32_b64(np.asarray(X, np.float32))


class VoteExplorer(YatWidget):
    """Pick an item, read its prediction as a vote over prototype pictures, and abstain below τ.

    Controls, each with the keyboard: the **input set** (buttons), **which items** (all, accepted,
    abstained), the **test item** and the **threshold τ** (sliders, or typed), and the list of
    prototypes with the largest shares (arrow keys pick one; the read-out says what it shows and
    what it votes for); "save as PNG". Traits: ``dataset`` ('inside' or 'outside'), ``index``
    (position among the shown items), ``tau`` (the threshold), ``filter`` ('all', 'accepted',
    'abstained'). Build it from a trained model with :meth:`from_model`.

    Parameters
    ----------
    prototypes : array ``[K, D]``
        The Yat layer's prototypes.
    readout : array ``[K, C]``
        The readout weights; each prototype votes for the class of its largest weight.
    bias : array ``[C]``
        The readout's bias.
    inside, outside : pair of arrays ``(X [N, D], y [N])``
        Items of the kind the model was trained on (``y`` its class labels) and of a kind it
        has never seen (``y`` their own labels, shown as text only); a few hundred each.
    b, eps : float
        The Yat layer's kernel parameters.
    tau, tau_range : float
        The starting threshold and the slider's range, ``0 < tau_range[0] <= tau <= tau_range[1]``.
    top_n : int
        How many prototypes to show.
    class_names : sequence of str, optional
        One name per class of the model (default "0", "1", ...).
    outside_class_names : sequence of str, optional
        Names of the outside set's labels (default "label 0", "label 1", ...).
    names : pair of str
        What the two sets are called in the widget, e.g. ``("Fashion-MNIST", "MNIST digits")``.
    shape : (height, width), optional
        The shape of one picture (default square).
    shows : sequence of int, optional
        One class per prototype naming what its picture shows, e.g.
        :func:`yatlib.explain.nearest_image_class`; printed next to the class it votes for.
    """

    _esm = bundle("dom.js", "chart.js", "canvas.js", "kernels.js", "classifier.js", "vote_explorer.mjs")

    n_units = traitlets.Int(0).tag(sync=True)
    n_classes = traitlets.Int(10).tag(sync=True)
    n_features = traitlets.Int(784).tag(sync=True)
    image_shape = traitlets.List(traitlets.Int(), default_value=[28, 28]).tag(sync=True)
    pixel_range = traitlets.List(traitlets.Float(), default_value=[0.0, 1.0]).tag(sync=True)
    prototypes = traitlets.Unicode("").tag(sync=True)
    readout = traitlets.Unicode("").tag(sync=True)
    bias = traitlets.List(traitlets.Float()).tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)
    eps = traitlets.Float(1.0).tag(sync=True)
    proto_classes = traitlets.List(traitlets.Int()).tag(sync=True)
    proto_shows = traitlets.List(traitlets.Int()).tag(sync=True)
    class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    outside_class_names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    set_names = traitlets.List(traitlets.Unicode(), default_value=["inside", "outside"]).tag(sync=True)
    inside_pixels = traitlets.Unicode("").tag(sync=True)
    inside_encoding = traitlets.Unicode("u8").tag(sync=True)
    inside_labels = traitlets.List(traitlets.Int()).tag(sync=True)
    outside_pixels = traitlets.Unicode("").tag(sync=True)
    outside_encoding = traitlets.Unicode("u8").tag(sync=True)
    outside_labels = traitlets.List(traitlets.Int()).tag(sync=True)
    tau_range = traitlets.List(traitlets.Float(), default_value=[1.0, 1000.0]).tag(sync=True)
    tau = traitlets.Float(60.0).tag(sync=True)
    dataset = traitlets.Unicode("inside").tag(sync=True)
    filter = traitlets.Unicode("all").tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)
    top_n = traitlets.Int(5).tag(sync=True)

    def __init__(
        self,
        prototypes: np.ndarray,
        readout: np.ndarray,
        bias: np.ndarray,
        inside: tuple[np.ndarray, np.ndarray],
        outside: tuple[np.ndarray, np.ndarray],
        *,
        b: float,
        eps: float,
        tau: float,
        tau_range: tuple[float, float] = (1.0, 1000.0),
        top_n: int = 5,
        class_names: Sequence[str] | None = None,
        outside_class_names: Sequence[str] | None = None,
        names: tuple[str, str] = ("inside", "outside"),
        shape: tuple[int, int] | None = None,
        shows: Sequence[int] | None = None,
        **kwargs: Any,
    ) -> None:
        W = check_array(prototypes, "prototypes", who="VoteExplorer")
        K, D = W.shape
        A = check_array(readout, "readout", who="VoteExplorer")
        if A.shape[0] != K:
            raise ValueError(f"readout must have one row per prototype ({K}); got shape {A.shape}.")
        C = int(A.shape[1])
        c = check_array(bias, "bias", ndim=1, who="VoteExplorer")
        if c.shape != (C,):
            raise ValueError(f"bias must have one value per class ({C}); got shape {c.shape}.")
        sets = {}
        for role, pair in (("inside", inside), ("outside", outside)):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise ValueError(f"{role} must be a pair (X, y) of items and their labels; got {type(pair).__name__}.")
            Xr = check_array(
                pair[0], f"{role}[0]", n_features=D, features_of="the model's prototypes", who="VoteExplorer"
            )
            yr = check_labels(
                pair[1],
                f"{role}[1]",
                n=len(Xr),
                rows_of=f"{role}[0]",
                n_classes=C if role == "inside" else None,
                classes_of="the model's outputs",
            )
            sets[role] = (Xr, yr)
        check_positive(tau_range[0], "tau_range[0]")
        lo, hi = float(tau_range[0]), float(tau_range[1])
        tau = check_positive(tau, "tau", why="It is the abstention threshold on the max-match.")
        if not (lo < hi) or not (lo <= tau <= hi):
            raise ValueError(
                f"need 0 < tau_range[0] <= tau <= tau_range[1]; got {tau_range} and tau={tau}. "
                "Widen tau_range or pick a tau inside it."
            )
        top_n = check_int(top_n, "top_n", low=1)
        h, w = check_image_shape(shape, D)
        names_c = [str(c) for c in range(C)] if class_names is None else [str(n) for n in class_names]
        if len(names_c) != C:
            raise ValueError(f"class_names has {len(names_c)} names but the model has {C} classes; give one per class.")
        n_out = int(sets["outside"][1].max()) + 1
        names_o = (
            [f"label {c}" for c in range(n_out)]
            if outside_class_names is None
            else [str(n) for n in outside_class_names]
        )
        if len(names_o) < n_out:
            raise ValueError(f"outside_class_names has {len(names_o)} names but outside[1] uses label {n_out - 1}.")
        if len(names) != 2 or not all(isinstance(n, str) for n in names):
            raise ValueError(f"names must be two strings (what the inside and outside sets are called); got {names!r}.")
        shown = (
            None
            if shows is None
            else check_labels(shows, "shows", n=K, rows_of="the prototypes", n_classes=C, classes_of="class_names")
        )
        everything = np.concatenate([sets["inside"][0].ravel(), sets["outside"][0].ravel()])
        vmin, vmax = float(everything.min()), float(everything.max())
        encoded = {role: encode_items(Xr) for role, (Xr, _) in sets.items()}
        super().__init__(
            n_units=int(K),
            n_classes=C,
            n_features=int(D),
            image_shape=[h, w],
            pixel_range=[min(0.0, vmin), max(1.0, vmax)] if vmin >= 0 and vmax <= 1 else [vmin, vmax],
            prototypes=float32_b64(W),
            readout=float32_b64(A),
            bias=[float(v) for v in c],
            b=float(b),
            eps=float(eps),
            proto_classes=[int(v) for v in A.argmax(-1)],
            proto_shows=[int(v) for v in shown] if shown is not None else [],
            class_names=names_c,
            outside_class_names=names_o,
            set_names=list(names),
            inside_encoding=encoded["inside"][0],
            inside_pixels=encoded["inside"][1],
            inside_labels=[int(v) for v in sets["inside"][1]],
            outside_encoding=encoded["outside"][0],
            outside_pixels=encoded["outside"][1],
            outside_labels=[int(v) for v in sets["outside"][1]],
            tau_range=[lo, hi],
            tau=float(tau),
            top_n=top_n,
            **kwargs,
        )

    @classmethod
    def from_model(
        cls,
        model: YatMLP,
        inside: tuple[np.ndarray, np.ndarray],
        outside: tuple[np.ndarray, np.ndarray],
        **options: Any,
    ) -> VoteExplorer:
        """The widget for a trained ``model``: its prototypes, readout, bias, ``b`` and ``eps``
        (:func:`yatlib.explain.model_arrays`), with items ``inside = (X, y)`` and ``outside = (X, y)``.

        ``options`` are the keyword arguments of :class:`VoteExplorer` (``tau`` is required).
        """
        check_model(model, "model", YatMLP, why="The widget reads prototypes, and a ReLU unit has none.")
        arrays = model_arrays(model)
        return cls(
            arrays["prototypes"],
            arrays["readout"],
            arrays["bias"],
            inside,
            outside,
            b=arrays["b"],
            eps=arrays["eps"],
            **options,
        )
