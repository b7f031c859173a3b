"""The whole book builds from a clean ``_build`` with ``-W --keep-going``, and is offline-ready; its pages show no
printed noise; the ledger has a graded row per claim and finding; the student and instructor editions build from
the same executed notebooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts.toc_notebooks import toc_entries, toc_notebooks
from tests.conftest import BUILD_LOG, ROOT, build_book, executed_folder


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


# ----------------------------------------------------------------- what readers see, the ledger, the editions

NOISE = ("[cache]", "Claim(", "np.float64(")
"""Strings no page may show: the cache's log, a check's repr, a numpy scalar's repr."""


def _toc_pages(built: Path) -> dict[str, str]:
    return {
        e: (built / f"{e}.html").read_text(errors="replace") for e in toc_entries() if (built / f"{e}.html").exists()
    }


def test_pages_show_no_cache_log_and_no_raw_reprs(built_book: Path) -> None:
    """Every page of the toc: no ``[cache]`` line, no ``Claim(...)`` under a check, no ``np.float64(...)``.
    (The API reference is left out: its docstrings may name the cache's ``[cache]`` lines.)"""
    offenders = {}
    for page, html in _toc_pages(built_book).items():
        if page.startswith("book/api"):
            continue
        found = [s for s in NOISE if s in html]
        if found:
            offenders[page] = found
    assert not offenders, f"pages showing printed noise: {offenders}"


def test_the_ledger_has_a_graded_row_for_every_claim_and_finding(built_book: Path) -> None:
    html = (built_book / "book" / "ledger.html").read_text(errors="replace")
    source = (ROOT / "book" / "ledger.md").read_text()
    rows = re.findall(r"^([CB]\d\d) (\S+)(  pending:.*)?$", source, re.M)
    assert len(rows) >= 18
    for rid, _chapter, pending in rows:
        row = re.search(rf'<tr[^>]*id="ledger-{rid.lower()}">(.*?)</tr>', html, re.S)
        assert row, f"the ledger has no row {rid}"
        words = re.findall(r'class="yat-verdict-(\w+)"', row.group(1))
        if pending:
            assert "pending" in row.group(1) and not words, f"{rid} should show as pending"
        else:
            assert len(words) == 1 and words[0] in ("confirmed", "qualified", "contradicted"), f"{rid}: verdict {words}"
        link = re.search(r'href="([^"#]+\.html)"', row.group(1))
        assert link and (built_book / "book" / link.group(1)).resolve().exists(), f"{rid}: no link to its chapter"


def test_each_solution_and_its_answer_are_folded_together_in_the_book(built_book: Path) -> None:
    for page, html in _toc_pages(built_book).items():
        if "tag_solution" not in html:
            continue
        cells = len(re.findall(r'class="cell[^"]*\btag_solution\b', html))
        answers = re.findall(r'<details class="[^"]*hide above-input">.*?</details>', html, re.S)
        folded = sum('class="yat-answer' in d for d in answers)
        assert folded == cells == html.count('class="yat-answer'), (
            f"{page}: {cells} solutions, {folded} answers folded in"
        )


def _edition(request, edition: str) -> Path:
    executed = executed_folder(request.config)
    if executed is None:
        pytest.skip("the editions are built from this run's executed notebooks: run tests/notebooks first (make test)")
    return build_book(executed, edition=edition)


@pytest.fixture(scope="session")
def student_book(request, built_book) -> Path:
    return _edition(request, "student")


@pytest.fixture(scope="session")
def instructor_book(request, built_book) -> Path:
    return _edition(request, "instructor")


def test_student_edition_has_the_exercises_without_solutions_or_answers(student_book: Path) -> None:
    from tests.conftest import BUILD

    log = (BUILD / "book-build-student.log").read_text(errors="replace")
    assert "Executing notebook" not in log, "the student edition executed notebooks instead of reusing this run's"
    assert "Student edition" in (student_book / "book" / "preface.html").read_text()
    for page, html in _toc_pages(student_book).items():
        assert "tag_solution" not in html and "yat-answer" not in html, f"{page}: a solution or an answer is shown"
        if page.startswith("notebooks/") and "## Exercises" in (ROOT / f"{page}.ipynb").read_text():
            assert 'id="exercises"' in html, f"{page}: the exercises are missing"
    for path in (student_book / "_sources").rglob("*.ipynb*"):
        cells = json.loads(path.read_text())["cells"]
        tagged = [c for c in cells if {"solution", "answer"} & set(c.get("metadata", {}).get("tags", []))]
        assert not tagged, f"{path.name}: the downloadable notebook keeps {len(tagged)} solution or answer cells"


def test_instructor_edition_shows_every_solution_and_answer(instructor_book: Path) -> None:
    from tests.conftest import BUILD

    log = (BUILD / "book-build-instructor.log").read_text(errors="replace")
    assert "Executing notebook" not in log, "the instructor's edition executed notebooks instead of reusing this run's"
    for page in toc_entries():
        path = ROOT / f"{page}.ipynb"
        if not path.exists():
            continue
        cells = json.loads(path.read_text())["cells"]
        n = sum("solution" in c.get("metadata", {}).get("tags", []) for c in cells)
        html = (instructor_book / f"{page}.html").read_text(errors="replace")
        assert html.count("yat-solution-shown") == n, f"{page}: {n} solutions, shown {html.count('yat-solution-shown')}"
        assert html.count('class="yat-answer') == sum("answer" in c.get("metadata", {}).get("tags", []) for c in cells)
        assert "{glue" not in html, f"{page}: an answer's number was not filled in"
