"""Helpers for browser tests of chapter pages (see ``conftest.py`` for the fixtures).

A chapter's check (in ``chapter_*.py``) runs on the page's one visit (``visit.py``), which has
opened the page, started its widgets, and asserts after the check that it caused no console error::

    from tests.browser.helpers import move_plotly_slider, screenshot
    from tests.browser.visit import on_page

    @on_page("notebooks/part1/02_the_kernel")
    def kernel_slider(page, server):
        move_plotly_slider(page, fig_index=0, step_index=3)
        screenshot(page, "part1_02_eps3")
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BUILD
from tests.figure_signature import FIGURE_SIGNATURE_JS, READOUT_JS

SCREENSHOTS = BUILD / "screenshots"

# "ready" once every widget view has rendered something, every plotly figure is drawn,
# and MathJax (when present) has typeset the page; "error: ..." as soon as html-manager
# shows a widget that failed to load.
_READY_JS = """() => {
  const broken = document.querySelector('.jupyter-widgets-error-widget');
  if (broken) return 'error: ' + (broken.textContent || broken.title || 'widget failed to load').trim().slice(0, 500);
  const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  for (const tag of views) {
    const area = tag.previousElementSibling;
    if (!area || !area.classList.contains('widget-subarea')) return false;
    const view = area.firstElementChild;
    if (!view || (view.childElementCount === 0 && !view.textContent.trim())) return false;
  }
  for (const div of document.querySelectorAll('div.plotly-graph-div')) {
    if (!div.classList.contains('js-plotly-plot') || !div.querySelector('.main-svg')) return false;
  }
  if (window.MathJax && window.MathJax.startup && !window.__yatMathDone) {
    window.MathJax.startup.promise.then(() => { window.__yatMathDone = true; });
    return false;
  }
  return 'ready';
}"""


def open_chapter(page, server: str, chapter: str, timeout_ms: int = 60_000):
    """Open ``<chapter>.html`` (a path like ``notebooks/part2/01_built_by_hand``) and wait
    until its widgets, plotly figures and math are rendered. Returns ``page``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    response = page.goto(f"{server}{chapter.removesuffix('.html')}.html", wait_until="load")
    assert response is not None and response.ok, f"{chapter}: HTTP {response and response.status}"
    try:
        state = page.wait_for_function(_READY_JS, timeout=timeout_ms, polling=100).json_value()
    except PlaywrightTimeout:
        raise AssertionError(
            f"{chapter}: widgets/plotly/math not rendered after {timeout_ms} ms; "
            f"console errors: {page.yat_console_errors}; page errors: {page.yat_page_errors}; "
            f"blocked requests: {page.yat_blocked}"
        ) from None
    if state != "ready":
        raise AssertionError(
            f"{chapter}: a widget failed to render ({state}); "
            f"console errors: {page.yat_console_errors}; blocked requests: {page.yat_blocked}"
        )
    return page


def set_range_value(locator, value) -> None:
    """Set an ``<input type=range>`` to ``value`` and fire ``input`` and ``change`` as a user would."""
    locator.evaluate(
        """(el, v) => {
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          setter.call(el, String(v));
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }""",
        value,
    )


def plotly_figures(page):
    """Locator of the page's plotly figures, in page order."""
    return page.locator("div.plotly-graph-div.js-plotly-plot")


def plotly_slider_active(page, fig_index: int, slider_index: int = 0) -> int:
    """The active step of a plotly slider."""
    return plotly_figures(page).nth(fig_index).evaluate("(gd, k) => gd._fullLayout.sliders[k].active", slider_index)


def move_plotly_slider(page, fig_index: int, step_index: int, slider_index: int = 0) -> None:
    """Click a plotly slider's rail at step ``step_index``, as a reader would, and wait
    until the slider reports that step as active (its step method has then run)."""
    fig = plotly_figures(page).nth(fig_index)
    fig.scroll_into_view_if_needed()
    slider = fig.locator("g.slider-container").nth(slider_index)
    ticks = slider.locator("rect.slider-tick-rect")
    n = ticks.count()
    if not 0 <= step_index < n:
        raise IndexError(f"slider has {n} steps; asked for step {step_index}")
    tick = ticks.nth(step_index).bounding_box()
    rail = slider.locator("rect.slider-rail-touch-rect").bounding_box()
    page.mouse.click(tick["x"] + tick["width"] / 2, rail["y"] + rail["height"] / 2)
    page.wait_for_function(
        "([gd, k, i]) => gd._fullLayout.sliders[k].active === i",
        arg=[fig.element_handle(), slider_index, step_index],
        timeout=10_000,
    )


