"""Pictures of prototypes and items: PNG encoding and plotly galleries.

A picture is stored flattened, as a vector of ``height * width`` grey levels
(a 784-vector is a 28x28 image). These helpers turn batches of such vectors
into small PNG data URIs (for widgets, which draw them in the browser) and into
plotly image grids with a coloured border per picture (for figures). Every
function takes the picture's ``shape=(height, width)``; by default a picture is
square (``D = 784`` gives 28x28, ``D = 64`` gives 8x8).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from .style import CLASS_COLORS, class_color
from .validation import check_array, check_choice, check_image_shape, check_int

__all__ = [
    "CLASS_COLORS",
    "class_color",
    "to_uint8",
    "png_data_uri",
    "png_data_uris",
    "gallery_figure",
    "gallery_cell",
    "float32_b64",
]


GALLERY_PAD = 3
"""Blank pixels around each picture of a gallery."""


def gallery_cell(shape: tuple[int, int]) -> tuple[int, int]:
    """The ``(height, width)`` in pixels of one cell of a gallery of pictures of ``shape``.

    Parameters
    ----------
    shape : pair of int
        ``(height, width)`` of one picture.

    Returns
    -------
    tuple of int
        ``(height + 6, width + 6)``: the picture with :data:`GALLERY_PAD` blank pixels on each side.
    """
    return shape[0] + 2 * GALLERY_PAD, shape[1] + 2 * GALLERY_PAD


def to_uint8(images: np.ndarray, *, shape: tuple[int, int] | None = None, normalise: str = "clip") -> np.ndarray:
    """Turn ``[n, H*W]`` (or ``[H*W]``) values into ``uint8`` images ``[n, H, W]``.

    ``shape=(H, W)``; None means square. ``normalise='clip'`` maps ``[0, 1]`` to
    ``[0, 255]``; ``'minmax'`` stretches each image to its own range (for
    prototypes that left ``[0, 1]``, for filters, or for data in another range).
    NaN values are drawn as 0.

    Parameters
    ----------
    images : array ``[n, H*W]`` or ``[H*W]``
        Flattened pictures (one picture may be given as a single vector).
    shape : pair of int, optional
        ``(H, W)`` of a picture; None means square (``H = W``, so ``H*W`` must be a perfect square).
    normalise : {"clip", "minmax"}, default "clip"
        ``"clip"`` maps ``[0, 1]`` to ``[0, 255]`` and clips what lies outside; ``"minmax"`` maps each
        picture's own minimum and maximum to 0 and 255 (a constant picture becomes 0).

    Returns
    -------
    ndarray of uint8 ``[n, H, W]``
        Grey levels, 0 black and 255 white; ``n = 1`` for a single vector.
    """
    arr = check_array(images, "images", ndim=(1, 2), min_rows=0, finite=False, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None]
    shape = check_image_shape(shape, arr.shape[-1])
    check_choice(normalise, "normalise", ("clip", "minmax"))
    arr = arr.reshape(len(arr), *shape)
    if normalise == "minmax":
        lo = arr.min(axis=(1, 2), keepdims=True)
        hi = arr.max(axis=(1, 2), keepdims=True)
        arr = (arr - lo) / np.where(hi > lo, hi - lo, 1.0)
    return (np.clip(np.nan_to_num(arr), 0, 1) * 255).round().astype(np.uint8)


def png_data_uri(image: np.ndarray, *, shape: tuple[int, int] | None = None, normalise: str = "clip") -> str:
    """One image as a ``data:image/png;base64,...`` URI (``shape=(H, W)``; None means square).

    Parameters
    ----------
    image : array ``[H*W]``
        One flattened picture (of a ``[n, H*W]`` batch only the first row is encoded).
    shape : pair of int, optional
        ``(H, W)``; None means square.
    normalise : {"clip", "minmax"}, default "clip"
        As in :func:`to_uint8`: clip ``[0, 1]`` or stretch the picture's own range.

    Returns
    -------
    str
        The greyscale PNG as a data URI, usable as the ``src`` of an ``<img>``.
    """
    buf = io.BytesIO()
    Image.fromarray(to_uint8(image, shape=shape, normalise=normalise)[0], mode="L").save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def png_data_uris(images: np.ndarray, **kwargs: object) -> list[str]:
    """A data URI per row of ``images``.

    Parameters
    ----------
    images : array ``[n, H*W]``
        Flattened pictures, one per row.
    **kwargs
        ``shape`` and ``normalise``, passed on to :func:`png_data_uri`.

    Returns
    -------
    list of str
        ``n`` PNG data URIs, in row order.
    """
    return [png_data_uri(img, **kwargs) for img in np.asarray(images)]  # type: ignore[arg-type]


def array_b64(array: np.ndarray, dtype: str | type = "<f4") -> str:
    """Base64 of the array's values as ``dtype`` bytes (C order): the one way yatlib sends a large array to
    a widget. The default, little-endian float32, is decoded by ``decodeF32`` in ``canvas.js``; ``np.uint8``
    by ``decodeU8``."""
    return base64.b64encode(np.ascontiguousarray(array, dtype=dtype).tobytes()).decode("ascii")


def float32_b64(array: np.ndarray) -> str:
    """:func:`array_b64` as little-endian float32 (decode with ``Float32Array``).

    Parameters
    ----------
    array : array_like
        Values of any shape; they are sent flattened in C (row-major) order, so the receiver must
        know the shape.

    Returns
    -------
    str
        Base64 of the values as 4-byte little-endian floats.
    """
    return array_b64(array, "<f4")


def gallery_figure(
    images: np.ndarray,
    *,
    titles: Sequence[str] | None = None,
    border_colors: Sequence[str] | None = None,
    ncols: int = 10,
    normalise: str = "clip",
    shape: tuple[int, int] | None = None,
    title: str | None = None,
) -> go.Figure:
    """A plotly grid of pictures with an optional coloured border and hover title each.

    ``images`` is ``[n, H*W]``; ``shape=(H, W)`` (None: square, 28x28 for 784
    values). The grid is drawn as one image trace (fast, small), borders as
    rectangle shapes.

    Parameters
    ----------
    images : array ``[n, H*W]`` or ``[H*W]``
        Flattened pictures, placed row by row from the top left and drawn inverted: high values
        dark, on a white background.
    titles : sequence of str, optional
        One hover text per picture.
    border_colors : sequence of str, optional
        One CSS colour per picture for a border around it (e.g. :func:`class_color` of its class).
    ncols : int, default 10
        Pictures per row of the grid (at most ``n``).
    normalise : {"clip", "minmax"}, default "clip"
        As in :func:`to_uint8`: clip ``[0, 1]`` or stretch each picture's own range.
    shape : pair of int, optional
        ``(H, W)`` of a picture; None means square.
    title : str, optional
        The figure's title.

    Returns
    -------
    plotly.graph_objects.Figure
        The gallery, sized to the grid (each cell ``H + 6`` by ``W + 6`` pixels, see :func:`gallery_cell`).
    """
    arr = check_array(images, "images", ndim=(1, 2), finite=False, dtype=np.float64)
    arr = arr[None] if arr.ndim == 1 else arr
    shape = check_image_shape(shape, arr.shape[-1])
    imgs = to_uint8(arr, shape=shape, normalise=normalise)
    n = len(imgs)
    ncols = max(1, min(check_int(ncols, "ncols", low=1), n))
    for what, seq in (("titles", titles), ("border_colors", border_colors)):
        if seq is not None and len(seq) != n:
            raise ValueError(f"{what} has {len(seq)} entries but there are {n} images; give one per image.")
    nrows = -(-n // ncols)
    pad = GALLERY_PAD
    (th, tw), (ch, cw) = shape, gallery_cell(shape)
    canvas = np.full((nrows * ch, ncols * cw), 255, dtype=np.uint8)
    for i, img in enumerate(imgs):
        r, c = divmod(i, ncols)
        canvas[r * ch + pad : r * ch + pad + th, c * cw + pad : c * cw + pad + tw] = 255 - img
    hover = np.full(canvas.shape, "", dtype=object)
    if titles is not None:
        for i, t in enumerate(titles):
            r, c = divmod(i, ncols)
            hover[r * ch : (r + 1) * ch, c * cw : (c + 1) * cw] = t
    fig = go.Figure(
        go.Heatmap(
            z=canvas[::-1],
            colorscale="gray",
            showscale=False,
            zmin=0,
            zmax=255,
            text=hover[::-1],
            hovertemplate="%{text}<extra></extra>" if titles is not None else None,
            hoverinfo=None if titles is not None else "skip",
        )
    )
    if border_colors is not None:
        for i, col in enumerate(border_colors):
            r, c = divmod(i, ncols)
            y0 = (nrows - 1 - r) * ch
            fig.add_shape(
                type="rect",
                x0=c * cw + 1,
                x1=(c + 1) * cw - 2,
                y0=y0 + 1,
                y1=y0 + ch - 2,
                line=dict(color=col, width=2),
            )
    fig.update_xaxes(visible=False, scaleanchor="y", constrain="domain")
    fig.update_yaxes(visible=False, constrain="domain")
    fig.update_layout(
        title=title,
        margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        height=max(160, 30 + round(nrows * ch * 60 / 34)),
        width=max(300, round(ncols * cw * 60 / 34)),
    )
    return fig
