from tests.browser.helpers import (assert_clean, move_plotly_slider, open_chapter, plotly_figures,
                                   screenshot, set_range_value)


def test_demo_widgets_offline(page, server):
    open_chapter(page, server, "notebooks/_demo/widget_demo")
    fig = plotly_figures(page).nth(0)
    visible = lambda: fig.evaluate("gd => gd._fullData.map(t => t.visible === true)")
    assert visible() == [True, False, False, False]
    move_plotly_slider(page, 0, 2)
    assert visible() == [False, False, True, False]

    rng = page.locator(".demo-widget input[type=range]")
    set_range_value(rng, 8)
    assert page.locator(".demo-widget .demo-out").text_content() == "value = 8"
    screenshot(page, "demo")
    assert_clean(page)
