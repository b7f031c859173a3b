"""Every page of the book's toc, opened once in chromium, with every check of the page run on that
one visit (``visit.py``): page weight and load time, reduced motion, axe and the theme switch,
the chapter's own figure checks (``chapter_*.py``), keyboard-only use. Screenshots go to
``_build/screenshots/``; the tables at the end of the run (and ``_build/reports/``) give the
result per page, and "one visit per page" the seconds each check took.

One page: ``.venv/bin/python -m pytest tests/browser -k part2_08``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tests.browser.accessibility import check_keyboard_only
from tests.browser.helpers import page_id, toc_pages
from tests.browser.motion import check_reduced_motion_nothing_moves_on_load
from tests.browser.page_weight import check_page_weight_and_load_time
from tests.browser.themes import check_themes
from tests.browser.visit import CHAPTER_CHECKS, Visit

# The chapters' own checks register themselves with @on_page when their module is imported.
for _module in sorted(Path(__file__).parent.glob("chapter_*.py")):
    importlib.import_module(f"tests.browser.{_module.stem}")

PAGES = toc_pages()


def test_every_chapter_check_has_its_page() -> None:
    """A chapter check registered for a page that is not in the toc would never run."""
    assert not set(CHAPTER_CHECKS) - set(PAGES), (
        f"checks for pages not in _toc.yml: {sorted(set(CHAPTER_CHECKS) - set(PAGES))}"
    )


@pytest.mark.parametrize("chapter", PAGES, ids=page_id)
def test_page(page, server, book_html, book_report, chapter):
    visit = Visit(page, server, book_html, book_report, chapter)
    visit.open()
    if not visit.failures:
        visit.run("weight: page weight and load time", lambda: check_page_weight_and_load_time(visit), reset=False)
        if chapter.startswith("notebooks/"):  # loaded with reduced motion: watched before anything else moves
            visit.run(
                "motion: reduced motion, nothing moves on load",
                lambda: check_reduced_motion_nothing_moves_on_load(visit),
                reset=False,
            )
        visit.run("themes: axe light, dark theme, axe dark, plotly PNG", lambda: check_themes(visit))
        for check in CHAPTER_CHECKS.get(chapter, []):
            visit.run(f"chapter: {check.__name__}", lambda check=check: check(page, server))
        visit.run("keyboard: keyboard only", lambda: check_keyboard_only(visit))
    visit.finish()
