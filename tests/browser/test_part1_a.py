"""Part I, chapters 1-4: every figure responds to its controls in the static book, offline."""

from __future__ import annotations

import pytest

from tests.browser.helpers import (assert_clean, move_plotly_slider, open_chapter, plotly_figures, screenshot,
                                   set_range_value)

CH = "notebooks/part1/"


def widget(page, kind):
    loc = page.locator(f"[data-widget={kind}]")
    loc.first.scroll_into_view_if_needed()
    return loc.first


def canvases(loc):
    """Data URLs of every canvas in the widget (a cheap fingerprint of what is drawn)."""
    return loc.evaluate("el => Array.from(el.querySelectorAll('canvas')).map(c => c.toDataURL())")


def draw_ms(loc):
    return float(loc.evaluate("el => el.dataset.lastDrawMs || 'nan'"))


def slider_latency(loc, index, values):
    """Mean time (ms) of the widget's redraw over a sweep of a range slider, measured in the page."""
    times = []
    rng = loc.locator("input[type=range]").nth(index)
    for v in values:
        set_range_value(rng, v)
        times.append(draw_ms(loc))
    return sum(times) / len(times)


def click_plane(page, canvas, fx, fy, size, shift=False, margin=(38, 20)):
    box = canvas.bounding_box()
    x, y = box["x"] + margin[0] + fx * size, box["y"] + margin[1] + fy * size
    if shift:
        page.keyboard.down("Shift")
    page.mouse.click(x, y)
    if shift:
        page.keyboard.up("Shift")


def test_ch1_direction_or_point(page, server):
    open_chapter(page, server, CH + "01_direction_or_point")
    w = widget(page, "relu_vs_yat")
    before = canvases(w)
    set_range_value(w.locator("input[type=range]").nth(0), 200)
    assert canvases(w) != before
    ms = slider_latency(w, 0, range(0, 360, 30))
    print(f"F01 redraw: {ms:.2f} ms")
    # click on the plane sets w
    txt = w.locator(".p1-readout").text_content()
    click_plane(page, w.locator("canvas.p1-plane").first, 0.8, 0.3, 210)
    assert w.locator(".p1-readout").text_content() != txt
    # F13: plotly slider over the rotation angle
    fig = plotly_figures(page).nth(0)
    z0 = fig.evaluate("gd => JSON.stringify(Array.from(gd.calcdata[1][0].z, r => Array.from(r)))")
    lin0 = fig.evaluate("gd => JSON.stringify(Array.from(gd.calcdata[0][0].z, r => Array.from(r)))")
    move_plotly_slider(page, 0, 6)
    assert fig.evaluate("gd => JSON.stringify(Array.from(gd.calcdata[1][0].z, r => Array.from(r)))") != z0       # ReLU changed
    assert fig.evaluate("gd => JSON.stringify(Array.from(gd.calcdata[0][0].z, r => Array.from(r)))") == lin0     # linear did not
    assert "90°" in fig.evaluate("gd => gd.layout.title.text")
    screenshot(page, "part1_01")
    assert_clean(page)


