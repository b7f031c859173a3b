"""Every chapter in JupyterLab, as a reader uses it: open the notebook, Run All, wait for the
kernel, then check that nothing failed, that every widget and plotly figure is drawn, and that
every control changes what its figure shows while the figure stays visible. Widgets with a live
path are asked for a state that was not precomputed (tests/lab/live_probes.py).

A screenshot per notebook goes to ``_build/screenshots/lab/``; the run ends with a table per
notebook (cells, widgets, controls that changed a figure). Select notebooks with
``YATLIB_LAB_NOTEBOOKS=part2/01,part1/06`` or ``-k``.
"""

from __future__ import annotations

import os
import re
import subprocess
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scripts.toc_notebooks import toc_notebooks
from tests.conftest import BUILD, ROOT
from tests.lab import driver
from tests.lab.live_probes import PROBES

SCREENSHOTS = BUILD / "screenshots" / "lab"
RUN_ALL_TIMEOUT_S = float(os.environ.get("YATLIB_LAB_RUN_TIMEOUT", 3600))

ALL_NOTEBOOKS = [p.relative_to(ROOT).as_posix() for p in toc_notebooks()]
_WANTED = [w.strip() for w in os.environ.get("YATLIB_LAB_NOTEBOOKS", "").split(",") if w.strip()]
NOTEBOOKS = [nb for nb in ALL_NOTEBOOKS if not _WANTED or any(w in nb for w in _WANTED)]

REPORTS = driver.REPORTS  # printed as a table at the end of the run (conftest.py)
PROBES_RUN: set[str] = set()


