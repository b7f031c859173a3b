"""Part II, chapters 3-4 in the built book: F17 slider and buttons, F18 widget (chapter 2: test_part2_02.py).

The F18 test also checks that the shares the browser prints equal yatlib's for one item.
"""

import numpy as np
import pytest

from tests.browser.helpers import (assert_clean, move_plotly_slider, open_chapter, plotly_figures,
                                   screenshot, set_range_value)


def _visible(fig):
    return fig.evaluate("gd => gd._fullData.map(t => t.visible === true)")


def _figure_with(page, what):
    """Index of the first plotly figure whose layout has ``what`` ('updatemenus' or 'sliders')."""
    figs = plotly_figures(page)
    for i in range(figs.count()):
        if figs.nth(i).evaluate(f"gd => (gd.layout.{what} || []).length > 0"):
            return i
    raise AssertionError(f"no plotly figure with {what} on {page.url}")


def _click_button(page, fig_index, button_index):
    fig = plotly_figures(page).nth(fig_index)
    fig.scroll_into_view_if_needed()
    fig.locator("g.updatemenu-button").nth(button_index).click()
    page.wait_for_function("([gd, i]) => gd._fullLayout.updatemenus[0].active === i",
                           arg=[fig.element_handle(), button_index], timeout=10_000)


def test_warm_starts_slider_and_buttons(page, server):
    open_chapter(page, server, "notebooks/part2/03_warm_starts")
    k = _figure_with(page, "sliders")
    fig = plotly_figures(page).nth(k)
    move_plotly_slider(page, k, 2)
    assert fig.evaluate("gd => gd._fullLayout.title.text").startswith("40 training images per class")
    assert sum(_visible(fig)) == 6
    b = _figure_with(page, "updatemenus")
    rare = plotly_figures(page).nth(b)
    _click_button(page, b, 1)
    assert _visible(rare) == [False, False, True, True, False, False]
    assert "Coat and Shirt" in rare.evaluate("gd => gd._fullLayout.title.text")
    screenshot(page, "part2_03_rare")
    assert_clean(page)


@pytest.fixture(scope="module")
def first_item_shares():
    """yatlib's top-5 shares for the first Fashion-MNIST test item (the widget's first item)."""
    from yatlib import data, explain, recipes

    X, y = data.load("fashion-mnist", "train")
    X_test, _ = data.load("fashion-mnist", "test")
    model = recipes.train(recipes.COMPANION, X=X, y=y, progress=False).model
    ex = explain.explain(model, X_test[0], top=5)
    return [(int(u), float(ex.shares[u])) for u in ex.top]


def test_explains_itself_widget(page, server, first_item_shares):
    open_chapter(page, server, "notebooks/part2/04_explains_itself")
    w = page.locator(".p2a-explain")
    w.scroll_into_view_if_needed()
    shares = w.locator(".p2a-share")
    assert shares.count() == 5
    got = [(int(shares.nth(i).get_attribute("data-unit")), float(shares.nth(i).get_attribute("data-share")))
           for i in range(5)]
    assert [u for u, _ in got] == [u for u, _ in first_item_shares]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in first_item_shares], rtol=1e-4)
    assert float(w.locator(".p2a-sum").get_attribute("data-total")) == pytest.approx(1.0, abs=1e-9)

    info = w.locator(".p2a-item-info")
    first = info.text_content()
    set_range_value(w.locator(".p2a-item-slider"), 7)
    assert info.text_content() != first and "#7" in info.text_content()

    fashion_match = float(w.locator(".p2a-match").get_attribute("data-max-match"))
    w.locator("button[data-set=outside]").click()
    assert "MNIST" in info.text_content()
    assert float(w.locator(".p2a-match").get_attribute("data-max-match")) < fashion_match
    screenshot(page, "part2_04_mnist")

    # bad input: tau out of range, then an empty selection -> a message, never NaN
    msg = w.locator(".p2a-message")
    box = w.locator(".p2a-tau-box")
    box.fill("1e9")
    box.dispatch_event("change")
    assert msg.is_visible() and "between" in msg.text_content()
    box.fill("1000")
    box.dispatch_event("change")
    tau_max = float(w.locator(".p2a-tau-slider").get_attribute("max"))
    set_range_value(w.locator(".p2a-tau-slider"), tau_max)
    w.locator("select.p2a-filter").select_option("accepted")
    assert msg.is_visible() and "empty" in msg.text_content()
    assert "NaN" not in w.text_content()
    w.locator("select.p2a-filter").select_option("all")
    assert not msg.is_visible()
    verdict = w.locator(".p2a-verdict")
    assert verdict.get_attribute("data-abstains") == "true"
    screenshot(page, "part2_04_abstain")
    assert_clean(page)
