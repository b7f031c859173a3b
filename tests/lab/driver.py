"""Driving a notebook in JupyterLab with Playwright: open it, Run All, find its figures, and move
every control as a reader would, checking that the figure changes and stays visible.

The server is started with ``--LabApp.expose_app_in_browser=True``, so ``window.jupyterapp`` lets
the test read the notebook's model (execution counts, error outputs, the kernel's status);
everything a reader does (Run All, sliders, buttons, clicks) goes through the page's UI.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page

from tests.figure_signature import PLOTLY_SIGNATURE_JS, WIDGET_SIGNATURE_JS

# How long a control may take to change its figure: a redraw is immediate, a live computation in
# Python (progress shown in the widget's .yl-live status) may take longer.
CHANGE_TIMEOUT_S = 6.0
LIVE_TIMEOUT_S = 180.0
PICK_TIMEOUT_S = 1.5  # a picker redraws at once; no change after this, it is at an end
SETTLE_MS = 400  # plotly's resize runs ~100 ms after a redraw: measure heights after it

# Outputs in the page: a widget view is rendered by a Panel (ipywidgets' WidgetRenderer), a plotly
# figure by plotly's mime renderer, whose node is the plot itself.
WIDGET_OUTPUTS = ".jp-Notebook .jp-OutputArea-output.lm-Panel"
PLOTLY_OUTPUTS = ".jp-Notebook .jp-OutputArea-output.jp-RenderedPlotly"

# ----------------------------------------------------------------------------- JavaScript

JS_NOTEBOOK_STATE = """() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget;
  if (!nb || !nb.content || !nb.content.model || !nb.sessionContext) return null;
  const kernel = nb.sessionContext.session && nb.sessionContext.session.kernel;
  const cells = nb.content.model.cells;
  const out = { kernel: kernel ? kernel.status : 'none', cells: cells.length, code: 0, executed: 0, running: 0,
                errors: [], widgetViews: 0 };
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    out.code++;
    if (c.executionCount !== null && c.executionCount !== undefined) out.executed++;
    if (c.executionState === 'running') out.running++;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j);
      if (o.type === 'error') {
        const js = o.toJSON();
        out.errors.push({ cell: i, ename: js.ename, evalue: String(js.evalue).slice(0, 500) });
      }
      if (o.data && o.data['application/vnd.jupyter.widget-view+json']) out.widgetViews++;
    }
  }
  return out;
}"""

JS_HEIGHT = "(el) => el.getBoundingClientRect().height"

# Controls of a widget, each with a stable index among the widget's controls of its kind.
JS_WIDGET_CONTROLS = """(root) => {
  const visible = (n) => {
    const r = n.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !n.closest('[hidden]');
  };
  const name = (n) => (n.getAttribute('aria-label') || (n.labels && n.labels[0] && n.labels[0].textContent)
    || n.title || n.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  const out = [];
  root.querySelectorAll('input, select, button, canvas, [role=slider], [role=listbox], [tabindex]').forEach((n, i) => {
    if (!visible(n) || n.disabled) return;
    const tag = n.tagName.toLowerCase();
    let kind = null;
    if (tag === 'input') {
      const t = (n.type || 'text').toLowerCase();
      kind = t === 'range' ? 'range' : (t === 'checkbox' || t === 'radio') ? t : (t === 'number' ? 'number' : null);
    } else if (tag === 'select') kind = 'select';
    else if (tag === 'button') {
      const label = name(n).toLowerCase();
      // export and cancel change no figure
      if (n.classList.contains('yl-export') || /save as png|^cancel$/.test(label)) return;
      if (n.getAttribute('aria-pressed') === 'true') return;  // already the chosen option
      kind = 'button';
    } else if (tag === 'canvas') {
      const cursor = getComputedStyle(n).cursor;
      if (n.tabIndex >= 0 || /pointer|crosshair|grab|move/.test(cursor)) kind = 'canvas';
    } else if (n.tabIndex >= 0 && n.hasAttribute('tabindex') && tag !== 'a') {
      kind = 'picker';  // a drawing (SVG, a grid of pictures, a chart) that picks by arrow keys and clicks
    }
    if (!kind) return;
    out.push({ kind, index: i, name: name(n) || tag });
  });
  return out;
}"""

JS_CONTROL_NODE = (
    "(root, i) => root.querySelectorAll('input, select, button, canvas, [role=slider], [role=listbox], [tabindex]')[i]"
)

JS_PLOTLY_CONTROLS = """(gd) => {
  const out = [];
  const L = gd._fullLayout || {};
  (L.sliders || []).forEach((s, k) => {
    if (s.visible !== false && s.steps && s.steps.length > 1) {
      const name = (s.currentvalue && s.currentvalue.prefix || 'slider ' + k).trim();
      out.push({ kind: 'plotly-slider', index: k, name, steps: s.steps.length, active: s.active });
    }
  });
  (L.updatemenus || []).forEach((m, k) => {
    if (m.visible !== false && m.buttons && m.buttons.length > 1) {
      out.push({ kind: 'plotly-menu', index: k, type: m.type || 'dropdown', name: 'menu ' + k,
                 buttons: m.buttons.map((b) => b.label), active: m.active });
    }
  });
  return out;
}"""


@dataclass
class ControlResult:
    figure: str
    control: str
    kind: str
    changed: bool
    height_before: float
    height_after: float
    note: str = ""
    keyboard: bool | None = None  # did the keys reach the control (None: not tried)

    @property
    def collapsed(self) -> bool:
        return self.height_before > 40 and self.height_after < 0.6 * self.height_before


@dataclass
class NotebookReport:
    notebook: str
    cells: int = 0
    code_cells: int = 0
    executed: int = 0
    run_s: float = 0.0
    controls_s: float = 0.0  # operating the controls and the live probes
    total_s: float = 0.0
    widgets: list[str] = field(default_factory=list)
    plotly: int = 0
    controls: list[ControlResult] = field(default_factory=list)
    live: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    screenshot: str = ""

    @property
    def changed(self) -> int:
        return sum(c.changed and not c.collapsed for c in self.controls)


REPORTS: list[NotebookReport] = []  # one per notebook tested in this run, for the summary table


# ----------------------------------------------------------------------------- notebook


def notebook_state(page: Page) -> dict | None:
    return page.evaluate(JS_NOTEBOOK_STATE)


# Pages of notebooks whose test has ended, asking the server to shut their kernel down (conftest.py's
# lab_page): closed once the next notebook's kernel has started.
ENDING: list[Page] = []


def close_ended() -> None:
    """Close the pages of ``ENDING`` once their kernels' shutdown has finished."""
    while ENDING:
        ended = ENDING.pop()
        try:
            ended.evaluate("async () => { if (window.__yatShutdown) await window.__yatShutdown; }")
            ended.context.close()
        except Exception:  # noqa: BLE001 - the browser is gone (end of the run): the server's shutdown ends the kernel
            pass


def open_notebook(page: Page, url: str, timeout_s: float = 120) -> dict:
    """Open a notebook's URL and wait until its kernel is idle (then close the page of the notebook
    before, whose kernel has ended meanwhile). Returns the notebook state."""
    page.goto(url)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        state = notebook_state(page)
        if state and state["kernel"] == "idle":
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=30_000)
            close_ended()
            return state
        page.wait_for_timeout(300)
    raise AssertionError(
        f"{url}: the notebook or its kernel did not start within {timeout_s:.0f} s (state: {notebook_state(page)})"
    )


