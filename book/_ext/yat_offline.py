"""Make the built book work with no network: every script comes from ``_static``.

* On ``builder-inited``: fetch the pinned npm files if missing
  (``scripts/fetch_vendor_js.py``) and copy the pip-shipped ones from the
  installed packages into ``book/_static/vendor/`` (gitignored):
  ``plotly.min.js`` (plotly) and ``anywidget/index.js`` (anywidget's AMD module).
* (``_config.yml`` points Sphinx's ``mathjax_path`` at the local MathJax.)
* On ``html-page-context``: pages whose HTML calls ``Plotly.newPlot`` load
  ``plotly.min.js`` with a priority lower than require.js (myst-nb adds that one
  at the default 500), so plotly's UMD header sets ``window.Plotly`` instead of
  registering an anonymous AMD module.
* On the same pages, ``yat-plotly-theme.js`` (``book/_static``) recolours every plotly figure
  for the book's light or dark theme, at load and when the reader switches; its colours,
  ``window.YAT_PLOTLY_THEMES``, are written inline from :func:`yatlib.style.plotly_layout`, so
  the palette is defined once, in yatlib.
* Remove duplicated inline scripts (``dedupe_inline_scripts``).
* Skip the plotly mimetype quietly (see ``_quiet_plotly_mimetype``).

Widget pages get require.js, ``yat-widgets.js`` (require paths for ``anywidget``)
and html-manager's ``embed-amd.js`` through myst-nb's ``nb_ipywidgets_js``,
set in ``_config.yml``.
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import runpy
import shutil
from pathlib import Path

from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "book" / "_static" / "vendor"
PLOTLY_JS = "vendor/plotly/plotly.min.js"
PLOTLY_PRIORITY = 200  # < 500, the priority myst-nb gives require.js
PLOTLY_THEME_JS = "yat-plotly-theme.js"


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"yat_offline: package {package!r} is not installed")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise RuntimeError(f"yat_offline: {path} not found in the installed {package}")
    return path


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or not filecmp.cmp(src, dest, shallow=False):
        shutil.copyfile(src, dest)


def stage_vendor_files(app: Sphinx) -> None:
    runpy.run_path(str(ROOT / "scripts" / "fetch_vendor_js.py"), run_name="__main__")
    _copy(_package_file("plotly", "package_data", "plotly.min.js"), VENDOR / "plotly" / "plotly.min.js")
    _copy(_package_file("anywidget", "nbextension", "index.js"), VENDOR / "anywidget" / "index.js")


def plotly_themes_js() -> str:
    """``window.YAT_PLOTLY_THEMES = {"light": ..., "dark": ...};``: the plotly layouts of
    :func:`yatlib.style.plotly_layout`, for ``yat-plotly-theme.js``."""
    from yatlib.style import THEMES, plotly_layout

    themes = {name: plotly_layout(name) for name in THEMES}
    return f"window.YAT_PLOTLY_THEMES = {json.dumps(themes, sort_keys=True)};"


def add_plotly(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "Plotly.newPlot" in context.get("body", ""):
        app.add_js_file(PLOTLY_JS, priority=PLOTLY_PRIORITY)
        app.add_js_file(None, body=plotly_themes_js(), priority=PLOTLY_PRIORITY + 1)
        app.add_js_file(PLOTLY_THEME_JS, priority=PLOTLY_PRIORITY + 2)


def dedupe_inline_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Drop repeated inline scripts. Sphinx 7.4 lists an inline script added by an
    extension after the builder started twice (once with filename None, once with
    ""), and sphinx-thebe's ``const THEBE_JS_URL = ...`` then throws a SyntaxError
    on every page."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, kept = set(), []
    for js in scripts:
        key = (getattr(js, "filename", js) or "", repr(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    scripts[:] = kept


def _quiet_plotly_mimetype() -> None:
    """Let myst-nb skip the plotly mimetype silently: yatlib's renderer puts ``text/html``
    beside it, which is what the book shows. Any other unknown mimetype still warns,
    and an output with *only* the plotly mimetype still fails the build (no renderable
    mimetype left)."""
    from myst_nb.core.render import NbElementRenderer

    original = NbElementRenderer.render_unhandled
    if getattr(original, "_yat_patched", False):
        return

    def render_unhandled(self, data):
        if data.mime_type == "application/vnd.plotly.v1+json":
            return []
        return original(self, data)

    render_unhandled._yat_patched = True
    NbElementRenderer.render_unhandled = render_unhandled


def setup(app: Sphinx) -> dict:
    _quiet_plotly_mimetype()
    app.connect("builder-inited", stage_vendor_files)
    app.connect("html-page-context", add_plotly)
    app.connect("html-page-context", dedupe_inline_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
