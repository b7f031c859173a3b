"""Part II, chapter 6 (Figures F21, F22) in the static book: the controls work offline, with the pointer
and with the keyboard alone, in the light and the dark theme."""

from __future__ import annotations

from tests.browser.figure_checks import widget
from tests.browser.helpers import set_range_value
from tests.browser.visit import on_page
from tests.browser.widget_checks import canvas_pixels, check_follows_dark, focus_next, tab_to

CHAPTER = "notebooks/part2/06_geometry"


@on_page(CHAPTER)
def concept_map(page, server):
    w = widget(page, "concept_map")
    readout, canvas = w.locator("[role=status]").first, w.locator("canvas.cm-map")
    assert readout.text_content().startswith("PCA layout, whole map.")
    pca = canvas_pixels(canvas)
    w.get_by_role("button", name="UMAP").click()
    assert readout.text_content().startswith("UMAP layout") and canvas_pixels(canvas) != pca
    # keyboard: Tab from the layout buttons to the zoom buttons, then pick and zoom on the map
    tab_to(page, w.get_by_role("button", name="PCA"))
    page.keyboard.press("Enter")
    assert readout.text_content().startswith("PCA layout")
    canvas.focus()
    page.keyboard.press("Home")
    first = readout.text_content()
    assert "Unit " in first and " detects " in first and "nearest neighbours on this map" in first
    page.keyboard.press("ArrowRight")
    assert readout.text_content() != first
    before = canvas_pixels(canvas)
    page.keyboard.press("+")
    assert "zoomed 1.5×" in readout.text_content() and canvas_pixels(canvas) != before
    page.keyboard.press("+")
    assert "zoomed 2.25×" in readout.text_content()
    page.keyboard.press("0")
    assert "whole map" in readout.text_content()
    zoom_in = w.get_by_role("button", name="zoom in (key +)")
    tab_to(page, zoom_in)
    page.keyboard.press("Enter")
    assert "zoomed 1.5×" in readout.text_content()
    focus_next(page, w.get_by_role("button", name="zoom out (key −)"))
    page.keyboard.press(" ")
    assert "whole map" in readout.text_content()
    assert "NaN" not in w.text_content()
    check_follows_dark(
        page,
        w,
        picture=lambda: canvas_pixels(canvas),
        light_picture=before,
        light_shot="part2_06_f21",
        page_shot="part2_06_dark",
        widget_shot="part2_06_f21_dark_widget",
    )


@on_page(CHAPTER)
def boundary_walk(page, server):
    w = widget(page, "boundary_walk")
    readout, slider = w.locator("[role=status]").first, w.locator("input[type=range]")
    set_range_value(slider, 0)
    at0 = readout.text_content()
    set_range_value(slider, 1)
    at1 = readout.text_content()
    assert "t = 0.00: predicted" in at0 and "t = 1.00: predicted" in at1
    assert at0.split("predicted ")[1].split(";")[0] != at1.split("predicted ")[1].split(";")[0]
    assert w.locator(".bw-flip").count() >= 1 and "flips at t =" in at1
    label = w.locator(".bw-pairlabel").text_content()
    w.get_by_role("button", name="a new pair of items").click()
    assert w.locator(".bw-pairlabel").text_content() != label
    w.get_by_role("button", name="previous pair").click()
    assert w.locator(".bw-pairlabel").text_content() == label
    # a click on the strip moves t there
    box = w.locator("svg.bw-strip").bounding_box()
    w.locator("svg.bw-strip").click(position={"x": box["width"] * (20 + 600 * 10.5 / 41) / 640, "y": 20})
    assert "t = 0.25:" in readout.text_content()
    # keyboard only: Tab to the slider, arrows move t; Tab to the pair buttons, Enter changes the pair
    tab_to(page, slider)
    blend = canvas_pixels(w.locator("canvas.bw-pic").nth(1))
    text = readout.text_content()
    page.keyboard.press("ArrowRight")
    assert "t = 0.26:" in readout.text_content() and readout.text_content() != text
    assert canvas_pixels(w.locator("canvas.bw-pic").nth(1)) != blend
    focus_next(page, w.get_by_role("button", name="previous pair"))
    focus_next(page, w.get_by_role("button", name="a new pair of items"))
    page.keyboard.press("Enter")
    assert w.locator(".bw-pairlabel").text_content() != label
    assert "NaN" not in w.text_content()
    check_follows_dark(
        page, w, light_shot="part2_06_f22", page_shot="part2_06_dark", widget_shot="part2_06_f22_dark_widget"
    )
