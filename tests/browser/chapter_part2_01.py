"""Part II, chapter 1 (Figure F15) in the static book, with no kernel: every control changes the
figure and its read-out, with the pointer and with the keyboard alone, in both themes."""

import math

from tests.browser.figure_checks import (
    chart_text_fill,
    check_dark_theme,
    export_with_keyboard,
    readout,
    tab_and_press,
    widget,
)
from tests.browser.helpers import screenshot, set_range_value
from tests.browser.visit import on_page

CHAPTER = "notebooks/part2/01_built_by_hand"


def _curve(w) -> str:
    return w.locator("path.hb-line-sum").get_attribute("d")


@on_page(CHAPTER)
def hand_built_classifier_controls(page, server):
    w = widget(page, "handbuilt_explorer")
    pictures = w.locator(".hb-gallery img")
    sliders = w.locator("input[type=range]")
    opening = readout(w)
    assert readout(w).startswith("5 prototypes per class (50 in all), k-means centroids, b = 0.50, ε = 0.050")
    assert pictures.count() == 5 * 10
    assert "Without a Python kernel" in w.locator(".yl-live").text_content()

    elapsed = page.evaluate("() => performance.now()")
    set_range_value(sliders.nth(0), 20)
    elapsed = page.evaluate("t => performance.now() - t", elapsed)
    text20 = readout(w)
    assert text20.startswith("20 prototypes per class") and pictures.count() == 20 * 10
    assert w.locator("svg .yl-marker").count() == 1

    w.get_by_role("button", name="random training pictures").click()
    assert readout(w) != text20 and "random training pictures" in readout(w)

    curve = _curve(w)
    set_range_value(sliders.nth(1), 1.0)  # bias b: a precomputed setting
    assert "b = 1.0" in readout(w) and _curve(w) != curve
    set_range_value(sliders.nth(2), 0.7)  # log10 ε = 0.7 is not precomputed: ε = 5, the nearest one
    assert "ε = 5.0" in readout(w)
    assert "NaN" not in w.text_content()
    screenshot(page, "part2_01_built_by_hand")
    assert elapsed < 500, f"a slider move took {elapsed:.0f} ms to redraw"
    # Put the figure back as it opened, for the keyboard check that follows on the page's visit.
    set_range_value(sliders.nth(0), 5)
    w.get_by_role("button", name="k-means centroids").click()
    set_range_value(sliders.nth(1), 0.5)
    set_range_value(sliders.nth(2), math.log10(0.05))
    assert readout(w) == opening, f"F15 is not back as it opened: {readout(w)!r}"


@on_page(CHAPTER)
def hand_built_classifier_keyboard_only(page, server):
    w = widget(page, "handbuilt_explorer")
    start, curve = readout(w), _curve(w)

    tab_and_press(page, w, 'input[aria-label="prototypes per class"]', "ArrowRight")
    assert readout(w).startswith("6 prototypes per class") and w.locator(".hb-gallery img").count() == 60

    tab_and_press(page, w, ".yl-buttons button:last-of-type", "Enter")
    assert "random training pictures" in readout(w)
    assert w.get_by_role("button", name="random training pictures").get_attribute("aria-pressed") == "true"

    # one arrow press on b or ε moves to the next precomputed setting (there is no kernel)
    tab_and_press(page, w, 'input[aria-label="bias b"]', "ArrowRight")
    assert "b = 1.0" in readout(w), readout(w)
    tab_and_press(page, w, 'input[aria-label="sharpness floor ε"]', "ArrowLeft")
    assert "ε = 0.0050" in readout(w), readout(w)
    assert readout(w) != start and _curve(w) != curve

    export_with_keyboard(page, w, "handbuilt-classifier.png")


@on_page(CHAPTER)
def hand_built_classifier_themes(page, server):
    w = widget(page, "handbuilt_explorer")
    check_dark_theme(page, {"the chart": w}, chart_text_fill, "part2_01", back_to_light=True)
