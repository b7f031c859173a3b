"""Part I, chapters 1-4: every figure responds to its controls in the static book, offline, with the
pointer and with the keyboard alone, reads its state out in a live region, and redraws in the dark theme."""

from __future__ import annotations

import re

from tests.browser._part1 import (
    CH,
    canvases,
    check_themes,
    click_plane,
    figure,
    focus_visible,
    readout,
    slider_latency,
    tab_to,
    widget,
)
from tests.browser.helpers import set_range_value
from tests.browser.visit import on_page

# a redraw after a slider move must stay interactive on the 2-core test machine under load
MAX_REDRAW_MS = 250


@on_page(CH + "01_direction_or_point")
def ch1_direction_or_point(page, server):
    w = figure(page, "relu_vs_yat", "F01")
    before, txt = canvases(w), readout(w)
    set_range_value(w.locator("input[type=range]").nth(0), 200)
    assert canvases(w) != before and readout(w) != txt and "θ = 200°" in readout(w)
    ms = slider_latency(w, 0, range(0, 360, 30))
    print(f"F01 redraw: {ms:.2f} ms")
    assert ms < MAX_REDRAW_MS
    txt = readout(w)
    click_plane(page, w.locator("canvas.p1-plane").first, 0.8, 0.3, 210)  # a click puts w there
    assert readout(w) != txt
    # keyboard only: Tab to the panels, the arrow keys move w
    panels = tab_to(page, w, w.locator("[role=application]"))
    assert focus_visible(page)
    before, txt = canvases(w), readout(w)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowDown")
    assert canvases(w) != before and readout(w) != txt
    assert "arrow keys" in panels.get_attribute("aria-label").lower()

    # F13: the rotation slider, with the keyboard
    pb = widget(page, "privileged_basis")
    assert "θ = 0°" in readout(pb)
    lin0, relu0, yat0 = (pb.locator("canvas.p1-plane").nth(k).evaluate("c => c.toDataURL()") for k in range(3))
    slider = tab_to(page, pb, pb.locator("input[type=range]"))
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    text = readout(pb)
    assert text.startswith("θ = 90°"), text
    lin, relu, yat = (pb.locator("canvas.p1-plane").nth(k).evaluate("c => c.toDataURL()") for k in range(3))
    assert relu != relu0 and yat != yat0  # the ReLU output changed; the Yat field turned
    assert lin == lin0  # the linear network's output did not move
    m = re.search(r"linear ([-0-9.e+]+), ReLU ([0-9.]+); Yat activations ([-0-9.e+]+?)\.?$", text)
    assert m and float(m[1]) < 1e-6 and float(m[2]) > 1e-2 and float(m[3]) < 1e-6
    assert slider.get_attribute("aria-valuetext") == "90°"
    check_themes(page, [("relu_vs_yat", 0), ("privileged_basis", 0)], "part1_01")


@on_page(CH + "02_the_kernel")
def ch2_the_kernel(page, server):
    sec = widget(page, "yat_section")
    before, txt = canvases(sec), readout(sec)
    set_range_value(sec.locator("input[type=range]").nth(2), -1.8)  # epsilon
    assert canvases(sec) != before and readout(sec) != txt
    ms = slider_latency(sec, 2, [-2, -1.5, -1, -0.5, 0, 0.5, 1])
    print(f"F02 redraw: {ms:.2f} ms")
    assert ms < MAX_REDRAW_MS
    # keyboard only: the arrow keys on the plane move W (the equivalent of dragging it)
    tab_to(page, sec, sec.locator("[role=application]"))
    txt = readout(sec)
    page.keyboard.press("ArrowRight")
    assert readout(sec) != txt and "w = (1.05, 0.50)" in readout(sec)
    assert sec.locator("input[type=range]").nth(0).input_value() == "1.05"
    # W at the origin with b = 0: a message, not NaN
    set_range_value(sec.locator("input[type=range]").nth(0), 0)
    set_range_value(sec.locator("input[type=range]").nth(1), 0)
    assert sec.locator(".yl-message").is_visible()
    assert "NaN" not in sec.text_content()

    four = widget(page, "four_kernels")
    values = "el => Array.from(el.querySelectorAll('.p1-value')).map(d => d.dataset.value)"
    vals = four.evaluate(values)
    click_plane(page, four.locator("canvas.p1-plane").nth(2), 0.6, 0.35, 200)
    vals2 = four.evaluate(values)
    assert vals != vals2
    ms = slider_latency(four, 0, [-2, -1, 0, 1, 2])
    print(f"F03 redraw: {ms:.2f} ms")
    assert ms < MAX_REDRAW_MS
    tab_to(page, four, four.locator("[role=application]"))
    txt = readout(four)
    page.keyboard.press("ArrowUp")
    assert four.evaluate(values) != vals2 and readout(four) != txt

    gram = widget(page, "gram_spectrum")
    ratios = "el => [el.querySelector('.p1-readout').dataset.yat, el.querySelector('.p1-readout').dataset.contrast]"
    r0 = gram.evaluate(ratios)
    set_range_value(gram.locator("input[type=range]").nth(0), 60)
    assert gram.evaluate(ratios) != r0
    for b, e in [(0, -3), (3, 1), (0.5, -1)]:
        set_range_value(gram.locator("input[type=range]").nth(1), b)
        set_range_value(gram.locator("input[type=range]").nth(2), e)
        yat, contrast = map(float, gram.evaluate(ratios))
        assert yat >= -1e-6 and contrast < -1e-3
    ms = slider_latency(gram, 0, [60, 50, 40, 60])
    print(f"F14 redraw (60 points, two Jacobi solves): {ms:.2f} ms")
    assert ms < MAX_REDRAW_MS
    # keyboard only: fewer points with the slider's arrow keys, then pick the largest eigenvalue
    tab_to(page, gram, gram.locator("input[type=range]").nth(0))
    page.keyboard.press("Home")
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    assert gram.locator("input[type=range]").nth(0).input_value() == "10"
    tab_to(page, gram, gram.locator("[role=application]"))
    page.keyboard.press("End")
    assert "Eigenvalue 10 of 10" in readout(gram)
    assert re.search(r"Yat 1(\.0+)?,", readout(gram)), readout(gram)
    tab_to(page, gram, gram.get_by_role("button", name="new random points"))
    r1 = gram.evaluate(ratios)
    page.keyboard.press("Enter")
    assert gram.evaluate(ratios) != r1
    check_themes(page, [("yat_section", 0), ("four_kernels", 0), ("gram_spectrum", 0)], "part1_02")


