"""Preview widgets offline, as the static book shows them, without building the book.

Writes ``_build/preview/<name>.html``: the widgets' saved state and the book's own offline
scripts (require.js, the anywidget module, html-manager), with no kernel, exactly the path a
reader of the static book takes. Then, with ``--shot``, opens it in Debian's chromium and saves
a screenshot per theme (``<name>-light.png``, ``<name>-dark.png``) next to it.

Usage::

    python scripts/preview_widget.py NAME FILE_OR_MODULE:FUNCTION [--shot]
    python scripts/preview_widget.py f14 /tmp/f14.py:make --shot

FUNCTION (in a Python file or an importable module) returns a widget or a list of widgets.
The vendored JavaScript must exist (``python scripts/fetch_vendor_js.py`` and one book build, or
``make vendor``).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "book" / "_static"
OUT = ROOT / "_build" / "preview"

PAGE = """<!doctype html>
<html lang="en" data-theme="{theme}"><head><meta charset="utf-8"><title>{name}</title>
<style>body {{ font-family: system-ui, sans-serif; margin: 16px; }}
html[data-theme=dark] body {{ background: #121212; color: #ced6dd; }}</style>
<script src="static/vendor/requirejs/require.js"></script>
<script src="static/yat-widgets.js"></script>
<script src="static/vendor/html-manager/dist/embed-amd.js" data-jupyter-widgets-cdn="https://no-cdn.invalid/npm/"></script>
<script type="application/vnd.jupyter.widget-state+json">{state}</script>
</head><body><main>
{views}
</main></body></html>
"""


def build(target: str) -> list:
    """Call ``FILE.py:FUNCTION`` or ``module:FUNCTION`` and return its widgets as a list."""
    where, _, fn = target.rpartition(":")
    if not where or not fn:
        sys.exit(f"expected FILE.py:FUNCTION or module:FUNCTION; got {target!r}")
    if where.endswith(".py"):
        spec = importlib.util.spec_from_file_location("preview_target", where)
        if spec is None or spec.loader is None:
            sys.exit(f"cannot load {where}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    else:
        module = importlib.import_module(where)
    out = getattr(module, fn)()
    return list(out) if isinstance(out, (list, tuple)) else [out]


def write_page(name: str, widgets: list, theme: str = "light") -> Path:
    from ipywidgets.embed import dependency_state, embed_data

    data = embed_data(views=widgets, state=dependency_state(widgets, drop_defaults=False), drop_defaults=False)
    views = "\n".join(
        f'<script type="application/vnd.jupyter.widget-view+json">{json.dumps(v)}</script>' for v in data["view_specs"]
    )
    OUT.mkdir(parents=True, exist_ok=True)
    static = OUT / "static"
    if not static.exists():
        static.symlink_to(STATIC, target_is_directory=True)
    path = OUT / f"{name}-{theme}.html"
    path.write_text(PAGE.format(name=name, theme=theme, state=json.dumps(data["manager_state"]), views=views))
    return path


def shoot(paths: list[Path]) -> list[Path]:
    import http.server
    import socketserver
    import threading
    from functools import partial

    from playwright.sync_api import sync_playwright

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(OUT))
    handler.log_message = lambda *a, **k: None  # type: ignore[assignment]
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as httpd:
        port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        shots = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in paths:
                page.goto(f"http://127.0.0.1:{port}/{path.name}")
                page.wait_for_selector(".yl-widget[data-drawn-ms]", timeout=20000)
                page.wait_for_timeout(500)
                png = path.with_suffix(".png")
                page.screenshot(path=str(png), full_page=True)
                shots.append(png)
            browser.close()
        httpd.shutdown()
    for e in errors:
        print("console error:", e, file=sys.stderr)
    return shots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("name")
    ap.add_argument("target", help="FILE.py:FUNCTION or module:FUNCTION returning widgets")
    ap.add_argument("--shot", action="store_true", help="screenshot the page in the light and dark themes")
    args = ap.parse_args()
    if not (STATIC / "vendor" / "html-manager").exists():
        sys.exit(
            "the vendored JavaScript is missing: run `python scripts/fetch_vendor_js.py` (and a book build for "
            "plotly and anywidget) first."
        )
    widgets = build(args.target)
    paths = [write_page(args.name, widgets, theme) for theme in ("light", "dark")]
    for p in paths:
        print(p)
    if args.shot:
        for s in shoot(paths):
            print(s)


if __name__ == "__main__":
    shutil.which("chromium")  # noqa: B018 - documents the dependency
    main()
