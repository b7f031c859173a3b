"""The ledger page's checks of its records (book/_ext/yat_ledger.py), the editions' handling of answer
cells (book/_ext/yat_editions.py), and the exercises of the notebooks: every solution has its written answer."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts.toc_notebooks import toc_notebooks
from yatlib import claims

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import yat_editions  # noqa: E402
import yat_ledger  # noqa: E402

VERSION = claims.code_version()


def placeholder(kind, *rows):
    return yat_ledger.ledger_placeholder(kind=kind, rows=[(r + ("",))[:3] for r in rows])


def claim(cid, **kw):
    return claims.Claim(cid, "w", "1", "1", "b", True).record() | kw


def finding(fid, on=(), **kw):
    return claims.Finding(fid, "w", "1", "a", "qualified", tuple(on)).record() | kw


def problems(found, *extra):
    phs = [
        placeholder("claims", ("C01", "nb/a"), ("C18", "nb/c", "why")),
        placeholder("findings", ("B01", "nb/b")),
        *extra,
    ]
    return yat_ledger.check_records(phs, found, VERSION)


def test_a_complete_set_of_records_has_no_problem():
    assert problems({"C01": [("nb/a", claim("C01"))], "B01": [("nb/b", finding("B01", ["C01"]))]}) == []


@pytest.mark.parametrize(
    "found, words",
    [
        ({"B01": [("nb/b", finding("B01"))]}, "C01: no record"),
        (
            {"C01": [("nb/a", claim("C01", code={"yatlib": "0", "source": "old"}))], "B01": [("nb/b", finding("B01"))]},
            "C01: its record in nb/a was written by another version of the code",
        ),
        ({"C01": [("nb/x", claim("C01"))], "B01": [("nb/b", finding("B01"))]}, "recorded in nb/x, but its row"),
        (
            {"C01": [("nb/a", claim("C01")), ("nb/b", claim("C01"))], "B01": [("nb/b", finding("B01"))]},
            "recorded more than once",
        ),
        (
            {"C01": [("nb/a", claim("C01"))], "B01": [("nb/b", finding("B01"))], "B02": [("nb/b", finding("B02"))]},
            "B02: recorded in nb/b but has no row",
        ),
        (
            {"C01": [("nb/a", claim("C01"))], "B01": [("nb/b", finding("B01", ["C07"]))]},
            "bears on C07, which has no row",
        ),
        (
            {"C01": [("nb/a", claim("C01"))], "B01": [("nb/b", finding("B01"))], "C18": [("nb/c", claim("C18"))]},
            "C18: marked pending",
        ),
        ({"C01": [("nb/a", finding("C01"))], "B01": [("nb/b", finding("B01"))]}, "is not a claim record"),
    ],
)
def test_each_problem_stops_the_build_with_its_reason(found, words):
    assert any(words in p for p in problems(found)), problems(found)


def test_answer_cells_are_wrapped_or_removed_by_edition():
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {"tags": ["hide-cell", "solution"]}, "source": "x = 1"},
            {"cell_type": "markdown", "metadata": {"tags": ["answer"]}, "source": ["**Answer.** One.\n"]},
            {"cell_type": "markdown", "metadata": {}, "source": "text"},
        ]
    }
    for edition in ("book", "student"):
        app = SimpleNamespace(
            env=SimpleNamespace(doc2path=lambda d: f"{d}.ipynb"), config=SimpleNamespace(yat_edition=edition)
        )
        source = [json.dumps(nb)]
        yat_editions.mark_answers(app, "nb/a", source)
        cells = json.loads(source[0])["cells"]
        assert (
            cells[0] == nb["cells"][0] and cells[2] == nb["cells"][2]
        )  # code cells unchanged: the cache still matches
        if edition == "student":
            assert "remove-cell" in cells[1]["metadata"]["tags"]
        else:
            assert cells[1]["source"].startswith("`````{yat-answer}\n**Answer.** One.")


def _notebooks():
    return [p.relative_to(ROOT).with_suffix("").as_posix() for p in toc_notebooks()]


@pytest.mark.parametrize("notebook", _notebooks())
def test_every_exercise_has_a_solution_and_a_written_answer(notebook):
    cells = json.loads((ROOT / f"{notebook}.ipynb").read_text())["cells"]
    tags = [set(c.get("metadata", {}).get("tags", [])) for c in cells]
    solutions = [i for i, t in enumerate(tags) if "solution" in t]
    assert solutions, f"{notebook}: no cell tagged 'solution'"
    for i in solutions:
        assert cells[i]["cell_type"] == "code" and "hide-cell" in tags[i], (
            f"{notebook}: cell {i} is a collapsed code cell"
        )
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        assert nxt is not None and nxt["cell_type"] == "markdown" and "answer" in tags[i + 1], (
            f"{notebook}: the solution in cell {i} is not followed by a markdown cell tagged 'answer'"
        )
    answers = [i for i, t in enumerate(tags) if "answer" in t]
    assert all(i - 1 in solutions for i in answers), f"{notebook}: an answer cell does not follow a solution"
    hidden = [i for i, t in enumerate(tags) if "hide-cell" in t and "solution" not in t and i > min(solutions)]
    assert not hidden, f"{notebook}: collapsed code cells among the exercises not tagged 'solution': {hidden}"
