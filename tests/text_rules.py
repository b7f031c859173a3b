"""What the book's text must follow, shared by ``tests/unit/test_book_text.py`` (the sources) and
``tests/book/test_text.py`` (the built pages).

- **Figures** are numbered in reading order, by part, chapter and position: the second figure of
  chapter 3 of Part II is "Figure II.3.2". A caption is a markdown cell of its own that starts with
  its label, ``**Figure II.3.2.**``, followed at once by an anchor, ``<span id="fig-F17"></span>``,
  that keeps the figure's id (F01 ... F29 for the figures of the list the browser tests follow, a
  short name for the others) as a stable target for links and tests.
- **Captions** are at most :data:`CAPTION_WORDS` words: what to notice, then the controls.
- **No words of the making of the book** (:data:`PROCESS_WORDS`) in what a reader reads.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.toc_notebooks import toc_notebooks

ROOT = Path(__file__).resolve().parents[1]

CAPTION_WORDS = 80
ROMAN = {"part1": "I", "part2": "II", "part3": "III"}

# "**Figure II.3.2.**" then the anchor of the figure's id.
CAPTION = re.compile(
    r"^\*\*Figure (?P<label>(?P<part>[IV]+)\.(?P<chapter>\d+)\.(?P<n>\d+))\.\*\*"
    r'<span id="fig-(?P<key>[A-Za-z0-9-]+)"></span> '
)
FIGURE_REF = re.compile(r"\bFigure ([IV]+\.\d+\.\d+)\b")
# A figure id of the list, where a reader would see it (anchors are removed before the search).
FIGURE_ID = re.compile(r"\bF\d\d\b")
ANCHOR = re.compile(r'<span id="fig-[A-Za-z0-9-]+"></span>')

# Words of the making of the book, not of its subject (matched as whole words, any case except CI).
PROCESS_WORDS = re.compile(
    r"\b(?:issues?|budgets?|break(?:s|ing)? the build|the spec|specs?|specification|tickets?|"
    r"FIGURES\.md|CLAIMS\.md|TODO|FIXME|sprints?|deliverables?|acceptance criteria)\b",
    re.I,
)
PROCESS_WORDS_CASED = re.compile(r"\bCI\d*\b")

KNOWN_PROCESS_WORDS: set[tuple[str, str]] = set()  # (notebook, word) exceptions: none

MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.S)
EXERCISE = re.compile(r"^\*\*(?:Exercise )?(\d+)\.\*\*", re.M)


def source(cell: dict) -> str:
    s = cell["source"]
    return "".join(s) if isinstance(s, list) else s


def notebooks() -> list[Path]:
    """The chapter notebooks of the toc, in reading order."""
    return toc_notebooks()


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def words(text: str) -> int:
    """The words of a caption: its text without markup, an inline formula counting as one word."""
    text = ANCHOR.sub("", text)
    text = MATH.sub(" x ", text)
    text = re.sub(r"[*_`]", "", text)
    return len(text.split())


@dataclass(frozen=True)
class Caption:
    notebook: str
    index: int  # the cell's index
    text: str
    label: str  # "II.3.2"
    key: str  # "F17", "F17-rare", "training-curves"
    part: str
    chapter: int
    n: int


def captions(path: Path) -> list[Caption]:
    """The caption cells of a notebook (markdown cells starting with ``**Figure``), in order.
    A caption that does not follow :data:`CAPTION` comes back with an empty label."""
    out = []
    for i, cell in enumerate(cells(path)):
        text = source(cell)
        if cell["cell_type"] != "markdown" or not text.startswith("**Figure"):
            continue
        m = CAPTION.match(text)
        if m:
            out.append(Caption(rel(path), i, text, m["label"], m["key"], m["part"], int(m["chapter"]), int(m["n"])))
        else:
            out.append(Caption(rel(path), i, text, "", "", "", 0, 0))
    return out


def chapter_of(path: Path) -> tuple[str, int]:
    """``notebooks/part2/03_warm_starts.ipynb`` -> ``("II", 3)``."""
    return ROMAN[path.parent.name], int(path.name.split("_")[0])


def process_words(text: str) -> list[str]:
    return [m.group(0) for m in PROCESS_WORDS.finditer(text)] + [m.group(0) for m in PROCESS_WORDS_CASED.finditer(text)]


def code_strings(code: str) -> list[str]:
    """The string constants of a code cell (what it can print); comments and names are not read."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return re.findall(r"\"[^\"\n]*\"|'[^'\n]*'", code)
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
