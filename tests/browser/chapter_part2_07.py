"""Part II, chapter 7 (Figure F23) in the static book, with no kernel: the confusion counts are drawn,
and a mistake is picked with the pointer, the drop-down and the keyboard alone, in both themes."""

from tests.browser.figure_checks import check_dark_theme, readout, tab_and_press, text_colour, widget
from tests.browser.helpers import plotly_figures, screenshot
from tests.browser.visit import on_page

CHAPTER = "notebooks/part2/07_mistakes"


def _cards(w) -> list[str]:
    return [img.get_attribute("src") for img in w.locator(".pb-cards img").all()]


@on_page(CHAPTER)
def mistake_browser(page, server):
    assert plotly_figures(page).nth(0).evaluate("gd => gd.data[0].type") == "heatmap"
    w = widget(page, "picture_browser")
    opening = readout(w)
    assert w.get_attribute("aria-label") == "The mistakes and the pictures behind them"
    assert w.get_attribute("data-figure") == "F23"
    n = w.locator('[role="option"]').count()
    assert n == w.locator("select option").count() > 10
    assert readout(w).startswith(f"Mistake 1 of {n}: a ")
    before = _cards(w)
    assert len(before) == 3, "the item, the culprit prototype and the best prototype of the true class"
    w.locator("select").select_option(str(n - 1))
    assert _cards(w)[0] != before[0] and readout(w).startswith(f"Mistake {n} of {n}: ")
    w.locator('[role="option"]').nth(4).click()
    assert readout(w).startswith(f"Mistake 5 of {n}: ")
    assert "NaN" not in w.text_content()
    screenshot(page, "part2_07_mistakes")
    # Put the figure back as it opened, for the keyboard check that follows on the page's visit.
    w.locator("select").select_option("0")
    assert readout(w) == opening and _cards(w) == before, f"F23 is not back as it opened: {readout(w)!r}"


@on_page(CHAPTER)
def mistake_browser_keyboard_only(page, server):
    w = widget(page, "picture_browser")
    before = _cards(w)
    tab_and_press(page, w, '[role="listbox"]', "ArrowRight")
    assert readout(w).startswith("Mistake 2 of ") and _cards(w) != before
    columns = int(w.locator('[role="listbox"]').get_attribute("data-columns"))
    page.keyboard.press("ArrowDown")  # a row of thumbnails down
    assert readout(w).startswith(f"Mistake {2 + columns} of ")
    page.keyboard.press("Home")
    assert readout(w).startswith("Mistake 1 of ")
    tab_and_press(page, w, 'button[aria-label="previous mistake"]', "Enter")
    n = w.locator('[role="option"]').count()
    assert readout(w).startswith(f"Mistake {n} of {n}: "), "previous before the first is the last"


@on_page(CHAPTER)
def mistake_browser_themes(page, server):
    w = widget(page, "picture_browser")
    check_dark_theme(
        page,
        {"F23": w},
        text_colour,
        "part2_07",
        dark_shots={"part2_07_dark_confusion": plotly_figures(page).first, "part2_07_dark": w},
    )
