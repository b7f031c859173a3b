"""Helpers for the per-figure widget tests of Part II: find a widget, drive it with the keyboard,
read its live read-out, switch the book's theme.

A widget starts when it first comes near the viewport (``mountWidget``), so :func:`widget`
scrolls to it and waits until it has drawn.
"""

from __future__ import annotations


def widget(page, name: str, nth: int = 0):
    """The ``nth`` widget whose ``data-widget`` is ``name``, scrolled into view and drawn."""
    loc = page.locator(f'.yl-widget[data-widget="{name}"]').nth(nth)
    loc.scroll_into_view_if_needed()
    page.wait_for_function("el => el.dataset.drawnMs !== undefined", arg=loc.element_handle(), timeout=20_000)
    return loc


def readout(w) -> str:
    """The text of the widget's live read-out (its first ``role=status`` region)."""
    region = w.locator('[role="status"][aria-live="polite"]').first
    return region.text_content() or ""


def tab_to(page, w, selector: str, max_tabs: int = 40) -> None:
    """Put the keyboard focus at the start of widget ``w``, then press Tab until an element of ``w``
    matching ``selector`` has the focus; assert that the focus is visible there."""
    w.evaluate("el => { el.tabIndex = -1; el.focus(); }")
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if w.evaluate("(el, sel) => { const a = document.activeElement; return el.contains(a) && a.matches(sel); }", selector):
            style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                                  "return [s.outlineStyle, s.outlineWidth]; }")
            assert style[0] != "none" and style[1] != "0px", f"the focus on {selector} is not visible: outline {style}"
            return
    raise AssertionError(f"{selector} was not reached with {max_tabs} presses of Tab")


def focused(page) -> str:
    """A short description of the focused element (for messages)."""
    return page.evaluate("() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : 'nothing'; }")


def set_theme(page, theme: str) -> None:
    """Switch the book's theme (as its light/dark switch does) and wait until every started widget follows."""
    page.evaluate("t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme)
    page.wait_for_function(
        "t => [...document.querySelectorAll('.yl-widget[data-ready]')].every(el => el.dataset.ylTheme === t)",
        arg=theme, timeout=10_000)


def chart_text_fill(w) -> str:
    """The fill of the first text of the widget's first SVG chart (the theme's foreground)."""
    return w.locator("svg.yl-chart text").first.get_attribute("fill") or ""


def text_colour(w) -> str:
    """The computed colour of the widget's read-out (it follows the theme)."""
    return w.locator('[role="status"][aria-live="polite"]').first.evaluate("el => getComputedStyle(el).color")
