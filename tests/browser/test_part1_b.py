"""Part I, chapters 5-7 in the built book: every figure reacts to its controls with no kernel,
no network and no console errors."""

from tests.browser.helpers import (assert_clean, move_plotly_slider, open_chapter, plotly_figures,
                                   screenshot, set_range_value)

CH5, CH6, CH7 = "notebooks/part1/05_learning", "notebooks/part1/06_finite_kernel", "notebooks/part1/07_attention"


def _latency_ms(locator, value) -> float:
    """Time from an input event on a range slider to the end of its (synchronous) handler."""
    return locator.evaluate(
        """(el, v) => {
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          const t0 = performance.now();
          setter.call(el, String(v));
          el.dispatchEvent(new Event('input', { bubbles: true }));
          return performance.now() - t0;
        }""", value)


def test_ch5_training_player_and_force_probe(page, server):
    open_chapter(page, server, CH5)
    player = page.locator(".p1b-player")
    status = player.locator(".p1b-status")
    first = status.text_content()
    assert "step 0" in first
    player.locator(".p1b-next").click()
    player.locator(".p1b-next").click()
    assert status.text_content() != first and "step 20" in status.text_content()
    snap = player.locator("input[type=range]")
    set_range_value(snap, 30)
    assert "step 300" in status.text_content()
    canvas_before = player.locator("canvas").evaluate("c => c.toDataURL()")
    player.locator("select.p1b-dataset").select_option("spirals")
    assert player.locator("canvas").evaluate("c => c.toDataURL()") != canvas_before
    player.locator(".p1b-play").click()
    page.wait_for_timeout(600)
    assert "step 0" not in status.text_content()
    player.locator(".p1b-play").click()

    probe = page.locator(".p1b-force")
    read = probe.locator(".p1b-read-yat")
    before = read.text_content()
    sx = probe.locator("input[type=range]").nth(0)
    set_range_value(sx, -1.0)
    assert read.text_content() != before and "force" in read.text_content()
    assert "NaN" not in probe.text_content()
    print(f"force probe slider latency: {_latency_ms(sx, 0.5):.1f} ms")
    # drag into the ReLU panel's dead region (small weights): exactly zero force is reported
    probe.locator("svg.p1b-relu-panel").scroll_into_view_if_needed()
    box = probe.locator("svg.p1b-relu-panel").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert "exactly 0" in probe.locator(".p1b-read-relu").text_content()
    screenshot(page, "part1_05_learning")
    assert_clean(page)


def test_ch6_locality_lift_and_offdistribution(page, server):
    open_chapter(page, server, CH6)
    lazy, attribution = page.locator(".p1b-local").nth(0), page.locator(".p1b-local").nth(1)
    read = lazy.locator(".p1b-readout")
    before = read.text_content()
    eps = lazy.locator("input[type=range]").nth(0)
    set_range_value(eps, -2.5)
    after = read.text_content()
    assert after != before and "ReLU" in after
    print(f"locality ε slider latency: {_latency_ms(eps, -1.0):.1f} ms")
    lazy.locator("svg.p1b-plane").scroll_into_view_if_needed()
    box = lazy.locator("svg.p1b-plane").bounding_box()
    page.mouse.click(box["x"] + 0.8 * box["width"], box["y"] + 0.2 * box["height"])
    assert read.text_content() != after
    set_range_value(lazy.locator("input[type=range]").nth(1), 0)
    assert "No prototypes" in lazy.locator(".yl-message").text_content()

    shares = attribution.locator(".p1b-readout")
    first = shares.text_content()
    assert "shares sum to 1.0000" in first
    attribution.locator("svg.p1b-plane").scroll_into_view_if_needed()
    box = attribution.locator("svg.p1b-plane").bounding_box()
    page.mouse.click(box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"])
    assert shares.text_content() != first and "shares sum to 1.0000" in shares.text_content()
    set_range_value(attribution.locator("input[type=range]").nth(0), -2.5)  # ε at its minimum
    assert "NaN" not in attribution.text_content()

    lift = plotly_figures(page).nth(0)
    zmax = lambda: lift.evaluate("gd => Math.max(...Array.from(gd._fullData[0].z, Math.abs))")
    assert zmax() == 0
    move_plotly_slider(page, 0, 10)
    assert zmax() > 0.3
    lift.locator(".updatemenu-button").nth(1).click()
    page.wait_for_function("gd => gd.data[5].visible === true && gd.data[0].visible === false",
                           arg=lift.element_handle(), timeout=10_000)
    assert "xor" in lift.evaluate("gd => gd.layout.title.text")

    off = plotly_figures(page).nth(1)
    x_before = off.evaluate("gd => gd.data[4].x[0]")
    move_plotly_slider(page, 1, 47)
    assert off.evaluate("gd => gd.data[4].x[0]") != x_before
    screenshot(page, "part1_06_finite_kernel")
    assert_clean(page)


def test_ch7_block_stepper(page, server):
    open_chapter(page, server, CH7)
    stepper = page.locator(".p1b-stages")
    formula = stepper.locator(".p1b-formula")
    first = formula.text_content()
    for _ in range(3):
        stepper.locator(".p1b-next").click()
    assert formula.text_content() != first and "softmax" in formula.text_content()
    assert "row sums" in stepper.text_content()
    set_range_value(stepper.locator("input[type=range]"), 7)
    assert "cos(A) after" in stepper.text_content()
    screenshot(page, "part1_07_attention")
    assert_clean(page)
