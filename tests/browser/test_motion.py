"""Nothing moves before the reader asks (issue #12): with the system set to reduce motion, every
figure of every page stays still, on screen, for 2 s after it has drawn (no canvas, SVG or
read-out change without input). The figures are watched a screenful at a time, in a viewport as
tall as the page (up to 16,000 px), so a page takes 2 s per screenful, not per figure."""

from __future__ import annotations

import pytest

from tests.browser.helpers import (FIGURE_SIGNATURE_JS, READOUT_JS, assert_clean, open_chapter, page_id, scroll_through,
                                   toc_pages, widget_views)

PAGES = [p for p in toc_pages() if p.startswith("notebooks/")]
STILL_MS = 2000

_VIEW_JS = """(i) => { const tag = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')][i];
  const area = tag.previousElementSibling; const view = area && area.firstElementChild;
  return (view && (view.matches('.yl-widget[data-widget]') ? view : view.querySelector('.yl-widget[data-widget]'))) || view; }"""


@pytest.mark.parametrize("chapter", PAGES, ids=page_id)
def test_reduced_motion_nothing_moves_on_load(page, server, book_report, chapter):
    page.emulate_media(reduced_motion="reduce")
    open_chapter(page, server, chapter)
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    scroll_through(page)
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
            page.wait_for_timeout(300)
            before = [(nodes[i].evaluate(FIGURE_SIGNATURE_JS), nodes[i].evaluate(READOUT_JS)) for i in group]
            page.wait_for_timeout(STILL_MS)
            after = [(nodes[i].evaluate(FIGURE_SIGNATURE_JS), nodes[i].evaluate(READOUT_JS)) for i in group]
            for i, b, a in zip(group, before, after):
                if a != b:
                    what = " and ".join(w for w, x, z in zip(("figure", "read-out"), b, a) if x != z)
                    moving.append(f"{views[i]['figure']} ({views[i]['name']}): the {what} changed within "
                                  f"{STILL_MS / 1000:.0f} s without input")
        y += window - 200
        if y >= total:
            break
    book_report.add("reduced motion", chapter, widgets=len(views), moving=", ".join(m.split(":")[0] for m in moving) or "-")
    assert_clean(page)
    assert not moving, f"{chapter}: with reduced motion, figures animate on load:\n  " + "\n  ".join(moving)
