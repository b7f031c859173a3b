"""More helpers for the widget tests of chapter pages (next to ``widget_checks.py``): read a widget's
live read-out, reach a control with Tab from the start of its widget, switch the theme and wait until
every widget follows, read the colours a chart was drawn with.

A widget starts when it first comes near the viewport (``mountWidget``), so ``widget`` (from
``widget_checks``) scrolls to it and waits until it has drawn.
"""

from __future__ import annotations

from tests.browser.widget_checks import widget

__all__ = ["widget", "readout", "tab_until", "focused", "switch_theme", "chart_text_fill", "text_colour"]


def readout(w) -> str:
    """The text of the widget's live read-out (its first ``role=status`` region)."""
    region = w.locator('[role="status"][aria-live="polite"]').first
    return region.text_content() or ""


def tab_until(page, w, selector: str, max_tabs: int = 40) -> None:
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


def switch_theme(page, theme: str) -> None:
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
