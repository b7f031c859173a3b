"""Part II, chapter 5 (Figures F19 and F20) in the static book, with no kernel: a unit or a class is
picked with the pointer, the drop-down, the previous/next buttons and the keyboard alone, and the
pictures and the read-out follow, in both themes."""

from tests.browser.figure_checks import (
    check_dark_theme,
    export_with_keyboard,
    readout,
    tab_and_press,
    text_colour,
    widget,
)
from tests.browser.helpers import screenshot
from tests.browser.visit import on_page

CHAPTER = "notebooks/part2/05_neurons_and_classes"


def _first_card(w) -> str:
    return w.locator(".pb-cards img").first.get_attribute("src")


@on_page(CHAPTER)
def unit_and_class_browsers(page, server):
    units = widget(page, "picture_browser", 0)
    opening = readout(units)
    assert units.get_attribute("aria-label") == "What each unit detects"
    assert units.get_attribute("data-figure") == "F19"
    assert units.locator('[role="option"]').count() == 50 and units.locator("select option").count() == 50
    strip, box = units.locator('[role="listbox"]').bounding_box(), units.bounding_box()
    assert strip["x"] + strip["width"] <= box["x"] + box["width"] + 1, "the strip of units overflows the figure"
    assert readout(units).startswith("Unit 0 detects ")
    first = _first_card(units)
    units.locator('[role="option"]').nth(7).click()
    assert readout(units).startswith("Unit 7 detects ") and _first_card(units) != first
    assert units.locator(".pb-cards img").count() == 9
    assert units.locator('[role="option"]').nth(7).get_attribute("aria-selected") == "true"
    units.get_by_role("button", name="next unit").click()
    assert units.locator("select").input_value() == "8" and readout(units).startswith("Unit 8 ")
    units.locator("select").select_option("3")
    assert readout(units).startswith("Unit 3 ")

    classes = widget(page, "picture_browser", 1)
    opening_classes = readout(classes)
    assert classes.locator('[role="option"]').count() == 10
    classes.locator("select").select_option("9")
    assert readout(classes).startswith("What the model calls Ankle boot")
    assert classes.locator(".pb-cards img").count() == 5
    assert "NaN" not in units.text_content() + classes.text_content()
    screenshot(page, "part2_05_neurons")
    # Put both figures back as they opened, for the keyboard check that follows on the page's visit.
    units.locator("select").select_option("0")
    classes.locator("select").select_option("0")
    assert readout(units) == opening and _first_card(units) == first, (
        f"F19 is not back as it opened: {readout(units)!r}"
    )
    assert readout(classes) == opening_classes, f"F20 is not back as it opened: {readout(classes)!r}"


@on_page(CHAPTER)
def unit_and_class_browsers_keyboard_only(page, server):
    units = widget(page, "picture_browser", 0)
    first = _first_card(units)
    tab_and_press(page, units, '[role="listbox"]', "ArrowRight")
    assert readout(units).startswith("Unit 1 detects ") and _first_card(units) != first
    columns = int(units.locator('[role="listbox"]').get_attribute("data-columns"))
    assert 10 <= columns <= 25, "the strip fits the page in rows of even length"
    page.keyboard.press("ArrowDown")  # one row of thumbnails down
    assert readout(units).startswith(f"Unit {1 + columns} detects ")
    page.keyboard.press("End")
    assert readout(units).startswith("Unit 49 detects ")
    tab_and_press(page, units, 'button[aria-label="next unit"]', "Enter")
    assert readout(units).startswith("Unit 0 detects "), "next after the last unit is the first"
    export_with_keyboard(page, units, "unit-browser.png", min_bytes=5000)

    classes = widget(page, "picture_browser", 1)
    tab_and_press(page, classes, '[role="listbox"]', "ArrowRight")
    assert readout(classes).startswith("What the model calls Trouser")
    tab_and_press(page, classes, "select", "ArrowDown")
    assert readout(classes).startswith("What the model calls Pullover")


@on_page(CHAPTER)
def unit_and_class_browsers_themes(page, server):
    units = widget(page, "picture_browser", 0)
    classes = widget(page, "picture_browser", 1)
    check_dark_theme(page, {"F19 (units)": units, "F20 (classes)": classes}, text_colour, "part2_05")
