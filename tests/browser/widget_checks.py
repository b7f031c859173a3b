"""Helpers for the widget tests of chapter pages: find a widget by name once it has drawn, reach a
control with the Tab key, switch the book's theme (and check that a widget follows it), compare canvas
pixels."""

from __future__ import annotations

from tests.browser.helpers import SCREENSHOTS, screenshot, settle_theme

_FOCUS_BEFORE = """el => {
  const sel = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]';
  const all = [...document.querySelectorAll(sel)].filter(
    (n) => n.tabIndex >= 0 && !n.hidden && n.getClientRects().length);
  const i = all.indexOf(el);
  if (i < 1) return false;
  all[i - 1].focus();
  return document.activeElement === all[i - 1];
}"""


def widget(page, name: str, index: int = 0):
    """The ``index``-th widget ``data-widget=name`` of the page, scrolled into view and drawn."""
    w = page.locator(f'[data-widget="{name}"]').nth(index)
    w.scroll_into_view_if_needed()
    page.wait_for_function("el => el.dataset.drawnMs !== undefined", arg=w.element_handle(), timeout=20_000)
    return w


def tab_to(page, control) -> None:
    """Put the focus on the focusable element just before ``control``, press Tab, and assert that
    the focus is now on ``control`` (so a keyboard user reaches it with Tab)."""
    assert control.evaluate(_FOCUS_BEFORE), "no focusable element before the control"
    page.keyboard.press("Tab")
    assert control.evaluate("el => document.activeElement === el"), "Tab did not reach the control"


def focus_next(page, control) -> None:
    """Press Tab once and assert that the focus moved to ``control``."""
    page.keyboard.press("Tab")
    assert control.evaluate("el => document.activeElement === el"), "Tab did not move to the expected control"


def set_theme(page, theme: str) -> None:
    """Switch the book (pydata-sphinx-theme) to ``theme`` ('light' or 'dark') as its switch does."""
    page.evaluate(
        "t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme
    )
    settle_theme(page, theme)


def canvas_pixels(canvas) -> str:
    """The pixels of a canvas, as a data URL (to compare two states)."""
    return canvas.evaluate("c => c.toDataURL()")


def check_follows_dark(
    page,
    w,
    *,
    picture=None,
    light_picture=None,
    message: str = "the figure was not redrawn in the dark theme",
    light_shot: str | None = None,
    page_shot: str | None = None,
    widget_shot: str | None = None,
    back_to_light: bool = False,
) -> None:
    """Switch the book to the dark theme (``set_theme``) and assert that the widget ``w`` follows it: its
    ``data-yl-theme`` turns "dark", and, with ``picture`` (a function of no arguments, e.g. the pixels
    of a canvas) and ``light_picture`` (what it returned in the light theme), the picture changed.

    Screenshots (``_build/screenshots/<name>.png``): ``light_shot`` (the whole page) before the
    switch; ``page_shot`` (the whole page) and ``widget_shot`` (the widget alone) after it. With
    ``back_to_light``, switch back to the light theme at the end."""
    name = w.get_attribute("data-widget")
    if light_shot:
        screenshot(page, light_shot)
    set_theme(page, "dark")
    assert w.get_attribute("data-yl-theme") == "dark", f"{name} did not follow the dark theme"
    if picture is not None:
        assert picture() != light_picture, message
    if page_shot:
        screenshot(page, page_shot)
    if widget_shot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        w.screenshot(path=str(SCREENSHOTS / f"{widget_shot}.png"))
    if back_to_light:
        set_theme(page, "light")
