"""The book's light/dark switch on every page (issue #12), with the axe audit of both themes.

Run on the page's one visit (``visit.py``), on the page as loaded and scrolled through, as
``check_themes``:

* axe in the light theme (``accessibility.axe_audit``);
* dark theme: press the book's own theme button (pydata-sphinx-theme, ``html[data-theme]``) until
  the page is dark. Every yatlib widget root must say ``data-yl-theme="dark"`` and show a
  different figure (canvas pixels, SVG markup, or the colours the browser computes for it); every
  other widget view must too; every plotly figure must carry the dark colours of
  :func:`yatlib.style.plotly_layout` (fonts, backgrounds, grid lines and tick labels, on every
  axis that shows them). Finished tqdm progress bars (printed when a training run found no cached
  result) are output, not figures, and are skipped. Back to light, the same in reverse. Both
  themes are screenshot to ``_build/screenshots/themes/<page>_{light,dark}.png``: look at them.
* axe in the dark theme, once the theme's colour transitions have ended;
* plotly PNG download (chapters): plotly's modebar "Download plot as a png" works with no network
  (it is the export of the static plotly figures), in the dark theme, on a dark background; and
  no plotly figure offers "Share chart..." (an upload of the figure to a plotly server).
"""

from __future__ import annotations

import io
import re

from tests.browser.accessibility import axe_audit
from tests.browser.helpers import (
    THEME_SCREENSHOTS,
    inject_axe,
    page_id,
    plotly_info,
    settle_theme,
    switch_theme,
    widget_views,
)
from tests.figure_signature import FIGURE_SIGNATURE_JS
from yatlib.style import THEMES, plotly_layout

_VIEWS_JS = """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
  .map((tag) => { const area = tag.previousElementSibling; const view = area && area.firstElementChild;
                  return (view && (view.matches('.yl-widget[data-widget]') ? view
                                   : view.querySelector('.yl-widget[data-widget]'))) || view; })"""

# What the reader sees of a figure: its drawing (canvas pixels, SVG and HTML markup) and the colours
# the browser computes for it (text, backgrounds, fills, strokes, borders), so that a figure that
# follows the theme through CSS variables alone counts as redrawn.
_COLOURS_JS = """(root) => [root, ...root.querySelectorAll('*')].slice(0, 600).map((n) => {
  const s = getComputedStyle(n);
  return [s.color, s.backgroundColor, s.fill, s.stroke, s.borderTopColor].join(',');
}).join(';')"""

_SIGNATURES_JS = (
    """() => (VIEWS)().map((node) => node ? {
  sig: (FIGURE_SIGNATURE)(node) + '|' + (COLOURS)(node), theme: node.dataset.ylTheme || null } : null)""".replace(
        "VIEWS", _VIEWS_JS
    )
    .replace("FIGURE_SIGNATURE", FIGURE_SIGNATURE_JS)
    .replace("COLOURS", _COLOURS_JS)
)

