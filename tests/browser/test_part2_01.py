"""Part II, chapter 1 (Figure F15) in the static book: the slider and the source switch work offline."""

from tests.browser.helpers import assert_clean, open_chapter, screenshot, set_range_value


def test_hand_built_classifier_figure(page, server):
    open_chapter(page, server, "notebooks/part2/01_built_by_hand")
    widget = page.locator(".yl-widget").filter(has=page.locator(".yl-gallery")).first
    widget.scroll_into_view_if_needed()
    readout = widget.locator(".yl-readout")
    pictures = widget.locator(".yl-gallery img")
    assert readout.text_content().startswith("5 per class")
    assert pictures.count() == 5 * 10

    slider = widget.locator("input[type=range]")
    elapsed = page.evaluate("() => performance.now()")
    set_range_value(slider, 20)
    elapsed = page.evaluate("t => performance.now() - t", elapsed)
    text20 = readout.text_content()
    assert text20.startswith("20 per class") and pictures.count() == 20 * 10
    assert widget.locator("svg .yl-marker").count() == 1

    widget.get_by_role("button", name="random training pictures").click()
    assert readout.text_content() != text20, "switching to random pictures must change the accuracies"
    screenshot(page, "part2_01_built_by_hand")
    assert_clean(page)
    assert elapsed < 500, f"a slider move took {elapsed:.0f} ms to redraw"