def clean_marks(page) -> tuple[int, int, int]:
    """Where ``assert_clean(page, since=...)`` starts: the number of blocked requests, console errors
    and page errors recorded so far."""
    return len(page.yat_blocked), len(page.yat_console_errors), len(page.yat_page_errors)


def assert_clean(page, since: tuple[int, int, int] = (0, 0, 0)) -> None:
    """No console errors, no uncaught page errors, no blocked (non-127.0.0.1) requests (since the
    marks ``since`` of ``clean_marks``, or since the page was opened)."""
    blocked, console, errors = (
        page.yat_blocked[since[0] :],
        page.yat_console_errors[since[1] :],
        page.yat_page_errors[since[2] :],
    )
    problems = []
    if blocked:
        problems.append(f"requests to other hosts (blocked): {blocked}")
    if console:
        problems.append(f"console errors: {console}")
    if errors:
        problems.append(f"page errors: {errors}")
    assert not problems, f"{page.url}\n" + "\n".join(problems)


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG of the page to ``_build/screenshots/<name>.png`` and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# ---------------------------------------------------------------- book-wide checks (issue #12)
# Used by accessibility.py, themes.py, page_weight.py and motion.py: every
# page of the toc, its widgets started by scrolling, the book's own theme switch, axe-core from
# the book's _static, and a fingerprint of what a figure shows.

AXE_JS = "_static/vendor/axe-core/axe.min.js"
THEME_SCREENSHOTS = SCREENSHOTS / "themes"


def toc_pages() -> list[str]:
    """Every page of ``_toc.yml`` in reading order (``book/preface``, ``notebooks/part1/01_...``, ...)."""
    import yaml

    from tests.conftest import ROOT

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages: list[str] = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(str(entry["file"]).removesuffix(".ipynb").removesuffix(".md"))
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return pages


# Every anywidget view on the page with the id of the figure it belongs to: its data-figure (from
# the widget's label "Figure F15: ...", see dom.js mountWidget) or else the anchor of the first
# caption that follows it. A caption starts "**Figure II.1.1.**" and carries its figure's id as an
# anchor, <span id="fig-F15"></span> (tests/text_rules.py); a caption without one gives its number.
FIGURE_OF_JS = """(node) => {
  if (node.dataset && node.dataset.figure) return node.dataset.figure;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  walker.currentNode = node;
  let seen = 0;
  while (walker.nextNode() && seen < 2000) {
    const e = walker.currentNode;
    if (node.contains(e)) continue;
    seen++;
    if (e.tagName === 'STRONG') {
      const c = e.textContent.match(/^Figure ([IV]+\\.\\d+\\.\\d+)\\.$/);
      if (c) {
        const anchor = e.parentElement && e.parentElement.querySelector('span[id^="fig-"]');
        return anchor ? anchor.id.slice(4) : c[1];
      }
    }
  }
  return '?';
}"""

WIDGETS_JS = """() => {
  const figureOf = FIGURE_OF;
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  return views.map((tag, i) => {
    const area = tag.previousElementSibling;
    const view = area && area.classList.contains('widget-subarea') ? area.firstElementChild : null;
    const root = view && (view.matches('.yl-widget[data-widget]') ? view
                          : view.querySelector('.yl-widget[data-widget]'));
    const node = root || view;
    return {
      index: i,
      figure: node ? figureOf(node) : '?',
      name: node ? (node.dataset.widget
                    || [...node.classList].filter((c) => !/^(lm-|jupyter-|yl-widget)/.test(c)).join(' ')
                    || node.tagName).slice(0, 60) : 'missing view',
      root: Boolean(root),
      status: Boolean(root && root.querySelector('.yl-status[aria-live="polite"]')),
      // a finished tqdm progress bar (a training run when the cache was cold), not a figure
      progress: Boolean(view && !root && view.querySelector('.widget-hprogress, progress')),
    };
  });
}""".replace("FIGURE_OF", FIGURE_OF_JS)

