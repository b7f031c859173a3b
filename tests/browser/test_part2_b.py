"""Part II, chapters 5 and 7, in the static book: every chapter's controls move their figure, offline.

Chapters 6 and 8 are tested in ``test_part2_06.py`` and ``test_part2_08.py``."""

from __future__ import annotations

from tests.browser.helpers import (assert_clean, move_plotly_slider, open_chapter, plotly_figures, screenshot,
                                   set_range_value)

PART = "notebooks/part2/"


def _click_menu_button(page, fig_index: int, button_index: int, menu_index: int = 0) -> None:
    fig = plotly_figures(page).nth(fig_index)
    fig.scroll_into_view_if_needed()
    fig.locator("g.updatemenu-container").nth(menu_index).locator("g.updatemenu-button").nth(button_index).click()


def test_neurons_and_classes(page, server):
    open_chapter(page, server, PART + "05_neurons_and_classes")
    units, classes = page.locator(".p2b-browser").nth(0), page.locator(".p2b-browser").nth(1)
    assert units.locator("select option").count() == 50
    before = units.locator(".p2b-title").text_content()
    first_img = units.locator(".p2b-cards img").nth(0).get_attribute("src")
    units.locator("select").select_option("7")
    assert units.locator(".p2b-title").text_content() != before
    assert units.locator(".p2b-cards img").nth(0).get_attribute("src") != first_img
    assert units.locator(".p2b-cards img").count() == 9
    units.locator("button", has_text="▶").click()
    assert units.locator("select").input_value() == "8"
    assert classes.locator("select option").count() == 10
    classes.locator("select").select_option("9")
    assert "Ankle boot" in classes.locator(".p2b-title").text_content()
    assert classes.locator(".p2b-cards img").count() == 5
    screenshot(page, "part2_05_neurons")
    assert_clean(page)


def test_mistakes(page, server):
    open_chapter(page, server, PART + "07_mistakes")
    assert plotly_figures(page).nth(0).evaluate("gd => gd.data[0].type") == "heatmap"
    browser = page.locator(".p2b-browser")
    n = browser.locator("select option").count()
    assert n > 10
    before = browser.locator(".p2b-cards img").nth(0).get_attribute("src")
    browser.locator("select").select_option(str(n - 1))
    assert browser.locator(".p2b-cards img").nth(0).get_attribute("src") != before
    assert browser.locator(".p2b-cards img").count() >= 2
    screenshot(page, "part2_07_mistakes")
    assert_clean(page)
