"""Part I, chapters 5-7 in the built book: every figure reacts to its controls with no kernel,
no network and no console errors."""

import re

from tests.browser._part1 import canvases, check_themes, focus_visible, readout, slider_latency, svgs, tab_to, widget
from tests.browser.figure_checks import tab_from_focus_until
from tests.browser.helpers import SCREENSHOTS, screenshot, set_range_value
from tests.browser.visit import on_page

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
        }""",
        value,
    )


def _f06(page):
    """F06's widget on chapter 5, drawn (it starts when it scrolls near the viewport)."""
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
    page.wait_for_function(
        "([el, s]) => Number(el.dataset.step) >= s", arg=[fig.element_handle(), step], timeout=30_000
    )
    fig.locator(".f06-play").click()


@on_page(CH5)
def ch5_f06_trains_in_the_browser_offline(page, server):
    fig = _f06(page)
    first = _f06_read(fig)
    assert "step 300" in first and "recorded in Python" in first  # the opening state: a recorded run, trained
    fig.locator(".f06-source button").nth(0).click()  # trained in this browser
    start = _f06_read(fig)
    assert "step 0" in start and "trained in this browser" in start
    acc0 = float(fig.get_attribute("data-accuracy"))
    where0 = start.split("Chosen:")[1]
    canvas0 = fig.locator("canvas").evaluate("c => c.toDataURL()")
    fig.locator(".yl-buttons[aria-label=speed] button").last.click()  # 10 steps per frame
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
        fig.get_by_role("button", name=re.compile("Save as PNG")).click()
    assert download.value.suggested_filename == "yat-mlp-learning.png"
    print(
        f"F06: browser accuracy {acc0:.1%} -> {acc:.1%} after {steps} steps; "
        f"largest difference from Python's run at step 10: {diff:.1e}"
    )


@on_page(CH5)
def ch5_f06_keyboard_only(page, server):
    fig = _f06(page)
    fig.locator("select.f06-dataset").focus()
    page.keyboard.press("Tab")  # to "prototypes K"
    assert page.evaluate("document.activeElement.classList.contains('f06-units')")
    page.keyboard.press("ArrowRight")
    read = _f06_read(fig)
    assert "K = 13" in read and "trained in this browser" in read
    tab_from_focus_until(page, ".f06-play", "play", max_tabs=30)
    page.keyboard.press("Enter")
    page.wait_for_function("el => Number(el.dataset.step) >= 40", arg=fig.element_handle(), timeout=30_000)
    page.keyboard.press("Enter")
    read = _f06_read(fig)
    assert "step 0 " not in read and int(fig.get_attribute("data-step")) >= 40
    tab_from_focus_until(page, ".f06-pick", "the prototype picker", max_tabs=30)
    page.keyboard.press("ArrowRight")
    assert "prototype 2 of 13" in fig.locator(".f06-pick").text_content() and "Chosen: prototype 2" in _f06_read(fig)
    tab_from_focus_until(page, ".f06-plane", "the plane", max_tabs=10)
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


@on_page(CH5)
def ch5_f06_width_reroll_and_bad_input(page, server):
    fig = _f06(page)
    # The two checks before this one on the page's visit left F06 training K = 13 in the browser at 10
    # steps per frame: back to its opening settings, Python's recorded run of K = 12 (the message below
    # is about leaving it) at one step per frame (the reduced-motion count at the end assumes it).
    set_range_value(fig.locator("input.f06-units"), 12)
    fig.locator(".f06-source button").nth(1).click()
    fig.locator(".yl-buttons[aria-label=speed] button").first.click()
    read = _f06_read(fig)
    assert "K = 12" in read and "recorded in Python" in read and "play runs 1 step per frame" in read, read
    set_range_value(fig.locator("input.f06-units"), 20)
    read = _f06_read(fig)
    assert "K = 20" in read and "step 0" in read and "trained in this browser" in read
    assert "No run was recorded in Python" in fig.locator(".yl-message").text_content()
    canvas0 = fig.locator("canvas").evaluate("c => c.toDataURL()")
    seed0 = fig.locator("input.f06-seed").input_value()
    fig.locator(".f06-reroll").click()
    assert fig.locator("input.f06-seed").input_value() == str(int(seed0) + 1)
    assert f"seed {int(seed0) + 1}," in _f06_read(fig)
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


