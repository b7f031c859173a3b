"""The book's text, read from the sources (``tests/text_rules.py`` says what it must follow): figures
numbered in reading order with their ids as anchors, short captions, no words of the making of the
book (each exercise's solution and written answer: tests/unit/test_ledger_and_editions.py)."""

from __future__ import annotations

import re

import pytest

from tests.text_rules import (
    ANCHOR,
    CAPTION_WORDS,
    FIGURE_ID,
    FIGURE_REF,
    KNOWN_PROCESS_WORDS,
    ROOT,
    captions,
    cells,
    chapter_of,
    code_strings,
    notebooks,
    process_words,
    rel,
    source,
    words,
)

NOTEBOOKS = notebooks()
IDS = [rel(p).removeprefix("notebooks/").removesuffix(".ipynb") for p in NOTEBOOKS]
# The figures of the list the browser tests follow, F01 ... F29: each is in the book exactly once.
LISTED = {f"F{i:02d}" for i in range(1, 30)}


def test_the_toc_has_chapter_notebooks():
    assert len(NOTEBOOKS) >= 19


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_captions_are_at_most_80_words(path):
    long = {c.text[:60]: words(c.text) for c in captions(path) if words(c.text) > CAPTION_WORDS}
    assert not long, (
        f"{rel(path)}: captions over {CAPTION_WORDS} words (move the explanation into the prose "
        f"around the figure): {long}"
    )


def test_the_word_count():
    assert words('**Figure I.1.1.**<span id="fig-F01"></span> The peak $x = w$ of **ε**.') == 7


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_figures_are_numbered_in_reading_order(path):
    part, chapter = chapter_of(path)
    found = captions(path)
    bad = [c.text[:70] for c in found if not c.label]
    assert not bad, (
        f"{rel(path)}: captions without the label and anchor "
        f"'**Figure {part}.{chapter}.n.**<span id=\"fig-ID\"></span> ': {bad}"
    )
    labels = [c.label for c in found]
    assert labels == [f"{part}.{chapter}.{n}" for n in range(1, len(found) + 1)], f"{rel(path)}: {labels}"


def test_every_figure_id_is_an_anchor_once():
    keys = [c.key for p in NOTEBOOKS for c in captions(p)]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert not twice, f"figure ids used by more than one caption: {twice}"
    listed = {k.split("-")[0] for k in keys if re.fullmatch(r"F\d\d(-[a-z]+)?", k)}
    assert listed == LISTED, f"missing: {sorted(LISTED - listed)}; not in the list: {sorted(listed - LISTED)}"


def test_figure_references_point_at_figures():
    labels = {c.label for p in NOTEBOOKS for c in captions(p)}
    texts = [(rel(p), source(c)) for p in NOTEBOOKS for c in cells(p) if c["cell_type"] == "markdown"]
    texts += [(str(md.relative_to(ROOT)), md.read_text()) for md in sorted((ROOT / "book").glob("*.md"))]
    dangling = {(where, ref) for where, text in texts for ref in FIGURE_REF.findall(text) if ref not in labels}
    assert not dangling, f"references to figures that do not exist: {sorted(dangling)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_figure_ids_in_the_text(path):
    """A reader sees "Figure II.3.2", never the id of the figure list (which stays in the anchor)."""
    hits = []
    for cell in cells(path):
        texts = [ANCHOR.sub("", source(cell))] if cell["cell_type"] == "markdown" else code_strings(source(cell))
        hits += [t[max(0, m.start() - 30) : m.end() + 10] for t in texts for m in FIGURE_ID.finditer(t)]
    assert not hits, f"{rel(path)}: figure ids in the text: {hits}"


def _process_hits(where: str, text: str) -> list[tuple[str, str]]:
    return [(where, w) for w in process_words(text) if (where, w.lower()) not in KNOWN_PROCESS_WORDS]


def test_no_process_words_in_the_notebooks():
    """Markdown and the strings a code cell can print: no "issue", "budget", "break the build", "CI"..."""
    hits = []
    for path in NOTEBOOKS:
        for cell in cells(path):
            texts = [source(cell)] if cell["cell_type"] == "markdown" else code_strings(source(cell))
            hits += [h for t in texts for h in _process_hits(rel(path), t)]
    assert not hits, f"words of the making of the book, in the reader's text: {hits}"


def test_no_process_words_in_the_book_pages():
    hits = [
        h
        for md in sorted((ROOT / "book").glob("*.md"))
        for h in _process_hits(str(md.relative_to(ROOT)), md.read_text())
    ]
    assert not hits, f"words of the making of the book, in book/*.md: {hits}"


def test_no_figure_ids_in_the_book_pages():
    """The prose pages name figures by number too (the API and reference pages are not prose)."""
    hits = [
        f"{md.name}: {t[max(0, m.start() - 30) : m.end() + 10]!r}"
        for md in sorted((ROOT / "book").glob("*.md"))
        if md.stem not in ("api", "references")
        for t in [md.read_text()]
        for m in FIGURE_ID.finditer(t)
    ]
    assert not hits, f"figure ids in book/*.md: {hits}"


def test_the_process_word_list():
    assert process_words("within the ten-minute budget of the issue; both bands break the build in CI") == [
        "budget",
        "issue",
        "break the build",
        "CI",
    ]
    assert process_words("a specific issue-free CIFAR spectrum") == ["issue"]
