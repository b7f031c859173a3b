"""Live probes: for a widget with a live path, ask Python for a state that was NOT precomputed, in
JupyterLab, and check that the widget draws Python's answer.

One probe per widget, keyed by the widget's name (its ``data-widget``, the file stem in
yatlib/widgets/). The JupyterLab test runs the probe of every widget it meets. To add one::

    @probe("training_player")
    def width_off_grid(page, widget):
        wait_live(widget)
        set_slider_by_keys(page, widget.get_by_role("slider", name="width K"), 24)
        wait_readout(widget, r"K = 24\\b")
        return "K = 24 trained in Python"

A probe returns a one-line description of what it verified (printed in the run's table) and
raises ``AssertionError`` when the live path does not deliver.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from playwright.sync_api import Locator, Page

Probe = Callable[[Page, Locator], str]
PROBES: dict[str, Probe] = {}


def probe(widget_name: str) -> Callable[[Probe], Probe]:
    """Register ``fn`` as the live probe of the widget named ``widget_name``."""

    def register(fn: Probe) -> Probe:
        if widget_name in PROBES:
            raise ValueError(
                f"a live probe for {widget_name!r} is already registered ({PROBES[widget_name].__name__})."
            )
        PROBES[widget_name] = fn
        return fn

    return register


def wait_live(widget: Locator, timeout_s: float = 60) -> None:
    """Wait until the widget's kernel answered that it can compute (``.yl-live[data-live=true]``)."""
    status = widget.locator(".yl-live").first
    try:
        status.wait_for(timeout=timeout_s * 1000)
        widget.page.wait_for_function(
            "(el) => el.dataset.live === 'true' || el.dataset.live === 'false'",
            arg=status.element_handle(),
            timeout=timeout_s * 1000,
        )
    except Exception as err:  # noqa: BLE001 - re-raised with what the widget shows
        raise AssertionError(
            f"the widget never heard from its kernel within {timeout_s:.0f} s "
            f"(status: {status.text_content() if status.count() else 'no .yl-live'})"
        ) from err
    live = status.get_attribute("data-live")
    assert live == "true", f"the kernel answered that the widget is not live (status: {status.text_content()!r})"


def set_slider_by_keys(page: Page, slider: Locator, value: float, max_presses: int = 400) -> None:
    """Move a range slider to ``value`` with the keyboard (Home, then ArrowRight steps), as a reader would."""
    slider.scroll_into_view_if_needed()
    slider.focus()
    lo, step = (float(slider.get_attribute(a) or d) for a, d in (("min", 0), ("step", 1)))
    page.keyboard.press("Home")
    presses = round((value - lo) / step)
    if not 0 <= presses <= max_presses:
        raise ValueError(f"value {value} is {presses} steps of {step} from the slider's minimum {lo}")
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    current = float(slider.input_value())
    assert abs(current - value) < step / 2, f"the slider shows {current}, not {value}"


def wait_readout(widget: Locator, pattern: str, timeout_s: float = 180) -> str:
    """Wait until the widget's read-out (``.yl-status``) matches ``pattern``; returns its text."""
    readout = widget.locator(".yl-status").first
    deadline = time.monotonic() + timeout_s
    text = ""
    while time.monotonic() < deadline:
        text = readout.text_content() or ""
        if re.search(pattern, text):
            return text
        widget.page.wait_for_timeout(200)
    status = widget.locator(".yl-live").first
    raise AssertionError(
        f"the read-out never matched {pattern!r} within {timeout_s:.0f} s: {text!r} "
        f"(live status: {status.text_content() if status.count() else '-'!r})"
    )


# ----------------------------------------------------------------------------- probes


@probe("handbuilt_explorer")
def handbuilt_bias_off_grid(page: Page, widget: Locator) -> str:
    """F15: b = 0.25 is not in the precomputed grid {0, 0.5, 1}; Python computes its accuracies."""
    wait_live(widget)
    set_slider_by_keys(page, widget.get_by_role("slider", name="bias b"), 0.25)
    text = wait_readout(widget, r"\bb = 0\.25\b")
    acc = re.search(r"sum-vote ([\d.]+ %)", text)
    return f"F15 b = 0.25 (off the grid) computed by Python: sum-vote {acc.group(1) if acc else '?'}"


@probe("yat_mlp_learning")
def f06_width_off_grid(page: Page, widget: Locator) -> str:
    """F06: K = 40 is above the browser's 32 and no run was recorded for it; Python trains it."""
    wait_live(widget)
    set_slider_by_keys(page, widget.get_by_role("slider", name="prototypes K"), 40)
    widget.get_by_role("button", name="train this run in Python").click()
    text = wait_readout(widget, r"trained by Python just now")
    assert re.search(r"\bK = 40\b", text), f"the read-out does not show the run with K = 40: {text!r}"
    return "F06 K = 40 (the browser offers up to 32, none recorded) trained by Python and replayed"


@probe("seed_comparison")
def f24_length_off_grid(page: Page, widget: Locator) -> str:
    """F24: 3 epochs was not precomputed (the book holds 1x and 10x); Python trains both seeds for it."""
    wait_live(widget)
    set_slider_by_keys(page, widget.get_by_role("slider", name="training length in epochs"), 3)
    wait_readout(widget, r"\b3 epochs\b")
    return "F24 3 epochs (not precomputed) trained by Python"


@probe("warm_start_explorer")
def f17_images_off_grid(page: Page, widget: Locator) -> str:
    """F17 (little data): 5 images per class was not precomputed (10, 20, 40, 100 were); Python trains it.

    The rare-class figure shares the widget's name; its live path trains for minutes, so this probe
    only checks that it is live there.
    """
    wait_live(widget)
    slider = widget.get_by_role("slider", name="training images per class")
    if not slider.count():
        return "F17 rare classes: live (any pair can be trained; not run here, it takes minutes)"
    set_slider_by_keys(page, slider, 5)
    wait_readout(widget, r"^5 training images per class", timeout_s=300)
    return "F17 5 images per class (not precomputed) trained by Python"


@probe("ablation_explorer")
def f28_units_you_pick(page: Page, widget: Locator) -> str:
    """F28: units 0-9 are no precomputed subset (those are the units tagged with one operator); Python
    knocks them out and measures every operator's accuracy with the book's reader."""
    wait_live(widget)
    widget.get_by_role("button", name="whole row").click()  # the control sweep may have left another intervention
    box = widget.get_by_role("textbox", name=re.compile("unit numbers to knock out"))
    box.fill("0-9")
    widget.get_by_role("button", name="knock them out").click()
    text = wait_readout(widget, r"^Knocked out the 10 units you picked, as: whole row\.")
    acc = re.search(r"× ([\d.]+ %) → ([\d.]+ %)", text)
    assert acc, f"the read-out gives no × accuracy: {text!r}"
    assert widget.locator(".ae-list").text_content().startswith("Units knocked out: #0 ")
    return f"F28 units 0-9 (not a precomputed subset) knocked out by Python: × {acc.group(1)} → {acc.group(2)}"
