"""Browser fixtures: the built book served on 127.0.0.1 and opened in Debian's chromium
with every other host blocked, so a page that needs the network fails its test."""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import BUILD, build_book

CHROMIUM = os.environ.get("YATLIB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ALLOWED_HOSTS = {"127.0.0.1"}


@pytest.fixture(scope="session")
def book_html(request) -> Path:
    """The built book: this session's build if there was one, else an existing
    ``_build/html``, else a fresh build."""
    built = getattr(request.config, "_yat_book_html", None)
    if built is not None:
        return built
    if (BUILD / "html" / "index.html").exists():
        return BUILD / "html"
    return build_book()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def server(book_html: Path):
    """Base URL (ending in ``/``) of ``book_html`` served over http in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium).", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page. Requests to any host but 127.0.0.1 are aborted and recorded in
    ``page.yat_blocked``; console errors go to ``page.yat_console_errors`` and
    uncaught exceptions to ``page.yat_page_errors`` (see ``helpers.assert_clean``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.yat_blocked, page.yat_console_errors, page.yat_page_errors = [], [], []

    def route(route):
        url = route.request.url
        if urlparse(url).hostname in ALLOWED_HOSTS:
            route.continue_()
        else:
            page.yat_blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and page.yat_console_errors.append(
        f"{msg.text} @ {msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}"))
    page.on("pageerror", lambda exc: page.yat_page_errors.append(str(exc)))
    yield page
    context.close()
