"""Interactive widgets (anywidget) whose logic runs in JavaScript.

A widget holds data (traitlets synced to the browser) and draws; it never
trains. Its front end is an ES module assembled by :func:`bundle` from files in
this folder, so it keeps working in the static book with no kernel and no
network: the module text travels inside the saved widget state.
"""

from __future__ import annotations

from ._bundle import bundle

__all__ = ["bundle"]
