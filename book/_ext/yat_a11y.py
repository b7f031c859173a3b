"""Book-level accessibility fixes found by the axe audit of the browser tests
(``tests/browser/accessibility.py``); figures fix their own problems in ``yatlib/widgets``.

* Hidden code cells (myst-nb's ``hide-input``/``hide-cell``) open with a ``<summary>`` whose
  ``aria-label`` "Toggle hidden content" replaces its visible text ("Show code cell content"),
  so a reader who says what they see ("click Show code cell content") is not understood
  (WCAG 2.5.3, axe's ``label-content-name-mismatch``). The label is removed: the summary is
  then named by its visible text.
* The references page: docutils marks each entry of a citation list ``role="doc-biblioentry"``,
  a role DPUB-ARIA 1.1 deprecated; axe then finds the list (``role="list"``) holding no list
  items (``aria-required-children``, critical). Each entry becomes a ``listitem``.
* The theme's search button and colour-mode button have the same problem; the book has its own
  copies of those two templates in ``book/_templates`` (``templates_path`` in ``_config.yml``),
  which this module checks are still used, so an upgrade of the theme that renames them fails
  the build instead of silently bringing the problem back.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

TEMPLATES = Path(__file__).resolve().parents[1] / "_templates"
OVERRIDDEN = ("theme-switcher.html", "search-button-field.html")
HIDDEN_CELL_SUMMARY = '<summary aria-label="Toggle hidden content">'


def name_summaries_by_their_text(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and HIDDEN_CELL_SUMMARY in body:
        context["body"] = body.replace(HIDDEN_CELL_SUMMARY, "<summary>")


CITATION_ROLE = 'role="doc-biblioentry"'


def citations_as_list_items(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and CITATION_ROLE in body:
        context["body"] = body.replace(CITATION_ROLE, 'role="listitem"')


def check_templates(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    paths = [Path(app.confdir, p).resolve() for p in app.config.templates_path]
    if TEMPLATES.resolve() not in paths:
        raise ExtensionError(f"yat_a11y: add {TEMPLATES.relative_to(Path(app.confdir).resolve())} to templates_path")
    for name in OVERRIDDEN:
        theme_has = any(
            (Path(d) / name).is_file() or (Path(d) / "components" / name).is_file()
            for d in app.builder.theme.get_theme_dirs()
        )
        if not theme_has:
            raise ExtensionError(f"yat_a11y: the theme no longer has {name}; book/_templates/{name} overrides nothing")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_templates)
    app.connect("html-page-context", name_summaries_by_their_text)
    app.connect("html-page-context", citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
