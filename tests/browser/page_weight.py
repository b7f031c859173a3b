"""Weight and start-up of every page of the book (issue #12).

Per page: the size of its HTML (which embeds the widgets' state), the part of it that is widget
state, the page's own images, and in the browser the time until the page is ready (widget views,
plotly figures and math drawn) and until every widget has drawn while the reader scrolls
through it at once (widgets start lazily when they come near the viewport; each root sets
``data-drawn-ms``). No page may be over 1 MB (1 000 000 bytes) of HTML. Times are measured on a
shared machine: compare them with each other, not with a reader's laptop.
"""

from __future__ import annotations

import re

from tests.browser.helpers import widget_views

MAX_HTML_BYTES = 1_000_000
_STATE = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)
_IMAGES = re.compile(r'<img[^>]+src="((?:\.\./)*_images/[^"]+)"')


def check_page_weight_and_load_time(visit):
    """On the visit's load (``Visit.open``: loaded, ready, scrolled through once)."""
    page, book_html, book_report, chapter = visit.page, visit.book_html, visit.book_report, visit.chapter
    html_path = book_html / f"{chapter}.html"
    text = html_path.read_text(encoding="utf-8")
    size = html_path.stat().st_size
    state = sum(len(m.encode("utf-8")) for m in _STATE.findall(text))
    images = sum(
        (html_path.parent / src).resolve().stat().st_size
        for src in set(_IMAGES.findall(text))
        if (html_path.parent / src).resolve().exists()
    )

    ready, load, scrolled = visit.ready_ms, visit.load_ms, visit.scrolled
    views = widget_views(page)
    drawn = [w["drawnMs"] for w in scrolled["widgets"]]
    undrawn = [w["name"] for w in scrolled["widgets"] if w["drawnMs"] is None]
    all_drawn = max([ready] + [d for d in drawn if d is not None])
    book_report.add(
        "page weight and load time (ms since navigation; shared machine)",
        chapter,
        html_kB=round(size / 1000),
        state_kB=round(state / 1000),
        images_kB=round(images / 1000),
        load_ms=round(load),
        ready_ms=round(ready),
        all_drawn_ms=round(all_drawn) if not undrawn else "never",
        widgets=f"{len(drawn)} roots / {len(views)} views",
        over_1MB="YES" if size > MAX_HTML_BYTES else "",
    )
    print(
        f"\n{chapter}: {size / 1e6:.2f} MB HTML ({state / 1e6:.2f} MB widget state, {images / 1e6:.2f} MB images); "
        f"load {load:.0f} ms, ready {ready:.0f} ms, every widget drawn {all_drawn:.0f} ms"
        + (f"; scrolled to the centre after 3 s near the viewport: {scrolled['nudged']}" if scrolled["nudged"] else "")
    )
    assert not undrawn, f"{chapter}: widgets that never drew while scrolled into view: {undrawn}" + (
        " (chromium treated the page as hidden: it drew no frames)" if scrolled["hidden"] else ""
    )
    assert size <= MAX_HTML_BYTES, (
        f"{chapter}: {size / 1e6:.2f} MB of HTML (of which {state / 1e6:.2f} MB widget state); "
        f"the limit is {MAX_HTML_BYTES / 1e6:.0f} MB"
    )
