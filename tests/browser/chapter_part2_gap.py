"""Part II, chapter 9 (Figure F29) in the static book: the accuracy-legibility plane responds to its
controls offline, with the pointer and with the keyboard alone, reads its state out in a live region,
redraws in the dark theme, and offers a PNG export."""

from __future__ import annotations

from tests.browser._part1 import check_themes, figure, focus_visible, readout, svgs, tab_to
from tests.browser.visit import on_page


@on_page("notebooks/part2/09_closing_the_gap")
def accuracy_legibility_plane(page, server):
    w = figure(page, "accuracy_legibility", "F29")
    text = readout(w)
    assert "gap" in text and "legibility" in text and "the twin's" in text and "NaN" not in text
    assert w.locator("circle.al-dot").count() >= 10 and w.locator("rect.al-twin").count() >= 10
    assert w.locator("circle.al-chosen").count() == 1
    assert w.locator(".al-gallery img").count() == 18

    # pointer: another width, then the twin's filters
    widths = w.get_by_role("group", name="width K").locator("button")
    assert widths.count() >= 2
    before = readout(w)
    widths.nth(0).click()  # the chosen 36-epoch recipe was measured at one width only
    assert widths.nth(0).get_attribute("aria-pressed") == "true" and readout(w) != before
    assert "was not measured at K = 50" in w.locator(".yl-message").text_content()
    assert w.locator("circle.al-chosen").get_attribute("data-width") == "50"
    pics = w.locator(".al-gallery img").nth(0).get_attribute("src")
    w.get_by_role("button", name="ReLU twin's filters").click()
    assert w.locator(".al-gallery img").nth(0).get_attribute("src") != pics

    # keyboard only: Tab to the lever list and change it with the arrow keys; Tab to the plane, arrows
    lever = tab_to(page, w, w.locator("select"))
    assert focus_visible(page)
    before = readout(w)
    page.keyboard.press("ArrowDown")
    assert readout(w) != before
    plane = tab_to(page, w, w.locator("svg.al-plane"))
    assert focus_visible(page) and "arrow keys" in plane.get_attribute("aria-label").lower()
    before, drawn = readout(w), svgs(w)
    page.keyboard.press("End")
    assert readout(w) != before and svgs(w) != drawn
    # a lever not measured at this width says so in the widget, never as NaN
    n_levers = lever.locator("option").count()
    for i in range(n_levers):
        lever.select_option(str(i))
        assert "NaN" not in w.text_content()

    assert w.get_by_role("button", name="Save as PNG: this figure, as accuracy-legibility.png").count() == 1
    check_themes(page, [("accuracy_legibility", 0)], "part2_09_gap")
