"""The built pages, as a reader sees them (``tests/text_rules.py`` says what the text must follow):
no words of the making of the book and no figure-list ids in their text, and every figure (a widget
or a plotly chart outside a folded solution) followed by its numbered caption before the next one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.toc_notebooks import toc_entries
from tests.text_rules import FIGURE_ID, KNOWN_PROCESS_WORDS, process_words

# The preface, the part pages and the chapters (not the reference pages, whose API text names arguments).
PAGES = [e for e in toc_entries() if not e.startswith(("book/references", "book/api"))]
CAPTION_LABEL = re.compile(r"^Figure [IV]+\.\d+\.\d+\.$")


def _soup(built_book: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_book / f"{page}.html").read_text(errors="replace"), "html.parser")


def _reader_text(soup: BeautifulSoup) -> str:
    """The page's text without scripts, styles and the code of code cells (their outputs stay)."""
    main = soup.find("main") or soup
    for tag in main.select("script, style, div.cell_input"):
        tag.decompose()
    return main.get_text(" ")


def _known(page: str, word: str) -> bool:
    return (f"{page}.ipynb", word.lower()) in KNOWN_PROCESS_WORDS


@pytest.mark.parametrize("page", PAGES)
def test_no_process_words_or_figure_ids_in_the_page(built_book: Path, page: str) -> None:
    text = _reader_text(_soup(built_book, page))
    words = sorted({w for w in process_words(text) if not _known(page, w)})
    assert not words, f"{page}: words of the making of the book in the page: {words}"
    ids = sorted({text[max(0, m.start() - 30) : m.end() + 5].strip() for m in FIGURE_ID.finditer(text)})
    assert not ids, f"{page}: figure-list ids a reader sees: {ids}"


def _anywidget_models(soup: BeautifulSoup) -> set[str]:
    """The ids of the page's anywidget models (a finished progress bar is a widget too, not a figure)."""
    models: set[str] = set()
    for tag in soup.select('script[type="application/vnd.jupyter.widget-state+json"]'):
        state = json.loads(tag.string or "{}").get("state", {})
        models |= {k for k, v in state.items() if v.get("model_name") == "AnyModel"}
    return models


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("notebooks/")])
def test_every_figure_has_its_caption(built_book: Path, page: str) -> None:
    soup = _soup(built_book, page)
    anywidgets = _anywidget_models(soup)
    events = []  # "figure" and "caption <label>", in page order
    for node in soup.select("div.cell_output, strong"):
        if node.name == "strong":
            if CAPTION_LABEL.match(node.get_text().strip()):
                events.append("caption " + node.get_text().strip())
            continue
        cell = node.find_parent("div", class_="cell")
        if cell is not None and "tag_hide-cell" in cell.get("class", []):
            continue  # a folded solution's output
        views = [
            json.loads(s.string or "{}").get("model_id")
            for s in node.select('script[type="application/vnd.jupyter.widget-view+json"]')
        ]
        if node.select("div.plotly-graph-div") or any(v in anywidgets for v in views):
            events.append("figure")
    problems = []
    for i, e in enumerate(events):
        after, before = (events[i + 1] if i + 1 < len(events) else ""), (events[i - 1] if i else "")
        if e == "figure" and not after.startswith("caption"):
            problems.append(f"figure {i} is not followed by its caption")
        if e.startswith("caption") and before != "figure":
            problems.append(f"{e.removeprefix('caption ')} follows no figure")
    assert not problems, f"{page}: {problems} (page order: {events})"
