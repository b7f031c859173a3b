"""Part III (Figures F26, F27, F28) in the static book: each figure responds to the pointer and to the
keyboard alone, reads its state out in a live region, redraws in the dark theme, offers a PNG export,
and (F28) draws the spread of the random draws and says that knocking out units you pick needs a kernel.
(Page weight: tests/browser/page_weight.py, for every page.)"""

from __future__ import annotations

import re

from tests.browser._part1 import canvases, check_themes, figure, focus_visible, readout, svgs, tab_to
from tests.browser.helpers import set_range_value, wait_until
from tests.browser.visit import on_page

PART = "notebooks/part3/"


@on_page(PART + "01_architecture")
def f26_architecture(page, server):
    w = figure(page, "architecture", "F26")
    assert readout(w).startswith("Yat layer: 192 → 256 units"), readout(w)
    drawing = w.locator("svg.arch-svg")
    alt = drawing.get_attribute("aria-label")
    assert alt.startswith("Diagram of the painting network") and "Yat layer (192 → 256 units)" in alt
    assert w.locator("g.arch-block").count() == 10

    # pointer: the decoder, then the first input
    before = svgs(w)
    w.locator("g.arch-block[data-block='8']").click()
    assert readout(w).startswith("decoder D: 256 units → 28 × 84 pixels"), readout(w)
    assert svgs(w) != before and "transposed" in w.locator(".arch-panel-detail").text_content()
    w.locator("g.arch-block[data-block='0']").click()
    assert readout(w).startswith("input digit a: 28 × 28 pixels")

    # keyboard only: Tab to the diagram, then arrows, Home and End pick blocks
    tab_to(page, w, drawing)
    assert focus_visible(page) and "arrow keys" in drawing.get_attribute("aria-label").lower()
    page.keyboard.press("ArrowRight")
    assert readout(w).startswith("input operator: 28 × 28 pixels")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert readout(w).startswith("encoder E of digit a: 28 × 28 pixels → 64 numbers")
    assert "parameters" in readout(w)
    page.keyboard.press("End")
    assert readout(w).startswith("painted answer: 28 × 84 pixels")
    assert "Picked: painted answer" in drawing.get_attribute("aria-label")
    assert w.get_by_role("button", name="Save as PNG: this figure, as painting-network.png").count() == 1
    assert "NaN" not in w.text_content()
    check_themes(page, [("architecture", 0)], "part3_01_f26")


# The footprint canvas shows a footprint: the widget clears it to the background and draws the
# footprint (and the slot lines) once the unit's PNG has decoded.
_DRAWN_JS = """(c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 4; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) return true;
  return false; }"""


def _unit(text: str) -> int:
    m = re.match(r"Unit #(\d+) ", text)
    assert m, text
    return int(m.group(1))


@on_page(PART + "02_naming_and_footprints")
def f27_unit_explorer(page, server):
    w = figure(page, "unit_explorer", "F27")
    text = readout(w)
    assert re.match(r"Unit #\d+ \(\d+ of 256 all units\): first digit \S+, operator \S+, second digit \S+; ", text), (
        text
    )
    assert "operator-tagged" in text and "of its ink in the" in text
    foot = w.locator("canvas.ue-footprint")
    wait_until(page, _DRAWN_JS, foot.element_handle(), timeout_ms=5000)  # the footprint's PNG decodes asynchronously
    pics = canvases(w)
    assert foot.get_attribute("aria-label").startswith(f"Footprint of unit #{_unit(text)}")

    # pointer: a square of the map, the next button, the slider, the filter, the set
    w.locator("svg.ue-map rect[data-pos='5']").click()
    assert _unit(readout(w)) == 5
    wait_until(page, _DRAWN_JS, foot.element_handle(), timeout_ms=5000)
    assert canvases(w) != pics
    w.get_by_role("button", name="next unit").click()
    assert _unit(readout(w)) == 6
    set_range_value(w.get_by_role("slider", name="unit"), 40)
    assert _unit(readout(w)) == 40
    w.get_by_role("button", name="add #40 to your set").click()
    assert w.locator("output.ue-set").text_content().startswith("40 (1 unit;")
    assert "In your set." in readout(w)
    w.locator("select").select_option(label="units tagged ×")
    text = readout(w)
    assert "operator-tagged ×" in text and "units tagged ×" in text or w.locator(".yl-message").is_visible()

    # keyboard only: Tab to the map, arrows pick units (Down moves a row of 32), Tab to the slider
    w.locator("select").select_option(label="all units")
    tab_to(page, w, w.locator("svg.ue-map"))
    assert focus_visible(page)
    page.keyboard.press("Home")
    assert _unit(readout(w)) == 0
    page.keyboard.press("ArrowRight")
    assert _unit(readout(w)) == 1
    page.keyboard.press("ArrowDown")
    assert _unit(readout(w)) == 33
    slider = tab_to(page, w, w.get_by_role("slider", name="unit"))
    assert focus_visible(page)
    page.keyboard.press("ArrowRight")
    assert _unit(readout(w)) == 34
    toggle = tab_to(page, w, w.locator("button.ue-toggle"))
    page.keyboard.press("Enter")
    assert "34" in w.locator("output.ue-set").text_content()
    assert slider.count() == 1 and "NaN" not in w.text_content()
    assert toggle.text_content() == "remove #34 from your set"
    assert w.get_by_role("button", name="Save as PNG: this figure, as unit-explorer.png").count() == 1
    check_themes(page, [("unit_explorer", 0)], "part3_02_f27")


