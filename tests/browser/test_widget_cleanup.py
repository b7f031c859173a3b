"""A removed view stops everything it started: for every widget of the built book, the function that
``render`` returns (anywidget calls it when the view goes) removes the view's model listeners,
disconnects its observers, removes its window and document listeners and stops its animation
frames. Each widget's bundled module runs on a blank page with a stand-in model holding the
widget's saved state; a widget that plays is playing when its view is removed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

# Counts what a module starts in the page: observers, window/document/media-query listeners, frames.
_INSTRUMENT_JS = r"""() => {
  const t = window.__yat = { observers: new Set(), listeners: new Map(), frames: 0 };
  for (const name of ["IntersectionObserver", "ResizeObserver", "MutationObserver"]) {
    const Orig = window[name];
    if (!Orig) continue;
    window[name] = class extends Orig {
      observe(...a) { t.observers.add(this); return super.observe(...a); }
      disconnect() { t.observers.delete(this); return super.disconnect(); }
    };
  }
  // window, document and media-query listeners, as a multiset of "where:type"
  const where = (target) => (target === window ? "window" : target === document ? "document"
    : target instanceof MediaQueryList ? "media" : null);
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, o) {
    const w = where(this);
    if (w) t.listeners.set(`${w}:${type}`, (t.listeners.get(`${w}:${type}`) || 0) + 1);
    return add.call(this, type, fn, o);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, o) {
    const w = where(this), key = `${w}:${type}`;
    if (w && t.listeners.get(key)) t.listeners.set(key, t.listeners.get(key) - 1);
    if (w && t.listeners.get(key) === 0) t.listeners.delete(key);
    return remove.call(this, type, fn, o);
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (fn) => { t.frames += 1; return raf(fn); };
}"""

# Renders one widget with a stand-in model, lets it draw (and play), removes the view, and reports.
_RUN_JS = r"""async ({ esm, state }) => {
  const t = window.__yat;
  const listeners = new Map();
  const model = {
    get: (k) => state[k], set: (k, v) => { state[k] = v; }, save_changes() {}, send() {},
    on(e, fn) { if (!listeners.has(e)) listeners.set(e, new Set()); listeners.get(e).add(fn); },
    off(e, fn) { if (listeners.has(e)) listeners.get(e).delete(fn); },
  };
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const el = document.createElement("div");
  document.body.append(el);
  const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
  const widget = (await import(url)).default;
  if (widget.initialize) await widget.initialize({ model });
  const cleanup = await widget.render({ model, el });
  for (let i = 0; i < 100 && !el.dataset.drawnMs; i++) await sleep(50);
  for (const b of el.querySelectorAll("button")) if (/play/i.test(b.textContent)) b.click();
  await sleep(300);
  const before = { model: count(), observers: t.observers.size, listeners: [...t.listeners.keys()] };
  if (typeof cleanup === "function") await cleanup();
  await sleep(100);
  t.frames = 0;
  await sleep(400);
  return { returned: typeof cleanup, drawn: Boolean(el.dataset.drawnMs), before,
           after: { model: count(), observers: t.observers.size, listeners: [...t.listeners.keys()],
                    frames: t.frames } };
}"""


def _widgets(book_html: Path) -> list[tuple[str, dict]]:
    """One (name, model state) per distinct anywidget of the book (by its module and its data keys)."""
    out, seen = [], set()
    for page in sorted(book_html.rglob("*.html")):
        text = page.read_text(errors="replace")
        for block in re.findall(
            r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', text, re.S
        ):
            for model in json.loads(block).get("state", {}).values():
                state = model.get("state", {})
                esm = state.get("_esm")
                if not isinstance(esm, str):
                    continue
                files = re.findall(r"^// ---- (\S+\.mjs) ----$", esm, re.M)
                name = files[-1] if files else "?"
                key = (name, state.get("mode"), state.get("kind"), state.get("control"))
                if key not in seen:
                    seen.add(key)
                    out.append((" ".join(str(k) for k in key if k), state))
    return out


def test_every_widget_view_stops_what_it_started(page, book_html):
    widgets = _widgets(book_html)
    if not widgets:
        pytest.skip(f"no widget state in {book_html}")
    problems = []
    for name, state in widgets:
        page.set_content("<!doctype html><html><body></body></html>")
        page.evaluate(_INSTRUMENT_JS)
        got = page.evaluate(_RUN_JS, {"esm": state["_esm"], "state": {k: v for k, v in state.items()}})
        after = got["after"]
        if got["returned"] != "function":
            problems.append(f"{name}: render returned {got['returned']}, not the view's cleanup")
        elif not got["drawn"]:
            problems.append(f"{name}: never drew")
        elif after["model"] or after["observers"] or after["listeners"] or after["frames"]:
            problems.append(
                f"{name}: after its view was removed: {after['model']} model listeners, {after['observers']} "
                f"observers, window/document listeners {after['listeners']}, {after['frames']} animation frames "
                f"(before: {got['before']})"
            )
    assert not page.yat_page_errors, page.yat_page_errors
    assert not problems, "\n".join(problems)
