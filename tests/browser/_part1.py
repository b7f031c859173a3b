"""Helpers for the Part I browser tests (and Part III's, and chapter 9's): open a chapter at a figure,
find a widget, wait for its lazy start, read what it shows (canvas fingerprints, the live read-out),
reach a control with Tab, and switch the theme."""

from __future__ import annotations

from tests.browser.helpers import screenshot, set_range_value, settle_theme

CH = "notebooks/part1/"

_FOCUSABLE = "input, button, select, [tabindex='0']"


def widget(page, name: str, nth: int = 0):
    """The ``nth`` widget ``data-widget=name``, scrolled into view and started (lazy start done)."""
    loc = page.locator(f"[data-widget={name}]").nth(nth)
    loc.scroll_into_view_if_needed()
    loc.evaluate("el => new Promise(ok => { const t = () => el.dataset.drawnMs ? ok() : setTimeout(t, 50); t(); })")
    return loc


def figure(page, name: str, figure: str):
    """The page's first widget ``name``, started; assert that the widget is labelled as Figure
    ``figure`` (its ``data-figure`` is ``F26``, say)."""
    w = widget(page, name)
    label = w.get_attribute("data-figure") or ""
    assert label == figure, f"{name} is figure {label!r}, not {figure}"
    return w


def canvases(loc) -> list[str]:
    """Data URLs of every canvas in the widget (a cheap fingerprint of what is drawn)."""
    return loc.evaluate("el => Array.from(el.querySelectorAll('canvas')).map(c => c.toDataURL())")


def svgs(loc) -> list[str]:
    """The markup of every SVG in the widget."""
    return loc.evaluate("el => Array.from(el.querySelectorAll('svg')).map(s => s.outerHTML)")


def picture(loc) -> list[str]:
    """Everything the widget draws: canvases, SVGs and coloured tables."""
    return (
        canvases(loc) + svgs(loc) + loc.evaluate("el => Array.from(el.querySelectorAll('table')).map(t => t.outerHTML)")
    )


def readout(loc) -> str:
    """The text of the widget's live read-out (role=status, aria-live=polite)."""
    status = loc.locator("[role=status][aria-live=polite]").first
    return status.text_content() or ""


def draw_ms(loc) -> float:
    return float(loc.evaluate("el => el.dataset.lastDrawMs || 'nan'"))


def slider_latency(loc, index: int, values) -> float:
    """Mean time (ms) of the widget's redraw over a sweep of its ``index``-th range slider, measured in the page."""
    times = []
    rng = loc.locator("input[type=range]").nth(index)
    for v in values:
        set_range_value(rng, v)
        times.append(draw_ms(loc))
    return sum(times) / len(times)


def tab_to(page, loc, target, max_tabs: int = 60):
    """Focus the widget's first focusable element, then press Tab until ``target`` has the focus:
    the control is in the keyboard's Tab order. Returns ``target``."""
    loc.locator(_FOCUSABLE).first.focus()
    handle = target.element_handle()
    for _ in range(max_tabs):
        if page.evaluate("t => document.activeElement === t", handle):
            return target
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} is not reachable with Tab inside the widget")


def focus_visible(page) -> bool:
    """True when the focused element shows a focus ring (an outline wider than 0)."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }"
    )


def click_plane(page, canvas, fx, fy, size, shift=False, margin=(38, 20)):
    """Click a plane panel (plane.js) at fraction (fx, fy) of its square."""
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + margin[0] + fx * size, box["y"] + margin[1] + fy * size
    if shift:
        page.keyboard.down("Shift")
    page.mouse.click(x, y)
    if shift:
        page.keyboard.up("Shift")


def set_theme(page, theme: str) -> None:
    """Switch the book's theme (the pydata switch sets data-theme on <html>)."""
    page.evaluate(
        "t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme
    )
    settle_theme(page, theme)


def check_themes(page, names: list[str], shot: str) -> None:
    """Each named widget (started) redraws in the dark theme: its theme flag flips and its picture
    changes. Screenshots of the page in both themes go to ``_build/screenshots``."""
    locs = [widget(page, n, k) for n, k in names]
    screenshot(page, f"{shot}-light")
    before = [picture(w) for w in locs]
    set_theme(page, "dark")
    for (name, _), w, pic in zip(names, locs, before):
        assert w.evaluate("el => el.dataset.ylTheme") == "dark", f"{name} did not follow the dark theme"
        assert picture(w) != pic, f"{name} did not redraw in the dark theme"
    screenshot(page, f"{shot}-dark")
    set_theme(page, "light")
