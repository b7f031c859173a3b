"""One visit per page: every check of a page of the built book runs on a single load of it.

``tests/browser/test_pages.py`` opens each page of the toc once (``Visit.open``: with reduced
motion emulated on a chapter, the page loaded and every lazy widget started by one scroll
through it) and then runs the page's checks on that visit, in this order:

1. page weight and load time (``page_weight.py``): the load and the scroll just done;
2. reduced motion (``motion.py``, chapters): nothing moves on load (the page was loaded with
   reduced motion; afterwards the visit stops emulating it);
3. themes (``themes.py``): the page as loaded, in the light theme (axe), switched to the dark
   theme by the book's button (widgets, plotly colours, axe, plotly's PNG download), and back;
4. the chapter's own checks (``chapter_*.py``, registered with ``@on_page``): each figure with the
   pointer and the keyboard, read-outs, messages, exports, screenshots;
5. keyboard only (``accessibility.py``): every widget operated with keys from the state the page
   is in (it needs no particular state, so it comes last).

Before each check after the second, ``Visit.reset`` puts back what a check may leave behind and a
fresh page would not have: the light theme, no reduced motion, the 1280 × 900 viewport, the
focus and the scroll position. Widget state is not reset: a chapter check that needs a widget as
it opens either comes first for that widget or brings it back through its controls (and asserts
that it is back). After every check the visit asserts that the check caused no console error,
no uncaught page error and no request to another host (``assert_clean``, attributed to the check).

A failing check does not stop the visit: the page's test fails at the end with every failure.
The time of each check is printed in a table at the end of the run ("one visit per page").
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable

import pytest

from tests.browser.helpers import assert_clean, book_theme, clean_marks, open_chapter, scroll_through, settle_theme

VIEWPORT = {"width": 1280, "height": 900}  # the ``page`` fixture's

# chapter -> its own checks, in the order they run (each a function of ``(page, server)``)
CHAPTER_CHECKS: dict[str, list[Callable]] = {}


def on_page(chapter: str) -> Callable[[Callable], Callable]:
    """Register ``fn(page, server)`` as a check of ``chapter`` (a path like ``notebooks/part1/02_the_kernel``),
    run on the page's one visit after the checks registered before it."""

    def register(fn: Callable) -> Callable:
        CHAPTER_CHECKS.setdefault(chapter, []).append(fn)
        return fn

    return register


class Visit:
    """One load of ``chapter`` in ``page`` (the ``page`` fixture of conftest.py) and the checks run on it."""

    def __init__(self, page, server: str, book_html, book_report, chapter: str) -> None:
        self.page, self.server, self.book_html, self.book_report, self.chapter = (
            page,
            server,
            book_html,
            book_report,
            chapter,
        )
        self.failures: list[str] = []
        self.times: list[tuple[str, float, str]] = []  # (check, seconds, ok / FAIL / skipped: why)
        self.ready_ms = self.load_ms = 0.0
        self.scrolled: dict = {}

    # -------------------------------------------------------------- the visit

    def open(self) -> None:
        """Load the page (with reduced motion on a chapter, for ``motion.py``), wait until it is ready
        and scroll through it once so that every lazy widget starts."""

        def load() -> None:
            if self.chapter.startswith("notebooks/"):
                self.page.emulate_media(reduced_motion="reduce")
            open_chapter(self.page, self.server, self.chapter)
            self.ready_ms = self.page.evaluate("performance.now()")
            self.load_ms = self.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            self.scrolled = scroll_through(self.page)

        self.run("open and scroll through", load, reset=False)

    def reset(self) -> None:
        """Put back the page-wide state a check may leave (see the module's docstring)."""
        page = self.page
        page.emulate_media(reduced_motion="no-preference")
        if page.viewport_size != VIEWPORT:
            page.set_viewport_size(VIEWPORT)
        if book_theme(page) != "light" or page.evaluate("document.documentElement.dataset.mode || 'light'") != "light":
            page.evaluate(
                "() => { document.documentElement.dataset.theme = 'light'; "
                "document.documentElement.dataset.mode = 'light'; }"
            )
            settle_theme(page, "light")
        page.evaluate(
            "() => { const a = document.activeElement; if (a && a !== document.body && a.blur) a.blur(); "
            "window.scrollTo(0, 0); }"
        )

    def run(self, name: str, check: Callable[[], object], reset: bool = True) -> None:
        """Run ``check()`` (after ``reset``), record its time and outcome, and attribute to it any
        console error, page error or blocked request that appeared while it ran."""
        page = self.page
        marks = clean_marks(page)
        t0 = time.monotonic()
        outcome = "ok"
        try:
            if reset:
                self.reset()
            check()
        except pytest.skip.Exception as skip:
            outcome = f"skipped: {skip.msg}"
        except Exception as err:  # noqa: BLE001 - every failure of the visit is reported at the end
            outcome = "FAIL"
            where = traceback.extract_tb(err.__traceback__)
            here = [f for f in where if "/tests/" in f.filename][-1:] or where[-1:]
            at = f" (at {here[0].filename.rsplit('/tests/', 1)[-1]}:{here[0].lineno})" if here else ""
            self.failures.append(f"[{name}]{at} {type(err).__name__}: {err}")
        try:
            assert_clean(page, since=marks)
        except AssertionError as err:
            outcome = "FAIL"
            self.failures.append(f"[{name}] {err}")
        self.times.append((name, time.monotonic() - t0, outcome))

    def finish(self) -> None:
        """Record the visit's times in the report and fail with every failure of the visit."""
        total = sum(t for _, t, _ in self.times)
        groups = {"open": 0.0, "weight": 0.0, "motion": 0.0, "themes": 0.0, "chapter": 0.0, "keyboard": 0.0}
        n_chapter = 0
        for name, t, _ in self.times:
            group = (
                name.split(":")[0] if name.split(":")[0] in groups else "open" if name.startswith("open") else "chapter"
            )
            groups[group] += t
            n_chapter += group == "chapter"
        self.book_report.add(
            "one visit per page (seconds per check; shared machine)",
            self.chapter,
            **{k: f"{v:.1f}" for k, v in groups.items() if k != "chapter"},
            chapter=f"{groups['chapter']:.1f} ({n_chapter})",
            total=f"{total:.1f}",
            result="ok"
            if not self.failures
            else f"{len(self.failures)} failed: " + ", ".join(n for n, _, o in self.times if o == "FAIL"),
        )
        print(
            f"\n{self.chapter}: one visit, {total:.1f} s\n"
            + "\n".join(f"  {t:6.1f} s  {name}  {outcome}" for name, t, outcome in self.times)
        )
        assert not self.failures, (
            f"{self.chapter}: {len(self.failures)} check(s) failed on its visit:\n\n" + "\n\n".join(self.failures)
        )