# The colours of each plotly figure that plotly_layout() sets: fonts, backgrounds, and the grid
# and tick colours of every axis.
_PLOTLY_COLOURS_JS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map((gd) => {
  const f = gd._fullLayout;
  if (!f) return null;
  const axes = Object.keys(f).filter((k) => /^[xy]axis\\d*$/.test(k)).map((k) => ({
    name: k, visible: f[k].visible !== false, showgrid: Boolean(f[k].showgrid), ticks: f[k].showticklabels !== false,
    grid: f[k].gridcolor, tick: f[k].tickfont && f[k].tickfont.color }));
  return { font: f.font.color, paper: f.paper_bgcolor, plot: f.plot_bgcolor, axes };
})"""


def _expected(theme: str) -> dict:
    layout = plotly_layout(theme)
    return {
        "font": layout["font"]["color"],
        "paper": layout["paper_bgcolor"],
        "plot": layout["plot_bgcolor"],
        "grid": layout["xaxis"]["gridcolor"],
        "tick": layout["xaxis"]["tickfont"]["color"],
    }


def _norm(colour) -> str:
    """A colour as lower-case hex (plotly may keep "#RRGGBB" or give "rgb(r, g, b)")."""
    if colour is None:
        return "none"
    c = str(colour).strip().lower()
    m = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1(?:\.0*)?)?\)", c)
    return "#" + "".join(f"{int(v):02x}" for v in m.groups()) if m else c


def _plotly_problems(page, theme: str, plots: list[dict]) -> list[str]:
    want = _expected(theme)
    problems = []
    for info, got in zip(plots, page.evaluate(_PLOTLY_COLOURS_JS)):
        label = f"{info['figure']} (plotly figure {info['index']})"
        if got is None:
            problems.append(f"{label}: not drawn")
            continue
        wrong = [f"{k} {got[k]} (want {want[k]})" for k in ("font", "paper", "plot") if _norm(got[k]) != _norm(want[k])]
        shown = [a for a in got["axes"] if a["visible"]]  # a hidden axis (an image panel) draws no grid or ticks
        wrong += [
            f"{a['name']} grid {a['grid']}" for a in shown if a["showgrid"] and _norm(a["grid"]) != _norm(want["grid"])
        ]
        wrong += [
            f"{a['name']} ticks {a['tick']}" for a in shown if a["ticks"] and _norm(a["tick"]) != _norm(want["tick"])
        ]
        if wrong:
            problems.append(f"{label} in the {theme} theme: " + ", ".join(wrong))
    return problems


def check_themes(visit):
    """axe in the light theme, the switch to the dark theme (widgets, plotly colours), axe in the dark
    theme, plotly's PNG download in the dark theme (chapters), and the switch back to light."""
    page, server, book_report, chapter = visit.page, visit.server, visit.book_report, visit.chapter
    THEME_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert page.evaluate("document.documentElement.dataset.theme") == "light", "the book must open in the light theme"
    inject_axe(page, server)
    axe_failures = axe_audit(page, book_report, chapter, "light")
    views, plots = widget_views(page), plotly_info(page)
    light = page.evaluate(_SIGNATURES_JS)
    failures = _plotly_problems(page, "light", plots)
    # Whole-page pictures of the chapters, to look at (the API pages hold no figure: the top of the page).
    whole = chapter.startswith("notebooks/")
    page.screenshot(path=str(THEME_SCREENSHOTS / f"{page_id(chapter)}_light.png"), full_page=whole)

    switch_theme(page, "dark")
    settle_theme(
        page, "dark"
    )  # widgets and plotly figures redrawn, colour transitions ended (axe read mid-way colours once)
    dark = page.evaluate(_SIGNATURES_JS)
    failures += _plotly_problems(page, "dark", plots)
    redrew = 0
    for v, before, after in zip(views, light, dark):
        label = f"{v['figure']} ({v['name']})"
        if v["progress"]:
            continue
        if before is None or after is None:
            failures.append(f"{label}: the widget view is missing")
            continue
        if v["root"] and after["theme"] != "dark":
            failures.append(f"{label}: data-yl-theme is {after['theme']!r} in the dark theme")
        if after["sig"] == before["sig"]:
            failures.append(f"{label}: the figure did not redraw for the dark theme")
        else:
            redrew += 1
    axe_failures += axe_audit(page, book_report, chapter, "dark")
    page.screenshot(path=str(THEME_SCREENSHOTS / f"{page_id(chapter)}_dark.png"), full_page=whole)
    png_failure = ""
    try:
        png = _plotly_png_download(page) if chapter.startswith("notebooks/") else "not a chapter"
    except AssertionError as err:
        png, png_failure = "FAIL", f"{chapter}: plotly's PNG download in the dark theme: {err}"

    switch_theme(page, "light")
    settle_theme(page, "light")
    back = page.evaluate(_SIGNATURES_JS)
    failures += _plotly_problems(page, "light", plots)
    for v, before, after in zip(views, dark, back):
        if before and after and v["root"] and after["theme"] != "light":
            failures.append(f"{v['figure']} ({v['name']}): data-yl-theme is {after['theme']!r} back in the light theme")
    book_report.add(
        "dark theme",
        chapter,
        widgets=len(views),
        redrew=redrew,
        plotly=len(plots),
        png=png,
        result="ok"
        if not failures
        else f"{len(failures)} problem(s): " + "; ".join(sorted({f.split(":")[0] for f in failures})),
    )
    problems = []
    if axe_failures:
        problems.append(f"{chapter}: serious or critical axe violations:\n" + "\n".join(axe_failures))
    if failures:
        problems.append(f"{chapter}: the theme switch is not followed by\n  " + "\n  ".join(failures))
    if png_failure:
        problems.append(png_failure)
    assert not problems, "\n".join(problems)


def _plotly_png_download(page) -> str:
    """In the dark theme: no plotly figure offers "Share chart...", and the first plotly figure a reader
    sees downloads as a PNG on the dark background. Returns what was checked (for the report)."""
    from PIL import Image

    if not plotly_info(page):
        return "no plotly figure"
    sharing = page.locator('div.plotly-graph-div .modebar-btn[data-title^="Share chart" i]').count()
    assert sharing == 0, f"{sharing} plotly figure(s) offer to upload themselves to a plotly server (Share chart...)"
    shown = page.locator("div.plotly-graph-div:visible")  # not one inside a folded exercise solution
    if not shown.count():
        return "every plotly figure is inside a folded cell"
    fig = shown.first
    fig.scroll_into_view_if_needed()
    fig.hover()
    button = fig.locator('.modebar-btn[data-title^="Download plot as a png" i]')
    with page.expect_download(timeout=20_000) as download:
        button.click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".png")
    image = Image.open(io.BytesIO(open(path, "rb").read())).convert("RGB")
    assert image.width > 100 and image.height > 100, image.size
    corner = "#" + "".join(f"{v:02x}" for v in image.getpixel((2, 2)))
    assert corner == THEMES["dark"]["bg"], (
        f"the first shown plotly figure's PNG background is {corner}, not the dark theme's"
    )
    return "ok"