PLOTLY_JS_INFO = """() => {
  const figureOf = FIGURE_OF;
  return [...document.querySelectorAll('div.plotly-graph-div')].map((gd, i) => ({
    index: i,
    figure: figureOf(gd),
    sliders: ((gd.layout && gd.layout.sliders) || []).length,
    menus: ((gd.layout && gd.layout.updatemenus) || []).length,
  }));
}""".replace("FIGURE_OF", FIGURE_OF_JS)


def widget_views(page) -> list[dict]:
    """The page's widget views in page order: ``{index, figure, name, root, status, progress}``;
    ``root`` is whether the view is a yatlib widget root (``.yl-widget[data-widget]``, made by
    ``mountWidget``); ``progress`` marks a finished tqdm progress bar (printed by a training run
    when the build found no cached result), which is output, not a figure."""
    return page.evaluate(WIDGETS_JS)


def plotly_info(page) -> list[dict]:
    """The page's plotly figures in page order: ``{index, figure, sliders, menus}``."""
    return page.evaluate(PLOTLY_JS_INFO)


def widget_roots(page):
    """Locator of the page's yatlib widget roots (``.yl-widget[data-widget]``), in page order."""
    return page.locator(".yl-widget[data-widget]")


_SCROLL_THROUGH_JS = """async (timeoutMs) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Two animation frames, or 250 ms if the page draws no frames (a page chromium treats as hidden
  // gets no requestAnimationFrame at all: waiting for one hung a test run).
  const frames = () => new Promise((r) => {
    requestAnimationFrame(() => requestAnimationFrame(r));
    setTimeout(r, 250);
  });
  const end = performance.now() + 4 * timeoutMs;  // the whole walk, however long the page
  const H = window.innerHeight;
  const roots = () => [...document.querySelectorAll('.yl-widget[data-widget]')];
  const nudged = new Set();
  for (let y = 0; performance.now() < end; y += Math.round(H * 0.9)) {
    window.scrollTo(0, y);
    await frames();
    const t0 = performance.now();
    while (performance.now() - t0 < timeoutMs && performance.now() < end) {
      const pending = roots().filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > -400 && r.top < H + 400 && !el.dataset.drawnMs;
      });
      if (!pending.length) break;
      // Near the viewport for 3 s and not started: bring it fully into view once (on a loaded
      // machine chromium has been seen not to report an intersection of an element at the edge).
      if (performance.now() - t0 > 3000) {
        for (const el of pending.filter((el) => !nudged.has(el))) {
          nudged.add(el);
          el.scrollIntoView({ block: 'center' });
        }
      }
      await sleep(20);
    }
    if (y + H >= document.documentElement.scrollHeight) break;
  }
  await frames();
  window.scrollTo(0, 0);
  await frames();
  return {
    now: performance.now(),
    hidden: document.visibilityState !== 'visible',
    widgets: roots().map((el) => ({
      name: el.dataset.widget, drawnMs: el.dataset.drawnMs ? Number(el.dataset.drawnMs) : null })),
    nudged: [...nudged].map((el) => el.dataset.widget),
  };
}"""


def scroll_through(page, timeout_ms: int = 20_000) -> dict:
    """Scroll from top to bottom one screen at a time, waiting at each step until the widgets
    near the viewport have drawn (they start lazily), then back to the top.
    Returns ``{now, hidden, widgets: [{name, drawnMs}], nudged}`` (times in ms since navigation;
    ``hidden``: chromium treated the page as not visible, so it drew no frames; ``nudged``: widgets
    that had not started after 3 s near the viewport and were then scrolled to its centre)."""
    return page.evaluate(_SCROLL_THROUGH_JS, timeout_ms)


# A fingerprint of what a widget shows: the pixels of its canvases and the markup of its
# figure (SVG, images, HTML), without its controls, read-outs, messages and text alternatives,
# so that moving a slider changes it only if the figure changes.
# A picture that is also picked with the keys (an svg or canvas with role=slider) stays part of the
# figure; every other control (inputs, buttons, sliders, read-outs, messages) is left out.
def figure_signature(root) -> str:
    """Fingerprint of what the widget ``root`` (a locator or element handle) shows."""
    return root.evaluate(FIGURE_SIGNATURE_JS)


