"""Helpers for the widget tests of chapter pages: find a widget by name once it has drawn, reach a
control with the Tab key, switch the book's theme, compare canvas pixels."""

from __future__ import annotations

_FOCUS_BEFORE = """el => {
  const sel = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]';
  const all = [...document.querySelectorAll(sel)].filter((n) => n.tabIndex >= 0 && !n.hidden && n.getClientRects().length);
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
    page.evaluate("t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme)
    page.wait_for_timeout(200)


def canvas_pixels(canvas) -> str:
    """The pixels of a canvas, as a data URL (to compare two states)."""
    return canvas.evaluate("c => c.toDataURL()")
