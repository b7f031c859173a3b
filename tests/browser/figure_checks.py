"""More helpers for the widget tests of chapter pages (next to ``widget_checks.py``): read a widget's
live read-out, reach a control with Tab from the start of its widget (and press a key there, or save the
figure as a PNG), switch the theme and wait until every widget follows, read the colours a chart was drawn
with, and check on one visit that a figure redraws in the dark theme.

A widget starts when it first comes near the viewport (``mountWidget``), so ``widget`` (from
``widget_checks``) scrolls to it and waits until it has drawn.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser.helpers import screenshot
from tests.browser.widget_checks import widget

__all__ = [
    "widget",
    "readout",
    "tab_until",
    "focused",
    "switch_theme",
    "chart_text_fill",
    "text_colour",
    "tab_and_press",
    "export_with_keyboard",
    "check_dark_theme",
    "tab_from_focus_until",
]


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
        if w.evaluate(
            "(el, sel) => { const a = document.activeElement; return el.contains(a) && a.matches(sel); }", selector
        ):
            style = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
            )
            assert style[0] != "none" and style[1] != "0px", f"the focus on {selector} is not visible: outline {style}"
            return
    raise AssertionError(f"{selector} was not reached with {max_tabs} presses of Tab")


def focused(page) -> str:
    """A short description of the focused element (for messages)."""
    return page.evaluate(
        "() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : 'nothing'; }"
    )


def switch_theme(page, theme: str) -> None:
    """Switch the book's theme (as its light/dark switch does) and wait until every started widget follows."""
    page.evaluate(
        "t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme
    )
    page.wait_for_function(
        "t => [...document.querySelectorAll('.yl-widget[data-ready]')].every(el => el.dataset.ylTheme === t)",
        arg=theme,
        timeout=10_000,
    )


def chart_text_fill(w) -> str:
    """The fill of the first text of the widget's first SVG chart (the theme's foreground)."""
    return w.locator("svg.yl-chart text").first.get_attribute("fill") or ""


def text_colour(w) -> str:
    """The computed colour of the widget's read-out (it follows the theme)."""
    return w.locator('[role="status"][aria-live="polite"]').first.evaluate("el => getComputedStyle(el).color")


def tab_and_press(page, w, selector: str, key: str) -> None:
    """Reach the control ``selector`` of widget ``w`` with Tab alone (``tab_until``: its focus must be
    visible), then press ``key`` on it."""
    tab_until(page, w, selector)
    page.keyboard.press(key)


def export_with_keyboard(page, w, filename: str, min_bytes: int | None = None) -> None:
    """Tab to the widget's "Save as PNG" button, press Enter and assert that the browser downloads
    ``filename`` (no kernel, no network); with ``min_bytes``, that the file is larger than that."""
    tab_until(page, w, "button.yl-export")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == filename
    if min_bytes is not None:
        assert Path(download.value.path()).stat().st_size > min_bytes, "the saved image is empty"


def check_dark_theme(
    page, figures: dict, signature, shot: str, dark_shots: dict | None = None, back_to_light: bool = False
) -> None:
    """On one visit: read ``signature(w)`` of each widget of ``figures`` (``{what it is: locator}``) in
    the light theme, save a screenshot of the viewport at the first one (``<shot>_light``), switch to
    the dark theme and assert that every signature changed (``<what> did not redraw in the dark
    theme``); then save a screenshot of the viewport at each locator of ``dark_shots`` (``{name:
    locator}``, by default ``{<shot>_dark: the first figure}``). With ``back_to_light``, switch back
    and assert that every signature is the light one again.

    ``signature`` is what the theme changes: ``chart_text_fill`` (a chart's foreground) or
    ``text_colour`` (the read-out's computed colour)."""
    first = next(iter(figures.values()))
    light = {what: signature(w) for what, w in figures.items()}
    first.scroll_into_view_if_needed()
    screenshot(page, f"{shot}_light", full_page=False)
    switch_theme(page, "dark")
    for what, w in figures.items():
        assert signature(w) != light[what], f"{what} did not redraw in the dark theme"
    for name, target in (dark_shots or {f"{shot}_dark": first}).items():
        target.scroll_into_view_if_needed()
        screenshot(page, name, full_page=False)
    if back_to_light:
        switch_theme(page, "light")
        for what, w in figures.items():
            assert signature(w) == light[what], f"{what} did not go back to the light theme"


def tab_from_focus_until(page, selector: str, what: str, max_tabs: int = 30) -> None:
    """Press Tab, from wherever the focus is, until the focused element matches ``selector``;
    fail with ``<what> cannot be reached with Tab`` after ``max_tabs`` presses."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{what} cannot be reached with Tab")