def _bars(w) -> list[str]:
    return w.locator("rect.ae-after").evaluate_all("rs => rs.map(r => r.getAttribute('data-value'))")


@on_page(PART + "03_ablation")
def f28_ablation_explorer(page, server):
    w = figure(page, "ablation_explorer", "F28")
    start = readout(w)
    assert re.match(
        r"Knocked out the \d+ units tagged ×, as: whole row\. Answer accuracy per operator: \+ [\d.]+ % → ", start
    ), start
    assert "Without a Python kernel, only the precomputed subsets" in w.locator(".yl-live").text_content()
    assert w.locator(".yl-live").get_attribute("data-live") != "true"
    bars = _bars(w)
    assert len(bars) == 4 and w.locator("svg.ae-chart").get_attribute("aria-label").startswith(
        "Bar chart of the answer accuracy"
    )

    # pointer: another intervention, another subset
    w.get_by_role("button", name="random rows, same number").click()
    assert "as: random rows, same number" in readout(w) and _bars(w) != bars
    # the random rows are the mean of several draws: whiskers run from the lowest to the highest draw
    spread = w.locator("g.ae-spread")
    assert spread.count() == 4 and "Mean of 20 random draws" in readout(w)
    for k in range(4):
        low, high, mean = (
            float(x)
            for x in (spread.nth(k).get_attribute("data-lo"), spread.nth(k).get_attribute("data-hi"), _bars(w)[k])
        )
        assert low <= mean + 1e-3 and mean <= high + 1e-3, (low, mean, high)
    w.get_by_role("button", name="units tagged +").click()
    assert readout(w).startswith("Knocked out the") and "units tagged +" in readout(w)
    assert "averaged over 20 draws" in w.locator(".ae-list").text_content()

    # units you pick: no kernel here, so the widget says so and keeps the bars
    shown, text = _bars(w), readout(w)
    w.locator("input.ae-units").fill("3, 17, 40-45")
    w.get_by_role("button", name="knock them out").click()
    msg = w.locator(".yl-message")
    assert msg.is_visible() and "needs a Python kernel" in msg.text_content()
    assert _bars(w) == shown
    w.locator("input.ae-units").fill("3, seven")
    w.get_by_role("button", name="knock them out").click()
    assert "“seven” is not a unit number" in msg.text_content()
    w.locator("input.ae-units").fill("300")
    w.get_by_role("button", name="knock them out").click()
    assert "no unit 300: the units are numbered 0 to 255" in msg.text_content()
    assert readout(w) != text  # the read-out says what was wrong

    # keyboard only: Tab to an intervention, Enter; Tab to a subset, Space
    slot = tab_to(page, w, w.get_by_role("button", name="operator slot only"))
    assert focus_visible(page)
    before = _bars(w)
    page.keyboard.press("Enter")
    assert "as: operator slot only" in readout(w) and _bars(w) != before
    assert w.locator("g.ae-spread").count() == 0 and "random draws" not in readout(w)  # one fixed knockout: no whiskers
    assert slot.get_attribute("aria-pressed") == "true"
    times = tab_to(page, w, w.get_by_role("button", name="units tagged ×"))
    page.keyboard.press(" ")
    assert "units tagged ×, as: operator slot only" in readout(w)
    assert times.get_attribute("aria-pressed") == "true"
    assert "NaN" not in w.text_content()
    assert w.get_by_role("button", name="Save as PNG: this figure, as ablation-by-name.png").count() == 1
    check_themes(page, [("ablation_explorer", 0)], "part3_03_f28")
