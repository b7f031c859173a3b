"""Notebook display setup: one call makes figures work in JupyterLab and in the static book.

:func:`setup` registers a plotly renderer ``"yatlib"`` that emits both
``application/vnd.plotly.v1+json`` (for JupyterLab) and ``text/html`` without plotly.js
(``include_plotlyjs=False``; the static book serves its own copy, so pages work with no network).
Every figure gets an explicit height (``layout.height``, else :data:`DEFAULT_HEIGHT`) and the
JupyterLab representation is not responsive, so a redraw does not collapse it to zero height.
:class:`Table` shows results as an HTML table that fits a cell and prints as aligned text;
:func:`settings` shows a configuration object as such a table; :func:`glue` hands numbers to a page's text.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

__all__ = ["setup", "BookRenderer", "DEFAULT_HEIGHT", "Table", "settings", "glue"]

#: Height in pixels of a figure whose layout gives none (plotly's own default).
DEFAULT_HEIGHT = 450

# The modebar keeps "Download plot as a PNG" (the export of a static figure) and drops plotly's
# "Share chart..." (on by default since plotly.js 3), which uploads the figure to a plotly server.
_LAB_CONFIG = {"displaylogo": False, "showSendToCloud": False}
_HTML_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False}


def _with_height(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``fig_dict`` whose layout has an explicit height (its own, else the template's, else 450 px)."""
    fig = dict(fig_dict)
    layout = copy.deepcopy(fig_dict.get("layout") or {})
    if not layout.get("height"):
        template_height = ((layout.get("template") or {}).get("layout") or {}).get("height")
        layout["height"] = template_height or DEFAULT_HEIGHT
    fig["layout"] = layout
    return fig