@on_page(CH5)
def ch5_force_probe(page, server):
    probe = widget(page, "force_probe")
    before = readout(probe)
    sx = probe.locator("input[type=range]").nth(0)
    set_range_value(sx, -1.0)
    assert readout(probe) != before and "force" in readout(probe)
    assert "NaN" not in probe.text_content()
    ms = _latency_ms(sx, 0.5)
    print(f"force probe slider latency: {ms:.1f} ms")
    assert ms < 250
    # drag into the ReLU panel's dead region (small weights): exactly zero force is reported
    probe.locator("svg.ff-relu-panel").scroll_into_view_if_needed()
    box = probe.locator("svg.ff-relu-panel").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert "ReLU unit: force exactly 0" in readout(probe)
    # keyboard only: Tab to the panels, the arrow keys move the probe out of the dead region
    tab_to(page, probe, probe.locator("[role=application]"))
    assert focus_visible(page)
    pic = svgs(probe)
    for _ in range(4):
        page.keyboard.press("Shift+ArrowRight")
    assert "Probe at (1.00, 0.00)" in readout(probe) and svgs(probe) != pic
    assert sx.input_value() == "1"
    check_themes(page, [("force_probe", 0)], "part1_05_learning_f07")
    screenshot(page, "part1_05_learning")


