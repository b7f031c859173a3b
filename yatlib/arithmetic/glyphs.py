r"""Glyph images rendered from the DejaVu Sans font that ships with matplotlib.

A glyph is the outline of one character (a :class:`matplotlib.textpath.TextPath`),
scaled into a box, drawn as filled polygons with Pillow at four times the
target resolution and averaged down to :math:`28\times 28` pixels in
:math:`[0, 1]`. A *jittered* glyph goes through a random affine map first,

.. math::

    p \mapsto s\,R(\theta)\begin{pmatrix}1 & k\\ 0 & 1\end{pmatrix} p + t,

(scale :math:`s`, rotation :math:`\theta`, shear :math:`k`, shift :math:`t`), is
thickened by a random stroke width and gets a little pixel noise, so no two
samples are the same image.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath
from PIL import Image, ImageDraw, ImageFilter

__all__ = ["OPERATORS", "OPERATOR_NAMES", "render", "jittered", "operator_bank", "answer_glyphs"]

OPERATORS: tuple[str, ...] = ("+", "−", "×", "÷")
"""The four operator characters, in the order used for labels 0..3."""

OPERATOR_NAMES: tuple[str, ...] = ("plus", "minus", "times", "divide")
"""Words for the operators, same order as :data:`OPERATORS`."""

_SUPER = 4  # supersampling factor
_FONT = FontProperties(family="DejaVu Sans")


@lru_cache(maxsize=None)
def _outline(char: str) -> list[np.ndarray]:
    """Closed polygons of ``char`` in font units, centred on the glyph's ink box."""
    path = TextPath((0, 0), char, size=1.0, prop=_FONT)
    polys = [p for p in path.to_polygons(closed_only=True) if len(p) >= 3]
    if not polys:
        raise ValueError(f"the font has no outline for {char!r}")
    pts = np.concatenate(polys)
    centre = (pts.min(0) + pts.max(0)) / 2
    return [p - centre for p in polys]


def _draw(char: str, size: int, matrix: np.ndarray, ink_box: float, stroke: float) -> np.ndarray:
    """Rasterise ``char`` with the 2x2 map ``matrix`` (applied to unit-height outlines)."""
    big = size * _SUPER
    scale = ink_box * big
    # even-odd filling, so the holes of "0", "8", "÷" stay empty
    acc = np.zeros((big, big), dtype=np.uint8)
    for poly in _outline(char):
        q = (poly @ matrix.T) * scale
        q[:, 1] = -q[:, 1]  # font y goes up, image rows go down
        q += big / 2
        layer = Image.new("1", (big, big), 0)
        ImageDraw.Draw(layer).polygon([tuple(map(float, v)) for v in q], fill=1)
        acc ^= np.asarray(layer, dtype=np.uint8)
    img = Image.fromarray(acc * 255)
    width = int(round(stroke * _SUPER))
    if width >= 1:
        img = img.filter(ImageFilter.MaxFilter(2 * width + 1))
    arr = np.asarray(img, dtype=np.float32).reshape(size, _SUPER, size, _SUPER).mean((1, 3)) / 255.0
    return arr


def render(char: str, size: int = 28, *, height: float = 0.62, stroke: float = 0.0) -> np.ndarray:
    """The clean glyph of ``char`` as a ``[size, size]`` float32 image in [0, 1].

    ``height`` is the height of the digit "8" as a fraction of the box; every
    character is drawn at the same font scale, so a minus sign stays a short bar.
    """
    return _draw(char, size, np.eye(2) / _unit_height(), height, stroke)


@lru_cache(maxsize=None)
def _unit_height() -> float:
    pts = np.concatenate(_outline("8"))
    return float(pts[:, 1].max() - pts[:, 1].min())


def jittered(char: str, rng: np.random.Generator, size: int = 28, *, noise: float = 0.05) -> np.ndarray:
    """One randomly distorted, thickened and noisy image of ``char``, ``[size, size]`` in [0, 1]."""
    s = rng.uniform(0.85, 1.2)
    th = rng.uniform(-0.25, 0.25)
    k = rng.uniform(-0.2, 0.2)
    rot = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
    m = s * rot @ np.array([[1.0, k], [0.0, 1.0]]) / _unit_height()
    img = _draw(char, size, m, 0.62, rng.uniform(0.0, 0.9))
    dy, dx = rng.integers(-2, 3, size=2)
    img = np.roll(img, (int(dy), int(dx)), axis=(0, 1))
    img = img * rng.uniform(0.75, 1.0) + noise * rng.random(img.shape).astype(np.float32)
    return np.clip(img, 0.0, 1.0).astype(np.float32)


def operator_bank(n_per_operator: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n_per_operator`` jittered images of each operator: ``X [4n, 784]``, ``y [4n]`` (0..3)."""
    if n_per_operator < 1:
        raise ValueError(f"n_per_operator must be >= 1; got {n_per_operator}.")
    rng = np.random.default_rng(seed)
    X = np.stack([jittered(c, rng).ravel() for c in OPERATORS for _ in range(n_per_operator)])
    y = np.repeat(np.arange(len(OPERATORS), dtype=np.int32), n_per_operator)
    return X.astype(np.float32), y


@lru_cache(maxsize=None)
def answer_glyphs(size: int = 28) -> np.ndarray:
    """The clean glyphs the answer is painted with: ``[12, size, size]`` for blank, "−", "0".."9".

    Index 0 is an empty slot, 1 the minus sign, ``2 + d`` the digit ``d``.
    """
    blank = np.zeros((size, size), np.float32)
    return np.stack([blank, render("−", size, stroke=0.6)] + [render(str(d), size, stroke=0.6) for d in range(10)])
