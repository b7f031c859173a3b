"""Part II, chapters 3 and 4 in the built book (chapter 2: chapter_part2_02.py): F17 (warm starts, both
widgets) and F18 (the network explains itself), with the pointer and with the keyboard alone, in both
themes, with no kernel.

The F18 test also checks that the shares the browser prints equal yatlib's for one item.
"""

import functools

import numpy as np
import pytest

from tests.browser.figure_checks import (
    chart_text_fill,
    check_dark_theme,
    export_with_keyboard,
    readout,
    tab_and_press,
    tab_until,
    widget,
)
from tests.browser.helpers import screenshot, set_range_value
from tests.browser.visit import on_page

WARM = "notebooks/part2/03_warm_starts"
EXPLAINS = "notebooks/part2/04_explains_itself"


def _bars(w):
    return [b.get_attribute("data-value") for b in w.locator("rect.ws-bar").all()]


@on_page(WARM)
def warm_starts_little_data(page, server):
    w = widget(page, "warm_start_explorer", 0)
    opening = readout(w)
    assert readout(w).startswith("40 training images per class (400 in all), mean of 3 seeds")
    assert "Without a Python kernel" in w.locator(".yl-live").text_content()
    assert w.locator("line.ws-article").count() == 3, "the article's values are marked at 40 images per class"
    slider, at40 = w.locator("input[type=range]"), _bars(w)
    set_range_value(slider, 10)
    assert readout(w).startswith("10 training images per class") and _bars(w) != at40
    assert w.locator("line.ws-article").count() == 0
    set_range_value(slider, 55)  # not precomputed: the nearest precomputed number above 10 in that direction
    assert readout(w).startswith("40 training images per class"), readout(w)
    set_range_value(slider, 70)
    assert readout(w).startswith("100 training images per class"), readout(w)
    assert "NaN" not in w.text_content()
    # Put the figure back as it opened, for the keyboard check that follows on the page's visit.
    set_range_value(slider, 40)
    assert readout(w) == opening and _bars(w) == at40, f"F17 (little data) is not back as it opened: {readout(w)!r}"


@on_page(WARM)
def warm_starts_rare_classes(page, server):
    w = widget(page, "warm_start_explorer", 1)
    opening = readout(w)
    assert readout(w).startswith("Pullover and Sneaker starved to 30 images (mean of 5 seeds)")
    before = _bars(w)
    w.get_by_role("button", name="Coat and Shirt").click()
    assert readout(w).startswith("Coat and Shirt starved to 30 images (mean of 3 seeds)") and _bars(w) != before
    labels = w.locator("svg.yl-chart text").all_text_contents()
    assert "★ Coat" in labels and "★ Shirt" in labels and "★ Pullover" not in labels
    # a pair that was not precomputed: a message, the figure unchanged, no NaN
    shown = readout(w)
    w.get_by_label("first starved class").select_option(label="Trouser")
    w.get_by_label("second starved class").select_option(label="Bag")
    message = w.locator(".yl-message")
    assert message.is_visible() and "needs the notebook's Python kernel" in message.text_content()
    assert readout(w) == shown and w.get_by_role("button", name="Train both starts").is_disabled()
    w.get_by_label("second starved class").select_option(label="Trouser")
    assert "two different classes" in message.text_content()
    w.get_by_label("first starved class").select_option(label="T-shirt/top")
    w.get_by_label("second starved class").select_option(label="Dress")
    assert not message.is_visible() and readout(w).startswith("T-shirt/top and Dress starved")
    assert "NaN" not in w.text_content()
    screenshot(page, "part2_03_rare")
    # Put the figure back as it opened, for the keyboard check that follows on the page's visit.
    w.get_by_role("button", name="Pullover and Sneaker").click()
    assert readout(w) == opening and _bars(w) == before, f"F17 (rare classes) is not back as it opened: {readout(w)!r}"


@on_page(WARM)
def warm_starts_keyboard_only(page, server):
    little = widget(page, "warm_start_explorer", 0)
    at40 = _bars(little)
    # 41 is not precomputed: the slider steps to the next precomputed number up
    tab_and_press(page, little, 'input[type="range"]', "ArrowRight")
    assert readout(little).startswith("100 training images per class") and _bars(little) != at40
    page.keyboard.press("ArrowLeft")
    assert readout(little).startswith("40 training images per class")
    export_with_keyboard(page, little, "warm-start-little-data.png", min_bytes=5000)

    rare = widget(page, "warm_start_explorer", 1)
    before = _bars(rare)
    tab_and_press(page, rare, ".yl-buttons button:last-of-type", "Space")
    assert readout(rare).startswith("T-shirt/top and Dress starved") and _bars(rare) != before
    tab_and_press(page, rare, 'svg[role="slider"]', "ArrowDown")
    assert "T-shirt/top (starved): recall" in readout(rare), readout(rare)
    page.keyboard.press("ArrowDown")
    assert "Trouser: recall" in readout(rare) and rare.locator("rect.ws-picked").count() == 1


