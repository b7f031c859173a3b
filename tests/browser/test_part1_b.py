"""Part I, chapters 5-7 in the built book: every figure reacts to its controls with no kernel,
no network and no console errors."""

import re

from tests.browser.helpers import (SCREENSHOTS, assert_clean, move_plotly_slider, open_chapter, plotly_figures,
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


def _f06(page, server):
    """Open chapter 5 and return F06's widget, drawn (it starts when it scrolls near the viewport)."""
    open_chapter(page, server, CH5)
    fig = page.locator('[data-widget="yat_mlp_learning"]')
    fig.scroll_into_view_if_needed()
    page.wait_for_function("el => el.dataset.drawnMs", arg=fig.element_handle(), timeout=20_000)
    return fig


def _f06_read(fig) -> str:
    text = fig.locator(".yl-status").text_content()
    assert "NaN" not in text and "undefined" not in text
    return text


def _f06_play_until(page, fig, step: int) -> None:
    """Press play, wait until the run reaches ``step``, press pause."""
    fig.locator(".f06-play").click()
    page.wait_for_function("([el, s]) => Number(el.dataset.step) >= s", arg=[fig.element_handle(), step], timeout=30_000)
    fig.locator(".f06-play").click()


def test_ch5_f06_trains_in_the_browser_offline(page, server):
    fig = _f06(page, server)
    first = _f06_read(fig)
    assert "step 300" in first and "recorded in Python" in first          # the opening state: a recorded run, trained
    fig.locator(".f06-source button").nth(0).click()                      # trained in this browser
    start = _f06_read(fig)
    assert "step 0" in start and "trained in this browser" in start
    acc0 = float(fig.get_attribute("data-accuracy"))
    where0 = start.split("Chosen:")[1]
    canvas0 = fig.locator("canvas").evaluate("c => c.toDataURL()")
    fig.locator(".yl-buttons[aria-label=speed] button").last.click()   # 10 steps per frame
    _f06_play_until(page, fig, 120)
    after = _f06_read(fig)
    acc, steps = float(fig.get_attribute("data-accuracy")), int(fig.get_attribute("data-step"))
    assert acc >= acc0 + 0.3 and acc >= 0.9, (acc0, acc, after)
    assert after.split("Chosen:")[1] != where0, "the prototypes did not move"
    assert fig.locator("canvas").evaluate("c => c.toDataURL()") != canvas0
    # the browser's run is Python's recorded run: at a snapshot step the prototypes agree to rounding
    fig.locator(".f06-reset").click()
    for _ in range(10):
        fig.locator(".f06-step").click()
    read = _f06_read(fig)
    assert "step 10 " in read and "Python's run at step 10" in read, read
    diff = float(re.search(r"largest prototype difference (\d(?:\.\d+)?(?:e[+-]?\d+)?)", read).group(1))
    assert diff < 1e-5, read
    # replaying Python's run: play from the start
    fig.locator(".f06-source button").nth(1).click()
    assert "recorded in Python" in _f06_read(fig)
    with page.expect_download() as download:
        fig.get_by_role("button", name=re.compile("Save this figure as a PNG")).click()
    assert download.value.suggested_filename == "yat-mlp-learning.png"
    print(f"F06: browser accuracy {acc0:.1%} -> {acc:.1%} after {steps} steps; "
          f"largest difference from Python's run at step 10: {diff:.1e}")
    assert_clean(page)


def test_ch5_f06_width_reroll_and_bad_input(page, server):
    fig = _f06(page, server)
    set_range_value(fig.locator("input.f06-units"), 20)
    read = _f06_read(fig)
    assert "K = 20" in read and "step 0" in read and "trained in this browser" in read
    assert "No run was recorded in Python" in fig.locator(".yl-message").text_content()
    canvas0 = fig.locator("canvas").evaluate("c => c.toDataURL()")
    seed0 = fig.locator("input.f06-seed").input_value()
    fig.locator(".f06-reroll").click()
    assert fig.locator("input.f06-seed").input_value() == str(int(seed0) + 1)
    assert f"seed {int(seed0) + 1})" in _f06_read(fig)
    assert fig.locator("canvas").evaluate("c => c.toDataURL()") != canvas0, "re-roll did not change the start"
    _f06_play_until(page, fig, 30)
    assert "K = 20" in _f06_read(fig) and float(fig.get_attribute("data-accuracy")) > 0.5
    # data sets the recorded runs do not have
    fig.locator("select.f06-dataset").select_option(label="blobs")
    assert "blobs" in _f06_read(fig) and "step 0" in _f06_read(fig)
    # a seed that is not a whole number is refused with a message
    fig.locator("input.f06-seed").fill("2.5")
    fig.locator("input.f06-seed").dispatch_event("change")
    assert "whole number" in fig.locator(".yl-message").text_content()
    # a learning rate too large for the start: a message, never NaN
    set_range_value(fig.locator("input[aria-label='learning rate']"), 5)
    _f06_play_until(page, fig, 5)
    assert "NaN" not in fig.text_content()
    # with reduced motion the loop takes at most two frames a second
    page.emulate_media(reduced_motion="reduce")
    fig.locator(".f06-reset").click()
    fig.locator(".f06-play").click()
    page.wait_for_timeout(1500)
    fig.locator(".f06-play").click()
    assert int(fig.get_attribute("data-step")) <= 4
    assert_clean(page)


def test_ch5_f06_keyboard_only(page, server):
    fig = _f06(page, server)
    fig.locator("select.f06-dataset").focus()
    page.keyboard.press("Tab")                                             # to "prototypes K"
    assert page.evaluate("document.activeElement.classList.contains('f06-units')")
    page.keyboard.press("ArrowRight")
    read = _f06_read(fig)
    assert "K = 13" in read and "trained in this browser" in read
    for _ in range(30):                                                    # Tab to play
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('f06-play')"):
            break
    else:
        raise AssertionError("play cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("el => Number(el.dataset.step) >= 40", arg=fig.element_handle(), timeout=30_000)
    page.keyboard.press("Enter")
    read = _f06_read(fig)
    assert "step 0 " not in read and int(fig.get_attribute("data-step")) >= 40
    for _ in range(30):                                                    # Tab to the chosen prototype
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('f06-pick')"):
            break
    else:
        raise AssertionError("the prototype picker cannot be reached with Tab")
    page.keyboard.press("ArrowRight")
    assert "prototype 2 of 13" in fig.locator(".f06-pick").text_content() and "Chosen: prototype 2" in _f06_read(fig)
    for _ in range(10):                                                    # Tab to the plane
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('f06-plane')"):
            break
    else:
        raise AssertionError("the plane cannot be reached with Tab")
    before = _f06_read(fig).split("Chosen:")[1]
    page.keyboard.press("ArrowUp")
    after = _f06_read(fig)
    assert after.split("Chosen:")[1] != before and "moved by hand" in after
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is not visible"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    fig.screenshot(path=str(SCREENSHOTS / "part1_05_learning_f06_light.png"))
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function("el => el.dataset.ylTheme === 'dark'", arg=fig.element_handle())
    fig.screenshot(path=str(SCREENSHOTS / "part1_05_learning_f06_dark.png"))
    assert_clean(page)


def test_ch5_force_probe(page, server):
    open_chapter(page, server, CH5)
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
