r"""Glyph images rendered from the DejaVu Sans font that ships with matplotlib.

A glyph is drawn large, cropped to its ink, resized (Lanczos) so its **long side** is a given
number of pixels and centred in a black :math:`28\times 28` frame, as MNIST digits were. Operator
glyphs: long side 22 px when clean; augmented, 18..24 px, rotated by an angle uniform in
:math:`[-15°, 15°]`, shifted by :math:`(d_x, d_y) \in \{-3..3\}^2` and, one time in three, blurred
(Gaussian, radius 0.5). Answer glyphs: digits 22 px, the minus sign 18 px. Pixels are in
:math:`[0, 1]` (ink is 1).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = ["OPERATORS", "OPERATOR_NAMES", "render", "augmented", "operator_glyphs"]

OPERATORS: tuple[str, ...] = ("+", "−", "×", "÷")
"""The four operator characters, in the order used for labels 0..3."""

OPERATOR_NAMES: tuple[str, ...] = ("plus", "minus", "times", "divide")
"""Words for the operators, same order as :data:`OPERATORS`."""

_FONT_FILE = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
_CANVAS, _FONT_SIZE, _INK = 200, 120, 16


@cache
def _large(char: str) -> Image.Image:
    """``char`` drawn at font size 120 and cropped to its ink (a greyscale PIL image)."""
    if len(char) != 1:
        raise ValueError(f"char must be a single character; got {char!r}.")
    font = ImageFont.truetype(str(_FONT_FILE), _FONT_SIZE)
    img = Image.new("L", (_CANVAS, _CANVAS), 0)
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = draw.textbbox((0, 0), char, font=font)
    draw.text(((_CANVAS - (x1 - x0)) // 2 - x0, (_CANVAS - (y1 - y0)) // 2 - y0), char, fill=255, font=font)
    ink = np.asarray(img) > _INK
    if not ink.any():
        raise ValueError(f"the font draws nothing for {char!r}.")
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    return img.crop((int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1))


def _centred(char: str, long_side: int, size: int = 28) -> Image.Image:
    big = _large(char)
    w, h = big.size
    scale = long_side / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    out = Image.new("L", (size, size), 0)
    out.paste(big.resize((nw, nh), Image.Resampling.LANCZOS), ((size - nw) // 2, (size - nh) // 2))
    return out


def render(char: str, long_side: int = 22, size: int = 28) -> np.ndarray:
    """The clean glyph of ``char``, ``[size, size]`` float32 in [0, 1], its long side ``long_side`` px.

    Parameters
    ----------
    char : str
        One character, drawn in DejaVu Sans (e.g. ``"×"`` or ``"7"``).
    long_side : int, default 22
        Length in pixels of the glyph's longer side after resizing, in ``1..size``.
    size : int, default 28
        Side in pixels of the black square frame the glyph is centred in.

    Returns
    -------
    ndarray ``[size, size]``
        The glyph, float32 in [0, 1], ink 1 and background 0.
    """
    if not 1 <= long_side <= size:
        raise ValueError(f"long_side must be in 1..{size}; got {long_side}.")
    return np.asarray(_centred(char, long_side, size), np.float32) / 255.0


def augmented(char: str, rng: np.random.Generator) -> np.ndarray:
    """One augmented glyph of ``char`` (size, rotation, shift, blur drawn from ``rng``), ``[28, 28]`` in [0, 1].

    Parameters
    ----------
    char : str
        One character, drawn in DejaVu Sans.
    rng : numpy.random.Generator
        Source of the augmentation, advanced by the call: a long side of 18..24 px, a rotation
        uniform in [-15°, 15°], a shift of -3..3 px along each axis and, one time in three, a blur.

    Returns
    -------
    ndarray ``[28, 28]``
        The glyph, float32 in [0, 1], ink 1 and background 0.
    """
    img = _centred(char, int(rng.integers(18, 25)))
    img = img.rotate(float(rng.uniform(-15.0, 15.0)), resample=Image.Resampling.BILINEAR)
    dx, dy = (int(v) for v in rng.integers(-3, 4, size=2))
    if dx or dy:
        shifted = Image.new("L", (28, 28), 0)
        shifted.paste(img, (dx, dy))
        img = shifted
    if rng.integers(0, 3) == 2:
        img = img.filter(ImageFilter.GaussianBlur(0.5))
    return np.asarray(img, np.float32) / 255.0


def operator_glyphs(n_per_operator: int, seed: int, *, n_clean: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n_per_operator`` glyphs of each operator: ``X [4n, 28, 28]`` in [0, 1] and labels ``y [4n]`` (0..3).

    The first ``n_clean`` of each operator are the clean glyph, the others augmented with ``seed``.

    Parameters
    ----------
    n_per_operator : int
        Glyphs of each operator, at least 1.
    seed : int
        Seed of the augmentations (one generator, operators in the order + − × ÷).
    n_clean : int, default 0
        How many of each operator's glyphs are the clean one (:func:`render`), in ``0..n_per_operator``.

    Returns
    -------
    X : ndarray ``[4 n_per_operator, 28, 28]``
        The glyphs, float32 in [0, 1], grouped by operator in the order of :data:`OPERATORS`.
    y : ndarray ``[4 n_per_operator]``
        Their operator codes (int32, 0 +, 1 −, 2 ×, 3 ÷).
    """
    if n_per_operator < 1 or not 0 <= n_clean <= n_per_operator:
        raise ValueError(
            f"need n_per_operator >= 1 and 0 <= n_clean <= n_per_operator; got {n_per_operator}, {n_clean}."
        )
    rng = np.random.default_rng(seed)
    X = np.stack([render(c) if k < n_clean else augmented(c, rng) for c in OPERATORS for k in range(n_per_operator)])
    y = np.repeat(np.arange(len(OPERATORS), dtype=np.int32), n_per_operator)
    return X.astype(np.float32), y
