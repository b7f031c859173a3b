"""Three editions of the book from the same notebooks: the book, the student edition, the answer key.

Every exercise of a chapter has a code cell tagged ``solution`` (also ``hide-cell``) followed by a
markdown cell tagged ``answer``, which states the answer in words, with the numbers the solution
computed pasted in by myst-nb's ``{glue:text}``. The edition is chosen when the book is built, by the
environment variable ``YATLIB_EDITION`` (or the Sphinx setting ``yat_edition``):

* ``book`` (the default): a solution and its written answer sit together in one collapsed cell
  ("Show code cell content"), as a reader of the book finds them;
* ``student``: no solution and no answer, on the pages and in the notebooks the pages offer for
  download (their copies in ``_sources``); the exercises stay;
* ``instructor``: the answer key: every solution's code and output shown open, followed by its
  answer in a framed box.

Every edition executes the same code cells (only cells' tags and markdown cells differ, which
neither myst-nb nor jupyter-cache counts as a change), so every check and finding of the book runs
in each, and a cache of executed notebooks serves all three. How: on ``source-read`` an answer cell's
markdown is wrapped in the ``yat-answer`` directive (the student edition tags it ``remove-cell``
instead); on ``doctree-read`` the student edition removes the solution cells, the book moves each
answer into its solution's collapsed cell, and the instructor's edition opens the solution cells.
A student or instructor's build shows a line above every page saying which edition it is.
An answer cell that does not directly follow a solution cell is a build warning (an error with ``-W``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

logger = logging.getLogger(__name__)

EDITIONS = ("book", "student", "instructor")
SOLUTION, ANSWER = "solution", "answer"
BANNERS = {
    "student": "Student edition: the exercises without their solutions and answers.",
    "instructor": "Instructor's edition: the answer key, every solution and answer shown.",
}


class YatAnswer(SphinxDirective):
    """The written answer to an exercise (the content of a markdown cell tagged ``answer``)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=["yat-answer"], yat_answer=True)
        nested_parse_with_titles(self.state, self.content, box)
        return [box]


def choose_edition(app: Sphinx, config: Config) -> None:
    edition = os.environ.get("YATLIB_EDITION") or config.yat_edition
    if edition not in EDITIONS:
        raise ConfigError(f"yat_editions: YATLIB_EDITION (or yat_edition) must be one of {EDITIONS}; got {edition!r}")
    config.yat_edition = edition  # a change of edition re-reads every page (the setting is an "env" one)
    if edition in BANNERS:
        config.html_theme_options = {**(config.html_theme_options or {}), "announcement": BANNERS[edition]}


def _tags(cell: dict) -> list[str]:
    return cell.setdefault("metadata", {}).setdefault("tags", [])


def mark_answers(app: Sphinx, docname: str, source: list[str]) -> None:
    """Wrap each answer cell's markdown in ``yat-answer`` (student edition: tag it ``remove-cell``)."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    changed = False
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown" or ANSWER not in cell.get("metadata", {}).get("tags", []):
            continue
        if app.config.yat_edition == "student":
            _tags(cell).append("remove-cell")
        else:
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = "`````{yat-answer}\n" + text.rstrip("\n") + "\n`````\n"
        changed = True
    if changed:
        source[0] = json.dumps(nb, ensure_ascii=False)


def _is_solution(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.container)
        and node.get("nb_element") == "cell_code"
        and f"tag_{SOLUTION}" in node.get("classes", [])
    )


def _previous(node: nodes.Element) -> nodes.Node | None:
    i = node.parent.index(node)
    return node.parent[i - 1] if i > 0 else None


def arrange(app: Sphinx, doctree: nodes.document) -> None:
    edition = app.config.yat_edition
    answers = [n for n in doctree.findall(nodes.container) if n.get("yat_answer")]
    for answer in answers:
        if not _is_solution(_previous(answer)):
            logger.warning(
                "an answer cell (tagged 'answer') must directly follow its exercise's solution cell "
                "(tagged 'solution')",
                location=answer,
            )
    solutions = [n for n in doctree.findall(nodes.container) if _is_solution(n)]
    if edition == "student":
        for node in solutions + answers:
            node.parent.remove(node)
    elif edition == "book":
        for answer in answers:
            solution = _previous(answer)
            if _is_solution(solution):
                answer.parent.remove(answer)
                solution.append(answer)
    else:  # instructor
        for node in solutions:
            node.attributes.pop("hide_mode", None)
            node["classes"].append("yat-solution-shown")


def strip_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Student edition: the notebooks offered for download (``_sources``) lose their solution and answer cells."""
    if exception is not None or app.config.yat_edition != "student" or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for path in sorted(sources.rglob("*.ipynb*")):
        try:
            nb = json.loads(path.read_text(encoding="utf8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        cells = nb.get("cells", [])
        kept = [c for c in cells if not {SOLUTION, ANSWER} & set(c.get("metadata", {}).get("tags", []))]
        if len(kept) != len(cells):
            nb["cells"] = kept
            path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf8")


def setup(app: Sphinx) -> dict:
    app.add_config_value("yat_edition", "book", "env")
    app.add_directive("yat-answer", YatAnswer)
    app.connect("config-inited", choose_edition)
    app.connect("source-read", mark_answers)
    app.connect("doctree-read", arrange)
    app.connect("build-finished", strip_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
