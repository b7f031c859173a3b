"""Helpers for browser tests of chapter pages (see ``conftest.py`` for the fixtures).

Typical test::

    from tests.browser.helpers import open_chapter, move_plotly_slider, assert_clean, screenshot

    def test_kernel_page(page, server):
        open_chapter(page, server, "notebooks/part1/02_the_kernel")
        move_plotly_slider(page, fig_index=0, step_index=3)
        screenshot(page, "part1_02_eps3")
        assert_clean(page)
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BUILD

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
            f"blocked requests: {page.yat_blocked}") from None
    if state != "ready":
        raise AssertionError(f"{chapter}: a widget failed to render ({state}); "
                             f"console errors: {page.yat_console_errors}; blocked requests: {page.yat_blocked}")
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
    return plotly_figures(page).nth(fig_index).evaluate(
        "(gd, k) => gd._fullLayout.sliders[k].active", slider_index)


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
        arg=[fig.element_handle(), slider_index, step_index], timeout=10_000)


def assert_clean(page) -> None:
    """No console errors, no uncaught page errors, no blocked (non-127.0.0.1) requests."""
    problems = []
    if page.yat_blocked:
        problems.append(f"requests to other hosts (blocked): {page.yat_blocked}")
    if page.yat_console_errors:
        problems.append(f"console errors: {page.yat_console_errors}")
    if page.yat_page_errors:
        problems.append(f"page errors: {page.yat_page_errors}")
    assert not problems, f"{page.url}\n" + "\n".join(problems)


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG of the page to ``_build/screenshots/<name>.png`` and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