def readout(root) -> str:
    """The text of the widget's live read-out(s) (``.yl-status``)."""
    return root.evaluate(READOUT_JS)


def book_theme(page) -> str:
    """The theme the page shows: ``html[data-theme]`` ("light" or "dark")."""
    return page.evaluate("document.documentElement.dataset.theme || ''")


def switch_theme(page, want: str) -> int:
    """Press the book's own theme button (pydata-sphinx-theme cycles light, dark and the system
    setting) until the page shows ``want``; returns the number of presses."""
    button = page.locator(".theme-switch-button:visible").first
    mode = "() => (document.documentElement.dataset.theme || '') + '/' + (document.documentElement.dataset.mode || '')"
    for presses in range(4):
        if book_theme(page) == want:
            return presses
        shown = page.evaluate(mode)  # a press changes the mode (light, dark, auto); the theme may stay
        button.click()
        wait_until(page, f"(shown) => ({mode})() !== shown", shown, timeout_ms=2000)
    raise AssertionError(f"the theme button never switched the page to {want!r} (it shows {book_theme(page)!r})")


def wait_until(page, js: str, arg=None, timeout_ms: int = 10_000, polling: int = 50) -> bool:
    """Wait until the JavaScript predicate ``js`` (a function of ``arg``) is true; False when it is
    still false after ``timeout_ms`` (no exception: the caller's assertion then says what is wrong).
    Used instead of a fixed sleep wherever a test waits for the page to reach a state."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_ms, polling=polling)
        return True
    except PlaywrightTimeout:
        return False


# The page has followed the theme ``want``: every started widget says so (data-yl-theme), every drawn
# plotly figure has the theme's background (yat-plotly-theme.js relayouts it), and no CSS transition
# is still running (the theme's colours fade in; axe once read colours half-way through the fade).
_THEME_SETTLED_JS = r"""([want, paper]) => {
  if ((document.documentElement.dataset.theme || '') !== want) return false;
  const roots = [...document.querySelectorAll('.yl-widget[data-ready]')];
  if (!roots.every((el) => el.dataset.ylTheme === want)) return false;
  const hex = (c) => { const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(String(c || '').trim());
    return m ? '#' + m.slice(1, 4).map((v) => Number(v).toString(16).padStart(2, '0')).join('')
             : String(c || '').trim().toLowerCase(); };
  const plots = [...document.querySelectorAll('div.plotly-graph-div')];
  if (paper && !plots.every((gd) => !gd._fullLayout || hex(gd._fullLayout.paper_bgcolor) === paper)) return false;
  return !document.getAnimations().some((a) => a.playState === 'running' && a.effect
    && a.effect.getComputedTiming().endTime !== Infinity);
}"""


def settle_theme(page, want: str, timeout_ms: int = 10_000) -> bool:
    """Wait until the page has followed the theme ``want`` (see ``_THEME_SETTLED_JS``) and drawn two
    frames since; False if it has not after ``timeout_ms`` (the caller's assertions say what is missing)."""
    from yatlib.style import plotly_layout

    paper = str(plotly_layout(want)["paper_bgcolor"]).lower()
    done = wait_until(page, _THEME_SETTLED_JS, [want, paper], timeout_ms=timeout_ms)
    page.evaluate(
        "() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 250); })"
    )
    return done


def inject_axe(page, server: str) -> None:
    """Load axe-core into the page from the book's own ``_static`` (vendored, pinned and checksummed)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=f"{server}{AXE_JS}")


def run_axe(page) -> list[dict]:
    """Run axe-core on the whole page; returns its violations as
    ``{id, impact, help, nodes: [{target, summary}]}``."""
    return page.evaluate("""async () => {
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300) })),
      }));
    }""")


def page_id(chapter: str) -> str:
    """A file name for a page: ``notebooks/part2/08_where...`` -> ``part2_08_where...``."""
    return chapter.removeprefix("notebooks/").replace("/", "_")
