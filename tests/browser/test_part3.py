"""Part III pages in the static book: each control changes its figure, offline, with no errors."""

from __future__ import annotations

from tests.browser.helpers import assert_clean, open_chapter, plotly_figures, screenshot, set_range_value

PART = "notebooks/part3/"


def test_architecture_hover_shows_shapes(page, server):
    open_chapter(page, server, PART + "01_architecture")
    figs = plotly_figures(page)
    # the architecture diagram is the figure whose hover texts mention tensor shapes
    texts = [figs.nth(i).evaluate("gd => (gd.data[0] && gd.data[0].hovertext) || []") for i in range(figs.count())]
    idx = next(i for i, t in enumerate(texts) if any("[batch, 192]" in s for s in t))
    fig = figs.nth(idx)
    fig.scroll_into_view_if_needed()
    point = fig.locator("g.scatterlayer .point").nth(7)          # the Yat layer block
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("g.hoverlayer g.hovertext", timeout=10_000)
    assert "[256, 192]" in page.locator("g.hoverlayer g.hovertext").first.text_content()
    screenshot(page, "part3_01_hover")
    assert_clean(page)


def test_unit_explorer_changes_with_the_unit(page, server):
    open_chapter(page, server, PART + "02_naming_and_footprints")
    widget = page.locator(".arith-units")
    widget.scroll_into_view_if_needed()
    title = widget.locator(".arith-unit-title")
    img = widget.locator("img.arith-footprint")
    before = (title.text_content(), img.get_attribute("src"))
    set_range_value(widget.locator("input[type=range]"), 5)
    after = (title.text_content(), img.get_attribute("src"))
    assert after[0] != before[0] and after[1] != before[1]
    assert "NaN" not in after[0]
    widget.locator("button", has_text="next").click()
    assert title.text_content() != after[0]
    # the filter "tagged ×" shows only units whose operator slot is named ×, or says there are none
    widget.locator("select").select_option(index=3)
    assert "| × |" in title.text_content() or widget.locator(".yl-message").is_visible()
    screenshot(page, "part3_02_units")
    assert_clean(page)


def test_ablation_controls_change_the_bars(page, server):
    open_chapter(page, server, PART + "03_ablation")
    widget = page.locator(".arith-ablation")
    widget.scroll_into_view_if_needed()
    bars = lambda: widget.locator("rect.bar-after").evaluate_all("rs => rs.map(r => r.getAttribute('data-value'))")
    summary = widget.locator(".arith-summary")
    start = (bars(), summary.text_content())
    widget.locator("button[data-how='2']").click()
    random_rows = (bars(), summary.text_content())
    assert random_rows != start
    # the random rows are the mean of several draws: whiskers show the lowest and highest draw
    spread = widget.locator("line.bar-spread")
    assert spread.count() >= 4 and "random draws" in summary.text_content()
    low, high = (float(spread.first.get_attribute(a)) for a in ("data-low", "data-high"))
    assert low <= high
    widget.locator("button[data-subset='0']").click()
    plus = (bars(), summary.text_content())
    assert plus != random_rows
    widget.locator("button[data-how='1']").click()
    assert "operator slot only" in summary.text_content()
    assert widget.locator("line.bar-spread").count() == 0          # no whiskers for a single, fixed knockout
    assert "NaN" not in summary.text_content()
    screenshot(page, "part3_03_ablation")
    assert_clean(page)
