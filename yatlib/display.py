"""Notebook display setup: one call makes figures work in JupyterLab and in the static book.

:func:`setup` registers a plotly renderer named ``"yatlib"`` that emits two
representations of every figure:

* ``application/vnd.plotly.v1+json``, which JupyterLab renders with its plotly extension;
* ``text/html`` without plotly.js inside (``include_plotlyjs=False``), which the
  static book renders with the copy of plotly.js it serves from its own
  ``_static`` folder, so pages work with no network.

Slider steps and frames are part of the figure, so they keep working with no kernel.
"""

from __future__ import annotations

from typing import Any

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

__all__ = ["setup", "BookRenderer"]

# The modebar keeps "Download plot as a PNG" (the export of a static figure) and drops plotly's
# "Share chart..." (on by default since plotly.js 3), which uploads the figure to a plotly server.
_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False}


class BookRenderer(MimetypeRenderer):
    """Plotly renderer emitting the plotly mimetype (JupyterLab) and self-contained HTML (the book)."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
        html = pio.to_html(fig_dict, include_plotlyjs=False, full_html=False, validate=False, config=_CONFIG,
                           auto_play=False)
        return {"application/vnd.plotly.v1+json": {"data": fig_dict.get("data", []),
                                                    "layout": fig_dict.get("layout", {}),
                                                    "frames": fig_dict.get("frames", []),
                                                    "config": _CONFIG},
                "text/html": html}


def setup() -> None:
    """Register and select the ``"yatlib"`` plotly renderer and a clean template; call once per notebook."""
    pio.renderers["yatlib"] = BookRenderer()
    pio.renderers.default = "yatlib"
    pio.templates.default = "plotly_white"
