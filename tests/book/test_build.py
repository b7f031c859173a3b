"""The whole book builds from a clean ``_build`` with ``-W --keep-going``, and is offline-ready."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.toc_notebooks import toc_entries, toc_notebooks
from tests.conftest import BUILD_LOG, executed_folder


def test_book_builds(built_book: Path) -> None:
    assert (built_book / "index.html").exists()


def test_build_reused_the_executed_notebooks(built_book: Path, request) -> None:
    """When tests/notebooks executed the notebooks earlier in this run, the build took every
    notebook's outputs from there and executed none a second time."""
    if executed_folder(request.config) is None:
        pytest.skip("tests/notebooks did not run in this session: the build executed every notebook itself")
    log = BUILD_LOG.read_text(errors="replace")
    executed = sorted(set(re.findall(r"(\S+\.ipynb): Executing notebook", log)))
    reused = set(re.findall(r"(\S+\.ipynb): Using cached notebook", log))
    assert not executed, f"the build executed notebooks again (did they fail in tests/notebooks?): {executed}"
    missing = [str(p) for p in toc_notebooks() if str(p) not in reused]
    assert not missing, f"notebooks the build did not take from this run's executions: {missing}"


def test_every_toc_page_is_built(built_book: Path) -> None:
    missing = [f for f in toc_entries() if not (built_book / f"{f}.html").exists()]
    assert not missing, f"pages missing from the build: {missing}"


def test_pages_load_no_script_from_the_network(built_book: Path) -> None:
    remote = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="(https?:)?//[^"]*"', re.I)
    offenders = {}
    for page in built_book.rglob("*.html"):
        hits = [m.group(0) for m in remote.finditer(page.read_text(errors="replace"))]
        if hits:
            offenders[str(page.relative_to(built_book))] = hits[:3]
    assert not offenders, f"pages loading remote scripts or styles: {offenders}"


def test_widget_pages_embed_state_and_local_js(built_book: Path) -> None:
    for page in built_book.rglob("*.html"):
        html = page.read_text(errors="replace")
        if "application/vnd.jupyter.widget-view+json" in html:
            name = page.relative_to(built_book)
            assert "application/vnd.jupyter.widget-state+json" in html, f"{name}: widget state not embedded"
            assert "vendor/html-manager/dist/embed-amd.js" in html, f"{name}: html-manager not loaded"
        if "Plotly.newPlot" in html:
            head = html.split("</head>")[0]
            assert "vendor/plotly/plotly.min.js" in head, f"{page.name}: plotly.js not loaded"
            if "require.js" in head:  # plotly must come first, or its UMD registers with require.js
                assert head.index("plotly.min.js") < head.index("require.js"), f"{page.name}: plotly after require.js"
