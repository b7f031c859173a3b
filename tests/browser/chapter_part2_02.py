"""Part II, chapter 2 (training curves, Figure F16) in the static book: the controls work offline, with
the pointer and with the keyboard alone, in the light and the dark theme."""

from __future__ import annotations

from tests.browser.figure_checks import widget
from tests.browser.visit import on_page
from tests.browser.widget_checks import canvas_pixels, check_follows_dark, focus_next, tab_to

CHAPTER = "notebooks/part2/02_train_it"


@on_page(CHAPTER)
def training_curves(page, server):
    w = widget(page, "training_curves")
    readout = w.locator("[role=status]").first
    last = readout.text_content()
    assert last.startswith("Epoch 12 of 12: Yat MLP loss") and "ReLU MLP loss" in last
    assert w.locator("svg.tc-loss .tc-line-0").count() == 1 and w.locator("svg.tc-accuracy .tc-line-1").count() == 1
    chart = w.locator("svg.tc-loss")
    chart.focus()
    page.keyboard.press("Home")
    first = readout.text_content()
    assert first.startswith("Epoch 1 of 12:") and first != last
    marker = w.locator("svg.tc-loss .yl-marker").get_attribute("x1")
    page.keyboard.press("ArrowRight")
    assert readout.text_content().startswith("Epoch 2 of 12:")
    assert w.locator("svg.tc-loss .yl-marker").get_attribute("x1") != marker
    assert "NaN" not in w.text_content()
    check_follows_dark(page, w, back_to_light=True)


@on_page(CHAPTER)
def unit_gallery(page, server):
    w = widget(page, "unit_gallery")
    readout, title = w.locator("[role=status]").first, w.locator(".ug-title")
    assert "Yat MLP" in title.text_content() and "vote for" in title.text_content()
    gallery = lambda: w.locator("canvas.ug-gallery")  # noqa: E731 - the canvas is redrawn on each change
    yat = canvas_pixels(gallery())
    w.get_by_role("button", name="ReLU MLP: first-layer filters").click()
    assert "ReLU MLP" in title.text_content() and canvas_pixels(gallery()) != yat
    assert readout.text_content().startswith("ReLU MLP: first-layer filters: 48 units.")
    # keyboard only: Tab between the panel buttons, Enter switches; arrows pick a unit on the gallery
    tab_to(page, w.get_by_role("button", name="Yat: class it votes for"))
    page.keyboard.press("Enter")
    assert "vote for" in title.text_content() and canvas_pixels(gallery()) == yat
    focus_next(page, w.get_by_role("button", name="Yat: class it shows"))
    page.keyboard.press(" ")
    assert "nearest training image" in title.text_content()
    gallery().focus()
    page.keyboard.press("ArrowRight")
    assert readout.text_content().startswith("Yat: class it shows: 48 units. Unit 0 shows ")
    page.keyboard.press("ArrowDown")
    assert "Unit 12 shows " in readout.text_content()
    page.keyboard.press("End")
    assert "Unit 47 shows " in readout.text_content()
    assert "NaN" not in w.text_content()
    check_follows_dark(
        page,
        w,
        picture=lambda: canvas_pixels(gallery()),
        light_picture=yat,
        light_shot="part2_02_f16",
        page_shot="part2_02_dark",
        widget_shot="part2_02_f16_dark_widget",
    )