def _checkout_files() -> set[str]:
    """Every file git sees in the checkout, tracked or not, ignored or not, except build output (the book's,
    written by stages that may run beside this one) and the venv."""
    out = subprocess.run(
        [
            "git",
            "status",
            "--porcelain",
            "--ignored",
            "--untracked-files=all",
            "--",
            ".",
            ":(exclude).venv",
            ":(exclude)_build",
            ":(exclude)book/_static/vendor",  # the book build beside this stage fetches its JavaScript there
            ":(exclude)**/__pycache__",
            ":(exclude).hypothesis",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.splitlines())


@pytest.fixture(scope="session")
def checkout_before():
    """The checkout's files before JupyterLab starts (requested first, so it runs before the server)."""
    return _checkout_files()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_in_jupyterlab(checkout_before, notebook: str, lab, lab_page) -> None:
    page = lab_page
    report = driver.NotebookReport(notebook)
    REPORTS.append(report)
    problems = report.problems

    t_open = time.monotonic()
    driver.open_notebook(page, lab.notebook_url(notebook))
    t0 = time.monotonic()
    state = driver.run_all(page, RUN_ALL_TIMEOUT_S)
    report.run_s = time.monotonic() - t0
    report.cells, report.code_cells, report.executed = state["cells"], state["code"], state["executed"]
    for err in state["errors"]:
        problems.append(f"cell {err['cell'] + 1}: {err['ename']}: {err['evalue']}")
    if state["executed"] < state["code"] and not state["errors"]:
        problems.append(f"only {state['executed']} of {state['code']} code cells ran")

    outputs = page.locator(".jp-Notebook .jp-OutputArea-output")
    widget_outputs = page.locator(driver.WIDGET_OUTPUTS)
    plotly_outputs = page.locator(driver.PLOTLY_OUTPUTS)

    # Every output shows something; no widget failed (each is scrolled into view: a widget starts near the viewport).
    for i in range(outputs.count()):
        problem = driver.wait_rendered(page, outputs.nth(i), f"output {i + 1}", timeout_s=15)
        if problem:
            problems.append(problem)
    for i in range(plotly_outputs.count()):
        if plotly_outputs.nth(i).locator(".main-svg").count() == 0:
            problems.append(f"plotly figure {i + 1} not drawn")
    report.plotly = plotly_outputs.count()

    # Each control of every widget operated once, then each of every plotly figure.
    t_controls = time.monotonic()
    for i in range(widget_outputs.count()):
        out = widget_outputs.nth(i)
        out.scroll_into_view_if_needed()
        named = out.locator("[data-widget]")
        if named.count():
            name = named.first.get_attribute("data-widget")
        elif (
            out.locator(".widget-progress, progress").count() and not out.locator("canvas, svg, input, select").count()
        ):
            continue  # a finished progress bar (tqdm), not a figure
        else:
            name = f"widget {len(report.widgets) + 1}"
        report.widgets.append(name)
        report.controls += driver.exercise_widget(page, out, name)
        probe = PROBES.get(name)
        if probe is not None:
            try:
                report.live.append(probe(page, named.first))
                PROBES_RUN.add(name)
            except AssertionError as err:
                problems.append(f"{name}: live path: {err}")
    for i in range(plotly_outputs.count()):
        report.controls += driver.exercise_plotly(page, plotly_outputs.nth(i), f"plotly {i + 1}")
    report.controls_s = time.monotonic() - t_controls

    for c in report.controls:
        if c.collapsed:
            problems.append(
                f"{c.figure}: {c.control} ({c.kind}) collapsed the figure "
                f"from {c.height_before:.0f} px to {c.height_after:.0f} px"
            )
        elif not c.changed:
            problems.append(f"{c.figure}: {c.control} ({c.kind}) did not change the figure")
        if c.keyboard is False:
            problems.append(
                f"{c.figure}: {c.control} ({c.kind}) does not get its keys in JupyterLab "
                f"(the notebook's shortcuts take them)"
            )

    # After all that: still no error output, no widget error anywhere on the page.
    state = driver.notebook_state(page)
    for err in state["errors"]:
        msg = f"cell {err['cell'] + 1}: {err['ename']}: {err['evalue']}"
        if msg not in problems:
            problems.append(msg)
    if page.get_by_text("Error displaying widget").count():
        problems.append("a widget shows 'Error displaying widget'")
    problems += [f"page error: {e[:300]}" for e in page.yat_page_errors]

    report.screenshot = str(_screenshot(page, notebook).relative_to(ROOT))
    report.total_s = time.monotonic() - t_open
    assert not problems, f"{notebook} in JupyterLab:\n  " + "\n  ".join(problems)


def _screenshot(page, notebook: str):
    """The whole notebook in one picture: the viewport is stretched to the notebook's height."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[/\\]", "_", notebook.removeprefix("notebooks/").removesuffix(".ipynb")) + ".png")
    size = page.viewport_size
    total = page.evaluate("""() => {
      const s = document.querySelector('.jp-WindowedPanel-outer') || document.querySelector('.jp-Notebook');
                                     return s ? s.scrollHeight : document.body.scrollHeight; }""")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(total + 200, size["height"]), 16000))})
    page.evaluate("() => { const s = document.querySelector('.jp-WindowedPanel-outer'); if (s) s.scrollTop = 0; }")
    # every output laid out at the new size and painted (JupyterLab renders the cells that come into view)
    try:
        page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
            .every((o) => o.getBoundingClientRect().height > 0)""",
            timeout=10_000,
            polling=100,
        )
    except PlaywrightTimeout:
        pass  # a picture, not a check: take it as it is
    page.evaluate(
        "() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 500); })"
    )
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def test_every_live_probe_ran() -> None:
    """Each registered live probe met its widget (when every notebook was tested)."""
    if NOTEBOOKS != ALL_NOTEBOOKS or not REPORTS:
        pytest.skip("only some notebooks were tested")
    missing = sorted(set(PROBES) - PROBES_RUN)
    assert not missing, f"live probes whose widget was never found or whose probe failed: {missing}"


def test_checkout_untouched(checkout_before) -> None:
    """JupyterLab wrote nothing into the checkout (no checkpoints, workspaces, settings or saved notebooks)."""
    if not REPORTS:
        pytest.skip("no notebook was opened")
    new = _checkout_files() - checkout_before
    assert not new, f"files written into the checkout during the JupyterLab test: {sorted(new)}"
