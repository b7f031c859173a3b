"""The book's colours, defined once: class colours and the light and dark themes.

Every figure takes its colours from here. Python figures (plotly) read the
constants directly; widgets receive them as the JavaScript constant ``PALETTE``,
which :func:`yatlib.widgets.bundle` writes in front of every widget module
(:func:`palette_js`). So class 3 has the same colour in every figure of the book,
in JupyterLab and in the static book, in the light and in the dark theme.

The class colours are matplotlib's ``tab10``: each has a contrast of at least 3:1
against the dark background and, except the light grey-yellow ones, against white,
so a coloured mark stays visible in both themes. Text is never drawn in a class
colour alone.
"""

from __future__ import annotations

import json
from typing import Final

__all__ = ["CLASS_COLORS", "OPERATOR_COLORS", "THEMES", "class_color", "palette_js", "plotly_layout"]

CLASS_COLORS: Final[tuple[str, ...]] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
"""One colour per class (matplotlib's ``tab10``); class ``c`` uses ``CLASS_COLORS[c % 10]``."""

OPERATOR_COLORS: Final[tuple[str, ...]] = ("#1f77b4", "#ff7f0e", "#d62728", "#2ca02c")
"""The four operators of Part III (+, −, ×, ÷)."""

THEMES: Final[dict[str, dict[str, str]]] = {
    "light": {
        "fg": "#1f2328",
        "muted": "#57606a",
        "bg": "#ffffff",
        "panel": "#f6f8fa",
        "grid": "#d8dee4",
        "border": "#8c959f",
        "accent": "#0969da",
        "warn": "#fff4e0",
        "warnBorder": "#bf8700",
        "focus": "#0969da",
        "highlight": "#ddeaff",
    },
    "dark": {
        "fg": "#e6edf3",
        "muted": "#9da7b3",
        "bg": "#0d1117",
        "panel": "#161b22",
        "grid": "#30363d",
        "border": "#6e7681",
        "accent": "#4493f8",
        "warn": "#3a2a0b",
        "warnBorder": "#d29922",
        "focus": "#79c0ff",
        "highlight": "#1c2d45",
    },
}
"""Colours of text, backgrounds, grid lines and focus rings in each theme (all text pairs ≥ 4.5:1)."""


def class_color(c: int) -> str:
    """The colour of class ``c``.

    Parameters
    ----------
    c : int
        A class index; classes 10 apart share a colour.

    Returns
    -------
    str
        A hex colour ``"#rrggbb"``, ``CLASS_COLORS[c % 10]``.
    """
    return CLASS_COLORS[int(c) % len(CLASS_COLORS)]


def palette_js() -> str:
    """The palette as a JavaScript constant, ``const PALETTE = {...};``, for widget bundles."""
    data = {"classes": list(CLASS_COLORS), "operators": list(OPERATOR_COLORS), "themes": THEMES}
    return f"const PALETTE = {json.dumps(data)};"


def plotly_layout(theme: str = "light") -> dict:
    """Layout settings (fonts, backgrounds, grid colours) that make a plotly figure readable in ``theme``.

    Parameters
    ----------
    theme : {"light", "dark"}
        The page's theme (a key of :data:`THEMES`).

    Returns
    -------
    dict
        Keyword arguments for ``fig.update_layout(**...)``: font, paper and plot backgrounds, axes.
    """
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {sorted(THEMES)}; got {theme!r}.")
    t = THEMES[theme]
    axis = {
        "gridcolor": t["grid"],
        "linecolor": t["border"],
        "zerolinecolor": t["border"],
        "tickfont": {"color": t["fg"]},
        "title": {"font": {"color": t["fg"]}},
    }
    return {
        "font": {"color": t["fg"]},
        "paper_bgcolor": t["bg"],
        "plot_bgcolor": t["bg"],
        "xaxis": axis,
        "yaxis": axis,
        "legend": {"font": {"color": t["fg"]}},
    }
