"""Part II, chapter 8 (Figures F24, F25) in the static book: the controls work offline, with the pointer
and with the keyboard alone, in the light and the dark theme."""

from __future__ import annotations

from tests.browser.figure_checks import widget
from tests.browser.helpers import screenshot, set_range_value, wait_until
from tests.browser.visit import on_page
from tests.browser.widget_checks import canvas_pixels, check_follows_dark, focus_next, tab_to

CHAPTER = "notebooks/part2/08_where_pictures_come_from"


@on_page(CHAPTER)
def seed_comparison_offline(page, server):
    w = widget(page, "seed_comparison")
    readout = w.locator("[role=status]").first
    opening = readout.text_content()
    assert readout.text_content().startswith("image seed, 12 epochs (1× the standard length): test accuracy")
    assert "Without a Python kernel" in w.locator(".yl-live").text_content()
    pics = canvas_pixels(w.locator("canvas.sc-pictures"))
    w.get_by_role("button", name="matched noise").click()
    assert readout.text_content().startswith("noise seed, 12 epochs")
    assert canvas_pixels(w.locator("canvas.sc-pictures")) != pics
    w.get_by_role("button", name="10× (120 epochs)").click()
    assert readout.text_content().startswith("noise seed, 120 epochs (10× the standard length)")
    assert w.locator(".sc-run-bar").count() > 0 and w.locator(".sc-floor-bar").count() > 0
    # the slider snaps to the precomputed lengths without a kernel
    set_range_value(w.locator("input[type=range]"), 30)
    wait_until(
        page,
        # after its 350 ms debounce
        "([el, s]) => el.textContent.startsWith('noise seed, 12 epochs') && s.value === '12'",
        [readout.element_handle(), w.locator("input[type=range]").element_handle()],
        timeout_ms=5000,
    )
    assert readout.text_content().startswith("noise seed, 12 epochs")
    assert w.locator("input[type=range]").input_value() == "12"
    assert "NaN" not in w.text_content()
    screenshot(page, "part2_08_f24")
    # Put the figure back as it opened, for the keyboard check that follows on the page's visit.
    w.get_by_role("button", name="training images").click()
    assert readout.text_content() == opening and canvas_pixels(w.locator("canvas.sc-pictures")) == pics, (
        f"F24 is not back as it opened: {readout.text_content()!r}"
    )


@on_page(CHAPTER)
def seed_comparison_keyboard(page, server):
    w = widget(page, "seed_comparison")
    readout = w.locator("[role=status]").first
    before, pics = readout.text_content(), canvas_pixels(w.locator("canvas.sc-pictures"))
    tab_to(page, w.get_by_role("button", name="training images"))
    focus_next(page, w.get_by_role("button", name="matched noise"))
    page.keyboard.press("Enter")
    assert readout.text_content().startswith("noise seed") and readout.text_content() != before
    assert canvas_pixels(w.locator("canvas.sc-pictures")) != pics
    slider = w.locator("input[type=range]")
    slider.focus()
    page.keyboard.press("ArrowRight")  # no kernel: steps to the next precomputed length, 120 epochs
    page.wait_for_function("el => el.textContent.includes('120 epochs')", arg=readout.element_handle())
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("el => el.textContent.startsWith('noise seed, 12 epochs')", arg=readout.element_handle())


@on_page(CHAPTER)
def seed_comparison_dark_theme(page, server):
    w = widget(page, "seed_comparison")
    pictures = lambda: canvas_pixels(w.locator("canvas.sc-pictures"))  # noqa: E731
    check_follows_dark(
        page,
        w,
        picture=pictures,
        light_picture=pictures(),
        message="the pictures were not redrawn in the dark theme",
        page_shot="part2_08_f24_dark",
        widget_shot="part2_08_f24_dark_widget",
        back_to_light=True,
    )


@on_page(CHAPTER)
def trajectory_map_offline_and_keyboard(page, server):
    w = widget(page, "trajectory_map")
    readout = w.locator("[role=status]").first
    start, path = readout.text_content(), w.locator(".tm-path").first.get_attribute("d")
    assert start.startswith("Training step 0 (snapshot 1 of")
    set_range_value(w.locator("input[type=range]"), 12)
    assert readout.text_content() != start and w.locator(".tm-path").first.get_attribute("d") != path
    w.get_by_role("button", name="noise seed only").click()
    assert w.locator(".tm-path").count() == 1 and "image seed" not in readout.text_content()
    w.get_by_role("button", name="both seeds").click()
    assert w.locator(".tm-path").count() == 2
    # keyboard: the slider with arrows, then pick a prototype on the map with arrows
    slider = w.locator("input[type=range]")
    tab_to(page, slider)
    text = readout.text_content()
    page.keyboard.press("ArrowRight")
    assert slider.input_value() == "13" and readout.text_content() != text
    focus_next(page, w.get_by_role("button", name="play the snapshots"))
    page.keyboard.press("Enter")  # play: the snapshot advances, then pause with Space
    page.wait_for_function("el => Number(el.value) > 13", arg=slider.element_handle(), timeout=5000)
    page.keyboard.press(" ")
    map_ = w.locator("svg.tm-map")
    map_.focus()
    page.keyboard.press("ArrowRight")
    assert "Picked: image seed prototype 0" in readout.text_content() and w.locator(".tm-picked").count() == 1
    page.keyboard.press("ArrowRight")
    assert "Picked: image seed prototype 1" in readout.text_content()
    page.keyboard.press("End")
    assert "Picked: noise seed prototype" in readout.text_content()
    assert "NaN" not in w.text_content()
    check_follows_dark(page, w, light_shot="part2_08_f25", page_shot="part2_08_dark")