@on_page(WARM)
def warm_starts_themes(page, server):
    little = widget(page, "warm_start_explorer", 0)
    rare = widget(page, "warm_start_explorer", 1)
    check_dark_theme(
        page,
        {"F17 (little data)": little, "F17 (rare classes)": rare},
        chart_text_fill,
        "part2_03",
        dark_shots={"part2_03_dark": little, "part2_03_rare_dark": rare},
    )


@functools.cache
def _first_item_shares():
    """yatlib's top-5 shares for the first Fashion-MNIST test item (the widget's first item)."""
    from yatlib import data, explain, recipes

    X, y = data.load("fashion-mnist", "train")
    X_test, _ = data.load("fashion-mnist", "test")
    model = recipes.train(recipes.COMPANION, X=X, y=y, dataset="fashion-mnist", progress=False).model
    ex = explain.explain(model, X_test[0], top=5)
    return [(int(u), float(ex.shares[u])) for u in ex.top]


@on_page(EXPLAINS)
def explains_itself_widget(page, server):
    first_item_shares = _first_item_shares()
    w = widget(page, "vote_explorer")
    opening, tau = readout(w), w.locator(".ve-tau-box").input_value()
    assert w.get_attribute("aria-label") == "The network explains itself"
    assert w.get_attribute("data-figure") == "F18"
    shares = w.locator(".ve-share")
    assert shares.count() == 5
    got = [
        (int(shares.nth(i).get_attribute("data-unit")), float(shares.nth(i).get_attribute("data-share")))
        for i in range(5)
    ]
    assert [u for u, _ in got] == [u for u, _ in first_item_shares]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in first_item_shares], rtol=1e-4)
    assert float(w.locator(".ve-sum").get_attribute("data-total")) == pytest.approx(1.0, abs=1e-9)
    assert readout(w).startswith("Fashion-MNIST, #0: ") and f"unit {got[0][0]}, " in readout(w)

    info = w.locator(".ve-item-info")
    first = info.text_content()
    set_range_value(w.locator(".ve-item-slider"), 7)
    assert info.text_content() != first and "#7" in info.text_content() and "#7" in readout(w)

    fashion_match = float(w.locator(".ve-match").get_attribute("data-max-match"))
    w.locator("button[data-set=outside]").click()
    assert "MNIST" in info.text_content() and readout(w).startswith("MNIST digits (never seen), #0")
    assert float(w.locator(".ve-match").get_attribute("data-max-match")) < fashion_match
    screenshot(page, "part2_04_mnist")

    # bad input: tau out of range, then an empty selection -> a message, never NaN
    msg = w.locator(".ve-message")
    box = w.locator(".ve-tau-box")
    box.fill("1e9")
    box.dispatch_event("change")
    assert msg.is_visible() and "between" in msg.text_content() and "between" in readout(w)
    box.fill("1000")
    box.dispatch_event("change")
    tau_max = float(w.locator(".ve-tau-slider").get_attribute("max"))
    set_range_value(w.locator(".ve-tau-slider"), tau_max)
    w.get_by_label("which items").select_option(label="only items it accepts")
    assert msg.is_visible() and "empty" in msg.text_content()
    assert "NaN" not in w.text_content()
    w.get_by_label("which items").select_option(label="all items")
    assert not msg.is_visible()
    verdict = w.locator(".ve-verdict")
    assert verdict.get_attribute("data-abstains") == "true" and "abstains" in readout(w)
    screenshot(page, "part2_04_abstain")
    # Put the figure back as it opened, for the keyboard check that follows on the page's visit.
    w.locator("button[data-set=inside]").click()
    box.fill(tau)
    box.dispatch_event("change")
    assert readout(w) == opening, f"F18 is not back as it opened: {readout(w)!r}"


@on_page(EXPLAINS)
def explains_itself_keyboard_only(page, server):
    w = widget(page, "vote_explorer")
    start = readout(w)
    tab_and_press(page, w, "button[data-set=outside]", "Enter")
    assert readout(w).startswith("MNIST digits (never seen), #0")
    tab_and_press(page, w, 'input[aria-label="test item"]', "ArrowRight")
    assert readout(w).startswith("MNIST digits (never seen), #1")
    tab_until(page, w, 'input[aria-label="threshold τ"]')
    match = float(w.locator(".ve-match").get_attribute("data-max-match"))
    page.keyboard.press("Home")  # the lowest threshold accepts every item
    assert w.locator(".ve-verdict").get_attribute("data-abstains") == "false" and "Prediction" in readout(w)
    assert match > 0 and float(w.locator(".ve-match").get_attribute("data-max-match")) == match
    tab_until(page, w, '[role="listbox"]')
    top = readout(w)
    page.keyboard.press("ArrowDown")  # the prototype with the second largest share
    assert "Share number 2: unit " in readout(w) and readout(w) != top
    assert w.locator('.ve-row[aria-selected="true"]').count() == 1
    assert readout(w) != start
    export_with_keyboard(page, w, "vote-explorer.png", min_bytes=5000)


@on_page(EXPLAINS)
def explains_itself_themes(page, server):
    w = widget(page, "vote_explorer")
    check_dark_theme(page, {"the trade-off curve": w}, chart_text_fill, "part2_04")
