"""JupyterLab fixtures: ``jupyter lab`` from the project's environment on 127.0.0.1, opened in
Debian's chromium.

The server is started as a reader would start it (``make lab``), with what a test needs to
leave no trace: a random free port, no token or password, temporary user settings,
workspaces, checkpoints, runtime and IPython folders, autosave off, no news or update check.
Nothing is written into the checkout (``test_checkout_untouched`` checks it). The kernel
inherits this process's environment, so it uses the same ``YATLIB_CACHE`` (the warm cache of
the same test run) and ``YATLIB_DATA``.

Which notebooks are tested: every notebook of ``_toc.yml``, or those whose path contains one of
the comma-separated words of ``YATLIB_LAB_NOTEBOOKS`` (e.g. ``YATLIB_LAB_NOTEBOOKS=part2/01,part1/06``),
or select with ``-k``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BUILD, ROOT
from tests.lab import driver

SCREENSHOTS_DIR = (BUILD / "screenshots" / "lab").relative_to(ROOT)

# Settings a fresh user would have, except what would write files or reach the network.
USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
STARTUP_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _jupyter() -> str:
    exe = Path(sys.executable).parent / "jupyter"
    return str(exe) if exe.exists() else (shutil.which("jupyter") or "jupyter")


class LabServer:
    """A running ``jupyter lab``: ``url`` (ending in ``/``), ``log`` (its output so far)."""

    def __init__(self, proc: subprocess.Popen, url: str, log_path: Path, tmp: Path) -> None:
        self.proc, self.url, self.log_path, self.tmp = proc, url, log_path, tmp

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def notebook_url(self, notebook: str) -> str:
        return f"{self.url}lab/tree/{notebook}?reset"

    def api(self, path: str):
        with urllib.request.urlopen(f"{self.url}api/{path}", timeout=10) as r:
            return json.loads(r.read())


def start_lab(tmp: Path) -> LabServer:
    """Start ``jupyter lab`` on a free port of 127.0.0.1 with everything it writes under ``tmp``."""
    settings = tmp / "user-settings"
    for plugin, values in USER_SETTINGS.items():
        f = settings / f"{plugin}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    for d in ("workspaces", "checkpoints", "config", "runtime", "ipython"):
        (tmp / d).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    cmd = [
        _jupyter(),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--FileCheckpoints.root_dir={tmp / 'checkpoints'}",
        "--LabApp.news_url=",
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        IPYTHONDIR=str(tmp / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_TOKEN", None)
    log_path = tmp / "jupyter-lab.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            raise RuntimeError(
                f"jupyter lab exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}api/status", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_lab(proc)
            raise RuntimeError(
                f"jupyter lab did not answer within {STARTUP_TIMEOUT_S} s:\n"
                f"{log_path.read_text(errors='replace')[-3000:]}"
            )
        time.sleep(0.5)
    return LabServer(proc, url, log_path, tmp)


def stop_lab(proc: subprocess.Popen) -> None:
    """Stop the server (and its kernels) that this test session started."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def lab():
    tmp = Path(tempfile.mkdtemp(prefix="yat-lab-"))
    server = start_lab(tmp)
    try:
        yield server
    finally:
        try:
            driver.close_ended()
        finally:
            stop_lab(server.proc)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def lab_browser(browser):
    """The run's one chromium (``browser`` in tests/conftest.py): a second Playwright instance in the
    same process would fail."""
    return browser


@pytest.fixture
def lab_page(lab_browser, lab):
    """A fresh page; requests to any host but 127.0.0.1 are aborted and recorded in ``page.yat_blocked``.

    At the end its notebook's kernel is shut down (a kernel holds JAX and the data: ~1 GB) without
    waiting for it to exit (3 s a notebook): its page stays open, asking for the shutdown, while the
    next notebook opens and its kernel starts (``driver.close_ended``)."""
    from urllib.parse import urlparse

    context = lab_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.yat_blocked, page.yat_console_errors, page.yat_page_errors = [], [], []

    def route(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.yat_blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and page.yat_console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.yat_page_errors.append(str(exc)))
    yield page
    driver.close_ended()  # a test that ended before opening its notebook
    try:  # each notebook's kernel ends with its test
        page.evaluate(
            "() => { if (window.jupyterapp) "
            "window.__yatShutdown = window.jupyterapp.serviceManager.sessions.shutdownAll(); }"
        )
        driver.ENDING.append(page)
    except Exception:  # noqa: BLE001 - the page may be gone; the server's shutdown ends its kernels
        context.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """The table of the JupyterLab test: per notebook, cells, widgets, and controls that changed a figure."""
    from tests.lab.driver import REPORTS

    if not REPORTS:
        return
    tr = terminalreporter
    tr.section("JupyterLab: every notebook, Run All, each control once")
    head = (
        f"{'notebook':<44} {'cells':>9} {'run all':>7} {'controls':>8} {'total':>6} {'widgets':>7} {'plotly':>6} "
        f"{'controls':>9}  result"
    )
    tr.write_line(head)
    tr.write_line("-" * len(head))
    for r in REPORTS:
        cells = f"{r.executed}/{r.code_cells}/{r.cells}"
        ctl = f"{r.changed}/{len(r.controls)}"
        result = "ok" if not r.problems else f"{len(r.problems)} problem(s)"
        tr.write_line(
            f"{r.notebook.removeprefix('notebooks/'):<44} {cells:>9} {r.run_s:6.0f}s {r.controls_s:7.0f}s "
            f"{r.total_s:5.0f}s {len(r.widgets):>7} {r.plotly:>6} {ctl:>9}  {result}"
        )
    tr.write_line(
        "cells: code cells run / code cells / all cells; run all: until the kernel finished; controls (s): operating "
        "the controls and the live probes; total: open, run, outputs drawn, controls, screenshot; controls: "
        "changed the figure (and kept its height) / operated"
    )
    for r in REPORTS:
        for line in r.live:
            tr.write_line(f"live: {r.notebook.removeprefix('notebooks/')}: {line}")
    for r in REPORTS:
        if r.widgets:
            tr.write_line(f"widgets in {r.notebook.removeprefix('notebooks/')}: {', '.join(r.widgets)}")
    for r in REPORTS:
        for p in r.problems:
            tr.write_line(f"PROBLEM {r.notebook.removeprefix('notebooks/')}: {p}")
    tr.write_line(f"screenshots: {SCREENSHOTS_DIR}")