def test_ch2_the_kernel(page, server):
    open_chapter(page, server, CH + "02_the_kernel")
    sec = widget(page, "yat_section")
    before, txt = canvases(sec), sec.locator(".p1-readout").text_content()
    set_range_value(sec.locator("input[type=range]").nth(2), -1.8)    # epsilon
    assert canvases(sec) != before and sec.locator(".p1-readout").text_content() != txt
    print(f"F02 redraw: {slider_latency(sec, 2, [-2, -1.5, -1, -0.5, 0, 0.5, 1]):.2f} ms")
    # W at the origin with b = 0: a message, not NaN
    set_range_value(sec.locator("input[type=range]").nth(0), 0)
    set_range_value(sec.locator("input[type=range]").nth(1), 0)
    assert sec.locator(".yl-message").is_visible()
    assert "NaN" not in sec.text_content()

    four = widget(page, "four_kernels")
    vals = four.evaluate("el => Array.from(el.querySelectorAll('.p1-readout')).map(d => d.dataset.value)")
    click_plane(page, four.locator("canvas.p1-plane").nth(2), 0.6, 0.35, 200)
    vals2 = four.evaluate("el => Array.from(el.querySelectorAll('.p1-readout')).map(d => d.dataset.value)")
    assert vals != vals2
    print(f"F03 redraw: {slider_latency(four, 0, [-2, -1, 0, 1, 2]):.2f} ms")

    gram = widget(page, "gram_spectrum")
    r0 = gram.locator(".p1-readout").evaluate("d => [d.dataset.yat, d.dataset.contrast]")
    set_range_value(gram.locator("input[type=range]").nth(0), 60)
    r1 = gram.locator(".p1-readout").evaluate("d => [d.dataset.yat, d.dataset.contrast]")
    assert r0 != r1
    for b, e in [(0, -3), (3, 1), (0.5, -1)]:
        set_range_value(gram.locator("input[type=range]").nth(1), b)
        set_range_value(gram.locator("input[type=range]").nth(2), e)
        yat, contrast = map(float, gram.locator(".p1-readout").evaluate("d => [d.dataset.yat, d.dataset.contrast]"))
        assert yat >= -1e-6 and contrast < -1e-3
    print(f"F14 redraw (60 points, two Jacobi solves): {slider_latency(gram, 0, [60, 50, 40, 60]):.2f} ms")
    screenshot(page, "part1_02")
    assert_clean(page)


def test_ch3_sum_of_bumps(page, server):
    open_chapter(page, server, CH + "03_sum_of_bumps")
    layer = widget(page, "kernel_layer")
    before, txt = canvases(layer), layer.locator(".p1-readout").text_content()
    set_range_value(layer.locator(".p1-protos input[type=range]").nth(2), -2)
    assert canvases(layer) != before and layer.locator(".p1-readout").text_content() != txt
    print(f"F04 redraw: {slider_latency(layer, 0, [-2, -1, 0, 1]):.2f} ms")
    # all alpha zero: a message
    for i in range(6):
        set_range_value(layer.locator(".p1-protos input[type=range]").nth(i), 0)
    assert layer.locator(".yl-message").is_visible()
    screenshot(page, "part1_03")
    assert_clean(page)


def test_ch4_be_the_optimiser(page, server):
    open_chapter(page, server, CH + "04_be_the_optimiser")
    game = widget(page, "be_the_optimiser")
    acc = game.locator(".p1-acc")
    assert "no classifier" in acc.text_content()
    assert game.locator(".yl-message").is_visible()                       # no prototypes yet
    plane = game.locator("canvas.p1-plane")
    click_plane(page, plane, 0.30, 0.35, 360)                              # add a prototype
    click_plane(page, plane, 0.70, 0.65, 360)                              # and another
    t1 = acc.text_content()
    assert "Accuracy" in t1 and "%" in t1
    set_range_value(game.locator(".p1-protos input[type=range]").nth(0), 0.3)
    t2 = acc.text_content()
    page.get_by_role("button", name="auto-fit α").click()
    t3 = acc.text_content()
    assert t3 != t1 or t2 != t1
    click_plane(page, plane, 0.55, 0.45, 360)
    page.get_by_role("button", name="auto-fit α").click()
    assert acc.text_content() != t3
    # degenerate: all alpha zero, then delete by shift-click, then clear
    n = game.locator(".p1-protos input[type=range]").count()
    for i in range(n):
        set_range_value(game.locator(".p1-protos input[type=range]").nth(i), 0)
    assert "zero" in game.locator(".yl-message").text_content()
    click_plane(page, plane, 0.30, 0.35, 360, shift=True)
    assert game.locator(".p1-protos input[type=range]").count() == n - 1
    page.get_by_role("button", name="resample").click()
    page.get_by_role("button", name="show yatlib's k-means answer").click()
    best = acc.text_content()
    assert "Accuracy 100.0 %" in best
    print(f"F05 redraw (10 prototypes, 150 points): {slider_latency(game, 1, [0.5, -0.5, 1, -1, 0.2]):.2f} ms")
    page.get_by_role("button", name="clear").click()
    assert "no classifier" in acc.text_content()
    assert "NaN" not in game.text_content()
    screenshot(page, "part1_04")
    assert_clean(page)
