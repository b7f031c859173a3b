"""Built pages print no cache log.

yatlib's cache says in a ``[cache] ...`` line whether each slow result was computed now or loaded;
in JupyterLab that tells a reader why a cell was fast or slow, on a built page it is noise. So:

* On setup, ``YATLIB_QUIET=1`` is set in the build's environment (unless it is set already), so
  every kernel the build starts inherits it and yatlib prints no ``[cache]`` lines
  (:func:`yatlib.cache.quiet`). The notebooks stage of ``make test``, whose outputs the build
  renders, sets it too (``tests/notebooks/conftest.py``).
* On ``doctree-read``, any ``[cache]`` line left in a cell's printed output (a module that prints
  without asking :func:`yatlib.cache.quiet`, or outputs executed without the setting) is dropped
  from the page, and an output left empty is removed; the build log says how many, page by page.

``tests/book/test_build.py`` fails if a built page still shows a ``[cache]`` line.
"""

from __future__ import annotations

import os

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
PREFIX = "[cache] "


def drop_cache_lines(app: Sphinx, doctree: nodes.document) -> None:
    dropped = 0
    for block in list(doctree.findall(nodes.literal_block)):
        if "stream" not in block.get("classes", []):
            continue
        text = block.astext()
        if PREFIX not in text:
            continue
        lines = text.splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(PREFIX)]
        dropped += len(lines) - len(kept)
        new = "".join(kept)
        if new.strip():
            block.rawsource = new
            block.children = [nodes.Text(new)]
        else:
            block.parent.remove(block)
    if dropped:
        logger.info(f"yat_quiet: {app.env.docname}: dropped {dropped} [cache] line(s) from printed outputs")


def setup(app: Sphinx) -> dict:
    os.environ.setdefault("YATLIB_QUIET", "1")
    app.connect("doctree-read", drop_cache_lines)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