@on_page(CH6)
def ch6_locality_lift_and_offdistribution(page, server):
    lazy = widget(page, "locality_explorer", 0)
    assert lazy.get_attribute("data-figure") == "F08"
    before = readout(lazy)
    eps = lazy.locator("input[type=range]").nth(0)
    set_range_value(eps, -2.5)
    after = readout(lazy)
    assert after != before and "ReLU" in after
    ms = _latency_ms(eps, -1.0)
    print(f"locality ε slider latency: {ms:.1f} ms")
    assert ms < 250
    lazy.locator("svg.lx-plane").scroll_into_view_if_needed()
    box = lazy.locator("svg.lx-plane").bounding_box()
    page.mouse.click(box["x"] + 0.8 * box["width"], box["y"] + 0.2 * box["height"])
    assert readout(lazy) != after
    # keyboard only: the arrow keys move the query, and pick a unit in the bars
    tab_to(page, lazy, lazy.get_by_role("application", name=re.compile("query")))
    txt = readout(lazy)
    page.keyboard.press("Shift+ArrowDown")
    assert readout(lazy) != txt and "query (" in readout(lazy)
    picked = re.search(r"picked: unit (\d+)", readout(lazy))[1]
    tab_to(page, lazy, lazy.get_by_role("application", name=re.compile("pick a unit")))
    page.keyboard.press("ArrowDown")
    assert re.search(r"picked: unit (\d+)", readout(lazy))[1] != picked
    set_range_value(lazy.locator("input[type=range]").nth(1), 0)
    assert "No prototypes" in lazy.locator(".yl-message").text_content()

    attribution = widget(page, "locality_explorer", 1)
    first = readout(attribution)
    assert "shares sum to 1.0000" in first
    attribution.locator("svg.lx-plane").scroll_into_view_if_needed()
    box = attribution.locator("svg.lx-plane").bounding_box()
    page.mouse.click(box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"])
    assert readout(attribution) != first and "shares sum to 1.0000" in readout(attribution)
    tab_to(page, attribution, attribution.get_by_role("application", name=re.compile("query")))
    txt = readout(attribution)
    page.keyboard.press("ArrowRight")
    assert readout(attribution) != txt and "shares sum to 1.0000" in readout(attribution)
    tab_to(page, attribution, attribution.get_by_role("application", name=re.compile("pick a unit")))
    page.keyboard.press("End")
    last = re.search(r"picked: unit \d+, share ([0-9.]+) %", readout(attribution))
    page.keyboard.press("Home")
    top = re.search(r"picked: unit \d+, share ([0-9.]+) %", readout(attribution))
    assert float(top[1]) >= float(last[1])  # the bars are sorted by share
    set_range_value(attribution.locator("input[type=range]").nth(0), -2.5)  # ε at its minimum
    assert "NaN" not in attribution.text_content()

    # F10: the lift, the data sets and the view, with the keyboard
    lift = widget(page, "feature_lift")
    assert "Lift 0: every point lies on the flat plane" in readout(lift)
    pic = canvases(lift)
    tab_to(page, lift, lift.get_by_role("slider", name="lift amount"))
    page.keyboard.press("End")
    text = readout(lift)
    assert "Lift 1.00" in text and canvases(lift) != pic
    up, n1, down, n0 = map(
        int, re.search(r"(\d+) of (\d+) class-1 points rise .* (\d+) of (\d+) class-0", text).groups()
    )
    assert (up + down) / (n1 + n0) >= 0.98  # rings: the plane separates them (C14)
    tab_to(page, lift, lift.get_by_role("button", name="xor"))
    page.keyboard.press("Enter")
    assert (
        readout(lift).startswith("xor:")
        and lift.get_by_role("button", name="xor").get_attribute("aria-pressed") == "true"
    )
    tab_to(page, lift, lift.get_by_role("button", name="spirals"))
    page.keyboard.press("Space")
    up, n1, down, n0 = map(
        int, re.search(r"(\d+) of (\d+) class-1 points rise .* (\d+) of (\d+) class-0", readout(lift)).groups()
    )
    assert (up + down) / (n1 + n0) < 0.80  # no quadratic separates the spiral
    tab_to(page, lift, lift.get_by_role("application"))
    pic = canvases(lift)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    assert "azimuth -130°, elevation 35°" in readout(lift) and canvases(lift) != pic
    ms = slider_latency(lift, 0, [0.2, 0.5, 0.8, 1.0])
    print(f"F10 redraw (600 points, 640 tiles): {ms:.2f} ms")
    assert ms < 250

    # F11: the query slider, with the keyboard
    off = widget(page, "off_distribution")
    assert readout(off).startswith("x = +0.00 (inside the training band)")
    tab_to(page, off, off.get_by_role("slider", name="query position x"))
    pic = svgs(off)
    page.keyboard.press("End")
    text = readout(off)
    assert text.startswith("x = +6.00 (outside") and svgs(off) != pic
    relu_m, yat_m = map(float, re.search(r"ReLU MLP margin ([0-9.]+), Yat MLP margin ([0-9.]+)", text).groups())
    assert relu_m > 10 * yat_m  # far from the data the ReLU net is the confident one
    page.keyboard.press("ArrowLeft")
    assert readout(off).startswith("x = +5.95")
    check_themes(
        page,
        [("locality_explorer", 0), ("locality_explorer", 1), ("feature_lift", 0), ("off_distribution", 0)],
        "part1_06_finite_kernel",
    )


@on_page(CH7)
def ch7_block_stepper(page, server):
    stepper = widget(page, "block_stepper")
    formula = stepper.locator(".bs-formula")
    first = formula.text_content()
    for _ in range(3):
        stepper.get_by_role("button", name="next stage ▶").click()
    assert formula.text_content() != first and "softmax" in formula.text_content()
    assert "row sums" in stepper.text_content()
    assert readout(stepper).startswith("Stage 4 of 8: Attention weights")
    set_range_value(stepper.locator("input[type=range]"), 7)
    assert "cos(A) after" in stepper.text_content()
    # keyboard only: the strip of stages is a picker, the buttons work with Enter
    tab_to(page, stepper, stepper.get_by_role("listbox"))
    assert focus_visible(page)
    page.keyboard.press("Home")
    assert (
        readout(stepper).startswith("Stage 1 of 8")
        and stepper.get_by_role("button", name="◀ previous stage").is_disabled()
    )
    page.keyboard.press("ArrowRight")
    assert readout(stepper).startswith("Stage 2 of 8")
    tab_to(page, stepper, stepper.get_by_role("button", name="next stage ▶"))
    page.keyboard.press("Enter")
    assert readout(stepper).startswith("Stage 3 of 8: Scores")
    check_themes(page, [("block_stepper", 0)], "part1_07_attention")
