"""``yat-apidoc``: one API section per module, one line per module.

In a MyST page::

    ```{yat-apidoc}
    yatlib.kernels
    yatlib.layers
    ```

Each line becomes a section (``##``) titled with the module name, holding
``.. automodule:: <module>`` with its public members (``__all__`` when defined).
A module that cannot be imported is reported by autodoc as a warning, which the
``-W`` build turns into an error.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles


class YatApidoc(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        modules = [line.strip() for line in self.content if line.strip() and not line.strip().startswith("#")]
        text = StringList()
        source = self.get_source_info()[0]
        for mod in modules:
            # MyST markup (this directive is used from MyST pages); autodoc's
            # output is reStructuredText, hence the eval-rst block.
            for line in (
                f"## {mod}",
                "",
                "```{eval-rst}",
                f".. automodule:: {mod}",
                "   :members:",
                "   :show-inheritance:",
                "```",
                "",
            ):
                text.append(line, source)
        container = nodes.container()
        nested_parse_with_titles(self.state, text, container)
        return container.children


def setup(app: Sphinx) -> dict:
    app.add_directive("yat-apidoc", YatApidoc)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
