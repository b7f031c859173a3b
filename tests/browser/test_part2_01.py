"""Part II, chapter 1 (Figure F15) in the static book, with no kernel: every control changes the
figure and its read-out, with the pointer and with the keyboard alone, in both themes."""

from tests.browser.helpers import assert_clean, open_chapter, screenshot, set_range_value
from tests.browser.figure_checks import chart_text_fill, readout, switch_theme, tab_until, widget

CHAPTER = "notebooks/part2/01_built_by_hand"


def _curve(w) -> str:
    return w.locator("path.hb-line-sum").get_attribute("d")


def test_hand_built_classifier_controls(page, server):
    open_chapter(page, server, CHAPTER)
    w = widget(page, "handbuilt_explorer")
    pictures = w.locator(".hb-gallery img")
    sliders = w.locator("input[type=range]")
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
    assert_clean(page)
    assert elapsed < 500, f"a slider move took {elapsed:.0f} ms to redraw"


def test_hand_built_classifier_keyboard_only(page, server):
    open_chapter(page, server, CHAPTER)
    w = widget(page, "handbuilt_explorer")
    start, curve = readout(w), _curve(w)

    tab_until(page, w, 'input[aria-label="prototypes per class"]')
    page.keyboard.press("ArrowRight")
    assert readout(w).startswith("6 prototypes per class") and w.locator(".hb-gallery img").count() == 60

    tab_until(page, w, ".yl-buttons button:last-of-type")
    page.keyboard.press("Enter")
    assert "random training pictures" in readout(w)
    assert w.get_by_role("button", name="random training pictures").get_attribute("aria-pressed") == "true"

    # one arrow press on b or ε moves to the next precomputed setting (there is no kernel)
    tab_until(page, w, 'input[aria-label="bias b"]')
    page.keyboard.press("ArrowRight")
    assert "b = 1.0" in readout(w), readout(w)
    tab_until(page, w, 'input[aria-label="sharpness floor ε"]')
    page.keyboard.press("ArrowLeft")
    assert "ε = 0.0050" in readout(w), readout(w)
    assert readout(w) != start and _curve(w) != curve

    tab_until(page, w, "button.yl-export")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "handbuilt-classifier.png"
    assert_clean(page)


def test_hand_built_classifier_themes(page, server):
    open_chapter(page, server, CHAPTER)
    w = widget(page, "handbuilt_explorer")
    light = chart_text_fill(w)
    screenshot(page, "part2_01_light", full_page=False)
    switch_theme(page, "dark")
    assert chart_text_fill(w) != light, "the chart did not redraw in the dark theme"
    w.scroll_into_view_if_needed()
    screenshot(page, "part2_01_dark", full_page=False)
    switch_theme(page, "light")
    assert chart_text_fill(w) == light
    assert_clean(page)
