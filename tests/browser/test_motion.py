"""Nothing moves before the reader asks (issue #12): with the system set to reduce motion, every
figure of every page stays still, on screen, for 2 s after it has drawn (no canvas, SVG or
read-out change without input)."""

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
    moving = []
    for v in views:
        node = page.evaluate_handle(_VIEW_JS, v["index"]).as_element()
        node.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        before = (node.evaluate(FIGURE_SIGNATURE_JS), node.evaluate(READOUT_JS))
        page.wait_for_timeout(STILL_MS)
        after = (node.evaluate(FIGURE_SIGNATURE_JS), node.evaluate(READOUT_JS))
        if after != before:
            what = " and ".join(w for w, b, a in zip(("figure", "read-out"), before, after) if a != b)
            moving.append(f"{v['figure']} ({v['name']}): the {what} changed within {STILL_MS / 1000:.0f} s without input")
    book_report.add("reduced motion", chapter, widgets=len(views), moving=", ".join(m.split(":")[0] for m in moving) or "-")
    assert_clean(page)
    assert not moving, f"{chapter}: with reduced motion, figures animate on load:\n  " + "\n  ".join(moving)
