"""Assemble a widget's ES module from JavaScript files shipped in this folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..style import palette_js

_HERE = Path(__file__).parent


@cache
def _read(name: str) -> str:
    path = _HERE / name
    if not path.is_file():
        raise FileNotFoundError(f"widget source {name} is missing from {_HERE}; reinstall yatlib.")
    return path.read_text(encoding="utf-8")


def bundle(*names: str) -> str:
    """Concatenate the named files into one ES module string (for ``_esm``), after the palette.

    The module starts with ``const PALETTE = {...}`` (:func:`yatlib.style.palette_js`): the
    class colours and the light and dark themes, defined once for the whole book.

    Shared helpers live in plain ``.js`` files that declare functions without
    ``export``; the last file is the widget's ``.mjs`` with ``export default``.
    anywidget loads ``_esm`` from a string, so a module cannot import its
    neighbours by relative path: concatenation is how they share code.

    Parameters
    ----------
    *names : str
        File names in this folder (e.g. ``"dom.js"``, ``"chart.js"``, ``"training_curves.mjs"``), in
        the order they are concatenated, the widget's ``.mjs`` last; at least one. A missing file
        raises ``FileNotFoundError``.

    Returns
    -------
    str
        The palette and the files, each after a ``// ---- <name> ----`` comment, joined by ``;`` lines.
    """
    if not names:
        raise ValueError("bundle() needs at least one file name.")
    parts = [f"// ---- palette (yatlib.style) ----\n{palette_js()}"]
    parts += [f"// ---- {n} ----\n{_read(n)}" for n in names]
    return "\n;\n".join(parts)
