"""Pictures of prototypes and items: PNG encoding and plotly galleries.

A 784-vector is a 28x28 image. These helpers turn batches of such vectors into
small PNG data URIs (for widgets, which draw them in the browser) and into
plotly image grids with a coloured border per picture (for figures).
"""

from __future__ import annotations

import base64
import io
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from .style import CLASS_COLORS

__all__ = ["CLASS_COLORS", "to_uint8", "png_data_uri", "png_data_uris", "gallery_figure", "float32_b64"]



def to_uint8(images: np.ndarray, *, shape: tuple[int, int] = (28, 28), normalise: str = "clip") -> np.ndarray:
    """Turn ``[n, H*W]`` (or ``[H*W]``) values into ``uint8`` images ``[n, H, W]``.

    ``normalise='clip'`` maps ``[0, 1]`` to ``[0, 255]``; ``'minmax'`` stretches
    each image to its own range (for prototypes that left ``[0, 1]``, or filters).
    """
    arr = np.asarray(images, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None]
    if arr.shape[-1] != shape[0] * shape[1]:
        raise ValueError(f"each image needs {shape[0] * shape[1]} values for shape {shape}; got {arr.shape[-1]}.")
    arr = arr.reshape(len(arr), *shape)
    if normalise == "minmax":
        lo = arr.min(axis=(1, 2), keepdims=True)
        hi = arr.max(axis=(1, 2), keepdims=True)
        arr = (arr - lo) / np.where(hi > lo, hi - lo, 1.0)
    elif normalise != "clip":
        raise ValueError(f"normalise must be 'clip' or 'minmax'; got {normalise!r}.")
    return (np.clip(np.nan_to_num(arr), 0, 1) * 255).round().astype(np.uint8)


def png_data_uri(image: np.ndarray, *, shape: tuple[int, int] = (28, 28), normalise: str = "clip") -> str:
    """One image as a ``data:image/png;base64,...`` URI."""
    buf = io.BytesIO()
    Image.fromarray(to_uint8(image, shape=shape, normalise=normalise)[0], mode="L").save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def png_data_uris(images: np.ndarray, **kwargs: object) -> list[str]:
    """A data URI per row of ``images``."""
    return [png_data_uri(img, **kwargs) for img in np.asarray(images)]  # type: ignore[arg-type]


def float32_b64(array: np.ndarray) -> str:
    """Base64 of the array as little-endian float32 bytes (C order), for widgets; decode with ``Float32Array``."""
    return base64.b64encode(np.ascontiguousarray(array, dtype="<f4").tobytes()).decode("ascii")


def gallery_figure(
    images: np.ndarray,
    *,
    titles: Sequence[str] | None = None,
    border_colors: Sequence[str] | None = None,
    ncols: int = 10,
    normalise: str = "clip",
    tile: int = 28,
    title: str | None = None,
) -> go.Figure:
    """A plotly grid of 28x28 pictures with an optional coloured border and hover title each.

    The grid is drawn as one image trace (fast, small), borders as rectangle shapes.
    """
    imgs = to_uint8(images, normalise=normalise)
    n = len(imgs)
    if n == 0:
        raise ValueError("gallery_figure needs at least one image.")
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    pad = 3
    cell = tile + 2 * pad
    canvas = np.full((nrows * cell, ncols * cell), 255, dtype=np.uint8)
    for i, img in enumerate(imgs):
        r, c = divmod(i, ncols)
        canvas[r * cell + pad : r * cell + pad + tile, c * cell + pad : c * cell + pad + tile] = 255 - img
    hover = np.full(canvas.shape, "", dtype=object)
    if titles is not None:
        for i, t in enumerate(titles):
            r, c = divmod(i, ncols)
            hover[r * cell : (r + 1) * cell, c * cell : (c + 1) * cell] = t
    fig = go.Figure(go.Heatmap(z=canvas[::-1], colorscale="gray", showscale=False, zmin=0, zmax=255,
                               text=hover[::-1], hovertemplate="%{text}<extra></extra>" if titles is not None else None,
                               hoverinfo=None if titles is not None else "skip"))
    if border_colors is not None:
        for i, col in enumerate(border_colors):
            r, c = divmod(i, ncols)
            y0 = (nrows - 1 - r) * cell
            fig.add_shape(type="rect", x0=c * cell + 1, x1=(c + 1) * cell - 2, y0=y0 + 1, y1=y0 + cell - 2,
                          line=dict(color=col, width=2))
    fig.update_xaxes(visible=False, scaleanchor="y", constrain="domain")
    fig.update_yaxes(visible=False, constrain="domain")
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=40 if title else 10, b=10),
                      height=max(160, 30 + nrows * 60), width=max(300, ncols * 60))
    return fig
