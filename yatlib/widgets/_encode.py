"""Encoding arrays for a widget's traitlets: compact, JSON-safe, and exact where it matters.

Widgets receive numbers through their synced traitlets. Small arrays travel as rounded
lists; large ones as base64 of float32 bytes (:func:`yatlib.images.float32_b64`,
decoded by ``decodeF32`` in ``canvas.js``) or of bytes (:func:`unit_bytes_b64`,
decoded by ``decodeU8``), which keeps the saved state of a page small.
"""

from __future__ import annotations

import numpy as np

from ..images import array_b64

__all__ = ["points", "unit_bytes_b64"]


def points(X: np.ndarray, digits: int = 4) -> list[list[float]]:
    """``X`` rounded to ``digits`` decimals, as nested lists."""
    return np.round(np.asarray(X, np.float64), digits).tolist()


def unit_bytes_b64(p: np.ndarray) -> str:
    """Values in [0, 1] quantised to bytes (steps of 1/255) and base64-encoded."""
    q = np.clip(np.round(np.asarray(p, np.float64) * 255), 0, 255).astype(np.uint8)
    return array_b64(q, np.uint8)