class BookRenderer(MimetypeRenderer):
    """Plotly renderer emitting the plotly mimetype (JupyterLab) and self-contained HTML (the book)."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
        """The figure's two representations; plotly calls it when a figure is shown.

        Parameters
        ----------
        fig_dict : dict
            The figure as plotly's dictionary (``data``, ``layout``, optionally ``frames``); it is not
            modified. A layout with no height gets the template's, else :data:`DEFAULT_HEIGHT`.

        Returns
        -------
        dict
            ``"application/vnd.plotly.v1+json"`` (data, layout, frames and a modebar config without the
            plotly logo or "send to cloud", for JupyterLab) and ``"text/html"`` (a ``<div>`` without
            plotly.js, responsive, for the book).
        """
        fig = _with_height(fig_dict)
        html = pio.to_html(
            fig, include_plotlyjs=False, full_html=False, validate=False, config=dict(_HTML_CONFIG), auto_play=False
        )
        return {
            "application/vnd.plotly.v1+json": {
                "data": fig.get("data", []),
                "layout": fig["layout"],
                "frames": fig.get("frames", []),
                "config": dict(_LAB_CONFIG),
            },
            "text/html": html,
        }


def setup() -> None:
    """Register and select the ``"yatlib"`` plotly renderer and a clean template; call once per notebook.

    In a Jupyter kernel it also shows yatlib's configuration objects (:data:`SETTINGS_TYPES`) as a table of
    their settings (:func:`settings`) instead of their ``repr``.
    """
    pio.renderers["yatlib"] = BookRenderer()
    pio.renderers.default = "yatlib"
    pio.templates.default = "plotly_white"
    _register_settings_formatters()


SETTINGS_TYPES = (("yatlib.recipes", "Recipe"), ("yatlib.warmstart", "WarmStartSetting"))
"""(module, class) of the configuration objects a notebook shows as a table of settings after :func:`setup`."""


def _register_settings_formatters() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    for module, name in SETTINGS_TYPES:
        formatters["text/html"].for_type_by_name(module, name, lambda obj: settings(obj)._repr_html_())
        formatters["text/plain"].for_type_by_name(module, name, lambda obj, p, cycle: p.text(str(settings(obj))))


def _setting_text(value: Any) -> str:
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        value = value.item()  # a numpy scalar
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


@dataclass(frozen=True, repr=False)
class Table:
    """A table of results: an HTML table where a notebook shows it, aligned text where it is printed.

    Parameters
    ----------
    header : sequence of str
        The column titles.
    rows : sequence of sequences of str
        The cells, already formatted, one sequence per row, as many cells as ``header``.
    caption : str, optional
        One line above the table that says what it holds.
    left : int, optional
        How many leading columns hold words, aligned left (default 1); the others hold
        numbers, aligned right.

    A wide table printed as text wraps its lines in a notebook's output; as HTML it fits the
    width of the cell (or the book page), wrapping inside its cells (join the words of a value
    with no-break spaces, ``"\\u00a0"``, to keep them on one line). The caption takes the
    table's text colour, which each theme keeps legible.
    """

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""
    left: int = 1

    def __post_init__(self) -> None:
        bad = [i for i, row in enumerate(self.rows) if len(row) != len(self.header)]
        if bad:
            raise ValueError(
                f"rows {bad[:5]} of the table do not have one cell per column ({len(self.header)}); "
                "give every row as many cells as header."
            )

    def _repr_html_(self) -> str:
        # inline styles: JupyterLab keeps them where it would drop a <style> element
        def cells(tag: str, row: Sequence[str], attr: str = "") -> str:
            return "".join(
                f'<{tag}{attr} style="text-align:{"left" if i < self.left else "right"}">{html.escape(str(c))}</{tag}>'
                for i, c in enumerate(row)
            )

        caption = (
            f'<caption style="caption-side:top;text-align:left;color:inherit">{html.escape(self.caption)}</caption>'
            if self.caption
            else ""
        )
        head = "<thead><tr>" + cells("th", self.header, ' scope="col"') + "</tr></thead>"
        body = "".join(f"<tr>{cells('td', row)}</tr>" for row in self.rows)
        return f'<table class="yl-table">{caption}{head}<tbody>{body}</tbody></table>'

    def __str__(self) -> str:
        table = [list(map(str, self.header))] + [list(map(str, row)) for row in self.rows]
        widths = [max(len(row[j]) for row in table) for j in range(len(self.header))]
        lines = [
            "  ".join(c.ljust(w) if j < self.left else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths)))
            for row in table
        ]
        lines.insert(1, "-" * len(lines[0]))
        return "\n".join(([self.caption] if self.caption else []) + lines)

    __repr__ = __str__


def settings(obj: Any, caption: str | None = None) -> Table:
    """The settings of a configuration object (a dataclass, e.g. a :class:`yatlib.recipes.Recipe`) as a :class:`Table`.

    Parameters
    ----------
    obj : dataclass instance
        The configuration.
    caption : str, optional
        The line above the table; by default the class's name and the first line of its docstring.

    Returns
    -------
    Table
        One row per setting (its name and its value: numbers as ``4e-3`` prints, ``None`` as
        "none"); an HTML table in a notebook, aligned text when printed.
    """
    from dataclasses import fields, is_dataclass

    if not is_dataclass(obj) or isinstance(obj, type):
        raise ValueError(f"settings() shows a configuration object (a dataclass instance); got {type(obj).__name__}.")
    if caption is None:
        doc = re.sub(r":\w+:`~?([^`]+)`", r"\1", (type(obj).__doc__ or "").strip()).splitlines()
        first = doc[0].rstrip(".") if doc else ""
        caption = type(obj).__name__ + (f": {first[:1].lower()}{first[1:]}" if first else "")
    rows = [(f.name, _setting_text(getattr(obj, f.name))) for f in fields(obj)]
    return Table(("setting", "value"), rows, caption=caption, left=2)


def glue(**values: Any) -> None:
    """Hand each value to the page's text under its keyword's name (myst-nb's ``glue``, not displayed).

    A markdown cell of the same notebook then shows it with myst-nb's ``glue:text`` role, giving the
    name and a format (``name:.1%``); the written answers of the exercises get their numbers this way.
    Numbers are stored as plain Python numbers
    (so a format such as ``.1%`` applies), anything else as its ``str``. Outside a Jupyter kernel,
    nothing happens.

    Parameters
    ----------
    **values
        ``name=value`` pairs; a name is unique within its notebook.
    """
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    prefix = "application/papermill.record/"
    for name, value in values.items():
        if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
            value = value.item()
        text = repr(value) if isinstance(value, (bool, int, float)) else repr(str(value))
        display({prefix + "text/plain": text}, raw=True, metadata={"scrapbook": {"name": name, "mime_prefix": prefix}})