@on_page(CH + "03_sum_of_bumps")
def ch3_sum_of_bumps(page, server):
    layer = widget(page, "kernel_layer")
    before, txt = canvases(layer), readout(layer)
    set_range_value(layer.locator(".p1-protos input[type=range]").nth(2), -2)
    assert canvases(layer) != before and readout(layer) != txt
    ms = slider_latency(layer, 0, [-2, -1, 0, 1])
    print(f"F04 redraw: {ms:.2f} ms")
    assert ms < MAX_REDRAW_MS
    # keyboard only: pick prototype 3 with the arrow keys, then move it on the plane
    tab_to(page, layer, layer.get_by_role("listbox"))
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert "Chosen: prototype 3 at (1.20, 1.20)" in readout(layer)
    tab_to(page, layer, layer.locator("[role=application]"))
    before = canvases(layer)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert "Chosen: prototype 3 at (1.20, 1.10)" in readout(layer) and canvases(layer) != before
    # dragging with the pointer chooses the item too: the input x
    click_plane(page, layer.locator("canvas.p1-plane"), 0.5, 0.5, 320)
    assert "Chosen: the input x" in readout(layer)
    # all alpha zero: a message
    for i in range(6):
        set_range_value(layer.locator(".p1-protos input[type=range]").nth(i), 0)
    assert layer.locator(".yl-message").is_visible()
    assert "f(x) = 0 everywhere" in readout(layer)
    check_themes(page, [("kernel_layer", 0)], "part1_03")


@on_page(CH + "04_be_the_optimiser")
def ch4_be_the_optimiser(page, server):
    game = widget(page, "be_the_optimiser")
    assert "no classifier" in readout(game)
    assert game.locator(".yl-message").is_visible()  # no prototypes yet
    plane = game.locator("canvas.p1-plane")
    click_plane(page, plane, 0.30, 0.35, 360)  # add a prototype
    click_plane(page, plane, 0.70, 0.65, 360)  # and another
    t1 = readout(game)
    assert "Accuracy" in t1 and "%" in t1 and "2 prototypes" in t1
    set_range_value(game.locator(".p1-protos input[type=range]").nth(0), 0.3)
    t2 = readout(game)
    game.get_by_role("button", name="auto-fit α").click()
    t3 = readout(game)
    assert t3 != t1 or t2 != t1
    click_plane(page, plane, 0.55, 0.45, 360)
    game.get_by_role("button", name="auto-fit α").click()
    assert readout(game) != t3
    # degenerate: all alpha zero, then delete by shift-click, then clear
    n = game.locator(".p1-protos input[type=range]").count()
    for i in range(n):
        set_range_value(game.locator(".p1-protos input[type=range]").nth(i), 0)
    assert "zero" in game.locator(".yl-message").text_content()
    click_plane(page, plane, 0.30, 0.35, 360, shift=True)
    assert game.locator(".p1-protos input[type=range]").count() == n - 1
    game.get_by_role("button", name="resample").click()
    game.get_by_role("button", name="show yatlib's k-means answer").click()
    assert "Accuracy 100.0 %" in readout(game)
    ms = slider_latency(game, 1, [0.5, -0.5, 1, -1, 0.2])
    print(f"F05 redraw (10 prototypes, 150 points): {ms:.2f} ms")
    assert ms < MAX_REDRAW_MS
    game.get_by_role("button", name="clear").click()
    assert "no classifier" in readout(game)
    assert "NaN" not in game.text_content()

    # keyboard only: add a prototype, add another, choose the first, move it, fit, delete
    add = tab_to(page, game, game.get_by_role("button", name="add a prototype"))
    page.keyboard.press("Enter")
    assert "1 prototype." in readout(game) and "Chosen: prototype 1 at (0.00, 0.00)" in readout(game)
    add.focus()
    page.keyboard.press("Space")
    assert "2 prototypes" in readout(game) and "Chosen: prototype 2" in readout(game)
    tab_to(page, game, game.get_by_role("listbox"))
    page.keyboard.press("Home")
    assert "Chosen: prototype 1" in readout(game)
    tab_to(page, game, game.locator("[role=application]"))
    before = canvases(game)
    for _ in range(4):
        page.keyboard.press("ArrowUp")
    assert "Chosen: prototype 1 at (0.00, 0.20)" in readout(game) and canvases(game) != before
    t4 = readout(game)
    tab_to(page, game, game.get_by_role("button", name="auto-fit α"))
    page.keyboard.press("Enter")
    assert readout(game) != t4
    tab_to(page, game, game.locator("[role=application]"))
    page.keyboard.press("Delete")
    assert "1 prototype." in readout(game)
    check_themes(page, [("be_the_optimiser", 0)], "part1_04")
