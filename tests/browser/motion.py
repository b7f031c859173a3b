"""Nothing moves before the reader asks (issue #12): with the system set to reduce motion, every
figure of every page stays still, on screen, for 2 s after it has drawn (no canvas, SVG or
read-out change without input). The figures are watched a screenful at a time, in a viewport as
tall as the page (up to 16,000 px), so a page takes 2 s per screenful, not per figure.

Run on the page's one visit (``visit.py``), which loads a chapter with reduced motion emulated and
scrolls through it; the visit stops emulating reduced motion after this check."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_until, widget_views
from tests.figure_signature import FIGURE_SIGNATURE_JS, READOUT_JS

STILL_MS = 2000

# Every figure of the group has drawn the same picture on two frames in a row (a figure redrawn for
# the taller viewport has finished): then the watch starts. A figure that keeps moving never gets
# there; the wait ends after 1 s and the watch that follows catches it.
_STEADY_JS = """async (nodes) => {
  const sigs = () => nodes.map((n) => (FIGURE_SIGNATURE)(n) + '|' + (READOUT)(n)).join('#');
  const frame = () => new Promise((r) => { requestAnimationFrame(() => r()); setTimeout(r, 100); });
  const a = sigs();
  await frame();
  await frame();
  return sigs() === a;
}""".replace("FIGURE_SIGNATURE", FIGURE_SIGNATURE_JS).replace("READOUT", READOUT_JS)

_VIEW_JS = """(i) => {
  const tag = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')][i];
  const area = tag.previousElementSibling; const view = area && area.firstElementChild;
  return (view && (view.matches('.yl-widget[data-widget]') ? view
                   : view.querySelector('.yl-widget[data-widget]'))) || view; }"""


def check_reduced_motion_nothing_moves_on_load(visit):
    """The visit loaded the chapter with reduced motion emulated and scrolled through it."""
    page, book_report, chapter = visit.page, visit.book_report, visit.chapter
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    views = widget_views(page)
    if not views:
        pytest.skip("no widget on this page")
    # Every figure on screen at once: the viewport is as tall as the page (up to 16,000 px at a time),
    # and each screenful of figures is watched for STILL_MS together.
    nodes = [page.evaluate_handle(_VIEW_JS, v["index"]).as_element() for v in views]
    tops = [n.evaluate("(n) => n.getBoundingClientRect().top + window.scrollY") for n in nodes]
    total = page.evaluate("document.documentElement.scrollHeight")
    window = min(max(total, 900), 16_000)
    page.set_viewport_size({"width": 1280, "height": window})
    moving, y = [], 0.0
    while True:
        group = [i for i, t in enumerate(tops) if y <= t < y + window - 200 or (y == 0 and t < 0)]
        if group:
            page.evaluate("(y) => window.scrollTo(0, y)", y)
            wait_until(page, _STEADY_JS, [nodes[i] for i in group], timeout_ms=1000, polling=100)
            before = [(nodes[i].evaluate(FIGURE_SIGNATURE_JS), nodes[i].evaluate(READOUT_JS)) for i in group]
            page.wait_for_timeout(STILL_MS)
            after = [(nodes[i].evaluate(FIGURE_SIGNATURE_JS), nodes[i].evaluate(READOUT_JS)) for i in group]
            for i, b, a in zip(group, before, after):
                if a != b:
                    what = " and ".join(w for w, x, z in zip(("figure", "read-out"), b, a) if x != z)
                    moving.append(
                        f"{views[i]['figure']} ({views[i]['name']}): the {what} changed within "
                        f"{STILL_MS / 1000:.0f} s without input"
                    )
        y += window - 200
        if y >= total:
            break
    book_report.add(
        "reduced motion", chapter, widgets=len(views), moving=", ".join(m.split(":")[0] for m in moving) or "-"
    )
    assert not moving, f"{chapter}: with reduced motion, figures animate on load:\n  " + "\n  ".join(moving)