def run_all(page: Page, timeout_s: float) -> dict:
    """Run > Run All Cells from the menu bar, then wait until the kernel has finished (every code
    cell executed, or the run stopped at an error). Returns the notebook state."""
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    deadline = time.monotonic() + timeout_s
    quiet = 0
    state = None
    page.wait_for_timeout(500)
    while time.monotonic() < deadline:
        state = notebook_state(page)
        finished = (
            state
            and state["kernel"] == "idle"
            and state["running"] == 0
            and (state["executed"] == state["code"] or state["errors"])
        )
        quiet = quiet + 1 if finished else 0
        if quiet >= 3:  # idle on three polls in a row, 0.5 s apart
            return state
        page.wait_for_timeout(500)
    raise AssertionError(f"Run All did not finish within {timeout_s:.0f} s (state: {state})")


def wait_rendered(page: Page, locator: Locator, what: str, timeout_s: float = 20) -> str | None:
    """Wait until ``locator`` shows something (not empty, no widget error); returns a problem or None."""
    locator.scroll_into_view_if_needed(timeout=10_000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        info = locator.evaluate("""(el) => ({
            text: el.textContent.trim().slice(0, 300),
            h: el.getBoundingClientRect().height,
            nodes: el.querySelectorAll('canvas, svg, img, input, button, select, table, pre').length })""")
        if "Error displaying widget" in info["text"]:
            return f"{what}: {info['text'][:200]}"
        if info["h"] > 0 and (info["nodes"] > 0 or info["text"]):
            return None
        page.wait_for_timeout(200)
    return f"{what}: empty output after {timeout_s:.0f} s"


# ----------------------------------------------------------------------------- controls


def signature(root: Locator) -> str:
    """The widget's figure and what it says (:data:`tests.figure_signature.WIDGET_SIGNATURE_JS`)."""
    return root.evaluate(WIDGET_SIGNATURE_JS)


def plotly_signature(gd: Locator) -> str:
    """A plotly figure's traces, layout and drawing (:data:`tests.figure_signature.PLOTLY_SIGNATURE_JS`)."""
    return gd.evaluate(PLOTLY_SIGNATURE_JS)


def height(root: Locator) -> float:
    return float(root.evaluate(JS_HEIGHT))


def computing(root: Locator) -> bool:
    """True while the widget's live status says a computation is under way."""
    return bool(
        root.evaluate("""(el) => { const s = el.querySelector('.yl-live');
        return !!s && /comput|train|progress|running/i.test(s.textContent)
          && !/^live:/i.test(s.textContent.trim()); }""")
    )


def wait_change(page: Page, root: Locator, before: str, timeout_s: float = CHANGE_TIMEOUT_S, sig=signature) -> bool:
    """Wait until the figure's signature differs from ``before`` (longer while a live computation runs)."""
    t0 = time.monotonic()
    while True:
        if sig(root) != before:
            return True
        elapsed = time.monotonic() - t0
        if elapsed > LIVE_TIMEOUT_S or (elapsed > timeout_s and not computing(root)):
            return False
        page.wait_for_timeout(150)


def _keys(page: Page, node, *keys: str) -> bool:
    """Focus ``node`` and press ``keys``; True when the keys reached it (JupyterLab's notebook
    shortcuts did not take the keys and the focus away)."""
    node.focus()
    for key in keys:
        page.keyboard.press(key)
    if not node.evaluate("(n) => n.isConnected"):
        return True  # the widget answered the keys by drawing a new control in its place (it keeps the focus)
    reached = bool(node.evaluate("(n) => document.activeElement === n"))
    if not reached:
        page.keyboard.press("Escape")  # JupyterLab may have entered a cell's editor: back to command mode
        page.wait_for_timeout(500)  # and it may be scrolling to another cell
        node.scroll_into_view_if_needed()
    return reached


# A drawing that picks by arrow keys is at its last item (its ARIA says so): the key that moves back.
JS_AT_END = """(n) => {
  const now = n.getAttribute('aria-valuenow'), max = n.getAttribute('aria-valuemax');
  if (now !== null && max !== null) return Number(now) >= Number(max);
  const active = n.getAttribute('aria-activedescendant');
  const options = n.querySelectorAll('[role=option]');
  return Boolean(active && options.length && options[options.length - 1].id === active);
}"""

# The order in which a reader meets a widget's controls: picking or placing on a canvas first
# (an empty plane has nothing for a slider to change), buttons last; of the buttons, one that steps
# back after the others (a "previous" at the first item, a "delete" with nothing added, change
# nothing), and one that clears or resets everything at the very end (it undoes the rest).
_ORDER = {"canvas": 0, "picker": 0, "range": 1, "number": 1, "select": 2, "checkbox": 3, "radio": 3, "button": 4}
_STEPS_BACK = re.compile(r"^(◀ )?(previous|delete|remove|undo)\b", re.I)
_UNDOES_ALL = re.compile(r"^(clear|reset)\b", re.I)


def _order(ctl: dict) -> tuple[int, int]:
    name = ctl["name"].strip()
    back = 2 if _UNDOES_ALL.match(name) else 1 if _STEPS_BACK.match(name) else 0
    return _ORDER.get(ctl["kind"], 9), back if ctl["kind"] == "button" else 0


def _operate(page: Page, root: Locator, node, kind: str, before: str) -> tuple[bool, bool | None, str] | None:
    """Operate one control once, the way a reader does: a form control and a focusable drawing with
    its key (one arrow step, a drop-down's next option, Space or Enter), a drawing that has no keys
    with one click (or one drag where its cursor says grab). Returns (figure changed, keys reached it
    or None for the pointer, note), or None to skip it."""
    note, keyboard = "", None
    if kind == "range":
        value = node.input_value()
        at_max = node.evaluate("(n) => Number(n.value) >= Number(n.max)")
        keyboard = _keys(page, node, "ArrowLeft" if at_max else "ArrowRight") and node.input_value() != value
    elif kind == "select":
        if node.evaluate("(s) => s.options.length") < 2:
            return None
        value = node.input_value()
        at_end = node.evaluate("(s) => s.selectedIndex >= s.options.length - 1")
        keyboard = _keys(page, node, "ArrowUp" if at_end else "ArrowDown") and node.input_value() != value
    elif kind == "number":
        value = node.input_value()
        keyboard = _keys(page, node, "ArrowUp", "Enter") and node.input_value() != value
    elif kind in ("checkbox", "radio"):
        checked = node.is_checked()
        keyboard = _keys(page, node, "Space") and node.is_checked() != checked
    elif kind == "button":
        if node.is_disabled():
            return None
        keyboard = _keys(page, node, "Enter")
    elif kind in ("canvas", "picker"):
        if node.evaluate("(n) => n.tabIndex >= 0"):  # a keyboard equivalent (pickByKeys / moveByKeys)
            key = "ArrowLeft" if node.evaluate(JS_AT_END) else "ArrowRight"
            keyboard = _keys(page, node, key)
            if kind == "picker" and not wait_change(page, root, before, timeout_s=PICK_TIMEOUT_S):
                # a picker that does not say where it is may already be at its last item: step back
                keyboard = _keys(page, node, "ArrowLeft" if key == "ArrowRight" else "ArrowRight")
        else:
            box = node.bounding_box()
            x0, y0 = box["x"] + 0.5 * box["width"], box["y"] + 0.5 * box["height"]
            if node.evaluate(
                "(n) => /grab|move/.test(getComputedStyle(n).cursor)"
            ):  # a picture turned or panned by dragging
                page.mouse.move(x0, y0)
                page.mouse.down()
                page.mouse.move(x0 + 60, y0 + 20, steps=6)
                page.mouse.up()
                note = "dragged"
            else:
                page.mouse.click(x0, y0)
                note = "clicked"
    else:
        return None
    changed = wait_change(page, root, before)
    if changed and kind == "button" and (_offers_pause(node) or _keeps_changing(page, root)):
        _keys(page, node, "Enter")  # it started an animation or a long computation: stop it, as a reader would
        note = "animation (stopped)"
    return changed, keyboard, note


def _offers_pause(node) -> bool:
    """True when a button just pressed now offers to pause (a play button that started its animation)."""
    return bool(
        node.evaluate(
            "(n) => n.isConnected && /pause/i.test((n.getAttribute('aria-label') || '') + ' ' + n.textContent)"
        )
    )


def _keeps_changing(page: Page, root: Locator, window_s: float = 1.0) -> bool:
    """True when the figure is still changing, or its live status still computing, ``window_s`` after a
    change; False as soon as two reads 200 ms apart agree with nothing computing."""
    a, t0 = signature(root), time.monotonic()
    while time.monotonic() - t0 < window_s:
        page.wait_for_timeout(200)
        b = signature(root)
        if b == a and not computing(root):
            return False
        a = b
    return True


def exercise_widget(page: Page, root: Locator, label: str) -> list[ControlResult]:
    """Operate each control of a widget once (``_operate``), in a reader's order (``_order``), and
    record whether the figure changed and kept its height. What each control does is proven in the
    static book (tests/browser); here a change shows that the widget is alive in the notebook, and a
    key that reaches its control shows that JupyterLab's notebook shortcuts do not take it. A control
    whose operation changed nothing is operated once more after all the others: what it acts on may
    need another control first (a learning rate changes nothing before a training step)."""
    controls = sorted(root.evaluate(JS_WIDGET_CONTROLS), key=_order)
    results: dict[int, ControlResult] = {}
    for attempt in (1, 2):
        for ctl in controls:
            if attempt == 2 and (ctl["index"] not in results or results[ctl["index"]].changed):
                continue
            node = root.evaluate_handle(JS_CONTROL_NODE, ctl["index"]).as_element()
            if node is None or not node.is_visible():
                continue
            if ctl["kind"] == "button" and node.get_attribute("aria-pressed") == "true":
                continue  # another control made this option the chosen one meanwhile: pressing it changes nothing
            node.scroll_into_view_if_needed()
            before, h0 = signature(root), height(root)
            outcome = _operate(page, root, node, ctl["kind"], before)
            if outcome is None:
                continue
            changed, keyboard, note = outcome
            _frames(page)  # the redraw laid out before its height is read
            if attempt == 2:
                note = (note + "; " if note else "") + "changed only after the other controls" if changed else note
            results[ctl["index"]] = ControlResult(
                label, ctl["name"], ctl["kind"], changed, h0, height(root), note, keyboard
            )
    return list(results.values())


def _frames(page: Page) -> None:
    """Two animation frames (or 250 ms if the page draws none)."""
    page.evaluate(
        "() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 250); })"
    )


def _plotly_click_slider(page: Page, gd: Locator, k: int, step: int) -> None:
    slider = gd.locator("g.slider-container").nth(k)
    tick = slider.locator("rect.slider-tick-rect").nth(step).bounding_box()
    rail = slider.locator("rect.slider-rail-touch-rect").bounding_box()
    page.mouse.click(tick["x"] + tick["width"] / 2, rail["y"] + rail["height"] / 2)


def exercise_plotly(page: Page, output: Locator, label: str) -> list[ControlResult]:
    """Move each plotly slider once (to its last step, or its first if it is at the last) and press one
    other button of each update menu, and record whether the figure changed and kept its height:
    the first redraw by a slider step or a menu button is what collapsed figures in JupyterLab
    (see yatlib.display)."""
    gd = output  # plotly's renderer draws into the output node itself
    results = []
    for ctl in gd.evaluate(JS_PLOTLY_CONTROLS):
        gd.scroll_into_view_if_needed()
        before, h0 = plotly_signature(gd), height(output)
        if ctl["kind"] == "plotly-slider":
            n, active = ctl["steps"], ctl["active"] or 0
            step = n - 1 if active != n - 1 else 0
            _plotly_click_slider(page, gd, ctl["index"], step)
            name, kind = f"{ctl['name']} → step {step + 1}/{n}", "plotly slider"
        else:
            active = ctl["active"] if ctl["active"] is not None else 0
            b = next(b for b in range(len(ctl["buttons"])) if b != active)
            menu = gd.locator("g.updatemenu-container").nth(ctl["index"])
            buttons = menu.locator("g.updatemenu-button")
            if ctl["type"] == "dropdown":
                menu.locator("g.updatemenu-header-group").click()
                buttons.nth(b).wait_for(state="visible", timeout=5_000)
            buttons.nth(b).click(force=True)
            name, kind = f"button '{ctl['buttons'][b]}'", "plotly menu"
        changed = wait_change(page, output, before, sig=plotly_signature)
        page.wait_for_timeout(SETTLE_MS)  # JupyterLab's renderer resizes ~100 ms after a redraw: the collapse came then
        results.append(ControlResult(label, name, kind, changed, h0, height(output)))
    return results
