"""Every page of the book with a keyboard and a screen reader (issue #12).

Run on the page's one visit (``visit.py``):

* ``axe_audit`` (called by ``themes.check_themes``, which switches the theme): axe-core (vendored in
  the book's ``_static``, pinned and checksummed by ``scripts/fetch_vendor_js.py``) on every page of
  the toc, in the light and the dark theme, after scrolling through the page so that every lazy
  widget has started. No violation of impact "serious" or "critical"; the others are printed.
* ``check_keyboard_only``: for every widget of a page, Tab from just before the widget into its
  first control, then operate its controls one after the other with keys only (ArrowRight on a
  slider, Enter on a toggle button that is not pressed, ArrowDown on a drop-down, arrow keys on a
  focusable picker or canvas) until one of them changes both the figure (canvas pixels, SVG and
  HTML markup) and the live read-out. Every control reached must show its focus. A widget that
  is not a yatlib widget root (``.yl-widget[data-widget]`` from ``mountWidget``, with an
  ``aria-live`` read-out) fails, and so does a plotly figure with sliders or buttons (plotly's
  are not keyboard operable). It runs last on the visit: it needs no particular state of a widget.

Run: ``nice -n 10 .venv/bin/python -m pytest -q tests/browser/test_pages.py`` (add ``-k part2_08``
for one page). The tables at the end (and ``_build/reports/``) give the result per page.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.browser.helpers import FIGURE_OF_JS, plotly_info, widget_views
from tests.figure_signature import FIGURE_SIGNATURE_JS, READOUT_JS

BLOCKING = ("serious", "critical")


# ---------------------------------------------------------------- axe

_AXE_JS = """async () => {
  const figureOf = FIGURE_OF;
  const r = await axe.run(document, { resultTypes: ['violations'] });
  const where = (target) => {
    let node = null;
    try { node = target.length === 1 ? document.querySelector(target[0]) : null; } catch (e) { node = null; }
    if (!node) return 'book';
    const fig = node.closest('.widget-subarea > *, div.plotly-graph-div');
    return fig ? figureOf(fig) : 'book';
  };
  return r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), where: where(n.target),
                                 summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240) })),
  }));
}""".replace("FIGURE_OF", FIGURE_OF_JS)


def axe_audit(page, book_report, chapter: str, theme: str) -> list[str]:
    """Run axe (injected with ``helpers.inject_axe``) on the page as it is, in ``theme``; record and print
    every violation; return the blocking ones, described."""
    violations = page.evaluate(_AXE_JS)
    by_impact = Counter()
    lines, where = [], Counter()
    for v in violations:
        by_impact[v["impact"]] += len(v["nodes"])
        for n in v["nodes"]:
            where[(v["impact"], v["id"], n["where"])] += 1
        lines.append(f"  [{v['impact']}] {v['id']} ×{len(v['nodes'])}: {v['help']}")
        lines += [f"      {n['where']}: {n['target']} — {n['summary']}" for n in v["nodes"][:5]]
    print(f"\naxe on {chapter} ({theme}):\n" + ("\n".join(lines) or "  no violations"))
    book_report.add(
        "axe audit (violation ids: nodes, where)",
        f"{chapter} ({theme})",
        **{impact: by_impact.get(impact, 0) for impact in ("critical", "serious", "moderate", "minor")},
        ids="; ".join(f"{i}:{n} {w}" for (imp, i, w), n in sorted(where.items())) or "-",
    )
    return [
        f"({theme}) [{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(f"    {n['where']}: {n['target']} — {n['summary']}" for n in v["nodes"][:8])
        for v in violations
        if v["impact"] in BLOCKING
    ]


# ---------------------------------------------------------------- keyboard

_START_JS = """(root) => {
  document.getElementById('yat-kbd-start')?.remove();
  const anchor = root.closest('.cell') || root;
  const s = document.createElement('span');
  s.id = 'yat-kbd-start';
  s.tabIndex = -1;
  anchor.before(s);
  s.focus();
  return document.activeElement === s;
}"""

# Where the focus is, relative to the widget, and what kind of control has it.
_FOCUS_JS = """(root) => {
  const a = document.activeElement;
  if (!a || a === document.body) return { where: 'nowhere' };
  if (!root.contains(a)) {
    return { where: (root.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) ? 'after' : 'before' };
  }
  const s = getComputedStyle(a);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
    || (s.boxShadow && s.boxShadow !== 'none');
  const tag = a.tagName.toLowerCase();
  const name = (a.getAttribute('aria-label') || (a.labels && a.labels[0] && a.labels[0].textContent)
                || a.textContent || a.getAttribute('title') || tag).trim().replace(/\\s+/g, ' ').slice(0, 50);
  const info = { where: 'in', tag, name, visible, type: a.type || '', role: a.getAttribute('role') || '',
                 pressed: a.getAttribute('aria-pressed'), disabled: Boolean(a.disabled) };
  if (tag === 'input' && a.type === 'range') info.atMax = Number(a.value) >= Number(a.max);
  if (tag === 'select') info.atEnd = a.selectedIndex >= a.options.length - 1;
  return info;
}"""


def _keys_for(info: dict) -> list[str] | None:
    """The keys that operate the focused control, or None for one this test does not operate
    (a plain button such as play or "Save as PNG", a pressed toggle, a text field, a link)."""
    tag, typ, role = info["tag"], info["type"], info["role"]
    if info.get("disabled"):
        return None
    if tag == "input" and typ == "range":
        return ["ArrowLeft"] if info.get("atMax") else ["ArrowRight"]
    if tag == "select":
        return ["ArrowUp"] if info.get("atEnd") else ["ArrowDown"]
    if tag == "button" or role == "button":
        return ["Enter"] if info.get("pressed") == "false" else None
    if tag == "input" and typ in ("checkbox", "radio"):
        return ["Space"] if typ == "checkbox" else ["ArrowDown"]
    if tag in ("input", "textarea", "a", "summary", "details"):
        return None
    # a focusable picker (pickByKeys) or a canvas that moves a point (moveByKeys)
    return ["ArrowRight", "ArrowLeft", "ArrowUp"]


def _changed(page, handle, sig0: str, read0: str, timeout_ms: int = 1500) -> tuple[bool, bool]:
    """Wait up to ``timeout_ms`` for the figure and the read-out to change; returns (figure, read-out)."""
    js = """([root, sig0, read0]) => {
      const sig = (FIGURE_SIGNATURE)(root), read = (READOUT)(root);
      return (sig !== sig0 && read !== read0) ? [true, true] : false;
    }""".replace("FIGURE_SIGNATURE", FIGURE_SIGNATURE_JS).replace("READOUT", READOUT_JS)
    try:
        page.wait_for_function(js, arg=[handle, sig0, read0], timeout=timeout_ms, polling=100)
        return True, True
    except Exception:  # noqa: BLE001 - a timeout: report which of the two changed
        return (handle.evaluate(FIGURE_SIGNATURE_JS) != sig0, handle.evaluate(READOUT_JS) != read0)


def keyboard_check(page, handle, max_tabs: int = 40) -> tuple[bool, list[str]]:
    """Tab into the widget ``handle`` from just before it and operate its controls with keys
    until one changes both the figure and the read-out. Returns (passed, notes)."""
    notes: list[str] = []
    handle.scroll_into_view_if_needed()
    assert handle.evaluate(_START_JS), "could not place the focus before the widget"
    info = {"where": "before"}
    for _ in range(8):  # the text, links and code toggles above it
        page.keyboard.press("Tab")
        info = handle.evaluate(_FOCUS_JS)
        if info["where"] != "before":
            break
    if info["where"] != "in":
        return False, [f"Tab from before the widget goes {info['where']} it: no control is reachable with Tab"]
    first = info["name"]
    notes.append(f"first control: {first!r}")
    invisible, passed = [], False
    for _ in range(max_tabs):
        if info["where"] != "in":
            break
        if not info["visible"]:
            invisible.append(info["name"])
        keys = _keys_for(info)
        if keys:
            for key in keys:
                sig0, read0 = handle.evaluate(FIGURE_SIGNATURE_JS), handle.evaluate(READOUT_JS)
                page.keyboard.press(key)
                fig, read = _changed(page, handle, sig0, read0)
                if fig or read:
                    break
            what = (
                "figure and read-out"
                if fig and read
                else "figure only"
                if fig
                else "read-out only"
                if read
                else "nothing"
            )
            notes.append(f"{key} on {info['name']!r} changed {what}")
            if fig and read:
                passed = True
                break
        page.keyboard.press("Tab")
        info = handle.evaluate(_FOCUS_JS)
    page.evaluate("document.getElementById('yat-kbd-start')?.remove()")
    if invisible:
        passed = False
        notes.append(f"focus not visible on {invisible}")
    if not passed and not any("changed figure and read-out" in n for n in notes):
        notes.append("no control operated with keys changed both the figure and the read-out")
    return passed, notes


def check_keyboard_only(visit):
    page, book_report, chapter = visit.page, visit.book_report, visit.chapter
    views = [v for v in widget_views(page) if not v["progress"]]
    controlled_plots = [p for p in plotly_info(page) if p["sliders"] or p["menus"]]
    if not views and not controlled_plots:
        pytest.skip("no widget and no plotly figure with controls on this page")
    failures, results = [], []
    handles = page.evaluate_handle("""() => [
      ...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
      .map((tag) => { const area = tag.previousElementSibling; const view = area && area.firstElementChild;
                      return (view && (view.matches('.yl-widget[data-widget]') ? view
                                       : view.querySelector('.yl-widget[data-widget]'))) || view; })""")
    for v in views:
        handle = handles.evaluate_handle("(list, i) => list[i]", v["index"]).as_element()
        label = f"{v['figure']} ({v['name']})"
        problems = []
        if handle is None:
            failures.append(f"{label}: the widget view is missing")
            results.append(f"{v['figure']} FAIL")
            continue
        if not v["root"]:
            problems.append("not a yatlib widget root (.yl-widget[data-widget] from mountWidget)")
        elif not v["status"]:
            problems.append("no aria-live read-out (.yl-status)")
        passed, notes = keyboard_check(page, handle)
        if not passed:
            problems.append("; ".join(notes))
        print(f"\n{chapter} {label}: {'ok' if passed and not problems else 'FAIL'}: " + "; ".join(notes))
        if problems:
            failures.append(f"{label}: " + "; ".join(problems))
        results.append(f"{v['figure']} {'ok' if not problems else 'FAIL'}")
    for p in controlled_plots:
        failures.append(
            f"{p['figure']} (plotly figure {p['index']}): {p['sliders']} slider(s) and {p['menus']} button menu(s), "
            "which are not keyboard operable: make it a widget"
        )
        results.append(f"{p['figure']} FAIL (plotly controls)")
    book_report.add(
        "keyboard only",
        chapter,
        widgets=len(views),
        plotly_with_controls=len(controlled_plots),
        result=", ".join(results),
    )
    assert not failures, f"{chapter}: keyboard-only use fails for\n  " + "\n  ".join(failures)
