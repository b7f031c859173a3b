"""Part II, chapters 6 and 8, in the static book: every chapter's controls move their figure, offline.

(Chapters 5 and 7 are tested in ``test_part2_05.py`` and ``test_part2_07.py``.)"""

from __future__ import annotations

from tests.browser.helpers import (assert_clean, move_plotly_slider, open_chapter, plotly_figures, screenshot,
                                   set_range_value)

PART = "notebooks/part2/"


def _click_menu_button(page, fig_index: int, button_index: int, menu_index: int = 0) -> None:
    fig = plotly_figures(page).nth(fig_index)
    fig.scroll_into_view_if_needed()
    fig.locator("g.updatemenu-container").nth(menu_index).locator("g.updatemenu-button").nth(button_index).click()


def test_geometry(page, server):
    open_chapter(page, server, PART + "06_geometry")
    fig = plotly_figures(page).nth(0)
    x_of_first = "gd => gd.layout.images[0].x"
    pca_x = fig.evaluate(x_of_first)
    assert fig.evaluate("gd => gd.layout.images.length") == 50
    _click_menu_button(page, 0, 1)
    page.wait_for_function("([gd, x]) => gd.layout.images[0].x !== x", arg=[fig.element_handle(), pca_x])
    assert fig.evaluate("gd => gd.layout.xaxis.title.text") == "UMAP 1"

    walk = page.locator(".p2b-walk")
    set_range_value(walk.locator("input[type=range]"), 0)
    pred0 = walk.locator(".p2b-pred").text_content()
    set_range_value(walk.locator("input[type=range]"), 1)
    pred1 = walk.locator(".p2b-pred").text_content()
    assert pred0.startswith("predicted: ") and pred1.startswith("predicted: ") and pred0 != pred1
    assert walk.locator(".p2b-flip").count() >= 1
    label = walk.locator(".p2b-pairlabel").text_content()
    walk.locator(".p2b-newpair").click()
    assert walk.locator(".p2b-pairlabel").text_content() != label
    assert "NaN" not in walk.text_content()
    screenshot(page, "part2_06_geometry")
    assert_clean(page)


def test_where_pictures_come_from(page, server):
    open_chapter(page, server, PART + "08_where_pictures_come_from")
    seeds = plotly_figures(page).nth(0)
    visible = "gd => gd._fullData.map(t => t.visible === true)"
    v0 = seeds.evaluate(visible)
    note0 = seeds.evaluate("gd => gd.layout.annotations[2].text")
    _click_menu_button(page, 0, 1)
    page.wait_for_function("([gd, t]) => gd.layout.annotations[2].text !== t", arg=[seeds.element_handle(), note0])
    assert seeds.evaluate(visible) != v0
    assert "noise seed" in seeds.evaluate("gd => gd.layout.annotations[2].text")

    traj = plotly_figures(page).nth(1)
    moving = "gd => { const t = gd.data[gd.data.length - 1]; return [t.x[0], t.y[0]]; }"
    start = traj.evaluate(moving)
    move_plotly_slider(page, 1, 12)
    page.wait_for_function(f"([gd, s]) => {{ const t = gd.data[gd.data.length - 1]; return t.x[0] !== s[0]; }}",
                           arg=[traj.element_handle(), start])
    _click_menu_button(page, 1, 2)  # noise seed only
    page.wait_for_function("gd => gd._fullData.filter(t => t.visible === true).length < gd.data.length",
                           arg=traj.element_handle())
    screenshot(page, "part2_08_provenance")
    assert_clean(page)
